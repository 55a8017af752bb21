"""A source's bytes turned into text once, and parsed as HTML at most once.

Charset handling lives only here (HTTP header, BOM, ``<meta charset>``, UTF-8), so readers
never see bytes and never guess an encoding themselves.

Limits
------
Whatever a page holds, rdfbib stops at these and says so: an error for the whole source, a warning
for a part left out. No real IDEAS or EconPapers page reaches any of them.

- Source size: :data:`MAX_BYTES` (50 MB; ``max_bytes=``, ``convert --max-size``). Over it:
  :class:`~rdfbib.errors.SourceError`. So are empty sources and binary ones (mostly not text: more
  than 10 % NUL or other control bytes in the first 8 KB). A few stray control bytes in a text page
  (a NUL from a broken copy) are removed, with a warning, instead of refusing the page.
- HTML nesting depth: 255 elements (libxml2 without ``huge_tree``). Deeper, the parser stops: the
  rest of the page is not read, and :attr:`Page.warnings` says so. This also bounds the readers'
  recursion over the tree. The ``<meta>`` and ``<link>`` tags after the cut are still read (a scan
  that builds no tree) and added to the head, so a page cannot hide its bibliographic tags that way.
- Charsets: a declared name that is a codec for data, not text (``uu``, ``rot13``, ``hex``,
  ``base64``, ``punycode``), is ignored with a warning; the page is read as if it declared none.
- Control characters (raw, or as ``&#1;``-style references in markup) are removed with a warning.
- One HTML text node: 10 MB (libxml2 without ``huge_tree``); the parser stops there too, with the
  same warning.
- Per work (:func:`limit_record`): :data:`MAX_AUTHORS` authors or editors, :data:`MAX_RELATED`
  cited, citing or other-version works (or a book's chapters) per list, :data:`MAX_ITEMS` keywords,
  JEL codes, downloads or notes. The first ones are kept and a warning names the list. A series
  record keeps :data:`MAX_AUTHORS` editors, a person record :data:`MAX_RELATED` works.
- One literal: :data:`rdfbib.text.MAX_CHARS` characters (100,000), cut with an ellipsis by
  :func:`rdfbib.text.clean`; :func:`limit_record` warns for a work's title, abstract, citation,
  publisher, edition, author names, affiliations, keywords and container names. Lists printed in one
  attribute (``citation_authors``, keywords) are split first and each item cut on its own, so no
  name is ever cut in the middle.
- Links: :data:`rdfbib.iris.MAX_URL` characters (8,192); a longer link is dropped with a warning. An
  identifier longer than :data:`rdfbib.iris.MAX_KEY` (1,024) mints no IRI: the next key is used.

HTML is parsed by lxml in recover mode (broken markup is read as far as it goes) with no network
access; the HTML parser loads no DTD and expands no entity a page declares
(``<!ENTITY x SYSTEM "file:...">`` stays the text ``&x;``). Links other than http(s)
(``javascript:``, ``file:``, ``mailto:``, ``data:``) never become IRIs: the mapper drops them and
:func:`limit_record` warns about each one.
"""

from __future__ import annotations

import codecs
import re
from typing import TYPE_CHECKING, Any

from .errors import DecodeError, SourceError
from .text import MAX_CHARS, is_cut
from .text import shown as _shown

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from .model import Entity, Record, Work

#: Default cap on one source's size; the largest real IDEAS pages (thousands of citing works) are a few MB.
MAX_BYTES = 50 * 1024 * 1024
#: Authors (or editors) kept per work: large consortium papers list a few thousand.
MAX_AUTHORS = 5_000
#: Cited, citing and other-version works kept per list: the most cited IDEAS pages list some 10,000.
MAX_RELATED = 50_000
#: Keywords, JEL codes, downloads and notes kept per work.
MAX_ITEMS = 1_000

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: The warning for bytes read as Windows-1252 because they are not UTF-8 and declare nothing.
NOT_UTF8 = "no charset declared and the bytes are not UTF-8: read as Windows-1252"
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:\-]+)", re.IGNORECASE)
_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|meta|body|title|div|\?xml)\b", re.IGNORECASE | re.DOTALL)
_HTML_ANYWHERE = re.compile(r"<(?:html|head|body|meta)\b[^>]*>", re.IGNORECASE)


#: Python text codecs that are no charset a page can be written in (they encode host names or escapes).
_NOT_CHARSETS = frozenset({"punycode", "idna", "unicode-escape", "raw-unicode-escape", "undefined"})


def _codec(name: str | None, how: str, warnings: list[str]) -> str | None:
    """The Python codec a declared charset names; ``None`` (with a warning) for a codec that is no text
    charset (``uu``, ``rot13``, ``hex``, ``base64``, ``punycode``...), ``None`` for an unknown name."""
    if not name:
        return None
    try:
        info = codecs.lookup(name.strip().lower())
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CHARSETS:
        warnings.append(f"the {how} names {name!r}, a codec for data, not a charset pages are written in: ignored")
        return None
    return info.name


def decode(data: bytes, *, source: str, content_type: str | None = None) -> tuple[str, list[str]]:
    """Text of ``data`` and warnings; the HTTP charset wins, then a BOM, then ``<meta charset>``, then UTF-8.

    :raises DecodeError: the bytes are not text in the declared charset nor in UTF-8 or Windows-1252.
    """
    text, warnings, _ = _decode(data, source=source, content_type=content_type)
    return text, warnings


def _decode(data: bytes, *, source: str, content_type: str | None) -> tuple[str, list[str], str]:
    """:func:`decode`, and the name of the codec that decoded the bytes."""
    warnings: list[str] = []
    for bom, name in _BOMS:
        if data.startswith(bom):
            declared, how = name, "byte-order mark"
            break
    else:
        header = _HEADER_CHARSET.search(content_type or "")
        meta = _META_CHARSET.search(data[:4096])
        declared, how = None, None
        if header:
            declared, how = _codec(header.group(1), "HTTP header", warnings), "HTTP header"
        if not declared and meta:
            declared, how = _codec(meta.group(1).decode("ascii"), "<meta charset>", warnings), "<meta charset>"
    if declared:
        try:
            return data.decode(declared), warnings, declared
        except UnicodeDecodeError as exc:
            warnings.append(f"charset {declared} from the {how} does not fit the bytes ({exc.reason}); tried UTF-8")
    try:
        return data.decode("utf-8"), warnings, "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise DecodeError(f"not text in UTF-8 or Windows-1252 and no usable charset declared ({exc.reason})", source=source) from None
    warnings.append(NOT_UTF8)
    return text, warnings, "cp1252"


# Every byte but the C0 controls that text never holds (tab, newlines, form feed and CR are text).
_NOT_CONTROL = bytes(range(9, 14)) + bytes(range(32, 256))


def _looks_binary(data: bytes) -> bool:
    """Mostly not text: a single NUL in a saved page is damage to strip, not a reason to refuse it."""
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    controls = len(head.translate(None, _NOT_CONTROL))
    return controls > len(head) // 10


# Control characters that text never holds (tab, newlines, form feed and CR are text), C1 included.
_STRAY_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# The same written as numeric character references (``&#1;``, ``&#x7f;``), which lxml would decode into a
# link or a literal; HTML maps ``&#x80;``-``&#x9f;`` to Windows-1252 characters, so only C0 and DEL count.
_CONTROL_REFS = re.compile(r"&#(?:[xX]0*(?:[0-8bBeEfF]|1[0-9A-Fa-f]|7[fF])(?![0-9A-Fa-f])|0*(?:[0-8]|11|1[4-9]|2[0-9]|3[01]|127)(?![0-9]));?")


def _strip_controls(text: str, warnings: list[str], pattern: re.Pattern[str] = _STRAY_CONTROLS, what: str = "control character", like: str = "NUL") -> str:
    """The text without stray control characters (or, for markup, references to them); one warning says
    how many were removed, since one in a link changes where it points."""
    found = len(pattern.findall(text))
    if not found:
        return text
    warnings.append(f"{found} {what}{'s' if found > 1 else ''} ({like} or similar) removed from the page")
    return pattern.sub("", text)


class Page:
    """A source decoded to text; ``tree`` parses it as HTML on first use.

    ``charset`` names the codec that decoded the bytes (``utf-8``, ``utf-8-sig``, ``utf-16``,
    ``cp1252``...), ``None`` for a page made from text.
    """

    __slots__ = ("source", "text", "url", "content_type", "warnings", "charset", "_tree")

    def __init__(
        self,
        text: str,
        *,
        source: str = "<text>",
        url: str | None = None,
        content_type: str | None = None,
        warnings: list[str] | None = None,
        charset: str | None = None,
    ) -> None:
        self.source = source
        self.text = text
        self.url = url
        self.content_type = content_type
        self.warnings = list(warnings or ())
        self.charset = charset
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
        text, warnings, charset = _decode(data, source=source, content_type=content_type)
        text = _strip_controls(text, warnings)
        return cls(text, source=source, url=url, content_type=content_type, warnings=warnings, charset=charset)

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
            text = _strip_controls(self.text, self.warnings, _CONTROL_REFS, "control character reference", "&#1;") if "&#" in self.text else self.text
            if text.lstrip().startswith("<?xml"):
                text = text.split("?>", 1)[-1]
            try:
                self._tree = html.document_fromstring(text, parser=parser)
            except etree.ParserError:  # a document with no elements at all
                self._tree = html.document_fromstring("<html><body></body></html>", parser=parser)
            limits = sorted({e.message for e in parser.error_log if e.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT})
            for message in limits:
                self.warnings.append(f"HTML parser limit reached, the rest of the markup is not read: {message.split(',')[0]}")
            if limits:
                added = _late_head_tags(text, self._tree)
                if added:
                    self.warnings.append(f"{added} <meta>/<link> tags past the parser limit were read all the same")
        return self._tree


#: Attributes of a ``<meta>`` or ``<link>`` tag the readers use, copied by :func:`_late_head_tags`.
_HEAD_ATTRIBUTES = ("name", "property", "id", "content", "http-equiv", "scheme", "lang", "itemprop", "rel", "href", "type", "title", "hreflang")


class _HeadTags:
    """An lxml parser target (no tree is built, so no depth limit applies) that keeps every ``<meta>``
    and ``<link>`` tag's attributes, in document order."""

    def __init__(self) -> None:
        self.tags: list[tuple[str, dict[str, str]]] = []

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if tag in ("meta", "link"):
            self.tags.append((tag, {k: v for k, v in attrib.items() if k in _HEAD_ATTRIBUTES}))

    def close(self) -> list[tuple[str, dict[str, str]]]:
        return self.tags


def _late_head_tags(text: str, tree: HtmlElement) -> int:
    """Copy into ``tree``'s head the ``<meta>``/``<link>`` tags the parser never reached; how many.

    A page nested deeper than the parser's limit (255 elements) loses everything after the cut,
    bibliographic meta tags included: the readers would build a record from the little before it.
    The tree holds a prefix of the page, so the tags it lacks are the last ones a full scan finds.
    """
    from lxml import etree

    scan = etree.HTMLParser(target=_HeadTags(), recover=True, no_network=True)
    try:
        tags = etree.fromstring(text, scan)
    except (etree.LxmlError, ValueError):
        return 0
    have = {"meta": len(tree.findall(".//meta")), "link": len(tree.findall(".//link"))}
    head = tree.find("head")
    if head is None:
        head = etree.Element("head")
        tree.insert(0, head)
    added = 0
    for tag, attributes in tags:
        if have[tag]:
            have[tag] -= 1
            continue
        etree.SubElement(head, tag, attributes)
        added += 1
    return added


# -- limits on what one page yields -----------------------------------------------------------


def limit_record(record: Record) -> list[str]:
    """Cut the record's lists to the limits above and list the links the mapper will drop.

    Returns one warning per list cut and per non-http(s) link; the record is changed in place.
    Linear in the size of the record.
    """
    warnings: list[str] = []
    if record.work is not None:
        _limit_work(record.work, "the work", warnings, top=True)
    else:
        _limit_entity(record.entity, warnings)
    return warnings


def _limit_entity(entity: Entity | None, warnings: list[str]) -> None:
    """A series' editors, a person's claimed works (by far the longest list a registry record has)."""
    from .model import Person, Series

    if isinstance(entity, Series):
        _cut(entity, "editors", MAX_AUTHORS, "the series", warnings)
    elif isinstance(entity, Person):
        _cut(entity, "works", MAX_RELATED, "the person", warnings)


def _limit_work(work: Work, where: str, warnings: list[str], *, top: bool = False) -> None:
    from .iris import web_iri

    _cut(work, "authors", MAX_AUTHORS, where, warnings)
    _cut(work, "editors", MAX_AUTHORS, where, warnings)
    for name in _TEXT_FIELDS:
        _long(getattr(work, name), warnings, "{}: {}", where, name)
    for n, author in enumerate(work.authors, 1):
        _long(author.name, warnings, "{}: author {}'s name", where, n)
        for k, affiliation in enumerate(author.affiliations, 1):
            _long(affiliation.name, warnings, "{}: author {}'s affiliation {}", where, n, k)
    for n, keyword in enumerate(work.keywords, 1):
        _long(keyword, warnings, "{}: keyword {}", where, n)
    for name in ("keywords", "subjects", "files", "notes"):
        _cut(work, name, MAX_ITEMS, where, warnings)
    for label, url in [("link", work.url)] + [("download", f.url) for f in work.files]:
        if url and web_iri(url) is None:
            warnings.append(f"{where}: {label} {_shown(url)} is not a usable http(s) URL: dropped")
    container = work.container
    while container is not None:
        _cut(container, "editors", MAX_AUTHORS, f"{where}'s {container.kind}", warnings)
        _long(container.name, warnings, "{}'s {}: name", where, container.kind)
        if container.url and web_iri(container.url) is None:
            warnings.append(f"{where}'s {container.kind}: link {_shown(container.url)} is not a usable http(s) URL: dropped")
        container = container.series
    if not top:
        return
    for name, label in (("references", "cited work"), ("cited_by", "citing work"), ("versions", "other version"), ("parts", "chapter")):
        _cut(work, name, MAX_RELATED, where, warnings)
        for n, other in enumerate(getattr(work, name), 1):
            _limit_work(other, f"{label} {n}", warnings)


_TEXT_FIELDS = ("title", "abstract", "citation", "publisher", "edition")


def _long(value: str | None, warnings: list[str], what: str, *parts: object) -> None:
    """Warn for a text over :data:`MAX_CHARS`, whether :func:`rdfbib.text.clean` already cut it or the mapper
    will; the text is named (``what`` formatted with ``parts``) only then: naming every field of every work
    cost 5 % of a ReDIF batch."""
    if value and (len(value) > MAX_CHARS or is_cut(value)):
        warnings.append(f"{what.format(*parts)} of more than {MAX_CHARS} characters, the limit: cut, ending in an ellipsis")


def _cut(owner: object, name: str, limit: int, where: str, warnings: list[str]) -> None:
    items = getattr(owner, name)
    if len(items) > limit:
        warnings.append(f"{where}: {len(items)} {name.replace('_', ' ')}, over the limit of {limit}: the first {limit} kept")
        del items[limit:]
