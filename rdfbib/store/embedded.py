"""The embedded store: an on-disk Oxigraph database (pyoxigraph), written by one process at a time.

Its default graph is the union graph (:attr:`~.base.Store.union`): every write to a named graph updates it
in the same transaction, and queries read it alone (not pyoxigraph's ``use_default_graph_as_union``, which
returns a triple once per graph holding it). A store an older rdfbib wrote (graphs, no union) gets its
union built when opened for writing; opened read-only, it is refused with the command that builds it.

A new graph is one ``Store.load`` (one transaction), or, in :func:`~rdfbib.store.load`, one bulk ingestion
with the other new graphs of its batch (all of them or none); a graph the store holds already is compared
in the store (count, then membership), so a reload that changes nothing writes nothing, and a changed graph
is one ``Store.update`` that deletes the triples the record no longer has and inserts the new ones; memory
stays flat (:data:`FLUSH_EVERY`).
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..errors import StoreError
from ..files import cannot_write
from .base import QueryDataset, Store, StoreFull, drop_update, merge_update, replace_update, trig
from .digests import Digests, digest
from .graphs import GraphData
from .results import QueryResult

#: Where ``rdfbib load`` keeps its embedded store unless told otherwise.
DEFAULT_LOCATION = "rdfbib-store"
#: Triples the embedded store writes between flushes: RocksDB keeps writes in memory until a flush (up to
#: several hundred MB per index), so flushing keeps memory flat however many records are loaded (~150 MB here).
FLUSH_EVERY = 100_000
#: Triples of new graphs the embedded store writes with one bulk ingestion (see :meth:`EmbeddedStore.replace_all`):
#: 4x fewer ingestions than 100,000 cost 15-25 % less CPU on a 4-million-triple load, for a peak RSS of 1.4 GB
#: instead of 0.5 GB (pyoxigraph's loader holds the batch's quads, twice as many with the union; README, Scale).
BULK_TRIPLES = 400_000
#: How RocksDB reports a full disk or a file past the size limit (RLIMIT_FSIZE): in its text, with no errno.
_FULL = (os.strerror(errno.ENOSPC), os.strerror(errno.EFBIG))


class EmbeddedStore(Store):
    """An on-disk Oxigraph store (pyoxigraph), one process at a time."""

    batch_triples = BULK_TRIPLES

    def __init__(self, location: str | os.PathLike[str] = DEFAULT_LOCATION, *, read_only: bool = False) -> None:
        self.name = str(location)
        self.read_only = read_only
        self._store: ox.Store | None = None
        self._unflushed = 0
        path = Path(location)
        if read_only and not path.exists():
            raise StoreError("no store here (load something first with `rdfbib load`)", source=self.name, endpoint=self.name)
        problem = "is a file, not a store folder" if path.exists() and not path.is_dir() else None if read_only else cannot_write(path, folder=True)
        if problem:
            raise StoreError(f"cannot open the store: {problem}", source=self.name, endpoint=self.name)
        try:
            self._store = ox.Store.read_only(self.name) if read_only else ox.Store(self.name)
        except OSError as exc:
            # Once the folder checks above passed, RocksDB's lock is the usual cause, but say what it said.
            hint = " (is another rdfbib using it?)" if "lock" in str(exc).lower() else ""
            raise StoreError(f"cannot open the store: {exc}{hint}", source=self.name, endpoint=self.name) from None
        self._digests = Digests(self.name)
        if not read_only:
            _remove_stale_bulk_files(path)
        if self.union_missing():
            if read_only:
                self._store = None  # type: ignore[assignment]
                raise StoreError(
                    f"an older rdfbib wrote this store (no union graph): run `rdfbib load --rebuild-union --store {self.name}` once",
                    source=self.name, endpoint=self.name,
                )
            self.rebuild_union()

    def replace(self, graph: GraphData) -> None:
        """One transaction per graph, and only the difference is written (nothing when a reload changes nothing).

        Reading the old graph first is safe: the store has one writer, this process. The graph's digest
        (:mod:`.digests`) is removed before the write and stored after it.
        """
        self._digests.forget([graph.iri])
        self._replace(graph)
        if _plain(graph):
            self._digests.put(graph.iri, digest(graph.triples))
        self._digests.commit()

    def _replace(self, graph: GraphData) -> None:
        try:
            name = ox.NamedNode(graph.iri)
            if graph.merge:
                self._write(merge_update(graph, None), len(graph.triples))
            elif graph.blank_nodes:
                self._write(replace_update(graph, None), len(graph.triples))  # INSERT DATA makes the blank nodes fresh
            elif not self._store.contains_named_graph(name):
                self._store.load(_with_union(graph), ox.RdfFormat.TRIG)
                self._written(len(graph.triples))
            elif not self._holds(name, graph.triples):
                self._update(graph, name)
        except (SyntaxError, OSError, ValueError) as exc:
            if isinstance(exc, OSError):
                self._check_space(exc)
            raise StoreError(f"graph <{graph.iri}> not loaded: {exc}", source=graph.source, endpoint=self.name) from None

    def _check_space(self, exc: OSError) -> None:
        """A full disk fails every write from now on: a StoreFull naming the store, which stops a load.

        :raises StoreFull: ``exc`` says the disk is full or a file reached its size limit.
        """
        if any(text in str(exc) for text in _FULL):
            raise StoreFull(f"cannot write to the store, the load stopped: {exc}", source=self.name, endpoint=self.name) from None

    def replace_all(self, graphs: list[GraphData]) -> Iterator[tuple[GraphData, StoreError | None]]:
        """A graph whose digest (:mod:`.digests`) is the one held for it is unchanged: nothing is written.
        Graphs the store does not hold yet go in together through the bulk loader, which writes them
        all or none (pyoxigraph ingests the files of all its 1,000,000-quad batches in one RocksDB ingestion,
        after the last) at half the cost of a transaction per graph; if that fails, each is tried alone.
        Any other graph is one :meth:`replace`."""
        sums = {graph.iri: digest(graph.triples) for graph in graphs if _plain(graph)}
        held = self._digests.held(sums)
        changed = {graph.iri for graph in graphs if graph.iri not in sums or held.get(graph.iri) != sums[graph.iri] or not _plain(graph)}
        self._digests.forget(changed & held.keys())
        try:
            yield from self._replace_changed(graphs, changed, sums)
        finally:
            self._digests.commit()

    def _replace_changed(self, graphs: list[GraphData], changed: set[str], sums: dict[str, bytes]) -> Iterator[tuple[GraphData, StoreError | None]]:
        new: dict[str, GraphData] = {}
        for graph in graphs:
            if graph.iri not in changed:
                yield graph, None  # as the store holds it
                continue
            if self._is_new(graph) and graph.iri not in new:
                new[graph.iri] = graph
                continue
            yield from self._bulk(list(new.values()), sums)  # first, in case this graph is one of them again
            new.clear()
            yield graph, self._replace_one(graph)
        yield from self._bulk(list(new.values()), sums)

    def _is_new(self, graph: GraphData) -> bool:
        """A plain record graph (no blank nodes, not merged) the store does not hold, small enough to batch."""
        if not _plain(graph) or not 0 < len(graph.triples) <= BULK_TRIPLES:
            return False
        try:
            return not self._store.contains_named_graph(ox.NamedNode(graph.iri))
        except ValueError:
            return False  # not an IRI: replace() says so

    def _bulk(self, graphs: list[GraphData], sums: dict[str, bytes]) -> Iterator[tuple[GraphData, StoreError | None]]:
        """New graphs in one ingestion, stored with their digests (``sums``); when it fails, one transaction each,
        so only a bad graph fails."""
        if not graphs:
            return
        try:
            self._store.bulk_load("".join(_with_union(g) for g in graphs), ox.RdfFormat.TRIG)
        except (SyntaxError, OSError, ValueError):
            for graph in graphs:
                yield graph, self._replace_one(graph)
            return
        for graph in graphs:
            self._digests.put(graph.iri, sums[graph.iri])
            yield graph, None

    def _holds(self, name: ox.NamedNode, triples: list[str]) -> bool:
        """Whether the graph holds exactly these triples, checked in the store without reading the graph out
        (decoding every term of it costs more than writing it): as many triples, and each of them there."""
        solution = next(self._store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {name} {{ ?s ?p ?o }} }}"))  # type: ignore[call-overload]
        size = int(solution[0].value)
        if size != len(triples):
            return False
        quads = set(ox.parse(trig(name.value, triples), ox.RdfFormat.TRIG))
        return len(quads) == size and all(quad in self._store for quad in quads)

    def _update(self, graph: GraphData, name: ox.NamedNode) -> None:
        """A changed graph, in one update: delete what is gone and insert what is new, in the graph and in the
        union; what is gone leaves the union unless another graph holds it."""
        old = {f"{q.subject} {q.predicate} {q.object} .": q for q in self._store.quads_for_pattern(None, None, None, name)}
        if any(line.startswith("_:") or " _:" in line for line in old):
            self._write(replace_update(graph, None), len(old) + len(graph.triples))  # DELETE DATA takes no blank nodes
            return
        kept = set(graph.triples)
        gone = [line for line in old if line not in kept]
        added = [line for line in graph.triples if line not in old]
        operations = []
        if gone:
            operations.append(f"DELETE DATA {{ GRAPH {name} {{\n" + "\n".join(gone) + "\n} }")
        if added:
            body = "\n".join(added)
            operations.append(f"INSERT DATA {{ GRAPH {name} {{\n{body}\n}}\n{body}\n}}")
        if gone:
            rows = " ".join(f"({old[line].subject} {old[line].predicate} {old[line].object})" for line in gone)
            operations.append(f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES (?s ?p ?o) {{ {rows} }} FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} }} }}")
        if operations:
            self._write(" ;\n".join(operations), len(gone) + len(added))

    def update(self, text: str) -> None:
        """Any SPARQL update; it may change any graph, so every digest is removed first."""
        self._digests.forget_all()
        self._run(text)

    def drop(self, iri: str, provenance: str | None = None) -> None:
        self._digests.forget([iri])
        self._run(drop_update(iri, provenance, self.union, self.scope))

    def _run(self, text: str) -> None:
        try:
            self._write(text, 0)
        except (SyntaxError, OSError, ValueError) as exc:
            raise StoreError(f"update failed: {exc}", endpoint=self.name) from None

    def _write(self, update: str, triples: int) -> None:
        self._store.update(update)
        self._written(triples)

    def _written(self, triples: int) -> None:
        """Flush once :data:`FLUSH_EVERY` triples were written since the last flush."""
        self._unflushed += triples
        if self._unflushed >= FLUSH_EVERY:
            self._store.flush()
            self._unflushed = 0

    def query(self, text: str) -> QueryResult:
        answer = self.answer(text)
        if isinstance(answer, ox.QueryTriples):
            return QueryResult("graph", triples=list(answer))
        return QueryResult.read(answer.serialize(format=ox.QueryResultsFormat.JSON))

    def answer(self, text: str, dataset: QueryDataset | None = None) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """pyoxigraph's lazy answer (rows are found as they are read), for callers that stream it; the default
        graph is the union graph (each triple of every graph once), or the merge of ``dataset``'s default graphs
        (the SPARQL protocol's default-graph-uri and named-graph-uri, which name the query's dataset)."""
        graphs: dict[str, Any] = {}
        if dataset is not None:
            graphs = {"default_graph": [ox.NamedNode(g) for g in dataset.default], "named_graphs": [ox.NamedNode(g) for g in dataset.named]}
        try:
            return self._store.query(text, **graphs)
        except SyntaxError as exc:
            raise StoreError(f"bad query: {exc}", endpoint=self.name) from None
        except OSError as exc:
            raise StoreError(f"query failed: {exc}", endpoint=self.name) from None

    def close(self) -> None:
        """Flush what was written (RocksDB's log holds it already and replays it when the store is next opened).

        :raises StoreError: the flush failed (:class:`StoreFull` for a full disk).
        """
        store, self._store = self._store, None  # type: ignore[assignment]
        if store is None or self.read_only:
            return
        self._digests.close()
        try:
            store.flush()
        except OSError as exc:
            self._check_space(exc)
            raise StoreError(f"cannot flush the store: {exc}", source=self.name, endpoint=self.name) from None


def _remove_stale_bulk_files(folder: Path) -> None:
    """Remove ``bulk-*.sst`` files a killed process left.

    pyoxigraph's bulk loader writes each batch as an SST file in the store folder and then has RocksDB
    ingest it; a process killed in between (or stopped by a full disk) leaves the file, which RocksDB
    never refers to and nothing else ever removes. This process holds the store's lock (opened for
    writing), so no other process is writing one of them now.
    """
    for stale in folder.glob("bulk-*.sst"):
        stale.unlink(missing_ok=True)


def _plain(graph: GraphData) -> bool:
    """A record graph replaced whole and without blank nodes (which the store renames): one that can be
    bulk-written when new and is kept by its digest."""
    return not graph.merge and not graph.blank_nodes


def _with_union(graph: GraphData) -> str:
    """A new graph as TriG: its block, and the same triples in the default graph (the union)."""
    return trig(graph.iri, graph.triples) + "{\n" + "\n".join(graph.triples) + "\n}\n"
