"""EconPapers (econpapers.repec.org) item pages printed or saved as text.

An EconPapers page is a title, its authors, one bibliographic line and labelled paragraphs::

    <Title>
    A, B () and C ()                          one line; "()" is where an e-mail link was
    <Journal>, 2017, vol. 67, issue C, 153-174        (articles)
    No 11309, <Series> from <Provider>                (papers, software, books)
    Chapter 3 in <Book>, 2008, pp 41-76 from <Publisher>   (chapters)
    Abstract: ...
    Keywords: a; b (search for similar items in EconPapers)
    JEL-codes: G21 G32 (search for similar items in EconPapers)
    Date: 2017
    References: ... [entries, one a line]
    Citations: View citations in EconPapers (80) ...
    Downloads: (external link)
    <url> [(application/pdf)]
    [restriction]
    Related works:
    Journal Article: <Title> (2007) ...
    Persistent link: https://EconPapers.repec.org/RePEc:...
    More articles in <Journal> from <Publisher>

The compact variant drops the site header and lists one author a line. Any label may be missing
and the page may end anywhere. Lines before the title that are the site's navigation are skipped.
The work's URL is the persistent link (its handle gives the RePEc key), else the page's URL.
The kind comes from the bibliographic line (journal: article; chapter line: chapter), else from
the page URL's folder, else from the series name (software, books, else a paper). ``Date:`` wins
over the journal line's year; "More ... in X from P" gives the publisher the journal line lacks.
The citation count in ``Citations: (80)`` is not kept: the record model has no place for it.
"""

from __future__ import annotations

import re

from ..citations import parse_citation, split_authors
from ..dates import numeric_date
from ..errors import ReaderError
from ..identifiers import handle_key, jel_code, normalize_handle, url_key, url_kind
from ..model import Author, Container, File, PartialDate, Pages, Record, Subject, Work
from ..page import Page
from ..text import clean
from . import register
from ._record import finish
from ._repec import restriction

_TOP = 3000
_ECONPAPERS_TOP = re.compile(r"\bEconPapers\b")
_ECONPAPERS_ANYWHERE = re.compile(
    r"^\s*Persistent link\s*:\s*https?://econpapers[.\-]repec[.\-]org|\(search for similar items in EconPapers\)",
    re.IGNORECASE | re.MULTILINE,
)
_IDEAS_TOP = re.compile(r"^\s*IDEAS home\b|ideas\.repec\.org/[abchp]/", re.IGNORECASE | re.MULTILINE)

#: The site's navigation as printed above the title.
_NAV = frozenset(
    line.casefold()
    for line in (
        "EconPapers", "Economics at your fingertips", "EconPapers Home", "About EconPapers",
        "Working Papers", "Journal Articles", "Books and Chapters", "Software Components", "Authors",
        "JEL codes", "New Economics Papers", "Advanced Search", "EconPapers FAQ", "Archive maintainers FAQ",
        "Cookies at EconPapers", "Format for printing", "The RePEc blog", "The RePEc plagiarism page",
    )
)  # fmt: skip
_LABEL = re.compile(
    r"^(Abstract|Keywords|JEL-codes|Date|New Economics Papers|Note|References|Citations|Downloads"
    r"|Related works|Export reference|Persistent link|Ordering information|Programming language|Requires)\s*:\s*(.*)$",
    re.IGNORECASE,
)
_TRAILER = re.compile(
    r"^(?:More (?:articles|papers|chapters|books|software items) in|Bibliographic data for series|Access Statistics for this)\b",
    re.IGNORECASE,
)
_MORE_IN = re.compile(r"^More (?:articles|papers|chapters|books|software items) in (.+?) from (.+)$", re.IGNORECASE)
_JOURNAL_LINE = re.compile(r"^(?P<name>.+?), (?P<year>(?:1[5-9]|20)\d\d)(?P<rest>(?:, .*)?)$")
_VOLUME = re.compile(r"^vol\.\s*(.+)$", re.IGNORECASE)
_ISSUE = re.compile(r"^issue\s+(.+)$", re.IGNORECASE)
_PAGES = re.compile(
    r"^(?:pages?\s+|pp\.?\s*)?([A-Za-z]{0,2}\d+[A-Za-z]?)(?:\s*-\s*([A-Za-z]{0,2}\d+[A-Za-z]?))?$", re.IGNORECASE
)
_PAGES_LABEL = re.compile(r"^(?:pages?\s+|pp\.?\s*)", re.IGNORECASE)
_CHAPTER_LINE = re.compile(
    r"^(?:Chapter (?P<number>\S+)|A chapter) in (?P<book>.+?), (?P<year>(?:1[5-9]|20)\d\d)"
    r"(?:, pp\.? ?(?P<pages>[^ ]+))?(?: from (?P<publisher>.+))?$",
    re.IGNORECASE,
)
_SERIES_LINE = re.compile(r"^(?:No (?P<number>[^,]+), )?(?P<series>.+?) from (?P<provider>.+)$")
_EMAIL = re.compile(r"\(\s*([^()\s@]+@[^()\s]+)\s*\)")
_EMPTY_PARENS = re.compile(r"\(\s*\)")
_SIMILAR = re.compile(r"\s*\(search for similar items in EconPapers\)\s*", re.IGNORECASE)
_REVISED = re.compile(r"\bRevised\b.*$", re.IGNORECASE)
_LINK_TEXTS = re.compile(
    r"View references in EconPapers|View complete reference list from CitEc|View citations in EconPapers(?:\s*\(\d+\))?"
    r"|Track citations by RSS feed|\(external link\)",
    re.IGNORECASE,
)
_URL_LINE = re.compile(r"^(https?://\S+)(?:\s+\(([a-z]+/[\w.+-]+)\))?\s*(.*)$", re.IGNORECASE)
_VERSION_LINKS = r"\s+(?:Downloads|View citations)\b.*$"
_VERSION = re.compile(
    r"^(Journal Article|Working Paper|Chapter|Book|Software Item)\s*:\s*(.+?)(?:\s*\(((?:1[5-9]|20)\d\d)\))?"
    rf"(?:{_VERSION_LINKS})?$",
    re.IGNORECASE,
)
_VERSION_TAIL = re.compile(_VERSION_LINKS, re.IGNORECASE)
_VERSION_KIND = {
    "journal article": "article", "working paper": "paper", "chapter": "chapter", "book": "book", "software item": "software"
}
_OPEN_LIST = re.compile(r"(?:\band|&|,)$")
_NAME_END = re.compile(r",|\band\b")
_COUNT_ONLY = re.compile(r"\(?\d+\)?")
_CODE_SEPARATORS = re.compile(r"[\s,;]+")
_BOOKS = re.compile(r"\bbooks?\b", re.IGNORECASE)
_SOFTWARE = re.compile(r"\bsoftware\b", re.IGNORECASE)


def label(line: str) -> str | None:
    """The lower-case label a line starts ("references", "related works", ...), else ``None``: for the
    Markdown reader, which reads a page with this reader and then adds what its links carry."""
    match = _LABEL.match(line.strip())
    return match.group(1).lower() if match else None


def _pages(value: str) -> Pages | None:
    """``153-174``, ``pages 153-174``, ``pp 41-76``: the range without its label."""
    match = _PAGES.match(value.strip())
    if not match:
        return None
    return Pages(raw=_PAGES_LABEL.sub("", value.strip()), start=match.group(1), end=match.group(2))


@register
class EconPapersTextReader:
    """EconPapers item pages as text, full or compact."""

    name = "econpapers-text"
    priority = 90
    description = "EconPapers (econpapers.repec.org) item pages printed or saved as text"

    def matches(self, page: Page) -> bool:
        """Text (not HTML) with "EconPapers" near the top, or an EconPapers persistent link or search note."""
        if page.is_html:
            return False
        top = page.text[:_TOP]
        if _IDEAS_TOP.search(top):
            return False
        return bool(_ECONPAPERS_TOP.search(top) or _ECONPAPERS_ANYWHERE.search(page.text))

    def read(self, page: Page) -> Record:
        """The page's work, its references and other versions."""
        if page.is_html:
            raise ReaderError("an HTML page, not an EconPapers page as text", source=page.source, reader=self.name)
        lines = [clean(line) or "" for line in page.text.splitlines()]
        warnings: list[str] = []
        work = Work()
        start = _first_label(lines)
        _front(lines[:start], work, warnings)
        if start == len(lines) and work.container is None:
            raise ReaderError("no EconPapers labels and no journal or series line", source=page.source, reader=self.name)
        _sections(lines[start:], work, warnings)
        if not work.url and page.url:
            work.url = page.url
            work.repec_key = work.repec_key or url_key(page.url)
        if work.kind == "other":
            work.kind = url_kind(work.url) or _kind_from_container(work)
        return finish(work, reader=self.name, source=page.source, warnings=warnings, expected=("title", "authors", "date", "handle"))


def _first_label(lines: list[str]) -> int:
    """Index of the first labelled line: everything above it is title, authors and the bibliographic line."""
    for i, line in enumerate(lines):
        if _LABEL.match(line) or _TRAILER.match(line):
            return i
    return len(lines)


# --- title, authors, bibliographic line ---------------------------------------------------------


def _front(lines: list[str], work: Work, warnings: list[str]) -> None:
    """Title, authors and the bibliographic line: the non-navigation lines before the first label."""
    content = [line for line in lines if line and line.casefold() not in _NAV]
    if not content:
        return
    bib_at = next((i for i in range(len(content) - 1, 0, -1) if _bibliographic(content[i], work)), None)
    work.title = content[0]
    author_lines = content[1:bib_at] if bib_at is not None else content[1:]
    for line in _joined(author_lines):
        work.authors.extend(_authors(line))
    if bib_at is None and len(content) > 1:
        warnings.append("container: no journal, series or book line found under the authors")


def _joined(lines: list[str]) -> list[str]:
    """Author lines with a wrapped list joined: a line ending in "and", "&" or "," goes on on the next."""
    joined: list[str] = []
    for line in lines:
        if joined and _OPEN_LIST.search(joined[-1]):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def _authors(line: str) -> list[Author]:
    """``A, B () and C (c@x.org)``: names in order; a printed e-mail is kept, empty ``()`` dropped."""
    emails: dict[str, str] = {}
    parts: list[str] = []
    position = 0
    for match in _EMAIL.finditer(line):
        before = line[position : match.start()]
        parts.append(before)
        name = clean(_NAME_END.split(before)[-1])
        if name:
            emails[name] = match.group(1)
        position = match.end()
    parts.append(line[position:])
    authors = split_authors(_EMPTY_PARENS.sub("", "".join(parts)))
    for author in authors:
        author.email = emails.get(author.name)
    return authors


def _bibliographic(line: str, work: Work) -> bool:
    """Read a journal, chapter or series line into ``work``; False when the line is none of them."""
    chapter = _CHAPTER_LINE.match(line)
    if chapter:
        work.kind = "chapter"
        work.number = chapter.group("number")
        work.date = PartialDate(int(chapter.group("year")))
        work.pages = _pages(chapter.group("pages") or "")
        book, publisher = clean(chapter.group("book")), clean(chapter.group("publisher"))
        work.container = Container(kind="book", name=book, publisher=publisher)
        return True
    journal = _JOURNAL_LINE.match(line)
    if journal and (not journal.group("rest") or _journal_rest(journal.group("rest"), Work())):
        work.kind = "article"
        work.date = PartialDate(int(journal.group("year")))
        _journal_rest(journal.group("rest"), work)
        work.container = Container(kind="journal", name=clean(journal.group("name")))
        return True
    series = _SERIES_LINE.match(line)
    if series:
        work.number = clean(series.group("number"))
        name, provider = clean(series.group("series")), clean(series.group("provider"))
        work.container = Container(kind="series", name=name, publisher=provider)
        return True
    return False


def _journal_rest(rest: str, work: Work) -> bool:
    """``, vol. 67, issue C, 153-174``: True when every part is a volume, issue or page range."""
    for part in (p.strip() for p in rest.split(",") if p.strip()):
        volume, issue, pages = _VOLUME.match(part), _ISSUE.match(part), _pages(part)
        if volume:
            work.volume = volume.group(1).strip()
        elif issue:
            work.issue = issue.group(1).strip()
        elif pages:
            work.pages = pages
        else:
            return False
    return True


def _kind_from_container(work: Work) -> str:
    """Kind of a work with a series line: software and book series by name, else a paper."""
    name = work.container.name if work.container else None
    if not name:
        return "other"
    if _SOFTWARE.search(name):
        return "software"
    return "book" if _BOOKS.search(name) else "paper"


# --- labelled sections ------------------------------------------------------------------------


def _blocks(lines: list[str]) -> list[tuple[str, list[str]]]:
    """``(label, lines)`` pairs: the text after each label and the lines up to the next label."""
    blocks: list[tuple[str, list[str]]] = []
    for line in lines:
        label = _LABEL.match(line)
        if label:
            blocks.append((label.group(1).lower(), [label.group(2)]))
        elif _TRAILER.match(line):
            blocks.append(("trailer", [line]))
        elif blocks:
            blocks[-1][1].append(line)
    return blocks


def _sections(lines: list[str], work: Work, warnings: list[str]) -> None:
    for label, body in _blocks(lines):
        text = clean(" ".join(body))
        if label == "abstract":
            work.abstract = text
        elif label == "keywords":
            value = _SIMILAR.sub(" ", text or "")
            separator = ";" if ";" in value else ","
            work.keywords = [k for k in (clean(p) for p in value.split(separator)) if k]
        elif label == "jel-codes":
            codes = [jel_code(c) for c in _CODE_SEPARATORS.split(_SIMILAR.sub(" ", text or ""))]
            work.subjects = [Subject(code=c) for c in dict.fromkeys(c for c in codes if c)]
        elif label == "date":
            _read_date(text or "", work, warnings)
        elif label in ("note", "programming language", "requires"):
            if text:
                work.notes.append(text if label == "note" else f"{label.capitalize()}: {text}")
        elif label == "references":
            work.references = _entries(body)
        elif label == "citations":
            work.cited_by = _entries(body)
        elif label == "downloads":
            work.files = _files(body)
        elif label == "related works":
            work.versions = _versions(body)
        elif label == "persistent link":
            _persistent(text or "", work)
        elif label == "trailer":
            more = _MORE_IN.match(body[0])
            if more and work.container is not None and work.container.publisher is None:
                work.container.publisher = clean(more.group(2))


def _read_date(value: str, work: Work, warnings: list[str]) -> None:
    """``Date: 2005-05`` wins over the year of the journal line; ``2009-10-12, Revised 2017-02-02``
    keeps the first date and notes the revision."""
    date = numeric_date(value)
    if date is None:
        warnings.append(f"date: cannot read {value!r}")
        return
    revised = _REVISED.search(value)
    if revised:
        work.notes.append(clean(revised.group(0)) or "")
    work.date = date


def _entries(body: list[str]) -> list[Work]:
    """One Work per line after a References or Citations label, link texts left out."""
    works: list[Work] = []
    for line in body:
        line = clean(_LINK_TEXTS.sub(" ", line))
        if line and not _COUNT_ONLY.fullmatch(line):
            works.append(parse_citation(line))
    return works


def _files(body: list[str]) -> list[File]:
    """URL lines (with an optional ``(type/subtype)``), each followed by its restriction, if any."""
    files: list[File] = []
    for line in body:
        line = clean(_LINK_TEXTS.sub(" ", line))
        if not line:
            continue
        url = _URL_LINE.match(line)
        if url:
            files.append(File(url=url.group(1), format=url.group(2)))
            line = clean(url.group(3)) or ""
        if line and files and files[-1].restriction is None and files[-1].restricted is None:
            files[-1].restriction, files[-1].restricted = restriction(line)
    return files


def _versions(body: list[str]) -> list[Work]:
    """``Journal Article: Title (2007) ...`` lines of Related works: the item's other versions."""
    versions: list[Work] = []
    for line in body:
        match = _VERSION.match(line)
        if match:
            year = match.group(3)
            versions.append(
                Work(
                    kind=_VERSION_KIND[match.group(1).lower()],
                    title=clean(match.group(2)),
                    date=PartialDate(int(year)) if year else None,
                    citation=clean(_VERSION_TAIL.sub("", line)),
                )
            )
    return versions


def _persistent(value: str, work: Work) -> None:
    """The persistent link: the work's URL, handle and RePEc key."""
    url = value.split()[0] if value else None
    if not url:
        return
    work.url = url
    work.handle = normalize_handle(url)
    work.repec_key = handle_key(work.handle) or url_key(url)
