"""Record -> triples in the record's named graph: the only module that knows the vocabularies.

Each field is stated in schema.org and in its BIBO / DCTERMS / FOAF twin (DESIGN.md), so either
community's queries work. Every node is an IRI from :mod:`rdfbib.iris`; no blank nodes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

from . import iris
from .identifiers import doi_iri_key, normalize_doi, normalize_handle, normalize_isbn, normalize_issn, normalize_orcid
from .model import Author, Container, Entity, File, Organization, Pages, Person, Record, Series, Work
from .text import clean
from .terms import BIBO, CITO, DCTERMS, FOAF, IRI, JEL, PROV, RDF, SCHEMA, XSD, Lit, Term, Triple, to_rdflib


_KIND_TYPES: dict[str, tuple[IRI, ...]] = {
    "article": (SCHEMA.ScholarlyArticle, BIBO.AcademicArticle),
    "paper": (SCHEMA.Report, BIBO.Report),
    "chapter": (SCHEMA.Chapter, BIBO.Chapter),
    "book": (SCHEMA.Book, BIBO.Book),
    "software": (SCHEMA.SoftwareSourceCode, BIBO.Document),
    "dataset": (SCHEMA.Dataset, BIBO.Document),
    "thesis": (SCHEMA.Thesis, BIBO.Thesis),
    "other": (SCHEMA.CreativeWork, BIBO.Document),
}
_DATE_TYPES = {"year": XSD.gYear, "month": XSD.gYearMonth, "day": XSD.date}
_FALSE = Lit("false", XSD.boolean)
#: The ISSN International Centre's IRI of an ISSN: a journal's ``schema:sameAs``, so every view of the journal
#: that knows an ISSN (an IDEAS page keyed by handle, a publisher page keyed by ISSN or name) meets there.
ISSN_PORTAL = "https://portal.issn.org/resource/ISSN/"
_TITLE = (SCHEMA.name, DCTERMS.title)
_NAME = (SCHEMA.name, FOAF.name)
_PUBLISHER = (SCHEMA.publisher, DCTERMS.publisher)
_PART_OF = (SCHEMA.isPartOf, DCTERMS.isPartOf)
_CITES = (SCHEMA.citation, BIBO.cites, CITO.cites)
_EDITOR = (SCHEMA.editor, BIBO.editor)
_HOMEPAGE = (SCHEMA.url, FOAF.homepage)
# Publication-Status "Published in ...", "Forthcoming in ...", "Accepted ...": BIBO's status individuals.
_STATUS = re.compile(r"(published|forthcoming|accepted)\b", re.IGNORECASE)


class Mapper:
    """Maps records under one base IRI."""

    def __init__(self, base: str | None = None) -> None:
        self.base = iris.resolve_base(base)

    # -- public -----------------------------------------------------------------------------

    def graph_iri(self, record: Record) -> IRI:
        """``{BASE}record/{reader}/{key}``: one named graph per converted source.

        The key is the work's key, or for a series, person or organisation record its IRI below the
        base (:func:`rdfbib.iris.entity_key`), which no work key can equal.
        """
        key = iris.work_key(record.work) if record.work is not None else iris.entity_key(_entity(record))
        return IRI(f"{self.base}record/{iris.encode(record.reader)}/{key}")

    def work_iri(self, work: Work) -> IRI:
        return IRI(f"{self.base}work/{iris.work_key(work)}")

    def terms(self, record: Record) -> list[Triple]:
        """Every triple of the record as light terms (:mod:`rdfbib.terms`), in a deterministic order.

        Duplicates are possible (a cited work's publisher stated twice); writers and stores fold them.
        The private methods append to one list: a typical page has thousands of triples, and nested
        generators cost a frame switch per triple and level.
        """
        out: list[Triple] = []
        if record.work is not None:
            self._work(out, record.work, self.work_iri(record.work))
        else:
            self._entity(out, _entity(record))
        return out

    def triples(self, record: Record) -> Iterator[tuple[Any, Any, Any]]:
        """The same triples as rdflib terms."""
        for s, p, o in self.terms(record):
            yield to_rdflib(s), to_rdflib(p), to_rdflib(o)

    def provenance_graph(self) -> IRI:
        """``{BASE}provenance``: the one graph that holds timestamps, so record graphs stay byte-stable."""
        return IRI(f"{self.base}provenance")

    def provenance(self, record: Record, when: datetime) -> Iterator[Triple]:
        """Where a record graph came from: its page, when it was made, and by which reader of which rdfbib."""
        from . import __version__

        g = self.graph_iri(record)
        agent = IRI(f"{self.base}agent/{iris.encode(record.reader, keep_slash=False)}/{iris.encode(__version__, keep_slash=False)}")
        yield g, RDF.type, PROV.Entity
        page = _web(record.work.url) if record.work is not None else None
        if page:
            yield g, PROV.wasDerivedFrom, page
        stamp = when.astimezone(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
        yield g, PROV.generatedAtTime, Lit(stamp, XSD.dateTime)
        yield g, PROV.wasAttributedTo, agent
        yield agent, RDF.type, PROV.SoftwareAgent
        yield agent, RDF.type, SCHEMA.SoftwareApplication
        yield agent, SCHEMA.name, Lit(record.reader)
        yield agent, SCHEMA.applicationSuite, Lit("rdfbib")
        yield agent, SCHEMA.softwareVersion, Lit(__version__)

    # -- works ------------------------------------------------------------------------------

    def _work(self, out: list[Triple], work: Work, w: IRI) -> None:
        add = out.append
        kind = work.kind if work.kind in _KIND_TYPES else "other"
        for cls in _KIND_TYPES[kind]:
            add((w, RDF.type, cls))
        title = clean(work.title)
        if title:
            _both(out, w, _TITLE, Lit(title))
        self._authors(out, w, work.authors)
        abstract = clean(work.abstract)
        if abstract:
            _both(out, w, (SCHEMA.abstract, BIBO.abstract), Lit(abstract))
        language = clean(work.language)
        if language:
            _both(out, w, (SCHEMA.inLanguage, DCTERMS.language), Lit(language))
        if work.date:
            _both(out, w, (SCHEMA.datePublished, DCTERMS.issued), Lit(work.date.iso(), _DATE_TYPES[work.date.precision]))
        if work.created:
            _both(out, w, (SCHEMA.dateCreated, DCTERMS.created), Lit(work.created.iso(), _DATE_TYPES[work.created.precision]))
        if work.modified:
            _both(out, w, (SCHEMA.dateModified, DCTERMS.modified), Lit(work.modified.iso(), _DATE_TYPES[work.modified.precision]))
        publisher = self._organization(work.publisher or (work.container.publisher if work.container else None))
        if publisher:
            out.extend(publisher[1])
            _both(out, w, _PUBLISHER, publisher[0])
        self._container(out, work, w, kind, publisher[0] if publisher else None)
        if work.pages:
            self._pages(out, w, work.pages)
        edition = clean(work.edition)
        if edition:
            _both(out, w, (SCHEMA.bookEdition, BIBO.edition), Lit(edition))
        self._authors(out, w, work.editors, role=_EDITOR, part="editor")
        for isbn in _isbns(work.isbn):
            _both(out, w, (SCHEMA.isbn, BIBO.isbn), Lit(isbn))
        self._details(out, work, w)
        self._identifiers(out, work, w)
        url = _web(work.url)
        if url:
            add((w, SCHEMA.url, url))
        for n, file in enumerate(work.files, 1):
            self._file(out, w, n, file)
        for keyword in work.keywords:
            keyword = clean(keyword)
            if keyword:
                add((w, SCHEMA.keywords, Lit(keyword)))
        for subject in work.subjects:
            c = IRI(f"{JEL}{iris.encode(subject.code, keep_slash=False)}")
            _both(out, w, (SCHEMA.about, DCTERMS.subject), c)
            add((c, RDF.type, SCHEMA.DefinedTerm))
            add((c, SCHEMA.termCode, Lit(subject.code)))
            label = clean(subject.label)
            if label:
                add((c, SCHEMA.name, Lit(label)))
        citation = clean(work.citation)
        if citation:
            add((w, DCTERMS.bibliographicCitation, Lit(citation)))
        for note in work.notes:
            note = clean(note)
            if note:
                add((w, SCHEMA.description, Lit(note)))
        for cited, x in self._related(work.references, w):
            _both(out, w, _CITES, x)
            self._work(out, cited, x)
        for citing, y in self._related(work.cited_by, w):
            _both(out, y, _CITES, w)
            self._work(out, citing, y)
        for version, v in self._related(work.versions, w):
            add((w, SCHEMA.workExample, v))
            self._work(out, version, v)
        for part, c in self._related(work.parts, w):
            _both(out, w, (SCHEMA.hasPart, DCTERMS.hasPart), c)
            self._work(out, part, c)

    def _details(self, out: list[Triple], work: Work, w: IRI) -> None:
        """Publication status, length and what software needs: fields ReDIF items carry."""
        add = out.append
        status = clean(work.status)
        if status:
            add((w, SCHEMA.creativeWorkStatus, Lit(status)))
            match = _STATUS.match(status)
            if match:
                add((w, BIBO.status, IRI(f"{BIBO}status/{match.group(1).lower()}")))
        if work.page_count is not None:
            count = Lit(str(work.page_count), XSD.integer)
            _both(out, w, (SCHEMA.numberOfPages, BIBO.numPages), count)
        _literals(out, w, ((SCHEMA.programmingLanguage, work.programming_language), (SCHEMA.runtimePlatform, work.requires)))

    def _related(self, works: list[Work], w: IRI) -> Iterator[tuple[Work, IRI]]:
        """Cited, citing and other-version works that can be stated, other than the work itself: titled, or
        known by a DOI or a RePEc handle (publisher reference lists often give only DOI and journal), or by
        journal, volume, first page and year (physics and chemistry reference lists print no titles)."""
        for other in works:
            if clean(other.title) or normalize_doi(other.doi) or normalize_handle(other.handle) or iris.reference_key(other):
                iri = self.work_iri(other)
                if iri != w:
                    yield other, iri

    def _authors(self, out: list[Triple], w: IRI, authors: list[Author], *, role: tuple[IRI, ...] = (SCHEMA.author, DCTERMS.creator), part: str = "author") -> None:
        if not authors:
            return
        add = out.append
        seq = IRI(f"{w}/{part}s")
        add((w, BIBO.authorList if part == "author" else BIBO.editorList, seq))
        add((seq, RDF.type, RDF.Seq))
        for n, author in enumerate(authors, 1):
            a = IRI(f"{w}/{part}/{n}")
            _both(out, w, role, a)
            add((seq, RDF.member(n), a))
            add((a, SCHEMA.position, Lit(str(n), XSD.integer)))  # the order again, on a fixed predicate queries look up
            self._person(out, a, author)

    def _person(self, out: list[Triple], a: IRI, author: Author) -> None:
        add = out.append
        name = clean(author.name)
        if author.organization:  # a group author: an organisation in the author list, with its name only
            add((a, RDF.type, SCHEMA.Organization))
            add((a, RDF.type, FOAF.Organization))
            if name:
                _both(out, a, _NAME, Lit(name))
            return
        add((a, RDF.type, SCHEMA.Person))
        add((a, RDF.type, FOAF.Person))
        if name:
            _both(out, a, _NAME, Lit(name))
        given, family = clean(author.given), clean(author.family)
        if given:
            _both(out, a, (SCHEMA.givenName, FOAF.givenName), Lit(given))
        if family:
            _both(out, a, (SCHEMA.familyName, FOAF.familyName), Lit(family))
        if author.repec_id:
            add((a, SCHEMA.sameAs, IRI("https://authors.repec.org/pro/" + iris.encode(author.repec_id, keep_slash=False))))
        url = _web(author.url)
        if url:
            _both(out, a, _HOMEPAGE, url)
        orcid = normalize_orcid(author.orcid)
        if orcid:
            add((a, SCHEMA.sameAs, IRI("https://orcid.org/" + orcid)))
        email = clean(author.email)
        if email:
            add((a, SCHEMA.email, Lit(email)))
        for note in author.notes:
            note = clean(note)
            if note:
                add((a, SCHEMA.description, Lit(note)))
        for k, affiliation in enumerate(author.affiliations, 1):
            name = clean(affiliation.name)
            if affiliation.edirc:
                o = IRI(f"{self.base}org/{iris.edirc_key(affiliation.edirc)}")
            elif name:
                o = IRI(f"{a}/affiliation/{k}")
            else:
                continue
            add((a, SCHEMA.affiliation, o))
            add((o, RDF.type, SCHEMA.Organization))
            add((o, RDF.type, FOAF.Organization))
            if name:
                _both(out, o, _NAME, Lit(name))
            if affiliation.edirc:
                add((o, SCHEMA.sameAs, _edirc_page(affiliation.edirc)))
            else:
                role = clean(affiliation.role)
                if role:
                    add((o, SCHEMA.description, Lit(role)))

    # -- containers -------------------------------------------------------------------------

    def _organization(self, name: str | None) -> tuple[IRI, list[Triple]] | None:
        name = clean(name)
        if not name:
            return None
        p = IRI(f"{self.base}org/{iris.org_name_key(name)}")
        return p, [(p, RDF.type, SCHEMA.Organization), (p, RDF.type, FOAF.Organization), (p, SCHEMA.name, Lit(name)), (p, FOAF.name, Lit(name))]

    def _container(self, out: list[Triple], work: Work, w: IRI, kind: str, publisher: IRI | None) -> None:
        add = out.append
        container = work.container
        volume, issue, number = clean(work.volume), clean(work.issue), clean(work.number)
        if number:
            add((w, (SCHEMA.reportNumber if kind == "paper" else BIBO.number), Lit(number)))
        if volume:
            add((w, BIBO.volume, Lit(volume)))
        if issue:
            add((w, BIBO.issue, Lit(issue)))
        if container is None:
            return
        if container.kind == "book":
            self._book(out, w, work, container, publisher)
            return
        journal = container.kind == "journal" or (kind == "article" and container.kind != "series")
        self._series(out, w, container, publisher, journal=journal, volume=volume, issue=issue, handle=iris.repec_series(work))

    def _series(
        self,
        out: list[Triple],
        member: IRI,
        container: Container,
        publisher: IRI | None,
        *,
        journal: bool = False,
        volume: str | None = None,
        issue: str | None = None,
        handle: str | None = None,
    ) -> None:
        """The journal (with its volume and issue nodes) or series ``member`` is part of; ``handle``: the
        ``archive/series`` of a RePEc member, which keys the node whatever the container says."""
        s = self._series_node(out, container, publisher, journal=journal, handle=handle)
        if s is None:
            return
        add = out.append
        part = s
        if journal and volume:
            v = IRI(f"{s}/volume/{iris.encode(volume, keep_slash=False)}")
            add((v, RDF.type, SCHEMA.PublicationVolume))
            _both(out, v, (SCHEMA.volumeNumber, BIBO.volume), Lit(volume))
            _both(out, v, _PART_OF, s)
            part = v
        if journal and issue:
            i = IRI(f"{part}/issue/{iris.encode(issue, keep_slash=False)}")
            add((i, RDF.type, SCHEMA.PublicationIssue))
            add((i, RDF.type, BIBO.Issue))
            _both(out, i, (SCHEMA.issueNumber, BIBO.issue), Lit(issue))
            _both(out, i, _PART_OF, part)
            part = i
        _both(out, member, _PART_OF, part)

    def _series_node(self, out: list[Triple], container: Container, publisher: IRI | None, *, journal: bool, handle: str | None = None) -> IRI | None:
        """The journal or series node with its name, ISSNs, publisher and link; ``None`` with nothing to key it by."""
        issns = [i for i in (normalize_issn(v) for v in container.issn) if i]
        key = iris.series_iri_key(handle or container.handle, issns, container.name)
        if key is None:
            return None
        add = out.append
        s = IRI(f"{self.base}series/{key}")
        if journal:
            add((s, RDF.type, SCHEMA.Periodical))
            add((s, RDF.type, BIBO.Journal))
        else:
            add((s, RDF.type, SCHEMA.CreativeWorkSeries))
            add((s, RDF.type, BIBO.Series))
        name = clean(container.name)
        if name:
            _both(out, s, _TITLE, Lit(name))
        for issn in issns:
            _both(out, s, (SCHEMA.issn, BIBO.issn), Lit(issn))
            add((s, SCHEMA.sameAs, IRI(ISSN_PORTAL + issn)))
        if publisher:
            _both(out, s, _PUBLISHER, publisher)
        url = _web(container.url)
        if url:
            add((s, SCHEMA.url, url))
        return s

    def _book(self, out: list[Triple], w: IRI, work: Work, book: Container, publisher: IRI | None) -> None:
        title = clean(book.name)
        if not title and not book.isbn:
            return
        add = out.append
        isbns = _isbns(book.isbn)
        host = Work(kind="book", title=title, authors=[], date=work.date, repec_key=book.repec_key)
        if book.editors:
            host.authors = [book.editors[0]]
        b = IRI(f"{self.base}work/{'isbn/' + isbns[0] if isbns and not book.repec_key else iris.work_key(host)}")
        add((b, RDF.type, SCHEMA.Book))
        add((b, RDF.type, BIBO.Book))
        if title:
            _both(out, b, _TITLE, Lit(title))
        for isbn in isbns:
            _both(out, b, (SCHEMA.isbn, BIBO.isbn), Lit(isbn))
        if publisher:
            _both(out, b, _PUBLISHER, publisher)
        self._authors(out, b, book.editors, role=_EDITOR, part="editor")
        _both(out, w, _PART_OF, b)
        if book.series:  # a RePEc chapter's series is its handle's, the chapter's own, not its book's
            chapter_series = iris.repec_series(work)
            self._series(out, w if chapter_series else b, book.series, None, handle=chapter_series)

    def _pages(self, out: list[Triple], w: IRI, pages: Pages) -> None:
        start, end, raw = clean(pages.start), clean(pages.end), clean(pages.raw)
        if start:
            _both(out, w, (SCHEMA.pageStart, BIBO.pageStart), Lit(start))
        if end:
            _both(out, w, (SCHEMA.pageEnd, BIBO.pageEnd), Lit(end))
        if raw:
            _both(out, w, (SCHEMA.pagination, BIBO.pages), Lit(raw))

    def _identifiers(self, out: list[Triple], work: Work, w: IRI) -> None:
        add = out.append
        doi = normalize_doi(work.doi)
        if doi:
            add((w, BIBO.doi, Lit(doi)))
            add((w, SCHEMA.sameAs, IRI("https://doi.org/" + iris.encode(doi_iri_key(doi)))))
            _property_value(out, w, IRI(f"{w}/id/doi"), "DOI", doi)
        _handle(out, w, normalize_handle(work.handle))

    def _file(self, out: list[Triple], w: IRI, n: int, file: File) -> None:
        url = _web(file.url)
        if not url:
            return
        add = out.append
        m = IRI(f"{w}/file/{n}")
        add((w, SCHEMA.encoding, m))
        add((m, RDF.type, SCHEMA.MediaObject))
        add((m, SCHEMA.contentUrl, url))
        _literals(out, m, ((SCHEMA.description, file.function), (SCHEMA.encodingFormat, file.format), (SCHEMA.conditionsOfAccess, file.restriction), (SCHEMA.contentSize, file.size)))
        if file.restricted:
            add((m, SCHEMA.isAccessibleForFree, _FALSE))

    # -- series, person and organisation records --------------------------------------------

    def _entity(self, out: list[Triple], entity: Entity) -> None:
        node = IRI(self.base + iris.entity_key(entity))
        if isinstance(entity, Series):
            self._series_record(out, entity, node)
        elif isinstance(entity, Person):
            self._person_record(out, entity, node)
        else:
            self._organization_record(out, entity, node)
        _handle(out, node, entity.handle)

    def _series_record(self, out: list[Triple], series: Series, s: IRI) -> None:
        """A ReDIF-Series: the journal or series node items point at, with its publishers (the
        provider first: the name-keyed node page readers mint, joined to EDIRC by ``schema:sameAs``),
        editors, description and the RePEc archive that provides it."""
        add = out.append
        publishers = []
        for org in series.publishers:
            found = self._organization(org.name or org.name_english)
            if found:
                out.extend(found[1])
                self._organization_details(out, found[0], org)
                publishers.append(found[0])
        self._series_node(out, Container(kind=series.kind, name=series.name, handle=series.key, issn=series.issn, url=series.url), None, journal=series.kind == "journal")
        for p in publishers:
            _both(out, s, _PUBLISHER, p)
        self._authors(out, s, series.editors, role=_EDITOR, part="editor")
        description = clean(series.description)
        if description:
            add((s, SCHEMA.description, Lit(description)))
        for keyword in series.keywords:
            add((s, SCHEMA.keywords, Lit(keyword)))
        add((s, SCHEMA.provider, IRI(f"{self.base}org/{iris.organization_key(Organization(archive=series.archive))}")))

    def _person_record(self, out: list[Triple], person: Person, p: IRI) -> None:
        """A registered author: the same statements as an author node (names, RAS ``schema:sameAs``,
        workplaces), and ``foaf:made`` for each work the person claims."""
        author = Author(name=person.name, given=person.given, family=person.family, repec_id=person.short_id, email=person.email, affiliations=person.workplaces, url=person.url)
        self._person(out, p, author)
        for key in person.works:
            out.append((p, FOAF.made, IRI(f"{self.base}work/repec/{iris.encode(key)}")))

    def _organization_record(self, out: list[Triple], org: Organization, o: IRI) -> None:
        """An EDIRC institution or a RePEc archive, with the chain of its parent organisations."""
        add = out.append
        while True:
            add((o, RDF.type, SCHEMA.Organization))
            add((o, RDF.type, FOAF.Organization))
            name = clean(org.name or org.name_english)
            if name:
                _both(out, o, _NAME, Lit(name))
            self._organization_details(out, o, org)
            parent = org.parent
            key = iris.organization_key(parent) if parent is not None else None
            if parent is None or key is None:
                return
            o_parent = IRI(f"{self.base}org/{key}")
            add((o, SCHEMA.parentOrganization, o_parent))
            org, o = parent, o_parent

    def _organization_details(self, out: list[Triple], o: IRI, org: Organization) -> None:
        """What an organisation record or a series' publisher says beyond its name."""
        add = out.append
        english = clean(org.name_english)
        if english and english != clean(org.name or english):
            add((o, SCHEMA.alternateName, Lit(english, language="en")))
        _literals(out, o, ((SCHEMA.location, org.location), (SCHEMA.email, org.email), (SCHEMA.description, org.description)))
        url = _web(org.url)
        if url:
            _both(out, o, _HOMEPAGE, url)
        for link in org.links:
            url = _web(link)
            if url:
                add((o, SCHEMA.url, url))
        if org.edirc:
            add((o, SCHEMA.sameAs, _edirc_page(org.edirc)))


def _entity(record: Record) -> Entity:
    if record.entity is None:
        raise ValueError(f"record of {record.source} holds neither a work nor an entity")
    return record.entity


def _edirc_page(code: str) -> IRI:
    return IRI(f"https://edirc.repec.org/data/{iris.encode(code.lower(), keep_slash=False)}.html")


def _isbns(values: list[str]) -> list[str]:
    return [i for i in (normalize_isbn(v) for v in values) if i]


def _handle(out: list[Triple], node: IRI, handle: str | None) -> None:
    """A series, person or organisation record's RePEc handle, as works state theirs."""
    if handle:
        out.append((node, DCTERMS.identifier, Lit(handle)))
        _property_value(out, node, IRI(f"{node}/id/repec"), "RePEc", handle)


def _web(url: str | None) -> IRI | None:
    iri = iris.web_iri(url)
    return IRI(iri) if iri else None


def _literals(out: list[Triple], s: IRI, pairs: tuple[tuple[IRI, str | None], ...]) -> None:
    """``s prop "value"`` for each pair whose value is not empty once cleaned."""
    for prop, value in pairs:
        value = clean(value)
        if value:
            out.append((s, prop, Lit(value)))


def _both(out: list[Triple], s: IRI, props: tuple[IRI, ...], o: Term) -> None:
    for p in props:
        out.append((s, p, o))


def _property_value(out: list[Triple], w: IRI, node: IRI, kind: str, value: str) -> None:
    out.append((w, SCHEMA.identifier, node))
    out.append((node, RDF.type, SCHEMA.PropertyValue))
    out.append((node, SCHEMA.propertyID, Lit(kind)))
    out.append((node, SCHEMA.value, Lit(value)))
