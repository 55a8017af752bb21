"""Highwire Press ``citation_*`` meta tags (the Google Scholar inclusion tags).

Authors come in document order; each ``citation_author_institution``, ``_email`` and ``_orcid``
belongs to the nearest preceding ``citation_author`` (pages write ``A I I e``, ``A e I``, ``A I I I I o``),
so tags are paired by position, never by index. Old pages give one ``citation_authors`` list
instead (``Wei, Xin ; Wang, Linhai``). ``citation_reference`` comes in three styles, all read:
key=value pairs with repeated ``citation_author`` keys (IOP, PLOS), key=value pairs with all
authors comma-joined in one key (Springer Nature), and free text (bioRxiv), which goes through
:func:`rdfbib.citations.parse_citation`.
"""

from __future__ import annotations

import re

from ..citations import parse_citation, split_authors
from ..dates import parse_date
from ..identifiers import normalize_doi, normalize_isbn, normalize_issn, normalize_orcid, valid_issns
from ..model import Affiliation, Author, Container, File, Work
from ..names import person
from ..text import clean
from ._meta import Found, MetaTags, pages, unique

_INSTITUTION_TAGS = frozenset(("citation_author_institution", "citation_author_affiliation"))
_DATE_TAGS = ("citation_publication_date", "citation_date", "citation_cover_date", "citation_year")
_KEY = re.compile(r"(?:^|;)\s*(citation_[a-z_]+)\s*=", re.IGNORECASE)
_KEYWORD_SPLIT = re.compile(r"\s*;\s*")
_COMMA = re.compile(r"\s*,\s*")
_EMAIL_PREFIX = re.compile(r"^mailto:", re.IGNORECASE)
#: Nature's reference style (bioRxiv, Nature): ``Wu, F. et al. Title. Journal 579, 265–269 (2020).``
#: The author part ends at ``et al.`` or at an initial not followed by another "Surname, I." or ``&``.
_NATURE_STYLE = re.compile(
    r"^(?P<authors>.+?(?:\bet al\.|[A-Z]\.))\s+(?![A-Z][\w'-]*,\s[A-Z]\.)(?!&)(?P<title>[A-Z0-9\"“'].*?)(?:\.|(?<=[?!]))\s+"
    r"(?P<journal>[A-Z][^\d()]*?)\s+(?P<volume>\d+[A-Za-z]?),\s*(?P<pages>[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?)"
    r"\s*\((?P<year>\d{4})\)\.?$"
)
#: Physics and chemistry references print no title: ``A. B. Name, and C. Other, Phys. Rev. Lett. 77, 3865 (1996).``
_JOURNAL_WORDS = r"[A-Z][\w'’-]*\.?(?:\s+(?:[A-Z][\w'’-]*\.?|of|and|&|de|der|für|la|le|des))*"
_PHYSICS_STYLE = re.compile(
    rf"^(?P<authors>.*[a-z\u00c0-\u024f'’])\s*,\s+(?P<journal>{_JOURNAL_WORDS})\s+(?P<volume>[A-Z]?\d+[A-Za-z]?)\s*,\s*"
    r"(?P<pages>[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?)\s*\((?P<year>(?:1[6-9]|20)\d\d)\)\.?$"
)
#: ... and in the author-year form without dots: ``Perdew JP, Burke K (1996) Phys Rev Lett 77:3865–3868``.
_AUTHOR_YEAR_STYLE = re.compile(
    rf"^(?P<authors>[^()]+?)\s+\((?P<year>(?:1[6-9]|20)\d\d)[a-z]?\)\s+(?P<journal>{_JOURNAL_WORDS})\s+"
    r"(?P<volume>\d+[A-Za-z]?)(?:\s*\((?P<issue>[^)]+)\))?\s*:\s*(?P<pages>[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?)\.?$"
)
_UNTITLED_MAX = 600
#: Reference keys that say nothing about the cited work (an id, a running number, PLOS' volume copy).
_REFERENCE_NOISE = frozenset(("citation_id", "citation_number", "citation_pmid", "citation_key", "citation_label"))


def read(meta: MetaTags) -> Found:
    """The page's work as its ``citation_*`` tags state it."""
    found = Found()
    work = found.work
    work.title = meta.first("citation_title")
    work.authors = _authors(meta, found.warnings)
    date = meta.first_with(*_DATE_TAGS)
    if date:
        found.date_tag, work.date = date[0], parse_date(date[1])
        if work.date is None:
            found.warnings.append(f"{date[0]} {date[1]!r} is not a date")
    online = meta.first("citation_online_date")
    if online:
        found.online, found.online_tag = parse_date(online), "citation_online_date"
    _container(meta, found)
    work.volume = meta.first("citation_volume")
    work.issue = meta.first("citation_issue")
    work.pages = pages(
        meta.first("citation_firstpage", "citation_first_page"), meta.first("citation_lastpage", "citation_last_page"), meta.first("citation_pages")
    )
    doi = meta.first("citation_doi")
    if doi:
        work.doi = normalize_doi(doi)
        if work.doi is None:
            found.warnings.append(f"citation_doi {doi!r} is not a DOI (a site's own id, e.g. Project Euclid's): ignored")
    work.abstract = meta.first("citation_abstract")
    work.keywords = _keywords(meta.all("citation_keywords", limit=None))
    work.language = meta.first("citation_language")
    work.files = [File(url=url, format="application/pdf") for url in unique(meta.all("citation_pdf_url"))]
    work.references = references(meta.all("citation_reference"), found.warnings)
    return found


def _keywords(values: list[str]) -> list[str]:
    """``a; b`` lists, one tag per keyword, or a single tag listing them with commas."""
    separator = _KEYWORD_SPLIT if len(values) > 1 or any(";" in v for v in values) else _COMMA
    return unique([clean(k) for value in values for k in separator.split(value)])


def _container(meta: MetaTags, found: Found) -> None:
    """Kind and container from the tag family present: journal, conference or book, report, thesis, e-print.

    A conference paper is a chapter of its proceedings (a book, with the ISBN); a technical report is
    a numbered paper published by its institution; a dissertation is a thesis with its institution as
    publisher; an arXiv id alone makes a paper numbered
    ``arXiv:<id>`` in the series "arXiv"; an ISSN alone still means a journal; an ISBN alone is a
    book's own page.
    """
    work = found.work
    issn = valid_issns(meta.all("citation_issn", "citation_eissn"), found.warnings, "citation_issn")
    isbn = unique([normalize_isbn(v) for v in meta.all("citation_isbn")])
    publisher = meta.first("citation_publisher")
    journal = meta.first("citation_journal_title", "citation_journal_abbrev")
    book = meta.first("citation_conference_title", "citation_inbook_title", "citation_book_title", "citation_conference")
    report = meta.first("citation_technical_report_institution")
    number = meta.first("citation_technical_report_number")
    thesis = meta.first("citation_dissertation_institution", "citation_dissertation_name")
    arxiv = meta.first("citation_arxiv_id")
    if journal:
        found.kind = "article"
        work.container = Container(kind="journal", name=journal, issn=issn, publisher=publisher)
    elif book:
        found.kind = "chapter"
        work.container = Container(kind="book", name=book, isbn=isbn, publisher=publisher)
    elif report or number:
        found.kind = "paper"
        work.number = number
        work.publisher = report or publisher
    elif thesis:
        found.kind = "thesis"
        work.publisher = thesis
    elif arxiv:
        found.kind = "paper"
        work.number = f"arXiv:{arxiv}"
        work.container = Container(kind="series", name="arXiv")
    elif issn:
        found.kind = "article"
        work.container = Container(kind="journal", issn=issn, publisher=publisher)
    else:
        work.publisher = publisher
    if isbn and found.kind is None:
        # A book's own page: the ISBN is the work's, and the model keeps ISBNs only on containers.
        found.kind = "book"
        work.notes.extend(f"ISBN {i}" for i in isbn)


def _authors(meta: MetaTags, warnings: list[str]) -> list[Author]:
    """``citation_author`` with the tags that follow it, or else the ``citation_authors`` list."""
    authors: list[Author] = []
    orphans = 0
    for key, raw in meta.pairs:
        if not key.startswith("citation_author"):
            continue
        value = clean(raw)
        if not value:
            continue
        if key == "citation_author":
            authors.append(person(value))
            continue
        if not authors:
            orphans += key in _INSTITUTION_TAGS
            continue
        author = authors[-1]
        if key in _INSTITUTION_TAGS:
            author.affiliations.append(Affiliation(name=value))
        elif key == "citation_author_email":
            author.email = _EMAIL_PREFIX.sub("", value)
        elif key == "citation_author_orcid":
            author.orcid = normalize_orcid(value)
    if orphans:
        warnings.append(f"{orphans} citation_author_institution tags come before any citation_author: not attributed")
    if not authors:
        for value in meta.all("citation_authors", limit=None):
            authors.extend(split_authors(value))
    return authors


def references(values: list[str], warnings: list[str]) -> list[Work]:
    """Cited works of ``citation_reference`` tags in page order; placeholders with no field are left out."""
    works: list[Work] = []
    empty = 0
    for value in values:
        work = reference(value)
        if work is None:
            empty += 1
        else:
            works.append(work)
    if empty:
        warnings.append(f"{empty} citation_reference tags name no cited work (only a number or nothing): left out")
    return works


def reference(text: str) -> Work | None:
    """One ``citation_reference``: key=value pairs (either author style) or a free-text citation.

    >>> w = reference("citation_journal_title=F1000Res.; citation_author=MC Thompson, TO Yeates; citation_volume=9; "
    ...               "citation_publication_date=2020; citation_pages=667; citation_doi=10.12688/f1000research.25097.1")
    >>> ([a.name for a in w.authors], w.container.name, w.volume, w.pages.start, w.date.iso(), w.doi)
    (['MC Thompson', 'TO Yeates'], 'F1000Res.', '9', '667', '2020', '10.12688/f1000research.25097.1')
    """
    keys = list(_KEY.finditer(text))
    if not keys or text[: keys[0].start()].strip(" ;\n\t"):
        return _free_text(text)
    fields: dict[str, list[str]] = {}
    for n, match in enumerate(keys):
        end = keys[n + 1].start() if n + 1 < len(keys) else len(text)
        value = clean(text[match.end() : end].strip().rstrip(";"))
        if value:
            fields.setdefault(match.group(1).lower(), []).append(value)
    if not set(fields) - _REFERENCE_NOISE:
        return None
    return _reference_work(fields)


def _free_text(text: str) -> Work | None:
    """A printed reference: the untitled physics and author-year styles and Nature's style read here,
    any other form by :func:`parse_citation`.

    >>> w = _free_text("J. P. Perdew, K. Burke, and M. Ernzerhof, Phys. Rev. Lett. 77, 3865 (1996).")
    >>> ([a.name for a in w.authors], w.title, w.container.name, w.volume, w.pages.start, w.date.iso())
    (['J. P. Perdew', 'K. Burke', 'M. Ernzerhof'], None, 'Phys. Rev. Lett.', '77', '3865', '1996')

    >>> w = _free_text("Zhou, P., Yang, X.-L. & Shi, Z.-L. A pneumonia outbreak. Nature 579, 270–273 (2020).")
    >>> ([a.name for a in w.authors], w.title, w.container.name, w.volume, w.pages.raw, w.date.iso())
    (['Zhou, P.', 'Yang, X.-L.', 'Shi, Z.-L.'], 'A pneumonia outbreak', 'Nature', '579', '270–273', '2020')
    """
    cleaned = clean(text)
    if not cleaned:
        return None
    # Both patterns backtrack over the author list: only tried on strings of a reference's length.
    untitled = (_PHYSICS_STYLE.match(cleaned) or _AUTHOR_YEAR_STYLE.match(cleaned)) if len(cleaned) <= _UNTITLED_MAX else None
    if untitled:
        return Work(
            kind="article",
            authors=split_authors(untitled.group("authors")),
            container=Container(kind="journal", name=clean(untitled.group("journal"))),
            volume=untitled.group("volume"),
            issue=untitled.groupdict().get("issue"),
            pages=pages(None, None, untitled.group("pages")),
            date=parse_date(untitled.group("year")),
            citation=cleaned,
        )
    match = _NATURE_STYLE.match(cleaned)
    if not match:
        return parse_citation(cleaned)
    return Work(
        kind="article",
        title=match.group("title"),
        authors=split_authors(match.group("authors")),
        container=Container(kind="journal", name=match.group("journal")),
        volume=match.group("volume"),
        pages=pages(None, None, match.group("pages")),
        date=parse_date(match.group("year")),
        citation=cleaned,
    )


def _reference_work(fields: dict[str, list[str]]) -> Work:
    def one(*keys: str) -> str | None:
        return next((fields[k][0] for k in keys if k in fields), None)

    work = Work(title=one("citation_title"))
    for value in fields.get("citation_author", ()):
        work.authors.extend(split_authors(value) if "," in value else [person(value)])
    journal = one("citation_journal_title", "citation_journal_abbrev")
    book = one("citation_inbook_title", "citation_book_title", "citation_conference_title")
    publisher = one("citation_publisher")
    if journal:
        work.kind = "article"
        work.container = Container(kind="journal", name=journal, issn=unique([normalize_issn(v) for v in fields.get("citation_issn", ())]))
    elif book:
        work.kind = "chapter"
        work.container = Container(kind="book", name=book, isbn=unique([normalize_isbn(v) for v in fields.get("citation_isbn", ())]), publisher=publisher)
    elif publisher or "citation_isbn" in fields:
        work.kind = "book"
    work.publisher = publisher if work.kind != "chapter" else None
    work.volume = one("citation_volume")
    work.issue = one("citation_issue")
    work.pages = pages(one("citation_firstpage", "citation_first_page"), one("citation_lastpage", "citation_last_page"), one("citation_pages"))
    work.date = parse_date(one("citation_publication_date", "citation_date", "citation_year"))
    work.doi = normalize_doi(one("citation_doi"))
    return work
