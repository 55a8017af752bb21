"""Content negotiation: the offered media type the client's ``Accept`` header likes best."""

from __future__ import annotations


def accepted(header: str | None) -> list[tuple[str, float]]:
    """``Accept`` as (media range, quality) pairs; a missing or empty header accepts anything."""
    ranges = []
    for part in (header or "*/*").split(","):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        quality = 1.0
        for parameter in fields[1:]:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append((fields[0].lower(), quality))
    return ranges or [("*/*", 1.0)]


def negotiate(header: str | None, offered: list[str]) -> str | None:
    """The offered type with the highest quality (the most specific matching range decides it; ties go
    to the earlier offer), or None when the client accepts none of them."""
    ranges = accepted(header)
    best, best_quality = None, 0.0
    for media in offered:
        kind = media.split("/")[0] + "/*"
        quality = next((q for r, q in ranges if r == media), None)
        if quality is None:
            quality = next((q for r, q in ranges if r == kind), None)
        if quality is None:
            quality = next((q for r, q in ranges if r == "*/*"), 0.0)
        if quality > best_quality:
            best, best_quality = media, quality
    return best
