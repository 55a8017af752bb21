"""The publisher landing-page reader on small synthetic pages: every fixture's fields, each syntax
alone and in conflict (the precedence of ``rdfbib/readers/publisher.py``), each date format, each
``citation_reference`` style, each DOI quirk, the ScienceDirect adapter, pages that are not articles,
DOI-keyed IRIs and linear time.

Which real layout each fixture follows is said in the comment at the top of the fixture
(``tests/fixtures/publisher-html/``); the inline pages below are built from the same real quirks
(``../shared/PUBLISHER-PAGES.md``) with invented titles and names.
"""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

from rdfbib import dates
from rdfbib.dates import parse_date
from rdfbib.errors import ReaderError, UnsupportedPageError
from rdfbib.mapping import Mapper
from rdfbib.model import Record
from rdfbib.page import Page
from rdfbib.readers import detect, get
from rdfbib.readers import _highwire
from rdfbib.readers._highwire import reference
from rdfbib.vocab import SCHEMA

from .counting import grows_linearly

FIXTURES = Path(__file__).parent / "fixtures" / "publisher-html"
READER = get("publisher-html")


def read_fixture(name: str) -> Record:
    path = FIXTURES / name
    page = Page.from_bytes(path.read_bytes(), source=path.name)
    assert detect(page).name == "publisher-html"
    return READER.read(page)


def html_page(head: str, body: str = "<p>text</p>") -> Page:
    return Page(f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>", source="inline")


def meta(name: str, content: str) -> str:
    return f'<meta name="{name}" content="{content}">'


def authors(record: Record) -> list[tuple]:
    return [(a.name, a.given, a.family, [x.name for x in a.affiliations], a.orcid, a.email) for a in record.work.authors]


# --- fixtures ---------------------------------------------------------------------------------


def test_highwire_journal_fixture() -> None:
    record = read_fixture("highwire-journal.html")
    w = record.work
    assert (w.kind, w.title) == ("article", "Quiet lattices in warm brine")
    # A I I e, A e I, A I o: institutions, e-mail and ORCID go to the nearest preceding author.
    assert authors(record) == [
        ("Orla Venn", None, None, ["Department of Salt, Example University, Eastfield", "Brine Institute, Westfield"], None, "orla.venn@example.org"),
        ("Tamsin Kells", None, None, ["Lattice Laboratory, Northfield"], None, "t.kells@example.org"),
        ("E. Schrödinger-Bray", None, None, ["Lattice Laboratory, Northfield"], "0000-0002-1825-0097", None),
    ]
    assert (w.container.kind, w.container.name, w.container.issn, w.container.publisher) == ("journal", "Journal of Invented Results", ["0028-0836"], "Example Press")
    assert (w.volume, w.issue, w.pages.raw, w.pages.start, w.pages.end) == ("12", "3", "101-117", "101", "117")
    assert w.doi == "10.5555/jir.2021.0042"
    assert w.date.iso() == "2021-06" and w.notes == ["Published online 2021-04-02"]
    assert any("2021-06 (citation_publication_date) kept" in m and "2021-04-02 (citation_online_date)" in m for m in record.warnings)
    assert any("1 citation_reference tags name no cited work" in m for m in record.warnings)
    assert w.keywords == ["brine", "lattices", "quiet"] and w.language == "en"
    assert w.url == "https://journal.example.org/articles/jir.2021.0042"
    assert [(f.url, f.format) for f in w.files] == [("https://journal.example.org/articles/jir.2021.0042.pdf", "application/pdf")]
    refs = w.references
    assert [(r.kind, r.title, [a.name for a in r.authors], r.container.name, r.volume, r.pages.raw, r.date.iso(), r.doi) for r in refs] == [
        ("article", "Brine at rest", ["Marsh A", "Reed B C"], "Salt Lett.", "7", "11-19", "2015", "10.5555/sl.2015.7"),
        ("article", "Warm lattices", ["JQ Fenn", "RS Holt", "AB Quill"], "Lattice Rev.", "3", "157-164", "2018", "10.5555/lr.2018.3"),
        ("article", "Quiet crystals in cold water", ["Ashby, K."], "Invent. Chem.", "9", "21–30", "2019", None),
    ]


def test_dublincore_atypon_fixture() -> None:
    record = read_fixture("dublincore-atypon.html")
    w = record.work
    assert (w.kind, w.title) == ("article", "Slow rivers: a survey")
    assert [a.name for a in w.authors] == ["Ilse Marrow", "B. K. Tull"]  # odd spaces folded
    # The internal number and the DOI URL in dc.Source are not DOIs; the printed citation gives the issue.
    assert w.doi == "10.5555/00221234.2013.771234"
    assert (w.container.name, w.volume, w.issue, w.pages.start, w.pages.end) == ("Journal of Made-up Hydrology", "31", "2-4", "210", "228")
    assert w.container.publisher == "Example & Sons Group"
    assert w.date.iso() == "2013-07" and w.notes == ["Published online 2013-04-24"]
    assert w.keywords == ["rivers", "slowness", "surveys"]


def test_prism_jsonld_fixture() -> None:
    w = read_fixture("prism-jsonld.html").work
    assert (w.kind, w.title, w.doi, w.volume, w.issue, w.pages.raw) == ("article", "Moss on granite", "10.5555/s12345-019-0007-1", "44", "2", "77-89")
    assert w.container.issn == ["1572-8900", "1566-2543"] and w.container.publisher == "Example Nature"
    # JSON-LD authors win over dc.creator; their split names come from dc.creator by position.
    assert [(a.name, a.given, a.family, [x.name for x in a.affiliations], a.orcid, a.email) for a in w.authors] == [
        ("Nia Alder", "Nia", "Alder", ["Moss Unit, Example University, Eastfield"], "0000-0002-1825-0097", "nia.alder@example.org"),
        ("Oskar Birch", "Oskar", "Birch", ["Granite Survey, Westfield"], None, None),
    ]
    assert w.date.iso() == "2019-02-11" and w.keywords == ["moss", "granite"]


def test_jsonld_graph_fixture() -> None:
    w = read_fixture("jsonld-graph.html").work
    assert (w.kind, w.title, w.doi, w.container.name, w.date.iso(), w.abstract) == (
        "article", "Owl calls at dusk", "10.5555/orn.2020.12", "Invented Ornithology", "2020-12-01", "Owls call at dusk."
    )
    assert [(a.name, a.given, a.family, a.orcid, [x.name for x in a.affiliations]) for a in w.authors] == [
        ("R. Hollin", None, None, "0000-0002-1825-0097", ["Night Bird Station"]),
        ("Sorrel, Mae", "Mae", "Sorrel", None, []),
    ]


def test_microdata_dlib_fixture() -> None:
    record = read_fixture("microdata-dlib.html")
    w = record.work
    assert (w.kind, w.title, w.doi, w.date.iso(), w.authors) == ("article", "Volunteers in Small Archives", "10.5555/june2018-fenwick", "2018-06-15", [])
    assert "authors: not found on the page" in record.warnings


def test_rdfa_plos2013_fixture() -> None:
    w = read_fixture("rdfa-plos2013.html").work
    # Own text of each person, without the nested "mail" label or the list comma; the repeat dropped.
    assert (w.title, [a.name for a in w.authors], w.kind) == ("An Invented Goby from Nowhere", ["Karl Fenner", "Lea Moor"], "other")


def test_sciencedirect_fixture() -> None:
    w = read_fixture("sciencedirect.html").work
    # Page JSON gives the authors; the second, with no cross-ref, shares the group's affiliation.
    assert [(a.name, a.given, a.family, [x.name for x in a.affiliations], a.orcid, a.email) for a in w.authors] == [
        ("Ines Quarry", "Ines", "Quarry", ["Kelp Station, Example University, Northfield"], "0000-0002-1825-0097", "ines.quarry@example.org"),
        ("Pavel Rook", "Pavel", "Rook", ["Kelp Station, Example University, Northfield"], None, None),
    ]
    assert (w.container.name, w.volume, w.pages.raw, w.date.iso(), w.notes) == ("Invented Studies in Marine Science", "55", "102530", "2022-09-01", ["Published online 2022-07-08"])
    refs = [(r.kind, r.title, [a.name for a in r.authors], r.container and r.container.name, r.volume, r.issue, r.pages and r.pages.raw, r.date and r.date.iso(), r.doi, r.publisher)
            for r in w.references]
    assert refs == [
        ("article", "Drift of Laminaria in bays", ["Arn, T.", "Boyle, C.R."], "Invented Mar. Lett.", "12", "2", "34-41", "2019", "10.5555/iml.2019.12.34", None),
        ("book", "Cold Bays", ["Cole, D."], None, None, None, None, "2001", None, "Example Press"),
        ("other", "Kelp notes. Unpublished report", ["Dunn, E."], None, None, None, None, "2020", None, None),
    ]
    assert w.references[0].citation == "Arn, T., Boyle, C.R., 2019. Drift of Laminaria in bays. Invented Mar. Lett. 12 (2), 34-41."
    assert w.references[2].citation == "Dunn, E., 2020. Kelp notes. Unpublished report."


def test_conference_fixture_is_a_chapter_in_the_proceedings() -> None:
    w = read_fixture("conference-usenix.html").work
    assert (w.kind, w.container.kind, w.container.name, w.container.isbn) == ("chapter", "book", "3rd Example Symposium on Tiny Queues (TQ 22)", ["9781939133274"])
    assert (w.pages.raw, w.date.iso()) == ("779-805", "2022")
    assert [(a.name, [x.name for x in a.affiliations], a.email) for a in w.authors] == [
        ("Dara Quill", ["Example Institute of Technology"], "dara@example.edu"),
        ("Femi Lark", ["Invented University"], "femi@example.edu"),
    ]


def test_report_fixture_is_a_numbered_paper() -> None:
    w = read_fixture("report-nber.html").work
    assert (w.kind, w.number, w.publisher, w.container, w.doi, w.date.iso()) == ("paper", "w99999", "Example Bureau of Economic Research", None, "10.5555/w99999", "2025-05-26")
    assert w.url == "https://www.example.org/papers/w99999"


def test_thesis_fixture_is_a_thesis_published_by_its_institution() -> None:
    record = read_fixture("thesis-hal.html")
    w = record.work
    assert (w.kind, w.publisher, w.doi, w.date.iso()) == ("thesis", "Université d'Exemple", None, "2015-02-09")
    assert w.notes == ["Published online 2019-03-29"]
    assert authors(record) == [("Yara Pell", None, None, ["Laboratoire des Formes Impaires"], None, None)]
    assert w.keywords == ["tiling", "odd shapes", "pavage", "formes impaires"]


def test_arxiv_fixture_is_an_eprint_paper() -> None:
    w = read_fixture("arxiv-eprint.html").work
    # the DataCite DOI linked in the body (arXiv's "arxivdoi" cell), not the DOI of a work the abstract cites
    assert (w.kind, w.number, w.container.kind, w.container.name, w.doi) == ("paper", "arXiv:2101.00001", "series", "arXiv", "10.48550/arXiv.2101.00001")
    assert [(a.given, a.family) for a in w.authors] == [("Ada", "Wren"), ("Bo", "Finch")]
    assert w.date.iso() == "2021-01-04"


def test_citation_authors_and_euclid_fixture() -> None:
    record = read_fixture("citation-authors-euclid.html")
    w = record.work
    assert [(a.given, a.family) for a in w.authors] == [("Ivo", "Holm"), ("Ann", "Kestrel"), ("Jos", "van der Berg")]
    assert w.doi == "10.5555/aie/1391100001"  # from dc.Identifier; citation_doi holds a site id
    assert any("citation_doi 'aie/1391100001' is not a DOI" in m for m in record.warnings)
    assert (w.issue, w.date.iso()) == ("3/4", "2014-03")


# --- detection and pages that are not articles -----------------------------------------------


@pytest.mark.parametrize(
    ("name", "reason"),
    [("cloudflare.html", "bot challenge"), ("homepage.html", "no citation_*, Dublin Core, PRISM, JSON-LD or microdata record")],
)
def test_not_an_article(name: str, reason: str) -> None:
    page = Page.from_bytes((FIXTURES / "bad" / name).read_bytes(), source=name)
    with pytest.raises(UnsupportedPageError, match="not a bibliographic page"):
        detect(page)
    with pytest.raises(ReaderError, match=re.escape(reason)):
        READER.read(page)


def test_text_pages_and_plain_html_do_not_match() -> None:
    assert not READER.matches(Page("citation_title = not html at all\n" * 3))
    assert not READER.matches(html_page("<title>A blog</title>" + meta("description", "About things")))
    # A DC title alone is a web page's title, not a work: a creator is needed too.
    assert not READER.matches(html_page(meta("dc.title", "Home")))
    assert READER.matches(html_page(meta("dc.title", "A work") + meta("dc.creator", "Ann Author")))


# --- each syntax alone ------------------------------------------------------------------------


def test_highwire_alone_with_uppercase_tags_and_content_first_attributes() -> None:
    page = html_page('<META NAME="Citation_Title" CONTENT="Upper &amp; lower"><meta content=Ann name=citation_author>')
    assert READER.matches(page)
    w = READER.read(page).work
    assert (w.title, [a.name for a in w.authors], w.kind) == ("Upper & lower", ["Ann"], "other")


def test_dublin_core_alone_ojs_qualified_names() -> None:
    page = html_page(
        meta("DC.Title", "Open journals")
        + meta("DC.Creator.PersonalName", "Cal Lin")
        + meta("DC.Identifier", "10274")
        + meta("DC.Identifier.DOI", "10.5555/fm.v25i10.10274")
        + meta("DC.Date.created", "2020-09-10")
        + meta("DC.Date.issued", "2020-10-01")
        + meta("DC.Source", "Invented Monday")
        + meta("DC.Source.ISSN", "1396-0466")
        + meta("DC.Type.articleType", "Articles")
    )
    w = READER.read(page).work
    assert (w.title, w.authors[0].name, w.doi, w.date.iso(), w.kind) == ("Open journals", "Cal Lin", "10.5555/fm.v25i10.10274", "2020-10-01", "article")
    assert (w.container.name, w.container.issn) == ("Invented Monday", ["1396-0466"])


def test_prism_alone() -> None:
    page = html_page(meta("prism.publicationName", "Invented Letters") + meta("prism.doi", "doi:10.5555/il.1") + meta("prism.volume", "4") + meta("prism.number", "1") + meta("prism.startingPage", "5"))
    assert READER.matches(page)
    w = READER.read(page).work
    assert (w.kind, w.container.name, w.doi, w.volume, w.issue, w.pages.raw) == ("article", "Invented Letters", "10.5555/il.1", "4", "1", "5")


def test_jsonld_alone_dataset_with_full_iri_type() -> None:
    block = '{"@context":"http://schema.org","@id":"https://doi.org/10.5555/zen.1","@type":"https://schema.org/Dataset","name":"Readings","author":[{"@id":"https://orcid.org/0000-0002-1825-0097","@type":"Person","givenName":"Ann","familyName":"Lee","name":"Lee, Ann"}],"datePublished":"2018-03-14","distribution":[{"@type":"DataDownload","contentUrl":"https://data.example.org/a.zip","encodingFormat":"application/zip"}]}'
    page = html_page(f'<script type="application/ld+json">{block}</script>')
    assert READER.matches(page)
    w = READER.read(page).work
    assert (w.kind, w.title, w.doi, w.date.iso(), w.authors[0].orcid) == ("dataset", "Readings", "10.5555/zen.1", "2018-03-14", "0000-0002-1825-0097")
    assert [(f.url, f.format) for f in w.files] == [("https://data.example.org/a.zip", "application/zip")]


@pytest.mark.parametrize(
    "block",
    [
        '<!-- {"@type":"ScholarlyArticle","name":"Wrapped","author":{"@list":[{"name":"Ann Lee"},{"name":"Bo Kim"}]}} -->',
        '{"@type":"ScholarlyArticle","name":"Wrapped","author":[{"name":"Ann Lee"},{"name":"Bo Kim"},],}',
        '[{"@type":"WebPage","mainEntity":{"@type":["CreativeWork","ScholarlyArticle"],"headline":"Wrapped","author":["Ann Lee","Bo Kim"]}}]',
        '{"@graph":[[{"@type":"http://schema.org/ScholarlyArticle","name":"Wrapped","creator":[{"name":"Ann Lee"},{"name":"Bo Kim"}]}]]}',
    ],
)
def test_jsonld_shapes(block: str) -> None:
    page = html_page(f'<script type="application/ld+json">{block}</script>')
    assert READER.matches(page)
    w = READER.read(page).work
    assert (w.kind, w.title, [a.name for a in w.authors]) == ("article", "Wrapped", ["Ann Lee", "Bo Kim"])


@pytest.mark.parametrize(
    "block",
    [
        "[" * 50_000 + "]" * 50_000,
        '{"@graph":' * 5000 + "{}" + "}" * 5000,
        '{"@type":5,"name":["a","b"],"author":5,"isPartOf":[{"name":"J"}],"keywords":{"a":1},"datePublished":{"x":1},"sameAs":[null,3]}',
    ],
)
def test_hostile_jsonld_is_ignored(block: str) -> None:
    page = html_page(meta("citation_title", "Still read") + f'<script type="application/ld+json">{block}</script>')
    assert READER.read(page).work.title == "Still read"


def test_hostile_sciencedirect_state_is_ignored() -> None:
    state = '{"authors": {"content": [{"#name":"author-group","$$":[{"#name":"author","$$":"x"},{"#name":"author","$":{"orcid":5},"$$":[{"#name":"surname","_":5}]}, 7]}]}, "references": {"content": 5}}'
    page = html_page(meta("citation_pii", "S1") + meta("citation_title", "T"), f"<script>window.__PRELOADED_STATE__ = {state};</script>")
    w = READER.read(page).work
    assert (w.title, w.authors, w.references) == ("T", [], [])


def test_a_book_page_keeps_its_isbn_as_a_note() -> None:
    page = html_page(meta("citation_title", "A Book") + meta("citation_isbn", "978-1-939133-27-4") + meta("citation_publisher", "Example Press"))
    w = READER.read(page).work
    assert (w.kind, w.container, w.publisher, w.notes) == ("book", None, "Example Press", ["ISBN 9781939133274"])


@pytest.mark.parametrize(
    ("tags", "keywords"),
    [
        (meta("citation_keywords", "a, b, c"), ["a", "b", "c"]),
        (meta("citation_keywords", "a; b, c"), ["a", "b, c"]),
        (meta("citation_keywords", "a, b") + meta("citation_keywords", "c"), ["a, b", "c"]),
    ],
)
def test_keyword_lists(tags: str, keywords: list[str]) -> None:
    assert READER.read(html_page(meta("citation_title", "T") + tags)).work.keywords == keywords


def test_a_report_with_a_series_issn_stays_a_paper() -> None:
    page = html_page(meta("citation_title", "T") + meta("citation_technical_report_number", "42") + meta("citation_issn", "0028-0836"))
    w = READER.read(page).work
    assert (w.kind, w.number) == ("paper", "42")


def test_jsonld_that_is_not_json_is_skipped() -> None:
    page = html_page('<script type="application/ld+json">{"@type": "ScholarlyArticle", "name": </script>' + meta("citation_title", "Still read"))
    assert READER.read(page).work.title == "Still read"


def test_microdata_alone_with_a_person_item() -> None:
    body = '<div itemscope itemtype="https://schema.org/ScholarlyArticle"><h1 itemprop="headline">Ferns</h1><span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Ivy Moss</span></span><time itemprop="datePublished" datetime="2016-07-12">July</time></div>'
    page = html_page("<title>x</title>", body)
    assert READER.matches(page)
    w = READER.read(page).work
    assert (w.title, [a.name for a in w.authors], w.date.iso(), w.kind) == ("Ferns", ["Ivy Moss"], "2016-07-12", "article")


def test_opengraph_gives_only_a_last_resort_title() -> None:
    page = html_page(meta("dc.creator", "Ann") + meta("dc.title", "") + '<meta property="og:title" content="From OpenGraph">' + meta("prism.doi", "10.5555/og.1"))
    w = READER.read(page).work
    assert (w.title, w.doi) == ("From OpenGraph", "10.5555/og.1")


# --- syntaxes in conflict -----------------------------------------------------------------------


def conflict_page() -> Page:
    block = '{"@type":"ScholarlyArticle","headline":"JSON-LD title","datePublished":"2019-01-02","sameAs":"https://doi.org/10.5555/jsonld","author":[{"@type":"Person","name":"Bea Two","@id":"https://orcid.org/0000-0002-1825-0097"}],"isPartOf":{"@type":"Periodical","name":"JSON-LD Journal","issn":"2167-8359"}}'
    return html_page(
        meta("citation_title", "Highwire title")
        + meta("citation_author", "Two, Bea")
        + meta("citation_journal_title", "Highwire Journal")
        + meta("citation_publication_date", "2019")
        + meta("citation_doi", "10.5555/highwire")
        + meta("dc.title", "DC title")
        + meta("dc.creator", "Somebody Else")
        + meta("dc.date", "2019-05-05")
        + meta("dc.identifier", "doi:10.5555/dc")
        + meta("prism.publicationName", "PRISM Journal")
        + meta("prism.volume", "7")
        + f'<script type="application/ld+json">{block}</script>'
    )


def test_precedence_between_syntaxes() -> None:
    record = READER.read(conflict_page())
    w = record.work
    assert (w.title, w.doi, w.container.name, w.volume) == ("Highwire title", "10.5555/highwire", "Highwire Journal", "7")
    assert w.container.issn == ["2167-8359"]  # ISSNs are the union of all syntaxes
    # Highwire's author wins and takes the ORCID of the same person in JSON-LD (not DC's other name).
    assert [(a.name, a.family, a.orcid) for a in w.authors] == [("Two, Bea", "Two", "0000-0002-1825-0097")]
    # The year-only Highwire date takes the day of the first agreeing publication date (DC).
    assert w.date.iso() == "2019-05-05"


def test_disagreeing_dates_keep_the_publication_date_and_say_which() -> None:
    page = html_page(meta("citation_title", "T") + meta("citation_publication_date", "2020/01/01") + meta("DC.Date", "2020-03-27"))
    record = READER.read(page)
    assert record.work.date.iso() == "2020-01-01"
    assert "info: publication date 2020-01-01 (citation_publication_date) kept; the page also gives 2020-03-27 (dc.date)" in record.warnings
    assert record.work.notes == []  # dc.date is not an online date here


def test_a_second_date_alone_is_information_and_the_report_says_ok(tmp_path) -> None:
    """Issue 11: a page whose only message is a second, different date is converted in full, not "partial"."""
    import json

    from click.testing import CliRunner

    from rdfbib.cli import main

    html = "<html><head>" + meta("citation_title", "T") + meta("citation_author", "Ann Lee") + meta("citation_publication_date", "2020/01/01") + meta("DC.Date", "2020-03-27") + "</head><body></body></html>"
    (tmp_path / "p.html").write_text(html, encoding="utf-8")
    (tmp_path / "q.html").write_text(html.replace(meta("citation_author", "Ann Lee"), ""), encoding="utf-8")
    result = CliRunner().invoke(main, ["convert", str(tmp_path / "p.html"), str(tmp_path / "q.html"), "-o", str(tmp_path / "out.ttl"), "--report", str(tmp_path / "r.jsonl")])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text().splitlines()]
    assert [(line["status"], line["warnings"]) for line in lines] == [("ok", []), ("partial", ["authors: not found on the page"])]
    assert lines[0]["info"] == ["publication date 2020-01-01 (citation_publication_date) kept; the page also gives 2020-03-27 (dc.date)"]


def test_authors_of_other_lengths_are_not_merged() -> None:
    page = html_page(meta("citation_title", "T") + meta("citation_author", "Ann Lee") + meta("dc.creator", "Ann Lee") + meta("dc.creator", "Bo Kim"))
    assert [a.name for a in READER.read(page).work.authors] == ["Ann Lee"]


def test_institution_before_any_author_is_reported() -> None:
    page = html_page(meta("citation_title", "T") + meta("citation_author_institution", "Orphan Lab") + meta("citation_author", "Ann Lee"))
    record = READER.read(page)
    assert record.work.authors[0].affiliations == []
    assert any("come before any citation_author" in m for m in record.warnings)


# --- dates ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "iso"),
    [
        ("2021/6", "2021-06"), ("2019/04/10", "2019-04-10"), ("1955", "1955"), ("2014/03", "2014-03"),
        ("Dec 20, 2006", "2006-12-20"), ("2012 Nov 26", "2012-11-26"), ("2020-03-27", "2020-03-27"),
        ("May 24, 2019", "2019-05-24"), ("24 Apr 2013", "2013-04-24"), ("1 December 2020", "2020-12-01"),
        ("2010-05-05T00:00:00Z", "2010-05-05"), ("2014-03-01T00:00:00-08:00", "2014-03-01"),
        ("September 2022", "2022-09"), ("Sept. 3, 2001", "2001-09-03"), ("2013/5/15", "2013-05-15"),
        ("Feb 30, 2020", "2020-02"), ("2017-13-01", "2017"),
    ],
)  # fmt: skip
def test_date_formats(printed: str, iso: str) -> None:
    assert parse_date(printed).iso() == iso


@pytest.mark.parametrize("printed", ["", "soon", "Smarch 3, 2020", None])
def test_not_dates(printed: str | None) -> None:
    assert parse_date(printed) is None


# --- citation_reference styles --------------------------------------------------------------------


def test_reference_style_repeated_authors_without_spaces_after_semicolons() -> None:
    w = reference("citation_title=Warm mice.;citation_author=AA Roman;citation_author=B Cole;citation_journal_title=Ann Inv Sci;citation_volume=525;citation_number=525;citation_first_page=363;citation_last_page=374;citation_publication_date=1988;")
    assert (w.kind, w.title, [a.name for a in w.authors], w.container.name, w.volume, w.pages.raw, w.date.iso(), w.number) == (
        "article", "Warm mice.", ["AA Roman", "B Cole"], "Ann Inv Sci", "525", "363-374", "1988", None
    )


def test_reference_style_book_with_publisher() -> None:
    w = reference("citation_title=The Mouse Atlas.;citation_author=G Pax;citation_publication_date=1986;citation_publisher=Invented Press")
    assert (w.kind, w.title, w.publisher, w.container) == ("book", "The Mouse Atlas.", "Invented Press", None)


def test_reference_style_comma_joined_keeps_a_last_first_name_whole() -> None:
    w = reference("citation_journal_title=X; citation_author=Lee, Ann; citation_volume=1")
    assert [(a.given, a.family) for a in w.authors] == [("Ann", "Lee")]


def test_reference_style_free_text_other_forms_fall_back_to_the_citation_parser() -> None:
    w = reference("\nA. Messiah:Quantum Mechanics, Chap. XIV (Amsterdam, 1962).")
    assert w.citation == "A. Messiah:Quantum Mechanics, Chap. XIV (Amsterdam, 1962)."
    assert w.date.iso() == "1962"


def test_reference_placeholders_are_not_works() -> None:
    assert reference("citation_number=2; ") is None
    assert reference("   ") is None


# --- DOI quirks ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tags", "doi"),
    [
        (meta("citation_doi", "https://doi.org/10.5555/a.1"), "10.5555/a.1"),
        (meta("citation_doi", "doi:10.5555/a.2"), "10.5555/a.2"),
        (meta("dc.identifier", "doi:10.7554/eLife.44753"), "10.7554/eLife.44753"),
        (meta("prism.doi", "doi:10.5555/a.3"), "10.5555/a.3"),
        (meta("DC.Identifier", "10274") + meta("DC.Identifier.DOI", "10.5555/a.4"), "10.5555/a.4"),
        ('<meta id="DOI" content="10.5555/a.5">', "10.5555/a.5"),
        (meta("citation_doi", "ade/1391109086"), None),
        (meta("citation_arxiv_id", "1706.03762"), None),
    ],
)
def test_doi_quirks(tags: str, doi: str | None) -> None:
    page = html_page(meta("citation_title", "T") + tags)
    assert READER.read(page).work.doi == doi


def test_work_iri_is_keyed_by_doi_and_joined_to_doi_org() -> None:
    record = read_fixture("highwire-journal.html")
    mapper = Mapper("https://example.org/bib/")
    iri = mapper.work_iri(record.work)
    assert str(iri) == "https://example.org/bib/work/doi/10.5555/jir.2021.0042"
    same_as = {str(o) for s, p, o in mapper.triples(record) if str(s) == str(iri) and str(p) == str(SCHEMA.sameAs)}
    assert "https://doi.org/10.5555/jir.2021.0042" in same_as


# --- performance ----------------------------------------------------------------------------------------


def test_linear_time_on_a_huge_page() -> None:
    def build(n: int) -> Page:
        tags = [meta("citation_title", "Big")]
        for i in range(n):
            tags.append(meta("citation_author", f"Author{i} Name"))
            tags.append(meta("citation_author_institution", f"Lab {i}"))
        for i in range(n * 2):
            tags.append(meta("citation_reference", f"citation_journal_title=J{i}; citation_title=T{i}; citation_author=A{i} B, C{i} D; citation_volume={i}; citation_pages=1-2"))
        return html_page("".join(tags))

    small, large = build(250), build(2500)
    for n, page in ((250, small), (2500, large)):
        record = READER.read(page)
        assert len(record.work.authors) == n and len(record.work.references) == 2 * n
    grows_linearly(READER.read, small, large, 10)  # ten times the tags, about ten times the work


def test_doctests() -> None:
    assert doctest.testmod(dates).failed == 0
    assert doctest.testmod(_highwire).failed == 0
