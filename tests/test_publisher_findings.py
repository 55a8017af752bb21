"""Issue 11, publisher pages: held-out findings, each reproduced by a page we wrote (or a real page of
../shared/corpus when present) and fixed."""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import RDF

from rdfbib import iris
from rdfbib.formats import union
from rdfbib.mapping import Mapper
from rdfbib.page import Page
from rdfbib.pipeline import extract, to_dataset
from rdfbib.validate import validate_dataset

SCHEMA = "http://schema.org/"
BIBO = "http://purl.org/ontology/bibo/"


def page(head: str, body: str = "") -> Page:
    return Page(f"<html><head>{head}</head><body>{body}</body></html>", source="p.html")


def meta(name: str, content: str) -> str:
    return f'<meta name="{name}" content="{content}">'


ARTICLE = meta("citation_title", "Invented spectra of small molecules") + meta("citation_author", "Ada Wren") + meta("citation_journal_title", "Journal of Invented Chemistry")


def test_untitled_references_are_stated_keyed_by_journal_volume_page_year() -> None:
    """Physics and chemistry references print no title: a page with 12 kept 5. All are real citations."""
    refs = [
        "citation_journal_title=Chem. Phys. Lett.; citation_author=A. Smith; citation_volume=94; citation_firstpage=443; citation_publication_date=1983",
        "J. P. Perdew, K. Burke, and M. Ernzerhof, Phys. Rev. Lett. 77, 3865 (1996).",
        "Perdew JP, Burke K, Ernzerhof M (1996) Phys Rev Lett 77:3865–3868",
        "citation_journal_title=Chem. Phys. Lett.; citation_volume=94; citation_firstpage=443",  # no year: not enough
    ]
    record = extract(page(ARTICLE + "".join(meta("citation_reference", r) for r in refs)))
    mapper = Mapper()
    w = mapper.work_iri(record.work)
    stated = [iri for _, iri in mapper._related(record.work.references, w)]
    assert len(stated) == 3 and all("work/ref/" in iri for iri in stated)
    assert stated[1] == stated[2]  # one reference in two styles ("Phys. Rev. Lett." and "Phys Rev Lett"): one IRI
    dataset = to_dataset([record])
    assert validate_dataset(dataset).conforms
    graph = union(dataset)
    cited = URIRef(stated[0])
    assert (cited, URIRef(SCHEMA + "pageStart"), None) in graph and (URIRef(w), URIRef(BIBO + "cites"), cited) in graph


def test_the_reference_key_is_the_same_on_two_pages() -> None:
    one = extract(page(ARTICLE + meta("citation_reference", "A. B. Doe, J. Chem. Phys. 98, 5648 (1993).")))
    two = extract(page(meta("citation_title", "Another") + meta("citation_reference", "C. D. Roe, and A. B. Doe, J. Chem. Phys. 98, 5648 (1993).")))
    assert iris.reference_key(one.work.references[0]) == iris.reference_key(two.work.references[0]) is not None


def test_sciencedirect_chemistry_page_states_its_untitled_references(shared) -> None:
    record = extract(shared / "corpus" / "publisher-html" / "sciencedirect-S0009261497040141.html")
    mapper = Mapper()
    stated = list(mapper._related(record.work.references, mapper.work_iri(record.work)))
    assert (len(record.work.references), len(stated)) == (34, 33)  # before: 7 of 34; the one left is only a note


def test_pages_range_given_as_first_page_is_split() -> None:
    w = extract(page(ARTICLE + meta("citation_firstpage", "444-445"))).work
    assert (w.pages.start, w.pages.end, w.pages.raw) == ("444", "445", "444-445")
    ref = extract(page(ARTICLE + meta("citation_reference", "citation_title=T; citation_journal_title=J; citation_firstpage=444-445"))).work.references[0]
    assert (ref.pages.start, ref.pages.end) == ("444", "445")


def test_journal_only_in_dublin_core_or_jsonld() -> None:
    dc = page(meta("dc.title", "Fish") + meta("dc.creator", "Ada Wren") + meta("dc.source", "Journal of Fish 2014, Vol. 19, Pages 51-62"))
    w = extract(dc).work
    assert (w.container.name, w.volume, w.pages.raw) == ("Journal of Fish", "19", "51-62")
    block = ('{"@context":"https://schema.org","@type":"ScholarlyArticle","name":"Fish","author":"Ada Wren",'
             '"isPartOf":[{"@type":"PublicationIssue","issueNumber":"3","isPartOf":{"@type":"Periodical","name":"Journal of Fish"}}]}')
    w = extract(page(f'<script type="application/ld+json">{block}</script>')).work
    assert (w.container.name, w.issue) == ("Journal of Fish", "3")


def test_volume_and_issue_printed_only_in_a_dc_identifier_citation() -> None:
    head = meta("dc.title", "Fish") + meta("dc.creator", "Ada Wren") + meta("dc.identifier", "Journal of Fish Vol. 12 No. 3 (2013) pp. 45-67")
    w = extract(page(head)).work
    assert (w.container.name, w.volume, w.issue, w.pages.raw, w.date.iso()) == ("Journal of Fish", "12", "3", "45-67", "2013")


def test_dataset_and_thesis_types() -> None:
    thesis = extract(page(meta("citation_title", "Odd tilings") + meta("citation_author", "Yara Pell") + meta("citation_dissertation_institution", "Université d'Exemple")))
    assert (thesis.work.kind, thesis.work.publisher) == ("thesis", "Université d'Exemple")
    graph = to_dataset([thesis])
    w = URIRef(Mapper().work_iri(thesis.work))
    assert {o for o in graph.objects(w, RDF.type)} == {URIRef(SCHEMA + "Thesis"), URIRef(BIBO + "Thesis")}
    assert validate_dataset(graph).conforms
    block = '{"@context":"https://schema.org","@type":"Dataset","name":"Readings","creator":[{"@type":"Person","name":"Ann Lee"}],"identifier":"https://doi.org/10.5555/zen.1"}'
    data = extract(page(f'<script type="application/ld+json">{block}</script>'))
    graph = to_dataset([data])
    assert URIRef(SCHEMA + "Dataset") in set(graph.objects(URIRef(Mapper().work_iri(data.work)), RDF.type))
    assert validate_dataset(graph).conforms


def test_group_author_is_an_organization() -> None:
    record = extract(page(meta("dc.title", "Reproducing invented findings") + meta("dc.contributor", "Open Science Collaboration") + meta("dc.identifier", "doi:10.5555/osc.1")))
    author = record.work.authors[0]
    assert (author.name, author.organization, author.family) == ("Open Science Collaboration", True, None)
    graph = to_dataset([record])
    a = URIRef(f"{Mapper().work_iri(record.work)}/author/1")
    assert set(graph.objects(a, RDF.type)) == {URIRef(SCHEMA + "Organization"), URIRef("http://xmlns.com/foaf/0.1/Organization")}
    assert validate_dataset(graph).conforms


def test_group_author_on_the_real_sage_page(shared) -> None:
    record = extract(shared / "corpus" / "publisher-html" / "sage-pps-1745691612462588.html")
    assert [(a.name, a.organization) for a in record.work.authors] == [("Open Science Collaboration", True)]


def test_datacite_doi_linked_in_the_body(shared) -> None:
    """arXiv pages carry no DOI tag; the DataCite DOI is a marked link in the body."""
    assert extract(shared / "corpus" / "publisher-html" / "arxiv-1706.03762.html").work.doi == "10.48550/arXiv.1706.03762"
