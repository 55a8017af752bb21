"""``rdfbib load``: pages and RDF files into an embedded Oxigraph store or a SPARQL 1.1 server."""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from itertools import groupby
from pathlib import Path
from typing import IO, Any

import click

from . import progress, report_failure
from ._options import base_option, connection_options, fetch_options, from_option, make_fetcher, open_from_options


@click.command("load")
@click.argument("sources", nargs=-1)
@from_option("load")
@connection_options
@click.option("--protocol", type=click.Choice(["gsp", "update"]), default="gsp", show_default=True, help="Servers: Graph Store Protocol (one PUT per record graph) or SPARQL Update (DROP + INSERT DATA, chunked).")
@click.option("--update-url", metavar="URL", help="SPARQL Update URL [default: derived from --endpoint: Oxigraph /query -> /update; otherwise the same URL].")
@click.option("--gsp-url", metavar="URL", help="Graph Store URL, with a {graph} placeholder or ending in '=' (else ?graph= is appended) [default: Oxigraph /store?graph=, Virtuoso /sparql-graph-crud?graph-uri=].")
@click.option("--max-failures", type=click.IntRange(min=0), default=5, show_default=True, metavar="N", help="--endpoint: stop after N records in a row failed on the server (0: never); the sources left are listed as not attempted.")
@click.option("--max-request-size", type=click.IntRange(min=1024), default=4 * 1024 * 1024, show_default=True, help="--protocol update: largest request body in bytes; bigger graphs go in chunks through a temporary graph.")
@base_option("Base IRI for minted IRIs and file graphs [default: urn:rdfbib:; env RDFBIB_BASE].")
@click.option("--reader", "reader_name", metavar="NAME", help="Force a reader for pages (see `rdfbib readers`).")
@click.option("--max-size", type=click.IntRange(min=1), default=None, help="Largest page accepted, in bytes [default: 50 MB].")
@fetch_options
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=None, help="Worker processes converting pages (0: one per core) while this one writes to the store; what is loaded does not change. [default: one per core when a source is a folder, else 1]")
@click.option("-q", "--quiet", is_flag=True, help="Do not print warnings about fields that could not be read.")
@click.option("--no-link", is_flag=True, help="Skip the link step at the end (`rdfbib link`: works known by citation joined to their records).")
@click.option("--provenance", is_flag=True, help="Also state in the provenance graph where each record came from (page, time, reader), which `rdfbib graphs` and `rdfbib drop --source` read.")
@click.option("--rebuild-union", is_flag=True, help="First rebuild the union graph that queries read, from all graphs (once, for a server an older rdfbib loaded; an embedded store gets it when opened). SOURCES may then be left out.")
def load(
    sources: tuple[str, ...],
    lists: tuple[IO[str], ...],
    location: str | None,
    endpoint: str | None,
    user: str | None,
    password: str | None,
    token: str | None,
    timeout: float,
    retries: int,
    protocol: str,
    update_url: str | None,
    gsp_url: str | None,
    max_failures: int,
    max_request_size: int,
    base: str,
    reader_name: str | None,
    max_size: int | None,
    contact: str | None,
    interval: float | None,
    offline: bool,
    refresh: bool,
    no_cache: bool,
    jobs: int | None,
    quiet: bool,
    no_link: bool,
    provenance: bool,
    rebuild_union: bool,
) -> None:
    """Load SOURCE pages and RDF files into a store, each record replacing its own named graph.

    Pages (.html .htm .txt .md, ReDIF .redif/.rdf, http(s) URLs, or - for stdin) are converted on the
    fly. RDF files rdfbib wrote are loaded as they are: N-Quads (.nq, .nq.gz shards from `convert
    --shard-size`) and TriG keep their record graphs; Turtle, N-Triples, JSON-LD and RDF/XML (.rdf
    .xml) hold no graphs, so each such file goes into one graph named BASE + "file/" + its file name
    (loading the file again replaces that graph). Folders give all of these files, recursively;
    files of other kinds in them are counted on stderr.

    Loading the same sources twice leaves the store unchanged. A record that fails is reported
    as `rdfbib: SOURCE: REASON` and never leaves a half-written graph; a server that cannot be
    reached or refuses the credentials stops the load, and the sources not attempted are listed;
    so do --max-failures records in a row that the server failed (timeouts, HTTP 500).
    The line on stderr after the failures counts records loaded and failed and triples written; the
    last one what the link step (`rdfbib link`; skipped with --no-link, when no record loaded and
    when the load stopped) linked. The exit status is 1 when any record failed.
    """
    from ..batch import Job, jobs_for, run
    from ..errors import RdfbibError, StoreError
    from ..files import PAGE, RDF, REDIF, kind_of
    from ..link import link
    from ..page import MAX_BYTES
    from ..readers import get as get_reader
    from ..sources import expand, item_name
    from ..store import GraphData, LoadReport, StoreFull, file_graphs, provenance_graph_iri
    from ..store import load as load_graphs

    if not sources and not lists and not rebuild_union:
        raise click.UsageError("give SOURCES or --from FILE")
    if reader_name:
        get_reader(reader_name)
    max_bytes = max_size or MAX_BYTES
    job = Job("nt", base, reader_name, max_bytes, datetime.now(timezone.utc) if provenance else None)
    items = list(expand(sources, lists=lists, kinds=(PAGE, REDIF, RDF), notice=report_failure))
    store = open_from_options(
        location, endpoint, protocol=protocol, update_url=update_url, gsp_url=gsp_url, user=user, password=password,
        token=token, timeout=timeout, retries=retries, max_request_size=max_request_size, base=base,
    )
    report = LoadReport()
    attempted = 0

    def failed(error: RdfbibError) -> None:
        report_failure(error.source or store.name, error.message)

    def graphs() -> Iterator[GraphData]:
        nonlocal attempted
        for is_rdf, group in groupby(items, lambda item: isinstance(item, Path) and getattr(kind_of(item), "kind", None) == RDF):
            if is_rdf:
                for item in group:
                    attempted += 1
                    yield from rdf_graphs(item)
                continue
            taken: deque[str] = deque()  # names of the pages handed to the converters whose results have not all come

            def take(pages: Iterable[Any]) -> Iterator[Any]:
                for page in pages:
                    taken.append(item_name(page))
                    yield page

            start = attempted
            for result in run(take(group), job, jobs=jobs_for(jobs, sources), fetcher=lambda: make_fetcher(contact, interval, offline, refresh, no_cache, max_bytes=max_bytes)):
                while result.source in taken and taken[0] != result.source:  # results come in the pages' order
                    taken.popleft()
                    start += 1
                attempted = start + 1
                yield from page_graphs(result)
            attempted = start + len(taken)

    def rdf_graphs(item: Path) -> Iterator[GraphData]:
        try:
            for graph in file_graphs(item, base=base):
                for warning in graph.warnings:  # data a later block replaced: said even with -q
                    report_failure(graph.source, f"warning: {warning}")
                yield graph
        except RdfbibError as exc:
            report.fail(exc)
            failed(exc)

    def page_graphs(result: Any) -> Iterator[GraphData]:
        if result.error is not None:
            report.fail(result.error)
            failed(result.error)
            return
        if not quiet:
            for warning in result.warnings:
                report_failure(result.source, f"warning: {warning}")
        assert result.graph is not None
        yield GraphData(result.graph, result.rendered[0].data.decode("utf-8").splitlines(), result.source)
        for stated in result.rendered[1:]:  # the provenance graph, merged
            yield GraphData(provenance_graph_iri(base), stated.data.decode("utf-8").splitlines(), result.source, merge=True)

    linked = None
    try:
        with store:
            if rebuild_union:
                store.rebuild_union()
            load_graphs(store, progress(graphs(), len(items), "loading"), report=report, on_failure=failed, max_failures=max_failures if endpoint else 0)
            linked = link(store, base) if report.loaded and not (no_link or report.stopped) else None
    except StoreError as exc:  # the link step or closing the store failed (a full disk as it flushed): said before the summary
        if not isinstance(report.stopped, StoreFull):
            report.fail(exc)
            failed(exc)
    summary = report.summary()
    if report.stopped:
        rest = items[attempted:]
        if not isinstance(report.stopped, StoreFull):  # a full disk stops everything: counted, not listed
            for item in rest:
                report_failure(item_name(item), "not loaded: the load stopped (see above)")
        summary += f", {len(rest)} sources not attempted" if rest else ""
    click.echo(f"rdfbib: {summary} ({store.name})", err=True)
    if linked is not None:
        click.echo(f"rdfbib: {linked.summary()} ({store.name})", err=True)
    if report.failed or report.stopped:
        sys.exit(1)
