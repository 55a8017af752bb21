"""Command-line sources as library sources: files, folders, ``-`` (stdin), http(s) URLs, and lists.

Everything is lazy: folders are listed and URLs fetched only when their turn comes, so a list of
10,000 URLs starts converting at once, and a URL that cannot be fetched is one failed
:class:`~rdfbib.pipeline.Result` among the others rather than the end of the batch.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Union

from .errors import RdfbibError, SourceError
from .files import KIND_NAMES, PAGE, RDF, REDIF, Walk, kind_of
from .mirror import RedifFile, SeriesScope, is_series_file
from .page import MAX_BYTES
from .pipeline import Finish, Raw, Result, Source, convert_source

if TYPE_CHECKING:
    from .fetch import Fetcher

_URL_SCHEMES = ("http://", "https://")
# Any other "scheme://": a URL rdfbib does not fetch, never a file name.
_OTHER_URL = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*)://")
# A comment after an entry: "#" after white space (a "#" inside a URL is its fragment).
_TRAILING_COMMENT = re.compile(r"\s#.*$")


@dataclass(frozen=True, slots=True)
class Remote:
    """A page still to fetch."""

    url: str


#: One expanded source: a file (a ReDIF file with the series files in scope), bytes read from stdin, a URL
#: to fetch, or a source that failed already (a folder with nothing to read, a URL of a scheme rdfbib does not fetch).
Item = Union[Path, RedifFile, Raw, Remote, Result]
#: ``notice(folder, text)``: told what a folder walk skipped, once the walk is done.
Notice = Callable[[str, str], None]


def is_url(value: str) -> bool:
    return value.strip().lower().startswith(_URL_SCHEMES)


def read_list(stream: IO[str]) -> Iterator[str]:
    """The sources a ``--from`` file lists: one per line; blank lines, ``#`` lines and `` # comments`` left out."""
    for line in stream:
        entry = _TRAILING_COMMENT.sub("", line).strip()
        if entry and not entry.startswith("#"):
            yield entry


def expand(
    args: Iterable[str],
    *,
    lists: Iterable[IO[str]] = (),
    kinds: Iterable[str] = (PAGE, REDIF),
    notice: Notice | None = None,
) -> Iterator[Item]:
    """The arguments, then the entries of each ``--from`` list, as items in order.

    ``-`` is stdin; folders give their files of ``kinds`` (sorted; what else they hold is counted and
    told to ``notice``, and a folder with none of them is a failed Result); http(s) URLs become
    :class:`Remote`, other URLs a failed Result. Nothing is read or fetched before the item's turn.
    ReDIF files become :class:`~rdfbib.mirror.RedifFile` with the series files of their archive met
    before them (:mod:`rdfbib.mirror`).
    """
    wanted = frozenset(kinds)
    scope = SeriesScope()
    for arg in args:
        yield from _item(str(arg), wanted, notice, scope)
    for stream in lists:
        for entry in read_list(stream):
            yield from _item(entry, wanted, notice, scope)


def _item(value: str, kinds: frozenset[str], notice: Notice | None, scope: SeriesScope) -> Iterator[Item]:
    other = _OTHER_URL.match(value)
    if value == "-":
        yield Raw("<stdin>", sys.stdin.buffer.read())
    elif is_url(value):
        yield Remote(value.strip())
    elif other:
        yield Result.failure(SourceError(f"rdfbib does not fetch {other.group(1)}: URLs, only http(s) URLs (give local files by their path)"), value)
    elif Path(value).is_dir():
        walk = Walk(Path(value), kinds, scope.below(value))
        yield from walk
        for folder, reason in walk.unreadable:
            yield Result.failure(SourceError(f"cannot list this folder: {reason}"), str(folder))
        summary = walk.summary()
        if summary and notice:
            notice(value, summary)
        if not walk.found:
            names = [KIND_NAMES[k] for k in (PAGE, REDIF, RDF) if k in kinds]
            wanted = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
            yield Result.failure(SourceError(f"no {wanted} found"), value)
    else:
        kind = kind_of(value) if Path(value).is_file() else None
        if kind is not None and kind.kind == RDF and RDF not in kinds:  # named on purpose, but not a page
            yield Result.failure(SourceError("an RDF file, not a page (rdfbib load reads RDF files, rdfbib validate checks them)"), value)
        elif kind is not None and kind.kind == REDIF:
            yield RedifFile(value, scope.below(os.path.dirname(value) or "."))
            if is_series_file(value):
                scope.add(value)
        else:
            yield Path(value)


def item_name(item: Item) -> str:
    """How an item is named in messages."""
    if isinstance(item, Remote):
        return item.url
    if isinstance(item, (Raw, Result)):
        return item.name if isinstance(item, Raw) else item.source
    return str(item)


def fetched(
    items: Iterable[Item], *, fetcher: Fetcher | None = None, make_fetcher: Callable[[], Fetcher] | None = None, max_bytes: int = MAX_BYTES
) -> Iterator[Source | Result]:
    """Items with every URL fetched (in this process, politely, in order); a failed fetch is a failed Result.

    URLs are fetched with ``fetcher``; without one, with the Fetcher ``make_fetcher()`` (else a default
    one) makes when the first URL comes, closed at the end.
    """
    own = None
    try:
        for item in items:
            if not isinstance(item, Remote):
                yield item
                continue
            if fetcher is None:
                from .fetch import Fetcher

                fetcher = own = make_fetcher() if make_fetcher else Fetcher(max_bytes=max_bytes)
            try:
                yield fetcher.get(item.url)
            except RdfbibError as exc:
                yield Result.failure(exc, item.url)
    finally:
        if own is not None:
            own.close()


def results(
    items: Iterable[Item],
    *,
    fetcher: Fetcher | None = None,
    make_fetcher: Callable[[], Fetcher] | None = None,
    reader: str | None = None,
    max_bytes: int = MAX_BYTES,
    finish: Finish | None = None,
) -> Iterator[Result]:
    """One :class:`~rdfbib.pipeline.Result` per record or failure of each item, in order (URLs fetched as in :func:`fetched`)."""
    for source in fetched(items, fetcher=fetcher, make_fetcher=make_fetcher, max_bytes=max_bytes):
        if isinstance(source, Result):
            yield source
        else:
            yield from convert_source(source, reader=reader, max_bytes=max_bytes, finish=finish)
