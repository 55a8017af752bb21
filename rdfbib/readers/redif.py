"""ReDIF files: RePEc's own metadata, one record a template.

A file holds any number of templates (``../shared/REDIF.md``); :func:`_redif_syntax.parse` cuts it
into fields, this module says what they mean:

- items (``ReDIF-Paper``, ``-Article``, ``-Chapter``, ``-Book``, ``-Software``) become works keyed by
  their handle, so an item read here and its IDEAS page name the same work IRI; the item is part of
  its handle's series (``{BASE}series/repec/{archive}/{series}``): a journal for articles, a series
  otherwise, a book (itself in the series) for chapters;
- ``ReDIF-Series`` and ``ReDIF-Archive`` become :class:`~rdfbib.model.Series` and
  :class:`~rdfbib.model.Organization` records, ``ReDIF-Person`` (RAS) a
  :class:`~rdfbib.model.Person`, ``ReDIF-Institution`` (EDIRC) an Organization with its parents.

Series names: an item names only its series' handle (the rare ``Journal:`` field aside). Give
:meth:`RedifReader.read_all` a series index (:func:`series_index` of the series records read so
far, e.g. each archive's ``{arch}seri.rdf``) and items state the journal or series name and its
provider as publisher, as IDEAS prints them; read alone, they point at the series IRI with no name.

A bad template (no handle, a malformed one, an unknown type) is one :class:`~rdfbib.errors.ReaderError`
naming ``file:line``; the other templates of the file are read all the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from ..citations import parse_pages
from ..dates import month_of, parse_date
from ..errors import RdfbibError, ReaderError
from ..identifiers import (
    JEL_CODE,
    handle_key,
    normalize_doi,
    normalize_handle,
    normalize_issn,
)
from ..model import (
    Affiliation,
    Author,
    Container,
    File,
    Organization,
    PartialDate,
    Person,
    Record,
    Series,
    Subject,
    Work,
)
from ..names import person
from ..page import NOT_UTF8, Page
from ..text import clean
from ..text import shown as _shown
from . import register
from ._redif_syntax import ATTRIBUTES, LEVELS, Field, Template, parse, type_label
from ._redif_syntax import label as _label
from ._repec import restriction

_HEAD_CHARS = 65_536
# The first line that is neither blank nor a comment opens a template: never XML, HTML or prose.
_START = re.compile(r"\A\ufeff?(?:[ \t]*(?:#[^\n]*)?\r?\n)*Template-Type[ \t]*:", re.IGNORECASE)

_ITEM_KINDS = {"redif-paper": "paper", "redif-article": "article", "redif-chapter": "chapter", "redif-book": "book", "redif-software": "software"}
_VERSION_FIELDS = {"article-handle": "article", "paper-handle": "paper", "chapter-handle": "chapter", "book-handle": "book", "software-handle": "software"}
_PERSON_WORKS = ("author-paper", "author-article", "author-chapter", "author-book", "author-software")

# Handles as each template type writes them; anything with spaces or markup is malformed.
_ITEM_HANDLE = re.compile(r"RePEc:([A-Za-z0-9]{3}):([^:\s]+):(\S+)", re.IGNORECASE)
_SERIES_HANDLE = re.compile(r"RePEc:([A-Za-z0-9]{3}):([^:\s]+)", re.IGNORECASE)
_ARCHIVE_HANDLE = re.compile(r"RePEc:([A-Za-z0-9]{3})", re.IGNORECASE)
_EDIRC_HANDLE = re.compile(r"RePEc:edi:([A-Za-z0-9]+)", re.IGNORECASE)
_PERSON_HANDLE = re.compile(r"RePEc:per:(\S+)", re.IGNORECASE)
_HANDLE_SHAPES = {
    "redif-series": (_SERIES_HANDLE, "RePEc:archive:series"),
    "redif-archive": (_ARCHIVE_HANDLE, "RePEc:archive"),
    "redif-institution": (_EDIRC_HANDLE, "RePEc:edi:code"),
    "redif-person": (_PERSON_HANDLE, "RePEc:per:..."),
}
_MARKUP = re.compile(r"[\s<>\"{}|\\^`]")
_SHORT_ID = re.compile(r"[a-z]{1,4}[0-9]+", re.IGNORECASE)

_JEL_SPLIT = re.compile(r"[\s,;.]+")
_LIST_SPLIT = re.compile(r"[\s,;]+")
_ISSN_LIKE = re.compile(r"\d{4}-?\d{3}[\dXx]")
_PAGE_COUNT = re.compile(r"(\d{1,6})\s*(?:pages?|pp?\.?|pgs?\.?|s\.|seiten|páginas)?", re.IGNORECASE)
_COMPACT_DATE = re.compile(r"\d{8}")  # 20190304
_NOTE_DOI = re.compile(r"\bdoi\s*:?\s*(10\.\d{4,9}/\S+)", re.IGNORECASE)


def series_index(records: Iterable[Record]) -> dict[str, Series]:
    """Series key (``archive/series``) -> series, from records read so far (other records are skipped)."""
    return {r.entity.key: r.entity for r in records if isinstance(r.entity, Series)}


@register
class RedifReader:
    """ReDIF files: every template one record."""

    name = "redif"
    priority = 110
    description = "ReDIF files (RePEc's own metadata): papers, articles, chapters, books, software, series, archives, RAS persons, EDIRC institutions"

    def matches(self, page: Page) -> bool:
        """A ``Template-Type:`` line first, after any BOM, blank lines and ``#`` comments."""
        return bool(_START.match(page.text[:_HEAD_CHARS]))

    def read(self, page: Page) -> Record:
        """The record of a file that holds one template, named by the file (:meth:`read_all` names ``file:line``).

        :raises ReaderError: the template is bad, or the file holds no or several templates.
        """
        outcomes = list(self.read_all(page))
        if len(outcomes) != 1:
            raise ReaderError(
                f"holds {len(outcomes)} templates; read it with read_all() (one record a template)", source=page.source, reader=self.name
            )
        if isinstance(outcomes[0], RdfbibError):
            raise outcomes[0]
        outcomes[0].source = page.source  # the file is this one record
        return outcomes[0]

    def read_all(self, page: Page, series: Mapping[str, Series] | None = None) -> Iterator[Record | RdfbibError]:
        """One record per template, in file order, or a :class:`ReaderError` naming ``file:line`` for a bad one.

        :param series: series key -> :class:`Series` (see :func:`series_index`): items of a known
            series state its name and provider, as IDEAS prints them.
        """
        found = False
        encoding = _encoding_warning(page)
        for template in parse(page.text):
            found = True
            try:
                record = _record(template, page.source, series or {})
            except ReaderError as exc:
                exc.reader = self.name
                yield exc
                continue
            if encoding:
                record.warnings.insert(0, encoding)
                encoding = None  # said once, with the first record, as the boundary says the page's warnings
            yield record
        if not found:
            what = "neither ReDIF nor RDF/XML" if page.source.lower().endswith(".rdf") else "not a ReDIF file"
            yield ReaderError(f"no Template-Type line: {what}", source=page.source, reader=self.name)


def _encoding_warning(page: Page) -> str | None:
    """ReDIF is UTF-8 today: say so when a file is not (the page itself warns for a Windows-1252 guess)."""
    if page.charset in (None, "utf-8", "utf-8-sig") or NOT_UTF8 in page.warnings:
        return None
    return f"not UTF-8: read as {page.charset}"


# -- one template ---------------------------------------------------------------------------------


@dataclass(slots=True)
class _Fields:
    """A template's fields by name, with the warnings reading them gives."""

    template: Template
    source: str
    warnings: list[str]
    by_name: dict[str, list[Field]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for item in self.template.fields:
            if item.value:
                self.by_name.setdefault(item.name, []).append(item)

    def all(self, name: str) -> list[Field]:
        return self.by_name.get(name, [])

    def one(self, name: str) -> Field | None:
        """The first non-empty field of that name; a later one that differs gets a warning."""
        found = self.by_name.get(name)
        if not found:
            return None
        for other in found[1:]:
            if clean(other.value) != clean(found[0].value):
                self.warn(other, f"a second {_label(name)} ({_shown(other.value)}): not read")
        return found[0]

    def text(self, name: str) -> str | None:
        found = self.one(name)
        return clean(found.value) if found else None

    def warn(self, at: Field, message: str) -> None:
        self.warnings.append(f"line {at.line}: {message}")

    def error(self, message: str, line: int | None = None) -> ReaderError:
        return ReaderError(message, source=f"{self.source}:{line or self.template.line}")


def _record(template: Template, source: str, series: Mapping[str, Series]) -> Record:
    kind = template.kind
    if kind not in ATTRIBUTES:
        raise ReaderError(f"unknown template type {_shown(template.type)}", source=f"{source}:{template.line}")
    fields = _Fields(template, source, list(template.warnings))
    where = f"{source}:{template.line}"
    if kind == "redif-person":
        return Record(work=None, entity=_person(fields), reader="redif", source=where, warnings=fields.warnings)
    handle = fields.one("handle")
    if handle is None:
        raise fields.error(f"{type_label(kind)} template has no Handle")
    match = _checked_handle(fields, handle)
    if kind in _ITEM_KINDS:
        work = _work(fields, _ITEM_KINDS[kind], handle.value, _series_of(match), series)
        return Record(work=work, reader="redif", source=where, warnings=fields.warnings)
    if kind == "redif-series":
        entity: Series | Organization = _series(fields, match)
    elif kind == "redif-archive":
        entity = _archive(fields, match.group(1))
    else:
        entity = _institution(fields, match.group(1))
    return Record(work=None, entity=entity, reader="redif", source=where, warnings=fields.warnings)


def _checked_handle(f: _Fields, handle: Field) -> re.Match[str]:
    """The handle matched by its template type's shape.

    :raises ReaderError: malformed: another shape, or spaces or markup in it.
    """
    kind = f.template.kind
    shape, form = _HANDLE_SHAPES.get(kind, (_ITEM_HANDLE, "RePEc:archive:series:item"))
    match = shape.fullmatch(handle.value)
    if match is None or _MARKUP.search(handle.value):
        raise f.error(f"malformed Handle {_shown(handle.value)}: a {type_label(kind)} handle is {form}, without spaces or markup", handle.line)
    return match


# -- items ------------------------------------------------------------------------------------------


def _work(f: _Fields, kind: str, handle: str, key: str, series: Mapping[str, Series]) -> Work:
    """An item; ``key`` is its series' (``archive/series``)."""
    work = Work(kind=kind, handle=normalize_handle(handle), repec_key=handle_key(handle))
    work.title = f.text("title")
    if work.title is None:
        f.warnings.append("no Title")
    work.authors = _people(f, "author")
    work.abstract = f.text("abstract")
    work.language = f.text("language")
    _dates(f, work)
    work.volume = f.text("volume")
    work.issue = f.text("issue")
    work.pages = parse_pages(f.text("pages"))
    work.number = f.text("number") or f.text("chapter")
    work.edition = f.text("edition")
    work.status = f.text("publication-status")
    work.notes = [n for n in (clean(x.value) for x in f.all("note")) if n]
    work.files = _files(f)
    work.doi = _doi(f, work)
    work.keywords = _keywords(f)
    work.subjects = _jel(f)
    work.page_count = _page_count(f)
    work.programming_language = f.text("programming-language")
    work.requires = f.text("requires")
    work.versions = [v for name, vkind in _VERSION_FIELDS.items() for v in _handles(f, name, vkind) if v.repec_key != work.repec_key]
    container = _container(f, kind, key, series)
    if kind == "chapter":
        book = Container(kind="book", name=f.text("book-title"), isbn=_isbns(f), editors=_people(f, "editor"), series=container)
        book.publisher = _publisher_name(f)
        in_book = _handles(f, "in-book", "book")
        book.repec_key = in_book[0].repec_key if in_book else None
        work.container = book
    else:
        work.container = container
        work.publisher = _publisher_name(f) if kind in ("book", "software") else None
        work.editors = _people(f, "editor") if kind == "book" else []
        work.isbn = _isbns(f) if kind == "book" else []
        work.parts = _handles(f, "haschapter", "chapter") if kind == "book" else []
    return work


def _container(f: _Fields, kind: str, key: str, series: Mapping[str, Series]) -> Container:
    """The item's journal or series: its handle's series, named from the index or ``Journal:``."""
    known = series.get(key)
    container = known.container() if known else Container(kind="series", handle=key)
    container.kind = "journal" if kind == "article" else "series"
    container.name = f.text("journal") or container.name
    container.issn = list(dict.fromkeys(container.issn + _issns(f)))
    return container


def _publisher_name(f: _Fields) -> str | None:
    return f.text("publisher-name") or f.text("provider-name")


def _dates(f: _Fields, work: Work) -> None:
    """``datePublished``: Publication-Date, else Year (and Month), else Creation-Date; Creation-Date
    is also kept as the creation date when something else gave the publication date."""
    published = _date(f, "publication-date")
    year_month = _year_month(f)
    created = _date(f, "creation-date")
    work.date = published or year_month or created
    work.created = created if created is not None and created != work.date else None
    work.modified = _date(f, "revision-date")


def _date(f: _Fields, name: str) -> PartialDate | None:
    found = f.one(name)
    if found is None:
        return None
    value = found.value.strip()
    date = parse_date(f"{value[:4]}-{value[4:6]}-{value[6:]}" if _COMPACT_DATE.fullmatch(value) else value)
    if date is None:
        f.warn(found, f"{_label(name)} {_shown(found.value)} is not a date: not read")
    return date


def _year_month(f: _Fields) -> PartialDate | None:
    year = f.one("year")
    if year is None:
        return None
    text = year.value.strip()
    if not (len(text) == 4 and text.isdigit()):
        f.warn(year, f"Year {_shown(year.value)} is not a year: not read")
        return None
    month = f.one("month")
    number = month_of(month.value) if month else None
    if month is not None and number is None:
        f.warn(month, f"Month {_shown(month.value)} is not a month: the year alone is read")
    return PartialDate(int(text), number)


def _files(f: _Fields) -> list[File]:
    files = []
    for group in _groups(f.template.fields, "file"):
        url = group.text("url")
        if url is None:
            f.warn(group.first, f"File-{_label(group.first_member)} without a File-URL: not read")
            continue
        text, restricted = restriction(group.text("restriction"))
        files.append(File(url=url, function=group.text("function"), format=group.text("format"), restriction=text, restricted=restricted, size=group.text("size")))
    return files


def _doi(f: _Fields, work: Work) -> str | None:
    """The DOI field, else a doi.org download link, else ``DOI: ...`` in a note."""
    found = f.one("doi")
    if found is not None:
        doi = normalize_doi(found.value)
        if doi is None:
            f.warn(found, f"DOI {_shown(found.value)} is not a DOI: not read")
        return doi
    for file in work.files:
        doi = normalize_doi(file.url)
        if doi:
            return doi
    for note in work.notes:
        match = _NOTE_DOI.search(note)
        if match and normalize_doi(match.group(1)):
            return normalize_doi(match.group(1))
    return None


def _keywords(f: _Fields) -> list[str]:
    """Keywords separated by semicolons, else by commas."""
    words: list[str] = []
    for found in f.all("keywords"):
        separator = ";" if ";" in found.value else ","
        words.extend(w for w in (clean(part) for part in found.value.split(separator)) if w)
    return list(dict.fromkeys(words))


def _jel(f: _Fields) -> list[Subject]:
    """JEL codes separated by spaces, commas, semicolons or dots; a bare letter (``G``) is a code."""
    codes: list[str] = []
    for found in f.all("classification-jel"):
        for part in _JEL_SPLIT.split(found.value.strip()):
            if not part:
                continue
            if JEL_CODE.match(part.upper()):
                codes.append(part.upper())
            else:
                f.warn(found, f"{_shown(part)} is not a JEL code: not read")
    return [Subject(code) for code in dict.fromkeys(codes)]


def _page_count(f: _Fields) -> int | None:
    match = _matched(f, f.one("length"), _PAGE_COUNT, "a number of pages")
    return int(match.group(1)) if match else None


def _issns(f: _Fields) -> list[str]:
    """Every valid ISSN of the ISSN fields (``0028-0836 (print), 1476-4687``); a field with none gets a warning."""
    issns: list[str] = []
    for found in f.all("issn"):
        valid = [i for i in (normalize_issn(v) for v in _ISSN_LIKE.findall(found.value)) if i]
        if not valid:
            f.warn(found, f"ISSN {_shown(found.value)} holds no valid ISSN: not read")
        issns.extend(valid)
    return list(dict.fromkeys(issns))


def _isbns(f: _Fields) -> list[str]:
    return [v for found in f.all("isbn") for v in (clean(p) for p in re.split(r"[,;]", found.value)) if v]


def _handles(f: _Fields, name: str, kind: str) -> list[Work]:
    """Works named by their handles in ``name`` fields (other versions, a chapter's book, a book's chapters)."""
    works = []
    for found in f.all(name):
        for value in _LIST_SPLIT.split(found.value):
            key = handle_key(value) if value else None
            if key is None:
                if value:
                    f.warn(found, f"{_label(name)} {_shown(value)} is not a RePEc handle: not read")
                continue
            works.append(Work(kind=kind, handle=normalize_handle(value), repec_key=key))
    return works


# -- clusters -----------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Group:
    """One member of a cluster (an author, a file, a workplace): its fields by member name."""

    first: Field
    first_member: str
    fields: dict[str, Field] = field(default_factory=dict)
    places: list[_Group] = field(default_factory=list)

    def text(self, member: str) -> str | None:
        found = self.fields.get(member)
        return clean(found.value) if found else None


def _groups(fields: list[Field], prefix: str) -> list[_Group]:
    """The cluster ``prefix-*`` in file order: a field starts a new member when the current one
    already has it (``Author-Name`` after an author's name), ``prefix-workplace-*`` fields group the
    same way inside their member."""
    head, place = prefix + "-", prefix + "-workplace-"
    groups: list[_Group] = []
    for item in fields:
        if not item.value or not item.name.startswith(head):
            continue
        if item.name.startswith(place):
            member = item.name[len(place) :]
            if not groups:
                groups.append(_Group(item, "workplace-" + member))
            places = groups[-1].places
            if not places or member in places[-1].fields:
                places.append(_Group(item, member))
            places[-1].fields[member] = item
        else:
            member = item.name[len(head) :]
            if not groups or member in groups[-1].fields:
                groups.append(_Group(item, member))
            groups[-1].fields[member] = item
    return groups


def _people(f: _Fields, prefix: str) -> list[Author]:
    """Authors or editors in file order, with their workplaces and RAS short-ids."""
    people = []
    for group in _groups(f.template.fields, prefix):
        first = group.text("name-first") or group.text("x-name-first")
        last = group.text("name-last") or group.text("x-name-last")
        name = group.text("name") or " ".join(p for p in (first, last) if p)
        if not name:
            f.warn(group.first, f"{_label(prefix)}-{_label(group.first_member)} without a {_label(prefix)}-Name: not read")
            continue
        author = person(name, email=group.text("email"), url=group.text("homepage"))
        if first or last:
            author.given, author.family = first, last
        author.repec_id = _short_id(f, group.fields.get("person"))
        author.affiliations = [a for a in (_affiliation(f, p) for p in group.places) if a]
        people.append(author)
    return people


def _short_id(f: _Fields, found: Field | None) -> str | None:
    """A RAS short-id (``pba441``); a person handle there links no author (the short-id is not in it)."""
    match = _matched(f, found, _SHORT_ID, "a RePEc Author Service short-id")
    return match.group(0).lower() if match else None


def _affiliation(f: _Fields, place: _Group) -> Affiliation | None:
    name = place.text("name") or place.text("name-english")
    edirc = _edirc(f, place.fields.get("institution"))
    return Affiliation(name=name or "", edirc=edirc) if name or edirc else None


def _edirc(f: _Fields, found: Field | None) -> str | None:
    """The EDIRC code of an institution handle (``RePEc:edi:besunza``)."""
    match = _matched(f, found, _EDIRC_HANDLE, "an EDIRC handle (RePEc:edi:code)")
    return match.group(1).lower() if match else None


def _matched(f: _Fields, found: Field | None, pattern: re.Pattern[str], what: str) -> re.Match[str] | None:
    """The field's value matched whole by ``pattern``; a warning when it is not ``what`` it should be."""
    if found is None:
        return None
    match = pattern.fullmatch(found.value.strip())
    if match is None:
        f.warn(found, f"{_label(found.name)} {_shown(found.value)} is not {what}: not read")
    return match


def _organization(f: _Fields, group: _Group) -> Organization | None:
    """A provider, publisher or institution level from its cluster fields."""
    org = Organization(
        name=group.text("name"),
        name_english=group.text("name-english"),
        location=group.text("location"),
        url=group.text("homepage"),
        email=group.text("email"),
        edirc=_edirc(f, group.fields.get("institution")),
    )
    return org if org.name or org.name_english else None


# -- series, archives, persons, institutions -----------------------------------------------------------


def _series_of(match: re.Match[str]) -> str:
    """``archive/series`` of an item or series handle (not from the item key: item ids may hold "/")."""
    return f"{match.group(1)}/{match.group(2)}".lower()


def _series(f: _Fields, match: re.Match[str]) -> Series:
    type_ = f.text("type")
    series = Series(
        key=_series_of(match),
        kind="journal" if type_ and type_.lower().startswith("redif-article") else "series",
        handle=f"RePEc:{match.group(1)}:{match.group(2)}",
        type=type_,
        name=f.text("name"),
        description=f.text("description"),
        keywords=_keywords(f),
        url=f.text("homepage"),
        editors=_people(f, "editor"),
        issn=_issns(f),
    )
    if series.name is None:
        f.warnings.append("no Name: items of this series get no journal or series name")
    for prefix in ("provider", "publisher"):
        for group in _groups(f.template.fields, prefix):
            org = _organization(f, group)
            if org and all(org.name != known.name for known in series.publishers):
                series.publishers.append(org)
    return series


def _archive(f: _Fields, code: str) -> Organization:
    name = f.text("name")
    if name is None:
        raise f.error("ReDIF-Archive template has no Name")
    links = [url for url in (f.text("url"),) if url]
    return Organization(name=name, archive=code.lower(), handle=f"RePEc:{code}", url=f.text("homepage"), links=links, description=f.text("description"))


def _person(f: _Fields) -> Person:
    short_id = f.one("short-id")
    if short_id is None:
        raise f.error("ReDIF-Person template has no Short-Id")
    if not _SHORT_ID.fullmatch(short_id.value.strip()):
        raise f.error(f"malformed Short-Id {_shown(short_id.value)}: a RePEc Author Service short-id is letters then digits (pry5)", short_id.line)
    handle = f.one("handle")
    if handle is not None:
        _checked_handle(f, handle)
    first, last = f.text("name-first"), f.text("name-last")
    given = " ".join(p for p in (first, f.text("name-middle")) if p) or None
    name = f.text("name-full") or " ".join(p for p in (given, last) if p)
    if not name:
        raise f.error("ReDIF-Person template has no Name-Full, Name-First or Name-Last")
    works = []
    for kind in _PERSON_WORKS:
        works.extend(w.repec_key for w in _handles(f, kind, kind.split("-")[1]) if w.repec_key)
    return Person(
        short_id=short_id.value.strip().lower(),
        name=name,
        given=given,
        family=last,
        handle=normalize_handle(handle.value) if handle else None,
        url=f.text("homepage"),
        email=f.text("email"),
        workplaces=[a for a in (_affiliation(f, g) for g in _groups(f.template.fields, "workplace")) if a],
        works=list(dict.fromkeys(works)),
    )


def _institution(f: _Fields, code: str) -> Organization:
    """The institution is the deepest level the record gives (Primary the top, then Secondary,
    Tertiary, ...): ``iiheide`` is an institute of a faculty's institute of the university."""
    levels = []
    for level in LEVELS:
        groups = _groups(f.template.fields, level)
        org = _organization(f, groups[0]) if groups else None
        if org is not None:
            levels.append(org)
    if not levels:
        raise f.error("ReDIF-Institution template has no Primary-Name")
    for parent, child in zip(levels, levels[1:]):
        child.parent = parent
    org = levels[-1]
    org.edirc, org.handle = code.lower(), f"RePEc:edi:{code}"
    org.location = next((level.location for level in reversed(levels) if level.location), None)
    return org

