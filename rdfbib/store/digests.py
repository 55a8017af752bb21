"""What each record graph of an embedded store held when rdfbib last wrote it: a digest per graph, so a
reload of an unchanged record costs a hash and one lookup, not a comparison in the store.

The digests live beside the store's own files, in ``rdfbib-digests.sqlite`` in its folder, not in its RDF
data (where ``GRAPH ?g`` queries, counts and graph listings would see them). They are a cache that is never
wrong, only missing: a graph's digest is removed (committed) before the graph is written and stored after
the write succeeded, and any other write (a SPARQL update) removes them all; when the file cannot be written
(a full disk), it is removed, and the load goes on without digests. A store without the file
(written by an older rdfbib, or its digests lost) is compared in the store as before, and gets a digest for
each graph written from then on. Only rdfbib keeps the file: a store written since by an older rdfbib (which
does not) must have the file removed by hand.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from pathlib import Path

#: The file, in the store's folder.
FILE = "rdfbib-digests.sqlite"


def digest(triples: list[str]) -> bytes:
    """A graph's digest: of its N-Triples lines, sorted (the order they came in does not matter)."""
    return hashlib.blake2b("\n".join(sorted(triples)).encode("utf-8"), digest_size=16).digest()


class Digests:
    """The digests of a store's graphs, by graph IRI; opened on first use (a store only read never creates it)."""

    def __init__(self, folder: str) -> None:
        self.path = Path(folder) / FILE
        self._db: sqlite3.Connection | None = None
        self._pending: dict[str, bytes] = {}
        self.off = False  # the file could not be written: removed, and not used again by this process

    def _open(self) -> sqlite3.Connection:
        if self._db is None:
            self._db = sqlite3.connect(self.path)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("CREATE TABLE IF NOT EXISTS digest (graph TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID")
        return self._db

    def held(self, iris: Iterable[str]) -> dict[str, bytes]:
        """The digests held for these graphs (one query per 500 of them)."""
        wanted = list(dict.fromkeys(iris))
        found: dict[str, bytes] = {}
        if self.off:
            return found
        try:
            db = self._open()
            for start in range(0, len(wanted), 500):
                part = wanted[start : start + 500]
                found.update(db.execute(f"SELECT graph, value FROM digest WHERE graph IN ({','.join('?' * len(part))})", part).fetchall())
        except sqlite3.Error:
            self._remove()
            return {}
        return found

    def forget(self, iris: Iterable[str]) -> None:
        """Remove these graphs' digests now (committed: before the graphs are written), and any put since."""
        gone = [(iri,) for iri in iris]
        for (iri,) in gone:
            self._pending.pop(iri, None)
        if self.off or not gone or not (self._db is not None or self.path.exists()):
            return
        try:
            with self._open() as db:
                db.executemany("DELETE FROM digest WHERE graph = ?", gone)
        except sqlite3.Error:
            self._remove()

    def forget_all(self) -> None:
        """Remove every digest (a write rdfbib cannot follow graph by graph)."""
        self._pending.clear()
        if self.off or not (self._db is not None or self.path.exists()):
            return
        try:
            with self._open() as db:
                db.execute("DELETE FROM digest")
        except sqlite3.Error:
            self._remove()

    def put(self, iri: str, value: bytes) -> None:
        """A graph written with this digest (stored at the next :meth:`commit`)."""
        if not self.off:
            self._pending[iri] = value

    def commit(self) -> None:
        if not self._pending:
            return
        try:
            with self._open() as db:
                db.executemany("INSERT OR REPLACE INTO digest VALUES (?, ?)", self._pending.items())
        except sqlite3.Error:
            self._remove()
        self._pending.clear()

    def close(self) -> None:
        """Store what was put, and close the file."""
        self.commit()
        if self._db is not None:
            self._db.close()
            self._db = None

    def _remove(self) -> None:
        """The file cannot be written (a full disk): remove it (removing needs no space), so no digest can be stale."""
        self.off = True
        self._pending.clear()
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
            self._db = None
        for path in (self.path, self.path.with_name(FILE + "-wal"), self.path.with_name(FILE + "-shm")):
            path.unlink(missing_ok=True)
