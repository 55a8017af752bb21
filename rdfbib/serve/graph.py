"""The served store, read-only: the union graph (each fact once) as lookups for descriptions and pages.

The store is opened read-only once, when the server starts, and shared by the request threads
(pyoxigraph's store is thread-safe); it shows the store as it was then (a load while serving is
seen after a restart).
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox

from ..store.embedded import EmbeddedStore
from ..vocab import FOAF, RDF, RDFS, SCHEMA

#: Properties whose values name a node, tried in this order.
LABELS = (str(SCHEMA.name), str(FOAF.name), str(RDFS.label))
_UNION = ox.DefaultGraph()


class ServedGraph:
    """Lookups on the union graph of a read-only embedded store."""

    def __init__(self, location: str) -> None:
        self.store = EmbeddedStore(location, read_only=True)
        self._ox: ox.Store = self.store._store  # type: ignore[assignment]

    def triples(self, subject: str | None, predicate: str | None = None, obj: ox.NamedNode | ox.Literal | None = None) -> Iterator[ox.Triple]:
        s = ox.NamedNode(subject) if subject is not None else None
        p = ox.NamedNode(predicate) if predicate is not None else None
        for quad in self._ox.quads_for_pattern(s, p, obj, _UNION):
            yield quad.triple

    def objects(self, subject: str, predicate: str) -> list[ox.NamedNode | ox.Literal]:
        """Values, sorted (the store's order is no promise), so pages are the same bytes each time."""
        return sorted((t.object for t in self.triples(subject, predicate)), key=str)  # type: ignore[misc]

    def value(self, subject: str, predicate: str) -> str | None:
        values = self.objects(subject, predicate)
        return values[0].value if values else None

    def subjects(self, predicate: str, obj: str) -> list[str]:
        return sorted({t.subject.value for t in self.triples(None, predicate, ox.NamedNode(obj))})

    def has(self, subject: str) -> bool:
        return next(self.triples(subject), None) is not None

    def types(self, subject: str) -> set[str]:
        return {o.value for o in self.objects(subject, str(RDF.type))}

    def label(self, subject: str) -> str | None:
        for predicate in LABELS:
            found = self.value(subject, predicate)
            if found:
                return found
        return None

    def describe(self, iri: str) -> list[ox.Triple]:
        """The node's triples, those of the nodes inside it (IRIs under ``iri/``: its authors, its author
        list, its identifiers) and the labels of every IRI they link to; sorted."""
        inside, todo, seen = [], [iri], {iri}
        while todo:
            node = todo.pop()
            for triple in self.triples(node):
                inside.append(triple)
                target = triple.object
                if isinstance(target, ox.NamedNode) and target.value.startswith(iri + "/") and target.value not in seen:
                    seen.add(target.value)
                    todo.append(target.value)
        described = {t.subject.value for t in inside}
        linked = sorted({t.object.value for t in inside if isinstance(t.object, ox.NamedNode)} - described)
        labels = [t for node in linked for predicate in LABELS for t in self.triples(node, predicate)]
        return sorted(set(inside + labels), key=str)

    def graph_names(self) -> list[str]:
        return sorted(name.value for name in self._ox.named_graphs() if isinstance(name, ox.NamedNode))

    def close(self) -> None:
        self.store.close()
