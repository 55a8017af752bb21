"""What the RePEc readers (IDEAS text, HTML and Markdown, EconPapers) read alike: download restrictions,
affiliation labels and author notes. One set of rules, so the same item saved in any form gives the
same record."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from ..identifiers import ideas_url, series_key, url_key, url_kind
from ..model import Affiliation, Container, Work
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


def apply_links(work: Work, links: Iterable[tuple[str, str]]) -> None:
    """A citation entry's links (text, address), in page order: the first item page gives the work's
    RePEc key, URL and kind; a series page ``/s/<archive>/<series>.html`` its journal or series."""
    for text, href in links:
        key = url_key(href)
        if key and not work.repec_key:
            work.repec_key = key
            work.url = ideas_url(href) or clean(href)
            kind = url_kind(href)
            if kind and work.kind in ("other", "article", "paper") and kind != work.kind:
                work.kind = kind
            continue
        series = series_key(href) if "/s/" in href else None
        if series and work.container is None:
            work.container = Container(kind="journal" if work.kind == "article" else "series", name=clean(text))
        if series and work.container is not None and work.container.kind != "book":
            # A chapter's series ("Springer Books") is not its book: the book gets no series key.
            work.container.handle = work.container.handle or series


def edirc_for(name: str, codes: dict[str, str]) -> str | None:
    """The EDIRC code of a workplace from its block's links (link text -> code): the link whose text is the
    name, else one whose text is part of it ("Department of X, <link>University</link>")."""
    return codes.get(name) or next((code for text, code in codes.items() if text and text in name), None)


def name_key(name: str) -> tuple[str, ...]:
    """Order-insensitive key of a person's name ("Doe, Jane" and "Jane Doe" meet)."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    letters = "".join(c if c.isalnum() else " " for c in folded if not unicodedata.combining(c))
    return tuple(sorted(letters.split()))
