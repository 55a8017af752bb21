"""Opening a store and loading graphs into it: a failed graph is counted, a store that became unavailable stops the load."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import RdfbibError
from .base import Store, StoreUnavailable
from .embedded import DEFAULT_LOCATION, EmbeddedStore
from .graphs import GraphData, dataset_graphs, file_graphs, record_graph
from .remote import RemoteStore

if TYPE_CHECKING:
    from rdflib import Dataset

    from ..model import Record


@dataclass(slots=True)
class LoadReport:
    """What a load did: records loaded and failed, the triples their graphs now hold, and what stopped it, if anything."""

    loaded: int = 0
    failed: int = 0
    triples: int = 0
    failures: list[RdfbibError] = field(default_factory=list)
    stopped: StoreUnavailable | None = None
    untried: int = 0  # records taken from the sources but not tried when the load stopped

    def fail(self, error: RdfbibError) -> None:
        self.failed += 1
        self.failures.append(error)

    def summary(self) -> str:
        return f"loaded {self.loaded}, failed {self.failed}, triples {self.triples}" + (f", {self.untried} records not attempted" if self.untried else "")


def open_store(location: str | os.PathLike[str] | None = None, *, endpoint: str | None = None, read_only: bool = False, **options: Any) -> Store:
    """The embedded store at ``location`` (default ``./rdfbib-store``), or the server at ``endpoint``.

    ``options`` go to :class:`RemoteStore` (protocol, update_url, gsp_url, user, password, token, timeout,
    retries, max_request_size, base: which names its union graph); credentials default to
    ``RDFBIB_USER``/``RDFBIB_PASSWORD``/``RDFBIB_TOKEN``.
    """
    if endpoint:
        for key, var in (("user", "RDFBIB_USER"), ("password", "RDFBIB_PASSWORD"), ("token", "RDFBIB_TOKEN")):
            if not options.get(key) and os.environ.get(var):
                options[key] = os.environ[var]
        return RemoteStore(endpoint, **options)
    return EmbeddedStore(location or DEFAULT_LOCATION, read_only=read_only)


def load(
    store: Store,
    graphs: Iterable[GraphData],
    *,
    report: LoadReport | None = None,
    on_failure: Callable[[RdfbibError], None] | None = None,
    max_failures: int = 0,
) -> LoadReport:
    """Replace each graph in the store; a failed graph is counted and reported, and the batch goes on
    unless the store became unavailable (then :attr:`LoadReport.stopped` says why). ``max_failures``
    graphs failing in a row (0: no limit) count as unavailable: a server that times out or fails every
    request would otherwise cost its timeout, or an error, for every record left."""
    report = report or LoadReport()
    in_a_row = 0
    for batch in _batches(graphs, store.batch_triples):
        for tried, (graph, error) in enumerate(store.replace_all(batch), 1):
            if error is None:
                report.loaded += 0 if graph.merge else 1  # records; the shared provenance graph is not one
                report.triples += len(graph.triples)
                in_a_row = 0
                continue
            error.source = error.source or graph.source
            report.fail(error)
            if on_failure:
                on_failure(error)
            in_a_row += 1
            if not isinstance(error, StoreUnavailable) and in_a_row == max_failures:
                error = StoreUnavailable(f"stopped: {in_a_row} records in a row failed (--max-failures {max_failures})", endpoint=store.name)
                if on_failure:
                    on_failure(error)
            if isinstance(error, StoreUnavailable):
                report.stopped = error
                report.untried = len(batch) - tried
                return report
    return report


def _batches(graphs: Iterable[GraphData], triples: int) -> Iterator[list[GraphData]]:
    """Graphs in lists of about ``triples`` triples (one graph each when 0), taken from the source as needed."""
    batch: list[GraphData] = []
    size = 0
    for graph in graphs:
        batch.append(graph)
        size += len(graph.triples)
        if size >= triples:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def load_records(store: Store, records: Iterable[Record], *, base: str | None = None) -> LoadReport:
    """Load records (from :func:`rdfbib.extract`), each replacing its own graph."""
    from ..mapping import Mapper

    mapper = Mapper(base)
    return load(store, (record_graph(r, mapper) for r in records))


def load_dataset(store: Store, dataset: Dataset, *, base: str | None = None) -> LoadReport:
    """Load the named graphs of a Dataset (from :func:`rdfbib.convert`), each replacing the store's graph of that name."""
    return load(store, dataset_graphs(dataset, base=base))


def load_files(store: Store, paths: Iterable[str | os.PathLike[str]], *, base: str | None = None) -> LoadReport:
    """Load RDF files rdfbib wrote (see :func:`file_graphs`); an unreadable file is a failure, not a stop."""
    report = LoadReport()
    for path in paths:
        try:
            graphs = file_graphs(path, base=base)
        except RdfbibError as exc:
            report.fail(exc)
            continue
        load(store, graphs, report=report)
        if report.stopped:
            break
    return report


def count(store: Store, where: str = "GRAPH ?g { ?s ?p ?o }") -> int:
    """How many solutions a pattern has (e.g. triples in named graphs): for checks and reports."""
    return count_of(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")


def count_of(store: Store, query: str) -> int:
    """The number a ``SELECT (COUNT(...) AS ?n)`` query answers."""
    rows = store.query(query).rows
    return int(rows[0][0].value) if rows and rows[0][0] is not None else 0  # type: ignore[union-attr]


# -- writing answers ------------------------------------------------------------------------------
