"""``rdfbib convert``: pages to RDF, streamed record by record, never stopping at a bad page."""

from __future__ import annotations

import gzip
import os
import re
import sys
from contextlib import ExitStack, closing
from pathlib import Path
from typing import IO, Any

import click

from . import STATUS, progress, report_failure, show_progress
from ._options import base_option, check_writable, fetch_options, from_option, make_fetcher, open_output, writing

_FORMAT_NAMES = ["turtle", "ttl", "json-ld", "jsonld", "nt", "nq", "trig", "xml"]
#: Shard files ``--shard-size`` writes (and replaces on the next run into the same folder).
SHARD_NAME = "rdfbib-{:06d}.nq.gz"
_SHARD = re.compile(r"^rdfbib-(\d{6,})\.nq\.gz$")


@click.command("convert")
@click.argument("sources", nargs=-1)
@from_option("convert")
@click.option("-f", "--format", "format_name", type=click.Choice(_FORMAT_NAMES, case_sensitive=False), help="Output format [default: from -o's extension (.ttl .jsonld .json .nt .nq .trig .rdf .xml), else turtle].")
@click.option("-o", "--output", type=click.Path(allow_dash=True), default="-", help="Output file (a folder with --shard-size) [default: stdout]; written only when something was converted.")
@base_option()
@click.option("--reader", "reader_name", metavar="NAME", help="Force a reader (see `rdfbib readers`) instead of detecting one.")
@click.option("--context", "context_url", metavar="URL", help="JSON-LD: reference this published context instead of inlining it.")
@click.option("--max-size", type=click.IntRange(min=1), default=None, help="Largest source accepted, in bytes [default: 50 MB].")
@click.option("--shard-size", type=click.IntRange(min=1), metavar="N", help="With -f nq -o DIR/: write gzip N-Quads shards of N whole records each (DIR/rdfbib-000001.nq.gz, ...) for bulk loaders.")
@click.option("--provenance", is_flag=True, help="Also write a provenance graph (page URL, time, reader, version); output then differs between runs.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=None, help="Worker processes (0: one per core); output order and bytes do not change. [default: one per core when a source is a folder, else 1]")
@click.option("--report", "report_path", type=click.Path(dir_okay=False), metavar="FILE", help="Write one JSON line per record or failure to FILE: source, status, reader, triples, warnings, error.")
@click.option("--validate", is_flag=True, help="Check the output against rdfbib's SHACL shapes when the batch ends (needs -o); violations are printed and exit 1.")
@fetch_options
@click.option("-q", "--quiet", is_flag=True, help="Do not print warnings about fields that could not be read.")
def convert(
    sources: tuple[str, ...],
    lists: tuple[IO[str], ...],
    format_name: str | None,
    output: str,
    base: str,
    reader_name: str | None,
    context_url: str | None,
    max_size: int | None,
    shard_size: int | None,
    provenance: bool,
    jobs: int | None,
    report_path: str | None,
    validate: bool,
    contact: str | None,
    interval: float | None,
    offline: bool,
    refresh: bool,
    no_cache: bool,
    quiet: bool,
) -> None:
    """Convert SOURCES (files, folders of pages, http(s) URLs, or - for stdin) to RDF.

    Folders give their pages (.html .htm .txt .md) and ReDIF files (.redif, .rdf); files of other
    kinds in them are counted on stderr. A RePEc mirror (RePEc/) gives one record a template, each
    archive's archive and series files first, so its items carry their series' names. Each record is one named graph, written as soon as it is
    converted, so batches of any size run in constant memory. A page that fails is reported on
    stderr as `rdfbib: SOURCE: REASON` and the others are still converted; the exit status is then 1.
    """
    from datetime import datetime, timezone

    from ..batch import Job, jobs_for, run
    from ..files import output_format
    from ..formats import get_format, open_writer
    from ..page import MAX_BYTES
    from ..readers import get as get_reader
    from ..report import ReportWriter
    from ..sources import expand

    if not sources and not lists:
        raise click.UsageError("give SOURCES or --from FILE")
    if validate and output == "-":
        raise click.UsageError("--validate checks the written output: give -o FILE (or -o DIR/ with --shard-size)")
    to_folder = output != "-" and (output.endswith("/") or Path(output).is_dir())
    if shard_size and (output == "-" or not to_folder or (format_name and get_format(format_name).name != "nq")):
        raise click.BadParameter("shards are gzip N-Quads written to a folder: use -f nq -o DIR/", param_hint="--shard-size")
    if not shard_size and to_folder:
        raise click.BadParameter(f"{output} is a folder (folders take --shard-size)", param_hint="--output")
    if shard_size:
        fmt = get_format("nq")
    else:
        fmt = get_format(format_name) if format_name else output_format(output) if output != "-" else get_format("turtle")
    if output != "-" and not shard_size:
        _refuse_output_as_input(output, sources)
    if reader_name:
        get_reader(reader_name)

    max_bytes = max_size or MAX_BYTES
    job = Job(fmt.name, base, reader_name, max_bytes, datetime.now(timezone.utc) if provenance else None, context_url)
    failed = 0
    items: Any = expand(sources, lists=lists, notice=report_failure)
    if output != "-" and not shard_size:
        items = _without_output(items, output)
    # Listing the sources up front is only needed for the progress bar's length: a batch written to a
    # file or a pipe consumes them lazily, so 100,000 paths are never held at once.
    if show_progress():
        items = list(items)
    for path, what in ((report_path, "report"), (None if output == "-" or shard_size else output, "output")):
        if path:
            check_writable(path, what)  # both, before either is created
    with ExitStack() as stack:
        report = stack.enter_context(ReportWriter(open_output(report_path, "report", "w", encoding="utf-8", newline="\n"), close=True)) if report_path else None
        if shard_size:
            sink: Any = stack.enter_context(_Shards(Path(output), shard_size))
        else:
            sink = stack.enter_context(_Output(output, lambda out: open_writer(fmt, out, context_url=context_url)))
        # Closed first on the way out (an error, Ctrl-C, SIGTERM): worker processes stop before the output is removed.
        results = stack.enter_context(closing(run(items, job, jobs=jobs_for(jobs, sources), fetcher=lambda: make_fetcher(contact, interval, offline, refresh, no_cache, max_bytes=max_bytes))))
        for result in progress(results, len(items) if isinstance(items, list) else 0, "converting"):
            if report:
                report.write(result)
            if result.error is not None:
                failed += 1
                report_failure(result.source, result.error.message)
                continue
            if not quiet:
                for warning in result.warnings:
                    report_failure(result.source, f"warning: {warning}")
            sink.record(result.rendered)
    if validate and sink.records:
        failed += _validate(Path(output), shard_size is not None)
    if failed:
        sys.exit(1)


def _refuse_output_as_input(output: str, sources: tuple[str, ...]) -> None:
    """Writing over a source would lose it: a usage error, before anything is read."""
    from ..files import PAGE, REDIF, kind_of

    kind = kind_of(output, sniff=False)
    inside = Path(os.path.abspath(output))
    for source in sources:
        folder = Path(os.path.abspath(source))
        if same_file(source, output) or (folder.is_dir() and folder in inside.parents and kind is not None and kind.kind in (PAGE, REDIF)):
            raise click.BadParameter(f"{output} is also a source: converting it would write over it", param_hint="--output")


def _without_output(items: Any, output: str) -> Any:
    """Sources listed in --from that turn out to be the output file fail instead of being read."""
    from ..errors import SourceError
    from ..pipeline import Result

    for item in items:
        if isinstance(item, os.PathLike) and same_file(item, output):
            yield Result.failure(SourceError("is the output file (-o): not read"), str(item))
        else:
            yield item


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


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two paths name one existing file."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


class _Output:
    """A writer on stdout or on a file that appears, complete, only when the batch ends, and only when
    something was converted: a batch where every source failed, or whose output could not be written
    (a full disk), leaves no file (nor replaces one)."""

    def __init__(self, output: str, make_writer: Any) -> None:
        path = None if output == "-" else Path(output)
        # Write-then-rename only for regular files: /dev/null, a FIFO or /dev/stdout are written as they are.
        regular = path is not None and (not path.exists() or path.is_file())
        self.name = output if path else "<stdout>"
        self.path = path if regular else None
        self.partial = path.with_name(path.name + ".part") if regular and path else None
        self.stream: IO[bytes] = open_output(output, "output", partial=self.partial) if path else sys.stdout.buffer
        self.owned = path is not None and not regular
        self.writer = make_writer(self.stream)
        self.records = 0

    def record(self, rendered: list[Any]) -> None:
        if self.stream is sys.stdout.buffer:
            STATUS.clear()  # the status line (stderr) may share the terminal with stdout
        self.records += 1
        with writing(self.name, "output"):
            for part in rendered:
                self.writer.emit(part)

    def __enter__(self) -> _Output:
        return self

    def __exit__(self, kind: object, error: object, *exc: object) -> None:
        from ..errors import OutputError

        complete = kind is None or kind is SystemExit
        # A file that will be removed needs no ending, nor does an output that refused a write; stdout does.
        finish = self.records and (complete or (self.partial is None and not isinstance(error, OutputError)))
        try:
            with writing(self.name, "output"):
                if finish:
                    STATUS.clear()
                    self.writer.close()
                if self.owned or self.partial:
                    self.stream.close()
                else:
                    self.stream.flush()
        except BaseException:
            complete = False
            raise
        finally:
            if self.partial and self.path:
                if complete and self.records:
                    os.replace(self.partial, self.path)
                else:
                    self.partial.unlink(missing_ok=True)


class _Shards:
    """gzip N-Quads files of ``size`` whole records each, byte-stable (no timestamp or name in the gzip header)."""

    def __init__(self, folder: Path, size: int) -> None:
        from ..errors import OutputError

        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            reason = "a file is in the way" if isinstance(exc, (FileExistsError, NotADirectoryError)) else (exc.strerror or str(exc)).lower()
            raise OutputError(f"cannot make the shard folder: {reason}", source=str(folder)) from None
        self.folder = folder
        self.size = size
        self.pending: list[bytes] = []
        self.in_shard = 0
        self.records = 0
        self.written = 0

    def record(self, rendered: list[Any]) -> None:
        self.pending.extend(part.data for part in rendered)
        self.in_shard += 1
        self.records += 1
        if self.in_shard >= self.size:
            self._flush()

    def __enter__(self) -> _Shards:
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        """After a complete run, write the last shard and remove those a previous, longer run left."""
        if kind is not None and kind is not SystemExit:
            return
        self._flush()
        if self.written:
            for path in self.folder.iterdir():
                match = _SHARD.match(path.name)
                if match and int(match.group(1)) > self.written:
                    path.unlink()

    def _flush(self) -> None:
        if not self.pending:
            return
        path = self.folder / SHARD_NAME.format(self.written + 1)
        partial = path.with_name(path.name + ".part")  # a shard appears under its name only when complete
        try:
            with writing(str(path), "shard"), open(partial, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as out:
                out.write(b"".join(self.pending))
            os.replace(partial, path)
        finally:
            partial.unlink(missing_ok=True)
        self.written += 1
        self.pending = []
        self.in_shard = 0
