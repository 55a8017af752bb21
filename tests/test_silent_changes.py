"""Issue 12, "silent changes to the data": hostile pages (files we write, converted by the real CLI)
that rdfbib used to change without a word. Each now either converts with a warning naming what
changed, or is read in full.

- a ``citation_authors`` list of 10,000 names is split before any cut: 5,000 whole names and a
  warning with both counts (it was cut mid-name at 100,000 characters, silently);
- a 1,000,000-character title is cut with a warning;
- a DOI with ``..`` segments mints no dot segment into any IRI;
- control characters written as references (``&#x01;``) or JSON escapes (``\\u0001``) in a link are
  removed with a warning;
- a page naming a codec that is no charset (``uu``, ``rot13``, ``hex``, ``base64``, ``punycode``,
  in ``<meta charset>`` or the HTTP header) is read as UTF-8 with a warning saying so;
- meta tags behind 100,000 nested ``<div>``s are read all the same, and the record validates.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef

from rdfbib.cli import main
from rdfbib.page import MAX_AUTHORS, Page
from rdfbib.pipeline import extract
from rdfbib.text import MAX_CHARS


def page(head: str, body: str = "", before: str = "") -> str:
    """A publisher landing page: ``before`` comes ahead of the meta tags (inside the body when given)."""
    tags = '<meta name="citation_author" content="Doe, Jane"><meta name="citation_publication_date" content="2020">' + head
    if before:
        return f"<html><head><title>t</title></head><body>{before}{tags}{body}</body></html>"
    return f"<html><head>{tags}</head><body>{body}</body></html>"


def convert(runner: CliRunner, tmp_path: Path, text: str | bytes, name: str = "page.html") -> tuple[Graph, str, int]:
    """The page through ``rdfbib convert`` to N-Triples: the graph, stderr and the exit code."""
    source = tmp_path / name
    source.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    out = tmp_path / (name + ".nt")
    result = runner.invoke(main, ["convert", str(source), "-o", str(out)])
    graph = Graph()
    if out.exists():
        graph.parse(out, format="nt")
    return graph, result.stderr, result.exit_code


def test_a_citation_authors_list_is_split_before_it_is_cut(tmp_path: Path) -> None:
    names = ";".join(f"Author{i:05d}, Given" for i in range(10_000))
    text = f'<html><head><meta name="citation_title" content="Many"><meta name="citation_authors" content="{names}">'
    text += '<meta name="citation_doi" content="10.1234/many"></head></html>'
    assert len(names) > MAX_CHARS
    record = extract(text.encode("utf-8"))
    assert [a.name for a in record.work.authors] == [f"Author{i:05d}, Given" for i in range(MAX_AUTHORS)]
    assert f"the work: 10000 authors, over the limit of {MAX_AUTHORS}: the first {MAX_AUTHORS} kept" in record.warnings


def test_a_keyword_list_over_the_literal_limit_is_split_before_it_is_cut() -> None:
    keywords = [f"keyword{i:03d} " + "x" * 140 for i in range(900)]  # fewer than the 1,000 kept, longer than a literal
    words = "; ".join(keywords)
    record = extract(page(f'<meta name="citation_title" content="K"><meta name="citation_keywords" content="{words}">').encode())
    assert len(words) > MAX_CHARS
    assert record.work.keywords == keywords


def test_a_title_over_the_limit_is_cut_with_a_warning(runner: CliRunner, tmp_path: Path) -> None:
    graph, stderr, code = convert(runner, tmp_path, page(f'<meta name="citation_title" content="{"T" * 1_000_000}">'))
    assert code == 0
    titles = [str(o) for o in graph.objects() if len(str(o)) >= MAX_CHARS - 1]
    assert titles and all(len(t) == MAX_CHARS and t.endswith("\u2026") for t in titles)
    assert f"warning: the work: title of more than {MAX_CHARS} characters, the limit: cut, ending in an ellipsis" in stderr


def test_dot_segments_of_a_doi_never_reach_an_iri(runner: CliRunner, tmp_path: Path) -> None:
    graph, _, code = convert(runner, tmp_path, page('<meta name="citation_title" content="Dots"><meta name="citation_doi" content="10.9999/../../../../provenance">'))
    assert code == 0
    iris = {str(t) for triple in graph for t in triple if isinstance(t, URIRef)}
    assert "urn:rdfbib:work/doi/10.9999/%252E%252E/%252E%252E/%252E%252E/%252E%252E/provenance" in iris
    assert not any(segment in (".", "..") for iri in iris for segment in iri.split("/"))
    assert "10.9999/../../../../provenance" in {str(o) for o in graph.objects()}  # the DOI as printed stays a literal


def test_control_characters_in_a_link_are_removed_with_a_warning(runner: CliRunner, tmp_path: Path) -> None:
    head = '<meta name="citation_title" content="Ctl"><meta name="citation_doi" content="10.1234/ctl">'
    head += '<meta name="citation_pdf_url" content="http://example.org/a&#x01;b&#127;c.pdf">'
    graph, stderr, code = convert(runner, tmp_path, page(head))
    assert code == 0
    assert "http://example.org/abc.pdf" in {str(o) for o in graph.objects()}
    assert "warning: 2 control character references (&#1; or similar) removed from the page" in stderr


def test_control_character_escapes_in_json_ld_are_removed_with_a_warning() -> None:
    block = '{"@context": "http://schema.org", "@type": "ScholarlyArticle", "name": "J", "url": "http://example.org/a\\u0001b\\u001fc",'
    block += ' "author": {"@type": "Person", "name": "Jane Doe"}, "datePublished": "2020", "identifier": "https://doi.org/10.1234/j"}'
    record = extract(f'<html><head><script type="application/ld+json">{block}</script></head><body></body></html>'.encode())
    assert record.work.url == "http://example.org/abc"
    assert "2 control character escapes (\\u0001 or similar) in the JSON-LD removed" in record.warnings


@pytest.mark.parametrize("codec", ["uu", "rot13", "hex", "base64", "punycode"])
@pytest.mark.parametrize("where", ["meta", "header"])
def test_a_page_naming_a_codec_that_is_no_charset_is_read_as_utf8_with_a_warning(codec: str, where: str) -> None:
    title = "Caf\u00e9 d\u00e9j\u00e0 vu"
    head = f'<meta charset="{codec}">' if where == "meta" else ""
    data = page(head + f'<meta name="citation_title" content="{title}"><meta name="citation_doi" content="10.1234/c">').encode("utf-8")
    loaded = Page.from_bytes(data, source="codec.html", content_type=f"text/html; charset={codec}" if where == "header" else None)
    how = "<meta charset>" if where == "meta" else "HTTP header"
    assert loaded.warnings == [f"the {how} names {codec!r}, a codec for data, not a charset pages are written in: ignored"]
    record = extract(loaded)
    assert record.work.title == title
    assert record.warnings.count(loaded.warnings[0]) == 1  # said once


def test_a_codec_that_is_no_charset_through_the_cli_is_one_warning_not_a_bug(runner: CliRunner, tmp_path: Path) -> None:
    graph, stderr, code = convert(runner, tmp_path, page('<meta charset="uu"><meta name="citation_title" content="UU"><meta name="citation_doi" content="10.1234/uu">'))
    assert code == 0 and len(graph)
    assert "bug" not in stderr
    assert stderr.count("names 'uu', a codec for data") == 1


def test_meta_tags_behind_100000_nested_divs_are_read_and_the_record_validates(runner: CliRunner, tmp_path: Path) -> None:
    text = page('<meta name="citation_title" content="Deep down"><meta name="citation_doi" content="10.1234/deep">', before="<div>" * 100_000)
    graph, stderr, code = convert(runner, tmp_path, text)
    assert code == 0
    assert "Deep down" in {str(o) for o in graph.objects()}
    assert "Doe, Jane" in {str(o) for o in graph.objects()}
    assert "HTML parser limit reached" in stderr and "4 <meta>/<link> tags past the parser limit were read all the same" in stderr
    checked = runner.invoke(main, ["validate", str(tmp_path / "page.html.nt")])
    assert checked.exit_code == 0, checked.output
