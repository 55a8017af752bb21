"""The record model: what every reader returns and the mapper consumes.

Plain dataclasses, no RDF: a reader states what the page says, the mapper decides how
that is said in schema.org and BIBO. Strings are kept as printed (whitespace-normalised);
identifiers are kept verbatim and normalised only where an IRI is minted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Work kinds the mapper knows; anything else is mapped as ``other``.
KINDS = ("article", "paper", "chapter", "book", "software", "dataset", "thesis", "other")


@dataclass(slots=True)
class PartialDate:
    """A date known to a year, a month or a day: the precision decides the XSD type."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        if self.month is None:
            return "year"
        return "month" if self.day is None else "day"

    def iso(self) -> str:
        """The lexical form of the matching xsd:gYear / xsd:gYearMonth / xsd:date."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass(slots=True)
class Affiliation:
    """One workplace line of an author, as printed.

    ``role`` holds a label the page put before the name (``Present address``).
    """

    name: str
    edirc: str | None = None
    role: str | None = None


@dataclass(slots=True)
class Author:
    """An author (or editor) as listed on one work; never merged across works by name."""

    name: str
    given: str | None = None
    family: str | None = None
    repec_id: str | None = None  # RePEc Author Service short-id, e.g. "pma123"
    orcid: str | None = None
    email: str | None = None
    affiliations: list[Affiliation] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. "These authors contributed equally"
    organization: bool = False  # a group or institution as author ("Open Science Collaboration")
    url: str | None = None  # the person's homepage


@dataclass(slots=True)
class Container:
    """Where a work appeared: a journal, a working-paper series or a book (for chapters)."""

    kind: str  # "journal", "series" or "book"
    name: str | None = None
    handle: str | None = None  # RePEc series key "archive/series", lower-case
    issn: list[str] = field(default_factory=list)
    isbn: list[str] = field(default_factory=list)
    publisher: str | None = None
    editors: list[Author] = field(default_factory=list)
    url: str | None = None
    series: Container | None = None  # the series a book belongs to ("NBER Chapters" for a chapter's book)
    repec_key: str | None = None  # a book's own RePEc key (a ReDIF chapter's In-Book), which names its IRI


@dataclass(slots=True)
class Pages:
    """Page range as printed; start and end stay strings ("xiii", "e1234")."""

    raw: str
    start: str | None = None
    end: str | None = None


@dataclass(slots=True)
class File:
    """A download link of the page: its URL, the page's stated function, format and restriction."""

    url: str
    function: str | None = None
    format: str | None = None
    restriction: str | None = None
    restricted: bool | None = None  # True only when the page says access is restricted
    size: str | None = None  # as printed ("2.1 MB")


@dataclass(slots=True)
class Subject:
    """A JEL code and the label the page shows for it."""

    code: str
    label: str | None = None


@dataclass(slots=True)
class Work:
    """A scholarly work: the page's own, or one it cites or is cited by."""

    kind: str = "other"
    title: str | None = None
    authors: list[Author] = field(default_factory=list)
    abstract: str | None = None
    language: str | None = None
    date: PartialDate | None = None
    container: Container | None = None
    volume: str | None = None
    issue: str | None = None
    pages: Pages | None = None
    number: str | None = None  # article number or report / working-paper number
    edition: str | None = None
    publisher: str | None = None  # for books and reports whose publisher is not the container's
    doi: str | None = None  # as printed
    handle: str | None = None  # RePEc handle as printed, "RePEc:nat:nature:..."
    repec_key: str | None = None  # "archive/series/item", from a handle or an IDEAS/EconPapers URL
    url: str | None = None
    files: list[File] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    subjects: list[Subject] = field(default_factory=list)
    references: list[Work] = field(default_factory=list)
    cited_by: list[Work] = field(default_factory=list)
    versions: list[Work] = field(default_factory=list)
    citation: str | None = None  # the citation string this work was parsed from, as printed
    notes: list[str] = field(default_factory=list)
    editors: list[Author] = field(default_factory=list)  # an edited book's editors
    isbn: list[str] = field(default_factory=list)  # a book's own ISBNs
    parts: list[Work] = field(default_factory=list)  # a book's chapters
    status: str | None = None  # publication status as printed ("Published in ...", "Forthcoming in ...")
    created: PartialDate | None = None  # when it was written, where that differs from ``date``
    modified: PartialDate | None = None  # last revised
    page_count: int | None = None
    programming_language: str | None = None  # software
    requires: str | None = None  # software: what it runs on ("Stata 9")


@dataclass(slots=True)
class Organization:
    """An organisation described for its own sake: an EDIRC institution, a RePEc archive, a series'
    publisher, or a parent of one of them.

    ``edirc`` and ``archive`` are codes (``iiheide``, ``cxs``); ``parent`` is the next level up
    (a department's faculty, the faculty's university).
    """

    name: str | None = None
    name_english: str | None = None
    edirc: str | None = None
    archive: str | None = None
    handle: str | None = None  # as printed, "RePEc:edi:iiheide"
    location: str | None = None
    url: str | None = None  # homepage
    links: list[str] = field(default_factory=list)  # other addresses (a RePEc archive's data URL)
    email: str | None = None
    description: str | None = None
    parent: Organization | None = None


@dataclass(slots=True)
class Series:
    """A journal or a series (working papers, books, software) with its own record: a ReDIF-Series."""

    key: str  # "archive/series", lower-case, as Container.handle
    kind: str = "series"  # "journal" or "series", as Container.kind
    handle: str | None = None  # as printed, "RePEc:cxs:wpaper"
    type: str | None = None  # the kind of item it holds, as printed ("ReDIF-Paper")
    name: str | None = None
    description: str | None = None
    issn: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    url: str | None = None
    publishers: list[Organization] = field(default_factory=list)  # the provider first, as IDEAS prints it
    editors: list[Author] = field(default_factory=list)

    @property
    def archive(self) -> str:
        return self.key.split("/", 1)[0]

    def container(self) -> Container:
        """How an item of this series states it: kind, name, key, ISSN and the provider as publisher."""
        publisher = self.publishers[0].name if self.publishers else None
        return Container(kind=self.kind, name=self.name, handle=self.key, issn=list(self.issn), publisher=publisher)


@dataclass(slots=True)
class Person:
    """A registered author (a RePEc Author Service record): one node however many works name them."""

    short_id: str  # "pry5"
    name: str
    given: str | None = None
    family: str | None = None
    handle: str | None = None  # as printed, "RePEc:per:1974-08-14:francois_rycx"
    url: str | None = None
    email: str | None = None
    workplaces: list[Affiliation] = field(default_factory=list)
    works: list[str] = field(default_factory=list)  # RePEc keys of the works the person claims


#: What a record describes when it is not a work.
Entity = Series | Person | Organization


#: Severity prefix of a record message that is information, not a warning about a field that could not
#: be read ("the page also gives another date"): ``--report`` counts a record whose messages all carry
#: it as ``ok``, not ``partial``. A prefix, so the severity survives every path a message travels.
INFO = "info: "


@dataclass(slots=True)
class Record:
    """One converted source: its work (or, for registry and series records, its entity), the reader
    that read it and what could not be read (messages starting with :data:`INFO` are information only).

    Page readers always set ``work``; a ReDIF record of a series, person, institution or archive
    sets ``entity`` instead and leaves ``work`` ``None``.
    """

    work: Work | None
    reader: str
    source: str
    warnings: list[str] = field(default_factory=list)
    entity: Entity | None = None

    def __post_init__(self) -> None:
        if (self.work is None) == (self.entity is None):
            raise ValueError("a record holds a work or an entity, exactly one of them")
