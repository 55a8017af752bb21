"""Issue 11, held-out findings on IDEAS and EconPapers text: each kind of error found on real pages the
tests had never seen, reproduced by a fixture we wrote (tests/fixtures/*/README.md names the real page
kind each follows) or a string, and fixed."""

from __future__ import annotations

from rdfbib.citations import parse_citation
from rdfbib.page import Page
from rdfbib.pipeline import extract

from .conftest import FIXTURES


def test_additional_information_line_is_not_an_author() -> None:
    """Older layout: "Additional information is available for the following registered author(s):"
    introduces the registered authors; it became an author (and the names after it were repeated)."""
    record = extract(FIXTURES / "ideas-text" / "old-2009-registered-authors.txt")
    assert [a.name for a in record.work.authors] == ["Rosalind Ashgrove", "Teodor Malmqvist"]


def test_econpapers_author_line_ending_in_and() -> None:
    """An EconPapers author list wrapped after "and" kept "and" in the name before the break."""
    work = extract(FIXTURES / "econpapers-text" / "pair-econpapers.txt").work
    assert [a.name for a in work.authors] == ["Ysolde Marrack", "Tobiah Q. Fenwick", "Corwin Ashdown"]
    text = "EconPapers\n\nFish\n\nJane Doe,\nAnn Roe &\nBo Wu\n\nJournal of Fish, 2020, vol. 3, issue 1, 1-2\n\nAbstract: x\n"
    assert [a.name for a in extract(Page(text, source="t")).work.authors] == ["Jane Doe", "Ann Roe", "Bo Wu"]


def test_citation_without_pages_in_the_compact_rendering_keeps_volume_and_issue() -> None:
    """"Journal, Publisher, vol. 49(C)." printed as a "- " item (the compact rendering) was not read:
    no volume, issue, date or journal."""
    work = extract(FIXTURES / "ideas-text" / "compact-dash-citation.txt").work
    assert (work.volume, work.issue, work.date.iso(), work.container.name) == ("49", "C", "2021", "Journal of Fictional Labor")
    assert [a.name for a in work.authors] == ["Okafor, Nneka", "Lindqvist, Maja"]


def test_closing_period_is_not_part_of_a_publisher_ending_in_an_abbreviation() -> None:
    """The series' provider is "National Bureau of Economic Research, Inc" (EconPapers' "from ..." line and
    ReDIF say so); the period after it in an IDEAS citation closes the citation."""
    work = parse_citation('Ann Roe, 2014. "Fish," NBER Working Papers 20841, National Bureau of Economic Research, Inc.')
    assert work.container.publisher == "National Bureau of Economic Research, Inc"
    assert parse_citation('Ann Roe, 2014. "Fish," Journal of Fish, John Wiley & Sons, Ltd., vol. 3(1), pages 1-2.').container.publisher == "John Wiley & Sons, Ltd."


def test_a_nul_byte_does_not_make_a_text_page_binary() -> None:
    """A single NUL (or other stray control byte) made the whole page "binary data": stripped, with a warning."""
    data = (FIXTURES / "ideas-text" / "pair-article.txt").read_bytes().replace(b"Abstract\n", b"Abstract\x00\n", 1)
    record = extract(Page.from_bytes(data, source="nul.txt"))
    assert record.work.title == "Tide tables and the timing of harbour loans"
    assert record.warnings == ["1 control character (NUL or similar) removed from the page"]
