"""Command-line sources as library sources: files, folders, ``-`` (stdin), http(s) URLs, and lists.

Everything is lazy: folders are listed and URLs fetched only when their turn comes, so a list of
10,000 URLs starts converting at once, and a URL that cannot be fetched is one failed
:class:`~rdfbib.pipeline.Result` among the others rather than the end of the batch.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .errors import RdfbibError
from .fetch import Fetcher
from .page import MAX_BYTES
from .pipeline import Raw, Result, convert_batch, extract, iter_sources

_URL_SCHEMES = ("http://", "https://")


@dataclass(frozen=True, slots=True)
class Remote:
    """A page still to fetch."""

    url: str


#: One expanded source: a file, bytes read from stdin, or a URL to fetch.
Item = Path | Raw | Remote


def is_url(value: str) -> bool:
    return value.strip().lower().startswith(_URL_SCHEMES)


def read_list(stream: IO[str]) -> Iterator[str]:
    """The sources a ``--from`` file lists: one per line; blank lines and ``#`` comments skipped."""
    for line in stream:
        entry = line.strip()
        if entry and not entry.startswith("#"):
            yield entry


def expand(args: Iterable[str | os.PathLike[str]], *, lists: Iterable[str] = ()) -> Iterator[Item]:
    """The arguments, then the entries of each ``--from`` list, as items in order.

    ``-`` is stdin (as a page; as a list, ``--from -`` reads entries from stdin); folders give
    their pages (sorted); http(s) URLs become :class:`Remote`. Nothing is read or fetched before
    the item's turn.
    """
    for arg in args:
        yield from _item(str(arg))
    for name in lists:
        if name == "-":
            yield from (i for entry in read_list(sys.stdin) for i in _item(entry))
            continue
        with open(name, encoding="utf-8") as stream:
            for entry in read_list(stream):
                yield from _item(entry)


def _item(value: str) -> Iterator[Item]:
    if value == "-":
        yield Raw("<stdin>", sys.stdin.buffer.read())
    elif is_url(value):
        yield Remote(value.strip())
    else:
        yield from iter_sources([value])


def results(
    items: Iterable[Item],
    *,
    fetcher: Fetcher | None = None,
    reader: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> Iterator[Result]:
    """One :class:`Result` per item, in order; URLs are fetched with ``fetcher`` (one is made if needed)."""
    own = None
    try:
        for item in items:
            if not isinstance(item, Remote):
                yield from convert_batch([item], reader=reader, max_bytes=max_bytes)
                continue
            if fetcher is None:
                fetcher = own = Fetcher(max_bytes=max_bytes)
            try:
                record = extract(fetcher.get(item.url), reader=reader, max_bytes=max_bytes)
            except RdfbibError as exc:
                exc.source = exc.source or item.url
                yield Result(item.url, error=exc)
            else:
                yield Result(item.url, record=record)
    finally:
        if own is not None:
            own.close()


def item_name(item: Item) -> str:
    """How an item is named in messages."""
    if isinstance(item, Remote):
        return item.url
    return item.name if isinstance(item, Raw) else str(item)
