"""ReDIF syntax: text -> templates of (field, value, line). No meaning, no model: see ``redif.py``.

The rules (``../shared/REDIF.md`` and RePEc's validator):

- a template starts at each ``Template-Type:`` line and runs to the next one (blank lines between
  templates are customary, not required; blank lines inside one occur);
- ``Name: value`` at the start of a line opens a field, the space after the colon optional; field
  names are case-insensitive and kept lower-case here;
- ``Word:`` opens a field only when ``word`` is an attribute of that template type (the lists below)
  or an ``X-`` extension; any other line continues the previous field (wrapped titles and abstracts,
  an abstract line that opens with ``However:``); a continuation that looks like an attribute
  (``Author-Adress:``) gets a warning, since it is more likely a misspelt field than prose;
- ``#`` at the start of a line is a comment, inside a template too (whole templates are commented out).

Attribute names are the ReDIF 1.0 ones seen in real archives and in the specification file the
validator uses; clusters (``Author-*``, ``File-*``, ...) are listed by prefix and member.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

_PERSON = ("name", "name-first", "name-last", "name-middle", "name-prefix", "name-suffix", "name-full", "x-name-first", "x-name-last", "email", "homepage", "fax", "phone", "postal", "person")
_PLACE = ("name", "name-english", "location", "homepage", "email", "phone", "fax", "postal", "institution")
_FILE = ("url", "format", "function", "size", "restriction")
_ORDER = ("url", "homepage", "email")


def _cluster(prefix: str, members: tuple[str, ...]) -> set[str]:
    return {f"{prefix}-{member}" for member in members}


def _people(prefix: str) -> set[str]:
    """A person cluster with its workplaces: ``author-name``, ``author-workplace-name``, ..."""
    return _cluster(prefix, _PERSON) | _cluster(f"{prefix}-workplace", _PLACE)


_ITEM = (
    {
        "template-type", "handle", "title", "abstract", "classification-jel", "keywords", "keywords-attent", "number",
        "creation-date", "revision-date", "publication-date", "publication-status", "length", "note", "language", "doi",
        "year", "month", "price", "availability", "restriction", "series", "article-handle", "paper-handle",
        "chapter-handle", "book-handle", "software-handle", "issn",
    }
    | _people("author")
    | _people("contact")
    | _cluster("file", _FILE)
    | _cluster("order", _ORDER)
    | _cluster("provider", _PLACE)
    | _cluster("publisher", _PLACE)
)
_SERIES = (
    {"template-type", "handle", "name", "type", "description", "keywords", "classification-jel", "issn", "homepage", "notification", "price", "restriction"}
    | _cluster("provider", _PLACE)
    | _cluster("publisher", _PLACE)
    | _cluster("maintainer", _PERSON)
    | _people("editor")
    | _cluster("order", _ORDER)
)
_ARCHIVE = {"template-type", "handle", "name", "url", "homepage", "description", "notification", "restriction", "classification-jel"} | _cluster("maintainer", _PERSON)
_PERSON_RECORD = (
    {
        "template-type", "handle", "short-id", "name-first", "name-last", "name-middle", "name-prefix", "name-suffix",
        "name-full", "name-ascii", "email", "homepage", "phone", "fax", "postal", "workplace-name", "workplace-institution",
        "workplace-share", "author-paper", "author-article", "author-chapter", "author-book", "author-software",
        "editor-series", "editor-book", "classification-jel", "last-login-date", "registered-date",
    }
)
_LEVELS = ("primary", "secondary", "tertiary", "quaternary", "quinary")
_INSTITUTION = {"template-type", "handle", "classification-jel"} | {a for level in _LEVELS for a in _cluster(level, _PLACE)}

#: Known attributes per template type (lower-case, without the version).
ATTRIBUTES: dict[str, frozenset[str]] = {
    "redif-paper": frozenset(_ITEM),
    "redif-article": frozenset(_ITEM | {"journal", "volume", "issue", "pages"}),
    "redif-chapter": frozenset(
        _ITEM | _people("editor") | {"book-title", "in-book", "pages", "chapter", "volume", "issue", "edition", "isbn", "journal"}
    ),
    "redif-book": frozenset(_ITEM | _people("editor") | {"edition", "isbn", "haschapter", "volume", "pages", "book-title"}),
    "redif-software": frozenset(_ITEM | {"programming-language", "requires", "size", "version"}),
    "redif-series": frozenset(_SERIES),
    "redif-archive": frozenset(_ARCHIVE),
    "redif-person": frozenset(_PERSON_RECORD),
    "redif-institution": frozenset(_INSTITUTION),
}
#: Institution levels from the top (the university) down (the department the record is about).
LEVELS = _LEVELS

_FIELD = re.compile(r"([A-Za-z][A-Za-z0-9_-]*)[ \t]*:[ \t]*(.*)")
_HYPHENATED = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)+$")


class Field(NamedTuple):
    """One field: its name in lower case, its value (continuation lines joined by newlines), its line."""

    name: str
    value: str
    line: int


@dataclass(slots=True)
class Template:
    """One template as written: its type as printed, the line of its ``Template-Type:``, its fields."""

    type: str  # as printed, "ReDIF-Paper 1.0"
    line: int
    fields: list[Field] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        """The type's name in lower case without its version: ``redif-paper``."""
        return self.type.split(None, 1)[0].lower() if self.type else ""


def parse(text: str) -> Iterator[Template]:
    """The templates of a ReDIF text, in order, each with the line numbers of its fields.

    Linear in the text: each line is looked at once, and lines are not copied into a list first.
    """
    template: Template | None = None
    known: frozenset[str] = frozenset()
    name = ""
    parts: list[str] = []
    start = 0
    stray = 0
    for number, line in enumerate(io.StringIO(text, newline="\n"), 1):
        line = line.rstrip("\r\n")
        if line[:1] == "#":
            continue
        match = _FIELD.match(line)
        if match is not None:
            key = match.group(1).lower()
            if key == "template-type":
                if template is not None:
                    _close(template, name, parts, start)
                    yield template
                template = Template(match.group(2).strip(), number)
                known = ATTRIBUTES.get(template.kind, frozenset())
                if stray:
                    template.warnings.append(f"line {stray}: text before the first Template-Type: not read")
                    stray = 0
                name, parts = "", []
                continue
            if template is not None and (key in known or key.startswith("x-")):
                _close(template, name, parts, start)
                name, parts, start = key, [match.group(2)], number
                continue
            if template is not None and name and _HYPHENATED.match(match.group(1)):
                template.warnings.append(
                    f"line {number}: {match.group(1)}: is not a {type_label(template.kind)} attribute: read as part of {label(name)}"
                )
        if template is None:
            if line.strip() and not stray:
                stray = number
        elif name:
            parts.append(line)
        elif line.strip():
            template.warnings.append(f"line {number}: text that belongs to no field: not read")
    if template is not None:
        _close(template, name, parts, start)
        yield template


def _close(template: Template, name: str, parts: list[str], line: int) -> None:
    if name:
        template.fields.append(Field(name, "\n".join(parts).strip(), line))


def label(name: str) -> str:
    """A lower-case field name as ReDIF writes it: ``author-workplace-name`` -> ``Author-Workplace-Name``."""
    return "-".join(word.capitalize() for word in name.split("-"))


def type_label(kind: str) -> str:
    """A template kind as ReDIF writes it: ``redif-paper`` -> ``ReDIF-Paper``."""
    head, _, rest = kind.partition("-")
    return "ReDIF-" + label(rest) if head == "redif" and rest else "ReDIF"
