"""robots.txt rules as RFC 9309 has them: what was read, how long it holds, and what an unreadable file means.

Fetching is :mod:`rdfbib.fetch`'s job; this module turns what came back into :class:`Rules`:

- at most :data:`MAX_BYTES` are read and parsed whatever the file's size, encoding or Content-Type
  (RFC 9309 2.5: parse at least 500 KiB), so a huge file still yields the rules at its top;
- a 4xx (or more than five redirects) means there are no rules; a 5xx or a network error means the
  whole site is off limits until the file can be read again (2.3.1.3, 2.3.1.4), which is tried again
  after :data:`RETRY_UNREADABLE` seconds;
- rules hold for the ``Cache-Control: max-age`` the server gives, never more than :data:`MAX_AGE`
  (24 hours, 2.4).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.robotparser import RobotFileParser

#: RFC 9309: crawlers must parse at least 500 KiB of robots.txt; more is not read.
MAX_BYTES = 512 * 1024
#: RFC 9309 2.4: a cached robots.txt should not be used for more than 24 hours.
MAX_AGE = 24 * 3600.0
#: Seconds before an unreadable robots.txt (5xx, no answer) is asked for again; until then: stay out.
RETRY_UNREADABLE = 600.0
#: The robots.txt product token rdfbib obeys rules for (and ``*``).
AGENT = "rdfbib"

_MAX_AGE = re.compile(r"(?:^|,)\s*max-age\s*=\s*\"?(\d+)", re.IGNORECASE)


@dataclass(slots=True)
class Rules:
    """One origin's robots.txt: its parsed rules, or why there are none to obey (then: stay out).

    ``expires`` is on the :func:`time.monotonic` clock.
    """

    parser: RobotFileParser | None
    unreadable: str
    expires: float

    def allows(self, url: str) -> bool:
        return self.parser is not None and self.parser.can_fetch(AGENT, url)

    def crawl_delay(self) -> float | None:
        """The ``Crawl-delay`` asked of rdfbib (or ``*``), ``None`` when none is."""
        delay = self.parser.crawl_delay(AGENT) if self.parser is not None else None
        return float(delay) if delay else None


def lifetime(cache_control: str | None) -> float:
    """Seconds fetched rules hold: the server's ``max-age`` (``no-store``/``no-cache``: 0), at most :data:`MAX_AGE`."""
    value = (cache_control or "").lower()
    if "no-store" in value or "no-cache" in value:
        return 0.0
    found = _MAX_AGE.search(value)
    return min(float(found.group(1)), MAX_AGE) if found else MAX_AGE


def parsed(body: bytes, url: str, now: float, cache_control: str | None) -> Rules:
    """Rules from a robots.txt body (UTF-8; its first :data:`MAX_BYTES` only, a cut last line dropped)."""
    text = body[:MAX_BYTES].decode("utf-8", "replace")
    lines = text.splitlines()
    if len(body) >= MAX_BYTES and lines and not text.endswith("\n"):
        lines.pop()
    parser = RobotFileParser(url)
    parser.parse(lines)
    return Rules(parser, "", now + lifetime(cache_control))


def no_rules(url: str, now: float, cache_control: str | None) -> Rules:
    """No robots.txt (4xx, too many redirects): everything is allowed."""
    parser = RobotFileParser(url)
    parser.parse([])
    return Rules(parser, "", now + lifetime(cache_control))


def unreadable(reason: str, now: float, retry: float = RETRY_UNREADABLE) -> Rules:
    """robots.txt could not be read (5xx, no answer): stay out until it is asked for again."""
    return Rules(None, reason, now + retry)
