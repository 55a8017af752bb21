"""Dates as pages print them, kept at the precision they give."""

from __future__ import annotations

import re

from .model import PartialDate

_NUMERIC_DATE = re.compile(r"^\s*(\d{4})(?:\s*[-/.]\s*(\d{1,2})(?:\s*[-/.]\s*(\d{1,2}))?)?\b")


def numeric_date(value: str | None) -> PartialDate | None:
    """``2016``, ``2016/07``, ``2016-07-12``, ``2016/07/12``: a year-first date with the precision given.

    An impossible month or day lowers the precision instead of inventing a date.

    >>> numeric_date("2026/07/12").iso(), numeric_date("2005-05").iso(), numeric_date("2017-13-01").iso()
    ('2026-07-12', '2005-05', '2017')
    """
    match = _NUMERIC_DATE.match(value or "")
    if not match:
        return None
    year, month, day = int(match.group(1)), match.group(2), match.group(3)
    if not month or not 1 <= int(month) <= 12:
        return PartialDate(year)
    if not day or not 1 <= int(day) <= _days_in(year, int(month)):
        return PartialDate(year, int(month))
    return PartialDate(year, int(month), int(day))


def _days_in(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31
