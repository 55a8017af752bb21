"""A SPARQL 1.1 server reached over HTTP: authentication, timeouts, retries (urllib3's), two protocols.

- Graph Store Protocol (``gsp``, the default): one ``PUT`` per graph into a temporary graph, then one
  update that puts it in place and keeps the union graph (:func:`~.base.swap_update`);
- SPARQL Update (``update``): the replacement and the union in one request (:func:`~.base.replace_update`),
  or, when that would exceed the request size limit or :data:`CHUNK_TRIPLES`, ``INSERT DATA`` chunks into a
  temporary graph and the same final swap; the temporary graph is dropped when a chunk fails.

Either way readers see a record's old graph or its new one, never a part. The union graph is the server's
default graph on Oxigraph, and ``{BASE}union`` elsewhere (Virtuoso's default graph is a bag of all graphs),
which queries name as their ``default-graph-uri``. The provenance graph is merged through SPARQL Update in
either protocol (see :func:`~.base.merge_update`).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit, urlunsplit

import pyoxigraph as ox
from urllib3.util.retry import Retry

from .. import __version__
from ..errors import FormatError, StoreError
from ..iris import resolve_base
from .base import TEMPORARY, Store, StoreUnavailable, by_subject, merge_update, replace_update, swap_update
from .graphs import GraphData, union_graph_iri
from .results import QueryResult

if TYPE_CHECKING:
    import requests

#: Largest SPARQL Update request body sent by default (bytes); bigger graphs are sent in chunks.
DEFAULT_MAX_REQUEST = 4 * 1024 * 1024
#: Most triples one ``INSERT DATA`` sends: Virtuoso 7 refuses about 1,400 and more (``SP031 ... exceeded
#: 10000 lines`` of the SQL it generates), so larger graphs go in chunks through a temporary graph.
CHUNK_TRIPLES = 1000
DEFAULT_TIMEOUT = 60.0
DEFAULT_RETRIES = 3
#: urllib3's backoff factor: retries after 0, 2 x, 4 x ... this many seconds.
BACKOFF = 0.5
#: A Retry-After longer than this (seconds) is waited for this long only.
MAX_RETRY_AFTER = 30.0
PROTOCOLS = ("gsp", "update")
#: Answers worth asking again: too many requests, and a server or gateway that is not there for now. A 500
#: is not among them: the server failed on this request, and would again (Virtuoso's refusals come as 500).
RETRY_STATUSES = frozenset({429, 502, 503, 504})

# Prologue (BASE, PREFIX, comments) before a query's form keyword.
_PROLOGUE = re.compile(r"(?:\s+|#[^\n]*|BASE\s*<[^>]*>|PREFIX\s+[^\s:]*:\s*<[^>]*>)*", re.IGNORECASE)
_FORM = re.compile(r"(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
# A query that names its own graphs: it is sent without a default-graph-uri, which would override its FROM,
# and with which Virtuoso finds nothing in a GRAPH <iri> pattern.
_NAMES_GRAPHS = re.compile(r"\b(?:FROM|GRAPH)\b", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]*>")
# A permission error some servers send as 500 (Virtuoso: "SR186:SECURITY: No permission ...", "SQ033: SELECT access denied ..."): the load stops.
_DENIED = re.compile(r"SECURITY:|permission denied|no permission|access denied", re.IGNORECASE)
_HINTS = {
    401: "credentials missing or refused: pass --user/--password or --token (env RDFBIB_USER, RDFBIB_PASSWORD, RDFBIB_TOKEN)",
    403: "the server refuses updates for these credentials: grant update rights (see the README) or use other credentials",
    404: "no such endpoint: check --endpoint, --update-url and --gsp-url",
    413: "request too large for the server: use --protocol update with a smaller --max-request-size",
}


class CappedRetry(Retry):
    """urllib3's Retry, waiting no longer than :data:`MAX_RETRY_AFTER` whatever a Retry-After asks."""

    def parse_retry_after(self, retry_after: str) -> float:
        return min(super().parse_retry_after(retry_after), MAX_RETRY_AFTER)


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
        base: str | None = None,
    ) -> None:
        import requests
        from requests.adapters import HTTPAdapter

        if protocol not in PROTOCOLS:
            raise FormatError(f"unknown protocol {protocol!r}; protocols are: {', '.join(PROTOCOLS)}", source=endpoint)
        self.urls = endpoints(endpoint, update_url=update_url, gsp_url=gsp_url)
        self.name = endpoint
        self.union = None if self.urls.oxigraph else union_graph_iri(base)
        self.scope = None if self.urls.oxigraph else resolve_base(base)
        self.protocol = protocol
        self.timeout = timeout
        self.retries = max(0, retries)
        self.max_request_size = max_request_size
        self.retry = CappedRetry(
            total=self.retries,
            backoff_factor=backoff,
            status_forcelist=RETRY_STATUSES,
            allowed_methods=None,  # every request rdfbib sends is idempotent: a PUT, or a graph replaced whole
            respect_retry_after_header=True,  # delta-seconds or an HTTP date, up to MAX_RETRY_AFTER
            raise_on_status=False,  # the last answer comes back, so its status and body can be reported
        )
        self.session = requests.Session()
        self.session.mount("http://", HTTPAdapter(max_retries=self.retry))
        self.session.mount("https://", HTTPAdapter(max_retries=self.retry))
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
            elif not graph.triples:
                self._update(replace_update(graph, self.union, self.scope), graph.iri)
            elif self.protocol == "gsp":
                self._through_temporary(graph, self._put)
            else:
                self._replace_by_update(graph)
        except StoreError as exc:
            exc.source = exc.source or graph.source
            raise

    def _replace_by_update(self, graph: GraphData) -> None:
        whole = replace_update(graph, self.union, self.scope)
        if len(graph.triples) <= CHUNK_TRIPLES and len(whole.encode("utf-8")) <= self.max_request_size:
            self._update(whole, graph.iri)
            return
        if graph.blank_nodes:
            raise StoreError(
                f"graph <{graph.iri}> has blank nodes and is larger than one request ({self.max_request_size} bytes, {CHUNK_TRIPLES} triples); "
                "it cannot be split without renaming them: raise --max-request-size or use the Graph Store Protocol",
                endpoint=self.urls.update,
            )

        self._through_temporary(graph, self._insert_chunks)

    def _put(self, graph: GraphData, tmp: str) -> Iterator[None]:
        """The graph into ``tmp`` with one Graph Store Protocol PUT."""
        body = ("\n".join(graph.triples) + "\n").encode("utf-8")
        self._send("PUT", self.urls.graph_url(tmp), body, "application/n-triples", f"graph <{graph.iri}>")
        yield

    def _insert_chunks(self, graph: GraphData, tmp: str) -> Iterator[None]:
        """The graph into ``tmp`` in ``INSERT DATA`` chunks, yielding after each."""
        for chunk in _chunks(graph.triples, self.max_request_size - 64 - len(tmp), graph.iri, self.urls.update):
            self._update(f"INSERT DATA {{ GRAPH <{tmp}> {{\n{chunk}\n}} }}", graph.iri)
            yield

    def _through_temporary(self, graph: GraphData, fill: Callable[[GraphData, str], Iterator[None]]) -> None:
        """``fill`` a temporary graph (a generator yielding after each request that wrote), then put it in
        place of the graph in one update, so the record stays whole to readers. When a write fails after
        another succeeded, the temporary graph is dropped (unless the server became unavailable)."""
        tmp = f"{TEMPORARY}{uuid.uuid4().hex}"
        written = False
        try:
            for _ in fill(graph, tmp):
                written = True
            self._update(swap_update(tmp, graph.iri, self.union, self.scope), graph.iri)
        except StoreError as exc:
            if written and not isinstance(exc, StoreUnavailable):
                try:
                    self._update(f"DROP SILENT GRAPH <{tmp}>", graph.iri)
                except StoreError:
                    pass  # the first error is the one to report; a leftover temporary graph is named urn:rdfbib:tmp:*
            raise

    def _merge_by_update(self, graph: GraphData) -> None:
        """Merge through SPARQL Update (the Graph Store Protocol has no per-subject replace), whole subjects per
        request, at most :data:`CHUNK_TRIPLES` triples each unless one subject has more."""
        piece: list[str] = []
        for lines in by_subject(graph.triples).values():
            grown = GraphData(graph.iri, piece + lines, graph.source, merge=True)
            if piece and (len(grown.triples) > CHUNK_TRIPLES or len(merge_update(grown, self.union, self.scope).encode("utf-8")) > self.max_request_size):
                self._update(merge_update(GraphData(graph.iri, piece, graph.source, merge=True), self.union, self.scope), graph.iri)
                piece = []
            piece += lines
        if piece:
            text = merge_update(GraphData(graph.iri, piece, graph.source, merge=True), self.union, self.scope)
            if len(text.encode("utf-8")) > self.max_request_size:
                raise StoreError(f"graph <{graph.iri}>: the statements about one subject exceed the request size limit ({self.max_request_size} bytes)", endpoint=self.urls.update)
            self._update(text, graph.iri)

    def update(self, text: str) -> None:
        self._send("POST", self.urls.update, text.encode("utf-8"), "application/sparql-update", "update")

    def _update(self, text: str, graph: str) -> None:
        self._send("POST", self.urls.update, text.encode("utf-8"), "application/sparql-update", f"graph <{graph}>")

    # -- querying --

    def query(self, text: str) -> QueryResult:
        kind, response = self.query_response(text)
        content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        try:
            if kind in ("select", "ask"):
                return QueryResult.read(response.content, ox.QueryResultsFormat.from_media_type(content_type) or ox.QueryResultsFormat.JSON)
            fmt = ox.RdfFormat.from_media_type(content_type) or ox.RdfFormat.TURTLE
            return QueryResult("graph", triples=[q.triple for q in ox.parse(response.content, fmt)])
        except (ValueError, SyntaxError) as exc:
            raise StoreError(f"{self.urls.query}: unreadable {content_type or 'untyped'} answer: {exc}", endpoint=self.urls.query) from None

    def query_response(self, text: str, *, stream: bool = False) -> tuple[str, requests.Response]:
        """The query's kind (see :func:`query_kind`) and the server's answer; with ``stream``, its body is not
        read yet (callers that stream it read ``response.raw``)."""
        kind = query_kind(text)
        accept = "application/sparql-results+json, application/sparql-results+xml;q=0.9" if kind in ("select", "ask") else "application/n-triples, text/turtle;q=0.9"
        form = {"query": text}
        if self.union and not _NAMES_GRAPHS.search(text):
            form["default-graph-uri"] = self.union
        return kind, self._request("POST", self.urls.query, form, {"Accept": accept}, "query", stream=stream)

    def close(self) -> None:
        self.session.close()

    # -- HTTP --

    def _send(self, method: str, url: str, body: bytes, content_type: str, what: str) -> None:
        self._request(method, url, body, {"Content-Type": content_type}, what)

    def _request(self, method: str, url: str, data: Any, headers: dict[str, str], what: str, *, stream: bool = False) -> requests.Response:
        """One request; urllib3 retries connection errors, timeouts, 429, 502, 503 and 504 with exponential
        backoff, never sooner than a Retry-After (seconds or an HTTP date) asks, up to :data:`MAX_RETRY_AFTER`."""
        import requests

        attempts = 1 + self.retries
        shown = _shown(url)
        try:
            response = self.session.request(method, url, data=data, headers=headers, timeout=self.timeout, stream=stream)
            if response.status_code == 401 and self._switch_to_digest(response):
                response = self.session.request(method, url, data=data, headers=headers, timeout=self.timeout, stream=stream)
        except requests.RequestException as exc:
            if _timed_out(exc):
                raise StoreError(f"{method} {shown}: no answer within {self.timeout:g} s after {attempts} attempts ({what})", endpoint=url) from None
            raise StoreUnavailable(f"{method} {shown}: cannot connect after {attempts} attempts: {_reason(exc)}", endpoint=url) from None
        if response.status_code >= 400:
            raise _refused(method, url, response, what)
        return response

    def _switch_to_digest(self, response: requests.Response) -> bool:
        """Virtuoso's ``-auth`` endpoints want HTTP Digest: switch once when the server asks for it, or refuses
        Basic without saying what it wants (as Virtuoso 7 does)."""
        import requests

        challenge = response.headers.get("WWW-Authenticate", "").lower()
        if self._credentials is None or (challenge and not challenge.startswith("digest")) or isinstance(self.session.auth, requests.auth.HTTPDigestAuth):
            return False
        self.session.auth = requests.auth.HTTPDigestAuth(*self._credentials)
        return True


def _chunks(lines: list[str], limit: int, graph: str, url: str) -> Iterator[str]:
    """Lines joined into pieces of at most ``limit`` UTF-8 bytes and :data:`CHUNK_TRIPLES` lines (whole lines, in order)."""
    piece: list[str] = []
    size = 0
    for line in lines:
        n = len(line.encode("utf-8")) + 1
        if n > limit:
            raise StoreError(f"graph <{graph}> has a triple larger than the request size limit ({n} bytes)", endpoint=url)
        if (size + n > limit or len(piece) == CHUNK_TRIPLES) and piece:
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


def _timed_out(exc: Exception) -> bool:
    """Whether a request failed for want of an answer (a read timeout), not of a connection."""
    import requests
    from urllib3.exceptions import ReadTimeoutError

    if isinstance(exc, requests.ReadTimeout):
        return True
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    return isinstance(reason, ReadTimeoutError)


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
