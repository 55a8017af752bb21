"""The reader registry: find readers by name and detect which one fits a page.

Built-in readers are the modules of this package; other packages add readers through the
``rdfbib.readers`` entry-point group. Each reader module registers one class with
:func:`register`. :func:`detect` tries readers from the highest priority down, so
site-specific readers come before generic ones.
"""

from __future__ import annotations

import importlib
import pkgutil
from importlib.metadata import entry_points
from typing import Protocol, TypeVar, runtime_checkable

from ..errors import FormatError, UnsupportedPageError
from ..model import Record
from ..page import Page


@runtime_checkable
class Reader(Protocol):
    """What a reader is: a name, a priority, a cheap test and the extraction itself."""

    name: str
    priority: int
    description: str

    def matches(self, page: Page) -> bool:
        """Cheap test whether the page is of this reader's kind."""

    def read(self, page: Page) -> Record:
        """The page's record; raises :class:`~rdfbib.errors.ReaderError` when no work is found."""


_REGISTRY: dict[str, Reader] = {}
_LOADED = False
R = TypeVar("R")


def register(cls: type[R]) -> type[R]:
    """Class decorator: instantiate and register a reader under its ``name``."""
    reader = cls()
    if not isinstance(reader, Reader):
        raise TypeError(f"{cls.__name__} is not a reader: it needs name, priority, description, matches() and read()")
    if reader.name in _REGISTRY and type(_REGISTRY[reader.name]) is not cls:
        raise ValueError(f"two readers are named {reader.name!r}")
    _REGISTRY[reader.name] = reader
    return cls


def _load() -> None:
    global _LOADED
    if _LOADED:
        return
    _LOADED = True
    for module in pkgutil.iter_modules(__path__):
        if not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}")
    for entry in entry_points(group="rdfbib.readers"):
        entry.load()


def all_readers() -> list[Reader]:
    """Every registered reader, highest priority first (ties by name, so detection is deterministic)."""
    _load()
    return sorted(_REGISTRY.values(), key=lambda r: (-r.priority, r.name))


def get(name: str) -> Reader:
    """The reader called ``name``.

    :raises FormatError: no such reader; the message lists the valid names.
    """
    _load()
    try:
        return _REGISTRY[name]
    except KeyError:
        names = ", ".join(r.name for r in all_readers())
        raise FormatError(f"unknown reader {name!r}; readers are: {names}") from None


def detect(page: Page) -> Reader:
    """The first reader, by priority, that matches the page.

    :raises UnsupportedPageError: no reader matched.
    """
    tried = []
    for reader in all_readers():
        if reader.matches(page):
            return reader
        tried.append(reader.name)
    kind = "HTML page" if page.is_html else "text"
    raise UnsupportedPageError(
        f"not a bibliographic page rdfbib can read ({kind}; tried {', '.join(tried)})",
        source=page.source,
        tried=tuple(tried),
    )
