"""``rdfbib convert``: pages to RDF, streamed record by record, never stopping at a bad page."""

from __future__ import annotations

import gzip
import os
import re
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

import click

from . import progress, report_failure, show_progress
from .crawl import fetch_options

_FORMAT_NAMES = ["turtle", "ttl", "json-ld", "jsonld", "nt", "nq", "trig", "xml"]
#: Shard files ``--shard-size`` writes (and replaces on the next run into the same folder).
SHARD_NAME = "rdfbib-{:06d}.nq.gz"
_SHARD = re.compile(r"^rdfbib-(\d{6,})\.nq\.gz$")


@click.command("convert")
@click.argument("sources", nargs=-1)
@click.option("--from", "lists", multiple=True, metavar="FILE", help="Also convert the sources listed in FILE, one per line (- for stdin; # comments).")
@click.option("-f", "--format", "format_name", type=click.Choice(_FORMAT_NAMES, case_sensitive=False), help="Output format [default: from -o's extension, else turtle].")
@click.option("-o", "--output", type=click.Path(writable=True, allow_dash=True), default="-", help="Output file (a folder with --shard-size) [default: stdout].")
@click.option("--base", envvar="RDFBIB_BASE", help="Base IRI for minted IRIs [default: urn:rdfbib:; env RDFBIB_BASE].")
@click.option("--reader", "reader_name", metavar="NAME", help="Force a reader (see `rdfbib readers`) instead of detecting one.")
@click.option("--context", "context_url", metavar="URL", help="JSON-LD: reference this published context instead of inlining it.")
@click.option("--max-size", type=click.IntRange(min=1), default=None, help="Largest source accepted, in bytes [default: 50 MB].")
@click.option("--shard-size", type=click.IntRange(min=1), metavar="N", help="With -f nq -o DIR/: write gzip N-Quads shards of N whole records each (DIR/rdfbib-000001.nq.gz, ...) for bulk loaders.")
@click.option("--provenance", is_flag=True, help="Also write a provenance graph (page URL, time, reader, version); output then differs between runs.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True, help="Worker processes (0: one per core); output order and bytes do not change.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, writable=True), metavar="FILE", help="Write one JSON line per source to FILE: source, status, reader, triples, warnings, error.")
@click.option("--validate", is_flag=True, help="Check the output against rdfbib's SHACL shapes when the batch ends (needs -o); violations are printed and exit 1.")
@fetch_options
@click.option("-q", "--quiet", is_flag=True, help="Do not print warnings about fields that could not be read.")
def convert(
    sources: tuple[str, ...],
    lists: tuple[str, ...],
    format_name: str | None,
    output: str,
    base: str | None,
    reader_name: str | None,
    context_url: str | None,
    max_size: int | None,
    shard_size: int | None,
    provenance: bool,
    jobs: int,
    report_path: str | None,
    validate: bool,
    contact: str | None,
    interval: float | None,
    offline: bool,
    refresh: bool,
    no_cache: bool,
    quiet: bool,
) -> None:
    """Convert SOURCES (files, folders of .html/.htm/.txt, http(s) URLs, or - for stdin) to RDF.

    Each page becomes one record in its own named graph, written as soon as it is converted, so
    batches of any size run in constant memory. A page that fails is reported on stderr as
    `rdfbib: SOURCE: REASON` and the others are still converted; the exit status is then 1.
    """
    from datetime import datetime, timezone

    from ..batch import Job, default_jobs, run
    from ..errors import FormatError
    from ..formats import from_extension, get_format, open_writer
    from ..iris import resolve_base
    from ..page import MAX_BYTES
    from ..readers import get as get_reader
    from ..report import ReportWriter
    from ..sources import expand

    if not sources and not lists:
        raise click.UsageError("give SOURCES or --from FILE")
    if offline and no_cache:
        raise click.UsageError("--offline reads the cache: it cannot go with --no-cache")
    if validate and output == "-":
        raise click.UsageError("--validate checks the written output: give -o FILE (or -o DIR/ with --shard-size)")
    fmt = get_format(format_name) if format_name else (from_extension(output) if output != "-" else None) or get_format("nq" if shard_size else "turtle")
    if shard_size and (fmt.name != "nq" or output == "-" or not (output.endswith("/") or Path(output).is_dir())):
        raise click.BadParameter("shards are gzip N-Quads written to a folder: use -f nq -o DIR/", param_hint="--shard-size")
    if not shard_size and output != "-" and Path(output).is_dir():
        raise click.BadParameter(f"{output} is a folder (folders take --shard-size)", param_hint="--output")
    try:
        base = resolve_base(base)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--base") from None
    if reader_name:
        try:
            get_reader(reader_name)
        except FormatError as exc:
            raise click.BadParameter(exc.message, param_hint="--reader") from None

    max_bytes = max_size or MAX_BYTES
    job = Job(fmt.name, base, reader_name, max_bytes, datetime.now(timezone.utc) if provenance else None, context_url)
    # Listing the sources up front is only needed for the progress bar's length: a batch written to a
    # file or a pipe consumes them lazily, so 100,000 paths are never held at once.
    items: Any = list(expand(sources, lists=lists)) if show_progress() else expand(sources, lists=lists)
    failed = 0
    with ExitStack() as stack:
        def fetcher() -> Any:
            from ..fetch import Fetcher

            return Fetcher(contact=contact, interval=interval, offline=offline, refresh=refresh, cache=False if no_cache else None, max_bytes=max_bytes)

        if shard_size:
            sink: Any = stack.enter_context(_Shards(Path(output), shard_size))
        else:
            sink = stack.enter_context(_Output(output, lambda out: open_writer(fmt, out, context_url=context_url)))
        report = stack.enter_context(ReportWriter.open(report_path)) if report_path else None
        outcomes = run(items, job, jobs=jobs or default_jobs(), fetcher=fetcher)
        for outcome in progress(outcomes, len(items) if isinstance(items, list) else 0, "converting"):
            if report:
                report.write(outcome)
            if outcome.error is not None:
                failed += 1
                report_failure(outcome.source, outcome.error.message)
                continue
            if not quiet:
                for warning in outcome.warnings:
                    report_failure(outcome.source, f"warning: {warning}")
            sink.record(outcome.rendered)
    if validate:
        failed += _validate(Path(output), shard_size is not None)
    if failed:
        sys.exit(1)


def _validate(output: Path, shards: bool) -> int:
    """Validate what was written; the number of files with violations."""
    from ..validate import validate_file

    files = sorted(p for p in output.iterdir() if _SHARD.match(p.name)) if shards else [output]
    bad = 0
    for path in files:
        result = validate_file(path)
        click.echo(result.text(), err=True, nl=False)
        bad += 0 if result.conforms else 1
    return bad


class _Output:
    """A writer on stdout or on a file that appears, complete, only when the batch ends."""

    def __init__(self, output: str, make_writer: Any) -> None:
        path = None if output == "-" else Path(output)
        # Write-then-rename only for regular files: /dev/null, a FIFO or /dev/stdout are written as they are.
        regular = path is not None and (not path.exists() or path.is_file())
        self.path = path if regular else None
        self.partial = path.with_name(path.name + ".part") if regular and path else None
        if self.partial:
            self.stream: IO[bytes] = open(self.partial, "wb")
        else:
            self.stream = open(path, "wb") if path else sys.stdout.buffer
        self.owned = path is not None and not regular
        self.writer = make_writer(self.stream)

    def record(self, rendered: list[Any]) -> None:
        for part in rendered:
            self.writer.emit(part)

    def __enter__(self) -> _Output:
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        self.writer.close()
        self.stream.flush()
        if self.owned:
            self.stream.close()
        if self.partial and self.path:
            self.stream.close()
            if kind is None or kind is SystemExit:
                os.replace(self.partial, self.path)
            else:
                self.partial.unlink(missing_ok=True)


class _Shards:
    """gzip N-Quads files of ``size`` whole records each, byte-stable (no timestamp or name in the gzip header)."""

    def __init__(self, folder: Path, size: int) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.size = size
        self.pending: list[bytes] = []
        self.records = 0
        self.written = 0

    def record(self, rendered: list[Any]) -> None:
        self.pending.extend(part.data for part in rendered)
        self.records += 1
        if self.records >= self.size:
            self._flush()

    def __enter__(self) -> _Shards:
        return self

    def __exit__(self, *exc: object) -> None:
        """Write the last shard and remove shards a previous, longer run left in the folder."""
        self._flush()
        for path in self.folder.iterdir():
            match = _SHARD.match(path.name)
            if match and int(match.group(1)) > self.written:
                path.unlink()

    def _flush(self) -> None:
        if not self.pending:
            return
        self.written += 1
        with open(self.folder / SHARD_NAME.format(self.written), "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as out:
            out.write(b"".join(self.pending))
        self.pending = []
        self.records = 0
