"""``rdfbib serve``: the embedded store as a linked-data site (needs ``pip install 'rdfbib[serve]'``)."""

from __future__ import annotations

import click

from ..errors import SettingError


#: Seconds that Ctrl-C or SIGTERM leaves running requests to finish; then their query processes are killed.
STOPPING = 5.0


@click.command("serve")
@click.option("--store", "location", metavar="DIR", envvar="RDFBIB_STORE", help="Embedded Oxigraph store folder [default: ./rdfbib-store; env RDFBIB_STORE].")
@click.option("--base", envvar="RDFBIB_BASE", help="The http(s) base the store's IRIs were minted under (`rdfbib load --base`); its path is served [default: http://HOST:PORT/; env RDFBIB_BASE].")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True, help="Seconds a SPARQL query may run; a longer one is stopped (503).")
@click.option("--limit", type=click.IntRange(min=1), default=10_000, show_default=True, help="Rows (triples) a SPARQL answer holds at most; a longer one is cut and says so (X-Rdfbib-Cut).")
def serve(location: str | None, base: str | None, host: str, port: int, timeout: float, limit: int) -> None:
    """Serve a store: a SPARQL 1.1 endpoint at /sparql (read-only), every IRI under --base with its
    description (Turtle, JSON-LD, N-Triples or HTML by Accept or ?format=), and pages to read.

    The store is opened read-only: `rdfbib load` into it can run meanwhile, and the site shows what
    it added after a restart (SPARQL queries see it at once).
    """
    try:
        import uvicorn

        from ..serve.app import make_app
        from ..serve.sparql import Limits
    except ImportError as exc:
        raise SettingError(f"rdfbib serve needs the serve extra: pip install 'rdfbib[serve]' ({exc})", source="serve") from None
    from ..iris import resolve_base
    from ..store import DEFAULT_LOCATION

    base = resolve_base(base or f"http://{host}:{port}/")
    if not base.startswith(("http://", "https://")) or not base.endswith("/"):
        raise SettingError(f"{base!r}: the base to serve must be an http(s) IRI ending in '/'", source="base")
    app = make_app(location or DEFAULT_LOCATION, base, Limits(timeout, limit))
    if not app.state.pages.records:
        click.echo(f"rdfbib: warning: the store has no records under {base}: were they loaded with another --base?", err=True)
    click.echo(f"rdfbib: serving {location or DEFAULT_LOCATION} at http://{host}:{port}{base[base.index('/', 8):]} (SPARQL at /sparql); Ctrl-C stops", err=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=STOPPING)
    finally:
        app.state.graph.close()
