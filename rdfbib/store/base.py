"""What every store does (replace a record's graph, answer a query), and the SPARQL updates both kinds send.

Every update keeps the *union graph* (:attr:`Store.union`) the set of the triples of all graphs: a triple a
graph gains is added to it, and a triple a graph loses is removed from it unless another graph still holds
it. Queries read the union graph only, so each fact comes back once however many records state it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import StoreError
from .graphs import GraphData

if TYPE_CHECKING:
    from typing_extensions import Self

    from .results import QueryResult


class StoreUnavailable(StoreError):
    """The store cannot take any more requests (unreachable, or it refuses the credentials): a batch stops here."""

    def __init__(self, message: str, *, source: str | None = None, endpoint: str | None = None, status: int | None = None) -> None:
        super().__init__(message, source=source, endpoint=endpoint)
        self.status = status


class StoreFull(StoreUnavailable):
    """The store's disk is full, or its files reached the size limit: no write can succeed, so a batch stops
    here, and the sources not attempted are counted rather than listed one by one."""


@dataclass(frozen=True, slots=True)
class QueryDataset:
    """The graphs a query reads instead of the union graph: the SPARQL protocol's ``default-graph-uri``
    (merged into the default graph; none: an empty one) and ``named-graph-uri`` (the only graphs ``GRAPH``
    sees)."""

    default: tuple[str, ...] = ()
    named: tuple[str, ...] = ()


class Store:
    """What every store does: replace a record's graph, answer a query."""

    #: How the store is named in messages (a folder or an endpoint URL).
    name: str = ""

    #: Triples :func:`~rdfbib.store.load` gathers before handing graphs to :meth:`replace_all` (0: one graph at
    #: a time, so when a server stops the load, no graph was taken from the source without being tried).
    batch_triples: int = 0

    #: The graph queries read, kept as the set of the triples of all graphs: None for the store's default
    #: graph (the embedded store, Oxigraph), else a named graph (Virtuoso, whose default graph is a bag).
    union: str | None = None
    #: The graphs the union gathers are those whose IRI starts so (the base; None: every named graph). Set
    #: with a named union graph: Virtuoso holds graphs of its own (virtrdf:...) that rdfbib must not gather.
    scope: str | None = None

    def replace(self, graph: GraphData) -> None:
        """Make ``graph.iri`` hold exactly ``graph.triples``, all at once or not at all."""
        raise NotImplementedError

    def replace_all(self, graphs: list[GraphData]) -> Iterator[tuple[GraphData, StoreError | None]]:
        """Replace each graph in turn, yielding it with its error (None: replaced); lazily, so a caller that
        stops taking results stops the writes."""
        for graph in graphs:
            yield graph, self._replace_one(graph)

    def _replace_one(self, graph: GraphData) -> StoreError | None:
        """:meth:`replace`, with its error returned instead of raised."""
        try:
            self.replace(graph)
        except StoreError as exc:
            return exc
        return None

    def query(self, text: str) -> QueryResult:
        """Run a SPARQL query; the default graph is the union graph (each triple of every graph once)."""
        raise NotImplementedError

    def update(self, text: str) -> None:
        """Run a SPARQL update, all at once or not at all."""
        raise NotImplementedError

    def drop(self, iri: str, provenance: str | None = None) -> None:
        """Remove a graph, and what ``provenance`` (the provenance graph) says about it, keeping the union (one update)."""
        self.update(drop_update(iri, provenance, self.union, self.scope))

    def union_missing(self) -> bool:
        """Whether the graphs hold triples and the union graph none: a store an older rdfbib wrote.

        The union is asked first: one of its triples is a single index read, while Oxigraph took 0.3 to 0.8 s to
        find one in any named graph (``GRAPH ?g``) on a store of 20,000 works and 1.8 s at 100,000 (README,
        bench/scale.py), and every ``rdfbib query`` on the embedded store opens it and asks this."""
        if self.query(f"ASK {{ {union_block(self.union, '?s ?p ?o')} }}").boolean:
            return False
        return bool(self.query(f"ASK {{ GRAPH ?g {{ ?s ?p ?o }} FILTER ({self.own_graphs('?g')}) }}").boolean)

    def rebuild_union(self) -> None:
        """Make the union graph the set of the triples of all graphs again (one update)."""
        clear = f"CLEAR SILENT GRAPH <{self.union}>" if self.union else "CLEAR SILENT DEFAULT"
        self.update(f"{clear} ;\nINSERT {{ {union_block(self.union, '?s ?p ?o')} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER ({self.own_graphs('?g')}) }}")

    def own_graphs(self, variable: str) -> str:
        """A SPARQL expression true for the graphs the union gathers (in :attr:`scope`; not the union graph,
        nor a temporary graph)."""
        tests = [f"!STRSTARTS(STR({variable}), {json.dumps(TEMPORARY)})"]
        tests += [f"{variable} != <{self.union}>"] if self.union else []
        tests += [f"STRSTARTS(STR({variable}), {json.dumps(self.scope)})"] if self.scope else []
        return " && ".join(tests)

    def close(self) -> None:
        """Release the store (files, connections)."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def trig(iri: str, triples: list[str]) -> str:
    """A graph as TriG: N-Triples lines in a graph block (a broken line stays an error, not another triple)."""
    return f"<{iri}> {{\n" + "\n".join(triples) + "\n}\n"


#: Graphs whose IRI starts so are a loader's temporary graphs (see :mod:`.remote`), never part of the union.
TEMPORARY = "urn:rdfbib:tmp:"


def union_block(union: str | None, pattern: str) -> str:
    """``pattern`` in the union graph: as it is for the default graph, else in a ``GRAPH`` block."""
    return f"GRAPH <{union}> {{ {pattern} }}" if union else pattern


def drop_update(iri: str, provenance: str | None, union: str | None, scope: str | None = None) -> str:
    """The SPARQL Update that removes graph ``iri`` and what ``provenance`` says about it, keeping the union graph."""
    operations = [forget_update(iri, union, scope=scope), f"DROP SILENT GRAPH <{iri}>"]
    if provenance:
        operations += [forget_update(provenance, union, [f"<{iri}>"], scope), f"DELETE WHERE {{ GRAPH <{provenance}> {{ <{iri}> ?p ?o }} }}"]
    return " ;\n".join(operations)


def forget_update(iri: str, union: str | None, subjects: list[str] | None = None, scope: str | None = None) -> str:
    """Removes from the union graph the triples of graph ``iri`` (about ``subjects`` only, when given) that no
    other graph (in ``scope``, see :attr:`Store.scope`) holds; run before the graph loses them."""
    values = f"VALUES ?s {{ {' '.join(subjects)} }} " if subjects else ""
    others = f"?h != <{iri}>" + (f" && ?h != <{union}>" if union else "") + (f" && STRSTARTS(STR(?h), {json.dumps(scope)})" if scope else "")
    return (
        f"DELETE {{ {union_block(union, '?s ?p ?o')} }} WHERE {{ {values}GRAPH <{iri}> {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} FILTER ({others}) }} }}"
    )


def gather_update(iri: str, union: str | None, subjects: list[str] | None = None) -> str:
    """Adds the triples of graph ``iri`` (about ``subjects`` only, when given) to the union graph."""
    values = f"VALUES ?s {{ {' '.join(subjects)} }} " if subjects else ""
    return f"INSERT {{ {union_block(union, '?s ?p ?o')} }} WHERE {{ {values}GRAPH <{iri}> {{ ?s ?p ?o }} }}"


def replace_update(graph: GraphData, union: str | None, scope: str | None = None) -> str:
    """The SPARQL Update that replaces a graph in one request, keeping the union graph (no empty ``INSERT
    DATA``: Virtuoso rejects it)."""
    g = f"<{graph.iri}>"
    operations = [forget_update(graph.iri, union, scope=scope), f"DROP SILENT GRAPH {g}"]
    if graph.triples:
        body = "\n".join(graph.triples)
        operations += [f"INSERT DATA {{ GRAPH {g} {{\n{body}\n}} }}", gather_update(graph.iri, union)]
    return " ;\n".join(operations)


def swap_update(temporary: str, iri: str, union: str | None, scope: str | None = None) -> str:
    """The SPARQL Update that puts a graph loaded into ``temporary`` in place of graph ``iri``, in one request."""
    return " ;\n".join([forget_update(iri, union, scope=scope), f"MOVE SILENT GRAPH <{temporary}> TO <{iri}>", gather_update(iri, union)])


def merge_update(graph: GraphData, union: str | None, scope: str | None = None) -> str:
    """The SPARQL Update that replaces, in one request, the statements about each subject of ``graph.triples``,
    keeping the union graph."""
    g = f"<{graph.iri}>"
    every = list(by_subject(graph.triples))
    subjects = [subject for subject in every if subject.startswith("<")]
    operations = [forget_update(graph.iri, union, subjects, scope)] if subjects else []
    operations += [f"DELETE WHERE {{ GRAPH {g} {{ {subject} ?p ?o }} }}" for subject in subjects]
    if graph.triples:
        body = "\n".join(graph.triples)
        operations.append(f"INSERT DATA {{ GRAPH {g} {{\n{body}\n}} }}")
        operations.append(gather_update(graph.iri, union, subjects if len(subjects) == len(every) else None))
    return " ;\n".join(operations)


def by_subject(lines: list[str]) -> dict[str, list[str]]:
    """N-Triples lines grouped by subject, in order."""
    groups: dict[str, list[str]] = {}
    for line in lines:
        groups.setdefault(line.split(" ", 1)[0], []).append(line)
    return groups
