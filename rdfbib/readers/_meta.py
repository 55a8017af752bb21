"""The ``<meta>`` tags of a parsed page, read once, in document order, with case-folded names.

Highwire, Dublin Core, PRISM and OpenGraph all live in ``<meta>``: one pass collects them for
every syntax module. Names are matched case-insensitively (``DC.Identifier`` = ``dc.identifier``)
because publishers spell them every way; lxml has already decoded entities, attribute order and
unquoted attributes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from ..citations import parse_pages
from ..model import Pages, PartialDate, Work
from ..text import MAX_CHARS, clean


class MetaTags:
    """``<meta name|property|id content>`` pairs of a page: ordered, and indexed by lower-case name."""

    __slots__ = ("_index", "pairs")

    def __init__(self, root: etree._Element) -> None:
        self.pairs: list[tuple[str, str]] = []
        self._index: dict[str, list[str]] = {}
        for element in root.iter("meta"):
            key = element.get("name") or element.get("property") or element.get("id")
            content = element.get("content")
            if not key or content is None:
                continue
            key = key.strip().lower()
            self.pairs.append((key, content))
            self._index.setdefault(key, []).append(content)

    def __contains__(self, key: str) -> bool:
        return any(clean(v) for v in self._index.get(key, ()))

    def all(self, *keys: str, limit: int | None = MAX_CHARS) -> list[str]:
        """Every cleaned non-empty value of these names, name by name, each in document order; a list
        split afterwards passes ``limit=None`` (see :func:`rdfbib.text.clean`)."""
        return [value for key in keys for value in (clean(v, limit=limit) for v in self._index.get(key, ())) if value]

    def first(self, *keys: str) -> str | None:
        """The first cleaned non-empty value of the first name that has one."""
        for key in keys:
            for raw in self._index.get(key, ()):
                value = clean(raw)
                if value:
                    return value
        return None

    def first_with(self, *keys: str) -> tuple[str, str] | None:
        """``(name, value)`` of :meth:`first`: callers that warn say which tag a value came from."""
        for key in keys:
            for raw in self._index.get(key, ()):
                value = clean(raw)
                if value:
                    return key, value
        return None


@dataclass(slots=True)
class Found:
    """What one syntax says about the page's work; ``publisher.py`` merges these field by field.

    ``kind`` is ``None`` when the syntax says nothing about the kind (``Work.kind`` then means nothing);
    ``online`` is an online-first date the syntax gives besides the publication date, with its tag.
    """

    work: Work = field(default_factory=Work)
    kind: str | None = None
    online: PartialDate | None = None
    date_tag: str | None = None
    online_tag: str | None = None
    warnings: list[str] = field(default_factory=list)


_RANGE = re.compile(r"^\s*\S+?\s*[-–—]+\s*\S+\s*$")


def pages(first: str | None, last: str | None, raw: str | None = None) -> Pages | None:
    """Pages from a first and last page, or from a printed range (``157-164``, ``2627–2636``), also when a
    page gives the range as its first page (``citation_firstpage="444-445"``).

    >>> pages("444-445", None)
    Pages(raw='444-445', start='444', end='445')
    """
    first, last, raw = clean(first), clean(last), clean(raw)
    if first and not last and _RANGE.match(first):
        return parse_pages(first)
    if first:
        return Pages(raw=f"{first}-{last}" if last and last != first else first, start=first, end=last if last != first else None)
    return parse_pages(raw)


def unique(values: list[str | None]) -> list[str]:
    """The values without ``None`` and repeats, in first-seen order."""
    return list(dict.fromkeys(v for v in values if v))
