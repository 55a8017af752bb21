"""IDEAS (ideas.repec.org) item pages saved as HTML.

No raw IDEAS page was available when this reader was written: the markup it expects is what code
that parses the live site reports (see ``tests/fixtures/ideas-html/README.md``): ``citation_*``,
``DC.*``, ``handle`` and ``redif-type`` meta tags; ``div#title h1``; ``.authorname`` elements,
linked to RePEc author profiles when the author is registered; ``#abstract-body``;
``#biblio-body`` with the Suggested Citation, ``Handle: <i>RePEc:...</i>`` and ``DOI:``; the
``#download`` form (one ``<input type="radio" name="url">`` per file, then ``File URL:``,
``File Function:``, ``File Format:``, ``Download Restriction:`` lines); JEL links ``/j/G21.html``;
the References (``#refs`` or the pane labelled by ``refs-tab``) and Cited by (``#cites`` or the
pane labelled by ``cites-tab``) lists, whose entries link their title to the work's IDEAS page
and their journal or series to ``/s/<archive>/<series>.html``. Anything else on the page is
ignored, any section may be missing and the page may end anywhere.

Precedence for the page's own work: meta tags win for the fields they carry (title, author names,
date, journal or series name, volume, issue, pages, number, DOI, ISSN, ISBN, publisher, abstract,
keywords, language, handle, kind); the body fills every field the meta tags leave empty, and alone
gives author profiles and affiliations, downloads, JEL labels, references, citing works and other
versions. Body authors are matched to meta authors by position when both lists are equally long.
A year-only meta date takes the month of the Suggested Citation when both give the same year.
The item kind comes from the page URL's letter first, then ``citation_type``/``redif-type``, then
the Suggested Citation. The LibKey link IDEAS adds to pages with a DOI is kept as a file whose
function is the page's LibKey sentence, as the IDEAS text reader keeps it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from lxml import etree

from ..citations import parse_citation
from ..dates import numeric_date
from ..identifiers import (
    edirc_code,
    find_doi,
    handle_key,
    ideas_url,
    jel_code,
    normalize_doi,
    normalize_handle,
    normalize_isbn,
    ras_id,
    url_key,
    url_kind,
    valid_issns,
)
from ..model import Author, Container, File, PartialDate, Pages, Record, Subject, Work
from ..names import person
from ..page import Page
from ..text import clean
from . import register
from ._record import finish
from ._repec import apply_links, edirc_for, name_key, restriction, workplace

# --- detection --------------------------------------------------------------------------------

_HEAD_TAG = re.compile(r"<(?:meta|link)\b[^>]*>", re.IGNORECASE)
_HANDLE_META = re.compile(
    r"""name\s*=\s*["']?handle["'\s>/].*content\s*=\s*["']?\s*RePEc:"""
    r"""|content\s*=\s*["']?\s*RePEc:.*name\s*=\s*["']?handle["'\s>/]""",
    re.IGNORECASE | re.DOTALL,
)
_REDIF_META = re.compile(r"""name\s*=\s*["']?redif-type\b""", re.IGNORECASE)
_CANONICAL = re.compile(r"""(?:rel\s*=\s*["']?canonical|property\s*=\s*["']?og:url)""", re.IGNORECASE)
_IDEAS_HOST = re.compile(r"""(?:href|content)\s*=\s*["']?\s*(?:https?:)?//ideas[.\-]repec[.\-]org""", re.IGNORECASE)
_ECONPAPERS_HOST = re.compile(
    r"""(?:href|content)\s*=\s*["']?\s*(?:https?:)?//econpapers[.\-]repec[.\-]org""", re.IGNORECASE
)
_PRINTED_FROM = re.compile(r"Printed from\s+(https?://ideas[.\-]repec[.\-]org[^\s<>\"']*)", re.IGNORECASE)
_BODY_ID_WORDS = ("biblio-body", "abstract-body", "cites-tab", "refs-tab")
_BODY_IDS = re.compile(r"""\bid\s*=\s*["']?(?:""" + "|".join(_BODY_ID_WORDS) + r""")["'\s>/]""", re.IGNORECASE)
#: The non-ASCII characters that ``re.IGNORECASE`` matches to ASCII letters, as those letters (``str.lower``
#: alone turns "İ" into two characters and keeps "ı" and "ſ").
_ASCII_FOLD = (("\u0130", "i"), ("\u0131", "i"), ("\u017f", "s"), ("\u212a", "k"))
#: How far into the page detection looks for meta and link tags (the head of a real page is small).
_HEAD_LIMIT = 65536

# --- text -------------------------------------------------------------------------------------

_BLOCK = frozenset(
    "p div li ul ol br hr h1 h2 h3 h4 h5 h6 tr td th table dd dt dl section article form blockquote center".split()
)
_SKIP = frozenset("script style select option button noscript textarea template head title".split())
_LISTS = frozenset(("ul", "ol"))

# --- fields -----------------------------------------------------------------------------------

_HANDLE_TEXT = re.compile(r"\bHandle\s*:\s*(RePEc:\S+)", re.IGNORECASE)
_DOI_TEXT = re.compile(r"\bDOI\s*:\s*(\S+)", re.IGNORECASE)
_NOTE_TEXT = re.compile(r"^\s*Note\s*:\s*(.+)$", re.IGNORECASE | re.MULTILINE)
_HANDLE_START = re.compile(r"\bHandle\s*:", re.IGNORECASE)
_NO_ABSTRACT = re.compile(r"^no abstract is available for this item\.?$", re.IGNORECASE)
_BORROWED = re.compile(r"\(\s*this abstract was borrowed from another version of this item\.?\s*\)", re.IGNORECASE)
_KEYWORDS_LINE = re.compile(r"^\s*Keywords\s*(?::\s*(.*))?$", re.IGNORECASE)
_ALL_KEYWORDS = re.compile(r"^all these keywords\.?$", re.IGNORECASE)
_FILE_URL = re.compile(r"^\s*File URL\s*:\s*(\S+)", re.IGNORECASE)
_FILE_FIELD = re.compile(r"^\s*(File Function|File Format|Download Restriction)\s*:\s*(.*)$", re.IGNORECASE)
_LIBKEY_LINE = re.compile(r"^LibKey link\b", re.IGNORECASE)
_JEL_PREFIX = re.compile(r"^\s*[A-Z]\d{0,2}\s*(?:[-–:]\s*)?")
#: Words of ``citation_type`` / ``redif-type`` values, checked in this order ("redif-chapter" before "book").
_KIND_WORDS = ("software", "chapter", "book", "paper", "article")
_OTHER_VERSIONS = re.compile(r"^other versions of this item\b", re.IGNORECASE)
_REFS_HEADING = re.compile(r"^references listed on ideas\b", re.IGNORECASE)
_CITES_HEADING = re.compile(r"^cited by\b", re.IGNORECASE)
_JEL_CODES = re.compile(r"\b[A-Z]\d{0,2}\b")
_ISSN_SEPARATORS = re.compile(r"[,;\s]+")
_HEADING_TAGS = frozenset("b strong h2 h3 h4 h5 h6 p span div".split())


def _tag(node: etree._Element) -> str:
    """The lower-case tag name; "" for comments and processing instructions."""
    return node.tag.lower() if isinstance(node.tag, str) else ""


def _ancestor(node: etree._Element, *tags: str) -> etree._Element | None:
    """The nearest ancestor with one of these tag names."""
    return next((a for a in node.iterancestors() if _tag(a) in tags), None)


def _class_words(element: etree._Element) -> list[str]:
    return (element.get("class") or "").lower().split()


def _text(element: etree._Element, *, skip_lists: bool = False) -> str:
    """The element's text with line breaks where the page breaks lines; forms' controls left out.

    Iterative, so a page of unclosed tags nested thousands deep cannot exhaust the stack.
    """
    parts: list[str] = []
    walker = etree.iterwalk(element, events=("start", "end"))
    for event, node in walker:
        tag = _tag(node)
        if event == "start":
            if tag in _SKIP or (skip_lists and tag in _LISTS and node is not element):
                walker.skip_subtree()  # its "end" event still comes, and adds the tail
                continue
            if tag in _BLOCK:
                parts.append("\n")
            if tag == "input" and (node.get("name") or "").lower() == "url":
                parts.append(f"\n\x00{node.get('value') or ''}\n")
            if node.text and tag:
                parts.append(node.text)
        else:
            if tag in _BLOCK:
                parts.append("\n")
            if node is not element and node.tail:
                parts.append(node.tail)
    return "".join(parts)


def _lines(element: etree._Element, *, skip_lists: bool = False) -> list[str]:
    """Non-empty cleaned lines of the element's text."""
    return [line for line in (clean(raw) for raw in _text(element, skip_lists=skip_lists).split("\n")) if line]


def _one_line(element: etree._Element, *, skip_lists: bool = False) -> str | None:
    return clean(_text(element, skip_lists=skip_lists))


def _links(element: etree._Element, *, skip_lists: bool = False) -> Iterator[etree._Element]:
    """The ``<a href>`` elements inside, optionally not those inside nested lists."""
    walker = etree.iterwalk(element, events=("start",))
    for _, node in walker:
        tag = _tag(node)
        if skip_lists and tag in _LISTS and node is not element:
            walker.skip_subtree()
        elif tag == "a" and node.get("href"):
            yield node


def _split_list(value: str | None) -> list[str]:
    """``a; b; c;`` (IDEAS' own separator) or, when there is no ``;``, ``a, b, c`` (older pages)."""
    if not value:
        return []
    separator = ";" if ";" in value else ","
    return [item for item in (clean(piece) for piece in value.split(separator)) if item]


class _Index:
    """One pass over the tree: ids, meta tags, link tags, author names and JEL links."""

    def __init__(self, root: etree._Element) -> None:
        self.ids: dict[str, etree._Element] = {}
        self.labelled: dict[str, etree._Element] = {}
        self.meta: dict[str, list[str]] = {}
        self.links: dict[str, str] = {}
        self.author_names: list[etree._Element] = []
        self.jel_links: list[etree._Element] = []
        self.radio: etree._Element | None = None
        self.root = root
        for element in root.iter():
            tag = _tag(element)
            if not tag:
                continue
            ident = element.get("id")
            if ident:
                self.ids.setdefault(ident.lower(), element)
            labelled = element.get("aria-labelledby")
            if labelled:
                self.labelled.setdefault(labelled.lower(), element)
            if tag == "meta":
                self._meta(element)
            elif tag == "link":
                rel = (element.get("rel") or "").lower().split()
                if "canonical" in rel and element.get("href"):
                    self.links.setdefault("canonical", element.get("href", "").strip())
            elif tag == "a" and jel_code(element.get("href")) and "/j/" in (element.get("href") or ""):
                self.jel_links.append(element)
            elif tag == "input" and self.radio is None and (element.get("name") or "").lower() == "url":
                self.radio = element
            if "authorname" in _class_words(element):
                self.author_names.append(element)

    def _meta(self, element: etree._Element) -> None:
        name = (element.get("name") or element.get("property") or "").strip().lower()
        content = clean(element.get("content"))
        if name and content:
            self.meta.setdefault(name, []).append(content)

    def first(self, *names: str) -> str | None:
        for name in names:
            values = self.meta.get(name)
            if values:
                return values[0]
        return None

    def element(self, ident: str, tab: str | None = None) -> etree._Element | None:
        """The element with this id, else the tab pane labelled by the tab ``tab``."""
        found = self.ids.get(ident)
        if found is None and tab:
            found = self.labelled.get(tab)
        return found


def _has_body_ids(text: str) -> bool:
    """Whether the page has IDEAS body ids (:data:`_BODY_IDS`). The case-insensitive pattern is slow over a
    whole page (3 ms for a typical publisher page, a quarter of reading it), so the id words are looked for
    first in a lower-cased copy: the pattern cannot match without one of them, and most pages have none."""
    lowered = text
    for char, letter in _ASCII_FOLD:
        lowered = lowered.replace(char, letter)
    lowered = lowered.lower()
    return any(word in lowered for word in _BODY_ID_WORDS) and bool(_BODY_IDS.search(text))


@register
class IdeasHtmlReader:
    """IDEAS item pages as HTML: meta tags and the page body."""

    name = "ideas-html"
    priority = 100
    description = "IDEAS (ideas.repec.org) item pages saved as HTML"

    def matches(self, page: Page) -> bool:
        """HTML with a RePEc ``handle`` or ``redif-type`` meta tag, an IDEAS canonical URL, or IDEAS body ids
        (and no EconPapers canonical URL)."""
        if not page.is_html:
            return False
        found = False
        for tag in _HEAD_TAG.findall(page.text, 0, _HEAD_LIMIT):
            if _CANONICAL.search(tag) and _ECONPAPERS_HOST.search(tag):
                return False  # EconPapers shows the same RePEc records under its own layout
            if _HANDLE_META.search(tag) or _REDIF_META.search(tag):
                found = True
            elif _CANONICAL.search(tag) and _IDEAS_HOST.search(tag):
                found = True
        return found or _has_body_ids(page.text)

    def read(self, page: Page) -> Record:
        """The page's work, with its references, citing works and other versions."""
        index = _Index(page.tree)
        warnings: list[str] = []
        work = Work()
        _read_meta(index, work, page, warnings)
        _read_body(index, work, warnings)
        if work.kind not in ("article", "paper", "chapter", "book", "software"):
            work.kind = "other"
        return finish(work, reader=self.name, source=page.source, warnings=warnings, expected=("title", "authors", "date", "handle"))


# --- meta tags --------------------------------------------------------------------------------


def _meta_kind(index: _Index) -> str | None:
    """``citation_type`` / ``redif-type`` (``article``, ``redif-paper`` ...) or ``dc.Type`` ``techreport``."""
    value = (index.first("citation_type", "redif-type", "dc.type") or "").lower()
    for kind in _KIND_WORDS:
        if kind in value:
            return kind
    return "paper" if "techreport" in value else None


def _read_meta(index: _Index, work: Work, page: Page, warnings: list[str]) -> None:
    """Every field the meta tags and the page URL give."""
    url = index.links.get("canonical") or index.first("og:url") or page.url
    if not url:
        printed = _PRINTED_FROM.search(page.text)
        url = printed.group(1) if printed else None
    work.url = ideas_url(url) or clean(url)
    work.handle = normalize_handle(index.first("handle", "citation_handle"))
    if not work.handle:
        work.handle = normalize_handle(" ".join(index.meta.get("dc.identifier", [])))
    work.repec_key = handle_key(work.handle) or url_key(work.url)
    work.kind = url_kind(work.url) or _meta_kind(index) or "other"
    work.title = index.first("citation_title", "dc.title")
    work.authors = _meta_authors(index)
    work.date = numeric_date(index.first("citation_publication_date", "citation_date", "citation_year", "dc.date", "date"))
    work.abstract = _abstract_text(index.first("citation_abstract", "dc.description"), work)
    work.language = index.first("citation_language", "dc.language")
    work.volume = index.first("citation_volume")
    work.issue = index.first("citation_issue")
    first, last = index.first("citation_firstpage"), index.first("citation_lastpage")
    if first or last:
        both = bool(first and last and first != last)
        raw = f"{first}-{last}" if both else (first or last or "")
        work.pages = Pages(raw=raw, start=first, end=last if both else None)
    work.number = index.first("citation_technical_report_number", "citation_number")
    work.keywords = _split_list(index.first("citation_keywords", "keywords"))
    doi = index.first("citation_doi", "dc.identifier.doi")
    if doi is None:
        doi = next((find_doi(v) for v in index.meta.get("dc.identifier", []) if find_doi(v)), None)
    if doi and normalize_doi(doi):
        work.doi = doi
    elif doi:
        warnings.append(f"doi: {doi!r} in the meta tags is not a DOI")
    codes = " ".join(index.meta.get("jel_code", []))
    work.subjects = [Subject(code=c) for c in dict.fromkeys(_JEL_CODES.findall(codes))]
    _meta_container(index, work, warnings)


def _meta_authors(index: _Index) -> list[Author]:
    names = index.meta.get("citation_author") or []
    if not names:
        names = [n for value in index.meta.get("citation_authors", []) for n in _split_authors_meta(value)]
    if not names:
        names = index.meta.get("dc.creator") or []
    return [person(name) for name in names]


def _split_authors_meta(value: str) -> list[str]:
    """``citation_authors`` holds ``;``-separated names, often with a trailing ``;``."""
    return [name for name in (clean(piece) for piece in value.split(";")) if name]


def _meta_container(index: _Index, work: Work, warnings: list[str]) -> None:
    """Journal, series or (for chapters) book; a book's publisher stays on the book without a series."""
    name = index.first("citation_journal_title", "citation_inbook_title", "citation_book_title", "series")
    publisher = index.first("citation_publisher", "citation_technical_report_institution", "dc.publisher")
    printed = [v for value in index.meta.get("citation_issn", []) for v in _ISSN_SEPARATORS.split(value)]
    issns = valid_issns(printed, warnings, "citation_issn")
    isbns = list(dict.fromkeys(i for i in map(normalize_isbn, index.meta.get("citation_isbn", [])) if i))
    if not (name or issns or isbns) and (work.kind == "book" or not publisher):
        work.publisher = publisher
        return
    kind = {"article": "journal", "chapter": "book"}.get(work.kind, "series")
    work.container = Container(kind=kind, name=name, issn=issns, isbn=isbns, publisher=publisher)


def _abstract_text(value: str | None, work: Work) -> str | None:
    """The abstract without IDEAS' placeholders; the "borrowed" remark becomes a note."""
    if not value:
        return None
    if _BORROWED.search(value):
        note = "This abstract was borrowed from another version of this item."
        if note not in work.notes:
            work.notes.append(note)
        value = _BORROWED.sub("", value)
    value = clean(value)
    return None if not value or _NO_ABSTRACT.match(value) else value


# --- body -------------------------------------------------------------------------------------


def _read_body(index: _Index, work: Work, warnings: list[str]) -> None:
    """Fill what the meta tags left empty, and add what only the body has."""
    title = index.element("title")
    if title is not None and not work.title:
        heading = next(title.iter("h1"), title)
        work.title = _one_line(heading)
    _merge_authors(work, _body_authors(index), warnings)
    abstract = index.element("abstract-body")
    if abstract is not None and not work.abstract:
        text = _one_line(abstract) or ""
        keywords_only = _KEYWORDS_LINE.match(text)
        if keywords_only and keywords_only.group(1):
            # The live-page rendering shows "Keywords: a, b" alone under Abstract: keywords, not an abstract.
            work.keywords = work.keywords or _split_list(keywords_only.group(1))
        else:
            work.abstract = _abstract_text(text, work)
    biblio = index.element("biblio-body")
    if biblio is not None:
        _read_biblio(biblio, work)
    work.files = _files(index)
    _read_subjects(index, work)
    more = index.element("more")
    if more is not None and not work.keywords:
        work.keywords = _body_keywords(more)
    refs = index.element("refs", "refs-tab")
    if refs is None:
        refs = _list_after_heading(index, _REFS_HEADING)
    work.references = _entries(refs, "references", warnings)
    cites = index.element("cites", "cites-tab")
    if cites is None:
        cites = _list_after_heading(index, _CITES_HEADING)
    work.cited_by = _entries(cites, "cited_by", warnings)
    work.versions = _entries(_list_after_heading(index, _OTHER_VERSIONS), "versions", warnings)


def _body_authors(index: _Index) -> list[Author]:
    """Authors from ``.authorname`` elements (or the author list's items), with profiles and affiliations."""
    block = index.element("listed-authors")
    if block is None:
        block = index.element("authorlist")
    names = index.author_names
    if block is not None:  # names elsewhere (a reference list) are not this work's authors
        names = [n for n in names if n is block or block in n.iterancestors()]
    items: list[tuple[etree._Element, etree._Element | None]] = []
    for name_element in names:
        items.append((name_element, _ancestor(name_element, "li")))
    if not items and block is not None:
        items = [(li, li) for li in block.iter("li")]
    authors: list[Author] = []
    in_items: set[etree._Element] = set()
    for name_element, item in items:
        lines = _lines(name_element)
        name = lines[0] if lines else None
        if not name:
            continue
        author = person(name, repec_id=_profile(name_element))
        if item is not None:
            in_items.add(item)
            _affiliations(item, name, author)
        authors.append(author)
    _registered(block, in_items, authors)
    return authors


def _profile(element: etree._Element) -> str | None:
    """The RePEc short-id of the profile link on, around (up to the list item) or inside a name."""
    around: list[etree._Element] = [element]
    for ancestor in element.iterancestors():
        if _tag(ancestor) in ("", "li"):
            break
        around.append(ancestor)
    for candidate in [*around, *element.iterdescendants()]:
        if _tag(candidate) == "a" and ras_id(candidate.get("href")):
            return ras_id(candidate.get("href"))
    return None


def _affiliations(item: etree._Element, name: str, author: Author) -> None:
    """Lines after the name in an author's list item: one workplace each, EDIRC links kept."""
    edirc = {clean(_text(a)) or "": edirc_code(a.get("href")) for a in _links(item) if edirc_code(a.get("href"))}
    lines = _lines(item, skip_lists=True)
    if lines and lines[0] == name:
        lines = lines[1:]
    elif lines and lines[0].startswith(name):
        lines[0] = lines[0][len(name) :]
    for line in lines:
        line = clean(line.strip().removeprefix("(").removesuffix(")")) or ""
        if not line or line.lower().startswith("registered"):
            continue
        found = workplace(line)
        if isinstance(found, str):
            author.notes.append(found)
        elif found is not None:
            found.edirc = edirc_for(found.name, edirc)
            author.affiliations.append(found)


def _registered(block: etree._Element | None, in_items: set[etree._Element], authors: list[Author]) -> None:
    """Profile links of the "Registered:" line give ids to listed authors of the same name."""
    if block is None:
        return
    wanted = {name_key(a.name): a for a in authors if not a.repec_id}
    if not wanted:
        return
    for link in _links(block):
        if any(ancestor in in_items for ancestor in link.iterancestors()):
            continue
        short_id = ras_id(link.get("href"))
        author = wanted.get(name_key(_one_line(link) or "")) if short_id else None
        if author is not None and not author.repec_id:
            author.repec_id = short_id


def _merge_authors(work: Work, body: list[Author], warnings: list[str]) -> None:
    """Meta names win; the body's profiles, affiliations and notes join them by position."""
    if not body:
        return
    if not work.authors:
        work.authors = body
        return
    if len(body) != len(work.authors):
        warnings.append(
            f"authors: the meta tags list {len(work.authors)} and the page body {len(body)}; "
            "profiles and affiliations of the body were not attached"
        )
        return
    for meta, listed in zip(work.authors, body):
        meta.repec_id = meta.repec_id or listed.repec_id
        meta.affiliations = meta.affiliations or listed.affiliations
        meta.notes = meta.notes or listed.notes


def _read_biblio(biblio: etree._Element, work: Work) -> None:
    """Suggested Citation, handle, DOI and notes of ``#biblio-body``."""
    text = _text(biblio)
    if not work.handle:
        found = _HANDLE_TEXT.search(text)
        work.handle = normalize_handle(found.group(1)) if found else None
        work.repec_key = work.repec_key or handle_key(work.handle)
    if not work.doi:
        found = _DOI_TEXT.search(text)
        if found and normalize_doi(found.group(1)):
            work.doi = found.group(1).rstrip(".,;")
    for note in _NOTE_TEXT.findall(text):
        note = clean(note)
        if note and note not in work.notes:
            work.notes.append(note)
    item = next(biblio.iter("li"), biblio)
    citation_text = _text(item)
    handle_at = _HANDLE_START.search(citation_text)
    citation_text = clean(citation_text[: handle_at.start()] if handle_at else citation_text)
    if citation_text:
        cited = parse_citation(citation_text)
        _set_keys(cited, item)
        _fill_from_citation(work, cited)


def _fill_from_citation(work: Work, cited: Work) -> None:
    """Fields of the Suggested Citation that the meta tags did not give."""
    work.citation = cited.citation
    work.title = work.title or cited.title
    work.authors = work.authors or cited.authors
    if work.date is None:
        work.date = cited.date
    elif cited.date and cited.date.month and work.date.month is None and cited.date.year == work.date.year:
        work.date = PartialDate(work.date.year, cited.date.month)
    if work.kind == "other" and cited.kind != "other":
        work.kind = cited.kind
    work.volume = work.volume or cited.volume
    work.issue = work.issue or cited.issue
    work.pages = work.pages or cited.pages
    work.number = work.number or cited.number
    work.edition = work.edition or cited.edition
    work.publisher = work.publisher or cited.publisher
    work.doi = work.doi or cited.doi
    for note in cited.notes:
        if note not in work.notes:
            work.notes.append(note)
    if cited.container is None:
        return
    if work.container is None:
        work.container = cited.container
        return
    container = work.container
    if container.name is None:
        container.kind = cited.container.kind
    container.name = container.name or cited.container.name
    container.publisher = container.publisher or cited.container.publisher
    container.handle = container.handle or cited.container.handle
    container.editors = container.editors or cited.container.editors
    container.isbn = container.isbn or cited.container.isbn
    container.series = container.series or cited.container.series


def _set_keys(work: Work, entry: etree._Element, *, skip_lists: bool = False) -> None:
    """An entry's IDEAS links: the title's item page and the journal's or series' page."""
    apply_links(work, ((_one_line(link) or "", link.get("href") or "") for link in _links(entry, skip_lists=skip_lists)))


# --- downloads --------------------------------------------------------------------------------


def _files(index: _Index) -> list[File]:
    """One File per radio input of the download form or per ``File URL:`` line without one."""
    block = index.element("download", "download-tab")
    if block is None and index.radio is not None:
        block = _ancestor(index.radio, "form")
    if block is None:
        return []
    files: list[File] = []
    current: File | None = None
    from_radio = False
    for raw in _text(block).split("\n"):
        if raw.startswith("\x00"):
            url = clean(raw[1:])
            current, from_radio = (File(url=url), True) if url else (None, False)
            if current:
                files.append(current)
            continue
        line = clean(raw)
        if not line:
            continue
        url_line = _FILE_URL.match(line)
        if url_line:
            if current is not None and from_radio:
                from_radio = False
                continue
            current = File(url=url_line.group(1))
            files.append(current)
            continue
        if _LIBKEY_LINE.match(line) and current is not None:
            current.function = line  # as the IDEAS text reader does: the link resolver says what it is
            continue
        field = _FILE_FIELD.match(line)
        if field and current is not None:
            label, value = field.group(1).lower(), clean(field.group(2))
            if label == "file function":
                current.function = value
            elif label == "file format":
                current.format = value
            else:
                current.restriction, current.restricted = restriction(value)
    return files


# --- subjects and keywords ----------------------------------------------------------------------


def _read_subjects(index: _Index, work: Work) -> None:
    """JEL links with the label the page shows beside them; meta codes first, body codes after."""
    more = index.element("more")
    links = index.jel_links if more is None else [a for a in index.jel_links if more in a.iterancestors()]
    by_code = {s.code: s for s in work.subjects}
    for link in links:
        code = jel_code(link.get("href")) or ""
        holder = _ancestor(link, "li", "p", "div", "td")
        shown = _lines(holder if holder is not None else link)
        line = next((text for text in shown if _starts_with_code(text, code)), "")
        label = clean(_JEL_PREFIX.sub("", line, count=1))
        subject = by_code.get(code)
        if subject is None:
            subject = Subject(code=code)
            by_code[code] = subject
            work.subjects.append(subject)
        subject.label = subject.label or label


def _starts_with_code(text: str, code: str) -> bool:
    """``G21 - Banks`` starts with ``G21`` but not with ``G2``."""
    return text.startswith(code) and not text[len(code) : len(code) + 1].isdigit()


def _body_keywords(more: etree._Element) -> list[str]:
    """``Keywords`` heading (or ``Keywords:``) in "More about this item", then ``a; b; c;``."""
    lines = _lines(more)
    for i, line in enumerate(lines):
        match = _KEYWORDS_LINE.match(line)
        if not match:
            continue
        value = match.group(1) or (lines[i + 1] if i + 1 < len(lines) else "")
        return [k for k in _split_list(value) if not _ALL_KEYWORDS.match(k)]
    return []


# --- references, citing works, other versions ---------------------------------------------------


def _list_after_heading(index: _Index, heading: re.Pattern[str]) -> etree._Element | None:
    """The list that follows a heading such as "Cited by:" (when the page has no section ids)."""
    for element in index.root.iter(*_HEADING_TAGS):
        own = clean(element.text) or ""
        if not heading.match(own):
            continue
        parent = element.getparent()
        for candidate in (element.getnext(), parent.getnext() if parent is not None else None):
            if candidate is not None and _tag(candidate) in _LISTS:
                return candidate
    return None


def _entries(block: etree._Element | None, field: str, warnings: list[str]) -> list[Work]:
    """Each outermost list item of the block as a Work; items nested in it are its other versions.

    An entry with neither a title nor an IDEAS link (the last one of a page cut short) is
    skipped with a warning rather than turned into a work known only by its authors and year.
    """
    if block is None:
        return []
    works: list[Work] = []
    for item in _outer_items(block):
        work = _entry(item, field, warnings)
        if work is None:
            continue
        for nested in _outer_items(item):
            version = _entry(nested, field, warnings)
            if version is not None:
                work.versions.append(version)
        works.append(work)
    return works


def _outer_items(block: etree._Element) -> Iterable[etree._Element]:
    """List items under ``block`` not nested in another such item (in document order)."""
    walker = etree.iterwalk(block, events=("start",))
    for _, node in walker:
        if node is block:
            continue
        tag = _tag(node)
        if tag in _SKIP:
            walker.skip_subtree()
        elif tag == "li":
            yield node
            walker.skip_subtree()


def _entry(item: etree._Element, field: str, warnings: list[str]) -> Work | None:
    """One reference or citing work: its citation string parsed, then the keys its links give."""
    text = _one_line(item, skip_lists=True)
    if not text:
        return None
    work = parse_citation(text)
    _set_keys(work, item, skip_lists=True)
    if not (work.title or work.repec_key):
        warnings.append(f"{field}: entry without a title or an IDEAS link skipped: {text!r}")
        return None
    return work
