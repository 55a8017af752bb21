"""IDEAS and EconPapers item pages saved as Markdown (browser clippers, reader tools, note apps).

A Markdown rendering is the page's text with its links kept: ``[Title](/a/eee/bracre/v56y2024i3.html)``.
This reader turns the Markdown into the plain lines the text readers know (link syntax, emphasis,
escapes, headings and list markers removed; list items become the ``•`` bullets and numbered items
of a printed page), reads them with the IDEAS text reader or the EconPapers text reader, and then
adds what only the links carry, as the IDEAS HTML reader does:

- references, citing works and other versions: each entry's links give its RePEc key, IDEAS address
  and kind (title link) and its series key (``/s/<archive>/<series>.html``), matched to the entry by
  order within its section and by its title;
- authors: RePEc Author Service short-ids from profile links (``/e/``, ``/f/``, ``authors.repec.org``),
  on the author's line or in the "Registered" list (matched by name); EDIRC codes of the links in an
  author's affiliation lines;
- the page's own address: the "Printed from" line, else YAML front matter (``source:``, ``url:``),
  else a clipper's ``URL:`` header.

Everything before the "Printed from" line (IDEAS) or the first level-one heading (EconPapers) is the
site's navigation and is left out, so menu links never become authors or titles.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..identifiers import edirc_code, ras_id
from ..iris import fold
from ..model import Author, Record, Work
from ..page import Page
from . import econpapers, get, ideas_text, register
from ._repec import apply_links, edirc_for, name_key

# --- detection ---------------------------------------------------------------------------------

_HEAD = 16384
_MARKDOWN = re.compile(r"\]\((?:https?://|/)|^#{1,3} \S|^\s*[*+-] \[", re.MULTILINE)
_REPEC = re.compile(r"ideas\.repec\.org|econpapers\.repec\.org|^\s*Printed from\b|\bRePEc:[a-z0-9]{3}:", re.IGNORECASE | re.MULTILINE)
_ECONPAPERS = re.compile(r"econpapers\.repec\.org|\bEconPapers\b", re.IGNORECASE)
_IDEAS = re.compile(r"ideas\.repec\.org|^\s*Printed from\b|\bIDEAS\b", re.IGNORECASE | re.MULTILINE)

# --- preambles: YAML front matter, a clipper's header ----------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.DOTALL)
_FRONT_URL = re.compile(r"^(?:source|url|original_url|link|canonical)\s*:\s*[\"']?(https?://\S+?)[\"']?\s*$", re.IGNORECASE | re.MULTILINE)
_CLIPPER_HEADER = re.compile(r"\A(?:(?:URL|Title|Type|Length|Source)\s*:.*\n)+\s*-{2,}\s*Content\s*-{2,}\s*\n", re.IGNORECASE)
_CLIPPER_URL = re.compile(r"^(?:URL|Source)\s*:\s*(https?://\S+)", re.IGNORECASE | re.MULTILINE)

# --- inline and block syntax ----------------------------------------------------------------------

_LINK = re.compile(r"(!?)\[((?:\\.|[^\]\\])*)\]\(\s*(<[^>]*>|[^)\s]*)(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_BOLD_BEFORE_PUNCT = re.compile(r"(\*\*|__)\s+([,:;.])")  # "**Title** ," and "**LibKey link** :"
_STARS = re.compile(r"\*{2,3}|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_UNDERSCORES = re.compile(r"(?<![\w\\])_+(?=\S)|(?<=\S)_+(?![\w])|^_+$")
_ADDRESS = re.compile(r"(https?://[^\s)\]>]+)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~])")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_LEVEL_ONE = re.compile(r"^\s{0,3}#\s+\S")
_BULLET = re.compile(r"^(\s*)[*+-]\s+(.*)$")
_NUMBERED = re.compile(r"^(\s*)(\d{1,6})[.)]\s+(.*)$")
_RULE = re.compile(r"^\s*([*_-])(?:\s*\1){2,}\s*$")
_QUOTE = re.compile(r"^\s*>\s?")
_SPACED_CLOSE = re.compile(r"\s+,([\"”])")
_EXPORT_LINE = re.compile(r"^\s*as\s+HTML\b.*\bBibTeX\b", re.IGNORECASE)  # IDEAS' "as HTML HTML with abstract ... JSON"
_PRINTED_FROM = re.compile(r"^\s*(?:IDEAS home\s+)?Printed from\b", re.IGNORECASE)


@dataclass(slots=True)
class _Line:
    """A Markdown line as plain text, the links it holds (text, address) and whether it starts a list item."""

    text: str
    links: list[tuple[str, str]] = field(default_factory=list)
    item: bool = False


def _inline(raw: str) -> tuple[str, list[tuple[str, str]]]:
    """One line's text without link syntax, emphasis and escapes, and its links in order."""
    links: list[tuple[str, str]] = []

    def link(match: re.Match[str]) -> str:
        if match.group(1):  # an image: its alt text is no part of the page's text
            return ""
        text = _plain(match.group(2))
        links.append((text, match.group(3).strip("<>")))
        return match.group(2)

    raw = _BOLD_BEFORE_PUNCT.sub(r"\1\2", raw)
    raw = _LINK.sub(link, raw)
    raw = _AUTOLINK.sub(lambda m: (links.append((m.group(1), m.group(1))), m.group(1))[1], raw)
    return _SPACED_CLOSE.sub(r",\1", _plain(raw)), links


def _plain(text: str) -> str:
    """Emphasis marks and escapes removed, except inside addresses (``utm_source``, ``a*b``)."""
    parts = _ADDRESS.split(text)
    for n in range(0, len(parts), 2):
        parts[n] = _ESCAPE.sub(r"\1", _UNDERSCORES.sub("", _STARS.sub("", parts[n])))
    return "".join(parts)


def _lines(text: str) -> Iterator[_Line]:
    """The Markdown's lines as a printed page would show them."""
    for raw in text.splitlines():
        raw = _QUOTE.sub("", raw)
        if _RULE.match(raw):
            yield _Line("")
            continue
        heading = _HEADING.match(raw)
        if heading:
            text, links = _inline(heading.group(1))
            yield _Line(text.strip(), links)
            continue
        bullet, numbered = _BULLET.match(raw), _NUMBERED.match(raw)
        if numbered:
            text, links = _inline(numbered.group(3))
            yield _Line(f"{numbered.group(1)}  {numbered.group(2)}. {text.strip()}", links, item=True)
        elif bullet:
            text, links = _inline(bullet.group(2))
            yield _Line(f"{bullet.group(1)}  • {text.strip()}", links, item=True)
        else:
            text, links = _inline(raw)
            yield _Line("as" if _EXPORT_LINE.match(text) else text.rstrip(), links)


@dataclass(slots=True)
class _Document:
    """A Markdown page as plain lines, from its content's start, and the page address its preamble gives."""

    lines: list[_Line]
    url: str | None
    econpapers: bool


def _document(text: str) -> _Document:
    url = None
    front = _FRONT_MATTER.match(text)
    if front:
        found = _FRONT_URL.search(front.group(1))
        url = found.group(1) if found else None
        text = text[front.end() :]
    header = _CLIPPER_HEADER.match(text)
    if header:
        found = _CLIPPER_URL.search(header.group(0))
        url = url or (found.group(1) if found else None)
        text = text[header.end() :]
    econpapers_page = bool(_ECONPAPERS.search(url or "") or (_ECONPAPERS.search(text[:_HEAD]) and not _IDEAS.search(text[:_HEAD])))
    raw_lines = text.splitlines()
    start = next((i for i, line in enumerate(raw_lines) if _PRINTED_FROM.match(_inline(line)[0])), None)
    if start is None or econpapers_page:
        start = next((i for i, line in enumerate(raw_lines) if _LEVEL_ONE.match(line)), 0)
    lines = list(_lines("\n".join(raw_lines[start:])))
    site = "https://econpapers.repec.org" if econpapers_page else "https://ideas.repec.org"
    for line in lines:  # site-relative links as absolute addresses, so the identifier rules read them
        line.links = [(text, site + href if href.startswith("/") and not href.startswith("//") else href) for text, href in line.links]
    return _Document(lines, url, econpapers_page)


# --- the reader ------------------------------------------------------------------------------------


@register
class RepecMarkdownReader:
    """IDEAS and EconPapers pages as Markdown: the text readers' rules, plus what the links carry."""

    name = "repec-markdown"
    priority = 95
    description = "IDEAS and EconPapers (RePEc) item pages saved as Markdown, with the keys their links carry"

    def matches(self, page: Page) -> bool:
        """Text with Markdown links or headings and IDEAS or EconPapers marks near the top."""
        if page.is_html:
            return False
        head = page.text[:_HEAD]
        return bool(_REPEC.search(head)) and len(_MARKDOWN.findall(head)) >= 2

    def read(self, page: Page) -> Record:
        """The page's work, read as the matching text reader reads it, with keys and ids from the links.

        :raises ReaderError: no title, RePEc handle or DOI (see :mod:`._record`).
        """
        document = _document(page.text)
        plain = Page("\n".join(line.text for line in document.lines), source=page.source, url=document.url or page.url)
        if document.econpapers:
            record = get(econpapers.EconPapersTextReader.name).read(plain)
            _econpapers_links(record.work, document.lines)
        else:
            record = get(ideas_text.IdeasTextReader.name).read(plain)
            _ideas_links(record.work, document.lines)
        record.reader = self.name
        return record


# --- adding what the links carry ---------------------------------------------------------------------


def _ideas_links(work: Work, lines: list[_Line]) -> None:
    """Keys and ids from the links of each IDEAS section (sections found as the IDEAS text reader finds them)."""
    sections: dict[str, list[_Line]] = {}
    current = "top"
    for line in lines:
        name = ideas_text.section(line.text) if line.text else None
        if name == "listed":
            continue  # "Listed:" goes on with the Author (or Editor) section
        if name is not None:
            current = name
            continue
        sections.setdefault(current, []).append(line)
    _authors(work.authors, sections.get("authors", []), sections.get("registered", []))
    for name, works in (("references", work.references), ("cited_by", work.cited_by), ("versions", work.versions)):
        _entries(works, sections.get(name, []))
    citation = [link for line in sections.get("citation", []) for link in line.links]
    own = Work(kind=work.kind, container=work.container)
    apply_links(own, citation)
    work.repec_key = work.repec_key or own.repec_key


def _econpapers_links(work: Work, lines: list[_Line]) -> None:
    """Author profiles from the lines above the first label, entry keys from References, Citations and Related works."""
    sections: dict[str, list[_Line]] = {}
    current = "top"
    for line in lines:
        current = econpapers.label(line.text) or current
        sections.setdefault(current, []).append(line)
    _authors(work.authors, sections.get("top", []), [])
    for name, works in (("references", work.references), ("citations", work.cited_by), ("related works", work.versions)):
        _entries(works, [_Line(line.text, line.links, item=True) for line in sections.get(name, []) if line.links])  # one entry a line


def _authors(authors: list[Author], listed: list[_Line], registered: list[_Line]) -> None:
    """Profile ids on the authors' lines (or in the Registered list, by name) and EDIRC codes in their blocks."""
    by_name = {name_key(a.name): a for a in authors}
    current: Author | None = None
    codes: dict[int, dict[str, str]] = {}
    for line in listed:
        for text, href in line.links:
            author = by_name.get(name_key(text))
            if author is not None and ras_id(href):
                author.repec_id = author.repec_id or ras_id(href)
                current = author
            elif current is not None and edirc_code(href):
                codes.setdefault(id(current), {})[text] = edirc_code(href) or ""
    for author in authors:
        for affiliation in author.affiliations:
            affiliation.edirc = affiliation.edirc or edirc_for(affiliation.name, codes.get(id(author), {}))
    for text, href in (link for line in registered for link in line.links):
        author = by_name.get(name_key(text))
        if author is not None and not author.repec_id and ras_id(href):
            author.repec_id = ras_id(href)


def _entries(works: list[Work], lines: list[_Line]) -> None:
    """Each work's links: the next list entry (in page order) whose text holds the work's title."""
    items: list[list[_Line]] = []
    for line in lines:
        if line.item or not items:
            items.append([line])
        else:
            items[-1].append(line)
    at = 0
    for work in works:
        wanted = fold(work.title or work.citation or "")
        for n in range(at, len(items)):
            text = fold(" ".join(line.text for line in items[n]))
            if wanted and wanted in text:
                apply_links(work, [link for line in items[n] for link in line.links])
                at = n + 1
                break
