"""Citation strings of IDEAS and EconPapers (Suggested Citation, References, Cited by) to Works.

IDEAS prints every cited or citing work as one string built from its ReDIF record::

    A1 & A2, 2016. "Title," Journal, Publisher, vol. 529(7586), pages 298-306, January.
    A1, 2014. "Title," NBER Working Papers 20841, National Bureau of Economic Research, Inc.
    A1, 2010. "Title," NBER Chapters, in: E1 & E2 (ed.), Book, chapter 5, pages 55-90, Publisher.
    A1, 2015. "Title," Springer Books, Springer, edition 2, number 978-3-319-12345-5, December.

EconPapers prints ``Author, A. and Other, B. (2016): Title, Journal, 529, (7586), 298-306``.
The parser reads what it can and never raises: a string it cannot make sense of still gives a
Work whose ``citation`` is the string as printed, so no cited or citing work is lost.
Everything is done with a handful of anchored or single-pass regexes over the string, so a page
with thousands of citations is parsed in linear time.
"""

from __future__ import annotations

import re

from .identifiers import find_doi, handle_key, normalize_handle, normalize_isbn
from .model import Author, Container, PartialDate, Pages, Work
from .names import person
from .text import clean

__all__ = ["month_number", "parse_citation", "parse_pages", "split_authors"]

# --- cleaning -------------------------------------------------------------------------------

_LIST_MARK = re.compile(r"^(?:(?:\(?\d{1,6}[.)\]]|\[\d{1,6}\]|[-–—*])\s+|[•·▪◦●]\s*)")
# Link texts that EconPapers and IDEAS print after a reference, not part of it.
_NOISE = re.compile(
    r"(?:\s*[,;]?\s*(?:Downloads(?:\s*\((?:external link|view complete reference list)?\))?"
    r"|View citations(?: in EconPapers)?(?:\s*\(\d+\))?|Track citations by RSS feed"
    r"|\(external link\)|View complete reference list from CitEc))\s*$",
    re.IGNORECASE,
)
# Each noise text holds one of these words, within this many characters of the end.
_NOISE_WORD = re.compile(r"downloads|citations|rss feed|external link|citec", re.IGNORECASE)
_NOISE_TAIL = 120
_DOI_TAIL = 300
_DOI_MENTION = re.compile(
    r"[,;.]?\s*(?:\bdoi\s*:?\s*|https?://(?:dx\.)?doi\.org/)10\.\d{4,9}/[^\s\"]+\s*$"
    r"|[,;]\s*10\.\d{4,9}/[^\s\"]+\s*$",
    re.IGNORECASE,
)

# --- IDEAS form -------------------------------------------------------------------------------

_QUOTE_OPEN = re.compile("[\"“]")
# The title's closing quote: a quote after ``,`` ``?`` or ``!`` (IDEAS writes ``"Title,"`` and
# ``"Why?,"`` or ``"Why?",``) and followed by a space, a comma or the end.
_TITLE_CLOSE = re.compile(r"[,?!](?=[\"”](?:[\s,.]|$))")
_QUOTE_CLOSE_LOOSE = re.compile(r"[\"”](?=[\s,.;:]|$)")
_YEAR_END = re.compile(
    r"(?:^|[\s,.(])\(?((?:1[5-9]|20)\d\d)[a-z]?\)?[.:,]?\s*$"
    r"|(?:^|[\s,.(])\(?(n\.\s?d\.?|forthcoming|undated|no date|s\.\s?d\.)\)?[.:,]?\s*$",
    re.IGNORECASE,
)
_YEAR_QUOTE = re.compile(r",\s*(?:(?:1[5-9]|20)\d\d[a-z]?|n\.\s?d\.?)\.?\s+[\"“]")
_IN = re.compile(r"(?:^|,\s*)in\s*:\s*", re.IGNORECASE)
_EDITORS = re.compile(r"\s*\((?:eds?|editors?|hrsg|coord|comp)\.?\)\s*,?\s*", re.IGNORECASE)
_EDITORS_END = re.compile(r"\s*\((?:eds?|editors?|hrsg|coord|comp)\.?\)$", re.IGNORECASE)

# --- segments after the title ------------------------------------------------------------

_SEGMENT_SPLIT = re.compile(r",\s+")
_VOL = re.compile(r"^vol\.?\s*([^\s(]*)\s*(?:\((.*?)\)?)?$", re.IGNORECASE)
_KEYWORD = re.compile(
    r"^(volume|issue|pages?|pp?\.|edition|chapter|number|no\.|nr\.?)(?:\s+|(?<=\.))(.+)$", re.IGNORECASE
)
_ORDINAL_EDITION = re.compile(r"^(\d+)(?:st|nd|rd|th)\s+(?:edition|ed\.)$", re.IGNORECASE)
# Status words IDEAS prints after the container: kept as notes, never part of a name.
_STATUS = re.compile(r"^(?:revised\b.*|forthcoming|in press)$", re.IGNORECASE)
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = re.compile(
    r"^(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?$",
    re.IGNORECASE,
)
# Periods that are not one month: ranges and seasons keep the year precision.
_PERIOD = re.compile(
    r"^(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*[-–/]\s*"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"|spring|summer|autumn|fall|winter|(?:first|second|third|fourth|1st|2nd|3rd|4th) quarter|q[1-4])$",
    re.IGNORECASE,
)
_SERIES_NUMBER = re.compile(r"^(.*\S)\s+((?=[^\s]*\d)[^\s]+)$")
_PAPER_WORDS = re.compile(
    r"\b(?:papers?|working|discussion|reports?|series|notes|memos?|documents?|documentos?"
    r"|cahiers?|briefs?|mimeo|preprints?|studies)\b",
    re.IGNORECASE,
)
_JOURNAL_WORDS = re.compile(
    r"\b(?:journal|review|quarterly|letters|annals|revue|revista|rivista|zeitschrift|magazine"
    r"|bulletin|economica|econometrica|proceedings)\b",
    re.IGNORECASE,
)
_SOFTWARE_WORDS = re.compile(r"\b(?:software|code|programs?)\b", re.IGNORECASE)
# "Credit and Banking" in "Journal of Money, Credit and Banking", "Auditing & Accountability Journal"
# in "Accounting, Auditing & Accountability Journal": the end of a list inside a journal name.
_NAME_LIST_END = re.compile(r"^[A-Z][\w'-]*(?: [A-Z][\w'-]*){0,2} (?:and|&) [A-Z][\w'-]*(?: [A-Z][\w'-]*){0,2}$")
# The company form that ends a publisher name ("John Wiley & Sons, Ltd."), never a publisher alone.
_COMPANY_FORM = re.compile(
    r"^(?:inc|ltd|llc|plc|co|corp|limited|gmbh|ag|sa|s\.a|s\.p\.a|b\.v|n\.v|s\.l|s\.r\.l|pty)\.?$",
    re.IGNORECASE,
)
_BOOK_WORDS = re.compile(r"\b(?:books?|monographs?|textbooks?)\b", re.IGNORECASE)
# Abbreviations whose full stop belongs to the name ("Research, Inc.", "Elsevier B.V.").
_ABBREV_END = re.compile(
    r"(?:\b(?:inc|ltd|co|corp|plc|llc|bros|cie|dept|univ|assn|assoc|etc|jr|sr|st|al|ed|eds)"
    r"|\b(?:[A-Za-z]\.)+[A-Za-z]|(?:^|\s)[A-Z])\.$",
    re.IGNORECASE,
)
_PAGES_MAX = 40  # a longer "pages" value is not a range; bounding it keeps the regex linear
_PAGE_RANGE = re.compile(r"^\s*(\S+?)\s*[-–—]+\s*(\S+)\s*$")
# "<handle> is not listed on IDEAS": a cited or citing work IDEAS knows only by its handle.
_NOT_LISTED = re.compile(r"^(repec:\S+)\s+is\s+not\s+listed\s+on\s+IDEAS\.?$", re.IGNORECASE)

# --- EconPapers form --------------------------------------------------------------------------

_IDEAS_YEAR = re.compile(r",\s*((?:1[5-9]|20)\d\d)[a-z]?\.\s+")
_PAREN_YEAR = re.compile(r"\(\s*((?:1[5-9]|20)\d\d)[a-z]?\s*\)\s*[.:,]?\s*")
_NUMERIC = re.compile(r"^[A-Za-z]{0,3}\d[\w./-]*$")
_PAREN_ISSUE = re.compile(r"^\((.+)\)$")
_EP_ISSUE = re.compile(r"^(?:issue|no\.|nr\.?)\s*(.+)$", re.IGNORECASE)
_YEAR_ONLY = re.compile(r"^(?:1[5-9]|20)\d\d$")
_EP_PAGES = re.compile(r"^(?:pp?\.\s*|pages?\s+)?([A-Za-z]{0,2}\d+\s*[-–]\s*[A-Za-z]{0,2}\d+)$", re.IGNORECASE)

# --- authors ----------------------------------------------------------------------------------

_AMP = re.compile(r"\s+&\s+")
_SEMI = re.compile(r"\s*;\s*")
_AND = re.compile(r",?\s+and\s+")
_ET_AL = re.compile(r",?\s+(?:et\.? al\.?|and others)$", re.IGNORECASE)
_INSTITUTION = re.compile(
    r"\b(?:organi[sz]ation|bank|fund|institute|department|university|office|commission|council"
    r"|agency|association|ministry|bureau|cent(?:re|er)|foundation|committee|board|society|nations"
    r"|group|company|corporation|service|authority|programme|program)\b",
    re.IGNORECASE,
)
_INITIALS = re.compile(r"^(?:(?:[A-Z][a-z]?\.[\s-]?){1,4}|[A-Z]{1,3})$")
_PARTICLE = re.compile(r"^(?:van|von|de|del|della|da|di|du|le|la|ten|ter|dos|das|al|el|bin|ibn)\s", re.I)


def parse_citation(text: str, *, cut: bool = False) -> Work:
    """A Work read from one citation string: as many fields as the string gives, never an error.

    :param text: the string as printed, with or without list numbering and trailing link texts.
    :param cut: the string is cut short (the page ends inside it): its last field may be a fragment
        ("pages 1245-12", "Econ"), so the part after the last comma is not read.
    :return: a Work whose ``citation`` is the cleaned string.

    >>> w = parse_citation('Liu, Yan & Zhao, Xueqing, 2023. "Title," Economics Letters, Elsevier, vol. 233(C).')
    >>> (w.kind, w.title, w.container.name, w.container.publisher, w.volume, w.issue)
    ('article', 'Title', 'Economics Letters', 'Elsevier', '233', 'C')
    """
    cleaned = _strip_decorations(clean(text if isinstance(text, str) else None) or "")
    work = Work(citation=cleaned or None)
    if not cleaned:
        return work
    unlisted = _NOT_LISTED.match(cleaned)
    if unlisted:
        work.handle = normalize_handle(unlisted.group(1))
        work.repec_key = handle_key(work.handle)
        return work
    work.doi = None if cut else find_doi(cleaned)
    body = cleaned
    if work.doi:
        # Only the end can hold a DOI mention; looking there alone keeps long strings linear.
        mention = _DOI_MENTION.search(cleaned, max(0, len(cleaned) - _DOI_TAIL))
        body = cleaned[: mention.start()].strip() if mention else cleaned
    # The title opens right after "Authors, 2016. "; a nickname in quotes may come before it.
    dated = _YEAR_QUOTE.search(body)
    first_quote = _QUOTE_OPEN.search(body)
    opening = dated.end() - 1 if dated else first_quote.start() if first_quote else None
    if opening is not None and not _PAREN_YEAR.search(body, 0, opening):
        _parse_ideas(body, opening, work, cut=cut)
    elif cut:
        # Cut before the title's quote: only "Authors, 2016. " can be trusted.
        year = _IDEAS_YEAR.search(body)
        if year:
            work.date = PartialDate(int(year.group(1)))
            work.authors = split_authors(_strip_final_stop(body[: year.start()].strip(" ,;:")))
    else:
        _parse_econpapers(body, work)
    return work


def parse_pages(raw: str | None) -> Pages | None:
    """A page range as printed: ``298-306`` split at the dash, a single page ("5", "e1234") a start only.

    An abbreviated end ("427-65": the digits the end shares with the start left out) is completed
    ("465"); ``raw`` keeps the printed form.

    >>> parse_pages("427-65")
    Pages(raw='427-65', start='427', end='465')
    """
    raw = clean(raw)
    if not raw:
        return None
    match = _PAGE_RANGE.match(raw) if len(raw) <= _PAGES_MAX else None
    if not match:
        return Pages(raw=raw, start=raw)
    start, end = match.group(1), match.group(2)
    if start.isdigit() and end.isdigit() and len(end) < len(start):
        full = start[: len(start) - len(end)] + end
        end = full if int(full) >= int(start) else end
    return Pages(raw=raw, start=start, end=end)


def month_number(text: str | None) -> int | None:
    """1-12 for an English month name or its abbreviation ("June", "Sep.", "sept"), else ``None``.

    >>> month_number("June"), month_number("Spring")
    (6, None)
    """
    match = _MONTH.match(text.strip()) if text else None
    return _MONTHS[match.group(1)[:3].lower()] if match else None


def split_authors(text: str) -> list[Author]:
    """Authors in printed order from ``A & B``, ``A, B and C`` or ``Last, First & Last2, First2``.

    Each name goes through :func:`rdfbib.names.person`, so ``Last, First`` is split and
    ``First Last`` is not. Institutions ("Food and Agriculture Organization") stay one author.

    :param text: the author part of a citation as printed.
    :return: one Author per name, in printed order; ``et al.`` adds none.

    >>> [a.name for a in split_authors("Liu, Yan & Zhao, Xueqing")]
    ['Liu, Yan', 'Zhao, Xueqing']
    """
    value = clean(text, limit=None)  # each name is cut on its own, never the list mid-name
    if not value:
        return []
    value = _ET_AL.sub("", value.rstrip(" ,;:")).strip(" ,;:")
    if not value:
        return []
    if ";" in value:
        pieces = _SEMI.split(value)
    elif _AMP.search(value):
        pieces = _AMP.split(value)
    elif _INSTITUTION.search(value) and "," not in value:
        pieces = [value]
    else:
        pieces = _AND.split(value)
    names: list[str] = []
    for piece in pieces:
        names.extend(_comma_names(piece.strip(" ,")))
    return [person(name) for name in names if name]


def _comma_names(piece: str) -> list[str]:
    """One piece between separators: ``Last, First`` is one name, ``A B, C D`` two, ``L, I., L2, I2.`` two."""
    parts = [p for p in (s.strip() for s in piece.split(",")) if p]
    if len(parts) <= 1:
        return parts
    if len(parts) == 2:
        first, second = parts
        two_people = (
            " " in first
            and " " in second
            and not _PARTICLE.match(first)
            and not _INITIALS.match(second)
            and not _INSTITUTION.search(piece)
        )
        return parts if two_people else [piece]
    names: list[str] = []
    i = 0
    while i < len(parts):
        current = parts[i]
        following = parts[i + 1] if i + 1 < len(parts) else None
        if following is not None and (" " not in current or _PARTICLE.match(current)) and (
            _INITIALS.match(following) or " " not in following
        ):
            names.append(f"{current}, {following}")
            i += 2
        else:
            names.append(current)
            i += 1
    return names


# --- helpers ----------------------------------------------------------------------------------


def _strip_decorations(value: str) -> str:
    """Drop list numbering in front and EconPapers/IDEAS link texts behind."""
    value = _LIST_MARK.sub("", value, count=1)
    if not _NOISE_WORD.search(value, max(0, len(value) - _NOISE_TAIL)):
        return value.strip()  # the common case; the full pattern is slow to try at every position
    while True:
        stripped = _NOISE.sub("", value)
        if stripped == value:
            return value.strip()
        value = stripped


def _set_year(work: Work, match: re.Match[str] | None) -> None:
    """Year precision: a citation's year is all it says about the date until a month follows."""
    if match and match.group(1):
        work.date = PartialDate(int(match.group(1)))


def _parse_ideas(body: str, start: int, work: Work, *, cut: bool = False) -> None:
    """``Authors, Year. "Title," tail`` (the IDEAS form); the opening quote is at ``start``.

    ``cut``: the string ends inside its tail, whose last comma segment is then left unread.
    """
    prefix = body[:start].strip()
    year = _YEAR_END.search(prefix)
    if year:
        _set_year(work, year)
        prefix = prefix[: year.start()].strip()
    prefix = prefix.rstrip(" ,;:")
    edited = _EDITORS_END.search(prefix)
    if edited:
        # "E1 & E2 (ed.), 2001." is an edited book: its editors are all the names there are.
        prefix = prefix[: edited.start()]
        work.notes.append("edited by the listed authors")
    work.authors = split_authors(_strip_final_stop(prefix))
    closing = _title_close(body, start + 1)
    if closing is None:
        work.title = clean(body[start + 1 :].rstrip(" ,.\"”"))
        return
    end, resume = closing
    work.title = clean(body[start + 1 : end])
    tail = body[resume:].strip(" ,;")
    if cut:
        tail = tail.rpartition(", ")[0]
    _parse_tail(tail, work)


def _title_close(body: str, start: int) -> tuple[int, int] | None:
    """``(end of title, start of tail)``: the last ``,"``/``?"``/``!"``, else the last loose quote."""
    last = None
    for last in _TITLE_CLOSE.finditer(body, start):
        pass
    if last is not None:
        end = last.start() if last.group() == "," else last.end()
        return end, last.end() + 1
    for last in _QUOTE_CLOSE_LOOSE.finditer(body, start):
        pass
    if last is not None:
        return last.start(), last.end()
    return None


def _strip_final_stop(value: str) -> str:
    """Remove the citation's closing full stop unless it ends an abbreviation (``Inc.``, ``B.V.``)."""
    value = value.strip()
    if value.endswith(".") and not _ABBREV_END.search(value[-12:]):
        return value[:-1].rstrip()
    return value


def _take_date_end(segments: list[str], work: Work) -> list[str]:
    """Consume trailing month, season and status segments; set the month on the date."""
    end = len(segments)
    while end:
        last = segments[end - 1].strip()
        if _STATUS.match(last):
            work.notes.insert(0, last)
        elif (month := month_number(last)) is not None:
            if work.date is not None:
                work.date.month = month
        elif not _PERIOD.match(last):
            break
        end -= 1
    return segments[:end]


def _apply_keyword(work: Work, word: str, value: str) -> str:
    """Set the field a ``keyword value`` segment names; return the keyword's canonical name."""
    word = word.lower().rstrip(".")
    value = value.strip()
    if word in ("page", "pages", "p", "pp"):
        work.pages = parse_pages(value)
        return "pages"
    if word in ("issue", "volume", "edition"):
        setattr(work, word, value)
        return word
    work.number = value  # chapter, number, no, nr
    return "chapter" if word == "chapter" else "number"


def _keyword_segments(segments: list[str], work: Work) -> tuple[list[str], list[str], set[str]]:
    """Split ``segments`` into the names before the first keyword and those after the last.

    Returns ``(head, after, keywords seen)``; keyword values are set on ``work`` on the way.
    """
    head: list[str] = []
    after: list[str] = []
    seen: set[str] = set()
    for segment in segments:
        vol = _VOL.match(segment)
        keyword = None if vol else _KEYWORD.match(segment)
        ordinal = None if vol or keyword else _ORDINAL_EDITION.match(segment)
        if vol:
            seen.add("vol")
            work.volume = vol.group(1) or None
            if vol.group(2):
                work.issue = vol.group(2).strip() or None
        elif keyword:
            seen.add(_apply_keyword(work, keyword.group(1), keyword.group(2)))
        elif ordinal:
            seen.add("edition")
            work.edition = ordinal.group(1)
        else:
            (after if seen else head).append(segment)
            continue
        after = []
    return head, after, seen


def _join(segments: list[str]) -> str | None:
    """Comma segments back into one name (publishers and titles may contain ", ")."""
    return clean(", ".join(segments))


def _journal_head(head: list[str]) -> tuple[str | None, str | None]:
    """``(journal, publisher)``: the journal is the first segment, unless the second completes a
    list in its name ("Journal of Money, Credit and Banking")."""
    joined = len(head) > 2 and _NAME_LIST_END.match(head[1]) and not _COMPANY_FORM.match(head[2])
    cut = 2 if joined else 1
    return _join(head[:cut]), _join(head[cut:])


def _parse_tail(tail: str, work: Work) -> None:
    """What follows the title in the IDEAS form: container, publisher, numbers and month.

    The closing full stop is the citation's own, even after an abbreviation: IDEAS prints the series
    provider "National Bureau of Economic Research, Inc" as "..., Inc." at the end of a citation.
    """
    tail = tail.strip()
    tail = tail[:-1].rstrip() if tail.endswith(".") else tail
    if not tail:
        return
    chapter = _IN.search(tail)
    if chapter:
        _parse_chapter(tail[: chapter.start()], tail[chapter.end() :], work)
        return
    segments = _take_date_end(_SEGMENT_SPLIT.split(tail), work)
    head, after, seen = _keyword_segments(segments, work)
    head = head + after if head else after
    first = head[0] if head else ""
    numbered = _SERIES_NUMBER.match(first)
    if "vol" in seen or "issue" in seen or ("pages" in seen and not numbered and "chapter" not in seen):
        work.kind = "article"
        name, publisher = _journal_head(head)
        work.container = Container(kind="journal", name=name, publisher=publisher)
    elif "chapter" in seen:
        work.kind = "chapter"
        work.container = Container(kind="book", name=_join(head[:1]), publisher=_join(head[1:]))
    elif "edition" in seen or normalize_isbn(work.number) or _BOOK_WORDS.search(first):
        work.kind = "book"
        if len(head) == 1 and not _BOOK_WORDS.search(first):
            work.publisher = clean(first)
            return
        work.container = Container(kind="series", name=clean(first), publisher=_join(head[1:]))
        isbn = normalize_isbn(work.number)
        if isbn:
            work.container.isbn.append(isbn)
    elif numbered or _PAPER_WORDS.search(first):
        if numbered:
            first, work.number = numbered.group(1), numbered.group(2)
        work.kind = "software" if _SOFTWARE_WORDS.search(first) else "paper"
        work.container = Container(kind="series", name=clean(first), publisher=_join(head[1:]))
    elif _JOURNAL_WORDS.search(first):
        work.kind = "article"
        name, publisher = _journal_head(head)
        work.container = Container(kind="journal", name=name, publisher=publisher)
    elif len(head) == 1:
        work.kind = "book"
        work.publisher = clean(first)
    elif head:
        work.container = Container(kind="series", name=clean(first), publisher=_join(head[1:]))


def _parse_chapter(series: str, rest: str, work: Work) -> None:
    """``[Series, ]in: [Editors (ed.), ]Book, [edition N, ][chapter N, ][pages P, ]Publisher``."""
    work.kind = "chapter"
    editors: list[Author] = []
    marker = _EDITORS.search(rest)
    if marker:
        editors = split_authors(rest[: marker.start()])
        rest = rest[marker.end() :]
    segments = _take_date_end(_SEGMENT_SPLIT.split(rest.strip(" ,")), work)
    head, after, _ = _keyword_segments(segments, work)
    publisher: str | None
    if after:
        book, publisher = _join(head), _join(after)
    elif len(head) > 1:
        book, publisher = _split_publisher(head)
    else:
        book, publisher = _join(head), None
    work.container = Container(kind="book", name=book, publisher=publisher, editors=editors)
    series = clean(series)
    if series:
        # "NBER Chapters, in: ...": the series the book belongs to, published by the book's publisher.
        work.container.series = Container(kind="series", name=series, publisher=publisher)


def _split_publisher(segments: list[str]) -> tuple[str | None, str | None]:
    """``Book Title, Publisher`` with no keyword between them: the publisher is the last segment,
    joined with a company-form segment before it ("Research, Inc.")."""
    cut = len(segments) - 1
    if cut > 1 and _COMPANY_FORM.match(segments[-1]):
        cut -= 1
    return _join(segments[:cut]), _join(segments[cut:])


def _parse_econpapers(body: str, work: Work) -> None:
    """``Authors (Year): Title, Journal, Vol, (Issue), Pages`` or anything without a quoted title."""
    # "(2016):" (EconPapers), else ", 2016. " (IDEAS without quotes), else a year at the very end.
    year = _PAREN_YEAR.search(body)
    ideas_year = None if year else _IDEAS_YEAR.search(body)
    rest = body
    if year or ideas_year:
        found = year or ideas_year
        work.date = PartialDate(int(found.group(1)))
        work.authors = split_authors(_strip_final_stop(body[: found.start()].strip(" ,;:")))
        rest = body[found.end() :]
    elif (end_year := _YEAR_END.search(body)) is not None and end_year.group(1) and end_year.start() > 0:
        _set_year(work, end_year)
        rest = body[: end_year.start()]
    rest = _strip_final_stop(rest.strip(" ,;:"))
    has_title = False
    closing = _title_close(rest, 1) if _QUOTE_OPEN.match(rest) else None
    if closing is not None:
        work.title = clean(rest[1 : closing[0]])
        rest = rest[closing[1] :].strip(" ,;")
        has_title = True
    chapter = _IN.search(rest)
    if chapter:
        # "Title, Series, in: Book, ...": the segment before "in:" names the series.
        before = [s for s in _SEGMENT_SPLIT.split(rest[: chapter.start()]) if s]
        if not has_title and before:
            work.title = _join(before[:-1] if len(before) > 1 else before)
            before = before[-1:] if len(before) > 1 else []
        _parse_chapter(", ".join(before), rest[chapter.end() :], work)
        return
    # IDEAS strings name journal and publisher; EconPapers only the journal.
    named = 2 if ideas_year else 1
    _econpapers_tail(_SEGMENT_SPLIT.split(rest) if rest else [], work, has_title=has_title, named=named)


def _econpapers_tail(segments: list[str], work: Work, *, has_title: bool, named: int = 1) -> None:
    """Read numbers from the end (pages, issue, volume, year), then the container, then the title."""
    segments = _take_date_end(segments, work)
    numbers = 0
    while segments:
        last = segments[-1].strip()
        vol = _VOL.match(last)
        pages = _EP_PAGES.match(last)
        issue = _PAREN_ISSUE.match(last) or _EP_ISSUE.match(last)
        if vol and work.volume is None:
            work.volume = vol.group(1) or None
            work.issue = work.issue or (vol.group(2) or "").strip() or None
        elif pages and work.pages is None and work.issue is None and work.volume is None:
            work.pages = parse_pages(pages.group(1))
        elif issue and work.issue is None and work.volume is None:
            work.issue = issue.group(1).strip()
        elif _YEAR_ONLY.match(last) and numbers:
            if work.date is None:
                work.date = PartialDate(int(last))
        elif _NUMERIC.match(last) and work.volume is None:
            work.volume = last
        else:
            break
        numbers += 1
        segments = segments[:-1]
    if not has_title and segments:
        cut = _container_start(segments) if not numbers else max(1, len(segments) - named)
        if cut:
            work.title, segments = _join(segments[:cut]), segments[cut:]
        else:
            work.title, segments = _join(segments), []
    if not segments:
        return
    series, sep, provider = segments[0].partition(" from ")
    if sep and series and provider:
        # EconPapers' compact "<Series> from <Provider>".
        segments = [series, provider, *segments[1:]]
    if numbers:
        work.kind = "article"
        name, publisher = _journal_head(segments)
        work.container = Container(kind="journal", name=name, publisher=publisher)
    elif _PAPER_WORDS.search(segments[0]) or len(segments) > 1:
        work.kind = "paper"
        work.container = Container(kind="series", name=_join(segments[:1]), publisher=_join(segments[1:]))
    elif _JOURNAL_WORDS.search(segments[0]):
        work.kind = "article"
        work.container = Container(kind="journal", name=_join(segments[:1]))
    else:
        work.publisher = _join(segments)


def _container_start(segments: list[str]) -> int:
    """Index of the first segment after the title that names a series, journal or book (0: none)."""
    for index, segment in enumerate(segments[1:], start=1):
        if _PAPER_WORDS.search(segment) or _JOURNAL_WORDS.search(segment) or _BOOK_WORDS.search(segment):
            return index
    return 0
