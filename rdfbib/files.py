"""What a file is, from its name: a page to convert, an RDF file rdfbib wrote, or ReDIF.

One table, :data:`EXTENSIONS`, for every command: ``convert`` reads pages and ReDIF and writes the
RDF format ``-o``'s extension names; ``load`` reads pages, ReDIF and RDF files; ``validate`` reads
RDF files. A folder gives the kinds a command takes, and the files of other kinds in it are counted
and reported (:class:`Walk`), never silently left out. ``.rdf`` is either RDF/XML or ReDIF (RePEc's
template format): its first bytes decide (XML is RDF/XML; anything else is read as ReDIF, whose
reader names the file when it holds no ``Template-Type:`` line).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import FormatError
from .mirror import RedifFile, is_series_file, walk_rank

if TYPE_CHECKING:
    from .formats import Format

#: Kinds of file.
PAGE = "page"
RDF = "rdf"
REDIF = "redif"
#: What each kind is called in messages.
KIND_NAMES = {PAGE: "pages", RDF: "RDF files", REDIF: "ReDIF files"}


@dataclass(frozen=True, slots=True)
class Kind:
    """What a file name says a file is; ``format`` names the RDF syntax of an RDF file (rdfbib.formats)."""

    kind: str
    format: str | None = None


#: File name endings (lower case) and what they are. RDF files may also end in ``.gz``.
EXTENSIONS: dict[str, Kind] = {
    ".html": Kind(PAGE),
    ".htm": Kind(PAGE),
    ".txt": Kind(PAGE),
    ".md": Kind(PAGE),
    ".nq": Kind(RDF, "nq"),
    ".trig": Kind(RDF, "trig"),
    ".ttl": Kind(RDF, "turtle"),
    ".nt": Kind(RDF, "nt"),
    ".jsonld": Kind(RDF, "json-ld"),
    ".json": Kind(RDF, "json-ld"),
    ".rdf": Kind(RDF, "xml"),  # or ReDIF: see kind_of
    ".xml": Kind(RDF, "xml"),
    ".redif": Kind(REDIF),
}
#: How far into a ``.rdf`` file rdfbib looks for XML.
SNIFF_BYTES = 4096
# Byte-order marks (UTF-8, UTF-16, UTF-32), the NUL bytes of UTF-16/32 text and white space before a first "<".
_BEFORE_XML = b"\xef\xbb\xbf\xfe\xff\x00 \t\r\n"


def suffix(name: str | os.PathLike[str]) -> str:
    """The ending that :data:`EXTENSIONS` is keyed by: the last suffix, lower case, before any ``.gz``."""
    base = os.path.basename(os.fspath(name)).lower()
    if base.endswith(".gz"):
        base = base[:-3]
    return os.path.splitext(base)[1]


def kind_of(path: str | os.PathLike[str], *, sniff: bool = True) -> Kind | None:
    """What ``path`` is by its name, or None for a kind rdfbib does not read.

    A ``.gz`` is an RDF file or nothing. With ``sniff``, a ``.rdf`` file's first bytes decide: XML (a
    ``<`` first, after any byte-order mark and white space) is RDF/XML, anything else ReDIF, so a
    broken or empty ``.rdf`` in a RePEc mirror is reported by name rather than parsed as XML (an
    unreadable one is taken as RDF/XML; reading it says what is wrong).
    """
    name = os.fspath(path)
    kind = EXTENSIONS.get(suffix(name))
    if kind is None or (name.lower().endswith(".gz") and kind.kind != RDF):
        return None
    if sniff and suffix(name) == ".rdf" and not name.lower().endswith(".gz") and _is_redif(name):
        return Kind(REDIF)
    return kind


def _is_redif(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return False
    return not head.lstrip(_BEFORE_XML).startswith(b"<")


def rdf_extensions() -> str:
    """The endings of RDF files, for messages: ``.nq .trig .ttl ...``."""
    return " ".join(ext for ext, kind in EXTENSIONS.items() if kind.kind == RDF)


def output_format(path: str | os.PathLike[str]) -> Format:
    """The format an output file's name asks for.

    :raises FormatError: the name ends in no RDF extension (or in ``.gz``): rdfbib will not guess.
    """
    from .formats import get_format

    name = os.fspath(path)
    kind = EXTENSIONS.get(suffix(name))
    if kind is None or kind.kind != RDF or name.lower().endswith(".gz"):
        raise FormatError(f"cannot tell an RDF format from the name {name!r}: use one of {rdf_extensions()}, or give -f", source="--output")
    assert kind.format is not None
    return get_format(kind.format)


@dataclass(slots=True)
class Walk:
    """The files under a folder of the kinds wanted, in the order sorting their paths gives, made one at a
    time (linked folders are not followed, as ``Path.rglob``); the others are counted in :attr:`skipped`.

    ReDIF files come as :class:`~rdfbib.mirror.RedifFile`, with the series files before them in their
    folder or above (``series`` adds those the run named before the folder); so that a RePEc archive's
    items take its series' names, a folder's archive and series files (``{arch}arch.rdf``,
    ``{arch}seri.rdf``) come before its other files and its subfolders. A series file is in scope only
    while the walk is below its folder.

    A sorted list of 20,000 Path objects holds 7.3 MB for the whole batch; the names of the folders
    being walked hold 2.7 MB.
    """

    folder: Path
    kinds: frozenset[str]
    series: tuple[str, ...] = ()
    found: int = 0
    skipped: Counter[tuple[str, str]] = field(default_factory=Counter)  # (kind name, ending) -> files
    unreadable: list[tuple[Path, str]] = field(default_factory=list)  # folders below that could not be listed, and why

    def __iter__(self) -> Iterator[Path | RedifFile]:
        yield from self._under(self.folder, self.series)

    def _under(self, folder: Path, series: tuple[str, ...]) -> Iterator[Path | RedifFile]:
        try:
            with os.scandir(folder) as scan:
                entries = sorted((walk_rank(entry.name), entry.name, entry.is_dir(follow_symlinks=False), entry.is_file()) for entry in scan)
        except OSError as exc:
            if folder == self.folder:
                raise
            self.unreadable.append((folder, (exc.strerror or str(exc)).lower()))  # one folder lost, not the walk
            return
        for _, name, is_dir, is_file in entries:
            if is_dir:
                yield from self._under(folder / name, series)
            elif is_file:
                path = folder / name
                kind = kind_of(path, sniff=REDIF in self.kinds or RDF in self.kinds)
                if kind is not None and kind.kind in self.kinds:
                    self.found += 1
                    if kind.kind != REDIF:
                        yield path
                        continue
                    yield RedifFile(str(path), series)
                    if is_series_file(name):
                        series = (*series, str(path))
                else:
                    ending = suffix(name) + (".gz" if name.lower().endswith(".gz") else "") or (name if name.startswith(".") else "(no extension)")
                    self.skipped[(KIND_NAMES[kind.kind] if kind else "files of unknown kind", ending)] += 1

    def summary(self) -> str | None:
        """``skipped 3 files of unknown kind (.pdf x2, .doc)``, or None when nothing was skipped."""
        if not self.skipped:
            return None
        parts = []
        for what in sorted({what for what, _ in self.skipped}):
            endings = sorted((ending, n) for (kind, ending), n in self.skipped.items() if kind == what)
            total = sum(n for _, n in endings)
            noun = what if total != 1 else what.replace("files", "file", 1)
            shown = ", ".join(f"{ending} x{n}" if n > 1 else ending for ending, n in endings)
            parts.append(f"{total} {noun} ({shown})")
        return "skipped " + "; ".join(parts)



def cannot_write(path: str | os.PathLike[str], *, folder: bool = False) -> str | None:
    """Why rdfbib could not create or write ``path`` (a file, or with ``folder`` a folder), or None.

    Asked before any work starts, so a batch never runs for an hour and then fails to write.
    """
    target = Path(path)
    if target.is_dir():
        return None if folder and os.access(target, os.W_OK) else ("not writable" if folder else "is a folder")
    if target.exists():
        if folder:
            return "is a file, not a folder"
        return None if os.access(target, os.W_OK) else "not writable"
    parent = target.parent
    for ancestor in (parent, *parent.parents):
        if ancestor.exists():
            if not ancestor.is_dir():
                return f"{ancestor} is a file, not a folder"
            if ancestor != parent:
                return f"no such folder: {parent}"
            return None if os.access(parent, os.W_OK | os.X_OK) else f"the folder {parent} is not writable"
    return f"no such folder: {parent}"
