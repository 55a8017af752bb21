"""The HTML pages of ``rdfbib serve``, read with lxml from a real server and checked against the store."""

from __future__ import annotations

from urllib.parse import urljoin

import pyoxigraph as ox
import pytest
import requests
from lxml import html

from tests.served import Site, served  # noqa: F401 (served: a fixture)

S = "http://schema.org/"
HTML = {"Accept": "text/html"}
JINVEC = "work/repec/eee/jinvec/v41y2022i3p211-239"
MOSS = "work/doi/10.5555/s12345-019-0007-1"


def page(url: str) -> html.HtmlElement:
    response = requests.get(url, headers=HTML, timeout=60)
    assert response.status_code == 200, url
    assert response.headers["Content-Type"].startswith("text/html")
    return html.fromstring(response.content)


def texts(root: html.HtmlElement, xpath: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in root.xpath(xpath)]


def section(root: html.HtmlElement, heading_id: str) -> list[str]:
    return texts(root, f"//section[@aria-labelledby='{heading_id}']//li")


def one(site_: Site, query: str) -> str:
    return site_.select(query)[0][0]


def records(site_: Site) -> set[str]:
    """Works with a record of their own: graph record/{reader}/{key} holds work/{key}."""
    prefix = site_.base + "record/"
    return {site_.base + "work/" + g.value[len(prefix) :].partition("/")[2] for g in site_.store().named_graphs() if g.value.startswith(prefix)}


def test_home_counts_and_search(served: Site) -> None:
    root = page(served.base)
    counts = dict(zip(texts(root, "//dl[@class='counts']//dt"), texts(root, "//dl[@class='counts']//dd")))
    assert counts["Persons"] == one(served, f"SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {{ ?p a <{S}Person> }}")
    assert counts["Journals"] == one(served, f"SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {{ ?p a <{S}Periodical> }}")
    assert root.xpath("//label[@for='q']") and root.xpath("//input[@id='q']")
    found = page(served.base + "?q=GRANITE")
    titles = texts(found, "//ul[@id='works']/li")
    expected = sorted({row[0] for row in served.select("SELECT ?t WHERE { ?w <http://purl.org/dc/terms/title> ?t FILTER(CONTAINS(LCASE(?t), 'granite')) }")}, key=str.casefold)
    assert titles == expected and titles


def test_work_page_shows_the_store(served: Site) -> None:
    work = served.base + JINVEC
    root = page(work)
    assert texts(root, "//h1") == [one(served, f"SELECT ?t WHERE {{ <{work}> <{S}name> ?t }}")]
    in_order = served.select(f"SELECT ?n WHERE {{ <{work}> <http://purl.org/ontology/bibo/authorList> ?l . ?l ?m ?a . ?a <{S}name> ?n FILTER(STRSTARTS(STR(?m), 'http://www.w3.org/1999/02/22-rdf-syntax-ns#_')) BIND(<http://www.w3.org/2001/XMLSchema#integer>(STRAFTER(STR(?m), '#_')) AS ?i) }} ORDER BY ?i")
    assert texts(root, "//ol[@id='authors']/li/a[1]") == [row[0] for row in in_order]
    affiliations = texts(root, "//ol[@id='authors']/li[2]/span[@class='affiliations']")[0]
    for (name,) in served.select(f"SELECT ?n WHERE {{ <{work}/author/2> <{S}affiliation>/<{S}name> ?n }}"):
        assert name in affiliations
    facts = dict(zip(texts(root, "//dl[@class='facts']/dt"), texts(root, "//dl[@class='facts']/dd")))
    assert facts["Journal or series"] == "Journal of Invented Economics" and facts["Volume"] == "41" and facts["Issue"] == "3" and facts["Pages"] == "211-239"
    assert facts["DOI"] == one(served, f"SELECT ?d WHERE {{ <{work}> <http://purl.org/ontology/bibo/doi> ?d }}")
    assert root.xpath("//a[@href='https://doi.org/10.1016/j.jinvec.2022.01.004']")
    assert root.xpath("//a[@href='https://econpapers.repec.org/RePEc:eee:jinvec:v:41:y:2022:i:3:p:211-239']")
    assert texts(root, "//p[@id='abstract']") == [one(served, f"SELECT ?a WHERE {{ <{work}> <{S}abstract> ?a }}")]
    downloads = {row[0] for row in served.select(f"SELECT ?u WHERE {{ <{work}> <{S}encoding>/<{S}contentUrl> ?u }}")}
    assert set(root.xpath("//section[@aria-labelledby='downloads']//a/@href")) == downloads and downloads
    for (code,) in served.select(f"SELECT ?c WHERE {{ <{work}> <{S}about>/<{S}termCode> ?c }}"):
        assert any(j.startswith(code + " ") for j in texts(root, "//span[@class='jel']"))
    cited = sorted(row[0] for row in served.select(f"SELECT ?t WHERE {{ <{work}> <{S}citation>/<{S}name> ?t }}"))
    assert sorted(section(root, "references")) == cited and cited
    citing = sorted(row[0] for row in served.select(f"SELECT ?t WHERE {{ ?c <{S}citation> <{work}> ; <{S}name> ?t }}"))
    assert sorted(section(root, "citing")) == citing and citing
    assert section(root, "versions") == [one(served, f"SELECT ?t WHERE {{ <{work}> <{S}workExample>/<{S}name> ?t }}")]
    bibtex, ris = texts(root, "//pre[@id='bibtex']")[0], root.xpath("//pre[@id='ris']")[0].text_content()
    assert bibtex.startswith("@article{") and "journal = {Journal of Invented Economics}" in bibtex and "pages = {211--239}" in bibtex
    assert ris.startswith("TY  - JOUR\n") and ris.count("\nAU  - ") == len(in_order) and ris.endswith("ER  - \n")


def test_each_fact_once(served: Site) -> None:
    for path in (JINVEC, MOSS):
        root = page(served.base + path)
        for items in (section(root, "references"), section(root, "citing"), texts(root, "//ol[@id='authors']/li/a[1]")):
            assert len(items) == len(set(items))
        facts = texts(root, "//dl[@class='facts']/dd")
        assert len(facts) == len(set(facts))


def test_links_follow_records(served: Site) -> None:
    """A cited or citing work is linked when it has a record of its own (directly or through rdfbib link's
    sameAs), and every internal link answers."""
    own = records(served)
    target = served.base + "work/doi/10.1146/annurev-economics-063016-103713"
    root = page(target)
    citing = root.xpath("//section[@aria-labelledby='citing']//a/@href")
    assert served.base + "work/repec/cwl/cwldpp/2163" in citing and all(c in own for c in citing)
    jinvec = page(served.base + JINVEC)
    unlinked = jinvec.xpath("//section[@aria-labelledby='references']//li[not(a)]")
    assert unlinked  # cited works known only by their citation strings
    for href in {h for h in jinvec.xpath("//a/@href") if h.startswith(served.base)}:
        assert requests.get(href, headers=HTML, timeout=60).status_code == 200, href


def test_author_links_to_other_works(served: Site) -> None:
    root = page(served.base + MOSS)
    first = root.xpath("//ol[@id='authors']/li[1]")[0]
    same = one(served, f"SELECT ?s WHERE {{ <{served.base}{MOSS}/author/1> <{S}sameAs> ?s }}")
    others = sorted(row[0] for row in served.select(f"SELECT DISTINCT ?t WHERE {{ ?a <{S}sameAs> <{same}> . ?w <{S}author> ?a ; <{S}name> ?t FILTER(?w != <{served.base}{MOSS}>) }}"))
    assert sorted(texts(first, ".//details//li")) == others and others
    person = page(urljoin(served.base, first.xpath("./a/@href")[0]))
    assert len(texts(person, "//section[@aria-labelledby='works']//li")) == len(others) + 1


def test_person_organisation_series_pages(served: Site) -> None:
    person = page(served.base + "person/repec/pva77")
    assert texts(person, "//h1") == ["Ines Varga-Lindqvist"]
    made = served.select(f"SELECT ?w WHERE {{ <{served.base}person/repec/pva77> <http://xmlns.com/foaf/0.1/made> ?w }}")
    assert len(section(person, "works")) >= len(made) > 0
    assert "https://authors.repec.org/pro/pva77" in person.xpath("//a/@href")
    org = page(served.base + "org/edirc/dequay")
    members = served.select(f"SELECT DISTINCT ?a WHERE {{ ?a <{S}affiliation> <{served.base}org/edirc/dequay> }}")
    assert len(section(org, "members")) == len(members) > 0
    series = page(served.base + "series/repec/eee/jinvec")
    works = served.select(f"SELECT DISTINCT ?t WHERE {{ ?w <{S}isPartOf>+ <{served.base}series/repec/eee/jinvec> ; <{S}name> ?t ; <http://purl.org/dc/terms/title> ?t }} ORDER BY ?t")
    assert section(series, "works") == [row[0] for row in works]


@pytest.mark.parametrize("path", ["", "?q=moss", "sparql", JINVEC, MOSS, "person/repec/pva77", "org/edirc/dequay", "series/repec/eee/jinvec", MOSS + "/authors"])
def test_pages_are_accessible_and_offline(served: Site, path: str) -> None:
    """One h1, no skipped heading levels, labelled inputs, a language, a phone viewport, nothing from elsewhere."""
    root = page(served.base + path)
    assert root.get("lang") == "en" and root.xpath("//meta[@name='viewport']")
    assert len(root.xpath("//h1")) == 1
    levels = [int(h.tag[1]) for h in root.iter("h1", "h2", "h3", "h4")]
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:]))
    for field in root.xpath("//input[not(@type='hidden')]"):
        assert root.xpath(f"//label[@for='{field.get('id')}']")
    for url in root.xpath("//link/@href | //script/@src | //img/@src"):
        assert url.startswith(served.base)
    css = requests.get(served.base + "static/style.css", timeout=60)
    assert css.status_code == 200 and "http" not in css.text.replace("http(s)", "")
