"""The repec-markdown reader: what a Markdown rendering adds to the text readers' rules, and its
preambles. The fixtures (tests/fixtures/repec-markdown) are compared with their text and HTML forms
in tests/test_pairs.py and checked in full by their golden files."""

from __future__ import annotations

from pathlib import Path

from rdfbib.page import Page
from rdfbib.pipeline import extract
from rdfbib.sources import expand
from rdfbib.readers import detect, get

from .conftest import FIXTURES

MD = FIXTURES / "repec-markdown"


def test_detected_before_the_text_readers() -> None:
    for name in ("pair-article.md", "pair-econpapers.md"):
        assert detect(Page.from_bytes((MD / name).read_bytes(), source=name)).name == "repec-markdown"
    assert detect(Page.from_bytes((FIXTURES / "ideas-text" / "pair-article.txt").read_bytes(), source="t")).name == "ideas-text"


def test_menu_links_before_printed_from_never_become_authors_or_a_title() -> None:
    record = extract(MD / "pair-article.md")
    assert record.work.title == "Tide tables and the timing of harbour loans"
    assert [a.name for a in record.work.authors] == ["Ysolde Marrack", "Corwin Ashdown"]
    assert record.warnings == []


def test_page_address_from_front_matter_or_a_clipper_header() -> None:
    body = "# Fish\n\n## Author\n\nListed:\n\n  * Jane Doe\n\n## Suggested Citation\n\n* Jane Doe, 2020. \"**[Fish](/p/qqq/wpaper/7.html)** ,\" [Working Papers](/s/qqq/wpaper.html) 7, Invented Institute.\n"
    for head in ("---\ntitle: Fish\nsource: https://ideas.repec.org/p/qqq/wpaper/7.html\n---\n", "URL: https://ideas.repec.org/p/qqq/wpaper/7.html\nType: HTML\n\n--- Content ---\n\n"):
        work = get("repec-markdown").read(Page(head + "[IDEAS](/) [Advanced search](/search.html)\n" + body, source="t.md")).work
        assert (work.url, work.repec_key, work.kind, work.title) == ("https://ideas.repec.org/p/qqq/wpaper/7.html", "qqq/wpaper/7", "paper", "Fish")


def test_underscores_and_stars_inside_addresses_are_kept() -> None:
    text = (MD / "pair-article.md").read_text(encoding="utf-8").replace(
        "https://press.example.org/jhf/12/3/45\n", "https://press.example.org/jhf/12/3/45?utm_source=repec&utm;_medium=feed\n", 1
    )
    work = extract(Page(text, source="t.md")).work
    assert work.files[0].url == "https://press.example.org/jhf/12/3/45?utm_source=repec&utm;_medium=feed"
    assert work.handle == "RePEc:qqq:hbrfin:v:12:y:2019:i:3:p:45-67"  # "_RePEc:..._": emphasis removed


def test_folders_include_markdown_pages(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes((MD / "pair-article.md").read_bytes())
    (tmp_path / "b.txt").write_bytes((FIXTURES / "ideas-text" / "pair-article.txt").read_bytes())
    assert sorted(p.name for p in expand([str(tmp_path)])) == ["a.md", "b.txt"]
