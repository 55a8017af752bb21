"""The EconPapers text reader on synthetic pages: every field of every fixture, detection, both
layouts (full and compact), pages cut short and linear time on long reference lists.

Which evidence the layout follows is said in ``tests/fixtures/econpapers-text/README.md``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rdfbib.errors import ReaderError
from rdfbib.model import Author
from rdfbib.page import Page
from rdfbib.readers import detect, get

from .conftest import EXAMPLES
from .counting import grows_linearly

FIXTURES = Path(__file__).parent / "fixtures" / "econpapers-text"
READER = get("econpapers-text")


def page_of(name: str) -> Page:
    return Page.from_bytes((FIXTURES / f"{name}.txt").read_bytes(), source=f"{name}.txt")




@pytest.mark.parametrize("name", sorted(p.stem for p in FIXTURES.glob("*.txt")))
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
