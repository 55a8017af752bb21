"""What every store does (replace a record's graph, answer a query), and the SPARQL updates both kinds send."""

from __future__ import annotations

from collections.abc import Iterator
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


class Store:
    """What every store does: replace a record's graph, answer a query."""

    #: How the store is named in messages (a folder or an endpoint URL).
    name: str = ""

    #: Triples :func:`~rdfbib.store.load` gathers before handing graphs to :meth:`replace_all` (0: one graph at
    #: a time, so when a server stops the load, no graph was taken from the source without being tried).
    batch_triples: int = 0

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
        """Run a SPARQL query; the default graph is the union of the record graphs."""
        raise NotImplementedError

    def close(self) -> None:
        """Release the store (files, connections)."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def trig(iri: str, triples: list[str]) -> str:
    """A graph as TriG: N-Triples lines in a graph block (a broken line stays an error, not another triple)."""
    return f"<{iri}> {{\n" + "\n".join(triples) + "\n}\n"


def replace_update(graph: GraphData) -> str:
    """The SPARQL Update that replaces a graph in one request (no empty ``INSERT DATA``: Virtuoso rejects it)."""
    g = f"<{graph.iri}>"
    if not graph.triples:
        return f"DROP SILENT GRAPH {g}"
    body = "\n".join(graph.triples)
    return f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{body}\n}} }}"


def merge_update(graph: GraphData) -> str:
    """The SPARQL Update that replaces, in one request, the statements about each subject of ``graph.triples``."""
    g = f"<{graph.iri}>"
    deletes = [f"DELETE WHERE {{ GRAPH {g} {{ {subject} ?p ?o }} }}" for subject in by_subject(graph.triples) if subject.startswith("<")]
    body = "\n".join(graph.triples)
    return " ;\n".join([*deletes, f"INSERT DATA {{ GRAPH {g} {{\n{body}\n}} }}"] if graph.triples else deletes)


def by_subject(lines: list[str]) -> dict[str, list[str]]:
    """N-Triples lines grouped by subject, in order."""
    groups: dict[str, list[str]] = {}
    for line in lines:
        groups.setdefault(line.split(" ", 1)[0], []).append(line)
    return groups
