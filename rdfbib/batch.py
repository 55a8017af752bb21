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
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from .page import MAX_BYTES, Page
from .pipeline import Raw, Result, Source, convert_source
from .sources import Item, fetched, results

if TYPE_CHECKING:
    from .fetch import Fetcher


@dataclass(frozen=True, slots=True)
class Job:
    """How to convert one source and render its records; picklable, so worker processes get the same settings."""

    format: str = "turtle"
    base: str | None = None
    reader: str | None = None
    max_bytes: int = MAX_BYTES
    provenance: datetime | None = None
    context_url: str | None = None

    def __call__(self, source: Source) -> list[Result]:
        """The source's records, rendered, and its failures; never raises for a bad source."""
        return list(convert_source(source, reader=self.reader, max_bytes=self.max_bytes, finish=self.render))

    def render(self, result: Result) -> None:
        """Map and format one record; called inside the boundary, so a bug here fails the source from this
        record on, like a bug in its reader, and the batch goes on."""
        record = result.record
        assert record is not None
        mapper, writer = _tools(self)
        result.graph = mapper.graph_iri(record)
        rendered, result.triples = writer.render_counted(result.graph, mapper.terms(record))
        result.rendered.append(rendered)
        if self.provenance is not None:
            result.rendered.append(writer.render(mapper.provenance_graph(), list(mapper.provenance(record, self.provenance))))


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


def run(items: Iterable[Item], job: Job, *, jobs: int = 1, fetcher: Callable[[], Fetcher] | None = None) -> Iterator[Result]:
    """One rendered :class:`~rdfbib.pipeline.Result` per record or failure of each item, in the items' order;
    items are consumed lazily.

    Items are library sources or :mod:`rdfbib.sources` items: URLs are fetched here with the fetcher
    that ``fetcher()`` makes when the first URL comes (a default one without it), closed at the end.
    With ``jobs > 1``, results come from worker processes without their ``record``.
    """
    if jobs <= 1:
        yield from results(items, make_fetcher=fetcher, reader=job.reader, max_bytes=job.max_bytes, finish=job.render)
        return
    from concurrent.futures import ProcessPoolExecutor

    from .readers import all_readers

    all_readers()  # import the readers (and lxml) and make the tools once, before workers fork
    _tools(job)
    window: deque = deque()
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_start, initargs=(os.getpid(),))
    try:
        for chunk in _chunks(fetched(items, make_fetcher=fetcher, max_bytes=job.max_bytes)):
            window.append(chunk if isinstance(chunk, Result) else pool.submit(_convert_all, job, chunk))
            if len(window) >= 2 * jobs:
                yield from _results(window.popleft())
        while window:
            yield from _results(window.popleft())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)  # stopped early (an interrupt): drop the tasks not started


#: Seconds between a worker's checks that its parent is still there (where prctl cannot ask the kernel).
PARENT_CHECK = 1.0


def _worker_start(parent: int) -> None:
    """In each worker, first: die with the parent. A worker waits for tasks on a pipe that it holds open
    itself, so a parent killed (SIGKILL) or gone would leave it blocked forever. On Linux the kernel sends
    SIGKILL when the parent dies (``prctl(PR_SET_PDEATHSIG)``); everywhere, a thread checks the parent.
    Signals are the parent's business: Ctrl-C and SIGTERM stop the parent, which stops the pool."""
    import signal
    import sys
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    threading.Thread(target=_watch_parent, args=(parent,), name="rdfbib-parent-watch", daemon=True).start()


def _watch_parent(parent: int) -> None:
    """End this worker once its parent is gone (it is then adopted: another parent id)."""
    import time

    while os.getppid() == parent:
        time.sleep(PARENT_CHECK)
    os._exit(1)


#: Sources sent to a worker in one task. A task costs the parent about 0.7 ms of CPU whatever its
#: size (measured: 7% of a typical page's work, taken from the workers' cores), so small pages go
#: in fours; big ones go alone, so the results in flight stay a few megabytes.
CHUNK_PAGES = 4
CHUNK_BYTES = 256 * 1024


def _chunks(sources: Iterable[Source | Result]) -> Iterator[list[Source] | Result]:
    """Sources grouped into tasks, in order; a failed fetch comes through alone, in its place."""
    chunk: list[Source] = []
    weight = 0
    for source in sources:
        if isinstance(source, Result):
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


def _convert_all(job: Job, sources: list[Source]) -> list[Result]:
    """In a worker: the rendered results of a chunk of sources, without their records (only bytes go back)."""
    done = [result for source in sources for result in job(source)]
    for result in done:
        result.record = None
    return done


def _results(entry: object) -> list[Result]:
    return [entry] if isinstance(entry, Result) else entry.result()  # type: ignore[attr-defined]


def jobs_for(jobs: int | None, sources: Iterable[str]) -> int:
    """The worker processes to run: ``jobs`` when given (0: one per core); else one per core when a source is a
    folder (saved pages, a RePEc mirror: many files, so the workers repay their start), one otherwise."""
    if jobs is None:
        return default_jobs() if any(os.path.isdir(source) for source in sources) else 1
    return jobs or default_jobs()


def default_jobs() -> int:
    """The number of processes ``--jobs 0`` means: one per available core."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
