"""Load records into SPARQL stores and query them: embedded Oxigraph, or any SPARQL 1.1 server.

Every record lives in its own named graph (DESIGN.md, graphs) and loading *replaces* that graph,
so loading the same pages twice changes nothing and a changed page leaves none of its old triples.
A failed record never leaves half a graph:

- embedded (pyoxigraph): a new graph is one ``Store.load`` (one transaction), or, in :func:`load`, one
  bulk ingestion with the other new graphs of its batch (all of them or none); a graph the store holds
  already is compared in the store (count, then membership), so a reload that changes nothing writes
  nothing, and a changed graph is one ``Store.update`` that deletes the triples the record no longer has
  and inserts the new ones; memory stays flat (:data:`FLUSH_EVERY`);
- Graph Store Protocol (``gsp``, the default for servers): one ``PUT`` per graph;
- SPARQL Update (``update``): the same two operations in one request, or, when that would exceed the
  request size limit, ``INSERT DATA`` chunks into a temporary graph and a final ``MOVE``; the temporary
  graph is dropped when a chunk fails.

The one graph records share, ``{BASE}provenance``, is merged instead: the statements about each subject
in the new data replace that subject's statements, so loading one record keeps the others' provenance.

>>> from rdfbib.store import open_store, load_records
>>> from rdfbib import extract
>>> with open_store("rdfbib-store") as store:                         # doctest: +SKIP
...     report = load_records(store, [extract("examples/seed-ideas-nature17038.txt")])
...     result = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
"""

from __future__ import annotations

import gzip
import json
import os
import re
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit, urlunsplit

import pyoxigraph as ox

from . import __version__, iris
from .errors import RdfbibError, SourceError, StoreError
from .writers import nt_lines, nt_term

if TYPE_CHECKING:
    import requests
    from rdflib import Dataset
    from typing_extensions import Self

    from .mapping import Mapper
    from .model import Record

#: Where ``rdfbib load`` keeps its embedded store unless told otherwise.
DEFAULT_LOCATION = "rdfbib-store"
#: Largest SPARQL Update request body sent by default (bytes); bigger graphs are sent in chunks.
DEFAULT_MAX_REQUEST = 4 * 1024 * 1024
DEFAULT_TIMEOUT = 60.0
DEFAULT_RETRIES = 3
#: Triples the embedded store writes between flushes: RocksDB keeps writes in memory until a flush (up to
#: several hundred MB per index), so flushing keeps memory flat however many records are loaded (~150 MB here).
FLUSH_EVERY = 100_000
#: Triples of new graphs the embedded store writes with one bulk ingestion (see :meth:`EmbeddedStore.replace_all`).
BULK_TRIPLES = 100_000
#: First retry delay in seconds; it doubles on each further attempt, and a Retry-After is capped to this many seconds.
BACKOFF = 0.5
MAX_RETRY_AFTER = 30.0
PROTOCOLS = ("gsp", "update")

#: RDF files ``load`` reads (their graphs kept for quad formats, else one graph per file).
RDF_FORMATS: dict[str, ox.RdfFormat] = {
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
}

#: A term in a query answer.
Answer = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
# Prologue (BASE, PREFIX, comments) before a query's form keyword.
_PROLOGUE = re.compile(r"(?:\s+|#[^\n]*|BASE\s*<[^>]*>|PREFIX\s+[^\s:]*:\s*<[^>]*>)*", re.IGNORECASE)
_FORM = re.compile(r"(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]*>")
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
# A permission error some servers send as 500 (Virtuoso: "SR186:SECURITY: No permission ..."): no retry, stop.
_DENIED = re.compile(r"SECURITY:|permission denied|no permission", re.IGNORECASE)
_HINTS = {
    401: "credentials missing or refused: pass --user/--password or --token (env RDFBIB_USER, RDFBIB_PASSWORD, RDFBIB_TOKEN)",
    403: "the server refuses updates for these credentials: grant update rights (see the README) or use other credentials",
    404: "no such endpoint: check --endpoint, --update-url and --gsp-url",
    413: "request too large for the server: use --protocol update with a smaller --max-request-size",
}


class StoreUnavailable(StoreError):
    """The store cannot take any more requests (unreachable, or it refuses the credentials): a batch stops here."""

    def __init__(self, message: str, *, source: str | None = None, endpoint: str | None = None, status: int | None = None) -> None:
        super().__init__(message, source=source, endpoint=endpoint)
        self.status = status


# -- what gets loaded -----------------------------------------------------------------------------


@dataclass(slots=True)
class GraphData:
    """One record's named graph: its IRI, its distinct triples as N-Triples lines, and where it came from.

    ``merge``: replace the statements of each subject the triples are about, not the whole graph (the
    provenance graph, shared by all records).
    """

    iri: str
    triples: list[str]
    source: str
    blank_nodes: bool = False
    merge: bool = False


@dataclass(slots=True)
class LoadReport:
    """What a load did: records loaded and failed, the triples their graphs now hold, and what stopped it, if anything."""

    loaded: int = 0
    failed: int = 0
    triples: int = 0
    failures: list[RdfbibError] = field(default_factory=list)
    stopped: StoreUnavailable | None = None

    def fail(self, error: RdfbibError) -> None:
        self.failed += 1
        self.failures.append(error)

    def summary(self) -> str:
        return f"loaded {self.loaded}, failed {self.failed}, triples {self.triples}"


def record_graph(record: Record, mapper: Mapper, *, source: str | None = None) -> GraphData:
    """A record as the graph a store holds for it."""
    lines = [line.rstrip("\n") for line in nt_lines(mapper.terms(record))]
    return GraphData(str(mapper.graph_iri(record)), lines, source or record.source)


def dataset_graphs(dataset: Dataset, *, source: str = "<dataset>", base: str | None = None) -> list[GraphData]:
    """The named graphs of an rdflib Dataset (triples in its default graph are not loaded: records have graphs)."""
    from rdflib import BNode, URIRef
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    from .terms import from_rdflib

    graphs: dict[str, dict[str, None]] = {}
    blank: set[str] = set()
    for s, p, o, ctx in dataset.quads((None, None, None, None)):
        name = ctx.identifier if ctx is not None and hasattr(ctx, "identifier") else ctx
        if not isinstance(name, URIRef) or name == DATASET_DEFAULT_GRAPH_ID:
            continue
        line = f"{nt_term(from_rdflib(s))} {nt_term(from_rdflib(p))} {nt_term(from_rdflib(o))} ."
        graphs.setdefault(str(name), {})[line] = None
        if isinstance(s, BNode) or isinstance(o, BNode):
            blank.add(str(name))
    shared = provenance_graph_iri(base)
    return [GraphData(name, list(lines), source, name in blank, name == shared) for name, lines in sorted(graphs.items())]


def rdf_format(path: str | os.PathLike[str]) -> ox.RdfFormat | None:
    """The RDF format a file name says (``.gz`` allowed), or None for anything else (a page)."""
    name = str(path).lower().removesuffix(".gz")
    return next((fmt for ext, fmt in RDF_FORMATS.items() if name.endswith(ext)), None)


def file_graph_iri(path: str | os.PathLike[str], base: str | None = None) -> str:
    """``{BASE}file/{file name}``: the graph a triples-only file (Turtle, JSON-LD, ...) is loaded into."""
    return f"{iris.resolve_base(base)}file/{iris.encode(Path(path).name, keep_slash=False)}"


def file_graphs(path: str | os.PathLike[str], *, base: str | None = None) -> list[GraphData]:
    """The graphs of an RDF file: N-Quads/TriG keep theirs; other formats (and default-graph quads) go to :func:`file_graph_iri`.

    :raises SourceError: unknown extension, unreadable or invalid file.
    """
    name = str(path)
    fmt = rdf_format(path)
    if fmt is None:
        raise SourceError(f"not an RDF file rdfbib loads (extensions: {', '.join(RDF_FORMATS)}, optionally .gz)", source=name)
    default = file_graph_iri(name.removesuffix(".gz"), base)
    graphs: dict[str, dict[str, None]] = {}
    blank: set[str] = set()
    try:
        with (gzip.open if name.lower().endswith(".gz") else open)(name, "rb") as handle:
            for quad in ox.parse(handle, fmt, base_iri=None):
                graph = quad.graph_name
                key = graph.value if isinstance(graph, ox.NamedNode) else default
                graphs.setdefault(key, {})[f"{quad.subject} {quad.predicate} {quad.object} ."] = None
                if isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode):
                    blank.add(key)
    except (OSError, EOFError) as exc:
        raise SourceError(f"cannot read: {getattr(exc, 'strerror', None) or exc}", source=name) from None
    except (SyntaxError, ValueError) as exc:
        hint = " (rdfbib fetches no remote JSON-LD context: convert without --context to load the file)" if "remote context" in str(exc) else ""
        raise SourceError(f"not valid {fmt.name}: {exc}{hint}", source=name) from None
    shared = provenance_graph_iri(base)
    return [GraphData(iri, list(lines), name, iri in blank, iri == shared) for iri, lines in graphs.items()]


def provenance_graph_iri(base: str | None = None) -> str:
    """The graph every record's provenance shares (merged, never replaced whole)."""
    return f"{iris.resolve_base(base)}provenance"


# -- stores ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class QueryResult:
    """A query's answer: rows of terms (SELECT), a boolean (ASK) or triples (CONSTRUCT/DESCRIBE)."""

    kind: str  # "select", "ask" or "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[list[Answer | None]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)


class Store:
    """What every store does: replace a record's graph, answer a query."""

    #: How the store is named in messages (a folder or an endpoint URL).
    name: str = ""

    #: Triples :func:`load` gathers before handing graphs to :meth:`replace_all` (0: one graph at a time, so
    #: when a server stops the load, no graph was taken from the source without being tried).
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


class EmbeddedStore(Store):
    """An on-disk Oxigraph store (pyoxigraph), one process at a time."""

    batch_triples = BULK_TRIPLES

    def __init__(self, location: str | os.PathLike[str] = DEFAULT_LOCATION, *, read_only: bool = False) -> None:
        self.name = str(location)
        self.read_only = read_only
        self._store: ox.Store | None = None
        self._unflushed = 0
        try:
            if read_only:
                if not Path(location).is_dir():
                    raise StoreError(f"no store at {self.name} (load something first with `rdfbib load`)", endpoint=self.name)
                self._store = ox.Store.read_only(self.name)
            else:
                self._store = ox.Store(self.name)
        except OSError as exc:
            raise StoreError(f"cannot open the store at {self.name}: {exc} (is another rdfbib using it?)", endpoint=self.name) from None

    def replace(self, graph: GraphData) -> None:
        """One transaction per graph, and only the difference is written (nothing when a reload changes nothing).

        Reading the old graph first is safe: the store has one writer, this process.
        """
        try:
            name = ox.NamedNode(graph.iri)
            if graph.merge:
                self._write(merge_update(graph), len(graph.triples))
            elif graph.blank_nodes:
                self._write(replace_update(graph), len(graph.triples))  # INSERT DATA makes the blank nodes fresh
            elif not self._store.contains_named_graph(name):
                self._store.load("\n".join(graph.triples), ox.RdfFormat.N_TRIPLES, to_graph=name)
                self._written(len(graph.triples))
            elif not self._holds(name, graph.triples):
                self._update(graph, name)
        except (SyntaxError, OSError, ValueError) as exc:
            raise StoreError(f"graph <{graph.iri}> not loaded: {exc}", source=graph.source, endpoint=self.name) from None

    def replace_all(self, graphs: list[GraphData]) -> Iterator[tuple[GraphData, StoreError | None]]:
        """Graphs the store does not hold yet go in together through the bulk loader, which writes them
        all or none (one RocksDB ingestion, below the loader's 1,000,000-quad batch) at half the cost of a
        transaction per graph; if that fails, each is tried alone. Any other graph is one :meth:`replace`."""
        new: dict[str, GraphData] = {}
        for graph in graphs:
            if self._is_new(graph) and graph.iri not in new:
                new[graph.iri] = graph
                continue
            yield from self._bulk(list(new.values()))  # first, in case this graph is one of them again
            new.clear()
            yield graph, self._replace_one(graph)
        yield from self._bulk(list(new.values()))

    def _is_new(self, graph: GraphData) -> bool:
        """A plain record graph (no blank nodes, not merged) the store does not hold, small enough to batch."""
        if graph.merge or graph.blank_nodes or not 0 < len(graph.triples) <= BULK_TRIPLES:
            return False
        try:
            return not self._store.contains_named_graph(ox.NamedNode(graph.iri))
        except ValueError:
            return False  # not an IRI: replace() says so

    def _bulk(self, graphs: list[GraphData]) -> Iterator[tuple[GraphData, StoreError | None]]:
        """New graphs in one ingestion; when it fails, one transaction each, so only a bad graph fails."""
        if not graphs:
            return
        try:
            self._store.bulk_load("".join(_trig(g.iri, g.triples) for g in graphs), ox.RdfFormat.TRIG)
        except (SyntaxError, OSError, ValueError):
            for graph in graphs:
                yield graph, self._replace_one(graph)
            return
        for graph in graphs:
            yield graph, None

    def _holds(self, name: ox.NamedNode, triples: list[str]) -> bool:
        """Whether the graph holds exactly these triples, checked in the store without reading the graph out
        (decoding every term of it costs more than writing it): as many triples, and each of them there."""
        solution = next(self._store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {name} {{ ?s ?p ?o }} }}"))  # type: ignore[call-overload]
        size = int(solution[0].value)
        if size != len(triples):
            return False
        quads = set(ox.parse(_trig(name.value, triples), ox.RdfFormat.TRIG))
        return len(quads) == size and all(quad in self._store for quad in quads)

    def _update(self, graph: GraphData, name: ox.NamedNode) -> None:
        """A changed graph: delete what is gone and insert what is new, in one update."""
        old = {f"{q.subject} {q.predicate} {q.object} ." for q in self._store.quads_for_pattern(None, None, None, name)}
        if any(line.startswith("_:") or " _:" in line for line in old):
            self._write(replace_update(graph), len(old) + len(graph.triples))  # DELETE DATA takes no blank nodes
            return
        gone = old.difference(graph.triples)
        added = [line for line in graph.triples if line not in old]
        operations = [f"{verb} DATA {{ GRAPH {name} {{\n" + "\n".join(lines) + "\n} }" for verb, lines in (("DELETE", gone), ("INSERT", added)) if lines]
        if operations:
            self._write(" ;\n".join(operations), len(gone) + len(added))

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
        try:
            answer = self._store.query(text, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise StoreError(f"bad query: {exc}", endpoint=self.name) from None
        except OSError as exc:
            raise StoreError(f"query failed: {exc}", endpoint=self.name) from None
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            variables = [v.value for v in answer.variables]
            return QueryResult("select", variables, [[solution[v] for v in variables] for solution in answer])
        return QueryResult("graph", triples=list(answer))

    def close(self) -> None:
        if self._store is not None and not self.read_only:
            self._store.flush()
        self._store = None  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class Endpoints:
    """The three URLs of a SPARQL server: query, update and the Graph Store (``{graph}`` marks the graph IRI)."""

    query: str
    update: str
    gsp: str
    oxigraph: bool = False

    def graph_url(self, graph: str) -> str:
        return self.gsp.replace("{graph}", quote(graph, safe=""))


def endpoints(query_url: str, *, update_url: str | None = None, gsp_url: str | None = None) -> Endpoints:
    """Derive the update and Graph Store URLs from the query URL, for the servers whose layout is known.

    Oxigraph ``…/query`` → ``…/update`` and ``…/store?graph=``; Virtuoso ``…/sparql`` (``…/sparql-auth``) → the
    same URL and ``…/sparql-graph-crud?graph-uri=`` (``…/sparql-graph-crud-auth``); anything else → the query URL.
    An explicit ``gsp_url`` takes a ``{graph}`` placeholder, or ends in ``=``, or gets ``?graph=`` appended.
    """
    parts = urlsplit(query_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise StoreError(f"not an http(s) endpoint URL: {query_url}", endpoint=query_url)
    path = parts.path.rstrip("/")
    oxigraph = path.endswith("/query")
    if oxigraph:
        update = urlunsplit(parts._replace(path=path[: -len("query")] + "update"))
        gsp = urlunsplit(parts._replace(path=path[: -len("query")] + "store", query="")) + "?graph={graph}"
    elif path.endswith(("/sparql", "/sparql-auth")):
        update = query_url
        crud = path.removesuffix("-auth") + "-graph-crud" + ("-auth" if path.endswith("-auth") else "")
        gsp = urlunsplit(parts._replace(path=crud, query="")) + "?graph-uri={graph}"
    else:
        update = query_url
        gsp = query_url + ("&" if parts.query else "?") + "graph={graph}"
    if gsp_url:
        gsp = gsp_url if "{graph}" in gsp_url else gsp_url + "{graph}" if gsp_url.endswith("=") else gsp_url + ("&" if "?" in gsp_url else "?") + "graph={graph}"
    return Endpoints(query_url, update_url or update, gsp, oxigraph)


class RemoteStore(Store):
    """A SPARQL 1.1 server reached over HTTP, with authentication, timeouts and bounded retries."""

    def __init__(
        self,
        endpoint: str,
        *,
        protocol: str = "gsp",
        update_url: str | None = None,
        gsp_url: str | None = None,
        user: str | None = None,
        password: str | None = None,
        token: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        retries: int = DEFAULT_RETRIES,
        max_request_size: int = DEFAULT_MAX_REQUEST,
        backoff: float = BACKOFF,
    ) -> None:
        import requests

        if protocol not in PROTOCOLS:
            raise StoreError(f"unknown protocol {protocol!r}; protocols are: {', '.join(PROTOCOLS)}", endpoint=endpoint)
        self.urls = endpoints(endpoint, update_url=update_url, gsp_url=gsp_url)
        self.name = endpoint
        self.protocol = protocol
        self.timeout = timeout
        self.retries = max(0, retries)
        self.backoff = backoff
        self.max_request_size = max_request_size
        self.session = requests.Session()
        self.session.headers["User-Agent"] = f"rdfbib/{__version__}"
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"
        elif user:
            self.session.auth = requests.auth.HTTPBasicAuth(user, password or "")
        self._credentials = (user, password or "") if user and not token else None

    # -- loading --

    def replace(self, graph: GraphData) -> None:
        try:
            if graph.merge:
                self._merge_by_update(graph)
            elif self.protocol == "gsp":
                body = ("\n".join(graph.triples) + "\n").encode("utf-8")
                self._send("PUT", self.urls.graph_url(graph.iri), body, "application/n-triples", f"graph <{graph.iri}>")
            else:
                self._replace_by_update(graph)
        except StoreError as exc:
            exc.source = exc.source or graph.source
            raise

    def _replace_by_update(self, graph: GraphData) -> None:
        g = f"<{graph.iri}>"
        whole = replace_update(graph)
        if len(whole.encode("utf-8")) <= self.max_request_size:
            self._update(whole, graph.iri)
            return
        if graph.blank_nodes:
            raise StoreError(
                f"graph <{graph.iri}> has blank nodes and is larger than the request size limit ({self.max_request_size} bytes); "
                "it cannot be split without renaming them: raise --max-request-size or use the Graph Store Protocol",
                endpoint=self.urls.update,
            )
        tmp = f"<urn:rdfbib:tmp:{uuid.uuid4().hex}>"
        try:
            for chunk in _chunks(graph.triples, self.max_request_size - 64 - len(tmp), graph.iri, self.urls.update):
                self._update(f"INSERT DATA {{ GRAPH {tmp} {{\n{chunk}\n}} }}", graph.iri)
            self._update(f"MOVE SILENT GRAPH {tmp} TO {g}", graph.iri)
        except StoreError:
            try:
                self._update(f"DROP SILENT GRAPH {tmp}", graph.iri, retries=0)
            except StoreError:
                pass  # the first error is the one to report; a leftover temporary graph is named urn:rdfbib:tmp:*
            raise

    def _merge_by_update(self, graph: GraphData) -> None:
        """Merge through SPARQL Update (the Graph Store Protocol has no per-subject replace), whole subjects per request."""
        piece: list[str] = []
        for lines in _by_subject(graph.triples).values():
            grown = GraphData(graph.iri, piece + lines, graph.source, merge=True)
            if piece and len(merge_update(grown).encode("utf-8")) > self.max_request_size:
                self._update(merge_update(GraphData(graph.iri, piece, graph.source, merge=True)), graph.iri)
                piece = []
            piece += lines
        if piece:
            text = merge_update(GraphData(graph.iri, piece, graph.source, merge=True))
            if len(text.encode("utf-8")) > self.max_request_size:
                raise StoreError(f"graph <{graph.iri}>: the statements about one subject exceed the request size limit ({self.max_request_size} bytes)", endpoint=self.urls.update)
            self._update(text, graph.iri)

    def _update(self, text: str, graph: str, *, retries: int | None = None) -> None:
        self._send("POST", self.urls.update, text.encode("utf-8"), "application/sparql-update", f"graph <{graph}>", retries=retries)

    # -- querying --

    def query(self, text: str) -> QueryResult:
        kind = query_kind(text)
        accept = "application/sparql-results+json" if kind in ("select", "ask") else "application/n-triples, text/turtle;q=0.9"
        form = {"query": text}
        if self.urls.oxigraph:
            form["union-default-graph"] = ""
        response = self._request("POST", self.urls.query, form, {"Accept": accept}, "query")
        content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        try:
            if kind in ("select", "ask"):
                return _json_result(response.json())
            fmt = ox.RdfFormat.from_media_type(content_type) or ox.RdfFormat.TURTLE
            return QueryResult("graph", triples=[q.triple for q in ox.parse(response.content, fmt)])
        except (ValueError, SyntaxError, KeyError, TypeError) as exc:
            raise StoreError(f"{self.urls.query}: unreadable {content_type or 'untyped'} answer: {exc}", endpoint=self.urls.query) from None

    def close(self) -> None:
        self.session.close()

    # -- HTTP --

    def _send(self, method: str, url: str, body: bytes, content_type: str, what: str, *, retries: int | None = None) -> None:
        self._request(method, url, body, {"Content-Type": content_type}, what, retries=retries)

    def _request(self, method: str, url: str, data: Any, headers: dict[str, str], what: str, *, retries: int | None = None) -> requests.Response:
        """One request with bounded retries and exponential backoff on connection errors, 429 and 5xx."""
        import requests

        attempts = 1 + (self.retries if retries is None else retries)
        shown = _shown(url)
        for attempt in range(attempts):
            last = attempt == attempts - 1
            try:
                response = self.session.request(method, url, data=data, headers=headers, timeout=self.timeout)
            except requests.Timeout:
                if last:
                    raise StoreError(f"{method} {shown}: no answer within {self.timeout:g} s after {attempts} attempts ({what})", endpoint=url) from None
            except requests.ConnectionError as exc:
                if last:
                    raise StoreUnavailable(f"{method} {shown}: cannot connect after {attempts} attempts: {_reason(exc)}", endpoint=url) from None
            else:
                if response.status_code == 401 and self._switch_to_digest(response):
                    response = self.session.request(method, url, data=data, headers=headers, timeout=self.timeout)
                if response.status_code < 400:
                    return response
                if response.status_code not in _RETRY_STATUS or last or _DENIED.search(response.text[:2000]):
                    raise _refused(method, url, response, what)
                time.sleep(min(_retry_after(response) or self.backoff * 2**attempt, MAX_RETRY_AFTER))
                continue
            time.sleep(self.backoff * 2**attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    def _switch_to_digest(self, response: requests.Response) -> bool:
        """Virtuoso's ``-auth`` endpoints want HTTP Digest: switch once when the server asks for it, or refuses
        Basic without saying what it wants (as Virtuoso 7 does)."""
        import requests

        challenge = response.headers.get("WWW-Authenticate", "").lower()
        if self._credentials is None or (challenge and not challenge.startswith("digest")) or isinstance(self.session.auth, requests.auth.HTTPDigestAuth):
            return False
        self.session.auth = requests.auth.HTTPDigestAuth(*self._credentials)
        return True


def _trig(iri: str, triples: list[str]) -> str:
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
    deletes = [f"DELETE WHERE {{ GRAPH {g} {{ {subject} ?p ?o }} }}" for subject in _by_subject(graph.triples) if subject.startswith("<")]
    body = "\n".join(graph.triples)
    return " ;\n".join([*deletes, f"INSERT DATA {{ GRAPH {g} {{\n{body}\n}} }}"] if graph.triples else deletes)


def _by_subject(lines: list[str]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for line in lines:
        groups.setdefault(line.split(" ", 1)[0], []).append(line)
    return groups


def _chunks(lines: list[str], limit: int, graph: str, url: str) -> Iterator[str]:
    """Lines joined into pieces of at most ``limit`` UTF-8 bytes (whole lines, in order)."""
    piece: list[str] = []
    size = 0
    for line in lines:
        n = len(line.encode("utf-8")) + 1
        if n > limit:
            raise StoreError(f"graph <{graph}> has a triple larger than the request size limit ({n} bytes)", endpoint=url)
        if size + n > limit and piece:
            yield "\n".join(piece)
            piece, size = [], 0
        piece.append(line)
        size += n
    if piece:
        yield "\n".join(piece)


def _shown(url: str) -> str:
    """A URL as messages show it: without its query string (graph IRIs make it long) or credentials."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2], query="", fragment=""))


def _reason(exc: Exception) -> str:
    text = str(exc)
    for marker in ("Connection refused", "Name or service not known", "Connection reset", "Connection aborted", "Remote end closed"):
        if marker in text:
            return marker.lower()
    return text[:200]


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    return float(value) if value.strip().isdigit() else None


def _refused(method: str, url: str, response: requests.Response, what: str) -> StoreError:
    status = response.status_code
    text = response.text[:2000]
    if "html" in response.headers.get("Content-Type", "").lower():
        text = _TAGS.sub(" ", text)
    body = " ".join(text.split())[:200]
    denied = status >= 500 and _DENIED.search(text) is not None
    message = f"{method} {_shown(url)} refused {what}: HTTP {status} {response.reason or ''}".rstrip()
    if body:
        message += f": {body}"
    hint = _HINTS.get(403 if denied else status)
    if hint:
        message += f" ({hint})"
    if status in (401, 403, 404) or denied:
        return StoreUnavailable(message, endpoint=url, status=status)
    return StoreError(message, endpoint=url)


def query_kind(text: str) -> str:
    """``select``, ``ask`` or ``graph`` (CONSTRUCT, DESCRIBE): which answer to ask a server for.

    :raises StoreError: no query form keyword after the prologue.
    """
    match = _FORM.match(text, _PROLOGUE.match(text).end())  # type: ignore[union-attr]
    if not match:
        raise StoreError("not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE after the prefixes")
    form = match.group(1).lower()
    return form if form in ("select", "ask") else "graph"


def _json_result(doc: dict[str, Any]) -> QueryResult:
    if "boolean" in doc:
        return QueryResult("ask", boolean=bool(doc["boolean"]))
    variables = list(doc["head"].get("vars", []))
    rows = [[_json_term(binding.get(v)) for v in variables] for binding in doc["results"]["bindings"]]
    return QueryResult("select", variables, rows)


def _json_term(value: dict[str, Any] | None) -> Answer | None:
    if value is None:
        return None
    kind = value["type"]
    if kind == "uri":
        return ox.NamedNode(value["value"])
    if kind == "bnode":
        return ox.BlankNode(value["value"])
    if kind == "triple":
        inner = value["value"]
        return ox.Triple(_json_term(inner["subject"]), _json_term(inner["predicate"]), _json_term(inner["object"]))  # type: ignore[arg-type]
    if value.get("xml:lang"):
        return ox.Literal(value["value"], language=value["xml:lang"])
    datatype = value.get("datatype")
    return ox.Literal(value["value"], datatype=ox.NamedNode(datatype)) if datatype else ox.Literal(value["value"])


# -- opening, loading, answering ------------------------------------------------------------------


def open_store(location: str | os.PathLike[str] | None = None, *, endpoint: str | None = None, read_only: bool = False, **options: Any) -> Store:
    """The embedded store at ``location`` (default ``./rdfbib-store``), or the server at ``endpoint``.

    ``options`` go to :class:`RemoteStore` (protocol, update_url, gsp_url, user, password, token, timeout,
    retries, max_request_size); credentials default to ``RDFBIB_USER``/``RDFBIB_PASSWORD``/``RDFBIB_TOKEN``.
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
) -> LoadReport:
    """Replace each graph in the store; a failed graph is counted and reported, and the batch goes on
    unless the store became unavailable (then :attr:`LoadReport.stopped` says why)."""
    report = report or LoadReport()
    for batch in _batches(graphs, store.batch_triples):
        for graph, error in store.replace_all(batch):
            if error is None:
                report.loaded += 0 if graph.merge else 1  # records; the shared provenance graph is not one
                report.triples += len(graph.triples)
                continue
            error.source = error.source or graph.source
            report.fail(error)
            if on_failure:
                on_failure(error)
            if isinstance(error, StoreUnavailable):
                report.stopped = error
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
    from .mapping import Mapper

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
    result = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
    value = result.rows[0][0] if result.rows else None
    return int(value.value) if isinstance(value, ox.Literal) else 0


# -- writing answers ------------------------------------------------------------------------------

RESULT_FORMATS = ("table", "csv", "tsv", "json")


def write_result(result: QueryResult, fmt: str = "table") -> str:
    """A query answer as text: SELECT/ASK as a table, SPARQL CSV, TSV or JSON results; CONSTRUCT/DESCRIBE as N-Triples."""
    if result.kind == "graph":
        return "".join(f"{t} .\n" for t in result.triples)
    if result.kind == "ask":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result.boolean)}) + "\n"
        return ("true" if result.boolean else "false") + "\n"
    if fmt == "json":
        return _write_json(result)
    if fmt == "csv":
        import csv
        import io

        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(result.variables)
        writer.writerows([_plain(t) for t in row] for row in result.rows)
        return out.getvalue()
    if fmt == "tsv":
        lines = ["\t".join("?" + v for v in result.variables)]
        lines += ["\t".join("" if t is None else str(t) for t in row) for row in result.rows]
        return "\n".join(lines) + "\n"
    if fmt == "table":
        return _write_table(result)
    raise StoreError(f"unknown result format {fmt!r}; formats are: {', '.join(RESULT_FORMATS)}")


def _plain(term: Answer | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return str(term)
    return term.value


def _json_value(term: Answer) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {k: _json_value(getattr(term, k)) for k in ("subject", "predicate", "object")}}
    value: dict[str, Any] = {"type": "literal", "value": term.value}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype.value != _XSD_STRING:
        value["datatype"] = term.datatype.value
    return value


def _write_json(result: QueryResult) -> str:
    bindings = [{v: _json_value(t) for v, t in zip(result.variables, row) if t is not None} for row in result.rows]
    return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}}, ensure_ascii=False, indent=1) + "\n"


def _write_table(result: QueryResult) -> str:
    cells = [[_plain(t).replace("\n", "\\n").replace("\t", "\\t") for t in row] for row in result.rows]
    widths = [max([len(v), *(len(row[i]) for row in cells)]) for i, v in enumerate(result.variables)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(result.variables, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines) + "\n"
