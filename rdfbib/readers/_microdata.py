"""schema.org microdata (``itemscope``/``itemtype``/``itemprop``) describing the page's work.

The work is the first top-level item of a scholarly type (ranked as in :mod:`._jsonld`). Its
properties are the ``itemprop`` elements inside it that do not belong to a nested item; a nested
item is a value (an author ``Person``, an ``isPartOf`` periodical). When the whole document is the
item (D-Lib puts ``itemscope`` on ``<html>`` and gives only ``datePublished``), the page's
``<title>`` names the work. Values come from ``content``, ``datetime``, ``href`` or the text, as
the microdata specification says.
"""

from __future__ import annotations

from lxml import etree

from ..dates import parse_date
from ..identifiers import normalize_doi
from ..model import Container
from ..names import person
from ..text import clean
from ._jsonld import KINDS, TYPE_RANK
from ._meta import Found, pages, unique

Props = dict[str, list[etree._Element]]


def _types(element: etree._Element) -> list[str]:
    return [t.rstrip("/").rsplit("/", 1)[-1] for t in (element.get("itemtype") or "").split()]


def item(root: etree._Element) -> etree._Element | None:
    """The best-ranked top-level scholarly item of the page."""
    best: tuple[int, etree._Element] | None = None
    for element in root.iter():
        if not isinstance(element.tag, str) or element.get("itemscope") is None or element.get("itemprop") is not None:
            continue
        ranks = [TYPE_RANK[t] for t in _types(element) if t in TYPE_RANK]
        if ranks and (best is None or min(ranks) < best[0]):
            best = (min(ranks), element)
    return best[1] if best else None


def properties(element: etree._Element) -> Props:
    """``itemprop`` name → elements of this item (nested items are values, not searched)."""
    props: Props = {}
    walker = etree.iterwalk(element, events=("start",))
    for _, node in walker:
        if node is element or not isinstance(node.tag, str):
            continue
        for name in (node.get("itemprop") or "").split():
            props.setdefault(name, []).append(node)
        if node.get("itemscope") is not None:
            walker.skip_subtree()
    return props


def value(element: etree._Element) -> str | None:
    """A property's value as microdata defines it, by element kind."""
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    if element.get("content") is not None:
        return clean(element.get("content"))
    if tag == "time" and element.get("datetime"):
        return clean(element.get("datetime"))
    if tag in ("a", "link", "area") and element.get("href"):
        return clean(element.get("href"))
    if tag in ("img", "audio", "video", "source", "embed", "iframe") and element.get("src"):
        return clean(element.get("src"))
    return clean(element.text_content())


def read(root: etree._Element) -> Found:
    """The page's work as its microdata states it; an empty :class:`Found` when there is none."""
    found = Found()
    element = item(root)
    if element is None:
        return found
    props = properties(element)
    work = found.work

    def first(*names: str) -> str | None:
        return next((v for n in names for v in (value(e) for e in props.get(n, ())) if v), None)

    found.kind = next((KINDS[t] for t in sorted(_types(element), key=lambda t: TYPE_RANK.get(t, len(TYPE_RANK))) if t in KINDS), None)
    work.title = first("headline", "name")
    if work.title is None and element.tag == "html":
        work.title = next((clean(t.text_content()) for t in root.iter("title")), None)
    for node in props.get("author", []) + props.get("creator", []):
        name = clean(" ".join(v for v in (value(e) for e in properties(node).get("name", ())) if v)) if node.get("itemscope") is not None else value(node)
        if name:
            work.authors.append(person(name))
    date = first("datePublished", "dateCreated")
    if date:
        found.date_tag, work.date = "microdata datePublished", parse_date(date)
    work.doi = next((d for d in (normalize_doi(value(e)) for n in ("identifier", "sameAs", "doi") for e in props.get(n, ())) if d), None)
    work.abstract = first("description", "abstract")
    work.keywords = unique([clean(k) for v in (value(e) for e in props.get("keywords", ())) if v for k in v.split(",")])
    work.pages = pages(first("pageStart"), first("pageEnd"), first("pagination"))
    work.volume = first("volumeNumber")
    work.issue = first("issueNumber")
    for node in props.get("isPartOf", ()):
        if node.get("itemscope") is not None and "Periodical" in _types(node):
            name = next((v for v in (value(e) for e in properties(node).get("name", ())) if v), None)
            if name:
                work.container = Container(kind="journal", name=name)
                break
    return found

