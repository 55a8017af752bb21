"""Breadth-first crawls of RePEc citation networks, in constant memory, resumable.

From seed pages, :func:`crawl` follows the RePEc item links that IDEAS (and EconPapers) pages
carry in their References, Cited by and Other versions lists, level by level up to a depth,
converting each page as it arrives and handing its record to a callback at once: nothing is
accumulated, so a crawl of 10,000 pages needs no more memory than one of ten.

The frontier and the seen-set live in one SQLite table (a temporary file, or ``state`` to keep
it), keyed by RePEc key (``archive/series/item``) so a work met as a link and as a page is one
entry. A page is marked done only after the callback has taken its record, in the same
transaction that queues its links: a crawl killed at any point and started again with the same
state fetches no finished page again (a page cut off mid-flight is fetched once more).
Only links to RePEc item pages are followed: a crawl never wanders off to publisher sites.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import OutputError, RdfbibError
from .fetch import Fetcher, host_of
from .identifiers import handle_key, normalize_handle, url_key
from .model import Work
from .page import MAX_BYTES
from .pipeline import Finish, Result, convert_source

if TYPE_CHECKING:
    from typing_extensions import Self

#: Link lists a crawl can follow, by their command-line names.
FOLLOW = ("references", "cited-by", "versions")


@dataclass(slots=True)
class Progress:
    """What a crawl did in this run: pages converted (with the records they gave) and failed, pages
    still queued, and the page at hand. The status line, the summary and the records written all come
    from these counts, so they agree."""

    done: int = 0
    failed: int = 0
    queued: int = 0
    records: int = 0
    current: str | None = None


def page_key(url: str) -> str:
    """The seen-set key of a page URL: its RePEc key, else the URL itself."""
    return url_key(url) or url


def link_url(work: Work) -> str | None:
    """Where a linked work's page is: its IDEAS/EconPapers URL, else its EconPapers persistent link."""
    if work.url and url_key(work.url):
        return work.url
    handle = normalize_handle(work.handle)
    return f"https://econpapers.repec.org/{handle}" if handle else None


def links(work: Work, follow: Iterable[str] = FOLLOW) -> Iterator[Work]:
    """The linked works of a page's work, in page order: references, citing works, other versions.

    With ``versions``, the other versions IDEAS nests under a reference or citing work come too.
    """
    wanted = set(follow)
    lists = [work.references if "references" in wanted else [], work.cited_by if "cited-by" in wanted else []]
    for listed in lists:
        for linked in listed:
            yield linked
            if "versions" in wanted:
                yield from linked.versions
    if "versions" in wanted:
        yield from work.versions


class CrawlState:
    """Frontier and seen-set in one SQLite table: ``pages(key, url, depth, status, reason)``.

    Queued pages are taken in insertion order, which is breadth-first order. Status ``alias`` marks the
    key of a work whose page was fetched under another key (not a page of its own).

    :raises OutputError: the state file cannot be opened or created, or is not a crawl state.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self._temporary: str | None = None
        if path is None:
            handle, self._temporary = tempfile.mkstemp(prefix="rdfbib-crawl-", suffix=".sqlite")
            os.close(handle)
            path = self._temporary
        self.path = Path(path)
        from .files import cannot_write

        problem = cannot_write(self.path)
        if problem:
            raise OutputError(f"cannot keep the crawl state here: {problem}", source=str(path))
        try:
            self.db = sqlite3.connect(str(path))
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS pages (key TEXT PRIMARY KEY, url TEXT NOT NULL, depth INTEGER NOT NULL,"
                " status TEXT NOT NULL DEFAULT 'queued', reason TEXT)"
            )
            self.db.execute("CREATE INDEX IF NOT EXISTS pages_status ON pages(status)")
            self.db.commit()
        except sqlite3.Error as exc:
            raise OutputError(f"cannot use it as the crawl state: {exc}", source=str(path)) from None

    def add(self, key: str, url: str, depth: int) -> bool:
        """Queue a page unless it is known already; True when it was new."""
        cursor = self.db.execute("INSERT OR IGNORE INTO pages(key, url, depth) VALUES (?, ?, ?)", (key, url, depth))
        return cursor.rowcount > 0

    def next(self) -> tuple[str, str, int] | None:
        """The oldest queued page: (key, url, depth)."""
        row = self.db.execute("SELECT key, url, depth FROM pages WHERE status = 'queued' ORDER BY rowid LIMIT 1").fetchone()
        return (row[0], row[1], row[2]) if row else None

    def finish(self, key: str, *, error: str | None = None, also: Iterable[str] = (), found: Iterable[tuple[str, str, int]] = ()) -> int:
        """Mark a page done (or failed, with its reason) and queue the links it gave, in one transaction.

        :param also: the RePEc keys of the page's works when they differ from ``key`` (a seed given by
            another URL): marked ``alias``, so they are never fetched as pages of their own.
        :returns: how many other pages this added to the queue (less any it took off).
        """
        status = "failed" if error else "done"
        change = 0
        with self.db:
            self.db.execute("UPDATE pages SET status = ?, reason = ? WHERE key = ?", (status, error, key))
            for alias in dict.fromkeys(also):
                if alias == key:
                    continue
                change -= self.db.execute("UPDATE pages SET status = 'alias' WHERE key = ? AND status = 'queued'", (alias,)).rowcount
                self.db.execute("INSERT OR IGNORE INTO pages(key, url, depth, status) VALUES (?, '', 0, 'alias')", (alias,))
            change += self.db.executemany("INSERT OR IGNORE INTO pages(key, url, depth) VALUES (?, ?, ?)", found).rowcount
        return change

    def retry_failed(self) -> int:
        """Queue the failed pages again (a resumed crawl otherwise leaves them failed); how many."""
        with self.db:
            return self.db.execute("UPDATE pages SET status = 'queued', reason = NULL WHERE status = 'failed'").rowcount

    def counts(self) -> dict[str, int]:
        """Pages per status: ``queued``, ``done``, ``failed`` (aliases are no pages)."""
        counts = {"queued": 0, "done": 0, "failed": 0}
        for status, n in self.db.execute("SELECT status, count(*) FROM pages GROUP BY status").fetchall():
            if status in counts:
                counts[status] = n
        return counts

    def failures(self) -> list[tuple[str, str]]:
        """(url, reason) of every failed page."""
        return self.db.execute("SELECT url, reason FROM pages WHERE status = 'failed' ORDER BY rowid").fetchall()

    def commit(self) -> None:
        self.db.commit()

    def close(self) -> None:
        self.db.close()
        if self._temporary:
            for suffix in ("", "-wal", "-shm"):
                Path(self._temporary + suffix).unlink(missing_ok=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def crawl(
    seeds: Iterable[str],
    emit: Callable[[Result, int], None],
    *,
    fetcher: Fetcher,
    state: CrawlState,
    depth: int = 1,
    max_pages: int | None = None,
    follow: Iterable[str] = FOLLOW,
    same_site: bool = False,
    reader: str | None = None,
    max_bytes: int = MAX_BYTES,
    finish: Finish | None = None,
    progress: Callable[[Progress], None] | None = None,
) -> Progress:
    """Crawl breadth-first from ``seeds`` to ``depth`` links away; ``emit(result, depth)`` gets each
    record or failure of each page as it comes (:func:`rdfbib.pipeline.convert_source`, with ``finish``).

    A page that cannot be fetched or read (a bug in a reader included) is emitted as a failed Result
    and marked failed, and the crawl goes on. Seeds already in ``state`` are not queued again, so the
    same call resumes a stopped crawl; a page whose ``emit`` raised stays queued.

    :param max_pages: stop after this many pages in this call (the rest stays queued in ``state``).
    :param same_site: follow only links to the seeds' sites (IDEAS or EconPapers).
    :returns: what this call did, and how many pages are still queued.
    """
    follow = tuple(follow)
    unknown = set(follow) - set(FOLLOW)
    if unknown:
        raise ValueError(f"cannot follow {', '.join(sorted(unknown))}; links are: {', '.join(FOLLOW)}")
    sites: set[str] = set()
    for seed in seeds:
        url = fetcher.canonical(seed.strip())
        sites.add(host_of(url))
        state.add(page_key(url), url, 0)
    state.commit()
    report = Progress(queued=state.counts()["queued"])
    taken = 0
    while max_pages is None or taken < max_pages:
        item = state.next()
        if item is None:
            break
        key, url, level = item
        taken += 1
        report.current = url
        if progress:
            progress(report)
        try:
            results: Iterable[Result] = convert_source(fetcher.get(url), reader=reader, max_bytes=max_bytes, finish=finish)
        except RdfbibError as exc:
            results = [Result.failure(exc, url)]
        found: list[tuple[str, str, int]] = []
        own: list[str] = []
        error: RdfbibError | None = None
        records = 0
        for result in results:
            emit(result, level)
            if result.record is None:
                error = error or result.error
                continue
            records += 1
            work = result.record.work
            if work is None:  # a ReDIF series, person or organisation: no page of its own, no links
                continue
            own.append(work.repec_key or handle_key(work.handle) or "")
            if level < depth:
                found.extend(_found(work, follow, level + 1, sites if same_site else None))
        failed = records == 0
        added = state.finish(key, error=(error.message if error else "no record") if failed else None, also=filter(None, own), found=found)
        report.failed += failed
        report.done += not failed
        report.records += records
        report.queued += added - 1
    report.current = None
    if progress:
        progress(report)
    return report


def _found(work: Work, follow: tuple[str, ...], level: int, sites: set[str] | None) -> Iterator[tuple[str, str, int]]:
    """(key, url, depth) of each followable link; each key once."""
    seen: set[str] = set()
    for linked in links(work, follow):
        url = link_url(linked)
        if url is None or (sites is not None and host_of(url) not in sites):
            continue
        key = linked.repec_key or page_key(url)
        if key not in seen:
            seen.add(key)
            yield key, url, level
