"""Dublin Core (``dc.*`` in every casing, ``dcterms.*``, OJS' qualified names) and PRISM meta tags.

Dublin Core is loose: ``dc.identifier`` may be a DOI (with or without ``doi:``), a URL, a site's
internal number (OJS) or a whole citation (Taylor & Francis: ``Molecular Physics, Vol. 111, No.
9-11, July 2013, pp. 1092–1099``), so every identifier is validated and only a DOI is kept as one;
the citation form gives volume, issue, pages and the issue date. Atypon's ``dc.Date`` is the
online date ("24 Apr 2013", "May 24, 2019"). ``dc.source`` is a journal name only when it is
neither a URL nor a printed citation ("Molecules 2014, Vol. 19, Pages 5150-5162"); a printed citation,
in ``dc.identifier`` or ``dc.source``, gives the journal name, volume, issue and pages.
PRISM gives the journal, ISSN, volume, issue (``prism.number``), pages, DOI and date.
"""

from __future__ import annotations

import re

from ..dates import parse_date
from ..identifiers import normalize_doi, valid_issns
from ..model import Container
from ..names import person
from ..text import clean
from ._meta import Found, MetaTags, pages, unique

_CREATORS = ("dc.creator", "dcterms.creator", "dc.creator.personalname", "dc.creator.corporatename")
_CONTRIBUTORS = ("dc.contributor", "dcterms.contributor", "dc.contributor.author")
_DATES = ("dc.date.issued", "dcterms.issued", "dc.issued", "dc.date", "dcterms.date", "dc.date.created", "dcterms.created")
_IDENTIFIERS = ("dc.identifier.doi", "dc.identifier", "dcterms.identifier")
_SUBJECT_SPLIT = re.compile(r"\s*;\s*")
_URL = re.compile(r"^[a-z][a-z0-9+.\-]*://", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_PRINTED_CITATION = re.compile(
    r"^(?P<journal>[^,;()]+?)(?:\s+\d{4})?\s*,?\s+Vol(?:ume)?\.?\s*(?P<volume>[^,\s()]+)"
    r"(?:\s*,?\s*(?:No\.?|Issue|Number)\s*(?P<issue>[^,\s()]+))?"
    r"(?:\s*,?\s*\(?(?P<date>[A-Za-z]+\.?\s+\d{4}|\d{4})\)?)?"
    r"(?:\s*,?\s*(?:pp?\.|Pages?)\s*(?P<pages>[^,]+?))?\s*\.?$",
    re.IGNORECASE,
)
#: ``dc.type`` words (lower-case, checked as substrings in this order) and the kind they state.
_TYPE_KINDS = (
    ("thesis", "thesis"), ("dissertation", "thesis"), ("chapter", "chapter"), ("book", "book"),
    ("report", "paper"), ("working", "paper"), ("preprint", "paper"), ("dataset", "dataset"),
    ("article", "article"), ("journal", "article"), ("news", "article"),
)  # fmt: skip


def read_dc(meta: MetaTags) -> Found:
    """The page's work as its Dublin Core tags state it."""
    found = Found()
    work = found.work
    work.title = meta.first("dc.title", "dcterms.title")
    names = meta.all(*_CREATORS) or meta.all(*_CONTRIBUTORS)
    work.authors = [person(name) for name in unique(names)]
    date = meta.first_with(*_DATES)
    if date:
        found.date_tag, work.date = date[0], parse_date(date[1])
    identifiers = meta.all(*_IDENTIFIERS)
    work.doi = next((doi for doi in (normalize_doi(v) for v in identifiers) if doi), None)
    work.publisher = meta.first("dc.publisher", "dcterms.publisher")
    work.abstract = meta.first("dcterms.abstract", "dc.description", "dcterms.description")
    work.keywords = unique([k for value in meta.all("dc.subject", "dcterms.subject", limit=None) for k in (clean(p) for p in _SUBJECT_SPLIT.split(value))])
    work.language = meta.first("dc.language", "dcterms.language")
    source = meta.first("dc.source", "dcterms.source", "dc.relation.ispartof", "dcterms.ispartof")
    journal = source if source and not _URL.match(source) and not _DIGIT.search(source) else None
    issn = valid_issns(meta.all("dc.source.issn", "dc.identifier.issn"), found.warnings, "dc.source.issn")
    if journal or issn:
        work.container = Container(kind="journal", name=journal, issn=issn)
    work.volume = meta.first("dc.citation.volume", "dc.source.volume")
    work.issue = meta.first("dc.citation.issue", "dc.source.issue")
    work.pages = pages(meta.first("dc.citation.spage"), meta.first("dc.citation.epage"))
    for value in identifiers + ([source] if source else []):
        _printed_citation(value, found)
    kind = (meta.first("dc.type.articletype", "dc.type", "dcterms.type") or "").lower()
    found.kind = next((k for word, k in _TYPE_KINDS if word in kind), None)
    return found


def _printed_citation(value: str, found: Found) -> None:
    """Fill volume, issue, pages, journal and the issue date from a ``dc.identifier`` that is a citation."""
    match = _PRINTED_CITATION.match(value)
    if not match:
        return
    work = found.work
    if work.container is None or not work.container.name:
        issn = work.container.issn if work.container else []
        work.container = Container(kind="journal", name=clean(match.group("journal")), issn=issn)
    work.volume = work.volume or clean(match.group("volume"))
    work.issue = work.issue or clean(match.group("issue"))
    work.pages = work.pages or pages(None, None, match.group("pages"))
    printed = parse_date(match.group("date"))
    if printed:
        # The citation's date is the issue's; a dc.date beside it is then the online date.
        found.online, found.online_tag = work.date, found.date_tag
        work.date, found.date_tag = printed, "dc.identifier citation"
    found.kind = found.kind or "article"


def read_prism(meta: MetaTags) -> Found:
    """The page's work as its PRISM tags state it (Springer Nature, MDPI)."""
    found = Found()
    work = found.work
    journal = meta.first("prism.publicationname")
    issn = valid_issns(meta.all("prism.issn", "prism.eissn"), found.warnings, "prism.issn")
    if journal or issn:
        found.kind = "article"
        work.container = Container(kind="journal", name=journal, issn=issn, publisher=meta.first("prism.publisher"))
    work.volume = meta.first("prism.volume")
    work.issue = meta.first("prism.number", "prism.issueidentifier")
    work.pages = pages(meta.first("prism.startingpage"), meta.first("prism.endingpage"), meta.first("prism.pagerange"))
    work.doi = normalize_doi(meta.first("prism.doi"))
    date = meta.first_with("prism.coverdate", "prism.publicationdate")
    if date:
        found.date_tag, work.date = date[0], parse_date(date[1])
    work.url = meta.first("prism.url")
    return found
