"""``rdfbib query``: SPARQL against the embedded store or a server."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ._options import base_option, connection_options, open_from_options


@click.command("query")
@click.argument("query")
@connection_options
@base_option("Servers other than Oxigraph: the union graph queries read is BASE + 'union' [default: urn:rdfbib:; env RDFBIB_BASE].")
@click.option("-f", "--format", "result_format", type=click.Choice(["table", "csv", "tsv", "json", "xml"]), default="table", show_default=True, help="How SELECT and ASK answers are written (SPARQL CSV/TSV/JSON/XML results, or a table).")
def query(
    query: str,
    location: str | None,
    endpoint: str | None,
    user: str | None,
    password: str | None,
    token: str | None,
    timeout: float,
    retries: int,
    base: str,
    result_format: str,
) -> None:
    """Run QUERY (SPARQL text, @FILE.rq, or @- for stdin) and print the answer on stdout.

    SELECT, ASK, CONSTRUCT and DESCRIBE. The default graph is the union graph: each triple of
    every graph once (on Virtuoso, queries with FROM or GRAPH see Virtuoso's own default graph
    instead). CONSTRUCT and DESCRIBE answers are written as N-Triples whatever --format says.
    """
    from ..store import write_result

    text = _query_text(query)
    with open_from_options(location, endpoint, read_only=True, user=user, password=password, token=token, timeout=timeout, retries=retries, base=base) as store:
        result = store.query(text)
    sys.stdout.write(write_result(result, result_format))
    sys.stdout.flush()


def _query_text(query: str) -> str:
    if not query.startswith("@"):
        return query
    name = query[1:]
    if name == "-":
        return sys.stdin.read()
    try:
        return Path(name).read_text(encoding="utf-8")
    except OSError as exc:
        raise click.BadParameter(f"cannot read {name}: {exc.strerror or exc}", param_hint="QUERY") from None
