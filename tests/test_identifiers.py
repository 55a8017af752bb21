"""Identifier normalisation: DOI, RePEc handle/URL keys, ISSN, ORCID, ISBN, RAS, EDIRC, JEL."""

from __future__ import annotations

import doctest

import pytest

from rdfbib import identifiers as ids

KEY = "eee/eecrev/v98y2017icp424-441"


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param("10.1038/nature17038", "10.1038/nature17038", id="bare"),
        pytest.param("doi:10.1038/nature17038", "10.1038/nature17038", id="doi-prefix"),
        pytest.param("DOI: 10.1038/Nature17038", "10.1038/Nature17038", id="doi-prefix-case-kept"),
        pytest.param("https://doi.org/10.1038/nature17038", "10.1038/nature17038", id="resolver"),
        pytest.param("http://dx.doi.org/10.1038/nature17038", "10.1038/nature17038", id="dx-resolver"),
        pytest.param("https://doi.org/10.1007%2Fs10614-018-9875-9", "10.1007/s10614-018-9875-9", id="url-encoded"),
        pytest.param("10.1016/0167-2681(92)90045-H.", "10.1016/0167-2681(92)90045-H", id="trailing-stop"),
        pytest.param("info:doi/10.1000/xyz", "10.1000/xyz", id="info-uri"),
        pytest.param("euclid.aoas/1391109086", None, id="not-a-doi"),
        pytest.param("", None, id="empty"),
        pytest.param("10.12/abc", None, id="short-prefix"),
    ],
)
def test_normalize_doi(value: str, expected: str | None) -> None:
    assert ids.normalize_doi(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "RePEc:eee:eecrev:v:98:y:2017:i:c:p:424-441",
        "https://ideas.repec.org/a/eee/eecrev/v98y2017icp424-441.html",
        "http://ideas.repec.org/a/eee/eecrev/v98y2017icp424-441.html",
        "https://ideas.repec.org./a/eee/eecrev/v98y2017icp424-441.html",
        "https://ideas.repec.org:443/a/eee/eecrev/v98y2017icp424-441.html",
        "https://ideas.repec.Org/a/eee/eecrev/v98y2017icp424-441.html#statistics",
        "https://proxy.example.edu/login?url=https://ideas.repec.org/a/eee/eecrev/v98y2017icp424-441.html",
        "https://ideas-repec-org.ezproxy.example.edu/a/eee/eecrev/v98y2017icp424-441.html",
        "/a/eee/eecrev/v98y2017icp424-441.html",
        "https://econpapers.repec.org/article/eeeeecrev/v_3a98_3ay_3a2017_3ai_3ac_3ap_3a424-441.htm",
        "https://EconPapers.repec.org/article/eeeeecrev/v_3A98_3Ay_3A2017_3Ai_3Ac_3Ap_3A424-441.htm",
        "https://EconPapers.repec.org/RePEc:eee:eecrev:v:98:y:2017:i:c:p:424-441",
    ],
)
def test_one_key_for_every_spelling(value: str) -> None:
    assert (ids.handle_key(value) or ids.url_key(value)) == KEY


@pytest.mark.parametrize(
    "value, key",
    [
        ("RePEc:nbr:nberwo:20841", "nbr/nberwo/20841"),
        ("RePEc:nat:nature:v:529:y:2016:i:7586:d:10.1038_nature17038", "nat/nature/v529y2016i7586d10.1038_nature17038"),
        ("RePEc:kap:compec:v:55:y:2020:i:1:d:10.1007_s10614-018-9875-9", "kap/compec/v55y2020i1d10.1007_s10614-018-9875-9"),
        ("https://ideas.repec.org/p/wbk/wbrwps/wp_551.html", "wbk/wbrwps/wp_551"),
        ("https://econpapers.repec.org/paper/wbkwbrwps/wp_5f551.htm", "wbk/wbrwps/wp_551"),
        ("https://ideas.repec.org/a/ucp/jpolec/v3-part-2y1990i3.html", "ucp/jpolec/v3-part-2y1990i3"),
    ],
)
def test_keys(value: str, key: str) -> None:
    assert (ids.handle_key(value) or ids.url_key(value)) == key


@pytest.mark.parametrize(
    "url, kind",
    [
        ("https://ideas.repec.org/a/x/y/z.html", None),
        ("https://ideas.repec.org/a/eee/y/z.html", "article"),
        ("https://ideas.repec.org/p/nbr/nberwo/1.html", "paper"),
        ("https://ideas.repec.org/h/spr/sprchp/1.html", "chapter"),
        ("https://ideas.repec.org/b/spr/sprbok/1.html", "book"),
        ("https://ideas.repec.org/c/boc/bocode/s457392.html", "software"),
        ("https://econpapers.repec.org/bookchap/sprsprchp/1.htm", "chapter"),
    ],
)
def test_url_kind(url: str, kind: str | None) -> None:
    assert ids.url_kind(url) == kind


def test_series_keys() -> None:
    assert ids.series_key("/s/eee/bracre.html") == "eee/bracre"
    assert ids.series_key("https://ideas.repec.org/s/eee/bracre.html") == "eee/bracre"
    assert ids.series_key("RePEc:nbr:nberwo:20841") == "nbr/nberwo"
    assert ids.series_key("RePEc:sol:wpaper:2013/247060") == "sol/wpaper"  # an item id may hold "/"
    assert ids.series_key("https://ideas.repec.org/a/eee/eecrev/v98y2017icp424-441.html") == "eee/eecrev"
    assert ids.series_key("https://www.nature.com/articles/s41586") is None


def test_canonical_ideas_url() -> None:
    assert ids.ideas_url("http://ideas.repec.org.:443/p/nbr/nberwo/20841.html") == "https://ideas.repec.org/p/nbr/nberwo/20841.html"
    assert ids.ideas_url("https://example.org/") is None


@pytest.mark.parametrize(
    "value, expected",
    [("0028-0836", "0028-0836"), ("00280836", "0028-0836"), ("0028-0837", None), ("2049-3630", "2049-3630"), ("0378-5955", "0378-5955"), ("1234-567X", None), ("0000-006X", "0000-006X")],
)
def test_issn_check_digit(value: str, expected: str | None) -> None:
    assert ids.normalize_issn(value) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        ("0000-0002-1825-0097", "0000-0002-1825-0097"),
        ("https://orcid.org/0000-0002-1825-0097", "0000-0002-1825-0097"),
        ("0000-0002-1694-233X", "0000-0002-1694-233X"),
        ("0000000218250097", "0000-0002-1825-0097"),
        ("0000-0002-1825-0098", None),
    ],
)
def test_orcid_check_digit(value: str, expected: str | None) -> None:
    assert ids.normalize_orcid(value) == expected


def test_isbn() -> None:
    assert ids.normalize_isbn("978-3-319-12345-6") is None
    assert ids.normalize_isbn("978-0-306-40615-7") == "9780306406157"
    assert ids.normalize_isbn("0-306-40615-2") == "0306406152"


def test_repec_services() -> None:
    assert ids.ras_id("https://ideas.repec.org/e/pma123.html") == "pma123"
    assert ids.ras_id("https://ideas.repec.org/f/pma123.html") == "pma123"
    assert ids.ras_id("/e/pma123.html") == "pma123"
    assert ids.ras_id("https://authors.repec.org/pro/pma123/") == "pma123"
    assert ids.edirc_code("https://edirc.repec.org/data/nbernus.html") == "nbernus"
    assert ids.jel_code("/j/G21.html") == "G21"
    assert ids.jel_code("https://ideas.repec.org/j/E.html") == "E"
    assert ids.jel_code("G21") == "G21"
    assert ids.jel_code("banks") is None


def test_find_doi_in_text() -> None:
    assert ids.find_doi("https://libkey.io/10.1038/nature17038?utm_source=ideas") == "10.1038/nature17038"
    assert ids.find_doi("no doi here") is None


def test_doctests() -> None:
    assert doctest.testmod(ids).failed == 0


@pytest.mark.parametrize(
    "value, expected",
    [
        ("RePEc:nbr:nberwo:20841.", "RePEc:nbr:nberwo:20841"),
        ("repec:nbr:nberwo:20841", "RePEc:nbr:nberwo:20841"),
        ("REPEC:000:0:.", None),  # found by the fuzz run: an item that is only punctuation is no item
        ("RePEc:abc:def:;,)", None),
        ("RePEc:abc:def", None),
    ],
)
def test_normalize_handle_gives_a_valid_handle_or_none(value: str, expected: str | None) -> None:
    import re

    handle = ids.normalize_handle(value)
    assert handle == expected
    assert handle is None or re.fullmatch(r"RePEc:[A-Za-z0-9]{3}:[^:\s]+:\S+", handle)  # the SHACL pattern
