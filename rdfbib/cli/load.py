"""``rdfbib load``: pages and RDF files into an embedded Oxigraph store or a SPARQL 1.1 server."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import click

from . import progress, report_failure
from .crawl import fetch_options

#: Folders give these files: pages (converted on the fly) and RDF files rdfbib wrote.
_FOLDER_SUFFIXES = (".html", ".htm", ".txt", ".nq", ".trig", ".ttl", ".nt", ".jsonld", ".rdf", ".gz")


def connection_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Where the store is and how to reach it: shared by ``load`` and ``query``."""
    options = [
        click.option("--store", "location", metavar="DIR", envvar="RDFBIB_STORE", help="Embedded Oxigraph store folder [default: ./rdfbib-store; env RDFBIB_STORE]."),
        click.option("--endpoint", metavar="URL", envvar="RDFBIB_ENDPOINT", help="A SPARQL 1.1 server's query URL instead of the embedded store (e.g. http://localhost:7878/query for Oxigraph, http://localhost:8890/sparql for Virtuoso) [env RDFBIB_ENDPOINT]."),
        click.option("--user", envvar="RDFBIB_USER", help="User for HTTP Basic authentication (Digest when the server asks for it, as Virtuoso's -auth endpoints do) [env RDFBIB_USER]."),
        click.option("--password", envvar="RDFBIB_PASSWORD", help="Password for --user; prefer the environment variable [env RDFBIB_PASSWORD]."),
        click.option("--token", envvar="RDFBIB_TOKEN", help="Bearer token, instead of --user [env RDFBIB_TOKEN]."),
        click.option("--timeout", type=click.FloatRange(min=0.1), default=60.0, show_default=True, help="Seconds to wait for each HTTP answer."),
        click.option("--retries", type=click.IntRange(min=0, max=10), default=3, show_default=True, help="Retries (with exponential backoff) on connection errors, HTTP 429 and 5xx."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def open_from_options(location: str | None, endpoint: str | None, *, read_only: bool = False, **options: Any) -> Any:
    """The store the options name; a store that cannot be opened ends the command with one line and exit 1."""
    from ..errors import StoreError
    from ..store import open_store

    if location and endpoint:
        raise click.UsageError("give --store or --endpoint, not both")
    try:
        return open_store(location, endpoint=endpoint, read_only=read_only, **(options if endpoint else {}))
    except StoreError as exc:
        report_failure(exc.endpoint or endpoint or location or "store", exc.message)
        sys.exit(1)


@click.command("load")
@click.argument("sources", nargs=-1)
@click.option("--from", "lists", multiple=True, metavar="FILE", help="Also load the sources listed in FILE, one per line (- for stdin; # comments).")
@connection_options
@click.option("--protocol", type=click.Choice(["gsp", "update"]), default="gsp", show_default=True, help="Servers: Graph Store Protocol (one PUT per record graph) or SPARQL Update (DROP + INSERT DATA, chunked).")
@click.option("--update-url", metavar="URL", help="SPARQL Update URL [default: derived from --endpoint: Oxigraph /query -> /update; otherwise the same URL].")
@click.option("--gsp-url", metavar="URL", help="Graph Store URL, with a {graph} placeholder or ending in '=' (else ?graph= is appended) [default: Oxigraph /store?graph=, Virtuoso /sparql-graph-crud?graph-uri=].")
@click.option("--max-request-size", type=click.IntRange(min=1024), default=4 * 1024 * 1024, show_default=True, help="--protocol update: largest request body in bytes; bigger graphs go in chunks through a temporary graph.")
@click.option("--base", envvar="RDFBIB_BASE", help="Base IRI for minted IRIs and file graphs [default: urn:rdfbib:; env RDFBIB_BASE].")
@click.option("--reader", "reader_name", metavar="NAME", help="Force a reader for pages (see `rdfbib readers`).")
@click.option("--max-size", type=click.IntRange(min=1), default=None, help="Largest page accepted, in bytes [default: 50 MB].")
@fetch_options
@click.option("-q", "--quiet", is_flag=True, help="Do not print warnings about fields that could not be read.")
def load(
    sources: tuple[str, ...],
    lists: tuple[str, ...],
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
    max_request_size: int,
    base: str | None,
    reader_name: str | None,
    max_size: int | None,
    contact: str | None,
    interval: float | None,
    offline: bool,
    refresh: bool,
    no_cache: bool,
    quiet: bool,
) -> None:
    """Load SOURCE pages and RDF files into a store, each record replacing its own named graph.

    Pages (.html, .htm, .txt, http(s) URLs, or - for stdin) are converted on the fly. RDF files rdfbib wrote
    are loaded as they are: N-Quads (.nq, .nq.gz shards from `convert --shard-size`) and TriG
    keep their record graphs; Turtle, N-Triples, JSON-LD and RDF/XML hold no graphs, so each
    such file goes into one graph named BASE + "file/" + its file name (loading the file again
    replaces that graph). Folders give all of these files, recursively.

    Loading the same sources twice leaves the store unchanged. A record that fails is reported
    as `rdfbib: SOURCE: REASON` and never leaves a half-written graph; a server that cannot be
    reached or refuses the credentials stops the load, and the sources not attempted are listed.
    The last line on stderr counts records loaded and failed and triples written; the exit
    status is 1 when any record failed.
    """
    from ..errors import FormatError, RdfbibError
    from ..iris import resolve_base
    from ..mapping import Mapper
    from ..page import MAX_BYTES
    from ..readers import get as get_reader
    from ..sources import Remote, read_list, results
    from ..store import LoadReport, file_graphs, rdf_format, record_graph
    from ..store import load as load_graphs

    if not sources and not lists:
        raise click.UsageError("give SOURCES or --from FILE")
    try:
        mapper = Mapper(resolve_base(base))
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--base") from None
    if reader_name:
        try:
            get_reader(reader_name)
        except FormatError as exc:
            raise click.BadParameter(exc.message, param_hint="--reader") from None

    store = open_from_options(
        location,
        endpoint,
        protocol=protocol,
        update_url=update_url,
        gsp_url=gsp_url,
        user=user,
        password=password,
        token=token,
        timeout=timeout,
        retries=retries,
        max_request_size=max_request_size,
    )
    entries = [*sources, *(entry for name in lists for entry in _list(name, read_list))]
    paths = list(_expand(tuple(entries)))
    report = LoadReport()
    attempted = 0

    def failed(error: RdfbibError) -> None:
        report_failure(error.source or store.name, error.message)

    def graphs() -> Iterator[Any]:
        nonlocal attempted
        for path in paths:
            attempted += 1
            if isinstance(path, Path) and rdf_format(path):
                try:
                    yield from file_graphs(path, base=mapper.base)
                except RdfbibError as exc:
                    report.fail(exc)
                    failed(exc)
                continue
            result = next(results([path], fetcher=fetcher, reader=reader_name, max_bytes=max_size or MAX_BYTES))
            if result.record is None:
                error = result.error or RdfbibError("failed", source=result.source)
                report.fail(error)
                failed(error)
                continue
            if not quiet:
                for warning in result.record.warnings:
                    report_failure(result.source, f"warning: {warning}")
            yield record_graph(result.record, mapper, source=result.source)

    with ExitStack() as stack:
        fetcher = None
        if any(isinstance(path, Remote) for path in paths):
            from ..fetch import Fetcher

            fetcher = stack.enter_context(
                Fetcher(contact=contact, interval=interval, offline=offline, refresh=refresh, cache=False if no_cache else None, max_bytes=max_size or MAX_BYTES)
            )
        with store:
            load_graphs(store, progress(graphs(), len(paths), "loading"), report=report, on_failure=failed)
    summary = report.summary()
    if report.stopped:
        rest = paths[attempted:]
        for path in rest:
            report_failure(_name(path), "not loaded: the load stopped (see above)")
        summary += f", {len(rest)} sources not attempted" if rest else ""
    click.echo(f"rdfbib: {summary} ({store.name})", err=True)
    if report.failed or report.stopped:
        sys.exit(1)


def _name(source: object) -> str:
    from ..pipeline import source_name

    return source_name(source)  # type: ignore[arg-type]


def _list(name: str, read_list: Any) -> Iterator[str]:
    if name == "-":
        yield from read_list(sys.stdin)
        return
    with open(name, encoding="utf-8") as stream:
        yield from read_list(stream)


def _expand(sources: tuple[str, ...]) -> Iterator[object]:
    """Command-line sources: ``-`` is stdin, URLs are fetched in turn, folders give their pages and RDF files (sorted)."""
    from ..pipeline import Raw
    from ..sources import Remote, is_url

    for source in sources:
        path = Path(source)
        if source == "-":
            yield Raw("<stdin>", sys.stdin.buffer.read())
        elif is_url(source):
            yield Remote(source.strip())
        elif path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.name.lower().endswith(_FOLDER_SUFFIXES) and not _ignored(p))
        else:
            yield path


def _ignored(path: Path) -> bool:
    """A ``.gz`` in a folder counts only when it is an RDF file (an N-Quads shard, say)."""
    from ..store import rdf_format

    return path.name.lower().endswith(".gz") and rdf_format(path) is None
