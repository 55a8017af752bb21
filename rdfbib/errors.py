"""rdfbib's exceptions: bad input on one side, our own bugs on the other.

::

    RdfbibError                 .source on every instance; str() is one line
    ├─ SourceError              no usable bytes: missing, empty, binary, too large
    │  └─ FetchError            a URL gave no page: HTTP status, timeout, robots.txt, offline miss; .status
    ├─ DecodeError              bytes cannot become text without mojibake
    ├─ UnsupportedPageError     no reader matched; .tried lists the reader names
    ├─ ReaderError              a reader matched but found no work on the page; .reader
    ├─ SettingError             a setting is wrong: a base IRI, a file name's extension (also a ValueError)
    │  └─ FormatError           unknown format, reader or result format name
    ├─ StoreError               loading or querying a store failed; .endpoint
    ├─ OutputError              a file or folder rdfbib writes cannot be (output, report, crawl state, cache)
    └─ InternalError            a broken invariant: a bug in rdfbib, please report it

The library raises; the CLI turns these into ``rdfbib: <source>: <reason>`` and an exit code (2 for a
SettingError, as for any other usage error; 1 for the rest), in one place (:mod:`rdfbib.cli`).
"""

from __future__ import annotations


class RdfbibError(Exception):
    """Base of every error rdfbib raises on purpose."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.message = " ".join(str(message).split())
        self.source = source

    def __str__(self) -> str:
        return f"{self.source}: {self.message}" if self.source else self.message


class SourceError(RdfbibError):
    """The source gave no usable bytes (missing, empty, binary, too large)."""


class FetchError(SourceError):
    """Fetching a URL gave no page; ``status`` is the last HTTP status, ``None`` when none came back."""

    def __init__(self, message: str, *, source: str | None = None, status: int | None = None) -> None:
        super().__init__(message, source=source)
        self.status = status


class DecodeError(RdfbibError):
    """The bytes are not text in any encoding the page declares or UTF-8."""


class UnsupportedPageError(RdfbibError):
    """No reader recognised the page."""

    def __init__(self, message: str, *, source: str | None = None, tried: tuple[str, ...] = ()) -> None:
        super().__init__(message, source=source)
        self.tried = tried


class ReaderError(RdfbibError):
    """A reader recognised the page but could not find a work on it."""

    def __init__(self, message: str, *, source: str | None = None, reader: str | None = None) -> None:
        super().__init__(message, source=source)
        self.reader = reader


class SettingError(RdfbibError, ValueError):
    """A setting the caller chose is wrong (a base IRI, an output file's extension): nothing was done yet."""


class FormatError(SettingError):
    """An unknown format, reader or result format name; the message lists the valid ones."""


class StoreError(RdfbibError):
    """Loading into or querying a store failed."""

    def __init__(self, message: str, *, source: str | None = None, endpoint: str | None = None) -> None:
        super().__init__(message, source=source)
        self.endpoint = endpoint


class OutputError(RdfbibError):
    """A file or folder rdfbib writes cannot be written: a missing folder, a file where a folder should be."""


class InternalError(RdfbibError):
    """A broken invariant inside rdfbib."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(f"{message} (this is a bug in rdfbib, please report it)", source=source)
