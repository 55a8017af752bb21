"""``rdfbib crawl``: walk RePEc citation links from seed pages, writing each record as it comes."""

from __future__ import annotations

import sys
from typing import IO, TYPE_CHECKING, Any

import click

from . import report_failure

if TYPE_CHECKING:
    from typing_extensions import Self

#: Followed by default: every link list of a page.
_FOLLOW_DEFAULT = "references,cited-by,versions"


def fetch_options(command: Any) -> Any:
    """The options of every command that fetches pages (crawl; convert and load when they take URLs)."""
    options = [
        click.option("--contact", envvar="RDFBIB_CONTACT", metavar="EMAIL|URL", help="How site operators can reach you; sent in the User-Agent [env RDFBIB_CONTACT]."),
        click.option("--interval", type=click.FloatRange(min=0), default=None, metavar="S", help="Minimum seconds between requests to one host [default: 1; 2 for ideas.repec.org and econpapers.repec.org; a longer robots.txt Crawl-delay wins]."),
        click.option("--offline", is_flag=True, help="Use cached pages only; send no request (reproducible runs)."),
        click.option("--refresh", is_flag=True, help="Ignore cached pages and fetch again (the cache is updated)."),
        click.option("--no-cache", is_flag=True, help="Neither read nor write the HTTP cache."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@click.command("crawl")
@click.argument("seeds", nargs=-1)
@click.option("--from", "seed_file", type=click.File("r", encoding="utf-8"), metavar="FILE", help="Read more seed URLs from FILE, one per line (- for stdin; # starts a comment).")
@click.option("--depth", type=click.IntRange(min=0), default=1, show_default=True, help="Follow links this many steps from the seeds (0: the seeds only).")
@click.option("--max-pages", type=click.IntRange(min=1), default=None, metavar="M", help="Stop after M pages in this run; the rest stays queued in --state.")
@click.option("--follow", default=_FOLLOW_DEFAULT, show_default=True, metavar="LISTS", help="Comma-separated link lists to follow: references, cited-by, versions.")
@click.option("--same-site", is_flag=True, help="Follow only links to the seeds' sites (IDEAS or EconPapers).")
@click.option("-f", "--format", "format_name", type=click.Choice(["nq", "nt"], case_sensitive=False), default="nq", show_default=True, help="Output format (streamed, one record at a time).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, allow_dash=True), default="-", help="Output file [default: stdout]; appended to when --state resumes a crawl.")
@click.option("--state", "state_file", type=click.Path(dir_okay=False, writable=True), metavar="FILE", help="Keep the frontier and seen pages in FILE (SQLite) so an interrupted crawl can be resumed by running the same command again.")
@click.option("--retry-failed", is_flag=True, help="With --state: try the pages that failed in earlier runs again.")
@click.option("--store", "location", metavar="DIR", help="Write records into this embedded Oxigraph store instead of -o.")
@click.option("--endpoint", metavar="URL", help="Write records into this SPARQL 1.1 server (credentials from RDFBIB_USER/RDFBIB_PASSWORD/RDFBIB_TOKEN) instead of -o.")
@fetch_options
@click.option("--mirror", "mirrors", multiple=True, metavar="ORIGIN=URL", help="Fetch ORIGIN's pages from URL (a mirror or local copy); records keep ORIGIN's URLs.")
@click.option("--base", envvar="RDFBIB_BASE", help="Base IRI for minted IRIs [default: urn:rdfbib:; env RDFBIB_BASE].")
@click.option("-q", "--quiet", is_flag=True, help="Report failed pages only, not warnings about fields that could not be read.")
def crawl(
    seeds: tuple[str, ...],
    seed_file: IO[str] | None,
    depth: int,
    max_pages: int | None,
    follow: str,
    same_site: bool,
    format_name: str,
    output: str,
    state_file: str | None,
    retry_failed: bool,
    location: str | None,
    endpoint: str | None,
    contact: str | None,
    interval: float | None,
    offline: bool,
    refresh: bool,
    no_cache: bool,
    mirrors: tuple[str, ...],
    base: str | None,
    quiet: bool,
) -> None:
    """Crawl RePEc citation networks breadth-first from SEED pages (IDEAS or EconPapers URLs).

    Each page is converted as it arrives and its record written at once (N-Quads or N-Triples,
    or into a store), so long crawls run in constant memory. Pages that fail are reported as
    `rdfbib: URL: REASON` and the crawl goes on; the exit status is then 1. Interrupt a crawl
    run with --state at any time and run the same command to resume it.
    """
    from ..crawl import FOLLOW, CrawlState
    from ..crawl import crawl as run_crawl
    from ..errors import StoreError
    from ..fetch import Fetcher
    from ..iris import resolve_base
    from ..mapping import Mapper
    from ..sources import read_list

    wanted = tuple(f.strip() for f in follow.split(",") if f.strip())
    if not set(wanted) <= set(FOLLOW):
        raise click.BadParameter(f"lists are {', '.join(FOLLOW)}", param_hint="--follow")
    all_seeds = [*seeds, *(read_list(seed_file) if seed_file else [])]
    if not all_seeds and not state_file:
        raise click.UsageError("give at least one SEED URL (or --from FILE, or --state FILE to resume)")
    if location and endpoint:
        raise click.UsageError("give --store or --endpoint, not both")
    if offline and no_cache:
        raise click.UsageError("--offline reads the cache: it cannot go with --no-cache")
    try:
        mapper = Mapper(resolve_base(base))
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--base") from None
    mirror_map = {}
    for item in mirrors:
        origin, sep, url = item.partition("=")
        if not sep or not origin.startswith(("http://", "https://")) or not url.startswith(("http://", "https://")):
            raise click.BadParameter(f"{item!r} is not ORIGIN=URL", param_hint="--mirror")
        mirror_map[origin] = url

    display = _Display() if sys.stderr.isatty() else None
    sink = _Sink(format_name, output, append=bool(state_file), mapper=mapper, location=location, endpoint=endpoint)
    failed = 0

    def emit(outcome: Any) -> None:
        nonlocal failed
        if display:
            display.clear()
        if outcome.record is None:
            failed += 1
            report_failure(outcome.url, outcome.error.message if outcome.error else "failed")
            return
        if not quiet:
            for warning in outcome.record.warnings:
                report_failure(outcome.url, f"warning: {warning}")
        sink.write(outcome.record, outcome.url)

    fetcher = Fetcher(contact=contact, interval=interval, offline=offline, refresh=refresh, cache=False if no_cache else None, mirrors=mirror_map, on_wait=display.wait if display else None)
    if not contact and not offline:
        click.echo("rdfbib: tip: give --contact (or RDFBIB_CONTACT) so site operators can reach you if your crawl bothers them", err=True)
    with fetcher, CrawlState(state_file) as state, sink:
        if retry_failed:
            state.retry_failed()
        try:
            counts = run_crawl(all_seeds, emit, fetcher=fetcher, state=state, depth=depth, max_pages=max_pages, follow=wanted, same_site=same_site, progress=display.show if display else None)
        except KeyboardInterrupt:
            _stopped(display, "crawl interrupted", state_file)
            sys.exit(130)
        except StoreError as exc:  # the page being written stays queued: a resumed crawl writes it again
            _stopped(display, f"{exc.endpoint or location or 'store'}: {exc.message}", state_file)
            sys.exit(1)
    if display:
        display.clear()
    stats = fetcher.stats
    click.echo(
        f"rdfbib: crawl: {counts['done']} pages converted, {counts['failed']} failed, {counts['queued']} queued"
        f" ({stats.requests} requests, {stats.from_cache} from the cache)",
        err=True,
    )
    if failed:
        sys.exit(1)


def _stopped(display: _Display | None, why: str, state_file: str | None) -> None:
    if display:
        display.clear()
    click.echo(f"rdfbib: {why}" + (f"; resume the crawl with --state {state_file}" if state_file else ""), err=True)


class _Sink:
    """Where records go: a streamed N-Quads/N-Triples file (or stdout), or a store."""

    def __init__(self, format_name: str, output: str, *, append: bool, mapper: Any, location: str | None, endpoint: str | None) -> None:
        self.format_name = format_name
        self.mapper = mapper
        self.store: Any = None
        self.out: IO[bytes] | None = None
        self.writer: Any = None
        if location or endpoint:
            from .load import open_from_options

            self.store = open_from_options(location, endpoint)
        elif output == "-":
            self.out = sys.stdout.buffer
        else:
            self.out = open(output, "ab" if append else "wb")  # noqa: SIM115 (closed in __exit__)
        if self.out is not None:
            from ..formats import open_writer

            self.writer = open_writer(format_name, self.out)

    def write(self, record: Any, url: str) -> None:
        if self.store is not None:
            from ..store import record_graph

            self.store.replace(record_graph(record, self.mapper, source=url))
            return
        assert self.writer is not None and self.out is not None
        self.writer.write(self.mapper.graph_iri(record), self.mapper.terms(record))
        self.out.flush()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.store is not None:
            self.store.close()
        elif self.out is not None and self.out is not sys.stdout.buffer:
            self.out.close()


class _Display:
    """One status line on stderr: pages done, failed and queued, and the current wait for a host."""

    def __init__(self) -> None:
        self.line = ""
        self.counts = ""

    def show(self, progress: Any) -> None:
        self.counts = f"crawl: {progress.done} done · {progress.failed} failed · {progress.queued} queued"
        self._draw(self.counts)

    def wait(self, host: str, seconds: float) -> None:
        self._draw(f"{self.counts} · waiting {seconds:.1f} s for {host}")

    def clear(self) -> None:
        if self.line:
            click.echo("\r\x1b[K", nl=False, err=True)
            self.line = ""

    def _draw(self, text: str) -> None:
        self.line = text
        click.echo("\r\x1b[K" + text, nl=False, err=True)
