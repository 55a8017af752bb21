"""What the RePEc readers (IDEAS text, HTML and Markdown, EconPapers) read alike: download restrictions,
affiliation labels and author notes. One set of rules, so the same item saved in any form gives the
same record."""

from __future__ import annotations

import re

from ..model import Affiliation
from ..text import clean

_NOT_RESTRICTED = re.compile(r"^(?:no|none|free|open access|no restrictions?)\.?$", re.IGNORECASE)
_RESTRICTED = re.compile(
    r"restrict|subscri|licen[cs]|members\s+only|registration|registered\s+users|\busers\s+only|log\s?-?in\b|purchase|\bfee\b|paid",
    re.IGNORECASE,
)

#: A label before an affiliation line ("Present address: ...") that says how the author relates to it.
AFFILIATION_ROLE = re.compile(
    r"^((?:present|current|permanent|previous|former|temporary|new|home|mailing)\s+address(?:es)?"
    r"|also\s+(?:at|with)|on\s+leave\s+from|visiting)\s*:\s*",
    re.IGNORECASE,
)
#: Publisher footnotes printed where workplaces go ("These authors contributed equally", "Lead contact"):
#: notes about the author, not organisations. Footnote marks may come first.
AUTHOR_NOTE = re.compile(
    r"^[*†‡§¶#\d\s]*(?:these\s+authors|this\s+author|the\s+authors|authors?\s+contributed|contributed\s+equally"
    r"|equal(?:ly)?\s+contribut|joint(?:ly)?\s+(?:first|senior|last|supervised|contributed)|co-?first|co-?senior"
    r"|corresponding\s+author|deceased|lead\s+contact)",
    re.IGNORECASE,
)


def restriction(text: str | None) -> tuple[str | None, bool | None]:
    """``(restriction as printed, restricted)`` from a "Download Restriction" value.

    "no" (and the like) gives ``(None, False)``; a text that speaks of subscriptions, licences,
    registration, logging in or fees gives ``(text, True)``; any other text is kept with
    ``restricted`` unknown.

    >>> restriction("Registered users only"), restriction("no")
    (('Registered users only', True), (None, False))
    """
    text = clean(text)
    if not text:
        return None, None
    if _NOT_RESTRICTED.match(text):
        return None, False
    return text, True if _RESTRICTED.search(text) else None


def workplace(line: str) -> Affiliation | str | None:
    """One line of an author's affiliation block: a note (``str``), a workplace with its role label, or ``None``.

    >>> workplace("Lead contact"), workplace("Present address: Invented University")
    ('Lead contact', Affiliation(name='Invented University', edirc=None, role='Present address'))
    """
    line = clean(line) or ""
    if not line:
        return None
    if AUTHOR_NOTE.match(line):
        return line
    role = AFFILIATION_ROLE.match(line)
    name = clean(line[role.end() :]) if role else line
    if not name:
        return None
    return Affiliation(name=name, role=clean(role.group(1)) if role else None)
