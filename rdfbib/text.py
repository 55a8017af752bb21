"""Literal hygiene shared by readers and the mapper."""

from __future__ import annotations

import re
import unicodedata

# C0/C1 controls (tab and newline are kept for the whitespace fold), unpaired surrogates and
# noncharacters: none of them may reach a literal, since stores reject some and all are noise.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
#: White space folded to one space: what ``str.split()`` splits on (Unicode White_Space, which holds the
#: no-break and typographic spaces) and these two, which it does not.
_ALSO_SPACE = ("\u200b", "\ufeff")

#: Longest literal kept, in characters: the longest real abstracts are a few thousand; stores and
#: parsers refuse lines of 16 MB and more (pyoxigraph), so a runaway field is cut here, with an ellipsis.
MAX_CHARS = 100_000
#: What ends a cut literal.
ELLIPSIS = "\u2026"


def clean(value: str | None, *, limit: int | None = MAX_CHARS) -> str | None:
    """Whitespace-normalise, NFC and drop control characters; ``None`` for nothing left; cut at ``limit``
    characters (:func:`is_cut` tells). A list split into items afterwards passes ``limit=None``, so
    that no item is cut in the middle, and cleans each item."""
    if value is None:
        return None
    if _is_clean(value, limit):
        return value or None
    return _normalise(value, limit)


def is_cut(value: str | None) -> bool:
    """True for a value :func:`clean` cut at :data:`MAX_CHARS` (one whose last character it replaced by an ellipsis)."""
    return bool(value) and len(value) >= MAX_CHARS - 1 and value.endswith(ELLIPSIS)  # type: ignore[arg-type]


def shown(value: str) -> str:
    """A value quoted for a one-line message: whitespace folded, cut at 80 characters."""
    value = " ".join(value.split())
    return repr(value if len(value) <= 80 else value[:77] + "...")


def _is_clean(value: str, limit: int | None) -> bool:
    """True when :func:`_normalise` would return ``value`` unchanged: most strings, from readers, are.

    Every character the two patterns touch is unprintable except the ASCII space, and a single
    inner space is replaced by itself.
    """
    return (
        value.isprintable()
        and "  " not in value
        and value[:1] != " "
        and value[-1:] != " "
        and (limit is None or len(value) <= limit)
        and unicodedata.is_normalized("NFC", value)
    )


def _normalise(value: str, limit: int | None = MAX_CHARS) -> str | None:
    value = _BAD_CHARS.sub("", value)
    for space in _ALSO_SPACE:
        value = value.replace(space, " ")
    value = unicodedata.normalize("NFC", " ".join(value.split())).strip()  # split/join: 4x a regular expression on long abstracts
    if limit is not None and len(value) > limit:
        value = value[: limit - 1].rstrip() + ELLIPSIS
    return value or None
