"""The pipeline: source -> Page -> reader -> Record -> triples in a named graph -> Dataset.

File, stdin and byte inputs are thin wrappers around :func:`extract`. :func:`convert_source` is the
one boundary every batch goes through (:func:`convert_batch`, :mod:`rdfbib.batch`, :mod:`rdfbib.sources`,
the crawl and ``rdfbib load``): one :class:`Result` per record or failure, never an exception.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Union

from . import readers
from .errors import InternalError, RdfbibError, SourceError
from .files import REDIF, kind_of
from .mirror import RedifFile, series_of_files
from .model import Record
from .page import MAX_BYTES, Page, limit_record

if TYPE_CHECKING:
    from rdflib import Dataset

    from .mapping import Mapper
    from .writers import Rendered


@dataclass(frozen=True, slots=True)
class Raw:
    """Bytes with a name to report them by, and what their transport said (URL, Content-Type)."""

    name: str
    data: bytes
    url: str | None = None
    content_type: str | None = None


#: What the library accepts as a source: a path, bytes (named or not), or an already decoded Page.
Source = Union[str, "os.PathLike[str]", bytes, Raw, Page]


def source_name(source: Source) -> str:
    """How a source is named in messages."""
    if isinstance(source, (Page, Raw)):
        return source.source if isinstance(source, Page) else source.name
    return "<bytes>" if isinstance(source, bytes) else str(source)


def load_page(source: Source, *, url: str | None = None, max_bytes: int = MAX_BYTES) -> Page:
    """Read and decode a source.

    :raises SourceError: missing, unreadable, empty, binary or too large.
    :raises DecodeError: not decodable text.
    """
    if isinstance(source, Page):
        return source
    if isinstance(source, bytes):
        return Page.from_bytes(source, source="<bytes>", url=url, max_bytes=max_bytes)
    if isinstance(source, Raw):
        return Page.from_bytes(source.data, source=source.name, url=url or source.url, content_type=source.content_type, max_bytes=max_bytes)
    path = Path(source)
    name = str(source)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SourceError(f"too large: {size} bytes, the limit is {max_bytes}", source=name)
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError("no such file", source=name) from None
    except IsADirectoryError:
        raise SourceError("is a folder (the command line takes folders; rdfbib.files.Walk lists their files)", source=name) from None
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}", source=name) from None
    return Page.from_bytes(data, source=name, url=url, max_bytes=max_bytes)


def extract(source: Source, *, reader: str | None = None, url: str | None = None, max_bytes: int = MAX_BYTES) -> Record:
    """The record of one source, read by the named reader or the one detected.

    >>> from rdfbib import extract
    >>> record = extract("examples/seed-ideas-nature17038.txt")
    >>> record.work.title, [a.name for a in record.work.authors]
    ('Metastatic colonization by circulating tumour cells', ['Joan Massagué', 'Anna C. Obenauf'])

    :raises RdfbibError: the source cannot be read, no reader fits, or the page holds no work.
    """
    page = load_page(source, url=url, max_bytes=max_bytes)
    chosen = readers.get(reader) if reader else reader_for(source, page)
    record = chosen.read(page)
    record.warnings[:0] = page.warnings
    record.warnings.extend(limit_record(record))
    return record


def new_dataset() -> Dataset:
    """An empty rdflib Dataset with rdfbib's prefixes, whose default graph is the union of the records."""
    from rdflib import Dataset

    from .formats import bind_prefixes

    dataset = Dataset(default_union=True)
    bind_prefixes(dataset)
    return dataset


def add_record(dataset: Dataset, record: Record, mapper: Mapper, *, provenance: datetime | None = None) -> None:
    """Map a record into its own named graph of ``dataset``, replacing what that graph held.

    :param provenance: when set, also state in the provenance graph where the record came from, at this time.
    """
    from rdflib import URIRef

    from .terms import to_rdflib

    iri = URIRef(mapper.graph_iri(record))
    graph = dataset.graph(iri)
    graph.remove((None, None, None))
    for triple in mapper.triples(record):
        graph.add(triple)
    if provenance is not None:
        prov = dataset.graph(URIRef(mapper.provenance_graph()))
        prov.remove((iri, None, None))
        for s, p, o in mapper.provenance(record, provenance):
            prov.add((to_rdflib(s), to_rdflib(p), to_rdflib(o)))


def to_dataset(records: Iterable[Record], *, base: str | None = None, provenance: bool = False) -> Dataset:
    """Records as an rdflib Dataset: one named graph per record.

    :param provenance: add the ``{base}provenance`` graph (page URL, time, reader, rdfbib version).
        It holds a timestamp, so output with it is not byte-stable; record graphs never hold one.
    """
    from .mapping import Mapper

    mapper = Mapper(base)
    dataset = new_dataset()
    when = datetime.now(timezone.utc) if provenance else None
    for record in records:
        add_record(dataset, record, mapper, provenance=when)
    return dataset


def convert(
    sources: Source | Iterable[Source],
    *,
    base: str | None = None,
    reader: str | None = None,
    max_bytes: int = MAX_BYTES,
    provenance: bool = False,
) -> Dataset:
    """One source or several as an rdflib Dataset (each record in its own named graph).

    >>> from rdfbib import convert
    >>> dataset = convert("examples/seed-ideas-nature17038.txt")
    >>> len(list(dataset.graphs())) > 0
    True

    :raises RdfbibError: at the first source that fails; use :func:`convert_batch` to go on past bad sources.
    """
    if isinstance(sources, (str, bytes, Raw, Page, os.PathLike)):
        sources = [sources]
    return to_dataset((extract(s, reader=reader, max_bytes=max_bytes) for s in sources), base=base, provenance=provenance)


@dataclass(slots=True)
class Result:
    """What became of one record of a source, or of a source (or a part of one) that failed.

    The one outcome type of every batch. A source gives one Result per record (a reader with
    ``read_all`` may find many in one file) or per failed part, in order; ``ok`` when there is no error.
    :mod:`rdfbib.batch` also renders each record (``graph``, ``rendered``, ``triples``), and worker
    processes send back only that, without the ``record``.
    """

    source: str
    record: Record | None = None
    error: RdfbibError | None = None
    reader: str | None = None
    warnings: list[str] = field(default_factory=list)
    graph: str | None = None
    rendered: list[Rendered] = field(default_factory=list)  # the record graph, then its provenance if asked
    triples: int = 0  # distinct triples in the record graph, once rendered

    @property
    def ok(self) -> bool:
        return self.error is None

    @classmethod
    def failure(cls, error: RdfbibError, source: str) -> Result:
        """A failed Result; the error names ``source`` when it names nothing more precise (a file's line)."""
        if error.source is None:
            error.source = source
        return cls(error.source, error=error, reader=getattr(error, "reader", None))


#: ``finish(result)``: what a batch does with each record inside the boundary (map it, render it), so
#: that a bug there fails the source from that record on, like a bug in its reader.
Finish = Callable[[Result], None]


def convert_source(
    source: Source,
    *,
    reader: str | None = None,
    url: str | None = None,
    max_bytes: int = MAX_BYTES,
    finish: Finish | None = None,
) -> Iterator[Result]:
    """Every record of one source, or why there is none: the boundary between one source and a batch.

    One :class:`Result` per record, in the order the reader finds them; a reader with
    ``read_all(page)`` (a file of many records) yields records and errors for the parts that failed,
    each one Result, so a bad part never costs the good ones. A source that cannot be read at all is
    one failed Result. Never raises for bad input: anything unexpected (a bug) becomes an
    :class:`~rdfbib.errors.InternalError` naming the source, and the batch goes on.
    """
    name = source_name(source)
    try:
        page = load_page(source, url=url, max_bytes=max_bytes)
        chosen = readers.get(reader) if reader else reader_for(source, page)
        page_warnings = page.warnings
        for item in _read_all(chosen, page, source):
            if isinstance(item, RdfbibError):
                yield Result.failure(item, name)
                continue
            item.warnings[:0] = page_warnings
            page_warnings = []  # said once, with the first record
            item.warnings.extend(limit_record(item))
            result = Result(item.source, item, reader=item.reader, warnings=item.warnings)
            if finish is not None:
                finish(result)
            yield result
    except RdfbibError as exc:
        yield Result.failure(exc, name)
    except Exception as exc:  # noqa: BLE001 (a bug on one page must not cost the batch its other pages)
        yield Result.failure(internal_error(exc, name), name)


def reader_for(source: Source, page: Page) -> readers.Reader:
    """The reader of a source: ``redif`` for a ReDIF file (``.redif``, or ``.rdf`` that is not XML: its
    name and first bytes say so, as :func:`rdfbib.files.kind_of`), else the first that matches the page."""
    if isinstance(source, RedifFile):
        return readers.get("redif")
    if isinstance(source, (str, os.PathLike)):
        kind = kind_of(source)
        if kind is not None and kind.kind == REDIF:
            return readers.get("redif")
    return readers.detect(page)


def _read_all(reader: readers.Reader, page: Page, source: Source) -> Iterable[Record | RdfbibError]:
    """What the reader finds in the page: every record of a many-record source (a ReDIF file's items
    with the names of the series in scope, :mod:`rdfbib.mirror`), or its one record."""
    read_all = getattr(reader, "read_all", None)
    if read_all is None:
        return [reader.read(page)]
    if isinstance(source, RedifFile) and reader.name == "redif":
        return read_all(page, series=series_of_files(source.series))
    return read_all(page)


def convert_batch(
    sources: Iterable[Source],
    *,
    reader: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> Iterator[Result]:
    """One :class:`Result` per record or failure of each source, in order; a bad source never stops the batch.

    A generator: it converts as it is iterated, once (``list(convert_batch(...))`` keeps the results).
    """
    for source in sources:
        yield from convert_source(source, reader=reader, max_bytes=max_bytes)


def internal_error(exc: Exception, source: str) -> InternalError:
    """What a source failed with when converting it raised something rdfbib did not mean to raise."""
    return InternalError(f"rdfbib failed on this page ({type(exc).__name__}: {exc}); please report it with the page", source=source)
