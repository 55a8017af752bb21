"""``rdfbib crawl``: walk RePEc citation links from seed pages, writing each record as it comes."""

from __future__ import annotations

import sys
from typing import IO, TYPE_CHECKING, Any

import click

from . import STATUS, Terminated, report_failure
from ._options import base_option, check_writable, fetch_options, from_option, make_fetcher, open_from_options, open_output

if TYPE_CHECKING:
    from typing_extensions import Self

#: Followed by default: every link list of a page.
_FOLLOW_DEFAULT = "references,cited-by,versions"


@click.command("crawl")
@click.argument("seeds", nargs=-1)
@from_option("crawl from")
@click.option("--depth", type=click.IntRange(min=0), default=1, show_default=True, help="Follow links this many steps from the seeds (0: the seeds only).")
@click.option("--max-pages", type=click.IntRange(min=1), default=None, metavar="M", help="Stop after M pages in this run; the rest stays queued in --state.")
@click.option("--follow", default=_FOLLOW_DEFAULT, show_default=True, metavar="LISTS", help="Comma-separated link lists to follow: references, cited-by, versions.")
@click.option("--same-site", is_flag=True, help="Follow only links to the seeds' sites (IDEAS or EconPapers).")
@click.option("-f", "--format", "format_name", type=click.Choice(["nq", "nt"], case_sensitive=False), default="nq", show_default=True, help="Output format (streamed, one record at a time).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-", help="Output file [default: stdout]; appended to when --state resumes a crawl.")
@click.option("--state", "state_file", type=click.Path(dir_okay=False), metavar="FILE", help="Keep the frontier and seen pages in FILE (SQLite) so an interrupted crawl can be resumed by running the same command again.")
@click.option("--retry-failed", is_flag=True, help="With --state: try the pages that failed in earlier runs again.")
@click.option("--store", "location", metavar="DIR", help="Write records into this embedded Oxigraph store instead of -o.")
@click.option("--endpoint", metavar="URL", help="Write records into this SPARQL 1.1 server (credentials from RDFBIB_USER/RDFBIB_PASSWORD/RDFBIB_TOKEN) instead of -o.")
@fetch_options
@click.option("--mirror", "mirrors", multiple=True, metavar="ORIGIN=URL", help="Fetch ORIGIN's pages from URL (a mirror or local copy); records keep ORIGIN's URLs.")
@base_option()
@click.option("-q", "--quiet", is_flag=True, help="Report failed pages only, not warnings about fields that could not be read.")
def crawl(
    seeds: tuple[str, ...],
    lists: tuple[IO[str], ...],
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
    base: str,
    quiet: bool,
) -> None:
    """Crawl RePEc citation networks breadth-first from SEED pages (IDEAS or EconPapers URLs).

    Each page is converted as it arrives and its record written at once (N-Quads or N-Triples,
    or into a store), so long crawls run in constant memory. Pages that fail are reported as
    `rdfbib: URL: REASON` and the crawl goes on; the exit status is then 1. Interrupt a crawl
    run with --state at any time and run the same command to resume it.
    """
    from ..batch import Job
    from ..crawl import FOLLOW, CrawlState
    from ..crawl import crawl as run_crawl
    from ..errors import StoreError
    from ..sources import read_list

    wanted = tuple(f.strip() for f in follow.split(",") if f.strip())
    if not set(wanted) <= set(FOLLOW):
        raise click.BadParameter(f"lists are {', '.join(FOLLOW)}", param_hint="--follow")
    all_seeds = [*seeds, *(entry for stream in lists for entry in read_list(stream))]
    if not all_seeds and not state_file:
        raise click.UsageError("give at least one SEED URL (or --from FILE, or --state FILE to resume)")
    if location and endpoint:
        raise click.UsageError("give --store or --endpoint, not both")
    mirror_map = {}
    for item in mirrors:
        origin, sep, url = item.partition("=")
        if not sep or not origin.startswith(("http://", "https://")) or not url.startswith(("http://", "https://")):
            raise click.BadParameter(f"{item!r} is not ORIGIN=URL", param_hint="--mirror")
        mirror_map[origin] = url

    if output != "-" and not (location or endpoint):
        check_writable(output, "output")  # before the state file is made
    job = Job("nt" if location or endpoint else format_name, base)
    display = _Display()
    fetcher = make_fetcher(contact, interval, offline, refresh, no_cache, mirrors=mirror_map)
    with fetcher, CrawlState(state_file) as state, _Sink(output, append=bool(state_file), location=location, endpoint=endpoint, job=job) as sink:
        if not contact and not offline:
            click.echo("rdfbib: tip: give --contact (or RDFBIB_CONTACT) so site operators can reach you if your crawl bothers them", err=True)

        def emit(result: Any, depth: int) -> None:
            if result.error is not None:
                report_failure(result.source, result.error.message)
                return
            if not quiet:
                for warning in result.warnings:
                    report_failure(result.source, f"warning: {warning}")
            sink.write(result)

        if retry_failed:
            state.retry_failed()
        try:
            report = run_crawl(all_seeds, emit, fetcher=fetcher, state=state, depth=depth, max_pages=max_pages, follow=wanted, same_site=same_site, finish=job.render, progress=display.show)
        except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM (Terminated)
            STATUS.clear()
            click.echo("rdfbib: crawl interrupted" + (f"; resume the crawl with --state {state_file}" if state_file else ""), err=True)
            sys.exit(143 if isinstance(exc, Terminated) else 130)
        except StoreError as exc:  # the page being written stays queued: a resumed crawl writes it again
            if state_file:
                exc.message += f"; resume the crawl with --state {state_file}"
            raise
        earlier = state.counts()["done"] - report.done
    STATUS.clear()
    stats = fetcher.stats
    click.echo(
        f"rdfbib: crawl: {report.done} pages converted ({report.records} records written), {report.failed} failed, {report.queued} queued"
        + (f"; {earlier} pages converted in earlier runs" if earlier else "")
        + f" ({stats.requests} requests, {stats.from_cache} from the cache)",
        err=True,
    )
    if report.failed:
        sys.exit(1)


class _Sink:
    """Where records go: a streamed N-Quads/N-Triples file (or stdout), or a store."""

    def __init__(self, output: str, *, append: bool, location: str | None, endpoint: str | None, job: Any) -> None:
        self.store: Any = None
        self.out: IO[bytes] | None = None
        self.writer: Any = None
        if location or endpoint:
            self.store = open_from_options(location, endpoint)
        elif output == "-":
            self.out = sys.stdout.buffer
        else:
            self.out = open_output(output, "output", "ab" if append else "wb")
        if self.out is not None:
            from ..formats import open_writer

            self.writer = open_writer(job.format, self.out)

    def write(self, result: Any) -> None:
        """Write one rendered record (N-Triples for a store, the output format for a file)."""
        if self.store is not None:
            from ..store import GraphData

            self.store.replace(GraphData(result.graph, result.rendered[0].data.decode("utf-8").splitlines(), result.source))
            return
        assert self.writer is not None and self.out is not None
        if self.out is sys.stdout.buffer:
            STATUS.clear()  # the status line (stderr) may share the terminal with stdout
        for part in result.rendered:
            self.writer.emit(part)
        self.out.flush()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.store is not None:
            self.store.close()
        elif self.out is not None and self.out is not sys.stdout.buffer:
            self.out.close()


class _Display:
    """A crawl's counts on the status line (a terminal only), before what the fetcher waits for."""

    def show(self, progress: Any) -> None:
        """Before each page, the counts so far and the page; at the end, the final counts."""
        STATUS.prefix = f"crawl: {progress.done} done · {progress.failed} failed · {progress.queued} queued"
        STATUS.show(progress.current or "")
