"""What makes a page a record, in one place, and what no record may carry.

Identity: a page is a record when it shows a title, a RePEc handle (in its text, or in its own IDEAS
or EconPapers address, e.g. the "Printed from" line) or a DOI. Any other field missing is a warning;
a page with none of the three is refused with one line.

Nonsense: a title that is only punctuation or markup (``__``, ``**``, ``[ ](/)``) is no title, and an
author that is navigation or link syntax (``[Authors](/i/e.html)``, ``Help/FAQ``, a heading such as
``Registered:``) is no author. Both are dropped with a warning, on the page's work and on the works
it cites, is cited by or has as other versions, so no page converts into nonsense with exit status 0.
The SHACL shapes (``ontology/shapes.ttl``) reject the same names, so ``rdfbib validate`` catches what
a reader misses.
"""

from __future__ import annotations

import re

from ..errors import ReaderError
from ..identifiers import normalize_doi
from ..model import Author, Record, Work
from ..text import clean

# Markdown or HTML link syntax, a bare address, or a site path: never part of a name.
_LINK_SYNTAX = re.compile(r"\]\(|\[[^\]]*\]|<a\b|</a>|https?://|\bwww\.|(?:^|\s)/\S*\.html?\b|(?:^|\s)/(?:\S+/)?$", re.IGNORECASE)
# A whole title that is one link or image: "[Advanced search](/search.html)", "![](/logo.png)".
_LINK_ONLY = re.compile(r"^!?\[[^\]]*\]\([^)]*\)$")
#: Navigation labels of IDEAS and EconPapers pages, and their headings: never an author (case-folded).
NAVIGATION = frozenset(
    label.casefold()
    for label in (
        "Economic literature", "Economic literature:", "papers", "articles", "software", "chapters", "books",
        "Authors", "Institutions", "Rankings", "Help/FAQ", "MyIDEAS", "MyIDEAS (now improved)", "More options at page bottom",
        "Advanced search", "Browse Econ Literature", "Working papers", "Journals", "Software components", "Book chapters",
        "JEL classification", "More features", "Subscribe to new research", "RePEc Biblio", "Author registration",
        "Economics Virtual Seminar Calendar", "ConfWatcher", "ConfWatcher NEW!", "Registered", "Listed", "Author", "Editor",
        "My bibliography", "Save this article", "Save this paper", "Save this book", "Save this book chapter",
        "Author & abstract", "Download", "Related works & more", "Corrections", "IDEAS home", "EconPapers Home",
        "About EconPapers", "Journal Articles", "Books and Chapters", "Software Components", "JEL codes",
        "New Economics Papers", "EconPapers FAQ", "Archive maintainers FAQ", "Cookies at EconPapers",
        "Format for printing", "The RePEc blog", "The RePEc plagiarism page", "Login", "Log in", "Search", "Home", "Menu",
    )
)  # fmt: skip


def is_text(value: str | None) -> bool:
    """Whether a title carries words: a letter or digit, and not just one link's syntax.

    >>> is_text("__"), is_text("[ ](/)"), is_text("1984"), is_text("Why?")
    (False, False, True, True)
    """
    value = clean(value)
    return bool(value) and any(c.isalnum() for c in value) and not _LINK_ONLY.match(value)  # type: ignore[arg-type]


def is_name(name: str | None) -> bool:
    """Whether a printed author name names someone: a letter, no link syntax, not a menu label or heading.

    >>> is_name("Joan Massagué"), is_name("[Authors](/i/e.html)"), is_name("Help/FAQ"), is_name("Registered:")
    (True, False, False, False)
    """
    name = clean(name)
    if not name or not any(c.isalpha() for c in name) or _LINK_SYNTAX.search(name):
        return False
    return name.casefold() not in NAVIGATION and not name.endswith(":")


def finish(work: Work, *, reader: str, source: str, warnings: list[str], expected: tuple[str, ...] = ("title", "authors", "date")) -> Record:
    """The page's record: nonsense dropped with a warning, the identity rule applied, missing fields named.

    :param expected: fields whose absence is worth a warning for this kind of page (besides the title).
    :raises ReaderError: no title, RePEc handle or DOI: the page names no work.
    """
    _drop_nonsense(work, "the work", warnings)
    for label, works in (("cited work", work.references), ("citing work", work.cited_by), ("other version", work.versions)):
        for n, other in enumerate(works, 1):
            _drop_nonsense(other, f"{label} {n}", warnings, title_warning=False)
    if not (work.title or work.handle or work.repec_key or normalize_doi(work.doi)):
        raise ReaderError("no title, RePEc handle or DOI on the page: it names no work", source=source, reader=reader)
    missing = {"title": work.title, "authors": work.authors, "date": work.date, "handle": work.handle}
    for field in expected:
        if not missing.get(field):
            warnings.append(f"{field}: not found on the page")
    return Record(work=work, reader=reader, source=source, warnings=warnings)


def _drop_nonsense(work: Work, where: str, warnings: list[str], *, title_warning: bool = True) -> None:
    if work.title is not None and not is_text(work.title):
        if title_warning:
            warnings.append(f"{where}: title {work.title[:60]!r} is only punctuation or markup: dropped")
        work.title = None
    work.authors = _names(work.authors, f"{where}'s authors", warnings)
    if work.container is not None:
        work.container.editors = _names(work.container.editors, f"{where}'s editors", warnings)


def _names(people: list[Author], where: str, warnings: list[str]) -> list[Author]:
    kept = [a for a in people if is_name(a.name)]
    if len(kept) < len(people):
        dropped = [a.name for a in people if not is_name(a.name)]
        shown = ", ".join(repr(n[:40]) for n in dropped[:3]) + (", ..." if len(dropped) > 3 else "")
        warnings.append(f"{where}: {len(dropped)} name{'s' if len(dropped) > 1 else ''} that are navigation or link syntax dropped ({shown})")
    return kept
