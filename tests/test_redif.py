"""The ReDIF reader: syntax, every template type, every encoding, bad templates among good ones, the
seed cross-check with its IDEAS page, the series index, series/person/organisation records, and every
real file in ../shared/corpus/redif (skipped when ../shared is absent).

Fixtures are ours (tests/fixtures/redif/README.md names the real file each is modelled on). Their
expected output is in tests/golden/redif/ with every other reader's (tests/test_golden.py).
"""

from __future__ import annotations

import os
import textwrap
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyshacl import validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF

import rdfbib
from rdfbib import readers
from rdfbib.errors import RdfbibError, ReaderError
from rdfbib.formats import serialize, union
from rdfbib.mapping import Mapper
from rdfbib.model import Organization, Person, Record, Series
from rdfbib.page import NOT_UTF8, Page
from rdfbib.pipeline import load_page, to_dataset
from rdfbib.readers._redif_syntax import ATTRIBUTES, parse
from rdfbib.readers.redif import series_index
from rdfbib.vocab import BIBO, SCHEMA

from .conftest import EXAMPLES, FIXTURES, SHARED
from .test_fuzz import check_output
from .vocab import unknown_terms

HERE = FIXTURES / "redif"
CORPUS = SHARED / "corpus" / "redif"
READER = readers.get("redif")
BASE = "urn:rdfbib:"
SHAPES = Graph().parse(Path(__file__).resolve().parents[1] / "ontology" / "shapes.ttl")
FIXTURE_FILES = sorted(p for p in HERE.iterdir() if p.suffix in (".rdf", ".redif"))


def outcomes(name: str | Path, **kwargs: object) -> list[Record | RdfbibError]:
    path = name if isinstance(name, Path) else HERE / name
    return list(READER.read_all(load_page(path), **kwargs))


def good(name: str | Path, **kwargs: object) -> list[Record]:
    found = outcomes(name, **kwargs)
    assert all(isinstance(o, Record) for o in found), [o for o in found if not isinstance(o, Record)]
    return found  # type: ignore[return-value]


def text_page(text: str, source: str = "t.rdf") -> Page:
    return Page(textwrap.dedent(text).lstrip("\n"), source=source)


def graph_of(records: list[Record]) -> Graph:
    return union(to_dataset(records))


def conforms(graph: Graph) -> tuple[bool, str]:
    ok, _, text = validate(graph, shacl_graph=SHAPES, advanced=True)
    return ok, text


# -- syntax ------------------------------------------------------------------------------------------


def test_fields_continuations_and_lines() -> None:
    text = "Template-Type: ReDIF-Paper 1.0\r\nTitle: A long\r\n  title\r\n\r\nAbstract: One.\r\n\r\n Two.\r\nHandle:RePEc:xmp:wpaper:1\r\n"
    (template,) = parse(text)
    assert (template.type, template.kind, template.line) == ("ReDIF-Paper 1.0", "redif-paper", 1)
    assert [(f.name, f.value, f.line) for f in template.fields] == [
        ("title", "A long\n  title", 2),
        ("abstract", "One.\n\n Two.", 5),
        ("handle", "RePEc:xmp:wpaper:1", 8),
    ]


def test_only_attributes_of_the_template_open_a_field() -> None:
    text = """\
        Template-type: ReDIF-Paper 1.0
        Abstract: First line.
        However: this stays in the abstract.
        Purpose: so does this.
        Journal: a paper has no Journal attribute, so this stays too.
        Misspelt-Field: and this, with a warning.
        X-Anything: an extension opens a field
        TITLE:upper case and no space
        handle : RePEc:xmp:wpaper:2
        """
    (template,) = parse(textwrap.dedent(text))
    fields = {f.name: f.value for f in template.fields}
    assert fields["abstract"].splitlines() == [
        "First line.",
        "However: this stays in the abstract.",
        "Purpose: so does this.",
        "Journal: a paper has no Journal attribute, so this stays too.",
        "Misspelt-Field: and this, with a warning.",
    ]
    assert fields["x-anything"] == "an extension opens a field"
    assert fields["title"] == "upper case and no space"
    assert fields["handle"] == "RePEc:xmp:wpaper:2"
    assert template.warnings == ["line 6: Misspelt-Field: is not a ReDIF-Paper attribute: read as part of Abstract"]


def test_comments_templates_back_to_back_and_stray_text() -> None:
    text = """\
        stray text before any template
        # a comment
        #Template-Type: ReDIF-Paper 1.0
        #Handle: RePEc:xmp:wpaper:commented
        Template-Type: ReDIF-Paper 1.0
        Title: One
        # a comment inside a template does not end the field's value
          continued
        Handle: RePEc:xmp:wpaper:1
        Template-Type: ReDIF-Paper 1.0
        Handle: RePEc:xmp:wpaper:2
        """
    first, second = parse(textwrap.dedent(text))
    assert [(f.name, f.value) for f in first.fields] == [("title", "One\n  continued"), ("handle", "RePEc:xmp:wpaper:1")]
    assert first.line == 5 and second.line == 10
    assert first.warnings == ["line 1: text before the first Template-Type: not read"]


def test_every_template_type_knows_its_clusters() -> None:
    assert set(ATTRIBUTES) == {f"redif-{t}" for t in ("paper", "article", "chapter", "book", "software", "series", "archive", "person", "institution")}
    for kind in ("redif-paper", "redif-article", "redif-chapter", "redif-book", "redif-software"):
        assert {"author-name", "author-workplace-institution", "file-url", "file-restriction", "file-size", "handle"} <= ATTRIBUTES[kind]
    assert {"editor-name", "in-book", "book-title"} <= ATTRIBUTES["redif-chapter"]
    assert {"provider-institution", "publisher-name", "maintainer-email", "editor-name", "issn"} <= ATTRIBUTES["redif-series"]
    assert {"quaternary-name-english", "primary-institution"} <= ATTRIBUTES["redif-institution"]


# -- detection ----------------------------------------------------------------------------------------

MATCHING = {
    "plain": "Template-Type: ReDIF-Paper 1.0\nHandle: RePEc:xmp:wpaper:1\n",
    "bom and blank lines": "\ufeff\n\n  \nTemplate-Type: ReDIF-Person 1.0\n",
    "comments first": "# generated\n#\nTemplate-type: ReDIF-Series 1.0\n",
    "crlf, lower case": "\r\ntemplate-type : ReDIF-Archive 1.0\r\n",
}
NOT_MATCHING = {
    "rdf/xml": '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
    '<rdf:Description><x>Template-Type: ReDIF-Paper 1.0</x></rdf:Description></rdf:RDF>\n',
    "html": "<html><head><title>Template-Type: ReDIF-Paper 1.0</title></head><body></body></html>",
    "prose first": "Some notes.\nTemplate-Type: ReDIF-Paper 1.0\n",
    "indented (a rendering, not a file)": "    Template-Type: ReDIF-Paper 1.0\n",
    "no type": "Handle: RePEc:xmp:wpaper:1\n",
}


@pytest.mark.parametrize("text", MATCHING.values(), ids=MATCHING)
def test_matches(text: str) -> None:
    assert READER.matches(Page(text))


@pytest.mark.parametrize("text", NOT_MATCHING.values(), ids=NOT_MATCHING)
def test_does_not_match(text: str) -> None:
    assert not READER.matches(Page(text))


def test_detected_before_the_page_readers() -> None:
    for path in FIXTURE_FILES:
        if path.name != "mixed-bad.rdf":  # prose before its first template: read only when forced
            assert rdfbib.detect(load_page(path)).name == "redif", path.name
    assert rdfbib.detect(load_page(EXAMPLES / "seed-ideas-nature17038.txt")).name == "ideas-text"


# -- read() and read_all() -----------------------------------------------------------------------------


def test_read_takes_a_one_template_file_and_names_it_by_the_file() -> None:
    record = READER.read(load_page(HERE / "chapter.redif"))
    assert record.source == str(HERE / "chapter.redif")
    assert [o.source for o in outcomes("chapter.redif")] == [f"{HERE / 'chapter.redif'}:1"]


def test_read_refuses_several_templates_or_none() -> None:
    with pytest.raises(ReaderError, match=r"holds 4 templates; read it with read_all\(\)"):
        READER.read(load_page(HERE / "continuations.rdf"))
    with pytest.raises(ReaderError, match="^x.redif: no Template-Type line: not a ReDIF file$"):
        READER.read(Page("Handle: RePEc:xmp:wpaper:1\n", source="x.redif"))
    with pytest.raises(ReaderError, match="^x.rdf: no Template-Type line: neither ReDIF nor RDF/XML$"):
        READER.read(Page("Handle: RePEc:xmp:wpaper:1\n", source="x.rdf"))
    with pytest.raises(ReaderError, match=r"^x.rdf:1: ReDIF-Paper template has no Handle$"):
        READER.read(text_page("Template-Type: ReDIF-Paper 1.0\nTitle: T\n", "x.rdf"))


def test_bad_templates_are_errors_naming_their_line_and_the_good_ones_are_read() -> None:
    source = str(HERE / "mixed-bad.rdf")
    found = outcomes("mixed-bad.rdf")
    shown = [(type(o).__name__, o.source, o.message if isinstance(o, RdfbibError) else o.work.title) for o in found]  # type: ignore[union-attr]
    assert shown == [
        ("Record", f"{source}:2", "The first good paper"),
        ("ReaderError", f"{source}:7", "ReDIF-Paper template has no Handle"),
        ("ReaderError", f"{source}:13", "malformed Handle 'RePEc:xmp:wpaper:bad one': a ReDIF-Paper handle is RePEc:archive:series:item, without spaces or markup"),
        ("ReaderError", f"{source}:17", "malformed Handle 'RePEc:xmp:wpaper:<b>bad</b>': a ReDIF-Paper handle is RePEc:archive:series:item, without spaces or markup"),
        ("ReaderError", f"{source}:19", "unknown template type 'ReDIF-Pamphlet 1.0'"),
        ("ReaderError", f"{source}:29", "malformed Handle 'RePEc:xmp:wpaper:item': a ReDIF-Series handle is RePEc:archive:series, without spaces or markup"),
        ("ReaderError", f"{source}:31", "ReDIF-Person template has no Short-Id"),
        ("Record", f"{source}:34", "The last good paper"),
    ]
    assert all(o.reader == "redif" and "\n" not in str(o) for o in found if isinstance(o, ReaderError))
    assert found[0].warnings == ["line 1: text before the first Template-Type: not read"]  # type: ignore[union-attr]
    assert not READER.matches(load_page(HERE / "mixed-bad.rdf"))  # prose first: read only when forced


def test_person_and_institution_templates_check_their_own_handles() -> None:
    text = """\
        Template-Type: ReDIF-Person 1.0
        Short-Id: pxx1
        Name-Full: Pat Example
        Handle: RePEc:edi:notaperson
        Template-Type: ReDIF-Person 1.0
        Short-Id: px-1
        Name-Full: Pat Example
        Template-Type: ReDIF-Institution 1.0
        Primary-Name: Example University
        Handle: RePEc:xmp:notedirc
        Template-Type: ReDIF-Archive 1.0
        Handle: RePEc:xmp
        """
    assert [str(o) for o in READER.read_all(text_page(text))] == [
        "t.rdf:4: malformed Handle 'RePEc:edi:notaperson': a ReDIF-Person handle is RePEc:per:..., without spaces or markup",
        "t.rdf:6: malformed Short-Id 'px-1': a RePEc Author Service short-id is letters then digits (pry5)",
        "t.rdf:10: malformed Handle 'RePEc:xmp:notedirc': a ReDIF-Institution handle is RePEc:edi:code, without spaces or markup",
        "t.rdf:11: ReDIF-Archive template has no Name",
    ]


# -- items ------------------------------------------------------------------------------------------------


def test_an_item_id_may_hold_a_slash() -> None:
    (record,) = READER.read_all(text_page("Template-Type: ReDIF-Paper 1.0\nTitle: T\nHandle: RePEc:sol:wpaper:2013/247060\n"))
    assert (record.work.repec_key, record.work.container.handle) == ("sol/wpaper/2013/247060", "sol/wpaper")  # type: ignore[union-attr]


def test_paper_with_blank_lines_and_crlf() -> None:
    (record,) = good("paper-blank-lines.redif")
    w = record.work
    assert (w.kind, w.title, w.handle, w.repec_key) == ("paper", "Stretch goals in crowdfunding: an experiment", "RePEc:xmp:wpaper:2024-11", "xmp/wpaper/2024-11")
    assert [(a.name, a.given, a.family, a.email, a.url) for a in w.authors] == [
        ("Marta L. Okonkwo", "Marta L.", "Okonkwo", "mokonkwo@lakeside.example.edu", "http://www.lakeside.example.edu/people/okonkwo/"),
        ("Tobias Reinholt", "Tobias", "Reinholt", "treinholt@northfield.example.edu", None),
    ]
    assert [a.name for a in w.authors[1].affiliations] == ["Department of Economics, University of Northfield"]
    assert w.abstract.endswith("one goal. However: when the stretch goal is announced late, contributions recover.")
    assert (w.date.iso(), w.modified, w.number, w.page_count) == ("2024-11", None, "2024-11", 41)
    assert [(f.url, f.format, f.function) for f in w.files] == [("https://example.org/repec/xmp/wpaper/2024-11.pdf", "Application/pdf", "First version, 2024")]
    assert [s.code for s in w.subjects] == ["H41", "D64", "C92"]
    assert w.keywords == ["crowdfunding", "stretch goals", "provision points", "lab experiment"]
    assert (w.container.kind, w.container.handle, w.container.name) == ("series", "xmp/wpaper", None)
    assert record.warnings == ["line 29: File-Format without a File-URL: not read"]


def test_paper_with_versions_status_dates_and_restricted_file() -> None:
    first, evaluation, original = good("wpaper.rdf")
    assert (first.work.authors[0].name, [s.code for s in first.work.subjects]) == ("Example team", ["R40", "O18", "L92"])
    w = evaluation.work
    assert [(a.name, a.repec_id, [(x.name, x.edirc) for x in a.affiliations]) for a in w.authors] == [
        ("Chidi Anyanwu", "pan123", [("Example University, Department of Economics", "deexmus")]),
        ("Lena Fischer", None, []),
    ]
    assert (w.authors[1].given, w.authors[1].family) == ("Lena", "Fischer")
    assert w.doi == "10.12345/xmp.2024.001" and w.language == "en"
    assert w.status == "Published in Journal of Example Economics, 2025, 12(3), pages 101-130"
    assert (w.date.iso(), w.created.iso(), w.modified.iso(), w.page_count, w.number) == ("2024-04", "2024-03-06", "2024-05-02", 23, "2024-10")
    assert [(v.kind, v.handle, v.repec_key) for v in w.versions] == [("article", "RePEc:xmp:xmpjou:v:12:y:2025:i:3:p:101-130", "xmp/xmpjou/v12y2025i3p101-130")]
    file = w.files[0]
    assert (file.function, file.restriction, file.restricted, file.size) == ("Full text", "Access to full text is restricted to subscribers.", True, "2.1 MB")
    assert w.notes == ["Revised version of Working Paper 2023-01"]
    assert original.work.doi == "10.12345/XMP.2023.007"  # from the doi.org download link
    assert [v.repec_key for v in original.work.versions] == ["xmp/wpaper/ports-e1", "xmp/wpaper/ports-e2"]
    assert original.warnings == ["line 43: Forthcoming-Note: is not a ReDIF-Paper attribute: read as part of Abstract"]


def test_articles_in_latin1_with_crlf() -> None:
    page = load_page(HERE / "articles-latin1.rdf")
    assert page.warnings == [NOT_UTF8]
    first, second = good("articles-latin1.rdf")
    w = first.work
    assert (w.kind, w.title) == ("article", "Econometría regional: una revisión")
    assert [(a.name, a.given, a.family) for a in w.authors] == [("GARCÍA, M.", "M.", "GARCÍA"), ("PÉREZ, L.", "L.", "PÉREZ")]
    assert w.abstract == "La econometría regional es una disciplina joven. Regional econometrics is a young discipline."
    assert (w.container.kind, w.container.name, w.container.handle) == ("journal", "Revista de Economía de Ejemplo", "xmp/xmprev")
    assert (w.volume, w.issue, w.number, w.pages.raw, w.date.iso()) == ("22", None, "3", "1-19", "2004-12")
    assert [s.code for s in w.subjects] == ["C21", "C50", "R15"]
    assert w.files[0].url == "Http://www.revista-ejemplo.example.es"
    assert (second.work.issue, second.work.date.iso()) == ("3", "2004")
    assert second.warnings == ["line 37: Month 'Spring' is not a month: the year alone is read"]
    g = graph_of([first])
    assert (URIRef(f"{BASE}work/repec/xmp/xmprev/22_3_1/file/1"), SCHEMA.contentUrl, URIRef("http://www.revista-ejemplo.example.es")) in g


def test_book_in_windows_1252() -> None:
    assert load_page(HERE / "book-cp1252.rdf").warnings == [NOT_UTF8]
    (record,) = good("book-cp1252.rdf")
    w = record.work
    assert w.abstract == "This book argues that the “example economy” isn’t what it seems – a short tour of invented markets."
    assert (w.kind, w.publisher, w.isbn, w.date.iso()) == ("book", "Example Policy Centre (EPC)", ["978-0-306-40615-7"], "2012-10")
    assert [s.code for s in w.subjects] == ["E", "E1", "E12", "H", "H2", "J"]  # bare letters are codes
    assert [f.url for f in w.files] == ["http://example.org/books/example-economy.pdf", "http://example.org/books/example-economy.epub"]
    g = graph_of([record])
    book = URIRef(f"{BASE}work/repec/xmp/xmpbok/2012-01")
    assert set(g.objects(book, SCHEMA.isbn)) == {Literal("9780306406157")}
    assert (book, SCHEMA.about, URIRef("http://zbw.eu/beta/external_identifiers/jel#E")) in g


def test_edited_book_with_its_chapters_and_a_chapter_in_it() -> None:
    (book,) = good("books.rdf")
    (chapter,) = good("chapter.redif")
    b = URIRef(f"{BASE}work/repec/xmp/xmpbok/2015-01")
    g = graph_of([book, chapter])
    assert [str(e) for e in g.objects(b, SCHEMA.editor)] and (b, BIBO.editorList, URIRef(f"{b}/editors")) in g
    assert set(g.objects(b, SCHEMA.hasPart)) == {URIRef(f"{BASE}work/repec/xmp/xmpchp/2015-01-1"), URIRef(f"{BASE}work/repec/xmp/xmpchp/2015-01-2")}
    c = URIRef(f"{BASE}work/repec/xmp/xmpchp/2015-01-2")
    assert (c, SCHEMA.isPartOf, b) in g  # the chapter's In-Book names the book's own IRI
    # the chapter belongs to its handle's series; the book, a RePEc work of series xmpbok, not to the chapter's
    assert (c, SCHEMA.isPartOf, URIRef(f"{BASE}series/repec/xmp/xmpchp")) in g
    assert (b, SCHEMA.isPartOf, URIRef(f"{BASE}series/repec/xmp/xmpchp")) not in g
    assert (b, SCHEMA.bookEdition, Literal("2")) in g
    w = chapter.work
    assert (w.kind, w.number, w.pages.raw, w.date.iso()) == ("chapter", "2", "45-78", "2015-03")
    assert [(a.name, a.given, a.family, a.repec_id) for a in w.authors] == [("Smith, Jordan", "Jordan", "Smith", "psm999")]
    assert [e.name for e in w.container.editors] == ["Ana Ruiz", "Lee Chen"]
    assert w.container.editors[1].affiliations[0].edirc == "exinsus"


def test_software() -> None:
    (record,) = good("software.redif")
    w = record.work
    assert (w.kind, w.programming_language, w.requires, w.date.iso(), w.modified.iso()) == ("software", "Stata", "Stata version 14", "2019-03-04", "2021-06-01")
    assert w.abstract == "xmpreg fits an invented regression model and reports invented statistics."
    assert [(f.function, f.size) for f in w.files] == [("program code", "12 KB"), ("help file", None)]
    g = graph_of([record])
    s = URIRef(f"{BASE}work/repec/xmp/xmpsof/s458000")
    assert (s, RDF.type, SCHEMA.SoftwareSourceCode) in g and (s, SCHEMA.runtimePlatform, Literal("Stata version 14")) in g


def test_continuations_dois_in_notes_and_names_in_any_case() -> None:
    first, second, paper, series = good("continuations.rdf")
    assert first.work.abstract == (
        "We discuss invented poverty lines and indexes. Purpose: this line opens with a colon word but is not an attribute "
        "https://example.org/not-an-attribute stays in the abstract"
    )
    assert first.work.doi == "10.12345/eer.100.1.5" and first.work.notes == ["DOI: 10.12345/eer.100.1.5"]
    assert [a.name for a in second.work.authors] == ["Theo Example", "Uma Example"]
    assert (paper.work.authors[0].given, paper.work.authors[0].family, paper.work.doi) == ("Bo", "Larsen", "10.12345/1813-9450-1002")
    assert paper.work.keywords == ["Environmental Economics&Policies", "Carbon Policy and Trading"]
    assert (series.entity.name, series.entity.type, series.entity.key) == ("Invented Policy Research Working Paper Series", "ReDIF-Paper", "xmp/xmpwps")  # type: ignore[union-attr]


def test_dates_keep_their_precision() -> None:
    g = graph_of(good("wpaper.rdf")[1:2])
    w = URIRef(f"{BASE}work/repec/xmp/wpaper/ports-e1")
    gym, date = URIRef("http://www.w3.org/2001/XMLSchema#gYearMonth"), URIRef("http://www.w3.org/2001/XMLSchema#date")
    assert set(g.objects(w, SCHEMA.datePublished)) == {Literal("2024-04", datatype=gym)}
    assert set(g.objects(w, SCHEMA.dateCreated)) == {Literal("2024-03-06", datatype=date)}
    assert set(g.objects(w, DCTERMS.modified)) == {Literal("2024-05-02", datatype=date)}
    assert set(g.objects(w, SCHEMA.creativeWorkStatus)) == {Literal("Published in Journal of Example Economics, 2025, 12(3), pages 101-130")}
    assert set(g.objects(w, BIBO.status)) == {URIRef("http://purl.org/ontology/bibo/status/published")}
    assert set(g.objects(w, SCHEMA.numberOfPages)) == {Literal(23)}


# -- encodings ---------------------------------------------------------------------------------------------


def _works(page: Page) -> list:
    return [o.work for o in READER.read_all(page)]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("encoding", "crlf", "warning"),
    [("utf-8", False, None), ("utf-8", True, None), ("utf-8-sig", True, None), ("utf-16", False, "not UTF-8: read as utf-16"),
     ("utf-16-be", True, "not UTF-8: read as utf-16"), ("latin-1", False, NOT_UTF8), ("cp1252", True, NOT_UTF8)],
)  # fmt: skip
def test_every_encoding_reads_the_same(encoding: str, crlf: bool, warning: str | None) -> None:
    """The Latin-1 fixture re-encoded: every encoding and line end gives the same works, and a
    warning exactly when the file is not UTF-8, with its first record."""
    text = (HERE / "articles-latin1.rdf").read_bytes().decode("latin-1").replace("\r\n", "\n")
    data = text.replace("\n", "\r\n" if crlf else "\n").encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data  # Python writes the BOM only for "utf-16"
    page = Page.from_bytes(data, source="enc.rdf")
    reference = load_page(HERE / "articles-latin1.rdf")
    assert _works(page) == _works(reference)
    records = list(READER.read_all(page))
    warnings = [w for w in page.warnings + records[0].warnings if "UTF-8" in w]  # type: ignore[union-attr]
    assert warnings == ([warning] if warning else [])
    assert not any("UTF-8" in w for w in records[1].warnings)  # type: ignore[union-attr]  # once a file


# -- the seed: the same work from its IDEAS page and from ReDIF --------------------------------------------


def _triples(record: Record) -> set:
    return set(Mapper().triples(record))


def test_seed_item_agrees_with_its_ideas_page() -> None:
    page = rdfbib.extract(EXAMPLES / "seed-ideas-nature17038.txt")
    index = series_index(good("nature-series.rdf"))
    (item,) = good("seed-nature17038.redif", series=index)
    mapper = Mapper()
    w = URIRef(mapper.work_iri(page.work))
    assert w == URIRef(mapper.work_iri(item.work)) == URIRef(f"{BASE}work/repec/nat/nature/v529y2016i7586d10.1038_nature17038")
    from_page, from_redif = _triples(page), _triples(item)
    assert from_redif <= from_page  # everything the template says, the page says the same way

    def about(triples: set, subject: URIRef) -> set:
        return {(p, o) for s, p, o in triples if s == subject}

    work_fields = {SCHEMA.name, RDF.type, SCHEMA.isPartOf, BIBO.volume, BIBO.issue, SCHEMA.pageStart, SCHEMA.pageEnd, SCHEMA.pagination,
                   BIBO.pages, SCHEMA.datePublished, BIBO.doi, DCTERMS.identifier, SCHEMA.publisher, BIBO.authorList, SCHEMA.author}  # fmt: skip
    assert {x for x in about(from_redif, w) if x[0] in work_fields} == {x for x in about(from_page, w) if x[0] in work_fields}
    journal = URIRef(f"{BASE}series/repec/nat/nature")
    for node in (journal, URIRef(f"{journal}/volume/529"), URIRef(f"{journal}/volume/529/issue/7586")):
        assert about(from_redif, node) == about(from_page, node) != set()
    publisher = next(o for p, o in about(from_page, journal) if p == SCHEMA.publisher)
    assert about(from_redif, publisher) == about(from_page, publisher)
    seq = URIRef(f"{w}/authors")
    assert about(from_redif, seq) == about(from_page, seq)
    for n in (1, 2):  # names, order and (no) RAS sameAs of each author
        author = URIRef(f"{w}/author/{n}")
        fields = {SCHEMA.name, SCHEMA.givenName, SCHEMA.familyName, SCHEMA.sameAs}
        assert {x for x in about(from_redif, author) if x[0] in fields} == {x for x in about(from_page, author) if x[0] in fields}


def test_an_item_read_alone_points_at_its_series_with_no_name() -> None:
    (item,) = good("seed-nature17038.redif")
    journal = URIRef(f"{BASE}series/repec/nat/nature")
    g = graph_of([item])
    assert set(g.objects(journal, RDF.type)) == {SCHEMA.Periodical, BIBO.Journal}
    assert not set(g.objects(journal, SCHEMA.name)) and not set(g.objects(journal, SCHEMA.publisher))


def test_the_series_index_names_items_as_ideas_prints_them() -> None:
    index = series_index(good("series-journal.redif") + good("continuations.rdf"))
    assert sorted(index) == ["xmp/xmpjou", "xmp/xmpwps"]
    (paper,) = [r for r in good("continuations.rdf", series=index) if r.work and r.work.kind == "paper"]
    assert (paper.work.container.kind, paper.work.container.name) == ("series", "Invented Policy Research Working Paper Series")
    article = good("wpaper.rdf", series=index)[1].work.versions[0]  # the journal version is named by its handle only
    assert article.container is None
    text = "Template-Type: ReDIF-Article 1.0\nTitle: T\nVolume: 3\nHandle: RePEc:xmp:xmpjou:v:3:y:2020:i:1:p:1-2\n"
    (record,) = READER.read_all(text_page(text), series=index)
    c = record.work.container  # type: ignore[union-attr]
    assert (c.kind, c.name, c.publisher, c.issn) == ("journal", "Journal of Example Economics", "Example University Press", ["1234-5679"])


# -- series, archives, persons, institutions --------------------------------------------------------------


def test_series_record() -> None:
    (record,) = good("series-journal.redif")
    assert record.work is None and isinstance(record.entity, Series)
    mapper = Mapper()
    assert mapper.graph_iri(record) == f"{BASE}record/redif/series/repec/xmp/xmpjou"
    g = graph_of([record])
    s = URIRef(f"{BASE}series/repec/xmp/xmpjou")
    assert set(g.objects(s, RDF.type)) == {SCHEMA.Periodical, BIBO.Journal}
    assert set(g.objects(s, SCHEMA.name)) == {Literal("Journal of Example Economics")}
    assert set(g.objects(s, SCHEMA.issn)) == {Literal("1234-5679")}
    assert set(g.objects(s, DCTERMS.identifier)) == {Literal("RePEc:xmp:xmpjou")}
    assert set(g.objects(s, SCHEMA.provider)) == {URIRef(f"{BASE}org/repec/xmp")}
    publishers = set(g.objects(s, SCHEMA.publisher))
    names = {str(g.value(p, SCHEMA.name)): p for p in publishers}
    assert set(names) == {"Example University Press", "Society for Example Economics"}
    provider = names["Example University Press"]
    assert str(provider).startswith(f"{BASE}org/name/")  # the node page readers mint for the publisher...
    assert set(g.objects(provider, SCHEMA.sameAs)) == {URIRef("https://edirc.repec.org/data/exuprus.html")}  # ...joined to EDIRC
    assert set(g.objects(provider, FOAF.homepage)) == {URIRef("http://press.example.edu/")}
    editors = list(g.objects(s, SCHEMA.editor))
    assert [str(g.value(e, SCHEMA.name)) for e in editors] == ["Greta Holmqvist"]


def test_archive_record() -> None:
    (record,) = good("archive.redif")
    org = record.entity
    assert isinstance(org, Organization) and (org.archive, org.handle) == ("xmp", "RePEc:xmp")
    g = graph_of([record])
    o = URIRef(f"{BASE}org/repec/xmp")
    assert Mapper().graph_iri(record) == f"{BASE}record/redif/org/repec/xmp"
    assert set(g.objects(o, SCHEMA.url)) == {URIRef("https://econ.example.edu/research/"), URIRef("https://example.github.io/RePEc/xmp/")}
    assert set(g.objects(o, FOAF.homepage)) == {URIRef("https://econ.example.edu/research/")}
    assert g.value(o, SCHEMA.description) == Literal("This archive holds the working paper series of the Department of Economics of Example University.")


def test_person_record_and_its_join_to_the_authors_of_works() -> None:
    (record,) = good("person.redif")
    person = record.entity
    assert isinstance(person, Person)
    assert (person.short_id, person.name, person.given, person.family, person.handle) == (
        "pva77", "Ines Varga-Lindqvist", "Ines", "Varga-Lindqvist", "RePEc:per:1980-02-29:ines_varga-lindqvist")  # fmt: skip
    assert [(w.name, w.edirc) for w in person.workplaces] == [
        ("Institute for Labour Studies (ILS)", "ilsxmpl"),
        ("Université de Nordville / Faculté d'Économie / Centre d'Études Appliquées (CEA)", "ceanord"),
    ]
    assert person.works == ["xmp/wpaper/2018-07", "ils/dpaper/dp412", "xmp/xmpjou/v12y2019i3p101-130", "xmp/xmpchp/12-3"]
    p = URIRef(f"{BASE}person/repec/pva77")
    assert Mapper().graph_iri(record) == f"{BASE}record/redif/person/repec/pva77"
    text = "Template-Type: ReDIF-Paper 1.0\nAuthor-Name: Ines Varga\nAuthor-Person: pva77\nTitle: T\nHandle: RePEc:xmp:wpaper:2018-07\n"
    (paper,) = READER.read_all(text_page(text))
    g = graph_of([record, paper])  # type: ignore[list-item]
    assert (p, SCHEMA.sameAs, URIRef("https://authors.repec.org/pro/pva77")) in g
    assert (p, FOAF.made, URIRef(f"{BASE}work/repec/xmp/wpaper/2018-07")) in g
    assert (p, SCHEMA.affiliation, URIRef(f"{BASE}org/edirc/ceanord")) in g
    joined = g.query(
        "SELECT ?author WHERE { ?person foaf:made ?work ; schema:sameAs ?ras . ?work schema:author ?author . ?author schema:sameAs ?ras }",
        initNs={"foaf": FOAF, "schema": SCHEMA},
    )
    assert [str(row[0]) for row in joined] == [f"{BASE}work/repec/xmp/wpaper/2018-07/author/1"]  # authors are never merged


def test_institution_record_with_its_parents() -> None:
    (record,) = good("institution.redif")
    g = graph_of([record])
    o = URIRef(f"{BASE}org/edirc/oekbsde")
    assert Mapper().graph_iri(record) == f"{BASE}record/redif/org/edirc/oekbsde"
    assert g.value(o, SCHEMA.name) == Literal("Lehrstuhl für Ökonometrie")
    assert g.value(o, SCHEMA.alternateName) == Literal("Chair of Econometrics", lang="en")
    assert g.value(o, SCHEMA.location) == Literal("Beispielstadt, Germany")  # the nearest level's
    assert set(g.objects(o, SCHEMA.sameAs)) == {URIRef("https://edirc.repec.org/data/oekbsde.html")}
    chain = []
    node = g.value(o, SCHEMA.parentOrganization)
    while node is not None:
        chain.append((str(node).removeprefix(BASE), str(g.value(node, SCHEMA.name))))
        node = g.value(node, SCHEMA.parentOrganization)
    assert [name for _, name in chain] == ["Institut für Volkswirtschaftslehre", "Fakultät für Wirtschaftswissenschaften", "Universität Beispielstadt"]
    assert chain[0][0] == "org/edirc/vwbspde" and all(key.startswith("org/name/") for key, _ in chain[1:])
    # a level without a code is keyed by the names from the top down: another university's faculty is another node
    other = Organization(name="Fakultät für Wirtschaftswissenschaften", parent=Organization(name="Universität Anderswo"))
    assert chain[1][0] != "org/" + rdfbib.iris.organization_key(other)
    # the top level named alone is the node a publisher of that name gets
    assert chain[2][0] == "org/" + rdfbib.iris.org_name_key("Universität Beispielstadt")


def test_an_affiliation_linked_to_edirc_is_the_institution_records_node() -> None:
    text = "Template-Type: ReDIF-Institution 1.0\nPrimary-Name: Example University\nHandle: RePEc:edi:deexmus\n"
    (institution,) = READER.read_all(text_page(text))
    g = graph_of([institution, good("wpaper.rdf")[1]])  # type: ignore[list-item]
    o = URIRef(f"{BASE}org/edirc/deexmus")
    assert (URIRef(f"{BASE}work/repec/xmp/wpaper/ports-e1/author/1"), SCHEMA.affiliation, o) in g
    assert (o, DCTERMS.identifier, Literal("RePEc:edi:deexmus")) in g


def test_a_record_holds_a_work_or_an_entity_and_limits_apply_to_entities() -> None:
    from rdfbib.model import Work
    from rdfbib.page import MAX_RELATED, limit_record
    from rdfbib.terms import PROV

    with pytest.raises(ValueError, match="exactly one"):
        Record(work=None, reader="redif", source="s")
    with pytest.raises(ValueError, match="exactly one"):
        Record(work=Work(title="T"), reader="redif", source="s", entity=Series(key="xmp/x"))
    person = Person(short_id="pxx1", name="Pat Example", works=[f"xmp/wpaper/{n}" for n in range(MAX_RELATED + 2)])
    record = Record(work=None, reader="redif", source="s", entity=person)
    assert limit_record(record) == [f"the person: {MAX_RELATED + 2} works, over the limit of {MAX_RELATED}: the first {MAX_RELATED} kept"]
    assert len(person.works) == MAX_RELATED
    provenance = list(Mapper().provenance(record, datetime(2020, 1, 1, tzinfo=timezone.utc)))
    assert provenance[0][0] == f"{BASE}record/redif/person/repec/pxx1"
    assert not any(p == PROV.wasDerivedFrom for _, p, _ in provenance)  # no page: a registry record


def test_record_keys_never_clash() -> None:
    mapper = Mapper()
    records = [r for path in FIXTURE_FILES for r in outcomes(path) if isinstance(r, Record)]
    graphs = [mapper.graph_iri(r) for r in records]
    assert len(set(graphs)) == len(graphs)
    for record, graph in zip(records, graphs):
        key = graph.removeprefix(f"{BASE}record/redif/")
        assert key.split("/")[0] in (("series", "person", "org") if record.work is None else ("repec", "doi", "cite")), key


# -- output: every fixture ----------------------------------------------------------------------------------


def _all_records(path: Path) -> list[Record]:
    return [o for o in outcomes(path) if isinstance(o, Record)]


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.name)
def test_fixture_output_is_valid(path: Path) -> None:
    records = _all_records(path)
    dataset = to_dataset(records)
    quads = set(ox.parse(serialize(dataset, "nq"), format=ox.RdfFormat.N_QUADS))
    assert len({q.graph_name for q in quads}) == len(records)
    assert not any(isinstance(t, ox.BlankNode) for q in quads for t in (q.subject, q.object))
    turtle = serialize(dataset, "turtle")
    assert Graph().parse(data=turtle, format="turtle").isomorphic(union(dataset))
    assert serialize(to_dataset(_all_records(path)), "nq") == serialize(dataset, "nq")  # same bytes twice
    graph = union(dataset)
    assert not any(isinstance(t, BNode) for triple in graph for t in triple)
    ok, text = conforms(graph)
    assert ok, text


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.name)
def test_fixture_terms_are_known(path: Path) -> None:
    assert unknown_terms(graph_of(_all_records(path))) == set()


def test_profile_describes_every_term_the_output_uses() -> None:
    profile = set(Graph().parse(Path(__file__).resolve().parents[1] / "ontology" / "rdfbib.ttl").subjects())
    used: set = set()
    for path in FIXTURE_FILES:
        graph = graph_of(_all_records(path))
        used |= {p for p in graph.predicates() if not str(p).startswith(str(RDF) + "_") and p != RDF.type}
        used |= set(graph.objects(None, RDF.type))
    assert sorted(used - profile) == []


BROKEN = {
    "person record without a name": lambda g, p: g.remove((p, SCHEMA.name, None)),
    "person record without its RAS sameAs": lambda g, p: g.remove((p, SCHEMA.sameAs, None)),
    "person record with a work's handle": lambda g, p: g.set((p, DCTERMS.identifier, Literal("RePEc:xmp:wpaper:1"))),
    "person with a literal homepage": lambda g, p: g.set((p, FOAF.homepage, Literal("http://example.org/"))),
    "work with a series handle": lambda g, p: g.set((URIRef(f"{BASE}work/repec/xmp/wpaper/2018-07"), DCTERMS.identifier, Literal("RePEc:xmp:wpaper"))),
    "series with an item handle": lambda g, p: g.set((URIRef(f"{BASE}series/repec/xmp/wpaper"), DCTERMS.identifier, Literal("RePEc:xmp:wpaper:1"))),
    "series with a bad ISSN": lambda g, p: g.add((URIRef(f"{BASE}series/repec/xmp/wpaper"), SCHEMA.issn, Literal("12345678"))),
    "organisation with a literal parent": lambda g, p: g.add((URIRef(f"{BASE}org/edirc/ceanord"), SCHEMA.parentOrganization, Literal("A university"))),
    "number of pages as a string": lambda g, p: g.add((URIRef(f"{BASE}work/repec/xmp/wpaper/2018-07"), SCHEMA.numberOfPages, Literal("12"))),
}


@pytest.mark.parametrize("case", BROKEN)
def test_broken_entity_rules_are_caught(case: str) -> None:
    text = "Template-Type: ReDIF-Paper 1.0\nAuthor-Name: Ines Varga\nTitle: T\nHandle: RePEc:xmp:wpaper:2018-07\n"
    graph = graph_of(good("person.redif") + list(READER.read_all(text_page(text))))  # type: ignore[arg-type]
    assert conforms(graph)[0]
    BROKEN[case](graph, URIRef(f"{BASE}person/repec/pva77"))
    assert not conforms(graph)[0], case


# -- robustness ------------------------------------------------------------------------------------------------

_TEXTS = [p.read_bytes().decode("utf-8-sig" if p.suffix == ".redif" else "cp1252") for p in FIXTURE_FILES]
_JUNK = ["Handle: RePEc:xmp:wpaper:<x>", "Template-Type: ReDIF-Paper 1.0", "Template-Type:", "Author-Workplace-Institution: RePEc:edi:",
         "Short-Id: p1", "Year: 20x4", "Month: 13", "File-URL: javascript:alert(1)", "# x", "", "Author-Person: RePEc:per:x", "\ufeff",
         "Handle: RePEc:edi:x y", "Primary-Name:", "Classification-JEL: ;;", "HasChapter: RePEc", "X-", "Template-Type: ReDIF-Institution 1.0"]  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn) -> str:
    lines = draw(st.sampled_from(_TEXTS)).split("\n")
    for _ in range(draw(st.integers(1, 5))):
        i = draw(st.integers(0, max(0, len(lines) - 1)))
        op = draw(st.sampled_from(["delete", "swap", "junk", "junk", "cut"]))
        if not lines:
            lines = [""]
        if op == "delete":
            del lines[i]
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "junk":
            lines.insert(i, draw(st.sampled_from(_JUNK) | st.text(max_size=30)))
        else:
            lines = lines[:i]
    return "\n".join(lines)


@settings(max_examples=150, deadline=None, derandomize=bool(os.environ.get("CI")), suppress_health_check=[HealthCheck.too_slow])
@given(text=mutated())
def test_mutated_files_give_records_or_errors_only(text: str) -> None:
    for outcome in READER.read_all(Page(text, source="fuzz.rdf")):
        if isinstance(outcome, RdfbibError):
            assert str(outcome).startswith("fuzz.rdf") and "\n" not in str(outcome)
        else:
            assert isinstance(outcome, Record)
            check_output(outcome, "nq")


# -- the real files in ../shared/corpus/redif ----------------------------------------------------------------------

#: file -> (records, errors) it gives; the one-line rendering holds no handle it can reach.
CORPUS_COUNTS = {
    "BER_repec__cxs_cxsarch.rdf": (1, 0),
    "BER_repec__cxs_cxsseri.rdf": (1, 0),
    "BER_repec__cxs_wpaper.rdf": (30, 0),
    "CEU_RePEc__ceu_ceuarch.rdf": (1, 0),
    "CEU_RePEc__ceu_econwp_2025_2.rdf": (1, 0),
    "ReDIF-perl-2.69_t__lrk_eeaart_22_3.rdf": (20, 0),
    "UTK_repec__ten_tenseri.rdf": (1, 0),
    "UTK_repec__ten_wpaper_2025-04.redif": (1, 0),
    "cgd_ppaper_401_doc_example.txt": (1, 0),
    "graduateinstitute_template.rdf.txt": (0, 1),
    "test-fixture_shapes-from-mirror.txt": (4, 0),
    "ucdavis_dss-repec__public_cdaarch.rdf": (1, 0),
    "ucdavis_dss-repec__public_cdaseri.rdf": (1, 0),
    "unjournal_pypubpub__repec_rdfs_eval2024_01.rdf": (9, 0),
    "webmaster-cepr_RePEc__epo_booksx_2011.rdf": (1, 0),
    "webmaster-cepr_RePEc__epo_eposeri.rdf": (2, 0),
    "webmaster-cepr_RePEc__epo_papers_2009.rdf": (50, 0),
    "zbw_repec-ras__edirc_iiheide.rdf": (1, 0),
    "zbw_repec-ras__person_pry5.redif": (1, 0),
}


def corpus_page(name: str) -> Page:
    """The corpus file as the MANIFEST says to read it: the Markdown quotation without its 4-space indent."""
    page = load_page(CORPUS / name)
    if name == "cgd_ppaper_401_doc_example.txt":
        return Page(textwrap.dedent(page.text), source=page.source)
    return page


requires_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"real ReDIF files not found at {CORPUS}")


@requires_corpus
def test_the_corpus_is_the_one_listed() -> None:
    names = {line.split("\t")[0] for line in (CORPUS / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]}
    assert names == set(CORPUS_COUNTS)


@requires_corpus
@pytest.mark.parametrize("name", sorted(CORPUS_COUNTS))
def test_every_real_file_converts(name: str) -> None:
    page = corpus_page(name)
    found = list(READER.read_all(page))
    records = [o for o in found if isinstance(o, Record)]
    assert (len(records), len(found) - len(records)) == CORPUS_COUNTS[name], [str(o) for o in found if not isinstance(o, Record)]
    if not records:
        return
    assert READER.matches(page)
    dataset = to_dataset(records)
    quads = set(ox.parse(serialize(dataset, "nq"), format=ox.RdfFormat.N_QUADS))
    assert len({q.graph_name for q in quads}) == len(records)
    assert not any(isinstance(t, ox.BlankNode) for q in quads for t in (q.subject, q.object))
    graph = union(dataset)
    assert Graph().parse(data=serialize(dataset, "turtle"), format="turtle").isomorphic(graph)
    assert unknown_terms(graph) == set()
    ok, text = conforms(graph)
    assert ok, text


@requires_corpus
def test_real_facts_carry_over() -> None:
    articles = [r.work for r in READER.read_all(corpus_page("ReDIF-perl-2.69_t__lrk_eeaart_22_3.rdf"))]  # type: ignore[union-attr]
    assert {(a.container.name, a.volume, a.date.iso()) for a in articles} == {("Estudios de Economía Aplicada", "22", "2004-12")}
    (person,) = READER.read_all(corpus_page("zbw_repec-ras__person_pry5.redif"))
    assert (person.entity.short_id, person.entity.name, len(person.entity.workplaces)) == ("pry5", "Francois Rycx", 3)  # type: ignore[union-attr]
    assert len(person.entity.works) == 267  # type: ignore[union-attr]  # author-paper, -article and -chapter lines
    (institution,) = READER.read_all(corpus_page("zbw_repec-ras__edirc_iiheide.rdf"))
    org, depth = institution.entity, 0  # type: ignore[union-attr]
    while org.parent is not None:
        org, depth = org.parent, depth + 1
    assert (institution.entity.edirc, depth, org.name_english) == ("iiheide", 3, "University of Heidelberg")  # type: ignore[union-attr]
    (book,) = READER.read_all(corpus_page("webmaster-cepr_RePEc__epo_booksx_2011.rdf"))
    assert "conservatives’ framing" in book.work.abstract  # type: ignore[union-attr]  # a Windows-1252 quote


@requires_corpus
def test_a_mirror_archive_read_series_first() -> None:
    """RePEc/cxs as a mirror holds it: the archive, its series, its papers, which then carry the series' name."""
    series = list(READER.read_all(corpus_page("BER_repec__cxs_cxsseri.rdf")))
    papers = list(READER.read_all(corpus_page("BER_repec__cxs_wpaper.rdf"), series=series_index(series)))  # type: ignore[arg-type]
    assert {(p.work.container.name, p.work.container.publisher) for p in papers} == {  # type: ignore[union-attr]
        ("Research Notes", "Bureau for Economic Research Impumelelo Growth Lab")
    }
    archive = list(READER.read_all(corpus_page("BER_repec__cxs_cxsarch.rdf")))
    graph = graph_of(archive + series + papers)  # type: ignore[arg-type]
    ok, text = conforms(graph)
    assert ok, text
    node = URIRef(f"{BASE}series/repec/cxs/wpaper")
    assert (node, SCHEMA.provider, URIRef(f"{BASE}org/repec/cxs")) in graph
    assert (URIRef(f"{BASE}org/repec/cxs"), SCHEMA.name, Literal("Bureau for Economic Research Impumelelo Growth Lab")) in graph
    assert len(set(graph.subjects(SCHEMA.isPartOf, node))) == 30
