"""Person names as printed: the only place that decides whether a page split a name."""

from __future__ import annotations

import re

from .model import Author
from .text import clean

_SUFFIX = re.compile(r"^(?:jr|sr|ii|iii|iv|v)\.?$", re.IGNORECASE)
# Words that name a group or an institution, never a person's name.
_GROUP = re.compile(
    r"\b(?:collaboration|consortium|consortia|organi[sz]ation|institute|university|association|society|committee"
    r"|council|commission|agency|bureau|ministry|department|foundation|federation|initiative|investigators"
    r"|working\s+group|study\s+group|research\s+group|task\s+force|secretariat)\b",
    re.IGNORECASE,
)
# Words that do only with a qualifier ("World Bank", "International Monetary Fund"; not "Steven Bank").
_GROUP_QUALIFIED = re.compile(
    r"^(?:the\s+|(?:world|european|national|federal|central|international|asian|african|inter-american|united)\b.*\s)"
    r".*\b(?:bank|fund|nations|union|network|centre|center|office|group|team|programme|program)\b"
    r"|\b(?:bank|fund|office|centre|center|network|group|team)\s+(?:of|for)\b",
    re.IGNORECASE,
)


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


def is_group(name: str) -> bool:
    """Whether an author name names a group or an institution (a ``schema:Organization``), not a person.

    >>> is_group("Open Science Collaboration"), is_group("World Bank"), is_group("Steven Bank"), is_group("Liu, Yan")
    (True, True, False, False)
    """
    if "," in name or len(name.split()) < 2:
        return False
    return bool(_GROUP.search(name) or _GROUP_QUALIFIED.search(name))


def person(name: str, **fields: object) -> Author:
    """An :class:`Author` from a name as printed, split only when the page split it; a group or an
    institution ("Open Science Collaboration") is marked as an organisation and never split."""
    printed = clean(name) or ""
    if is_group(printed):
        return Author(name=printed, organization=True, **fields)  # type: ignore[arg-type]
    given, family = split_name(printed)
    return Author(name=printed, given=given, family=family, **fields)  # type: ignore[arg-type]
