"""The EconPapers text reader on synthetic pages: every field of every fixture, detection, both
layouts (full and compact), pages cut short and linear time on long reference lists.

Which evidence the layout follows is said in ``tests/fixtures/econpapers-text/README.md``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rdfbib.errors import ReaderError
from rdfbib.model import Author, Container, File, Pages, PartialDate, Subject, Work
from rdfbib.page import Page
from rdfbib.readers import detect, get

from .conftest import EXAMPLES
from .counting import grows_linearly
from .expected import Expected, assert_matches

FIXTURES = Path(__file__).parent / "fixtures" / "econpapers-text"
READER = get("econpapers-text")


def page_of(name: str) -> Page:
    return Page.from_bytes((FIXTURES / f"{name}.txt").read_bytes(), source=f"{name}.txt")


EXPECTED: dict[str, Expected] = {
    "article": Expected(
        warnings=[],
        work=Work(
            kind="article",
            title="Lighthouse keepers and the supply of coastal credit",
            authors=[
                Author(name="Maelle Brightwater"),
                Author(name="Tobiah Q. Fenwick"),
                Author(name="Ngozi Larkspur-Adeyemi"),
            ],
            abstract=(
                "Lighthouse keepers lent to fishermen long before harbour banks existed. We reconstruct "
                "their ledgers for forty ports. The lending stopped when the lights were automated."
            ),
            date=PartialDate(year=2017),
            container=Container(kind="journal", name="Journal of Harbour Finance", publisher="Quayside Academic Press"),
            volume="67",
            issue="C",
            pages=Pages(raw="153-174", start="153", end="174"),
            handle="RePEc:qqq:hbrfin:v:67:y:2017:i:c:p:153-174",
            repec_key="qqq/hbrfin/v67y2017icp153-174",
            url="https://EconPapers.repec.org/RePEc:qqq:hbrfin:v:67:y:2017:i:c:p:153-174",
            files=[
                File(
                    url="http://www.quaysidepress.example/science/article/pii/S0000000017300012",
                    restriction="Full text for Quayside subscribers only",
                    restricted=True,
                ),
            ],
            keywords=["informal credit", "lighthouses", "fisheries"],
            subjects=[Subject(code="G21"), Subject(code="N23"), Subject(code="Q22")],
        ),
        references=[
            (
                "article",
                "Fog and the cost of trade",
                ["Stormcrow, H."],
                "2015",
                ("journal", "Sea Economics Journal", None, None, []),
                "12",
                "2",
                "45-67",
                None,
                None,
                None,
                [],
            ),
            (
                "article",
                "Salt, silt and savings",
                ["Marrack, Y.", "Fenwright, T."],
                "2020",
                ("journal", "Sea Economics Journal", None, None, []),
                "17",
                "1",
                "1-30",
                None,
                None,
                None,
                [],
            ),
        ],
        cited_by=[],
        versions=[],
    ),
    "chapter": Expected(
        warnings=[],
        work=Work(
            kind="chapter",
            title="Dredging, debt and the docks",
            authors=[Author(name="Lysander Mbeki-Holt"), Author(name="Carys Adeyemi"), Author(name="Tomasz Wren")],
            date=PartialDate(year=2008),
            container=Container(kind="book", name="Handbook of Shore Economics", publisher="Quayside Academic Press"),
            pages=Pages(raw="41-76", start="41", end="76"),
            number="3",
            handle="RePEc:qqq:qchaps:08-3",
            repec_key="qqq/qchaps/08-3",
            url="https://EconPapers.repec.org/RePEc:qqq:qchaps:08-3",
        ),
        references=[],
        cited_by=[
            (
                "article",
                "Low water, high rates",
                ["Kerrigan-Lowe, A."],
                "2024",
                ("journal", "Journal of Harbour Finance", None, None, []),
                "44",
                "1",
                "1-19",
                None,
                None,
                None,
                [],
            ),
        ],
        versions=[],
    ),
    "cut-short": Expected(
        warnings=["handle: not found on the page"],
        work=Work(
            kind="article",
            title="Gull counts as a leading indicator",
            authors=[Author(name="Fenella Achterberg"), Author(name="Hamid Lindqvist-Obi")],
            abstract="Counting gulls over the harbour predicts the next quarter's landings. We use thirty years of",
            date=PartialDate(year=2022),
            container=Container(kind="journal", name="Sea Economics Journal"),
            volume="19",
            issue="2",
            pages=Pages(raw="88-104", start="88", end="104"),
            url=None,
        ),
        references=[],
        cited_by=[],
        versions=[],
    ),
    "paper-compact": Expected(
        warnings=[],
        work=Work(
            kind="paper",
            title="Ferry timetables and labour supply",
            authors=[Author(name="Anwen Castellanos"), Author(name="Rufus Okonkwo-Blum")],
            abstract="Island workers supply fewer hours when the last ferry leaves early.",
            date=PartialDate(year=2022, month=6),
            container=Container(
                kind="series",
                name="Working Papers",
                publisher="Quayside University, Department of Economics",
            ),
            number="22-05",
            handle="RePEc:qqq:wpaper:22-05",
            repec_key="qqq/wpaper/22-05",
            url="https://EconPapers.repec.org/RePEc:qqq:wpaper:22-05",
            files=[File(url="https://econ.quayside.example/wp/22-05.pdf", format="application/pdf")],
            notes=["DEV"],
        ),
        references=[],
        cited_by=[],
        versions=[
            (
                "article",
                "Ferry timetables and labour supply",
                [],
                "2024",
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                [],
            ),
        ],
    ),
    "software": Expected(
        warnings=[],
        work=Work(
            kind="software",
            title="TIDEFIT: Stata module to fit tidal regressions",
            authors=[Author(name="Beatrix Halloran-Mutesi", email="b.halloran@gullhaven.example")],
            abstract="tidefit fits regressions with tidal regressors and prints harbour-ready tables.",
            date=PartialDate(year=2009, month=10, day=12),
            container=Container(
                kind="series",
                name="Statistical Software Components",
                publisher="Gullhaven College Department of Economics",
            ),
            handle="RePEc:qqq:qqcode:s439999",
            repec_key="qqq/qqcode/s439999",
            url="https://EconPapers.repec.org/RePEc:qqq:qqcode:s439999",
            files=[
                File(url="http://fmwww.gullhaven.example/repec/qqcode/t/tidefit.ado", format="text/plain"),
                File(url="http://fmwww.gullhaven.example/repec/qqcode/t/tidefit.sthlp", format="text/plain"),
            ],
            keywords=["estimates", "tides", "LaTeX", "word processor"],
            notes=["Programming language: Stata", "Requires: Stata version 12", "Revised 2017-02-02"],
        ),
        references=[],
        cited_by=[],
        versions=[],
    ),
}


def test_every_fixture_has_expectations() -> None:
    assert {p.stem for p in FIXTURES.glob("*.txt")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture(name: str) -> None:
    assert_matches(READER.read(page_of(name)), EXPECTED[name], reader="econpapers-text", source=f"{name}.txt")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_detected(name: str) -> None:
    assert detect(page_of(name)) is READER


def test_reference_lines_are_kept_as_printed() -> None:
    work = READER.read(page_of("article")).work
    assert [w.citation for w in work.references] == [
        "Stormcrow, H. (2015): Fog and the cost of trade, Sea Economics Journal, 12, (2), 45-67",
        "Marrack, Y. and Fenwright, T. (2020): Salt, silt and savings, Sea Economics Journal, 17, (1), 1-30",
    ]
    assert READER.read(page_of("paper-compact")).work.versions[0].citation == (
        "Journal Article: Ferry timetables and labour supply (2024)"
    )


def test_author_line_with_printed_email() -> None:
    work = READER.read(page_of("software")).work
    assert work.authors == [Author(name="Beatrix Halloran-Mutesi", email="b.halloran@gullhaven.example")]


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("A. Able, Bo Baker () and Cy Cole ()", ["A. Able", "Bo Baker", "Cy Cole"]),
        ("Dee Dunn () and Eve Ek", ["Dee Dunn", "Eve Ek"]),
        ("Fay Fox", ["Fay Fox"]),
    ],
)
def test_author_lines(line: str, names: list[str]) -> None:
    page = Page(f"EconPapers\nA title\n{line}\nSome Journal, 2001, vol. 1, issue 2, 3-4\nDate: 2001\n", source="inline")
    assert [a.name for a in READER.read(page).work.authors] == names


def test_matches_compact_page_without_header() -> None:
    page = Page("A title\nAn Author\nKeywords: a; b (search for similar items in EconPapers)\n")
    assert READER.matches(page)
    assert READER.read(page).work.keywords == ["a", "b"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("<html><head><title>EconPapers: x</title></head><body>EconPapers</body></html>", id="html"),
        pytest.param("A plain note about economics.\nNothing else.\n", id="plain-text"),
    ],
)
def test_does_not_match(text: str) -> None:
    assert not READER.matches(Page(text))


def test_does_not_match_ideas_text_pages() -> None:
    seed = EXAMPLES / "seed-ideas-nature17038.txt"
    assert not READER.matches(Page.from_bytes(seed.read_bytes(), source=seed.name))


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("<html><body><p>Cats.</p></body></html>", id="html"),
        pytest.param("Cats.\nMore cats.\n", id="no-structure"),
    ],
)
def test_other_pages_are_an_error(text: str) -> None:
    with pytest.raises(ReaderError):
        READER.read(Page(text, source="cats"))


def test_page_without_a_work_is_an_error() -> None:
    with pytest.raises(ReaderError) as raised:
        READER.read(Page("EconPapers\nEconomics at your fingertips\n\nEconPapers Home\n", source="nav.txt"))
    assert (raised.value.reader, raised.value.source) == ("econpapers-text", "nav.txt")


def _references_page(count: int) -> Page:
    lines = "\n".join(
        f"Writer{i}, A. and Other{i}, B. (2016): Title {i}, Sea Economics Journal, {i}, (2), 10-20" for i in range(count)
    )
    return Page((FIXTURES / "article.txt").read_text(encoding="utf-8").replace(
        "References: View references in EconPapers View complete reference list from CitEc\n",
        f"References: View references in EconPapers View complete reference list from CitEc\n{lines}\n",
    ))


def test_5000_references_in_linear_time() -> None:
    small, large = _references_page(500), _references_page(5000)
    work = READER.read(large).work
    assert len(work.references) == 5002
    assert (work.references[-3].title, work.references[-3].volume) == ("Title 4999", "4999")
    grows_linearly(READER.read, small, large, 10)  # ten times the references, about ten times the work
