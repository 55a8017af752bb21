"""The mapper on hand-built records: one test per row of DESIGN.md's vocabulary table."""

from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from rdfbib.pipeline import to_dataset
from rdfbib.formats import union
from rdfbib.model import Affiliation, Author, Container, File, Pages, PartialDate, Record, Subject, Work
from rdfbib.vocab import BIBO, CITO, DCTERMS, FOAF, RDF, SCHEMA

from .vocab import unknown_terms

BASE = "https://example.org/bib/"


def graph_of(work: Work, reader: str = "test") -> Graph:
    graph = union(to_dataset([Record(work, reader, "test")], base=BASE))
    assert not any(isinstance(t, BNode) for triple in graph for t in triple)
    assert unknown_terms(graph) == set()
    return graph


def iri(path: str) -> URIRef:
    return URIRef(BASE + path)


@pytest.mark.parametrize(
    "kind, types",
    [
        ("article", {SCHEMA.ScholarlyArticle, BIBO.AcademicArticle}),
        ("paper", {SCHEMA.Report, BIBO.Report}),
        ("chapter", {SCHEMA.Chapter, BIBO.Chapter}),
        ("book", {SCHEMA.Book, BIBO.Book}),
        ("software", {SCHEMA.SoftwareSourceCode, BIBO.Document}),
        ("other", {SCHEMA.CreativeWork, BIBO.Document}),
        ("nonsense", {SCHEMA.CreativeWork, BIBO.Document}),
    ],
)
def test_kinds(kind: str, types: set) -> None:
    g = graph_of(Work(kind=kind, title="T", handle="RePEc:abc:defghi:1"))
    assert set(g.objects(iri("work/repec/abc/defghi/1"), RDF.type)) == types


def test_paper_in_series_with_report_number() -> None:
    work = Work(kind="paper", title="T", handle="RePEc:nbr:nberwo:20841", number="20841",
                container=Container("series", "NBER Working Papers", handle="nbr/nberwo", publisher="National Bureau of Economic Research, Inc."),
                date=PartialDate(2014, 12))
    g = graph_of(work)
    w, s = iri("work/repec/nbr/nberwo/20841"), iri("series/repec/nbr/nberwo")
    assert (w, SCHEMA.reportNumber, Literal("20841")) in g
    assert (w, SCHEMA.isPartOf, s) in g and (w, DCTERMS.isPartOf, s) in g
    assert set(g.objects(s, RDF.type)) == {SCHEMA.CreativeWorkSeries, BIBO.Series}
    assert (s, SCHEMA.name, Literal("NBER Working Papers")) in g
    (p,) = set(g.objects(s, SCHEMA.publisher))
    assert str(p).startswith(BASE + "org/name/") and (p, SCHEMA.name, Literal("National Bureau of Economic Research, Inc.")) in g
    assert (w, SCHEMA.datePublished, Literal("2014-12", datatype=XSD.gYearMonth)) in g


def test_chapter_in_book_with_editors() -> None:
    work = Work(kind="chapter", title="A chapter", authors=[Author("Ann Author")], date=PartialDate(2010),
                container=Container("book", "The Book", editors=[Author("Eddy Editor"), Author("Second, Ed", given="Ed", family="Second")], publisher="Elsevier",
                                    series=Container("series", "NBER Chapters", handle="nbr/nberch")),
                pages=Pages("55-90", "55", "90"))
    g = graph_of(work)
    (w,) = set(g.subjects(RDF.type, SCHEMA.Chapter))
    (b,) = set(g.objects(w, SCHEMA.isPartOf))
    assert set(g.objects(b, RDF.type)) == {SCHEMA.Book, BIBO.Book}
    assert (b, SCHEMA.name, Literal("The Book")) in g
    editors = list(g.objects(b, SCHEMA.editor))
    assert len(editors) == 2 and set(editors) == set(g.objects(b, BIBO.editor))
    seq = next(g.objects(b, BIBO.editorList))
    assert (b, SCHEMA.isPartOf, iri("series/repec/nbr/nberch")) in g
    assert (iri("series/repec/nbr/nberch"), RDF.type, SCHEMA.CreativeWorkSeries) in g
    assert g.value(seq, RDF._1) == URIRef(f"{b}/editor/1") and (URIRef(f"{b}/editor/2"), SCHEMA.familyName, Literal("Second")) in g


def test_journal_without_handle_keyed_by_issn_then_name() -> None:
    by_issn = graph_of(Work(kind="article", title="T", doi="10.1/x", container=Container("journal", "J", issn=["0028-0836"]), volume="1"))
    assert (iri("series/issn/0028-0836"), RDF.type, SCHEMA.Periodical) in by_issn
    assert (iri("series/issn/0028-0836"), SCHEMA.issn, Literal("0028-0836")) in by_issn
    by_name = graph_of(Work(kind="article", title="T", doi="10.1/x", container=Container("journal", "J", issn=["0028-0837"]), issue="3"))
    (s,) = set(by_name.subjects(RDF.type, SCHEMA.Periodical))
    assert str(s).startswith(BASE + "series/name/")
    assert (URIRef(f"{s}/issue/3"), SCHEMA.isPartOf, s) in by_name


def test_people_affiliations_and_links() -> None:
    work = Work(kind="article", title="T", handle="RePEc:abc:defghi:1", authors=[
        Author("Liu, Yan", given="Yan", family="Liu", repec_id="pli12", orcid="https://orcid.org/0000-0002-1825-0097",
               affiliations=[Affiliation("NBER", edirc="nbernus"), Affiliation("Elsewhere", role="Present address")],
               notes=["These authors contributed equally to this work."]),
        Author("Bo Wang", orcid="0000-0002-1825-0098"),
    ])
    g = graph_of(work)
    a1, a2 = iri("work/repec/abc/defghi/1/author/1"), iri("work/repec/abc/defghi/1/author/2")
    assert set(g.objects(a1, SCHEMA.sameAs)) == {URIRef("https://authors.repec.org/pro/pli12"), URIRef("https://orcid.org/0000-0002-1825-0097")}
    assert set(g.objects(a2, SCHEMA.sameAs)) == set()  # bad ORCID check digit: no link
    assert (a1, FOAF.givenName, Literal("Yan")) in g and (a2, SCHEMA.givenName, None) not in g
    assert (a1, SCHEMA.description, Literal("These authors contributed equally to this work.")) in g
    edirc = iri("org/edirc/nbernus")
    assert (a1, SCHEMA.affiliation, edirc) in g and (edirc, SCHEMA.sameAs, URIRef("https://edirc.repec.org/data/nbernus.html")) in g
    other = URIRef(f"{a1}/affiliation/2")
    assert (other, SCHEMA.name, Literal("Elsewhere")) in g and (other, SCHEMA.description, Literal("Present address")) in g


def test_files_subjects_keywords_versions_and_citations() -> None:
    cited = Work(kind="paper", title="Cited paper", authors=[Author("C One")], date=PartialDate(2001), citation="C One, 2001. \"Cited paper,\" ...")
    citing = Work(kind="article", title="Citing", url="https://ideas.repec.org/a/eee/ecolet/v1y2020i1p1.html")
    version = Work(kind="paper", title="Earlier version", handle="RePEc:nbr:nberwo:1")
    work = Work(kind="article", title="T", handle="RePEc:abc:defghi:1",
                files=[File("https://x.org/a.pdf", function="Full text", format="application/pdf", restriction="Subscribers only", restricted=True),
                       File("ftp://x.org/b.pdf"), File("https://x.org/free.pdf", restriction=None, restricted=False)],
                subjects=[Subject("G21", "Banks")], keywords=["banks", " ", "risk"],
                references=[cited], cited_by=[citing], versions=[version])
    g = graph_of(work)
    w = iri("work/repec/abc/defghi/1")
    assert len(set(g.objects(w, SCHEMA.encoding))) == 2  # the ftp link is dropped
    m = URIRef(f"{w}/file/1")
    assert (m, SCHEMA.isAccessibleForFree, Literal(False)) in g and (m, SCHEMA.encodingFormat, Literal("application/pdf")) in g
    assert (URIRef(f"{w}/file/3"), SCHEMA.isAccessibleForFree, None) not in g
    jel = URIRef("http://zbw.eu/beta/external_identifiers/jel#G21")
    assert (w, SCHEMA.about, jel) in g and (w, DCTERMS.subject, jel) in g and (jel, SCHEMA.termCode, Literal("G21")) in g
    assert set(g.objects(w, SCHEMA.keywords)) == {Literal("banks"), Literal("risk")}
    (x,) = set(g.objects(w, CITO.cites))
    assert str(x).startswith(BASE + "work/cite/") and (w, BIBO.cites, x) in g and (w, SCHEMA.citation, x) in g
    assert (x, DCTERMS.bibliographicCitation, None) in g
    y = iri("work/repec/eee/ecolet/v1y2020i1p1")
    assert (y, CITO.cites, w) in g and (w, CITO.cites, y) not in g
    assert (w, SCHEMA.workExample, iri("work/repec/nbr/nberwo/1")) in g


def test_untitled_related_works_are_left_out() -> None:
    g = graph_of(Work(kind="article", title="T", handle="RePEc:abc:defghi:1", references=[Work(citation="garbage")]))
    assert (None, CITO.cites, None) not in g


def test_hostile_strings_make_valid_output() -> None:
    import pyoxigraph as ox

    from rdfbib.formats import serialize

    nasty = 'x"\\ <>{}|^`\x00\x07\ud800 """ \u202e \u0301 '
    work = Work(kind="article", title=nasty, volume=nasty, issue=nasty, authors=[Author(nasty, affiliations=[Affiliation(nasty)])],
                container=Container("journal", nasty, handle=nasty), pages=Pages(nasty, nasty, nasty), number=nasty,
                url="https://x.org/" + nasty, files=[File("https://x.org/" + nasty, function=nasty)], keywords=[nasty], subjects=[Subject("G21", nasty)])
    dataset = to_dataset([Record(work, "te st/<x>", "test")])
    for fmt, oxfmt in (("nq", ox.RdfFormat.N_QUADS), ("turtle", ox.RdfFormat.TURTLE), ("xml", ox.RdfFormat.RDF_XML), ("json-ld", ox.RdfFormat.JSON_LD), ("trig", ox.RdfFormat.TRIG)):
        assert list(ox.parse(serialize(dataset, fmt), format=oxfmt))


def test_jsonld_keeps_iris_that_compact_to_a_fake_scheme() -> None:
    import json

    from rdfbib.formats import serialize

    work = Work(kind="article", title="T", handle="RePEc:abc:defghi:1", url="http://www.w3.org/ns/prov#//x")
    dataset = to_dataset([Record(work, "test", "test")])
    data = serialize(dataset, "json-ld")
    assert '"http://www.w3.org/ns/prov#//x"' in data.decode()
    parsed = Graph().parse(data=data, format="json-ld")
    assert (None, SCHEMA.url, URIRef("http://www.w3.org/ns/prov#//x")) in parsed
    assert json.loads(data)["@graph"]


def test_provenance_graph_is_separate_and_conforms() -> None:
    from importlib.resources import files

    from pyshacl import validate
    from rdflib.namespace import PROV

    work = Work(kind="article", title="T", handle="RePEc:abc:defghi:1", url="https://ideas.repec.org/a/abc/defghi/1.html")
    plain = to_dataset([Record(work, "ideas-text", "test")], base=BASE)
    dataset = to_dataset([Record(work, "ideas-text", "test")], base=BASE, provenance=True)
    record_graph = iri("record/ideas-text/repec/abc/defghi/1")
    prov = dataset.graph(iri("provenance"))
    assert (record_graph, PROV.wasDerivedFrom, URIRef("https://ideas.repec.org/a/abc/defghi/1.html")) in prov
    (stamp,) = set(prov.objects(record_graph, PROV.generatedAtTime))
    assert stamp.datatype == XSD.dateTime and stamp.toPython().utcoffset().total_seconds() == 0
    (agent,) = set(prov.objects(record_graph, PROV.wasAttributedTo))
    assert (agent, RDF.type, PROV.SoftwareAgent) in prov
    assert set(dataset.graph(record_graph)) == set(plain.graph(record_graph))  # no timestamp in the record graph
    assert unknown_terms(prov) == set()
    shapes = Graph().parse(data=files("rdfbib.ontology").joinpath("shapes.ttl").read_text(encoding="utf-8"), format="turtle")
    conforms, _, text = validate(union(dataset), shacl_graph=shapes, advanced=True)
    assert conforms, text
