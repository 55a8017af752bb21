"""What the RePEc readers (IDEAS text and HTML, EconPapers) read alike: download restrictions,
affiliation labels and author notes."""

from __future__ import annotations

import re

_NOT_RESTRICTED = re.compile(r"^(?:no|none|free|open access|no restrictions?)\.?$", re.IGNORECASE)
_RESTRICTED = re.compile(r"restrict|subscri|licen[cs]|members only|registration|purchase|\bfee\b|paid", re.IGNORECASE)

#: A label before an affiliation line ("Present address: ...") that says how the author relates to it.
AFFILIATION_ROLE = re.compile(
    r"^((?:present|current|permanent|previous|former|temporary|new|home|mailing)\s+address(?:es)?"
    r"|also\s+(?:at|with)|on\s+leave\s+from|visiting)\s*:\s*",
    re.IGNORECASE,
)
#: Publisher footnotes printed where workplaces go: notes about the author, not organisations.
AUTHOR_NOTE = re.compile(r"contributed equally|corresponding author|deceased|equal contribution", re.IGNORECASE)


def restriction(text: str | None) -> tuple[str | None, bool | None]:
    """``(restriction as printed, restricted)`` from a "Download Restriction" value.

    "no" (and the like) gives ``(None, False)``; a text that speaks of subscriptions, licences,
    registration or fees gives ``(text, True)``; any other text is kept with ``restricted`` unknown.
    """
    if not text:
        return None, None
    if _NOT_RESTRICTED.match(text):
        return None, False
    return text, True if _RESTRICTED.search(text) else None
