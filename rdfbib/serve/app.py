"""The web application: home page and search, ``/sparql``, static files, and every IRI under the base.

An IRI's path under the base answers with its description (:meth:`ServedGraph.describe`) in the
format the client asks for (``Accept``, or ``?format=`` which wins), or 404 when the store says
nothing about it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..store.querying import QueryPool
from ..vocab import PREFIXES
from .graph import ServedGraph
from .negotiation import negotiate
from .pages import Pages
from .sparql import Limits, sparql

#: An IRI's formats: media type -> ``?format=`` names (the first type is the default of ``Accept: */*``).
FORMATS = {
    "text/turtle": ("turtle", "ttl"),
    "application/ld+json": ("jsonld", "json-ld"),
    "application/n-triples": ("nt", "ntriples", "n-triples"),
    "text/html": ("html",),
}
_RDF = {"text/turtle": ox.RdfFormat.TURTLE, "application/ld+json": ox.RdfFormat.JSON_LD, "application/n-triples": ox.RdfFormat.N_TRIPLES}


def make_app(location: str, base: str, limits: Limits | None = None) -> Starlette:
    """The site for the embedded store at ``location``, whose IRIs were minted under ``base``."""
    graph = ServedGraph(location)
    prefix = urlsplit(base).path or "/"
    routes = [
        Route(prefix, _home),
        Route(prefix + "sparql", sparql, methods=["GET", "POST"]),
        Mount(prefix + "static", StaticFiles(directory=Path(__file__).with_name("static")), name="static"),
        Route(prefix + "{path:path}", _node),
    ]
    limits = limits or Limits()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        """The warm SPARQL query processes, one per turn, for as long as the server runs."""
        app.state.pool = QueryPool(location, limits.processes)
        try:
            yield
        finally:
            app.state.pool.close()

    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.graph, app.state.location, app.state.base = graph, location, base
    app.state.limits = limits
    app.state.pages = Pages(graph, base)
    return app


def _home(request: Request) -> Response:
    pages: Pages = request.app.state.pages
    return pages.home(request.query_params.get("q", ""))


def _node(request: Request) -> Response:
    """The description of the IRI this request's path names, in the negotiated format."""
    graph: ServedGraph = request.app.state.graph
    iri = _iri(request, graph)
    if iri is None:
        return PlainTextResponse("nothing is known about this IRI here\n", status_code=404)
    asked = request.query_params.get("format")
    if asked is not None:
        media = next((m for m, names in FORMATS.items() if asked.lower() in names), None)
        if media is None:
            known = ", ".join(n for names in FORMATS.values() for n in names)
            return PlainTextResponse(f"unknown format {asked!r}; formats are: {known}\n", status_code=400)
    else:
        media = negotiate(request.headers.get("accept"), list(FORMATS))
        if media is None:
            return PlainTextResponse("none of the formats Accept names: " + ", ".join(FORMATS) + "\n", status_code=406, headers={"Vary": "Accept"})
    headers = {"Vary": "Accept"}
    if media == "text/html":
        pages: Pages = request.app.state.pages
        response = pages.node(iri)
        response.headers.update(headers)
        return response
    body = ox.serialize(graph.describe(iri), format=_RDF[media], prefixes={k: str(v) for k, v in PREFIXES.items()}) or b""
    return Response(body, media_type=media, headers=headers)


def _iri(request: Request, graph: ServedGraph) -> str | None:
    """The IRI under the base that the request names, when the store describes it.

    The path is taken as sent (``raw_path``), so percent-escapes in minted IRIs (``%252E``) stay; a
    client that escaped characters the IRI holds plainly (non-ASCII letters) is tried decoded."""
    base: str = request.app.state.base
    prefix = urlsplit(base).path or "/"
    raw = request.scope.get("raw_path", request.url.path.encode()).decode("latin-1")
    rest = raw[len(prefix) :]
    for candidate in dict.fromkeys((base + rest, base + unquote(rest))):
        if graph.has(candidate):
            return candidate
    return None
