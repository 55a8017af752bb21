"""ScienceDirect's embedded page state: the only place its pages name authors and affiliations.

ScienceDirect article pages carry ``citation_*`` tags for everything but the authors. The
authors are in the page's JSON state, either a ``<script type="application/json">`` block (1990s
articles, ``data-iso-key="_0"``) or ``window.__PRELOADED_STATE__ = {...};`` (current pages), as an
Elsevier XML tree turned JSON: ``authors.content[]`` holds ``author-group`` nodes whose children
are ``author`` nodes (``given-name``, ``surname``, ``cross-ref refid="aff1"``, an ``orcid``
attribute, a Base64 ``encoded-e-address``) and ``affiliation`` nodes (``textfn`` is the printed
line). An author with no affiliation cross-reference shares the affiliations of the group, as
Elsevier's own rendering does. ``references.content`` holds the bibliography the same way:
``bib-reference`` nodes with structured ``reference`` children (``contribution`` with authors and
title, ``host`` with an ``issue`` of a ``series`` (journal), an ``edited-book`` or ``book``, the date
and pages), ``other-ref`` free text, and (current pages) the printed ``source-text``;
``referenceLinks.external`` adds Crossref DOIs by ``refId``.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any
from urllib.parse import unquote

from lxml import etree

from ..citations import parse_citation
from ..dates import parse_date
from ..identifiers import normalize_doi, normalize_orcid
from ..model import Affiliation, Author, Container, Work
from ..text import clean
from ._meta import pages

_MARKER = '"authors":'


def is_sciencedirect(root: etree._Element) -> bool:
    """The page carries Elsevier's ``citation_pii`` tag or ScienceDirect's ``SDTech`` tag."""
    return any((m.get("name") or "").lower() in ("citation_pii", "sdtech") for m in root.iter("meta"))


def state(root: etree._Element) -> dict[str, Any] | None:
    """The page's JSON state object, or ``None`` when no script holds one."""
    for script in root.iter("script"):
        text = script.text or ""
        if _MARKER not in text:
            continue
        start = text.find("{")
        if start < 0:
            continue
        try:
            data, _ = json.JSONDecoder(strict=False).raw_decode(text, start)
        except (ValueError, RecursionError):  # not JSON, or nested deeper than the decoder goes
            continue
        if isinstance(data, dict) and isinstance(data.get("authors"), dict):
            return data
    return None


def authors(data: dict[str, Any]) -> list[Author]:
    """Authors of the page state in page order with their affiliations, ORCIDs and e-mail addresses."""
    shared = data["authors"].get("affiliations")
    labels = {key: _flatten_affiliation(node) for key, node in shared.items()} if isinstance(shared, dict) else {}
    result: list[Author] = []
    for group in _children(data["authors"].get("content")):
        if group.get("#name") != "author-group":
            continue
        members = _children(group.get("$$"))
        local = {}
        for node in members:
            if node.get("#name") == "affiliation":
                key = (node.get("$") or {}).get("id")
                local[key] = labels.get(key) or _flatten_affiliation(node)
        group_affiliations = [label for label in local.values() if label]
        for node in members:
            if node.get("#name") == "author":
                author = _author(node, {**labels, **local})
                if author is None:
                    continue
                if not author.affiliations:
                    author.affiliations = [Affiliation(name=label) for label in group_affiliations]
                result.append(author)
    return result


def references(data: dict[str, Any]) -> list[Work]:
    """The bibliography of the page state in order, one Work per cited reference."""
    links = data.get("referenceLinks")
    external = links.get("external") if isinstance(links, dict) else None
    dois = {str(x.get("refId")): x.get("crossRefDoi") for x in external if isinstance(x, dict)} if isinstance(external, list) else {}
    works: list[Work] = []
    content = data.get("references", {}).get("content") if isinstance(data.get("references"), dict) else None
    stack: list[Any] = list(reversed(_children(content)))
    while stack:
        node = stack.pop()
        if node.get("#name") != "bib-reference":
            stack.extend(reversed(_children(node.get("$$"))))
            continue
        children = _children(node.get("$$"))
        printed = next((clean(_flatten(c)) for c in children if c.get("#name") == "source-text"), None)
        for child in children:
            if child.get("#name") == "reference":
                work = _reference(child)
                work.citation = printed
                work.doi = work.doi or normalize_doi(dois.get(str((child.get("$") or {}).get("refId"))))
                works.append(work)
            elif child.get("#name") == "other-ref":
                text = clean(_flatten(child))
                if text:
                    works.append(parse_citation(text))
    return works


def _reference(node: dict[str, Any]) -> Work:
    """One structured ``reference``: its contribution (authors, title) and host (journal or book, date, pages)."""
    work = Work()
    for part in _children(node.get("$$")):
        name = part.get("#name")
        if name == "contribution":
            for child in _children(part.get("$$")):
                if child.get("#name") == "authors":
                    work.authors = [a for a in (_person(x) for x in _children(child.get("$$")) if x.get("#name") == "author") if a]
                elif child.get("#name") == "title":
                    work.title = clean(_flatten(child))
        elif name == "host":
            _host(part, work)
        elif name == "doi":
            work.doi = normalize_doi(_flatten(part))
    return work


def _host(node: dict[str, Any], work: Work) -> None:
    first = last = None
    for part in _children(node.get("$$")):
        name = part.get("#name")
        if name == "issue":
            work.kind = "article"
            for child in _children(part.get("$$")):
                kind = child.get("#name")
                if kind == "series":
                    for item in _children(child.get("$$")):
                        if item.get("#name") == "title":
                            work.container = Container(kind="journal", name=clean(_flatten(item)))
                        elif item.get("#name") == "volume-nr":
                            work.volume = clean(_flatten(item))
                elif kind == "issue-nr":
                    work.issue = clean(_flatten(child))
                elif kind == "date":
                    work.date = parse_date(clean(_flatten(child)))
        elif name in ("edited-book", "book"):
            title = next((clean(_flatten(c)) for c in _children(part.get("$$")) if c.get("#name") == "title"), None)
            publisher = next((clean(_flatten(c)) for c in _children(part.get("$$")) if c.get("#name") == "publisher"), None)
            date = next((clean(_flatten(c)) for c in _children(part.get("$$")) if c.get("#name") == "date"), None)
            work.date = work.date or parse_date(date)
            if work.title:
                work.kind = "chapter"
                work.container = Container(kind="book", name=title, publisher=publisher)
            else:
                work.kind, work.title, work.publisher = "book", title, publisher
        elif name == "date":
            work.date = work.date or parse_date(clean(_flatten(part)))
        elif name == "pages":
            for child in _children(part.get("$$")):
                if child.get("#name") == "first-page":
                    first = _flatten(child)
                elif child.get("#name") == "last-page":
                    last = _flatten(child)
        elif name == "article-number":
            work.number = clean(_flatten(part))
        elif name == "doi":
            work.doi = normalize_doi(_flatten(part))
    work.pages = pages(first, last)


def _person(node: dict[str, Any]) -> Author | None:
    given = surname = None
    for child in _children(node.get("$$")):
        if child.get("#name") == "given-name":
            given = clean(_flatten(child))
        elif child.get("#name") == "surname":
            surname = clean(_flatten(child))
    if not surname:
        return None
    return Author(name=f"{surname}, {given}" if given else surname, given=given, family=surname)


def _author(node: dict[str, Any], affiliations: dict[str, str | None]) -> Author | None:
    given = surname = email = None
    refs: list[str] = []
    for child in _children(node.get("$$")):
        name = child.get("#name")
        if name == "given-name":
            given = clean(_flatten(child))
        elif name == "surname":
            surname = clean(_flatten(child))
        elif name == "cross-ref":
            refs.extend(((child.get("$") or {}).get("refid") or "").split())
        elif name == "encoded-e-address":
            email = _email(child.get("__encoded"))
    full = clean(" ".join(p for p in (given, surname) if p))
    if not full:
        return None
    author = Author(name=full, given=given, family=surname, email=email)
    author.orcid = normalize_orcid((node.get("$") or {}).get("orcid"))
    author.affiliations = [Affiliation(name=label) for label in (affiliations.get(r) for r in refs) if label]
    return author


def _flatten_affiliation(node: Any) -> str | None:
    """The printed affiliation line: ``textfn``, else ``source-text``, else all text but the label."""
    if not isinstance(node, dict):
        return None
    children = _children(node.get("$$"))
    for wanted in ("textfn", "source-text"):
        for child in children:
            if child.get("#name") == wanted:
                text = clean(_flatten(child))
                if text:
                    return text
    return clean(" ".join(_flatten(c) for c in children if c.get("#name") != "label"))


def _email(encoded: Any) -> str | None:
    """The address inside an ``encoded-e-address``: Base64 of a URL-escaped JSON node."""
    if not isinstance(encoded, str):
        return None
    try:
        node = json.loads(unquote(base64.b64decode(encoded).decode("utf-8")))
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    return clean(node.get("_")) if isinstance(node, dict) and isinstance(node.get("_"), str) else None


def _children(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _flatten(node: dict[str, Any]) -> str:
    """All text of an Elsevier JSON node (``_`` strings, depth-first), iteratively."""
    parts: list[str] = []
    stack: list[Any] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("_"), str):
                parts.append(item["_"])
            stack.extend(reversed(_children(item.get("$$"))))
    return " ".join(parts)
