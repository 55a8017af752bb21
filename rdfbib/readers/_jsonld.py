"""Embedded JSON-LD (``<script type="application/ld+json">``) describing the page's work in schema.org.

Shapes met: a bare node; a list of nodes; ``@graph`` holding nodes or nested arrays of nodes
(Semantic Scholar); a ``WebPage`` whose ``mainEntity`` is the article (Springer Nature); full-IRI
types (``https://schema.org/Dataset``, Zenodo). Sloppy JSON (HTML comments or CDATA around it,
trailing commas, raw control characters) is repaired before giving up on a block. The node
chosen is the first of the most scholarly type present (:data:`TYPE_RANK`); nodes are walked with
an explicit stack, so deep or huge blocks cannot exhaust the recursion limit.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from lxml import etree, html

from ..dates import parse_date
from ..identifiers import normalize_doi, normalize_orcid, valid_issns
from ..model import Affiliation, Author, Container, File
from ..names import person
from ..text import clean
from ._meta import Found, pages, unique

#: schema.org types of a work, most specific first; the page's work is the best-ranked node found.
TYPE_RANK = {
    name: rank
    for rank, names in enumerate((
        ("ScholarlyArticle", "MedicalScholarlyArticle"),
        ("Thesis", "Report", "Chapter", "Book", "Dataset"),
        ("Article", "NewsArticle", "TechArticle", "CreativeWork"),
    ))
    for name in names
}  # fmt: skip
KINDS = {
    "ScholarlyArticle": "article", "MedicalScholarlyArticle": "article", "Article": "article",
    "NewsArticle": "article", "TechArticle": "article", "Report": "paper", "Chapter": "chapter",
    "Book": "book", "Thesis": "thesis", "Dataset": "dataset", "CreativeWork": "other",
}  # fmt: skip
_WRAPPER = re.compile(r"^\s*(?:<!--|//\s*<!\[CDATA\[|<!\[CDATA\[)|(?:-->|//\s*\]\]>|\]\]>)\s*$")
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")
_MAX_NODES = 100_000
#: A JSON escape of a control character (tab, newlines, form feed and CR are text): ``clean`` drops them,
#: and one in a link changes where it points, so :func:`read` says so.
_CONTROL_ESCAPE = re.compile(r"\\u00(?:0[0-8bBeEfF]|1[0-9A-Fa-f]|7[fF])")


def _texts(root: etree._Element) -> Iterator[str]:
    """The text of each ``<script type="application/ld+json">``."""
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() == "application/ld+json":
            yield script.text or ""


def blocks(root: etree._Element) -> Iterator[Any]:
    """Each JSON-LD block of the page, parsed; a block that is not JSON even after repair is skipped."""
    for text in _texts(root):
        for attempt in (text, _TRAILING_COMMA.sub(r"\1", _WRAPPER.sub("", text))):
            try:
                yield json.loads(attempt, strict=False)
                break
            except (ValueError, RecursionError):  # not JSON, or nested deeper than the decoder goes
                continue


def type_names(node: dict[str, Any]) -> list[str]:
    """The node's types as bare schema.org names (``https://schema.org/Dataset`` → ``Dataset``)."""
    types = node.get("@type")
    values = types if isinstance(types, list) else [types]
    return [t.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1].rsplit(":", 1)[-1] for t in values if isinstance(t, str)]


def work_node(data: list[Any]) -> dict[str, Any] | None:
    """The best-ranked work node in these blocks, searching ``@graph``, lists and ``mainEntity``."""
    best: tuple[int, dict[str, Any]] | None = None
    stack = list(reversed(data))
    seen = 0
    while stack and seen < _MAX_NODES:
        item = stack.pop()
        seen += 1
        if isinstance(item, list):
            stack.extend(reversed(item))
            continue
        if not isinstance(item, dict):
            continue
        ranks = [TYPE_RANK[t] for t in type_names(item) if t in TYPE_RANK]
        if ranks and (best is None or min(ranks) < best[0]):
            best = (min(ranks), item)
        for key in ("@graph", "mainEntity"):
            if isinstance(item.get(key), (list, dict)):
                stack.append(item[key])
    return best[1] if best else None


def read(root: etree._Element) -> Found:
    """The page's work as its JSON-LD states it; an empty :class:`Found` when there is none."""
    node = work_node(list(blocks(root)))
    if node is None:
        return Found()
    found = read_node(node)
    escapes = sum(len(_CONTROL_ESCAPE.findall(text)) for text in _texts(root))
    if escapes:
        found.warnings.append(f"{escapes} control character escape{'s' if escapes > 1 else ''} (\\u0001 or similar) in the JSON-LD removed")
    return found


def read_node(node: dict[str, Any]) -> Found:
    """The work one JSON-LD node states."""
    found = Found()
    work = found.work
    types = type_names(node)
    found.kind = next((KINDS[t] for t in sorted(types, key=lambda t: TYPE_RANK.get(t, len(TYPE_RANK))) if t in KINDS), None)
    work.title = _text(node.get("headline")) or _text(node.get("name"))
    work.authors = [a for a in (_person(p) for p in _list(node.get("author")) or _list(node.get("creator"))) if a]
    date = _text(node.get("datePublished"))
    if date:
        found.date_tag, work.date = "JSON-LD datePublished", parse_date(date)
    work.abstract = _markup_free(_text(node.get("abstract")) or _text(node.get("description")))
    work.keywords = _keywords(node.get("keywords"))
    work.language = _language(node.get("inLanguage"))
    work.publisher = _name(node.get("publisher"))
    work.pages = pages(_text(node.get("pageStart")), _text(node.get("pageEnd")), _text(node.get("pagination")))
    work.doi = next(
        (doi for doi in (normalize_doi(_text(v)) for key in ("identifier", "sameAs", "@id", "url") for v in _list(node.get(key))) if doi),
        None,
    )
    work.url = _text(node.get("url"))
    _part_of(node, found)
    work.files = [
        File(url=url, format=_text(d.get("encodingFormat")))
        for d in _list(node.get("distribution"))
        if isinstance(d, dict) and (url := _text(d.get("contentUrl")))
    ]
    return found


def _part_of(node: dict[str, Any], found: Found) -> None:
    """Journal, volume and issue from ``isPartOf`` chains (issue → volume → periodical) or ``publication``."""
    work = found.work
    journal, issn = None, []
    part = next((p for p in _list(node.get("isPartOf")) if isinstance(p, dict)), node.get("isPartOf"))
    for _ in range(4):
        if not isinstance(part, dict):
            break
        types = type_names(part)
        if "PublicationIssue" in types:
            work.issue = work.issue or _text(part.get("issueNumber"))
        if "PublicationVolume" in types:
            work.volume = work.volume or _text(part.get("volumeNumber"))
        if {"Periodical", "Journal"} & set(types) or ("PublicationVolume" not in types and "PublicationIssue" not in types):
            journal = journal or _text(part.get("name"))
            issn = issn or valid_issns([_text(v) for v in _list(part.get("issn"))], found.warnings, "JSON-LD issn")
        part = next((p for p in _list(part.get("isPartOf")) if isinstance(p, dict)), None)
    if isinstance(node.get("isPartOf"), str):
        journal = _text(node["isPartOf"])
    journal = journal or _name(node.get("publication")) or _name(node.get("periodical"))
    if journal or issn:
        work.container = Container(kind="journal", name=journal, issn=issn)


def _person(value: Any) -> Author | None:
    if isinstance(value, str):
        return person(value) if clean(value) else None
    if not isinstance(value, dict):
        return None
    given, family = _text(value.get("givenName")), _text(value.get("familyName"))
    name = _text(value.get("name")) or " ".join(p for p in (given, family) if p)
    if not name:
        return None
    author = person(name)
    if "Organization" in type_names(value):
        author.organization, author.given, author.family = True, None, None
    elif given and family:
        author.given, author.family = given, family
    ids = [_text(v) for key in ("@id", "sameAs", "url", "identifier") for v in _list(value.get(key))]
    author.orcid = next((o for o in (normalize_orcid(i) for i in ids if i and "orcid" in i.lower()) if o), None)
    author.email = _text(value.get("email"))
    for org in _list(value.get("affiliation")):
        label = _affiliation(org)
        if label:
            author.affiliations.append(Affiliation(name=label))
    return author


def _affiliation(value: Any) -> str | None:
    """An organisation's printed line: its address name when that is the fuller text (Springer), else its name."""
    if isinstance(value, str):
        return clean(value)
    if not isinstance(value, dict):
        return None
    name = _text(value.get("name"))
    address = value.get("address")
    line = _text(address.get("name")) if isinstance(address, dict) else _text(address)
    if line and (not name or name in line):
        return line
    return name or line


def _markup_free(value: str | None) -> str | None:
    """The text of a value that holds HTML (Zenodo's ``<p>...</p>`` descriptions), else the value."""
    if not value or "<" not in value:
        return value
    try:
        return clean(html.fragment_fromstring(value, create_parent="div").text_content())
    except etree.ParserError:
        return value


def _keywords(value: Any) -> list[str]:
    if isinstance(value, str):
        return unique([clean(k) for k in value.split(",")])
    return unique([_text(k) for k in _list(value)])


def _language(value: Any) -> str | None:
    if isinstance(value, dict):
        return _text(value.get("alternateName")) or _text(value.get("name"))
    return _text(value)


def _name(value: Any) -> str | None:
    if isinstance(value, dict):
        return _text(value.get("name"))
    if isinstance(value, list):
        return next((n for n in (_name(v) for v in value) if n), None)
    return _text(value)


def _list(value: Any) -> list[Any]:
    """A property's values: a JSON array, an ``{"@list": [...]}`` (ordered authors) or one value."""
    if value is None:
        return []
    if isinstance(value, dict) and isinstance(value.get("@list"), list):
        return value["@list"]
    return value if isinstance(value, list) else [value]


def _text(value: Any) -> str | None:
    """A plain string value (numbers too); objects and lists are not text."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, dict):
        return _text(value.get("@value"))
    return clean(value) if isinstance(value, str) else None
