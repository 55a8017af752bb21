"""``rdfbib convert``: pages to RDF, never stopping at a bad page."""

from __future__ import annotations

import gzip
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from . import report_failure, stderr_is_terminal

_FORMAT_NAMES = ["turtle", "ttl", "json-ld", "jsonld", "nt", "nq", "trig", "xml"]
#: Batches at least this long get a progress bar (on a terminal).
PROGRESS_FROM = 20
#: Shard files ``--shard-size`` writes (and replaces on the next run into the same folder).
SHARD_NAME = "rdfbib-{:06d}.nq.gz"
_SHARD = re.compile(r"^rdfbib-(\d{6,})\.nq\.gz$")


@click.command("convert")
@click.argument("sources", nargs=-1, required=True)
@click.option("-f", "--format", "format_name", type=click.Choice(_FORMAT_NAMES, case_sensitive=False), help="Output format [default: from -o's extension, else turtle].")
@click.option("-o", "--output", type=click.Path(writable=True, allow_dash=True), default="-", help="Output file (a folder with --shard-size) [default: stdout].")
@click.option("--base", envvar="RDFBIB_BASE", help="Base IRI for minted IRIs [default: urn:rdfbib:; env RDFBIB_BASE].")
@click.option("--reader", "reader_name", metavar="NAME", help="Force a reader (see `rdfbib readers`) instead of detecting one.")
@click.option("--context", "context_url", metavar="URL", help="JSON-LD: reference this published context instead of inlining it.")
@click.option("--max-size", type=click.IntRange(min=1), default=None, help="Largest source accepted, in bytes [default: 50 MB].")
@click.option("--shard-size", type=click.IntRange(min=1), metavar="N", help="With -f nq -o DIR/: write gzip N-Quads shards of N whole records each (DIR/rdfbib-000001.nq.gz, ...) for bulk loaders.")
@click.option("-q", "--quiet", is_flag=True, help="Do not print warnings about fields that could not be read.")
def convert(
    sources: tuple[str, ...],
    format_name: str | None,
    output: str,
    base: str | None,
    reader_name: str | None,
    context_url: str | None,
    max_size: int | None,
    shard_size: int | None,
    quiet: bool,
) -> None:
    """Convert SOURCE pages (files, folders of .html/.htm/.txt, or - for stdin) to RDF.

    Each page becomes one record in its own named graph. A page that fails is reported on
    stderr as `rdfbib: SOURCE: REASON` and the others are still converted; the exit status
    is then 1.
    """
    from ..pipeline import convert_batch, new_dataset, add_record
    from ..errors import FormatError
    from ..formats import from_extension, get_format, serialize
    from ..iris import resolve_base
    from ..mapping import Mapper
    from ..page import MAX_BYTES
    from ..readers import get as get_reader

    fmt = get_format(format_name) if format_name else (from_extension(output) if output != "-" else None) or get_format("nq" if shard_size else "turtle")
    if shard_size and (fmt.name != "nq" or output == "-" or not (output.endswith("/") or Path(output).is_dir())):
        raise click.BadParameter("shards are gzip N-Quads written to a folder: use -f nq -o DIR/", param_hint="--shard-size")
    if not shard_size and output != "-" and Path(output).is_dir():
        raise click.BadParameter(f"{output} is a folder (folders take --shard-size)", param_hint="--output")
    try:
        mapper = Mapper(resolve_base(base))
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--base") from None
    if reader_name:
        try:
            get_reader(reader_name)
        except FormatError as exc:
            raise click.BadParameter(exc.message, param_hint="--reader") from None

    paths = list(_expand(sources))
    dataset = new_dataset()
    shards = _Shards(Path(output), shard_size, mapper) if shard_size else None
    failed = 0
    results = convert_batch(paths, reader=reader_name, max_bytes=max_size or MAX_BYTES)
    with _progress(results, len(paths)) as bar:
        for result in bar:
            if result.record is None:
                failed += 1
                report_failure(result.source, result.error.message if result.error else "failed")
                continue
            if not quiet:
                for warning in result.record.warnings:
                    report_failure(result.source, f"warning: {warning}")
            if shards:
                shards.add(result.record)
            else:
                add_record(dataset, result.record, mapper)
    if shards:
        shards.close()
        sys.exit(1 if failed else 0)
    data = serialize(dataset, fmt, context_url=context_url)
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        Path(output).write_bytes(data)
    if failed:
        sys.exit(1)


class _Shards:
    """gzip N-Quads files of ``size`` whole records each, byte-stable (no timestamp or name in the gzip header)."""

    def __init__(self, folder: Path, size: int, mapper: Any) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.size = size
        self.mapper = mapper
        self.pending: list[bytes] = []
        self.written = 0

    def add(self, record: Any) -> None:
        from ..pipeline import add_record, new_dataset
        from ..formats import serialize

        dataset = new_dataset()
        add_record(dataset, record, self.mapper)
        self.pending.append(serialize(dataset, "nq"))
        if len(self.pending) >= self.size:
            self._flush()

    def close(self) -> None:
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


def _expand(sources: tuple[str, ...]) -> Iterator[object]:
    """Command-line sources as library sources: ``-`` is stdin, folders give their pages."""
    from ..pipeline import Raw, iter_sources

    for source in sources:
        if source == "-":
            yield Raw("<stdin>", sys.stdin.buffer.read())
        else:
            yield from iter_sources([source])


def _progress(items: Iterator, length: int):  # type: ignore[no-untyped-def]
    show = stderr_is_terminal() and length >= PROGRESS_FROM
    return click.progressbar(items, length=length, label="converting", file=sys.stderr, show_pos=True, show_eta=True) if show else _Plain(items)


class _Plain:
    def __init__(self, items: Iterator) -> None:
        self.items = items

    def __enter__(self) -> Iterator:
        return self.items

    def __exit__(self, *exc: object) -> None:
        return None
