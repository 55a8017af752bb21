"""Property-based tests: whatever a page holds, rdfbib raises only its own documented errors
(:class:`rdfbib.errors.RdfbibError` subclasses) and its output re-parses with no blank node and
only RFC 3987 IRIs.

Inputs are real-looking pages mutated the way scraped pages break (the fixtures with lines deleted,
duplicated, swapped or cut; quotes, backslashes, ``>``, ``\"\"\"``, NUL, RTL and combining characters,
bad links and huge lines injected), random text and bytes, real citation strings (the table in
test_citations.py) mutated the same way, and arbitrary strings for identifiers and IRI minting.

Budget: every test is bounded by ``max_examples`` (see ``BUDGET``) so the file runs in well under
60 s in CI; with ``CI`` set, examples are derandomised so a CI run is repeatable (run locally to
explore new ones). ``RDFBIB_FUZZ_SCALE=10`` multiplies every budget for a longer local run.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import rdfbib
from rdfbib import citations, identifiers, iris
from rdfbib.errors import RdfbibError
from rdfbib.formats import FORMATS, serialize
from rdfbib.model import Author, Container, File, PartialDate, Person, Record, Work
from rdfbib.page import Page, limit_record
from rdfbib.pipeline import extract, to_dataset
from rdfbib.readers._record import is_name, is_text
from rdfbib.text import _normalise, clean
from rdfbib.writers import _ESCAPES, _json, _quoted

from . import test_citations
from .conftest import fixture_pages

SCALE = max(1, int(os.environ.get("RDFBIB_FUZZ_SCALE", "1")))
#: Examples per test (times RDFBIB_FUZZ_SCALE): 4,050 in all; the whole file takes 15-30 s at scale 1.
BUDGET = {"pages": 200, "random_pages": 150, "bytes": 300, "citations": 500, "identifiers": 1000, "iris": 1000, "records": 200, "fast_paths": 1000, "urls": 500}


def budget(name: str) -> settings:
    return settings(
        max_examples=BUDGET[name] * SCALE,
        deadline=None,
        derandomize=bool(os.environ.get("CI")),
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
        print_blob=True,
    )


# -- what "valid output" means ---------------------------------------------------------------

_UCS = "\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef\U00010000-\U0001fffd\U00020000-\U0002fffd\U00030000-\U0003fffd\U00040000-\U0004fffd\U00050000-\U0005fffd\U00060000-\U0006fffd\U00070000-\U0007fffd\U00080000-\U0008fffd\U00090000-\U0009fffd\U000a0000-\U000afffd\U000b0000-\U000bfffd\U000c0000-\U000cfffd\U000d0000-\U000dfffd\U000e1000-\U000efffd"
_PRIVATE = "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"
_PCT = "%[0-9A-Fa-f]{2}"
_UNRESERVED_SUB = "A-Za-z0-9\\-._~!$&'()*+,;=" + _UCS
_PCHAR = f"(?:[{_UNRESERVED_SUB}:@]|{_PCT})"
#: An absolute IRI by RFC 3987's grammar (IP-literal hosts loosely), with an optional fragment.
RFC3987_IRI = re.compile(
    "[A-Za-z][A-Za-z0-9+.\\-]*:"
    f"(?://(?:(?:[{_UNRESERVED_SUB}:]|{_PCT})*@)?(?:\\[[0-9A-Fa-f:.vV]+\\]|(?:[{_UNRESERVED_SUB}]|{_PCT})*)(?::[0-9]*)?(?:/{_PCHAR}*)*"
    f"|(?!//)(?:{_PCHAR}|/)*)"
    f"(?:\\?(?:{_PCHAR}|[/?{_PRIVATE}])*)?"
    f"(?:#(?:{_PCHAR}|[/?])*)?"
)
_BAD_LITERAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def assert_iri(value: str) -> None:
    assert RFC3987_IRI.fullmatch(value), f"not an RFC 3987 IRI: {value!r}"


def check_output(record: Record, fmt: str) -> None:
    """The record's N-Quads and ``fmt`` output re-parse (pyoxigraph) to the same quads: IRIs only, clean literals."""
    dataset = to_dataset([record])
    quads = set(ox.parse(serialize(dataset, "nq"), format=ox.RdfFormat.N_QUADS))
    assert quads, "a record always yields triples"
    for quad in quads:
        for term in (quad.subject, quad.predicate, quad.object, quad.graph_name):
            assert not isinstance(term, ox.BlankNode), f"blank node in {quad}"
            if isinstance(term, ox.NamedNode):
                assert_iri(term.value)
            elif isinstance(term, ox.Literal):
                assert not _BAD_LITERAL.search(term.value), f"control character in {term!r}"
                assert term.value == unicodedata.normalize("NFC", term.value) or term.datatype.value != "http://www.w3.org/2001/XMLSchema#string"
    if fmt != "nq":
        ox_format = {"turtle": ox.RdfFormat.TURTLE, "json-ld": ox.RdfFormat.JSON_LD, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG, "xml": ox.RdfFormat.RDF_XML}[fmt]
        again = set(ox.parse(serialize(dataset, fmt), format=ox_format))
        if FORMATS[fmt].quads:
            assert again == quads
        else:
            assert {q.triple for q in again} == {q.triple for q in quads}


def read_or_refuse(page: Page, reader: str | None) -> Record | None:
    """The record, or None when rdfbib refused the page with one of its own errors (anything else fails)."""
    try:
        record = extract(page, reader=reader)
    except RdfbibError as exc:
        assert str(exc) and "\n" not in str(exc)
        event(f"refused: {type(exc).__name__}")
        return None
    event(f"read by {record.reader}")
    assert_no_nonsense(record)
    limit_record(record)
    return record


def assert_no_nonsense(record: Record) -> None:
    """Issue 11: what a reader returns names a work (title, handle or DOI) and carries no markup title
    nor navigation or link-syntax names, on the work and on every work it cites, is cited by or versions;
    a ReDIF entity record (series, person, organisation) carries a name of words."""
    work = record.work
    if work is None:
        entity = record.entity
        if isinstance(entity, Person):
            assert is_name(entity.name), f"nonsense person name {entity.name!r}"
        else:
            assert entity.name is None or is_text(entity.name), f"nonsense name {entity.name!r}"
        return
    assert work.title or work.handle or work.repec_key or identifiers.normalize_doi(work.doi), "a record with no identity"
    for other in [work, *work.references, *work.cited_by, *work.versions]:
        assert other.title is None or is_text(other.title), f"nonsense title {other.title!r}"
        people = other.authors + (other.container.editors if other.container else [])
        assert all(is_name(a.name) for a in people), f"nonsense names {[a.name for a in people if not is_name(a.name)]}"


# -- mutated real pages ------------------------------------------------------------------------

INJECTIONS = [
    '"', "'", "\\", ">", "<", '"""', "'''", "\x00", "\u202e", "\u200f", "\u2066", "مرحبا بالعالم", "e\u0301\u0302\u0303\u0304",
    "\u0301" * 40, "\ufeff", "\u2028", "\r", "\x0b", "\x1b[31m", "\ud800", "\udfff", "\U0001f600", "&amp;", "&#0;", "&#xD800;",
    "<script>alert(1)</script>", "]]>", "<!--", "-->", "<![CDATA[", "javascript:alert(1)", "file:///etc/passwd",
    "http://a b/<x>\"{|}^`", "https://", "http://[::1", "data:text/html,x", "mailto:a@b", "10.1234/\"<>\\ x", "doi:10.1000/ x",
    "RePEc:abc:def:\"<x>", "RePEc::: ", "ISSN 1234-567X", "ISBN 978-0-000", "%", "%zz", "%00", "#", "?", "@", "\t\t\t", "  \u00a0  ",
    ", 2016. \"", "Handle: ", "Downloads: ", "<div>" * 300, "</a></td></tr></table>", "\\u0000", "\\\"", "x" * 5000,
    # issue 12's silent changes: dot segments in keys, control characters by reference, codecs that are no charset
    "10.9999/../../../../provenance", "/./", "/../", "..", "&#x01;", "&#127;", '<meta charset="uu">', '<meta charset="rot13">',
    '<meta charset="punycode">', ";Aut" * 50,
]
#: Mutated pages stay under a few MB (real pages' size): bigger ones only cost CI time and memory.
HUGE_LINE = 1_000_000
MAX_PAGE = 4_000_000
_FIXTURE_TEXT = [Page.from_bytes(p.read_bytes(), source=str(p)).text for p in fixture_pages()]
READER_NAMES = [r.name for r in rdfbib.all_readers()]


@st.composite
def mutated_page(draw: st.DrawFn) -> str:
    lines = draw(st.sampled_from(_FIXTURE_TEXT)).split("\n")
    for _ in range(draw(st.integers(1, 6))):
        if not lines:
            lines = [""]
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "inject", "inject", "inject", "huge", "cut", "cut_block"]))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines[i:i] = [lines[i]] * draw(st.integers(1, 50 if len(lines[i]) < 20_000 else 2))
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "inject":
            token = draw(st.sampled_from(INJECTIONS) | st.text(min_size=1, max_size=8))
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + token + lines[i][at:]
        elif op == "huge":  # a line of up to a megabyte
            line = lines[i] or "y"
            lines[i] = line * min(draw(st.integers(100, 2000)), HUGE_LINE // len(line) + 1)
        elif op == "cut":
            lines = lines[: i + 1]
            lines[-1] = lines[-1][: draw(st.integers(0, len(lines[-1])))]
        else:
            j = draw(st.integers(i, len(lines)))
            del lines[i:j]
    return "\n".join(lines)[:MAX_PAGE]


@budget("pages")
@given(text=mutated_page(), reader=st.sampled_from([None, *READER_NAMES]), fmt=st.sampled_from(sorted(FORMATS)))
def test_mutated_pages(text: str, reader: str | None, fmt: str) -> None:
    record = read_or_refuse(Page(text, source="<fuzz>"), reader)
    if record is not None:
        check_output(record, fmt)


@budget("pages")
@given(text=mutated_page(), encoding=st.sampled_from(["utf-8", "cp1252", "latin-1", "utf-16", "utf-16-le", "cp500"]))
def test_mutated_pages_as_bytes(text: str, encoding: str) -> None:
    data = text.encode(encoding, "surrogatepass" if encoding.startswith("utf") else "replace")
    try:
        page = Page.from_bytes(data, source="<fuzz>")
    except RdfbibError:
        return
    record = read_or_refuse(page, None)
    if record is not None:
        check_output(record, "nq")


# -- random pages and bytes --------------------------------------------------------------------

_HEADS = ["", "<html><head><title>x</title></head><body>", "IDEAS home Printed from https://ideas.repec.org/p/abc/wpaper/1.html\n", "EconPapers\n"]


@budget("random_pages")
@given(head=st.sampled_from(_HEADS), body=st.text(max_size=3000), reader=st.sampled_from([None, *READER_NAMES]))
def test_random_pages(head: str, body: str, reader: str | None) -> None:
    record = read_or_refuse(Page(head + body, source="<fuzz>"), reader)
    if record is not None:
        check_output(record, "nq")


@budget("bytes")
@given(data=st.binary(max_size=4000), content_type=st.sampled_from([None, "text/html", "text/html; charset=utf-16", "text/plain; charset=bogus"]))
def test_random_bytes(data: bytes, content_type: str | None) -> None:
    try:
        page = Page.from_bytes(data, source="<fuzz>", content_type=content_type)
    except RdfbibError:
        return
    assert page.tree is not None  # parsing never raises, whatever the text
    record = read_or_refuse(page, None)
    if record is not None:
        check_output(record, "nq")


def test_deep_nesting_stops_with_a_warning() -> None:
    page = Page("<html><head><title>x</title></head><body>" + "<div>" * 100_000 + "deep" + "</div>" * 100_000 + "</body></html>")
    assert page.tree is not None
    assert any("Excessive depth" in w for w in page.warnings)
    with pytest.raises(RdfbibError):  # nothing readable before the cut: refused, not crashed
        extract(page)


def test_no_entity_expansion_nor_external_entities(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10 if i else "lol"}">' for i in range(10))
    text = f'<?xml version="1.0"?><!DOCTYPE html [{laughs}<!ENTITY xxe SYSTEM "file://{secret}">]><html><body><h1>&l9;</h1><p>&xxe;</p></body></html>'
    tree = Page(text).tree
    content = tree.text_content()
    assert "TOP-SECRET" not in content
    assert "lollol" not in content and len(content) < 2000


# -- citation strings ----------------------------------------------------------------------------

_CITATIONS = sorted({p.values[0] for name, cases in vars(test_citations).items() if name.endswith("_CASES") for p in cases})


@st.composite
def mutated_citation(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(_CITATIONS))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["inject", "inject", "delete", "cut", "double"]))
        if op == "inject":
            text = text[:at] + draw(st.sampled_from(INJECTIONS[:60]) | st.text(max_size=5)) + text[at:]
        elif op == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 20)) :]
        elif op == "cut":
            text = text[:at]
        else:
            text = text[:at] + text[at:] * 2
    return text


@budget("citations")
@given(text=mutated_citation() | st.text(max_size=400))
def test_citations(text: str) -> None:
    try:
        work = citations.parse_citation(text)
    except RdfbibError:
        return
    if not clean(work.title):
        work.title = "untitled"
    check_output(Record(work=work, reader="fuzz", source="<fuzz>"), "nq")


# -- identifiers and IRIs --------------------------------------------------------------------------

_ID_SEEDS = ["10.1038/nature17038", "https://doi.org/10.1000%2Fabc", "RePEc:nat:nature:v:529:y:2016:i:7586:d:10.1038_nature17038", "0028-0836", "0000-0002-1825-0097", "978-3-16-148410-0", "https://ideas.repec.org/a/nat/nature/v529y2016i7586d10.1038_nature17038.html", "https://edirc.repec.org/data/debocus.html", "https://ideas.repec.org/e/pma123.html", "https://ideas.repec.org/j/C53.html", "nat/nature"]
identifier_text = st.sampled_from(_ID_SEEDS) | st.text(max_size=80) | st.builds(lambda s, t, at: s[:at] + t + s[at:], st.sampled_from(_ID_SEEDS), st.sampled_from(INJECTIONS[:60]), st.integers(0, 60))
_ISSN = re.compile(r"\d{4}-\d{3}[\dX]")
_ORCID = re.compile(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]")
_ISBN = re.compile(r"\d{9}[\dX]|\d{13}")
_HANDLE = re.compile(r"RePEc:[A-Za-z0-9]{3}:[^:\s]+:\S+")


@budget("identifiers")
@given(value=identifier_text)
def test_identifiers(value: str) -> None:
    doi = identifiers.normalize_doi(value)
    if doi is not None:
        assert re.fullmatch(r"10\.\d{4,9}/\S+", doi), doi  # the SHACL pattern on bibo:doi
        assert identifiers.normalize_doi(doi) == doi
        assert_iri("https://doi.org/" + iris.encode(identifiers.doi_iri_key(doi)))
    handle = identifiers.normalize_handle(value)
    if handle is not None:
        assert _HANDLE.fullmatch(handle), handle  # the SHACL pattern on dcterms:identifier
    for normalise, shape in ((identifiers.normalize_issn, _ISSN), (identifiers.normalize_orcid, _ORCID), (identifiers.normalize_isbn, _ISBN)):
        result = normalise(value)
        assert result is None or shape.fullmatch(result), (normalise.__name__, result)
    for function in (identifiers.handle_key, identifiers.url_key, identifiers.series_key, identifiers.ras_id, identifiers.edirc_code, identifiers.jel_code, identifiers.ideas_url, identifiers.url_kind, identifiers.find_doi):
        result = function(value)
        assert result is None or isinstance(result, str)
        if result is not None and function is not identifiers.url_kind:
            assert_iri("urn:rdfbib:x/" + iris.encode(result))


@budget("iris")
@given(value=st.text(max_size=200) | identifier_text, keep_slash=st.booleans())
def test_iri_minting(value: str, keep_slash: bool) -> None:
    encoded = iris.encode(value, keep_slash=keep_slash)
    assert_iri("urn:rdfbib:work/" + encoded)
    assert_iri("https://example.org/bib/" + encoded)
    assert iris.encode(encoded, keep_slash=keep_slash) == encoded  # percent-escapes are kept, not doubled
    assert not any(segment and segment.strip(".") == "" for segment in encoded.split("/"))  # no dot segment
    web = iris.web_iri(value)
    if web is not None:
        assert_iri(web)
        assert web.startswith(("http://", "https://"))
    text = clean(value)
    assert text is None or (not _BAD_LITERAL.search(text) and clean(text) == text)


# URLs as hostile pages and servers write them: brackets, ports, spaces, escapes, NUL, odd schemes.
_url_text = st.builds(
    "".join,
    st.lists(st.sampled_from(["http://", "https://", "ftp://", "//", "[", "]", "::1", ":", "99999", "80", "@", " ", "%", "%zz", "/", "?", "#", "\x00", "\t", "exa", "xn--", ".", "..", "\u00e9", "\u200b", "\ufffd"]), max_size=12),
)


@budget("urls")
@given(url=_url_text | st.text(max_size=60), redirect=st.booleans())
def test_hostile_urls_are_one_fetch_error(url: str, redirect: bool) -> None:
    """Any URL, or redirect Location, is either sendable as requests will send it, or one FetchError."""
    from requests.models import PreparedRequest

    from rdfbib.errors import FetchError
    from rdfbib.fetch import host_of, sendable

    assert isinstance(host_of(url), str)
    try:
        full = sendable(url, source="s", base="http://127.0.0.1:8000/a/b" if redirect else None)
    except FetchError as exc:
        event("refused")
        assert exc.source == "s" and "\n" not in str(exc)
        return
    PreparedRequest().prepare_url(full, None)
    assert host_of(full)


# Mostly printable text with spaces, the rest anything: the fast paths must agree with the slow ones.
_near_clean = st.text(alphabet=st.sampled_from("ab \u00e9e\u0301\"\\\t\n\x01\x7f\u00a0\u200b\ud800\ufffe\u2028\u202e"), max_size=30)


@budget("fast_paths")
@given(value=st.text(max_size=60) | _near_clean | st.sampled_from(["", " ", "a  b", " a", "a ", "e\u0301", "x" * 100_001]))
def test_fast_paths_agree(value: str) -> None:
    """``clean`` and literal quoting skip their work for text that needs none, with the same result."""
    assert clean(value) == _normalise(value)
    assert _quoted(value) == '"' + value.translate(_ESCAPES) + '"'


_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_SPACES = re.compile(r"[\s\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+")


@budget("fast_paths")
@given(value=st.text(max_size=60) | _near_clean | st.text(alphabet=st.sampled_from(" a\t\n\r\x0b\x0c\x1c\x85\u00a0\u1680\u2000\u2001\u200a\u200b\u2028\u202f\u205f\u3000\ufeff\u180e"), max_size=20))
def test_normalise_folds_the_spaces_a_regular_expression_would(value: str) -> None:
    """``_normalise`` folds white space with ``str.split`` (faster): the same as the pattern of every Unicode space."""
    expected = unicodedata.normalize("NFC", _SPACES.sub(" ", _BAD.sub("", value))).strip() or None
    assert _normalise(value) == expected


_json_values = st.recursive(
    st.text(max_size=8) | _near_clean,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4) | _near_clean, inner, max_size=3),
    max_leaves=12,
)


@budget("fast_paths")
@given(value=_json_values)
def test_json_layout_is_the_json_modules(value: dict | list | str) -> None:
    """The JSON-LD writer's own formatter writes what ``json.dumps(indent=2, sort_keys=True)`` would."""
    expected = json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False).replace("\n", "\n    ")
    assert _json(value, "    ") == expected


# -- whole records with hostile fields -----------------------------------------------------------

hostile = st.sampled_from(INJECTIONS) | st.text(max_size=40)


@st.composite
def hostile_work(draw: st.DrawFn, depth: int = 1) -> Work:
    work = Work(
        kind=draw(st.sampled_from(["article", "paper", "chapter", "book", "software", "other", "bogus"])),
        title=draw(hostile),
        authors=[Author(name=draw(hostile), given=draw(st.none() | hostile), family=draw(st.none() | hostile), repec_id=draw(st.none() | hostile), orcid=draw(st.none() | identifier_text)) for _ in range(draw(st.integers(0, 3)))],
        date=draw(st.none() | st.builds(PartialDate, st.integers(1, 9999), st.none() | st.integers(1, 12), st.none())),
        container=draw(st.none() | st.builds(Container, st.sampled_from(["journal", "series", "book"]), hostile, st.none() | hostile, st.lists(identifier_text, max_size=2), st.lists(identifier_text, max_size=2), st.none() | hostile, st.just([]), st.none() | hostile)),
        volume=draw(st.none() | hostile),
        issue=draw(st.none() | hostile),
        number=draw(st.none() | hostile),
        doi=draw(st.none() | identifier_text),
        handle=draw(st.none() | identifier_text),
        repec_key=draw(st.none() | hostile),
        url=draw(st.none() | hostile | identifier_text),
        files=[File(url=draw(hostile | identifier_text), function=draw(st.none() | hostile), restricted=draw(st.none() | st.booleans()))],
        keywords=draw(st.lists(hostile, max_size=3)),
        notes=draw(st.lists(hostile, max_size=2)),
    )
    if depth:
        work.references = draw(st.lists(hostile_work(depth=0), max_size=3))
        work.cited_by = draw(st.lists(hostile_work(depth=0), max_size=3))
    return work


@budget("records")
@given(work=hostile_work(), fmt=st.sampled_from(sorted(FORMATS)))
def test_hostile_records(work: Work, fmt: str) -> None:
    """The mapper on its own: whatever a reader might put in a field yields valid IRIs and literals."""
    if not clean(work.title):
        work.title = "untitled"
    record = Record(work=work, reader="fuzz", source="<fuzz>")
    warnings = limit_record(record)
    for url in [work.url, *(f.url for f in work.files)]:
        if url and iris.web_iri(url) is None:
            assert any("not a usable http(s) URL" in w for w in warnings)
    check_output(record, fmt)


def test_limits_cut_lists_with_a_warning() -> None:
    from rdfbib import page

    many = [Work(title=f"t{i}") for i in range(page.MAX_RELATED + 5)]
    work = Work(title="x", authors=[Author(name=f"a{i}") for i in range(page.MAX_AUTHORS + 1)], cited_by=many, keywords=["k"] * (page.MAX_ITEMS + 1))
    warnings = limit_record(Record(work=work, reader="fuzz", source="<fuzz>"))
    assert len(work.authors) == page.MAX_AUTHORS and len(work.cited_by) == page.MAX_RELATED and len(work.keywords) == page.MAX_ITEMS
    assert len(warnings) == 3 and all("over the limit" in w for w in warnings)


def test_limits_on_literals_links_and_keys() -> None:
    from rdfbib.text import MAX_CHARS

    long = "word " * MAX_CHARS
    cut = clean(long)
    assert cut is not None and len(cut) == MAX_CHARS and cut.endswith("\u2026")
    assert iris.web_iri("https://example.org/" + "a" * iris.MAX_URL) is None
    work = Work(title="t", repec_key="x" * (iris.MAX_KEY + 1), url="javascript:alert(1)", files=[File(url="ftp://x.org/f.pdf")], abstract=long)
    assert iris.work_key(work).startswith("cite/")
    warnings = limit_record(Record(work=work, reader="fuzz", source="<fuzz>"))
    assert any("'javascript:alert(1)' is not a usable http(s) URL" in w for w in warnings)
    assert any("download 'ftp://x.org/f.pdf'" in w for w in warnings)
    assert any("abstract of" in w and "cut" in w for w in warnings)


# -- queries: SERVICE only as a clause (issue 12) --------------------------------------------------

BUDGET["queries"] = 150
_WORDS = st.sampled_from(["SERVICE", "service", "Service", "SERVICE SILENT", "SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o }", "SERVICE ?x {}"])
_HOLDERS = {
    "string": lambda w: f'FILTER (?o != "{w}")',
    "long string": lambda w: f"FILTER (?o != '''{w}\n{w}''')",
    "comment": lambda w: f"# {w}\n",
    "iri": lambda w: f"?s <http://example.org/{w.split()[0]}> ?o .",
    "prefixed name": lambda w: f"?s ex:{w.split()[0]} ?o .",
    "variable": lambda w: f"OPTIONAL {{ ?s ?{w.split()[0]} ?o }}",
}
_CLAUSES = [
    "SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o }",
    "SERVICE SILENT ?g { ?a ?b ?c }",
    "OPTIONAL { SERVICE <http://127.0.0.1:1/s> { ?x ?y ?z } }",
    "{ ?a ?b ?c } UNION { SERVICE <urn:x> { ?a ?b ?c } }",
    "{ SELECT ?s WHERE { SERVICE <urn:x> { ?s ?p ?o } } }",
    "FILTER EXISTS { sErViCe <urn:x> { ?s ?p ?o } }",
]


@st.composite
def query_parts(draw: st.DrawFn) -> tuple[str, bool]:
    """A query holding SERVICE words in strings, comments, IRIs and names, and maybe one SERVICE clause."""
    parts = ["?s ?p ?o ."]
    for _ in range(draw(st.integers(1, 4))):
        parts.insert(draw(st.integers(0, len(parts))), _HOLDERS[draw(st.sampled_from(sorted(_HOLDERS)))](draw(_WORDS)))
    clause = draw(st.booleans())
    if clause:
        parts.insert(draw(st.integers(0, len(parts))), draw(st.sampled_from(_CLAUSES)))
    return "PREFIX ex: <http://example.org/>\nSELECT * WHERE {\n" + "\n".join(parts) + "\n}", clause


@budget("queries")
@given(case=query_parts())
def test_service_is_refused_as_a_clause_only(case: tuple[str, bool]) -> None:
    from rdfbib.errors import StoreError
    from rdfbib.store.querying import refuse_service

    text, clause = case
    if clause:
        with pytest.raises(StoreError, match="SERVICE clause"):
            refuse_service(text)
    else:
        refuse_service(text)
        assert not isinstance(ox.Store().query(text), ox.QueryBoolean)  # pyoxigraph reads it too: a real query


@budget("queries")
@given(text=st.text(max_size=300) | st.builds(lambda a, b: a + "SERVICE" + b, st.text(max_size=100), st.text(max_size=100)))
def test_any_query_text_is_checked_or_refused_in_one_line(text: str) -> None:
    from rdfbib.errors import StoreError
    from rdfbib.store.querying import refuse_service

    try:
        refuse_service(text)
    except StoreError as exc:
        assert "\n" not in str(exc)
