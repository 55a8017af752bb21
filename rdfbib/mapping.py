"""Record -> triples in the record's named graph: the only module that knows the vocabularies.

Each field is stated in schema.org and in its BIBO / DCTERMS / FOAF twin (DESIGN.md), so either
community's queries work. Every node is an IRI from :mod:`rdfbib.iris`; no blank nodes.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

from . import iris
from .identifiers import doi_iri_key, normalize_doi, normalize_handle, normalize_isbn, normalize_issn, normalize_orcid
from .model import Author, Container, File, Pages, Record, Work
from .text import clean
from .terms import BIBO, CITO, DCTERMS, FOAF, IRI, JEL, PROV, RDF, SCHEMA, XSD, Lit, Term, Triple, to_rdflib


_KIND_TYPES: dict[str, tuple[IRI, ...]] = {
    "article": (SCHEMA.ScholarlyArticle, BIBO.AcademicArticle),
    "paper": (SCHEMA.Report, BIBO.Report),
    "chapter": (SCHEMA.Chapter, BIBO.Chapter),
    "book": (SCHEMA.Book, BIBO.Book),
    "software": (SCHEMA.SoftwareSourceCode, BIBO.Document),
    "other": (SCHEMA.CreativeWork, BIBO.Document),
}
_DATE_TYPES = {"year": XSD.gYear, "month": XSD.gYearMonth, "day": XSD.date}
_FALSE = Lit("false", XSD.boolean)


class Mapper:
    """Maps records under one base IRI."""

    def __init__(self, base: str | None = None) -> None:
        self.base = iris.resolve_base(base)

    # -- public -----------------------------------------------------------------------------

    def graph_iri(self, record: Record) -> IRI:
        """``{BASE}record/{reader}/{work key}``: one named graph per converted source."""
        return IRI(f"{self.base}record/{iris.encode(record.reader)}/{iris.work_key(record.work)}")

    def work_iri(self, work: Work) -> IRI:
        return IRI(f"{self.base}work/{iris.work_key(work)}")

    def terms(self, record: Record) -> Iterator[Triple]:
        """Every triple of the record as light terms (:mod:`rdfbib.terms`), in a deterministic order.

        Duplicates are possible (a cited work's publisher stated twice); writers and stores fold them.
        """
        yield from self._work(record.work, self.work_iri(record.work))

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
        page = _web(record.work.url)
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

    def _work(self, work: Work, w: IRI) -> Iterator[Triple]:
        kind = work.kind if work.kind in _KIND_TYPES else "other"
        for cls in _KIND_TYPES[kind]:
            yield w, RDF.type, cls
        title = clean(work.title)
        if title:
            yield from _both(w, (SCHEMA.name, DCTERMS.title), Lit(title))
        yield from self._authors(w, work.authors)
        abstract = clean(work.abstract)
        if abstract:
            yield from _both(w, (SCHEMA.abstract, BIBO.abstract), Lit(abstract))
        language = clean(work.language)
        if language:
            yield from _both(w, (SCHEMA.inLanguage, DCTERMS.language), Lit(language))
        if work.date:
            yield from _both(w, (SCHEMA.datePublished, DCTERMS.issued), Lit(work.date.iso(), _DATE_TYPES[work.date.precision]))
        publisher = self._organization(work.publisher or (work.container.publisher if work.container else None))
        if publisher:
            yield from publisher[1]
            yield from _both(w, (SCHEMA.publisher, DCTERMS.publisher), publisher[0])
        yield from self._container(work, w, kind, publisher[0] if publisher else None)
        if work.pages:
            yield from self._pages(w, work.pages)
        edition = clean(work.edition)
        if edition:
            yield from _both(w, (SCHEMA.bookEdition, BIBO.edition), Lit(edition))
        yield from self._identifiers(work, w)
        url = _web(work.url)
        if url:
            yield w, SCHEMA.url, url
        for n, file in enumerate(work.files, 1):
            yield from self._file(w, n, file)
        for keyword in work.keywords:
            keyword = clean(keyword)
            if keyword:
                yield w, SCHEMA.keywords, Lit(keyword)
        for subject in work.subjects:
            c = IRI(f"{JEL}{iris.encode(subject.code, keep_slash=False)}")
            yield from _both(w, (SCHEMA.about, DCTERMS.subject), c)
            yield c, RDF.type, SCHEMA.DefinedTerm
            yield c, SCHEMA.termCode, Lit(subject.code)
            label = clean(subject.label)
            if label:
                yield c, SCHEMA.name, Lit(label)
        citation = clean(work.citation)
        if citation:
            yield w, DCTERMS.bibliographicCitation, Lit(citation)
        for note in work.notes:
            note = clean(note)
            if note:
                yield w, SCHEMA.description, Lit(note)
        for cited, x in self._related(work.references, w):
            yield from _cites(w, x)
            yield from self._work(cited, x)
        for citing, y in self._related(work.cited_by, w):
            yield from _cites(y, w)
            yield from self._work(citing, y)
        for version, v in self._related(work.versions, w):
            yield w, SCHEMA.workExample, v
            yield from self._work(version, v)

    def _related(self, works: list[Work], w: IRI) -> Iterator[tuple[Work, IRI]]:
        """Cited, citing and other-version works that can be stated: titled, and not the work itself."""
        for other in works:
            if clean(other.title):
                iri = self.work_iri(other)
                if iri != w:
                    yield other, iri

    def _authors(self, w: IRI, authors: list[Author], *, role: tuple[IRI, ...] = (SCHEMA.author, DCTERMS.creator), part: str = "author") -> Iterator[Triple]:
        if not authors:
            return
        seq = IRI(f"{w}/{part}s")
        if part == "author":
            yield w, BIBO.authorList, seq
        else:
            yield w, BIBO.editorList, seq
        yield seq, RDF.type, RDF.Seq
        for n, author in enumerate(authors, 1):
            a = IRI(f"{w}/{part}/{n}")
            yield from _both(w, role, a)
            yield seq, RDF.member(n), a
            yield from self._person(a, author)

    def _person(self, a: IRI, author: Author) -> Iterator[Triple]:
        yield a, RDF.type, SCHEMA.Person
        yield a, RDF.type, FOAF.Person
        name = clean(author.name)
        if name:
            yield from _both(a, (SCHEMA.name, FOAF.name), Lit(name))
        given, family = clean(author.given), clean(author.family)
        if given:
            yield from _both(a, (SCHEMA.givenName, FOAF.givenName), Lit(given))
        if family:
            yield from _both(a, (SCHEMA.familyName, FOAF.familyName), Lit(family))
        if author.repec_id:
            yield a, SCHEMA.sameAs, IRI("https://authors.repec.org/pro/" + iris.encode(author.repec_id, keep_slash=False))
        orcid = normalize_orcid(author.orcid)
        if orcid:
            yield a, SCHEMA.sameAs, IRI("https://orcid.org/" + orcid)
        email = clean(author.email)
        if email:
            yield a, SCHEMA.email, Lit(email)
        for note in author.notes:
            note = clean(note)
            if note:
                yield a, SCHEMA.description, Lit(note)
        for k, affiliation in enumerate(author.affiliations, 1):
            name = clean(affiliation.name)
            if affiliation.edirc:
                o = IRI(f"{self.base}org/edirc/{iris.encode(affiliation.edirc.lower(), keep_slash=False)}")
            elif name:
                o = IRI(f"{a}/affiliation/{k}")
            else:
                continue
            yield a, SCHEMA.affiliation, o
            yield o, RDF.type, SCHEMA.Organization
            yield o, RDF.type, FOAF.Organization
            if name:
                yield from _both(o, (SCHEMA.name, FOAF.name), Lit(name))
            if affiliation.edirc:
                yield o, SCHEMA.sameAs, IRI(f"https://edirc.repec.org/data/{iris.encode(affiliation.edirc.lower(), keep_slash=False)}.html")
            else:
                role = clean(affiliation.role)
                if role:
                    yield o, SCHEMA.description, Lit(role)

    # -- containers -------------------------------------------------------------------------

    def _organization(self, name: str | None) -> tuple[IRI, list[Triple]] | None:
        name = clean(name)
        if not name:
            return None
        p = IRI(f"{self.base}org/{iris.org_name_key(name)}")
        return p, [(p, RDF.type, SCHEMA.Organization), (p, RDF.type, FOAF.Organization), (p, SCHEMA.name, Lit(name)), (p, FOAF.name, Lit(name))]

    def _container(self, work: Work, w: IRI, kind: str, publisher: IRI | None) -> Iterator[Triple]:
        container = work.container
        volume, issue, number = clean(work.volume), clean(work.issue), clean(work.number)
        if number:
            yield w, (SCHEMA.reportNumber if kind == "paper" else BIBO.number), Lit(number)
        if volume:
            yield w, BIBO.volume, Lit(volume)
        if issue:
            yield w, BIBO.issue, Lit(issue)
        if container is None:
            return
        if container.kind == "book":
            yield from self._book(w, work, container, publisher)
            return
        journal = container.kind == "journal" or (kind == "article" and container.kind != "series")
        yield from self._series(w, container, publisher, journal=journal, volume=volume, issue=issue)

    def _series(
        self, member: IRI, container: Container, publisher: IRI | None, *, journal: bool = False, volume: str | None = None, issue: str | None = None
    ) -> Iterator[Triple]:
        """The journal (with its volume and issue nodes) or series ``member`` is part of."""
        issns = [i for i in (normalize_issn(v) for v in container.issn) if i]
        key = iris.series_iri_key(container.handle, issns, container.name)
        if key is None:
            return
        s = IRI(f"{self.base}series/{key}")
        if journal:
            yield s, RDF.type, SCHEMA.Periodical
            yield s, RDF.type, BIBO.Journal
        else:
            yield s, RDF.type, SCHEMA.CreativeWorkSeries
            yield s, RDF.type, BIBO.Series
        name = clean(container.name)
        if name:
            yield from _both(s, (SCHEMA.name, DCTERMS.title), Lit(name))
        for issn in issns:
            yield from _both(s, (SCHEMA.issn, BIBO.issn), Lit(issn))
        if publisher:
            yield from _both(s, (SCHEMA.publisher, DCTERMS.publisher), publisher)
        url = _web(container.url)
        if url:
            yield s, SCHEMA.url, url
        part = s
        if journal and volume:
            v = IRI(f"{s}/volume/{iris.encode(volume, keep_slash=False)}")
            yield v, RDF.type, SCHEMA.PublicationVolume
            yield from _both(v, (SCHEMA.volumeNumber, BIBO.volume), Lit(volume))
            yield from _both(v, (SCHEMA.isPartOf, DCTERMS.isPartOf), s)
            part = v
        if journal and issue:
            i = IRI(f"{part}/issue/{iris.encode(issue, keep_slash=False)}")
            yield i, RDF.type, SCHEMA.PublicationIssue
            yield i, RDF.type, BIBO.Issue
            yield from _both(i, (SCHEMA.issueNumber, BIBO.issue), Lit(issue))
            yield from _both(i, (SCHEMA.isPartOf, DCTERMS.isPartOf), part)
            part = i
        yield from _both(member, (SCHEMA.isPartOf, DCTERMS.isPartOf), part)

    def _book(self, w: IRI, work: Work, book: Container, publisher: IRI | None) -> Iterator[Triple]:
        title = clean(book.name)
        if not title and not book.isbn:
            return
        isbns = [i for i in (normalize_isbn(v) for v in book.isbn) if i]
        host = Work(kind="book", title=title, authors=[], date=work.date)
        if book.editors:
            host.authors = [book.editors[0]]
        b = IRI(f"{self.base}work/{'isbn/' + isbns[0] if isbns else iris.work_key(host)}")
        yield b, RDF.type, SCHEMA.Book
        yield b, RDF.type, BIBO.Book
        if title:
            yield from _both(b, (SCHEMA.name, DCTERMS.title), Lit(title))
        for isbn in isbns:
            yield from _both(b, (SCHEMA.isbn, BIBO.isbn), Lit(isbn))
        if publisher:
            yield from _both(b, (SCHEMA.publisher, DCTERMS.publisher), publisher)
        yield from self._authors(b, book.editors, role=(SCHEMA.editor, BIBO.editor), part="editor")
        yield from _both(w, (SCHEMA.isPartOf, DCTERMS.isPartOf), b)
        if book.series:
            yield from self._series(b, book.series, None)

    def _pages(self, w: IRI, pages: Pages) -> Iterator[Triple]:
        start, end, raw = clean(pages.start), clean(pages.end), clean(pages.raw)
        if start:
            yield from _both(w, (SCHEMA.pageStart, BIBO.pageStart), Lit(start))
        if end:
            yield from _both(w, (SCHEMA.pageEnd, BIBO.pageEnd), Lit(end))
        if raw:
            yield from _both(w, (SCHEMA.pagination, BIBO.pages), Lit(raw))

    def _identifiers(self, work: Work, w: IRI) -> Iterator[Triple]:
        doi = normalize_doi(work.doi)
        if doi:
            yield w, BIBO.doi, Lit(doi)
            yield w, SCHEMA.sameAs, IRI("https://doi.org/" + iris.encode(doi_iri_key(doi)))
            yield from _property_value(w, IRI(f"{w}/id/doi"), "DOI", doi)
        handle = normalize_handle(work.handle)
        if handle:
            yield w, DCTERMS.identifier, Lit(handle)
            yield from _property_value(w, IRI(f"{w}/id/repec"), "RePEc", handle)

    def _file(self, w: IRI, n: int, file: File) -> Iterator[Triple]:
        url = _web(file.url)
        if not url:
            return
        m = IRI(f"{w}/file/{n}")
        yield w, SCHEMA.encoding, m
        yield m, RDF.type, SCHEMA.MediaObject
        yield m, SCHEMA.contentUrl, url
        for prop, value in ((SCHEMA.description, file.function), (SCHEMA.encodingFormat, file.format), (SCHEMA.conditionsOfAccess, file.restriction)):
            value = clean(value)
            if value:
                yield m, prop, Lit(value)
        if file.restricted:
            yield m, SCHEMA.isAccessibleForFree, _FALSE


def _web(url: str | None) -> IRI | None:
    iri = iris.web_iri(url)
    return IRI(iri) if iri else None


def _both(s: IRI, props: tuple[IRI, ...], o: Term) -> Iterator[Triple]:
    for p in props:
        yield s, p, o


def _cites(citing: IRI, cited: IRI) -> Iterator[Triple]:
    yield citing, SCHEMA.citation, cited
    yield citing, BIBO.cites, cited
    yield citing, CITO.cites, cited


def _property_value(w: IRI, node: IRI, kind: str, value: str) -> Iterator[Triple]:
    yield w, SCHEMA.identifier, node
    yield node, RDF.type, SCHEMA.PropertyValue
    yield node, SCHEMA.propertyID, Lit(kind)
    yield node, SCHEMA.value, Lit(value)
