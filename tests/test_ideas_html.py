"""The IDEAS HTML reader on synthetic pages: every field of every fixture, detection, precedence,
pages cut short, hostile markup and linear time on a page with 5,000 citing works.

Which real evidence each fixture follows is said at the top of the fixture and in
``tests/fixtures/ideas-html/README.md``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rdfbib.errors import ReaderError
from rdfbib.model import Affiliation, Author, Pages, PartialDate
from rdfbib.page import Page
from rdfbib.readers import detect, get

from .conftest import EXAMPLES
from .counting import grows_linearly

FIXTURES = Path(__file__).parent / "fixtures" / "ideas-html"
READER = get("ideas-html")


def page_of(name: str) -> Page:
    return Page.from_bytes((FIXTURES / f"{name}.html").read_bytes(), source=f"{name}.html")




@pytest.mark.parametrize("name", sorted(p.stem for p in FIXTURES.glob("*.html")))
def test_fixture_detected(name: str) -> None:
    assert detect(page_of(name)) is READER


def test_entries_keep_the_citation_string_as_printed() -> None:
    work = READER.read(page_of("article-full")).work
    assert [w.citation for w in work.references] == [
        'Halvard Stormcrow, 2015. "Fog and the cost of trade," Sea Economics Journal, Quayside Academic Press, '
        "vol. 12(2), pages 45-67, March.",
        'Ysolde Marrack & Tobias Fenwright, 2018. "Salt, silt and savings," Working Papers 18-02, '
        "Quayside University, Department of Economics.",
        'Corwin Ashdown, 2010. "Lighthouses as public goods revisited," Eastmere Occasional Notes 4, '
        "Eastmere Maritime Society.",
    ]
    assert work.references[1].versions[0].citation == (
        'Ysolde Marrack & Tobias Fenwright, 2020. "Salt, silt and savings," Sea Economics Journal, '
        "Quayside Academic Press, vol. 17(1), pages 1-30."
    )


def test_form_controls_and_nested_lists_are_not_part_of_an_entry() -> None:
    html = """<html><body><div id="title"><h1>Main</h1></div><div id="cites"><ol>
    <li>Ann Author, 2001. "<b><a href="/a/qqq/seajnl/v1y2001i2p3-4.html">Title</a></b>,"<select><option>HTML</option></select>
    <a href="/s/qqq/seajnl.html">Sea Economics Journal</a>, Quayside Academic Press, vol. 1(2), pages 3-4.
    <ul><li>Ann Author, 2000. "Title," Working Papers 7, Quayside University.</li></ul> </li>
    </ol></div></body></html>"""
    (entry,) = READER.read(Page(html, source="inline")).work.cited_by
    assert entry.citation == (
        'Ann Author, 2001. "Title," Sea Economics Journal, Quayside Academic Press, vol. 1(2), pages 3-4.'
    )
    assert [v.citation for v in entry.versions] == ['Ann Author, 2000. "Title," Working Papers 7, Quayside University.']


def test_keywords_alone_under_abstract_are_keywords() -> None:
    html = """<html><body><div id="title"><h1>T</h1></div>
    <div id="abstract-body">Keywords: Company reports, Written communications</div></body></html>"""
    work = READER.read(Page(html, source="inline")).work
    assert (work.abstract, work.keywords) == (None, ["Company reports", "Written communications"])


def test_meta_tags_win_and_the_body_fills_the_rest() -> None:
    html = """<html><head>
    <meta name="citation_title" content="Meta title">
    <meta name="citation_author" content="Meta, Author">
    <meta name="citation_date" content="2019">
    <meta name="citation_volume" content="7">
    <meta name="handle" content="RePEc:qqq:seajnl:v:7:y:2019:i:2:p:1-9">
    </head><body>
    <div id="title"><h1>Body title</h1></div>
    <ul id="authorlist"><li><a class="authorname" href="/e/pme9.html">Author Meta</a><br>(Somewhere College)</li></ul>
    <div id="abstract-body">Body abstract.</div>
    <div id="biblio-body"><ul><li>Author Meta, 2019. "Body title," Sea Economics Journal, Quayside Academic Press,
    vol. 8(2), pages 1-9, May.</li></ul></div>
    </body></html>"""
    work = READER.read(Page(html, source="inline")).work
    assert (work.title, work.volume, work.issue, work.abstract) == ("Meta title", "7", "2", "Body abstract.")
    assert work.date == PartialDate(2019, 5)  # the citation's month refines the meta year
    assert work.authors == [
        Author(name="Meta, Author", given="Author", family="Meta", repec_id="pme9", affiliations=[Affiliation(name="Somewhere College")])
    ]
    assert work.pages == Pages(raw="1-9", start="1", end="9")
    assert work.kind == "article"  # from the Suggested Citation: no URL letter, no type meta tag


def test_body_authors_not_attached_when_counts_differ() -> None:
    html = """<html><head><meta name="citation_authors" content="One, A; Two, B;"><meta name="handle" content="RePEc:qqq:wpaper:1"></head>
    <body><ul id="authorlist"><li><a class="authorname" href="/e/pon1.html">A One</a></li></ul></body></html>"""
    record = READER.read(Page(html, source="inline"))
    assert [(a.name, a.repec_id) for a in record.work.authors] == [("One, A", None), ("Two, B", None)]
    assert record.warnings == [
        "authors: the meta tags list 2 and the page body 1; profiles and affiliations of the body were not attached",
        "title: not found on the page",
        "date: not found on the page",
    ]


@pytest.mark.parametrize(
    "html",
    [
        pytest.param('<html><head><meta name="handle" content="RePEc:qqq:wpaper:1"></head><body></body></html>', id="handle"),
        pytest.param('<html><head><META CONTENT="RePEc:qqq:wpaper:1" NAME="HANDLE"></head><body></body></html>', id="handle-reversed"),
        pytest.param('<html><head><meta name="redif-type" content="paper"></head><body></body></html>', id="redif-type"),
        pytest.param(
            '<html><head><link href="https://ideas.repec.org/p/qqq/wpaper/1.html" rel="canonical"></head><body></body></html>',
            id="canonical",
        ),
        pytest.param(
            '<html><head><meta property="og:url" content="https://ideas.repec.org/p/qqq/wpaper/1.html"></head></html>', id="og-url"
        ),
        pytest.param('<html><body><div id="biblio-body">x</div></body></html>', id="body-id"),
        pytest.param('<html><body><DIV ID="Refs-Tab">x</DIV></body></html>', id="body-id-upper"),
        # characters the case-insensitive pattern takes for ASCII letters: the quick look for the id words must too
        pytest.param('<html><body><div id="b\u0130blio-body">x</div></body></html>', id="body-id-dotted-capital-i"),
        pytest.param('<html><body><div id="c\u0131tes-tab">x</div></body></html>', id="body-id-dotless-i"),
        pytest.param('<html><body><div id="ab\u017ftract-body">x</div></body></html>', id="body-id-long-s"),
    ],
)
def test_matches(html: str) -> None:
    assert READER.matches(Page(html))


@pytest.mark.parametrize(
    "html",
    [
        pytest.param('<html><head><meta name="citation_title" content="A publisher page"></head><body></body></html>', id="publisher"),
        pytest.param(
            '<html><head><meta name="handle" content="RePEc:qqq:wpaper:1">'
            '<link rel="canonical" href="https://econpapers.repec.org/paper/qqqwpaper/1.htm"></head></html>',
            id="econpapers",
        ),
        pytest.param(
            '<html><head><title>x</title></head><body><a href="https://ideas.repec.org/p/qqq/wpaper/1.html">IDEAS</a></body></html>',
            id="link-to-ideas",
        ),
        pytest.param('<html><body><p>biblio-body, cites-tab</p><div class="refs-tab">x</div></body></html>', id="id-words-not-ids"),
    ],
)
def test_does_not_match(html: str) -> None:
    assert not READER.matches(Page(html))


def test_does_not_match_text_pages() -> None:
    seed = EXAMPLES / "seed-ideas-nature17038.txt"
    assert not READER.matches(Page.from_bytes(seed.read_bytes(), source=seed.name))


def test_page_without_a_work_is_an_error() -> None:
    with pytest.raises(ReaderError) as raised:
        READER.read(Page('<html><body><div id="abstract-body"></div></body></html>', source="empty.html"))
    assert raised.value.reader == "ideas-html"
    assert raised.value.source == "empty.html"


def test_deeply_nested_unclosed_tags() -> None:
    html = (
        '<html><head><meta name="handle" content="RePEc:qqq:wpaper:1"></head><body><div id="abstract-body">'
        + "<b>" * 20000
        + "Deep.</div></body></html>"
    )
    work = READER.read(Page(html, source="deep")).work
    assert work.handle == "RePEc:qqq:wpaper:1"


def _citing_page(count: int) -> Page:
    items = "".join(
        f'<li>Writer{i} Person &amp; Other{i} Person, 2020. "<b><a href="/a/qqq/hbrfin/v1y2020i1p{i}.html">Title {i}</a></b>," '
        f'<a href="/s/qqq/hbrfin.html">Journal of Harbour Finance</a>, Quayside Academic Press, vol. 1(1), pages {i}-{i + 9}, May.</li>\n'
        for i in range(count)
    )
    head = (FIXTURES / "article-full.html").read_text(encoding="utf-8").split('<div class="tab-pane" id="cites"')[0]
    return Page(head + f'<div class="tab-pane" id="cites" aria-labelledby="cites-tab"><ol>{items}</ol></div></div></div></div></body></html>')


def test_5000_citing_works_in_linear_time() -> None:
    small, large = _citing_page(500), _citing_page(5000)
    work = READER.read(large).work
    assert len(work.cited_by) == 5000
    last = work.cited_by[-1]
    assert (last.title, last.repec_key, last.container.handle, last.pages) == (
        "Title 4999",
        "qqq/hbrfin/v1y2020i1p4999",
        "qqq/hbrfin",
        Pages(raw="4999-5008", start="4999", end="5008"),
    )
    assert len(work.references) == 3  # the rest of the page is still read
    grows_linearly(READER.read, small, large, 10)  # ten times the citing works, about ten times the work
