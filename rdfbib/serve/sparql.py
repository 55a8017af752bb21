"""The SPARQL 1.1 Protocol at ``/sparql``, read-only: queries by GET and POST, no updates, no SERVICE.

Each query runs through :func:`rdfbib.store.querying.run_query` in one of the server's warm query
processes (:class:`rdfbib.store.querying.QueryPool`, on the read-only store; killed and replaced at the
time limit; at most the row limit of rows), and the answer is held in memory
(bounded by that limit) so that its status and headers can say whether it is complete: an answer
cut at the row limit is 200 with ``X-Rdfbib-Cut`` and a ``Warning`` header; a query that runs past
the time limit is 503 with the reason.
"""

from __future__ import annotations

import asyncio
import io
import os
import threading
from dataclasses import dataclass, field
from urllib.parse import parse_qs, unquote_to_bytes

import pyoxigraph as ox
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from ..errors import StoreError
from ..store.base import QueryDataset
from ..store.querying import QueryPool, refuse_service, run_query
from .negotiation import negotiate

#: SELECT and ASK answers: media type -> ``run_query`` format (the first is the default).
RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
    "application/xml": "xml",
}
#: CONSTRUCT and DESCRIBE answers: media type -> pyoxigraph format (the first is the default).
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
#: Seconds between looks at whether the client of a running query is still connected.
WATCH = 0.5
_FORM = "application/x-www-form-urlencoded"
_DIRECT = "application/sparql-query"
_UPDATE = "application/sparql-update"


@dataclass(frozen=True, slots=True)
class Limits:
    """What one query may take (seconds, rows), and how many queries run at once (each in one of as many
    warm processes: more wait for a turn)."""

    timeout: float = 30.0
    rows: int = 10_000
    processes: int = field(default_factory=lambda: os.cpu_count() or 2)
    turns: threading.BoundedSemaphore = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "turns", threading.BoundedSemaphore(self.processes))


class Refused(Exception):
    """A request the endpoint answers with ``status`` and ``reason`` instead of running it."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


async def sparql(request: Request) -> Response:
    """One protocol request: the query read from it, checked, run, and the answer in the format asked for."""
    limits: Limits = request.app.state.limits
    if request.method == "GET" and not request.url.query and "text/html" in request.headers.get("accept", ""):
        return request.app.state.pages.sparql_form()  # a person opened the endpoint in a browser
    try:
        text, dataset = await _query_text(request)
        refuse_service(text)
    except Refused as refused:
        return PlainTextResponse(refused.reason + "\n", status_code=refused.status)
    except StoreError as exc:
        status = 403 if "has a SERVICE clause" in exc.message else 400
        return PlainTextResponse(exc.message.replace(" without --allow-service", "") + "\n", status_code=status)
    gone = threading.Event()
    answering = asyncio.ensure_future(run_in_threadpool(_answer, text, request.headers.get("accept"), request.app.state.pool, limits, dataset, gone))
    while not (await asyncio.wait({answering}, timeout=WATCH))[0]:
        if await request.is_disconnected():
            gone.set()  # the client went away: its query process is killed and replaced
    return await answering


async def _query_text(request: Request) -> tuple[str, QueryDataset | None]:
    """The one query of the request and the dataset its parameters name (protocol section 2.1), or :class:`Refused`."""
    if not _utf8(request.url.query):
        raise Refused(400, "the query string is not UTF-8")
    in_url = parse_qs(request.url.query, keep_blank_values=True)
    if request.method == "GET":
        return _one(in_url), _dataset(in_url)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()
    if not kind:
        raise Refused(400, f"a POST needs a Content-Type: {_FORM} or {_DIRECT}")
    if kind == _UPDATE:
        raise Refused(403, "this endpoint is read-only: no SPARQL updates")
    if kind not in (_FORM, _DIRECT):
        raise Refused(415, f"unsupported Content-Type {kind}: send {_FORM} or {_DIRECT}")
    try:
        decoded = body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(400, "the request body is not UTF-8") from None
    if kind == _DIRECT:
        return decoded, _dataset(in_url)
    if not _utf8(decoded):
        raise Refused(400, "the request body is not UTF-8")
    form = parse_qs(decoded, keep_blank_values=True)
    return _one(form), _dataset(form)


def _utf8(encoded: str) -> bool:
    """Whether the percent-encoded bytes of a query string or form are UTF-8."""
    try:
        unquote_to_bytes(encoded.replace("+", " ")).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _one(params: dict[str, list[str]]) -> str:
    if "update" in params:
        raise Refused(400 if "query" in params else 403, "this endpoint is read-only: no SPARQL updates")
    queries = params.get("query", [])
    if len(queries) != 1:
        raise Refused(400, f"give exactly one query parameter (this request has {len(queries)})")
    return queries[0]


def _dataset(params: dict[str, list[str]]) -> QueryDataset | None:
    """The dataset ``default-graph-uri`` and ``named-graph-uri`` name (protocol 2.1.4: they take the place of
    the query's own FROM and FROM NAMED), or None for the union graph."""
    default, named = params.get("default-graph-uri", []), params.get("named-graph-uri", [])
    if not default and not named:
        return None
    for iri in default + named:
        try:
            ox.NamedNode(iri)
        except ValueError:
            raise Refused(400, f"not an IRI: {iri!r} (default-graph-uri and named-graph-uri take absolute IRIs)") from None
    return QueryDataset(tuple(default), tuple(named))


def _answer(text: str, accept: str | None, pool: QueryPool, limits: Limits, dataset: QueryDataset | None, gone: threading.Event) -> Response:
    """Run the query (blocking: called in a worker thread) and build the response."""
    out = io.BytesIO()
    result_type = negotiate(accept, list(RESULT_TYPES)) or "application/sparql-results+json"
    try:
        with limits.turns:
            run = run_query(text, out, fmt=RESULT_TYPES[result_type], timeout=limits.timeout, limit=limits.rows, dataset=dataset, pool=pool, gone=gone)
    except StoreError as exc:
        return PlainTextResponse(exc.message + "\n", status_code=400 if exc.message.startswith("bad query") else 500)
    if run.cut and not run.cut.startswith("the answer is cut at --limit"):
        return PlainTextResponse(f"{run.cut.replace('--timeout', 'the time limit of')}\n", status_code=503, headers={"Retry-After": "60"})
    body, media = out.getvalue(), result_type
    if run.kind == "graph":
        media = negotiate(accept, list(GRAPH_TYPES)) or "text/turtle"
        triples = list(ox.parse(body, ox.RdfFormat.N_TRIPLES))
        body = ox.serialize(triples, format=GRAPH_TYPES[media]) or b""
    headers = {"Vary": "Accept"}
    if run.cut:
        note = f"the answer is cut at the row limit of {limits.rows} rows: it has more"
        headers |= {"X-Rdfbib-Cut": note, "Warning": f'199 rdfbib "{note}"'}
    return Response(body, media_type=media, headers=headers)
