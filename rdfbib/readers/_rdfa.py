"""RDFa in the page body, as far as it names a work's title and its authors.

Only two things are read, because only they are met on landing pages: the title (``property`` =
``dc:title``, ``dcterms:title`` or ``schema:headline``) and persons (``typeof`` = ``foaf:Person`` or
``schema:Person``, named by their own ``property="foaf:name"`` or a descendant's), as on the 2013
PLOS layout. That layout renders the author list twice, so repeated names are dropped. Other RDFa
(NBER's Drupal ``foaf:Image``) is ignored.
"""

from __future__ import annotations

from lxml import etree

from ..names import person
from ..text import clean
from ._meta import Found, unique

_TITLES = frozenset(("dc:title", "dcterms:title", "schema:headline", "http://purl.org/dc/terms/title", "http://purl.org/dc/elements/1.1/title"))
_PERSONS = frozenset(("foaf:person", "schema:person", "http://xmlns.com/foaf/0.1/person", "http://schema.org/person", "https://schema.org/person"))
_NAMES = frozenset(("foaf:name", "schema:name", "http://xmlns.com/foaf/0.1/name", "http://schema.org/name"))


def _value(element: etree._Element) -> str | None:
    content = element.get("content")
    return clean(content) if content is not None else clean(element.text_content())


def _own_text(element: etree._Element) -> str | None:
    """A name's own text: not its children's (PLOS nests a "mail" icon label) nor list commas."""
    content = element.get("content")
    if content is not None:
        return clean(content)
    parts = [element.text or ""] + [child.tail or "" for child in element]
    return clean(" ".join(parts).strip().rstrip(",;").strip())


def read(root: etree._Element) -> Found:
    """The title and persons the page's RDFa states; an empty :class:`Found` when there are none.

    One walk: each open person takes the first name property met inside it (or on itself).
    """
    found = Found()
    names: list[str | None] = []
    open_persons: list[tuple[etree._Element, int]] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if not isinstance(element.tag, str):
            continue
        if event == "end":
            if open_persons and open_persons[-1][0] is element:
                open_persons.pop()
            continue
        properties = set((element.get("property") or "").split())
        if found.work.title is None and _TITLES & properties:
            found.work.title = _value(element)
        if _PERSONS & {t.lower() for t in (element.get("typeof") or "").split()}:
            open_persons.append((element, len(names)))
            names.append(None)
        if open_persons and _NAMES & properties and names[open_persons[-1][1]] is None:
            names[open_persons[-1][1]] = _own_text(element)
    found.work.authors = [person(name) for name in unique(names)]
    return found
