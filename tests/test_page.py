"""Bytes to text: charset from header, BOM, <meta charset>, UTF-8; bad input gets a one-line error."""

from __future__ import annotations

import pytest

from rdfbib.errors import DecodeError, SourceError
from rdfbib.page import Page
from rdfbib.pipeline import extract

from .conftest import EXAMPLES

TEXT = "Joan Massagué — Kühn"


@pytest.mark.parametrize(
    "data, content_type",
    [
        pytest.param(TEXT.encode("utf-8"), None, id="utf-8"),
        pytest.param(b"\xef\xbb\xbf" + TEXT.encode("utf-8"), None, id="utf-8-bom"),
        pytest.param(b"\xff\xfe" + TEXT.encode("utf-16-le"), None, id="utf-16-bom"),
        pytest.param(TEXT.encode("cp1252"), "text/plain; charset=windows-1252", id="http-charset"),
        pytest.param(TEXT.encode("cp1252"), None, id="cp1252-fallback"),
    ],
)
def test_decoding(data: bytes, content_type: str | None) -> None:
    assert Page.from_bytes(data, source="x", content_type=content_type).text.lstrip("\ufeff") == TEXT


def test_meta_charset() -> None:
    html = '<html><head><meta charset="iso-8859-1"><title>Kühn</title></head><body>Kühn</body></html>'
    page = Page.from_bytes(html.encode("latin-1"), source="x")
    assert "Kühn" in page.text
    assert page.is_html and page.tree.findtext(".//title") == "Kühn"


def test_wrong_header_charset_falls_back_with_warning() -> None:
    page = Page.from_bytes(TEXT.encode("utf-8"), source="x", content_type="text/html; charset=ascii")
    assert page.text == TEXT and page.warnings


def test_cp1252_fallback_warns() -> None:
    assert Page.from_bytes(TEXT.encode("cp1252"), source="x").warnings


@pytest.mark.parametrize(
    "data, reason",
    [
        pytest.param(b"", "empty", id="empty"),
        pytest.param(b"   \n\t ", "empty", id="blank"),
        pytest.param(bytes(range(256)) * 10, "binary", id="binary"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", id="png"),
    ],
)
def test_bad_bytes(data: bytes, reason: str) -> None:
    with pytest.raises(SourceError, match=reason) as info:
        Page.from_bytes(data, source="bad.html")
    assert str(info.value).startswith("bad.html: ") and "\n" not in str(info.value)


def test_too_large() -> None:
    with pytest.raises(SourceError, match="too large"):
        Page.from_bytes(b"a" * 101, source="big.txt", max_bytes=100)


def test_undecodable() -> None:
    with pytest.raises(DecodeError):
        Page.from_bytes(b"abc \x81\x8d\x8f\x90\x9d text", source="x")


def test_is_html() -> None:
    assert Page("<!DOCTYPE html><html><body>x</body></html>").is_html
    assert not Page("IDEAS home Printed from https://ideas.repec.org/a/x.html\n<Title>").is_html


def test_tree_of_broken_markup() -> None:
    page = Page("<html><body><div id='title'><h1>Cut mid-ta")
    assert page.tree.find(".//h1") is not None
    assert Page("<!-- only a comment -->").tree is not None


@pytest.mark.parametrize("stray", [b"\x00", b"\x1b", b"\x00\x00\x07"])
def test_a_stray_control_byte_is_removed_with_a_warning_not_binary(stray: bytes) -> None:
    """Held-out finding: one NUL in a saved text page made the whole page "binary data"."""
    seed = (EXAMPLES / "seed-ideas-nature17038.txt").read_bytes()
    at = seed.index(b"Metastatic colonization")
    page = Page.from_bytes(seed[:at] + stray + seed[at:], source="seed.txt")
    assert page.text == seed.decode("utf-8")
    assert page.warnings == [f"{len(stray)} control character{'s' if len(stray) > 1 else ''} (NUL or similar) removed from the page"]
    assert extract(page).work.title == "Metastatic colonization by circulating tumour cells"


def test_mostly_control_bytes_is_binary() -> None:
    with pytest.raises(SourceError, match="binary"):
        Page.from_bytes(b"Title\n" + b"\x00\x01\x02" * 20, source="x")
