"""RePEc mirrors: ReDIF files, and the series files that name their items' journals and series.

A mirror holds one folder per archive (``../shared/REDIF.md``): ``RePEc/{arch}/{arch}arch.rdf`` (the
archive), ``{arch}seri.rdf`` (its series; ``.redif`` also occurs) and series folders of item files.
An item template names only its series' handle: the journal or series name and its provider are in
the series file. So a series file applies to the ReDIF files after it in the run that lie below
its own folder, which is every item file of its archive when a folder is walked
(:class:`rdfbib.files.Walk` gives a folder's archive and series files before anything else).

A :class:`RedifFile` carries the paths of the series files in scope, not their contents: tasks sent
to worker processes stay a few hundred bytes, and each process reads an archive's series files once
(:func:`series_of_files`, a small cache, so memory stays flat however many archives a run holds).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Series

_ARCHIVE_FILE = re.compile(r"[a-z0-9]{3}arch\.(?:rdf|redif)", re.IGNORECASE)
_SERIES_FILE = re.compile(r"[a-z0-9]{3}seri\.(?:rdf|redif)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class RedifFile:
    """A ReDIF file to convert, with the series files whose names its items take (paths, in run order)."""

    path: str
    series: tuple[str, ...] = ()

    def __fspath__(self) -> str:
        return self.path

    def __str__(self) -> str:
        return self.path


def is_series_file(name: str | os.PathLike[str]) -> bool:
    """``{arch}seri.rdf`` (or ``.redif``): an archive's series templates, by RePEc's naming rule."""
    return _SERIES_FILE.fullmatch(os.path.basename(os.fspath(name))) is not None


def walk_rank(name: str) -> int:
    """Where a file comes among its folder's entries: the archive file, then the series file, then the rest."""
    if _ARCHIVE_FILE.fullmatch(name):
        return 0
    return 1 if _SERIES_FILE.fullmatch(name) else 2


class SeriesScope:
    """Series files named on the command line (or in a ``--from`` list), for the ReDIF files after them:
    each applies below its own folder. Only their paths are kept."""

    def __init__(self) -> None:
        self._by_folder: dict[str, list[str]] = {}

    def add(self, path: str) -> None:
        self._by_folder.setdefault(os.path.dirname(os.path.abspath(path)), []).append(path)

    def below(self, folder: str) -> tuple[str, ...]:
        """The series files that apply to ``folder`` and what lies below it."""
        if not self._by_folder:
            return ()
        found: list[str] = []
        current = os.path.abspath(folder)
        while True:
            found[:0] = self._by_folder.get(current, [])
            parent = os.path.dirname(current)
            if parent == current:
                return tuple(found)
            current = parent


def series_of_files(files: tuple[str, ...]) -> Mapping[str, Series]:
    """Series key (``archive/series``) -> series, from the ReDIF-Series templates of ``files``.

    Read once per process while the files do not change (keyed by path, size and modification
    time). A file that cannot be read, or a bad template, adds nothing here: converting the series
    file itself reports it.
    """
    if not files:
        return {}
    stamps = []
    for path in files:
        try:
            stat = os.stat(path)
        except OSError:
            continue
        stamps.append((path, stat.st_size, stat.st_mtime_ns))
    return _index(tuple(stamps))


@lru_cache(maxsize=4)
def _index(stamps: tuple[tuple[str, int, int], ...]) -> Mapping[str, Series]:
    from .errors import RdfbibError
    from .model import Record
    from .pipeline import load_page
    from .readers import get
    from .readers.redif import series_index

    reader = get("redif")
    index: dict[str, Series] = {}
    for path, _, _ in stamps:
        try:
            page = load_page(path)
        except RdfbibError:
            continue
        index.update(series_index(o for o in reader.read_all(page) if isinstance(o, Record)))  # type: ignore[attr-defined]
    return index
