"""Publisher landing pages: every metadata syntax a page carries, merged into one record.

Syntaxes read, each by its own module from the one lxml parse of the page: Highwire ``citation_*``
(:mod:`._highwire`), PRISM and Dublin Core / DCTERMS (:mod:`._dublincore`), JSON-LD
(:mod:`._jsonld`), microdata (:mod:`._microdata`), RDFa title and persons (:mod:`._rdfa`),
OpenGraph (title and URL only), and
ScienceDirect's embedded page state for authors and references (:mod:`._sciencedirect`). A page
matches when it has a Highwire title, PRISM, a DC title with a creator, a scholarly JSON-LD node
with an author, a scholarly microdata item with a DOI or an author, or an RDFa title with
persons; other pages (a Cloudflare
challenge, a home page) do not, and a forced read raises :class:`~rdfbib.errors.ReaderError` with
the reason.

Precedence, field by field: the first syntax that states the field wins (HW = Highwire).

==================  ==========================================================================
title               HW, JSON-LD, DC, microdata (D-Lib: the page ``<title>``), RDFa, ``og:title``.
authors             ScienceDirect state, HW ``citation_author`` (else ``citation_authors``),
                    JSON-LD, DC creator (else contributor), microdata (Nature news names its
                    desk there), RDFa. ORCID, e-mail, affiliations and split names the winner lacks
                    are taken by position from another list of as many authors with the same
                    family names (Zenodo's JSON-LD ORCIDs).
date                HW publication date, PRISM, DC (issued before date), JSON-LD, microdata. A
                    year-only winner ("2020") takes the month and day of another syntax's
                    date that agrees ("1 December 2020"). Other dates that disagree are named
                    in a warning; a disagreeing online date (``citation_online_date``, or
                    Atypon's ``dc.Date`` beside a printed issue date) is kept as the note
                    "Published online YYYY-MM-DD".
kind                HW tag family (journal: article; conference or book: chapter of a book;
                    technical report: paper; dissertation: thesis, its institution the publisher;
                    arXiv id alone: paper numbered ``arXiv:<id>`` in the series "arXiv";
                    ISBN alone: book), PRISM journal, JSON-LD type, ``dc.type``, microdata
                    type; else other.
container           HW, PRISM, JSON-LD, DC, microdata; ISSNs are the union of all syntaxes.
volume/issue/pages  HW, PRISM, JSON-LD, DC (with a citation-shaped ``dc.identifier``), microdata.
DOI                 HW, PRISM, DC identifiers, a ``DOI`` meta tag, JSON-LD, microdata, else a body
                    link marked as the page's DOI (arXiv's DataCite DOI); each is validated
                    (``doi:`` and resolver prefixes stripped). An invalid ``citation_doi``
                    (Project Euclid's id) is reported and skipped.
publisher           HW, DC, JSON-LD, PRISM (never the journal's own name).
abstract            HW, DC, JSON-LD; never microdata (SAGE's holds "Next Section") nor
                    ``og:description`` (a teaser).
keywords            HW, DC, JSON-LD, microdata.
language            HW, DC, JSON-LD.
URL                 the page's own URL, ``<link rel=canonical>``, ``og:url``, ``prism.url``,
                    JSON-LD ``url``, ``citation_abstract_html_url``.
files               HW ``citation_pdf_url``, JSON-LD ``distribution``.
references          HW ``citation_reference`` (all three styles), else ScienceDirect's list.
==================  ==========================================================================
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from lxml import etree

from ..errors import ReaderError
from ..identifiers import normalize_doi
from ..iris import family_name, fold
from ..model import INFO, Author, Container, File, PartialDate, Record, Work
from ..page import Page
from ..text import clean
from . import _dublincore, _highwire, _jsonld, _microdata, _rdfa, _sciencedirect, register
from ._record import finish
from ._meta import Found, MetaTags, unique

T = TypeVar("T")

_CREATOR_TAGS = ("dc.creator", "dcterms.creator", "dc.creator.personalname", "dc.contributor", "dcterms.contributor")
_CHALLENGE_TITLES = ("just a moment", "attention required", "checking your browser", "access denied")


def _first(values: Iterable[T | None]) -> T | None:
    return next((v for v in values if v), None)


@register
class PublisherReader:
    """Landing pages of journals, repositories and preprint servers (below the RePEc readers)."""

    name = "publisher-html"
    priority = 50
    description = "Publisher landing pages: Highwire citation_*, Dublin Core, PRISM, JSON-LD, microdata, OpenGraph"

    def matches(self, page: Page) -> bool:
        """HTML with a Highwire title, a DC title and creator, PRISM, or a scholarly JSON-LD or microdata item."""
        return page.is_html and _bibliographic(page.tree, MetaTags(page.tree))

    def read(self, page: Page) -> Record:
        """The page's work from all its syntaxes; :class:`ReaderError` when it describes none."""
        root = page.tree
        meta = MetaTags(root)
        if not _bibliographic(root, meta):
            raise ReaderError(_no_work(root), source=page.source, reader=self.name)
        hw = _highwire.read(meta)
        prism = _dublincore.read_prism(meta)
        dc = _dublincore.read_dc(meta)
        jsonld = _jsonld.read(root)
        micro = _microdata.read(root)
        rdfa = _rdfa.read(root)
        elsevier = _sciencedirect.state(root) if _sciencedirect.is_sciencedirect(root) else None
        warnings: list[str] = []  # the page's own warnings are added by the pipeline (rdfbib.pipeline.extract)
        for found in (hw, prism, dc, jsonld, micro):
            warnings.extend(found.warnings)
        work = _merge(page, meta, hw, prism, dc, jsonld, micro, rdfa, elsevier, warnings)
        return finish(work, reader=self.name, source=page.source, warnings=warnings)


def _merge(
    page: Page,
    meta: MetaTags,
    hw: Found,
    prism: Found,
    dc: Found,
    jsonld: Found,
    micro: Found,
    rdfa: Found,
    elsevier: dict[str, Any] | None,
    warnings: list[str],
) -> Work:
    """One work from what each syntax found, by the precedence of the module docstring."""
    order = (hw, prism, jsonld, dc, micro)
    work = Work()
    work.title = _first(f.work.title for f in (hw, jsonld, dc, micro, rdfa)) or meta.first("og:title")
    work.authors = _authors(_sciencedirect.authors(elsevier) if elsevier else [], hw, jsonld, dc, micro, rdfa)
    work.doi = _first([hw.work.doi, prism.work.doi, dc.work.doi, normalize_doi(meta.first("doi")), jsonld.work.doi, micro.work.doi])
    work.doi = work.doi or _body_doi(page.tree)
    work.kind = _first(f.kind for f in order) or "other"
    _dates(work, (hw, prism, dc, jsonld, micro), warnings)
    work.container = _container(order)
    work.volume = _first(f.work.volume for f in order)
    work.issue = _first(f.work.issue for f in order)
    work.pages = _first(f.work.pages for f in order)
    work.number = hw.work.number
    others = [p for p in (f.work.publisher for f in (dc, jsonld, prism)) if p and not (work.container and p == work.container.name)]
    if work.container and work.container.kind != "series":
        work.container.publisher = work.container.publisher or _first(others)
    work.publisher = hw.work.publisher or (None if work.container else _first(others))
    work.abstract = _first(f.work.abstract for f in (hw, dc, jsonld))
    work.keywords = _first(f.work.keywords for f in (hw, dc, jsonld, micro)) or []
    work.language = _first(f.work.language for f in (hw, dc, jsonld))
    work.url = page.url or _canonical(page.tree) or meta.first("og:url", "prism.url") or jsonld.work.url or meta.first("citation_abstract_html_url")
    files: dict[str, File] = {}
    for file in hw.work.files + jsonld.work.files:
        files.setdefault(file.url, file)
    work.files = list(files.values())
    work.references = hw.work.references or (_sciencedirect.references(elsevier) if elsevier else [])
    work.notes = hw.work.notes + work.notes
    return work


def _body_doi(root: etree._Element) -> str | None:
    """The page's own DOI as a link in its body, when no metadata gives one: arXiv shows its DataCite DOI
    as ``<a id="arxiv-doi-link" href="https://doi.org/10.48550/arXiv...">`` in a ``tablecell arxivdoi`` cell.
    Only a link marked as the DOI (its id or class, or its parent's, says "doi") counts: the body's other
    DOI links are cited works."""
    for link in root.iter("a"):
        href = link.get("href") or ""
        if "doi.org/10." not in href:
            continue
        parent = link.getparent()
        marks = " ".join(filter(None, (link.get("id"), link.get("class"), parent.get("id") if parent is not None else None, parent.get("class") if parent is not None else None)))
        if "doi" in marks.lower():
            return normalize_doi(href)
    return None


def _bibliographic(root: etree._Element, meta: MetaTags) -> bool:
    """Whether the page describes a work in any syntax this reader knows (what ``matches`` tests)."""
    if "citation_title" in meta or "prism.publicationname" in meta or "prism.doi" in meta:
        return True
    if ("dc.title" in meta or "dcterms.title" in meta) and (any(tag in meta for tag in _CREATOR_TAGS) or _dc_doi(meta)):
        return True
    node = _jsonld.work_node(list(_jsonld.blocks(root)))
    if node is not None and (node.get("author") or node.get("creator") or _jsonld.read_node(node).work.doi):
        return True
    item = _microdata.item(root)
    if item is not None and ("doi" in meta or "author" in _microdata.properties(item)):
        return True
    rdfa = _rdfa.read(root)
    return bool(rdfa.work.title and rdfa.work.authors)


def _dc_doi(meta: MetaTags) -> bool:
    """A DOI among the Dublin Core identifiers: with a DC title, a work even when no creator is named."""
    return any(normalize_doi(v) for v in meta.all("dc.identifier.doi", "dc.identifier", "dcterms.identifier"))


def _authors(sciencedirect: list[Author], *founds: Found) -> list[Author]:
    """The first syntax's author list, completed by position from lists naming the same people."""
    lists = [a for a in (sciencedirect, *(f.work.authors for f in founds)) if a]
    if not lists:
        return []
    chosen = lists[0]
    for other in lists[1:]:
        if len(other) != len(chosen) or not all(_same_person(a, b) for a, b in zip(chosen, other, strict=True)):
            continue
        for mine, theirs in zip(chosen, other, strict=True):
            mine.orcid = mine.orcid or theirs.orcid
            mine.email = mine.email or theirs.email
            mine.affiliations = mine.affiliations or theirs.affiliations
            if not mine.family and theirs.family:
                mine.given, mine.family = theirs.given, theirs.family
    return chosen


def _same_person(a: Author, b: Author) -> bool:
    """Both names carry the other's family name ("Staib, Matthias" and "Matthias Staib")."""
    return fold(family_name(b.name, b.family)) in fold(a.name).split() or fold(family_name(a.name, a.family)) in fold(b.name).split()


def _dates(work: Work, founds: tuple[Found, ...], warnings: list[str]) -> None:
    """The publication date by precedence; disagreeing dates named, an online date kept as a note."""
    chosen = next((f for f in founds if f.work.date), None)
    if chosen is None:
        return
    work.date = chosen.work.date
    finer = [f.work.date for f in founds if f.work.date and f.work.date.month and _agree(f.work.date, work.date)]
    if work.date.month is None and finer:
        work.date = finer[0]
    others: dict[str, str] = {}
    online: PartialDate | None = None
    for found in founds:
        for date, tag, is_online in ((found.work.date, found.date_tag, False), (found.online, found.online_tag, True)):
            if date is None or _agree(date, work.date):
                continue
            others.setdefault(f"{date.iso()} ({tag})", "")
            if is_online and online is None:
                online = date
    if others:
        warnings.append(f"{INFO}publication date {work.date.iso()} ({chosen.date_tag}) kept; the page also gives {', '.join(others)}")
    if online:
        work.notes.append(f"Published online {online.iso()}")


def _agree(a: PartialDate, b: PartialDate) -> bool:
    """Equal at the coarser of the two precisions (2010-09 agrees with 2010-09-01)."""
    return (a.year, a.month if b.month else None, a.day if b.day else None) == (b.year, b.month if a.month else None, b.day if a.day else None)


def _container(order: tuple[Found, ...]) -> Container | None:
    """The first syntax's container, its name, ISSNs and publisher completed from the others."""
    containers = [f.work.container for f in order if f.work.container]
    if not containers:
        return None
    chosen = containers[0]
    for other in containers[1:]:
        if other.kind != chosen.kind:
            continue
        chosen.name = chosen.name or other.name
        chosen.publisher = chosen.publisher or other.publisher
        chosen.issn = unique(chosen.issn + other.issn)
    return chosen


def _canonical(root: etree._Element) -> str | None:
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            return clean(link.get("href"))
    return None


def _no_work(root: etree._Element) -> str:
    """Why a page has no work: a bot challenge, or no bibliographic metadata at all."""
    title = (_first(clean(t.text_content()) for t in root.iter("title")) or "").lower()
    challenge = any(title.startswith(t) for t in _CHALLENGE_TITLES) or any(
        "challenge" in (e.get("id") or "") or "/cdn-cgi/challenge-platform" in (e.get("src") or "") for e in root.iter("form", "script")
    )
    if challenge:
        return "not a bibliographic page: a bot challenge (Cloudflare or similar) stands in for the article"
    return "not a bibliographic page: no citation_*, Dublin Core, PRISM, JSON-LD or microdata record of a work"
