"""A source's bytes turned into text once, and parsed as HTML at most once.

Charset handling lives only here (HTTP header, BOM, ``<meta charset>``, UTF-8), so readers
never see bytes and never guess an encoding themselves.
"""

from __future__ import annotations

import codecs
import re
from typing import TYPE_CHECKING, Any

from .errors import DecodeError, SourceError

if TYPE_CHECKING:
    from lxml.html import HtmlElement

#: Default cap on one source's size; the largest real IDEAS pages (thousands of citing works) are a few MB.
MAX_BYTES = 50 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:\-]+)", re.IGNORECASE)
_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|meta|body|title|div|\?xml)\b", re.IGNORECASE | re.DOTALL)
_HTML_ANYWHERE = re.compile(r"<(?:html|head|body|meta)\b[^>]*>", re.IGNORECASE)


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None


def decode(data: bytes, *, source: str, content_type: str | None = None) -> tuple[str, list[str]]:
    """Text of ``data`` and warnings; the HTTP charset wins, then a BOM, then ``<meta charset>``, then UTF-8.

    :raises DecodeError: the bytes are not text in the declared charset nor in UTF-8 or Windows-1252.
    """
    warnings: list[str] = []
    for bom, name in _BOMS:
        if data.startswith(bom):
            declared, how = name, "byte-order mark"
            break
    else:
        header = _HEADER_CHARSET.search(content_type or "")
        meta = _META_CHARSET.search(data[:4096])
        declared, how = None, None
        if header and _codec(header.group(1)):
            declared, how = _codec(header.group(1)), "HTTP header"
        elif meta and _codec(meta.group(1).decode("ascii")):
            declared, how = _codec(meta.group(1).decode("ascii")), "<meta charset>"
    if declared:
        try:
            return data.decode(declared), warnings
        except UnicodeDecodeError as exc:
            warnings.append(f"charset {declared} from the {how} does not fit the bytes ({exc.reason}); tried UTF-8")
    try:
        return data.decode("utf-8"), warnings
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise DecodeError(f"not text in UTF-8 or Windows-1252 and no usable charset declared ({exc.reason})", source=source) from None
    warnings.append("no charset declared and the bytes are not UTF-8: read as Windows-1252")
    return text, warnings


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > len(head) // 10


class Page:
    """A source decoded to text; ``tree`` parses it as HTML on first use."""

    __slots__ = ("source", "text", "url", "content_type", "warnings", "_tree")

    def __init__(
        self,
        text: str,
        *,
        source: str = "<text>",
        url: str | None = None,
        content_type: str | None = None,
        warnings: list[str] | None = None,
    ) -> None:
        self.source = source
        self.text = text
        self.url = url
        self.content_type = content_type
        self.warnings = list(warnings or ())
        self._tree: Any = None

    @classmethod
    def from_bytes(
        cls,
        data: bytes,
        *,
        source: str = "<bytes>",
        url: str | None = None,
        content_type: str | None = None,
        max_bytes: int = MAX_BYTES,
    ) -> Page:
        """Check and decode a source's bytes.

        :raises SourceError: empty, over ``max_bytes``, or binary.
        :raises DecodeError: not decodable text.
        """
        if len(data) > max_bytes:
            raise SourceError(f"too large: {len(data)} bytes, the limit is {max_bytes}", source=source)
        if not data.strip():
            raise SourceError("empty", source=source)
        if _looks_binary(data):
            raise SourceError("binary data, not a text or HTML page", source=source)
        text, warnings = decode(data, source=source, content_type=content_type)
        return cls(text, source=source, url=url, content_type=content_type, warnings=warnings)

    @property
    def is_html(self) -> bool:
        """True for markup; printed-as-text pages are read line by line instead."""
        if self.content_type and "html" in self.content_type.lower():
            return True
        head = self.text[:4096]
        return bool(_HTML_START.match(head) or len(_HTML_ANYWHERE.findall(head)) >= 2)

    @property
    def tree(self) -> HtmlElement:
        """The page parsed by lxml (recovering from broken markup, no network, no entities)."""
        if self._tree is None:
            from lxml import etree, html

            parser = html.HTMLParser(recover=True, no_network=True, remove_comments=True, huge_tree=False)
            text = self.text
            if text.lstrip().startswith("<?xml"):
                text = text.split("?>", 1)[-1]
            try:
                self._tree = html.document_fromstring(text, parser=parser)
            except etree.ParserError:  # a document with no elements at all
                self._tree = html.document_fromstring("<html><body></body></html>", parser=parser)
        return self._tree
