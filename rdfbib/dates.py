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


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")
#: Month names and their three-letter abbreviations (and "sept"), lower-case.
_MONTH_NUMBERS = {**{m: n for n, m in enumerate(_MONTHS, 1)}, **{m[:3]: n for n, m in enumerate(_MONTHS, 1)}, "sept": 9}
_ISO_DATETIME = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T\s]\d|\s*$)")
_YEAR_MONTH_DAY = re.compile(r"^\s*(\d{4})\s+([A-Za-z]{3,9})\.?(?:\s+(\d{1,2}))?\s*$")
_DAY_MONTH_YEAR = re.compile(r"^\s*(?:[A-Za-z]{3,9},?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\s*$")
_MONTH_DAY_YEAR = re.compile(r"^\s*(?:[A-Za-z]{3,9},?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\s*$")
_MONTH_YEAR = re.compile(r"^\s*([A-Za-z]{3,9})\.?,?\s+(\d{4})\s*$")


def parse_date(value: str | None) -> PartialDate | None:
    """A date in any form landing pages print, at the precision printed; ``None`` when it is no date.

    Year-first numeric forms go through :func:`numeric_date`; ISO date-times keep the date as
    printed (no time-zone shift); month names may be abbreviated, with or without a full stop.

    >>> [parse_date(v).iso() for v in ("2021/6", "Dec 20, 2006", "2012 Nov 26", "24 Apr 2013", "May 24, 2019")]
    ['2021-06', '2006-12-20', '2012-11-26', '2013-04-24', '2019-05-24']
    >>> [parse_date(v).iso() for v in ("2010-05-05T00:00:00Z", "1 December 2020", "September 2022", "1955")]
    ['2010-05-05', '2020-12-01', '2022-09', '1955']
    >>> parse_date("Sometime soon") is None, parse_date("Feb 30, 2020").iso()
    (True, '2020-02')
    """
    if not value:
        return None
    match = _ISO_DATETIME.match(value)
    if match:
        return _checked(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    match = _YEAR_MONTH_DAY.match(value)
    if match:
        return _named(match.group(1), match.group(2), match.group(3))
    match = _DAY_MONTH_YEAR.match(value)
    if match:
        return _named(match.group(3), match.group(2), match.group(1))
    match = _MONTH_DAY_YEAR.match(value)
    if match:
        return _named(match.group(3), match.group(1), match.group(2))
    match = _MONTH_YEAR.match(value)
    if match:
        return _named(match.group(2), match.group(1), None)
    return numeric_date(value)


def _named(year: str, month: str, day: str | None) -> PartialDate | None:
    number = _MONTH_NUMBERS.get(month.lower())
    if number is None:
        return None
    return _checked(int(year), number, int(day) if day else None)


def _checked(year: int, month: int | None, day: int | None) -> PartialDate:
    """The date at the finest precision that exists (no 30 February, no month 13)."""
    if month is None or not 1 <= month <= 12:
        return PartialDate(year)
    if day is None or not 1 <= day <= _days_in(year, month):
        return PartialDate(year, month)
    return PartialDate(year, month, day)


# Month names of the languages RePEc archives print besides English (ReDIF ``Month: Diciembre``).
_FOREIGN_MONTHS = {
    name: n
    for names in (
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",  # es
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",  # fr
        "januar februar märz april mai juni juli august september oktober november dezember",  # de
        "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",  # it
        "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",  # pt
    )
    for n, name in enumerate(names.split(), 1)
}


def month_of(value: str | None) -> int | None:
    """1-12 for a month number, an English month name or abbreviation, or a Spanish, French, German,
    Italian or Portuguese month name; ``None`` for anything else ("Spring", "Jan-Feb").

    >>> month_of("09"), month_of("Sept."), month_of("Diciembre"), month_of("Summer")
    (9, 9, 12, None)
    """
    text = (value or "").strip().rstrip(".").lower()
    if text.isdigit():
        return int(text) if 1 <= int(text) <= 12 else None
    return _MONTH_NUMBERS.get(text) or _FOREIGN_MONTHS.get(text)
