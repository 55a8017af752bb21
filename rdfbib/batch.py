"""Batch conversion: sources in, records rendered in the output format out, in order, on N processes.

Each source is read, mapped and formatted by a :class:`Job`, in this process or in worker
processes (``jobs > 1``); only the formatted text comes back, so nothing but one record per worker
is ever held in memory. Pages to fetch are fetched here, in the parent, one host at a time, so
politeness holds whatever the number of workers.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from .errors import RdfbibError
from .page import MAX_BYTES, Page
from .pipeline import Raw, Source, extract, internal_error, source_name

if TYPE_CHECKING:
    from .fetch import Fetcher
    from .model import Record
    from .writers import Rendered


@dataclass(slots=True)
class Outcome:
    """What became of one source: its rendered graphs, or the error that stopped it."""

    source: str
    reader: str | None = None
    warnings: list[str] = field(default_factory=list)
    error: RdfbibError | None = None
    graph: str | None = None
    rendered: list[Rendered] = field(default_factory=list)  # the record graph, then its provenance if asked
    triples: int = 0  # distinct triples in the record graph

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True, slots=True)
class Job:
    """How to convert one source; picklable, so worker processes get the same settings."""

    format: str = "turtle"
    base: str | None = None
    reader: str | None = None
    max_bytes: int = MAX_BYTES
    provenance: datetime | None = None
    context_url: str | None = None

    def __call__(self, source: Source) -> Outcome:
        """Never raises for one bad source: a batch goes on with the next one."""
        name = source_name(source)
        try:
            record = extract(source, reader=self.reader, max_bytes=self.max_bytes)
            return self.render(record)
        except RdfbibError as exc:
            if exc.source is None:
                exc.source = name
            return Outcome(name, reader=getattr(exc, "reader", None), error=exc)
        except Exception as exc:  # noqa: BLE001 (a bug on one page must not cost the batch its other pages)
            return Outcome(name, error=internal_error(exc, name))

    def render(self, record: Record) -> Outcome:
        """Map and format one record."""
        mapper, writer = _tools(self)
        graph = mapper.graph_iri(record)
        triples = set(mapper.terms(record))
        outcome = Outcome(record.source, record.reader, list(record.warnings), graph=graph, triples=len(triples))
        outcome.rendered.append(writer.render(graph, triples))
        if self.provenance is not None:
            outcome.rendered.append(writer.render(mapper.provenance_graph(), list(mapper.provenance(record, self.provenance))))
        return outcome


_TOOLS: dict[Job, tuple[object, object]] = {}


def _tools(job: Job):  # type: ignore[no-untyped-def]
    """The mapper and a renderer for a job's settings, made once per process."""
    tools = _TOOLS.get(job)
    if tools is None:
        import io

        from .formats import open_writer
        from .mapping import Mapper

        tools = _TOOLS[job] = (Mapper(job.base), open_writer(job.format, io.BytesIO(), context_url=job.context_url))
    return tools


def run(
    items: Iterable[Source | object], job: Job, *, jobs: int = 1, fetcher: Callable[[], Fetcher] | None = None
) -> Iterator[Outcome]:
    """One :class:`Outcome` per item, in the items' order; items are consumed lazily.

    Items are library sources, or :class:`rdfbib.sources.Remote` URLs, fetched with the fetcher
    that ``fetcher()`` makes when the first URL comes (a default one without it), closed at the end.
    """
    sources = _fetched(items, fetcher, job.max_bytes)
    if jobs <= 1:
        for source in sources:
            yield source if isinstance(source, Outcome) else job(source)
        return
    from concurrent.futures import ProcessPoolExecutor

    from .readers import all_readers

    all_readers()  # import the readers (and lxml) and make the tools once, before workers fork
    _tools(job)
    window: deque = deque()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for chunk in _chunks(sources):
            window.append(chunk if isinstance(chunk, Outcome) else pool.submit(_convert_all, job, chunk))
            if len(window) >= 2 * jobs:
                yield from _results(window.popleft())
        while window:
            yield from _results(window.popleft())


#: Sources sent to a worker in one task. A task costs the parent about 0.7 ms of CPU whatever its
#: size (measured: 7% of a typical page's work, taken from the workers' cores), so small pages go
#: in fours; big ones go alone, so the results in flight stay a few megabytes.
CHUNK_PAGES = 4
CHUNK_BYTES = 256 * 1024


def _chunks(sources: Iterable[Source | Outcome]) -> Iterator[list[Source] | Outcome]:
    """Sources grouped into tasks, in order; a failed fetch comes through alone, in its place."""
    chunk: list[Source] = []
    weight = 0
    for source in sources:
        if isinstance(source, Outcome):
            if chunk:
                yield chunk
                chunk, weight = [], 0
            yield source
            continue
        size = _size(source)
        if chunk and weight + size > CHUNK_BYTES:
            yield chunk
            chunk, weight = [], 0
        chunk.append(source)
        weight += size
        if len(chunk) >= CHUNK_PAGES or weight >= CHUNK_BYTES:
            yield chunk
            chunk, weight = [], 0
    if chunk:
        yield chunk


def _size(source: Source) -> int:
    """Bytes a source holds: a file's size from the file system; 0 when unknown."""
    if isinstance(source, Raw):
        return len(source.data)
    if isinstance(source, bytes):
        return len(source)
    if isinstance(source, Page):
        return len(source.text)
    try:
        return os.stat(source).st_size
    except (OSError, TypeError, ValueError):
        return 0


def _convert_all(job: Job, sources: list[Source]) -> list[Outcome]:
    return [job(source) for source in sources]


def _results(entry: object) -> list[Outcome]:
    return [entry] if isinstance(entry, Outcome) else entry.result()  # type: ignore[attr-defined]


def _fetched(items: Iterable[Source | object], make: Callable[[], Fetcher] | None, max_bytes: int) -> Iterator[Source | Outcome]:
    """Items with every URL fetched (in this process, politely); a failed fetch is a failed Outcome."""
    from .sources import Remote

    fetcher = None
    try:
        for item in items:
            if not isinstance(item, Remote):
                yield item  # type: ignore[misc]
                continue
            if fetcher is None:
                from .fetch import Fetcher

                fetcher = make() if make else Fetcher(max_bytes=max_bytes)
            try:
                raw: Raw = fetcher.get(item.url)
            except RdfbibError as exc:
                exc.source = exc.source or item.url
                yield Outcome(item.url, error=exc)
            else:
                yield raw
    finally:
        if fetcher is not None:
            fetcher.close()


def default_jobs() -> int:
    """The number of processes ``--jobs 0`` means: one per available core."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
