"""IDEAS item pages printed or saved as plain text (browser "Save as text", text-mode browsers, copies).

Three layouts are read, all in one pass over the lines:

- current (the seed page): ``IDEAS home Printed from <url>``, title, ``Author`` / ``Listed:`` with one
  ``•`` bullet per author and a parenthesised affiliation block under it, ``Abstract``,
  ``Suggested Citation`` (citation string, ``Handle:``, ``DOI:``, ``Note:``), download blocks,
  ``Other versions of this item:``, ``References listed on IDEAS``, ``Cited by:``, ``Keywords``,
  ``JEL classification:`` and the footer; its variations (proxy lines, an empty ``Printed from``
  with the headings missing, a compact rendering without blank lines and with ``- `` list items,
  wrapped list items) are read by the same rules;
- mid-2010s: ``Advanced Search`` / ``MyIDEAS: Login ...`` / title / ``Contents:`` / ``Author Info``;
- about 2009: ``This file is part of IDEAS, which uses RePEc data``, ``Author Info`` with bare
  name lines, ``Download Info`` and ``Publisher Info`` sentences ("Article provided by P in its
  journal J.", ``Volume (Year): 47 (1992)``, ``Issue (Month): 2 (June)``, ``Pages: 427-65``).

Citation strings go to :func:`rdfbib.citations.parse_citation`; this module only finds them.

Affiliation blocks: each line inside the parentheses is its own workplace (the seed's
``Present address:`` line is a second one). A line continues the previous one only when the
previous line cannot end a name (it ends with ``,``, ``-``, ``&``, ``/``, or a word such as
``of``/``and``/``de``, or leaves a parenthesis open) or when it starts in lower case; real pages
print each workplace on one line however long ("LEM - Lille économie management - UMR 9221 -
... - CNRS - Centre National de la Recherche Scientifique"), so a break elsewhere is a new one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import unquote

from ..citations import month_number, parse_citation, parse_pages, split_authors
from ..errors import ReaderError
from ..identifiers import (
    find_doi,
    handle_key,
    ideas_url,
    jel_code,
    normalize_handle,
    series_key,
    url_key,
    url_kind,
)
from ..model import Author, Container, File, PartialDate, Record, Subject, Work
from ..names import person
from ..page import Page
from ..text import clean
from . import register
from ._record import finish, is_text
from ._repec import AFFILIATION_ROLE, AUTHOR_NOTE, restriction, workplace

# --- detection ----------------------------------------------------------------------------------

_HEAD_CHARS = 8192
_TAIL_CHARS = 4096
_IDEAS_MARK = re.compile(
    r"IDEAS home|Printed from \S*ideas[.\-]repec[.\-]org|This file is part of IDEAS|IDEAS is a RePEc service"
    r"|MyIDEAS: Login to save",
    re.IGNORECASE,
)
_ECONPAPERS_MARK = re.compile(r"^\s*EconPapers\s*$|Economics at your fingertips", re.IGNORECASE | re.MULTILINE)
_SHAPE_CITATION = re.compile(r"^\s*Suggested Citation\s*$", re.MULTILINE)
_ABSTRACT_HEADING = re.compile(r"^[ \t|]*Abstract[ \t|]*$", re.MULTILINE)
_SHAPE_HANDLE = re.compile(r"^\s*(?:[•\-*]\s*)?Handle:\s*RePEc:", re.MULTILINE | re.IGNORECASE)

# --- line shapes ----------------------------------------------------------------------------------

_PRINTED_FROM = re.compile(r"^(?:.*?\bIDEAS home\b)?\s*Printed from\b:?\s*(\S*)", re.IGNORECASE)
_CHROME = re.compile(
    r"^(?:IDEAS home\b.*|My bibliography\b.*|Save this (?:article|paper|book chapter|book|software|item)\b.*"
    r"|Advanced Search|MyIDEAS:.*|This file is part of IDEAS\b.*|\[[^\]]*\|.*|Contents:?"
    r"|Author & abstract|Download|\d+ Citations?|Related works & more)$",
    re.IGNORECASE,
)
_ODD_SPACE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_BULLET = re.compile(r"^\s*[•·∙◦▪●*]\s*(.*)$")
_DASH_ITEM = re.compile(r"^\s*[-–]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*(\d{1,6})\.\s+(.*)$")
_KEY_LINE = re.compile(r"^([A-Za-z][A-Za-z ()]{1,30}?)\s*:\s*(.*)$")
_IN_BOOK = re.compile(r"^In:\s*(.+)$")
_HANDLE_IN_FOOTER = re.compile(r"this item's handle:\s*(RePEc:\S+)", re.IGNORECASE)
_FOOTER_END = re.compile(r"^(?:IDEAS is a RePEc service|Please note that corrections may take)", re.IGNORECASE)
_BORROWED = re.compile(r"^\(?This abstract was borrowed from another version of this item\.?\)?$", re.IGNORECASE)
_TAB_LABEL = re.compile(r"^(?:Author & abstract|Download|\d+ Citations?|Related works & more|Corrections)$", re.IGNORECASE)
_FILE_URL = re.compile(r"^[A-Za-z][\w+.-]*://\S")
# "Save this paper" / "MyIDEAS: Login to save this paper": the item's kind when no address says it.
_SAVE_KIND = re.compile(r"\bsave this (article|paper|book chapter|book|software)\b", re.IGNORECASE)
_SAVE_KINDS = {"article": "article", "paper": "paper", "book chapter": "chapter", "book": "book", "software": "software"}
# Old layouts print the references heading and the request to report errors on one line.
_HEADING_START = re.compile(r"^References listed on IDEAS\b", re.IGNORECASE)
# Older layouts introduce the registered authors' names with a sentence, not a "Registered:" heading.
_REGISTERED_LINE = re.compile(r"^Additional information is available for the following registered authors?(?:\(s\))?\s*:?$", re.IGNORECASE)
# The download help paragraph of the old layouts, broken at its link texts: never a title.
_HELP = re.compile(
    r"^(?:To download:|If you experience problems downloading|proper application to|view it first\b"
    r"|in the File-Format links below|the IDEAS help|(?:file|page)\. Note that these files|site\. Please be patient"
    r"|Did you know\?)",
    re.IGNORECASE,
)
# An unbulleted Suggested Citation: "Authors, 2016. "Title," ..." (a copy that lost its list marks).
_CITATION_START = re.compile(r"^[^\"“]{1,400}?,\s*(?:1[5-9]|20)\d\d[a-z]?\.\s+[\"“]")
_TITLE_MAX = 400  # a longer line before the first author is an abstract, not a title
# An IDEAS citations page (/r/) lists the works citing one item; its address names the item.
_CITATIONS_PAGE = re.compile(r"ideas[.\-]repec[.\-]org[^/\s]*/r/([A-Za-z0-9]{3})/([^/\s]+)/([^/\s?#]+?)\.html?\b", re.IGNORECASE)

# A break that cannot end a workplace name (labels and footnotes are read by ._repec.workplace).
_OPEN_END = re.compile(
    r"(?:[,&/(\-–]|\b(?:and|of|for|the|de|des|del|der|di|du|da|do|la|le|und|et|y|in|at|on|für|van|von))$",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Several workplaces printed on one line: "A; B", or HAL's "PSE - Paris ..., PJSE - Paris Jourdan ...".
_WORKPLACE_SPLIT = re.compile(r";\s+|,\s+(?=[A-Z][\w&'’.-]*\s+-\s)")

# Old layouts.
_PROVIDED = re.compile(
    r"^(Article|Paper|Chapter|Book chapter|Book|Software component|Software)\s+provided\s+by\s+(.+?)"
    r"\s+in\s+its\s+(journal|series|book)\s+(.+?)(?:\s+with\s+number\s+(.+?)(?:\.\s+[A-Z].*)?)?\s*\.?$",
    re.IGNORECASE,
)
_PROVIDED_KIND = {"article": "article", "paper": "paper", "chapter": "chapter", "book chapter": "chapter",
                  "book": "book", "software component": "software", "software": "software"}  # fmt: skip
_VOLUME_YEAR = re.compile(r"^(.*?)\s*\(\s*(\d{4})?\s*\)\s*$")
_ISSUE_MONTH = re.compile(r"^(.*?)\s*(?:\(\s*([^)]*?)\s*\))?\s*$")
_MONTH_YEAR = re.compile(r"(?:\b([A-Za-z]{3,9})\.?\s+)?((?:1[5-9]|20)\d\d)\b")

# JEL: "G21 - Financial Economics - - ... - - - Banks", several per line in the old layout.
_JEL_START = re.compile(r"(?:^|[;•]\s*)([A-Z]\d{0,2}) - ")
_JEL_SEPARATOR = re.compile(r"[\s,;]+")
_JEL_CODES = re.compile(r"^[A-Z]\d{0,2}(?:[\s,;]+[A-Z]\d{0,2})*[\s,;]*$")

# --- sections ------------------------------------------------------------------------------------

_PRE, _TITLE, _AUTHORS, _REGISTERED, _EDITORS, _ABSTRACT, _CITATION, _FILES = range(8)
_VERSIONS, _REFERENCES, _CITATIONS, _CITED_BY, _KEYWORDS, _JEL, _PUBINFO, _OTHER = range(8, 16)
_LISTED = 16  # "Listed:" continues the Author or the Editor section before it
_LISTS = {_VERSIONS: "versions", _REFERENCES: "references", _CITED_BY: "cited_by"}
_HEADINGS = {
    "author": _AUTHORS, "authors": _AUTHORS, "author info": _AUTHORS, "listed": _LISTED,
    "registered": _REGISTERED, "registered author(s)": _REGISTERED,
    "editor": _EDITORS, "editors": _EDITORS, "editor(s)": _EDITORS,
    "abstract": _ABSTRACT,
    "suggested citation": _CITATION,
    "download full text from publisher": _FILES, "download info": _FILES,
    "other versions of this item": _VERSIONS,
    "references listed on ideas": _REFERENCES, "references": _REFERENCES,
    "citations": _CITATIONS, "cited by": _CITED_BY,
    "keywords": _KEYWORDS, "jel classification": _JEL, "find related papers by jel classification": _JEL,
    "publisher info": _PUBINFO, "bibliographic info": _PUBINFO,
    "more about this item": _OTHER, "statistics": _OTHER, "corrections": _OTHER, "lists": _OTHER,
    "related research": _OTHER, "most related items": _OTHER, "similar items": _OTHER,
    "related works & more": _OTHER, "access and download statistics": _OTHER,
}  # fmt: skip


_SECTION_NAMES = {
    _AUTHORS: "authors", _LISTED: "listed", _REGISTERED: "registered", _EDITORS: "editors", _ABSTRACT: "abstract",
    _CITATION: "citation", _FILES: "files", _VERSIONS: "versions", _REFERENCES: "references", _CITATIONS: "citations",
    _CITED_BY: "cited_by", _KEYWORDS: "keywords", _JEL: "jel", _PUBINFO: "pubinfo", _OTHER: "other",
}  # fmt: skip


def section(line: str) -> str | None:
    """The section a heading line opens ("authors", "references", "cited_by", ...), else ``None``: for the
    Markdown reader, which reads a page with this reader and then adds what its links carry."""
    found = _heading(line.strip())
    return None if found is None else _SECTION_NAMES[found]


def _heading(stripped: str) -> int | None:
    """The section a heading line opens; some 2009 copies print headings as table cells ("| Abstract |")."""
    if stripped.startswith("|") and stripped.endswith("|"):
        stripped = stripped.strip("| ")
    if len(stripped) > 45:
        if _REGISTERED_LINE.match(stripped):
            return _REGISTERED
        return _REFERENCES if _HEADING_START.match(stripped) else None
    return _HEADINGS.get(stripped.rstrip(":").strip().lower())


@register
class IdeasTextReader:
    """IDEAS item pages as plain text."""

    name = "ideas-text"
    priority = 90
    description = "IDEAS (RePEc) item pages printed or saved as plain text, current and older layouts"

    def matches(self, page: Page) -> bool:
        """IDEAS marks, or the title/authors/Suggested Citation/Handle shape, in the first and last KB."""
        if page.is_html:
            return False
        head, tail = page.text[:_HEAD_CHARS], page.text[-_TAIL_CHARS:]
        if _ECONPAPERS_MARK.search(head):
            return False
        if _IDEAS_MARK.search(head) or _IDEAS_MARK.search(tail):
            return True
        both = head + tail
        return bool(_SHAPE_CITATION.search(both) and _SHAPE_HANDLE.search(both))

    def read(self, page: Page) -> Record:
        """The page's work; a page cut short gives what it holds, with warnings.

        :raises ReaderError: HTML, or no title, handle or DOI (without an IDEAS header, a title needs an
            author or heading line after it).
        """
        if page.is_html:
            message = "an HTML page, not a page printed as text (the ideas-html reader reads these)"
            raise ReaderError(message, source=page.source, reader=self.name)
        parser = _Parser(page.text)
        parser.run()
        work, warnings = parser.finish(page.url)
        return finish(work, reader=self.name, source=page.source, warnings=warnings, expected=("title",))


class _Parser:
    """One pass over the lines; each section has a handler that reads one line."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        # Without an "Abstract" heading (a layout variation), the text after the authors is the abstract.
        self.has_abstract_heading = _ABSTRACT_HEADING.search(text) is not None
        self.state = _PRE
        self.warnings: list[str] = []
        self.header = False
        self.printed_from: str | None = None
        self.candidate: str | None = None  # without a header, the last line before the first structural one
        self.title: str | None = None
        self.title_open = False  # the title's line was the last line read
        self.book: str | None = None
        self.authors: list[Author] = []
        self.editors: list[Author] = []  # people under an "Editor" heading
        self.people = self.authors  # the list the Author or Editor section is filling
        self.bullets = False
        self.block: list[str] | None = None  # affiliation lines of the current author
        self.depth = 0
        self.abstract: list[str] = []
        self.notes: list[str] = []
        self.keywords: list[str] = []
        self.keyword_text: list[str] = []
        self.subjects: list[Subject] = []
        self.citation: list[str] | None = None
        self.citation_open = False
        self.handle: str | None = None
        self.footer_handle: str | None = None
        self.doi: str | None = None
        self.files: list[File] = []
        self.items: dict[str, list[Work]] = {"versions": [], "references": [], "cited_by": []}
        self.item: list[str] | None = None
        self.item_list: str | None = None
        self.item_number = 0
        self.item_count = 0
        self.gap = False
        self.sentence: list[str] = []
        self.provided: tuple[str, str, str, str, str | None] | None = None
        self.volume: str | None = None
        self.issue: str | None = None
        self.pages: str | None = None
        self.year: int | None = None
        self.month: int | None = None
        self.footer = False
        self.saved_kind: str | None = None
        self.last_file_line = False  # the last non-blank line read was a "File URL:" line
        self.handlers: dict[int, Callable[[str, str], None]] = {
            _PRE: self._pre, _TITLE: self._after_title, _AUTHORS: self._author, _REGISTERED: self._skip,
            _EDITORS: self._author, _ABSTRACT: self._abstract, _CITATION: self._citation, _FILES: self._file,
            _VERSIONS: self._list, _REFERENCES: self._list, _CITATIONS: self._skip, _CITED_BY: self._list,
            _KEYWORDS: self._keywords, _JEL: self._jel, _PUBINFO: self._pubinfo, _OTHER: self._other,
        }  # fmt: skip

    # -- driver ----------------------------------------------------------------------------------

    def run(self) -> None:
        """Read every line once: headings switch sections, each section's handler reads the rest."""
        for raw in self.lines:
            line = _ODD_SPACE.sub(" ", raw)  # printed pages put no-break spaces around "My bibliography"
            stripped = line.strip()
            if stripped:
                self.last_file_line = False
            if self.block is not None and self._affiliation(stripped):
                continue
            if _FOOTER_END.search(stripped[:60]):
                self.footer = True
                continue
            section = _heading(stripped) if stripped else None
            if section is not None:
                self._enter(section)
                continue
            if self.state not in (_PRE, _TITLE) and stripped and self._inline(stripped):
                continue
            if stripped.startswith(("File URL:", "File-URL:")) and self.state not in _LISTS:
                self._enter(_FILES)
            self.handlers[self.state](line, stripped)
        self._close_section()

    def _enter(self, section: int) -> None:
        if self.state in (_PRE, _TITLE) and self.title is None:
            self._take_title()
        self._close_section()
        if section == _LISTED:
            section = _EDITORS if self.state == _EDITORS else _AUTHORS
        if section in (_AUTHORS, _EDITORS):
            self.people = self.editors if section == _EDITORS else self.authors
        self.state = section
        self.title_open = False
        if section in _LISTS:
            self.item_list = _LISTS[section]
            self.item_number = self.item_count = 0
            self.gap = False

    def _close_section(self) -> None:
        """Flush what a section left open: an item, a sentence, keywords, an affiliation block."""
        self._end_block()
        self._end_item()
        self._end_sentence()
        self._end_keywords()
        self.citation_open = False

    # -- title and the lines around it -------------------------------------------------------------

    def _pre(self, line: str, stripped: str) -> None:
        if not stripped:
            return
        printed = _PRINTED_FROM.match(stripped)
        if printed:
            self.header = True
            self.printed_from = printed.group(1) or None
            self.candidate = None
            return
        if _CHROME.match(stripped):
            if stripped.lower().startswith(("ideas home", "this file is part of ideas", "advanced search", "myideas:")):
                self.header = True
                self.candidate = None
            saved = _SAVE_KIND.search(stripped)
            if saved:
                self.saved_kind = _SAVE_KINDS[saved.group(1).lower()]
            return
        if _HELP.match(stripped):
            return
        if _structural(line, stripped):
            self._take_title()
            self.state = _AUTHORS
            self._author(line, stripped)
            return
        if self.header:
            self.title = clean(stripped)
            self.state = _TITLE
            self.title_open = True
        else:
            self.candidate = stripped

    def _take_title(self) -> None:
        if self.title is None and self.candidate and len(self.candidate) <= _TITLE_MAX:
            self.title = clean(self.candidate)
        self.candidate = None

    def _after_title(self, line: str, stripped: str) -> None:
        """Between the title and the first heading: ``In: <book>``, or bullets when headings are missing."""
        if not stripped:
            self.title_open = False
            return
        book = _IN_BOOK.match(stripped)
        if book:
            self.book = clean(book.group(1))
            self.title_open = False
        elif _BULLET.match(line) or stripped.startswith("("):
            self.state = _AUTHORS
            self._author(line, stripped)
        elif _CHROME.match(stripped):
            return
        elif self.title_open and self.has_abstract_heading:
            self.title = clean(f"{self.title} {stripped}")
        elif not self.has_abstract_heading:
            self.state = _ABSTRACT
            self._abstract(line, stripped)

    # -- authors -------------------------------------------------------------------------------------

    def _author(self, line: str, stripped: str) -> None:
        if not stripped:
            return
        bullet = _BULLET.match(line) or _DASH_ITEM.match(line)
        if bullet:
            name = clean(bullet.group(1))
            if name and not _TAB_LABEL.match(name):
                self.bullets = True
                self.people.append(person(name))
            return
        if stripped.startswith("("):
            self._start_block(stripped)
            return
        if _CHROME.match(stripped) or _IN_BOOK.match(stripped):
            book = _IN_BOOK.match(stripped)
            if book:
                self.book = clean(book.group(1))
            return
        if self.bullets or not self.has_abstract_heading:
            if not self.has_abstract_heading:
                self.state = _ABSTRACT
                self._abstract(line, stripped)
            return
        # About 2009: bare name lines under "Author Info".
        self.people.extend(split_authors(stripped))

    def _start_block(self, stripped: str) -> None:
        if not self.people:
            self.warnings.append(f"affiliation without an author: {stripped[:80]}")
        self.block = []
        self.depth = 0
        self._affiliation(stripped)

    def _affiliation(self, stripped: str) -> bool:
        """Add a line to the open affiliation block; False (block closed) when the line is not part of it."""
        assert self.block is not None
        if not stripped or stripped.startswith("•") or _heading(stripped) is not None:
            self._end_block()
            return False
        self.block.append(stripped)
        self.depth += stripped.count("(") - stripped.count(")")
        if self.depth <= 0:
            self._end_block()
        return True

    def _end_block(self) -> None:
        if self.block is None:
            return
        lines, self.block = self.block, None
        if not lines:
            return
        if self.depth > 0:
            self.warnings.append(f"affiliation block not closed: {lines[0][:80]}")
        lines[0] = lines[0][1:] if lines[0].startswith("(") else lines[0]
        if self.depth <= 0 and lines[-1].endswith(")"):
            lines[-1] = lines[-1][:-1]
        if not self.people:
            return
        author = self.people[-1]
        entries: list[str] = []
        for text in (line.strip() for line in lines):
            if not text:
                continue
            if entries and not AFFILIATION_ROLE.match(text) and not AUTHOR_NOTE.match(text) and _continues(entries[-1], text):
                entries[-1] = f"{entries[-1]} {text}"
            else:
                entries.append(text)
        for entry in (part for text in entries for part in _workplaces(text)):
            email = _EMAIL.search(entry)
            if email:  # some publishers print the address inside the workplace: "..., Greece. a@b.gr ,"
                author.email = author.email or email.group(0)
                entry = entry[: email.start()] + entry[email.end() :]
            found = workplace(entry.rstrip(" ,;"))
            if isinstance(found, str):
                author.notes.append(found)
            elif found is not None:
                author.affiliations.append(found)

    # -- abstract --------------------------------------------------------------------------------------

    def _abstract(self, line: str, stripped: str) -> None:
        if not stripped:
            return
        if _BORROWED.match(stripped):
            self.notes.append(clean(stripped.strip("()")) or stripped)
            return
        self.abstract.append(stripped)

    # -- Suggested Citation ----------------------------------------------------------------------------

    def _citation(self, line: str, stripped: str) -> None:
        if not stripped:
            self.citation_open = False
            return
        bullet = _BULLET.match(line) or _DASH_ITEM.match(line)  # the compact rendering prints "- " items
        text = bullet.group(1).strip() if bullet else stripped
        key = _KEY_LINE.match(text)
        if key and key.group(1).lower() in ("handle", "doi", "note"):
            self.citation_open = False
            self._key(key.group(1).lower(), key.group(2).strip())
            return
        if text == "as":
            self.citation_open = False
            return
        if self.citation is None and (bullet or _CITATION_START.match(text)):
            self.citation = [text]
            self.citation_open = True
        elif self.citation_open and self.citation is not None:
            self.citation.append(text)

    def _key(self, key: str, value: str) -> None:
        if key == "handle":
            self.handle = self.handle or normalize_handle(value)
        elif key == "doi":
            self.doi = self.doi or clean(value)
        elif key == "note":
            note = clean(value)
            if note:
                self.notes.append(note)

    # -- downloads ---------------------------------------------------------------------------------------

    def _file(self, line: str, stripped: str) -> None:
        key = _KEY_LINE.match(stripped)
        if stripped.startswith("LibKey link") and self.files:
            self.files[-1].function = clean(stripped)
            return
        if not key:
            return
        name, value = key.group(1).lower().replace("-", " "), clean(key.group(2))
        if name in ("handle", "doi", "note"):
            self._key(name, value or "")
        elif name == "file url":
            if value and _FILE_URL.match(value):
                self.files.append(File(url=value))
                self.last_file_line = True
        elif not self.files or not value:
            return
        elif name == "file function":
            self.files[-1].function = value
        elif name == "file format":
            self.files[-1].format = value
        elif name == "download restriction":
            self.files[-1].restriction, self.files[-1].restricted = restriction(value)

    # -- lists of citation strings -------------------------------------------------------------------------

    def _list(self, line: str, stripped: str) -> None:
        if not stripped:
            self.gap = True
            return
        if stripped == "as":
            return
        # A number starts an item only in sequence, so a wrapped line starting "2016. " continues one.
        numbered = _NUMBERED.match(line)
        if numbered and (self.item is None or int(numbered.group(1)) == self.item_number + 1):
            self.item_number = int(numbered.group(1))
            start: str | None = numbered.group(2)
        else:
            other = _BULLET.match(line) or _DASH_ITEM.match(line)
            start = other.group(1) if other else None
        gap, self.gap = self.gap, False
        if start is not None:
            self._end_item()
            self.item = [start.strip()]
            self.item_count += 1
        elif self.item is not None and not gap:
            self.item.append(stripped)
        elif self.item_count == 0:
            return  # the list's preamble: "as", a request to report errors
        else:  # text after a blank line that is no item: the list is over
            self._end_item()
            self.state = _OTHER
            self._other(line, stripped)

    def _end_item(self) -> None:
        if self.item is None or self.item_list is None:
            self.item = None
            return
        text, self.item = " ".join(self.item), None
        if text:
            self.items[self.item_list].append(parse_citation(text))

    # -- keywords, JEL -------------------------------------------------------------------------------------

    def _inline(self, stripped: str) -> bool:
        """``Keywords: a; b`` and ``JEL classification: E31 - ...`` printed on one line; True when taken."""
        lower = stripped[:20].lower()
        if lower.startswith("keywords:") and stripped[9:].strip():
            rest = stripped[9:].strip()
            self._add_keywords(rest, ";" if ";" in rest else ",")
            return True
        if lower.startswith(("jel classification:", "jel:")):
            rest = stripped.split(":", 1)[1].strip()
            if rest:
                self._add_jel(rest)
            return True
        return False

    def _keywords(self, line: str, stripped: str) -> None:
        if not stripped:
            return
        if stripped.lower().startswith("all these keywords"):
            self._end_keywords()
            self.state = _OTHER
            return
        self.keyword_text.append(stripped)

    def _end_keywords(self) -> None:
        if self.keyword_text:
            self._add_keywords(" ".join(self.keyword_text), ";")
            self.keyword_text = []

    def _add_keywords(self, text: str, separator: str) -> None:
        for keyword in text.split(separator):
            keyword = clean(keyword.strip(" ;,."))
            if keyword and keyword not in self.keywords:
                self.keywords.append(keyword)

    def _jel(self, line: str, stripped: str) -> None:
        if stripped:
            self._add_jel(stripped)

    def _add_jel(self, text: str) -> None:
        bullet = _BULLET.match(text) or _DASH_ITEM.match(text)
        text = bullet.group(1).strip() if bullet else text
        if _JEL_CODES.match(text):
            for code in _JEL_SEPARATOR.split(text):
                if jel_code(code):
                    self.subjects.append(Subject(code=code))
            return
        starts = list(_JEL_START.finditer(text))
        for i, match in enumerate(starts):
            end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
            code = jel_code(match.group(1))
            if code:
                self.subjects.append(Subject(code=code, label=clean(text[match.end() : end].strip(" ;•"))))

    # -- about-2009 and mid-2010s "Publisher Info" / "Bibliographic Info" ------------------------------------

    def _pubinfo(self, line: str, stripped: str) -> None:
        if not stripped:
            self._end_sentence()
            return
        key = _KEY_LINE.match(stripped)
        name = key.group(1).strip().lower() if key else ""
        if name in ("volume (year)", "issue (month)", "pages", "handle", "doi", "note", "date of creation", "length"):
            self._end_sentence()
            self._pubinfo_key(name, key.group(2).strip())  # type: ignore[union-attr]
        else:
            self.sentence.append(stripped)

    def _pubinfo_key(self, name: str, value: str) -> None:
        if name == "volume (year)":
            match = _VOLUME_YEAR.match(value)
            self.volume = clean(match.group(1)) if match else clean(value)
            if match and match.group(2):
                self.year = int(match.group(2))
        elif name == "issue (month)":
            match = _ISSUE_MONTH.match(value)
            if match:
                self.issue = clean(match.group(1))
                self.month = month_number(match.group(2))
        elif name == "pages":
            self.pages = clean(value)
        elif name == "date of creation":
            found = _MONTH_YEAR.search(value)
            if found and self.year is None:
                self.year = int(found.group(2))
                self.month = month_number(found.group(1))
        elif name != "length":
            self._key(name, value)

    def _end_sentence(self) -> None:
        if not self.sentence:
            return
        text, self.sentence = " ".join(self.sentence), []
        match = _PROVIDED.match(text)
        if match and self.provided is None:
            self.provided = (match.group(1), match.group(2), match.group(3), match.group(4), match.group(5))

    # -- everything else ---------------------------------------------------------------------------------

    def _skip(self, line: str, stripped: str) -> None:
        """Sections that add nothing: registered-author bullets repeat ``Listed:``, ``Citations`` only
        credits CitEc before ``Cited by:``."""

    def _other(self, line: str, stripped: str) -> None:
        if not stripped:
            return
        footer = _HANDLE_IN_FOOTER.search(stripped)
        if footer:
            self.footer_handle = normalize_handle(footer.group(1))

    # -- the record ------------------------------------------------------------------------------------

    def finish(self, page_url: str | None) -> tuple[Work, list[str]]:
        """The work from what was read (the Suggested Citation fills date, container, volume ...) and warnings."""
        warnings = self.warnings
        if self.state in _LISTS and self.items[_LISTS[self.state]]:
            last = self.items[_LISTS[self.state]][-1]
            if not (last.citation or "").rstrip().endswith((".", ")")):
                self.items[_LISTS[self.state]].pop()
                section = _LISTS[self.state].replace("_", "-")
                warnings.append(f"the page ends inside {section}: its last entry is cut short and was dropped")
        if self.last_file_line and self.files and not self.footer:
            self.files.pop()
            warnings.append("the page ends on a File URL line: the address may be cut short and was dropped")
        suggested = " ".join(self.citation) if self.citation else None
        cut = self.state == _CITATION and bool(suggested) and not suggested.endswith(".")  # type: ignore[union-attr]
        cited = parse_citation(suggested, cut=cut) if suggested else Work()
        raw_url = self.printed_from or page_url
        url = (ideas_url(raw_url) or ideas_url(unquote(raw_url))) if raw_url else None
        citations_page = _CITATIONS_PAGE.search(raw_url) if raw_url and url is None else None
        if citations_page:
            warnings.append("an IDEAS citations page (/r/): the cited item's kind and handle are not printed")
        elif raw_url and url is None:
            warnings.append(f"not an IDEAS item address: {raw_url[:120]}")
        elif url is None:
            warnings.append("no IDEAS address on the page (no or an empty 'Printed from')")
        handle = self.handle or self.footer_handle
        cited_key = handle_key("RePEc:" + ":".join(citations_page.groups())) if citations_page else None
        provided_kind = _PROVIDED_KIND.get(self.provided[0].lower()) if self.provided else None
        kind = url_kind(url) or provided_kind or self.saved_kind or (cited.kind if suggested else None) or "other"
        work = Work(
            kind=kind,
            title=self.title if is_text(self.title) else cited.title,
            authors=self.authors or cited.authors,
            abstract=clean(" ".join(self.abstract)),
            date=cited.date,
            container=cited.container,
            volume=cited.volume,
            issue=cited.issue,
            pages=cited.pages,
            number=cited.number,
            edition=cited.edition,
            publisher=cited.publisher,
            doi=self.doi or self._libkey_doi(),
            handle=handle,
            repec_key=handle_key(handle) or url_key(url) or cited_key,
            url=url,
            files=self.files,
            keywords=self.keywords,
            subjects=self.subjects,
            references=self.items["references"],
            cited_by=self.items["cited_by"],
            versions=self.items["versions"],
            citation=clean(suggested),
            notes=self.notes + [n for n in cited.notes if n not in self.notes],
        )
        self._apply_publisher_info(work)
        if self.book:
            if work.container is None:
                work.container = Container(kind="book", name=self.book)
            elif work.container.kind == "book":
                work.container.name = self.book
        if work.container is not None:
            work.container.handle = series_key(handle) or series_key(url)
        self._apply_editors(work, warnings)
        if not work.authors:
            warnings.append("no authors found")
        if work.date is None:
            warnings.append("no date found (no Suggested Citation or Publisher Info)")
        if handle is None:
            warnings.append("no RePEc handle found")
        if cut:
            warnings.append("the page ends inside the Suggested Citation: its last, possibly cut field was not read")
        if self.header and self.citation is not None and not self.footer:
            warnings.append("the page ends before the IDEAS footer: it may be cut short")
        return work, warnings

    def _apply_editors(self, work: Work, warnings: list[str]) -> None:
        """People under an ``Editor`` heading: an edited book's creators (its Suggested Citation says
        ``(ed.)``), a chapter's book editors; elsewhere the record has no field for them."""
        if not self.editors:
            return
        if work.kind == "book" and not self.authors:
            work.authors = self.editors
        elif work.kind == "chapter" and work.container is not None and not work.container.editors:
            work.container.editors = self.editors
        else:
            warnings.append("editors are listed, but this work's editors have no field in the record: not read")

    def _libkey_doi(self) -> str | None:
        for file in self.files:
            if "libkey.io/" in file.url:
                return find_doi(file.url)
        return None

    def _apply_publisher_info(self, work: Work) -> None:
        """Fill what the about-2009 ``Publisher Info`` lines give and the citation did not."""
        if self.provided is not None:
            _, provider, where, name, number = self.provided
            if work.container is None:
                kind = {"journal": "journal", "book": "book"}.get(where.lower(), "series")
                work.container = Container(kind=kind, name=clean(name), publisher=clean(provider))
            work.number = work.number or clean(number)
        work.volume = work.volume or self.volume
        work.issue = work.issue or self.issue
        work.pages = work.pages or parse_pages(self.pages)
        if work.date is None and self.year is not None:
            work.date = PartialDate(self.year, self.month)


def _structural(line: str, stripped: str) -> bool:
    """An author bullet, an affiliation block or an ``In:`` line: what follows a title."""
    return bool(_BULLET.match(line)) or stripped.startswith("(") or bool(_IN_BOOK.match(stripped))


def _workplaces(text: str) -> list[str]:
    """One affiliation line split where it lists several workplaces (outside parentheses): at ``;``,
    and at HAL's ``, ACRONYM - Name`` ("PSE - Paris School of Economics - ..., PJSE - Paris Jourdan ...")."""
    parts: list[str] = []
    start = depth_at = depth = 0
    for match in _WORKPLACE_SPLIT.finditer(text):
        depth += text.count("(", depth_at, match.start()) - text.count(")", depth_at, match.start())
        depth_at = match.start()
        if depth <= 0:
            parts.append(text[start : match.start()])
            start = match.end()
    parts.append(text[start:])
    return [part for part in parts if part.strip(" ,;")]


def _continues(previous: str, line: str) -> bool:
    """Whether an affiliation line continues the previous one (see the module docstring)."""
    return bool(_OPEN_END.search(previous)) or line[:1].islower() or previous.count("(") > previous.count(")")

