"""Issue 11: the identity rule (title, RePEc handle or DOI makes a record) and no nonsense with exit 0,
for every reader, and the SHACL shapes rejecting what a reader might miss."""

from __future__ import annotations

import pytest
from click.testing import CliRunner


import rdfbib
from rdfbib.cli import main
from rdfbib.errors import ReaderError
from rdfbib.formats import serialize
from rdfbib.model import Author, Record, Work
from rdfbib.page import Page
from rdfbib.pipeline import extract, to_dataset
from rdfbib.validate import validate_dataset

from .test_fuzz import assert_no_nonsense

HEAD = "IDEAS home Printed from https://ideas.repec.org/p/fic/wpfish/7.html\n   My bibliography  Save this paper\n\n"
CITATION = (
    "Suggested Citation\n\n"
    '  • Jane Doe & Ann Roe, 2020. "Counting invented fish," Working Papers 7, Invented Institute of Fish.\n'
    "  • Handle: RePEc:fic:wpfish:7\n    as\n\n"
)


def test_title_line_missing_but_handle_and_authors_there() -> None:
    """Issue case: refused before; now a record, its title from the Suggested Citation."""
    text = HEAD + "Author\n\nListed:\n  • Jane Doe\n  • Ann Roe\n\nAbstract\n\nWe count fish.\n\n" + CITATION
    record = extract(Page(text, source="t.txt"))
    w = record.work
    assert (w.title, [a.name for a in w.authors], w.handle) == ("Counting invented fish", ["Jane Doe", "Ann Roe"], "RePEc:fic:wpfish:7")


def test_no_title_anywhere_with_a_handle_is_a_record_with_a_warning() -> None:
    text = HEAD + "Author\n\nListed:\n  • Jane Doe\n\nSuggested Citation\n\n  • Handle: RePEc:fic:wpfish:7\n"
    record = extract(Page(text, source="t.txt"))
    assert record.work.title is None and record.work.handle == "RePEc:fic:wpfish:7"
    assert "title: not found on the page" in record.warnings
    assert validate_dataset(to_dataset([record])).conforms


def test_header_only_with_an_item_address_is_a_record() -> None:
    """A handle in the page's own address ("Printed from") is enough; every other field is a warning."""
    record = extract(Page("IDEAS home Printed from https://ideas.repec.org/a/fic/jfilab/v1y2001i1p1-2.html\n", source="t"))
    assert (record.work.repec_key, record.work.title) == ("fic/jfilab/v1y2001i1p1-2", None)
    assert "title: not found on the page" in record.warnings
    assert validate_dataset(to_dataset([record])).conforms


def test_publisher_page_with_title_doi_and_references_but_no_authors() -> None:
    """Issue case: Dublin Core title and DOI, a reference list, no creator: refused before."""
    html = (
        '<html><head><meta name="dc.title" content="A catalogue of invented fish">'
        '<meta name="dc.identifier" content="doi:10.9999/fish.2020.1">'
        '<meta name="citation_reference" content="citation_title=Older fish; citation_journal_title=Fish Letters; '
        'citation_volume=3; citation_firstpage=10; citation_publication_date=1999">'
        "</head><body></body></html>"
    )
    record = extract(Page(html, source="p.html"))
    assert (record.reader, record.work.title, record.work.doi, record.work.authors) == ("publisher-html", "A catalogue of invented fish", "10.9999/fish.2020.1", [])
    assert [r.title for r in record.work.references] == ["Older fish"]
    assert "authors: not found on the page" in record.warnings


def test_jsonld_article_with_a_doi_and_no_author_is_a_record() -> None:
    html = (
        '<html><head><script type="application/ld+json">{"@context": "https://schema.org", "@type": "ScholarlyArticle", '
        '"name": "Fish in JSON", "identifier": "https://doi.org/10.9999/fish.json"}</script></head><body></body></html>'
    )
    record = extract(Page(html, source="p.html"))
    assert (record.work.title, record.work.doi) == ("Fish in JSON", "10.9999/fish.json")


@pytest.mark.parametrize(
    "text",
    [
        "IDEAS home Printed from \n\n__\n\nAuthor\n\nListed:\n  • [Authors](/i/e.html)\n  • [Rankings](/top/)\n\nAbstract\n\nNothing.\n",
        "EconPapers\nEconomics at your fingertips\n\n**\n[Help/FAQ](/help.html)\nJournal of Fish, 2020, vol. 3, issue 1, 1-2\nAbstract: x\n",
    ],
    ids=["ideas-text", "econpapers-text"],
)
def test_nonsense_title_and_navigation_authors_without_identity_are_refused(text: str) -> None:
    with pytest.raises(ReaderError, match="no title, RePEc handle or DOI") as caught:
        extract(Page(text, source="nav.txt"))
    assert "\n" not in str(caught.value)


def test_nonsense_is_dropped_with_a_warning_when_the_page_has_an_identity() -> None:
    text = HEAD + "__\n\nAuthor\n\nListed:\n  • [Authors](/i/e.html)\n  • Help/FAQ\n  • Jane Doe\n\nAbstract\n\nWe count fish.\n\n" + CITATION
    record = extract(Page(text, source="t.txt"))
    assert [a.name for a in record.work.authors] == ["Jane Doe"]
    assert record.work.title == "Counting invented fish"  # "__" is no title: the citation's is used
    assert any("2 names that are navigation or link syntax dropped" in w for w in record.warnings)


def test_validate_rejects_nonsense_names_that_a_reader_missed(tmp_path) -> None:
    """The mapper states whatever a record holds; the shapes catch markup titles and link-syntax names."""
    work = Work(kind="paper", title="__", handle="RePEc:fic:wpfish:7", authors=[Author(name="[Authors](/i/e.html)"), Author(name="**")])
    work.references = [Work(title="Fine", authors=[Author(name="https://ideas.repec.org/e/x.html")])]
    report = validate_dataset(to_dataset([Record(work=work, reader="test", source="t")]))
    assert not report.conforms
    messages = " ".join(v.message for v in report.violations)
    assert "title" in messages and "person" in messages.lower()
    assert sum(1 for v in report.violations if "name" in v.message.lower()) >= 4
    out = tmp_path / "bad.ttl"
    out.write_bytes(serialize(to_dataset([Record(work=work, reader="test", source="t")]), "turtle"))
    result = CliRunner().invoke(main, ["validate", str(out)])
    assert result.exit_code == 1


def test_the_real_markdown_rendering_is_not_nonsense(shared) -> None:
    """The live IDEAS page as Markdown: exit 0 into a work titled '__' with 14 menu-link authors before."""
    record = extract(shared / "corpus" / "ideas" / "markdown-rendering-of-live-page.md")
    w = record.work
    assert w.title == "Annual report readability variability: tests of the obfuscation hypothesis"
    assert [a.name for a in w.authors] == ["John K. Courtis"]
    assert (w.handle, w.doi) == ("RePEc:eme:aaajpp:09513579810231457", "10.1108/09513579810231457")
    assert validate_dataset(rdfbib.convert(shared / "corpus" / "ideas" / "markdown-rendering-of-live-page.md")).conforms


def test_no_nonsense_in_any_fixture() -> None:
    from .conftest import fixture_pages

    for page in fixture_pages():
        assert_no_nonsense(extract(page))


def test_no_nonsense_in_the_shared_corpus(shared) -> None:
    """Every real page of ../shared/corpus (publisher pages, the IDEAS Markdown rendering): no markup
    title, no navigation or link-syntax author, and each conforms to the shapes."""
    pages = sorted((shared / "corpus" / "publisher-html").glob("*.html")) + sorted((shared / "corpus" / "ideas").glob("*.md"))
    assert len(pages) >= 30
    for page in pages:
        record = extract(page)
        assert_no_nonsense(record)
        assert validate_dataset(to_dataset([record])).conforms, page.name
