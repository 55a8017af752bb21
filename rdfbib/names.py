"""Person names as printed: the only place that decides whether a page split a name."""

from __future__ import annotations

import re

from .model import Author
from .text import clean

_SUFFIX = re.compile(r"^(?:jr|sr|ii|iii|iv|v)\.?$", re.IGNORECASE)


def split_name(name: str) -> tuple[str | None, str | None]:
    """``(given, family)`` when the printed form splits them ("Last, First"), else ``(None, None)``.

    "First Last" is not split: guessing where a family name starts is wrong too often
    ("Ya-nan Li", "W. Dean Pontius", "van der Berg").

    >>> split_name("Liu, Yan")
    ('Yan', 'Liu')
    >>> split_name("Joan Massagué")
    (None, None)
    """
    parts = [p.strip() for p in name.split(",")]
    if len(parts) == 3 and _SUFFIX.match(parts[1]):
        parts = [f"{parts[0]}, {parts[1]}", parts[2]]
    if len(parts) != 2 or not parts[0] or not parts[1] or _SUFFIX.match(parts[1]):
        return None, None
    return parts[1], parts[0]


def person(name: str, **fields: object) -> Author:
    """An :class:`Author` from a name as printed, split only when the page split it."""
    printed = clean(name) or ""
    given, family = split_name(printed)
    return Author(name=printed, given=given, family=family, **fields)  # type: ignore[arg-type]
