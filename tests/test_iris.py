"""IRI minting: deterministic, valid whatever the page holds, never under someone else's domain."""

from __future__ import annotations

import doctest

import pytest
from rdflib import URIRef

from rdfbib import iris
from rdfbib.model import Author, PartialDate, Work


def test_base_resolution(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RDFBIB_BASE", raising=False)
    assert iris.resolve_base() == "urn:rdfbib:"
    assert iris.resolve_base("https://example.org/bib") == "https://example.org/bib/"
    monkeypatch.setenv("RDFBIB_BASE", "https://env.example/")
    assert iris.resolve_base() == "https://env.example/"
    for bad in ("not a base", "relative/path", "https://ex.org/<x>"):
        with pytest.raises(ValueError):
            iris.resolve_base(bad)


def test_work_keys_in_order_of_preference() -> None:
    assert iris.work_key(Work(handle="RePEc:nbr:nberwo:20841", doi="10.3386/w20841")) == "repec/nbr/nberwo/20841"
    assert iris.work_key(Work(url="https://ideas.repec.org/p/nbr/nberwo/20841.html")) == "repec/nbr/nberwo/20841"
    assert iris.work_key(Work(doi="doi:10.1038/Nature17038")) == "doi/10.1038/nature17038"
    cite = iris.work_key(Work(title="Why?", authors=[Author("Liu, Yan", family="Liu")], date=PartialDate(2023)))
    assert cite.startswith("cite/") and len(cite) == len("cite/") + 16


def test_cite_hash_ignores_case_accents_punctuation_and_name_order() -> None:
    a = Work(title="Métastatic colonization, by cells!", authors=[Author("Joan Massagué")], date=PartialDate(2016))
    b = Work(title="metastatic colonization by cells", authors=[Author("Massague, Joan", family="Massague")], date=PartialDate(2016, 1))
    assert iris.work_key(a) == iris.work_key(b)
    c = Work(title="metastatic colonization by cells", authors=[Author("Joan Massagué")], date=PartialDate(2017))
    assert iris.work_key(a) != iris.work_key(c)


@pytest.mark.parametrize("text", ['a b<c>"d"{e}|f\\g^h`i', "100%", "%zz", "é/ü", "\ud800x", "\x00\x01"])
def test_encoded_segments_are_valid_iris(text: str) -> None:
    encoded = iris.encode(text)
    assert all(ord(c) < 128 and c not in ' <>"{}|\\^`' for c in encoded)
    URIRef("urn:rdfbib:x/" + encoded)  # rdflib warns on invalid IRIs; pyoxigraph below rejects them
    import pyoxigraph

    pyoxigraph.NamedNode("urn:rdfbib:x/" + encoded)


def test_existing_escapes_are_kept() -> None:
    assert iris.encode("a%2Fb") == "a%2Fb"


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://www.nature.com/articles/nature17038", "https://www.nature.com/articles/nature17038"),
        ("HTTP://x.org/a b", "http://x.org/a%20b"),
        ("https://x.org/é", "https://x.org/%C3%A9"),
        ("ftp://x.org/file", None),
        ("mailto:a@b.org", None),
        ("javascript:alert(1)", None),
        ("https://", None),
        ("", None),
    ],
)
def test_web_iri(url: str, expected: str | None) -> None:
    assert iris.web_iri(url) == expected


def test_doctests() -> None:
    assert doctest.testmod(iris).failed == 0
