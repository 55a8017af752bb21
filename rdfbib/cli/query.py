"""``rdfbib query``: SPARQL against the embedded store or a server."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import report_failure
from ._options import base_option, connection_options, open_from_options


@click.command("query")
@click.argument("query")
@connection_options
@base_option("Servers other than Oxigraph: the union graph queries read is BASE + 'union' [default: urn:rdfbib:; env RDFBIB_BASE].")
@click.option("-f", "--format", "result_format", type=click.Choice(["table", "csv", "tsv", "json", "xml"]), default="table", show_default=True, help="How SELECT and ASK answers are written (SPARQL CSV/TSV/JSON/XML results, or a table).")
@click.option("--limit", type=click.IntRange(min=0), default=None, metavar="N", help="Write at most N rows (triples for CONSTRUCT/DESCRIBE); a longer answer is cut with a message and exit status 1.")
@click.option("--allow-service", is_flag=True, help="Run queries with a SERVICE clause (the store then sends HTTP requests to the services named); refused without it.")
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
    limit: int | None,
    allow_service: bool,
) -> None:
    """Run QUERY (SPARQL text, @FILE.rq, or @- for stdin) and print the answer on stdout.

    SELECT, ASK, CONSTRUCT and DESCRIBE. The default graph is the union graph: each triple of
    every graph once (on Virtuoso, queries with FROM or GRAPH see Virtuoso's own default graph
    instead). CONSTRUCT and DESCRIBE answers are written as N-Triples whatever --format says.
    Rows are written as they come; the query stops after --timeout seconds (on the embedded
    store too), on Ctrl-C or at --limit, and then a line on stderr says that the answer is cut
    (exit status 1; 130 for Ctrl-C). A query with a SERVICE clause is refused unless
    --allow-service is given.
    """
    from ..store import DEFAULT_LOCATION
    from ..store.querying import refuse_service, run_query

    text = _query_text(query)
    if not allow_service:
        refuse_service(text)
    if endpoint:
        with open_from_options(location, endpoint, read_only=True, user=user, password=password, token=token, timeout=timeout, retries=retries, base=base) as store:
            run = run_query(text, sys.stdout.buffer, fmt=result_format, remote=store, timeout=timeout, limit=limit)
    else:
        location = location or DEFAULT_LOCATION
        run = run_query(text, sys.stdout.buffer, fmt=result_format, location=location, timeout=timeout, limit=limit)
    if run.cut:
        report_failure(endpoint or location, run.cut)
        sys.exit(run.status)


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
