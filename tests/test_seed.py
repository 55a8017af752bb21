"""The seed page: every fact it prints is in the graph, stated in both vocabularies."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import XSD

import rdfbib
from rdfbib.formats import union

from .conftest import EXAMPLES

SEED = EXAMPLES / "seed-ideas-nature17038.txt"
W = URIRef("urn:rdfbib:work/repec/nat/nature/v529y2016i7586d10.1038_nature17038")
PREFIXES = """
PREFIX schema: <http://schema.org/>
PREFIX bibo: <http://purl.org/ontology/bibo/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX cito: <http://purl.org/spar/cito/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""
CITING = [
    # (authors, year, title, journal, volume, issue, pages, month)
    (["Rong Xiao", "Deshu Xu", "Meili Zhang", "Zhanghua Chen", "Li Cheng", "Songjie Du", "Mingfei Lu", "Tonghai Zhou", "Ruoyan Li", "Fan Bai", "Yue Huang"], 2024,
     "Aneuploid embryonic stem cells drive teratoma metastasis", "Nature Communications", "15", "1", "1-14", 12),
    (["Huiling Zhou", "Dongsheng Tang", "Yingjie Yu", "Lingpu Zhang", "Bin Wang", "Johannes Karges", "Haihua Xiao"], 2023,
     "Theranostic imaging and multimodal photodynamic therapy and immunotherapy using the mTOR signaling pathway", "Nature Communications", "14", "1", "1-23", 12),
    (["Huapan Fang", "Zhaopei Guo", "Jie Chen", "Lin Lin", "Yingying Hu", "Yanhui Li", "Huayu Tian", "Xuesi Chen"], 2021,
     "Combination of epigenetic regulation with gene therapy-mediated immune checkpoint blockade induces anti-tumour effects and immune response in vivo", "Nature Communications", "12", "1", "1-19", 12),
    (["Zhiyuan Zheng", "Ya-nan Li", "Shanfen Jia", "Mengting Zhu", "Lijuan Cao", "Min Tao", "Jingting Jiang", "Shenghua Zhan", "Yongjing Chen", "Ping-Jin Gao", "Weiguo Hu", "Ying Wang", "Changshun Shao", "Yufang Shi"], 2021,
     "Lung mesenchymal stromal cells influenced by Th2 cytokines mobilize neutrophils and facilitate metastasis by producing complement C3", "Nature Communications", "12", "1", "1-15", 12),
    (["Kaiyuan Wang", "Xuanbo Zhang", "Hao Ye", "Xia Wang", "Zhijin Fan", "Qi Lu", "Songhao Li", "Jian Zhao", "Shunzhe Zheng", "Zhonggui He", "Qianqian Ni", "Xiaoyuan Chen", "Jin Sun"], 2023,
     "Biomimetic nanovaccine-mediated multivalent IL-15 self-transpresentation (MIST) for potent and safe cancer immunotherapy", "Nature Communications", "14", "1", "1-18", 12),
    (["W. Dean Pontius", "Ellen S. Hong", "Zachary J. Faber", "Jeremy Gray", "Craig D. Peacock", "Ian Bayles", "Katreya Lovrenert", "Diana H. Chin", "Berkley E. Gryder", "Cynthia F. Bartels", "Peter C. Scacheri"], 2023,
     "Temporal chromatin accessibility changes define transcriptional states essential for osteosarcoma metastasis", "Nature Communications", "14", "1", "1-15", 12),
    (["Meirion Raymant", "Yuliana Astuti", "Laura Alvaro-Espinosa", "Daniel Green", "Valeria Quaranta", "Gaia Bellomo", "Mark Glenn", "Vatshala Chandran-Gorner", "Daniel H. Palmer", "Christopher Halloran", "Paula Ghan"], 2024,
     "Macrophage-fibroblast JAK/STAT dependent crosstalk promotes liver metastatic outgrowth in pancreatic cancer", "Nature Communications", "15", "1", "1-22", 12),
]


@pytest.fixture(scope="module")
def graph():
    dataset: Dataset = rdfbib.convert(SEED)
    graphs = [g.identifier for g in dataset.graphs() if len(g)]
    assert graphs == [URIRef("urn:rdfbib:record/ideas-text/repec/nat/nature/v529y2016i7586d10.1038_nature17038")]
    return union(dataset)


def values(graph, s, p) -> set:
    return set(graph.objects(s, p))


def test_title_and_types(graph) -> None:
    from rdfbib.vocab import BIBO, DCTERMS, RDF, SCHEMA

    title = Literal("Metastatic colonization by circulating tumour cells")
    assert values(graph, W, SCHEMA.name) == values(graph, W, DCTERMS.title) == {title}
    assert {SCHEMA.ScholarlyArticle, BIBO.AcademicArticle} <= values(graph, W, RDF.type)


def test_authors_in_order_with_affiliations(graph) -> None:
    rows = graph.query(PREFIXES + """
        SELECT ?n ?name ?aff ?role WHERE {
          ?w bibo:authorList ?seq . ?seq ?member ?a . ?w schema:author ?a ; dcterms:creator ?a .
          FILTER(STRSTARTS(STR(?member), STR(rdf:_))) BIND(STRAFTER(STR(?member), "#_") AS ?n)
          ?a a schema:Person ; schema:name ?name .
          OPTIONAL { ?a schema:affiliation ?o . ?o a schema:Organization ; schema:name ?aff . OPTIONAL { ?o schema:description ?role } }
        } ORDER BY ?n ?aff""", initBindings={"w": W})
    got = [(str(n), str(name), str(aff), str(role) if role else None) for n, name, aff, role in rows]
    assert got == [
        ("1", "Joan Massagué", "Cancer Biology and Genetics Program, Memorial Sloan Kettering Cancer Center", None),
        ("2", "Anna C. Obenauf", "Cancer Biology and Genetics Program, Memorial Sloan Kettering Cancer Center", None),
        ("2", "Anna C. Obenauf", "Research Institute of Molecular Pathology, Vienna Biocenter, 1030 Vienna, Austria.", "Present address"),
    ]


def test_abstract(graph) -> None:
    from rdfbib.vocab import BIBO, SCHEMA

    (abstract,) = values(graph, W, SCHEMA.abstract)
    assert abstract == next(iter(values(graph, W, BIBO.abstract)))
    assert str(abstract).startswith("Metastasis is the main cause of death in people with cancer.")
    assert str(abstract).endswith("to better prevent and treat metastatic cancer.")


def test_journal_volume_issue_pages_date(graph) -> None:
    row = list(graph.query(PREFIXES + """
        SELECT ?jname ?pub ?vol ?iss ?start ?end ?pagination ?date ?issued WHERE {
          ?w schema:isPartOf ?i ; dcterms:isPartOf ?i ; bibo:volume ?flatvol ;
             schema:pageStart ?start ; bibo:pageStart ?start ; schema:pageEnd ?end ; bibo:pageEnd ?end ;
             schema:pagination ?pagination ; bibo:pages ?pagination ; schema:datePublished ?date ; dcterms:issued ?issued .
          ?i a schema:PublicationIssue, bibo:Issue ; schema:issueNumber ?iss ; bibo:issue ?iss ; schema:isPartOf ?v .
          ?v a schema:PublicationVolume ; schema:volumeNumber ?vol ; bibo:volume ?vol ; schema:isPartOf ?j .
          ?j a schema:Periodical, bibo:Journal ; schema:name ?jname ; schema:publisher/schema:name ?pub .
        }""", initBindings={"w": W}))
    assert len(row) == 1
    jname, pub, vol, iss, start, end, pagination, date, issued = row[0]
    assert (str(jname), str(pub), str(vol), str(iss)) == ("Nature", "Nature", "529", "7586")
    assert (str(start), str(end), str(pagination)) == ("298", "306", "298-306")
    assert date == issued == Literal("2016-01", datatype=XSD.gYearMonth)


def test_doi_and_handle(graph) -> None:
    from rdfbib.vocab import BIBO, DCTERMS, SCHEMA

    assert values(graph, W, BIBO.doi) == {Literal("10.1038/nature17038")}
    assert URIRef("https://doi.org/10.1038/nature17038") in values(graph, W, SCHEMA.sameAs)
    assert values(graph, W, DCTERMS.identifier) == {Literal("RePEc:nat:nature:v:529:y:2016:i:7586:d:10.1038_nature17038")}
    ids = {(str(k), str(v)) for k, v in graph.query(PREFIXES + "SELECT ?k ?v WHERE { ?w schema:identifier ?i . ?i a schema:PropertyValue ; schema:propertyID ?k ; schema:value ?v }", initBindings={"w": W})}
    assert ids == {("DOI", "10.1038/nature17038"), ("RePEc", "RePEc:nat:nature:v:529:y:2016:i:7586:d:10.1038_nature17038")}
    assert values(graph, W, SCHEMA.url) == {URIRef("https://ideas.repec.org/a/nat/nature/v529y2016i7586d10.1038_nature17038.html")}


def test_files(graph) -> None:
    rows = graph.query(PREFIXES + """
        SELECT ?m ?url ?function ?restriction ?free WHERE { ?w schema:encoding ?m . ?m a schema:MediaObject ; schema:contentUrl ?url .
          OPTIONAL { ?m schema:description ?function } OPTIONAL { ?m schema:conditionsOfAccess ?restriction }
          OPTIONAL { ?m schema:isAccessibleForFree ?free } } ORDER BY ?m""", initBindings={"w": W})
    got = [(str(url), str(function), restriction and str(restriction), None if free is None else free.toPython()) for _, url, function, restriction, free in rows]
    assert got[0] == ("https://www.nature.com/articles/nature17038", "Abstract", "Access to the full text of the articles in this series is restricted.", False)
    assert got[1][0] == "https://libkey.io/10.1038/nature17038?utm_source=ideas"
    assert got[1][1].startswith("LibKey link")
    assert len(got) == 2


def test_all_seven_citing_works(graph) -> None:
    rows = graph.query(PREFIXES + """
        SELECT ?y ?title ?date ?journal ?pub ?vol ?iss ?pages WHERE {
          ?y schema:citation ?w ; bibo:cites ?w ; cito:cites ?w ; schema:name ?title ; schema:datePublished ?date ;
             bibo:volume ?vol ; bibo:issue ?iss ; schema:pagination ?pages ; schema:isPartOf+ ?j .
          ?j a schema:Periodical ; schema:name ?journal ; schema:publisher/schema:name ?pub .
        }""", initBindings={"w": W})
    by_title = {str(r[1]): r for r in rows}
    assert len(by_title) == 7
    for authors, year, title, journal, vol, iss, pages, month in CITING:
        y, _, date, j, pub, v, i, p = by_title[title]
        assert date == Literal(f"{year}-{month:02d}", datatype=XSD.gYearMonth)
        assert (str(j), str(pub), str(v), str(i), str(p)) == (journal, "Nature", vol, iss, pages)
        names = [str(n) for (n,) in graph.query(PREFIXES + """
            SELECT ?name WHERE { ?y bibo:authorList ?seq . ?seq ?m ?a . ?a schema:name ?name . ?y schema:author ?a .
              FILTER(STRSTARTS(STR(?m), STR(rdf:_))) BIND(xsd:integer(STRAFTER(STR(?m), "#_")) AS ?n) } ORDER BY ?n""",
            initBindings={"y": y}, initNs={"xsd": XSD})]
        assert names == authors
