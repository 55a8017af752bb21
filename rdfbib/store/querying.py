"""A user's query, bounded: no SERVICE unless allowed, a deadline, a row limit, rows streamed as they come.

pyoxigraph cannot interrupt a running query, so on the embedded store the query runs in a child process
(forked when the parent runs one thread, else spawned; the store opened read-only there) that sends rows
over a pipe as it finds them; the parent writes
them out and kills the child at the deadline, on Ctrl-C or SIGTERM, or when the parent dies (Linux); a
server runs queries in warm processes of a :class:`QueryPool` instead, killed and replaced likewise. A
server's answer is read as a stream, each read bounded by the HTTP timeout, the whole by the deadline.
An answer that a limit or an interruption cut is written as far as it came (a complete document
of those rows), and :attr:`QueryRun.cut` says why, so the caller never cuts silently.

Rows travel as SPARQL TSV lines (terms in N-Triples syntax), and pyoxigraph's own serialisers write each
batch of them in the wanted format (``results.RESULT_FORMATS``); only the table is written here, from
the first :data:`TABLE_ROWS` rows' widths.
"""

from __future__ import annotations

import os
import queue
import signal
import sys
import threading
import time
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType
from typing import IO, TYPE_CHECKING, Any

import pyoxigraph as ox

from ..errors import InternalError, StoreError
from .base import QueryDataset
from .results import RESULT_FORMATS, table_cell, table_count, table_head, table_line, table_widths

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from .embedded import EmbeddedStore
    from .remote import RemoteStore

#: Rows the table format holds to size its columns; later rows keep those widths (a longer cell widens its line only).
TABLE_ROWS = 1000
#: Rows the child sends at once, or fewer when :data:`BATCH_SECONDS` passed since the last send.
BATCH_ROWS = 1000
BATCH_SECONDS = 0.2
#: Seconds between looks at whether the caller still wants the answer, while a query process is silent.
WAKE = 0.1
#: Seconds a killed child gets to end after SIGTERM before SIGKILL.
GRACE = 2.0


@dataclass(slots=True)
class QueryRun:
    """What a query wrote: rows (SELECT) or triples (CONSTRUCT, DESCRIBE) and, when the answer is incomplete, why."""

    rows: int = 0
    kind: str = ""  # "select", "ask" or "graph", once the answer began
    cut: str | None = None
    status: int = 0  # the exit status the cut asks for: 1 (timeout, limit), 130 (Ctrl-C), 143 (SIGTERM)


class _Stop(Exception):
    """The answer stops here: the deadline passed, or a signal came."""

    def __init__(self, reason: str, status: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


def refuse_service(text: str) -> None:
    """Refuse a query with a SERVICE clause: it makes the store send HTTP requests wherever the query says.

    The query is parsed (rdflib's SPARQL parser), so ``SERVICE`` in a string, an IRI or a comment is no clause.

    :raises StoreError: a SERVICE clause, or a query the parser cannot read (a syntax error, or syntax
        newer than rdflib's, such as RDF 1.2 triple terms, which pyoxigraph reads).
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        tree = parseQuery(text)
    except ParseException as exc:
        reason = " ".join(str(exc).split())
        raise StoreError(f"the query cannot be checked for SERVICE clauses (rdflib's SPARQL parser: {reason}): fix it, or run it unchecked with --allow-service") from None
    if _has_service(tree):
        raise StoreError("the query has a SERVICE clause, which makes the store send HTTP requests: refused without --allow-service")


def _has_service(node: object) -> bool:
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        return node.name == "ServiceGraphPattern" or any(_has_service(v) for v in node.values())
    if isinstance(node, (list, tuple, ParseResults)):
        return any(_has_service(v) for v in node)
    return False


def run_query(
    text: str,
    out: IO[bytes],
    *,
    fmt: str = "table",
    location: str | None = None,
    remote: RemoteStore | None = None,
    timeout: float = 60.0,
    limit: int | None = None,
    dataset: QueryDataset | None = None,
    pool: QueryPool | None = None,
    gone: threading.Event | None = None,
) -> QueryRun:
    """Run ``text`` on the embedded store at ``location`` or on ``remote``, writing the answer to ``out`` as it comes.

    ``dataset`` (the embedded store only): the graphs the query reads instead of the union graph.
    ``pool`` (the embedded store only, a server's): warm processes that run the query instead of a new child;
    ``gone`` (with ``pool``): set when the client went away, which stops the query as the deadline does.

    :raises StoreError: the store cannot be opened or the query fails.
    """
    late = _Stop(f"no complete answer within --timeout {timeout:g} s", 1)
    deadline = time.monotonic() + timeout
    if remote is not None:
        events = _remote_events(remote, text, deadline, late, limit)
    elif pool is not None:
        events = pool.events(text, deadline, late, limit, dataset, gone)
    else:
        events = _embedded_events(str(location), text, deadline, late, limit, dataset)
    writer = _Writer(out, fmt)
    run = QueryRun()
    try:
        with _signals_stop():
            for event in events:
                writer.take(event)
    except _Stop as stop:
        run.cut, run.status = f"{stop.reason}: the answer is cut after {_rows(writer.count)}", stop.status
    finally:
        events.close()
    if writer.more:
        run.cut, run.status = f"the answer is cut at --limit {_rows(writer.count)}: it has more", 1
    writer.close()
    run.rows, run.kind = writer.count, writer.kind
    return run


def _rows(n: int) -> str:
    return f"{n} row{'s' if n != 1 else ''}"


@contextmanager
def _signals_stop() -> Iterator[None]:
    """Ctrl-C (SIGINT) and SIGTERM stop the answer (once: a second signal waits for the child to be killed)."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread can set signal handlers; elsewhere the defaults stay
        return
    came: list[int] = []

    def handler(number: int, frame: FrameType | None) -> None:
        if not came:
            came.append(number)
            raise _Stop("interrupted" if number == signal.SIGINT else "terminated", 128 + number)

    old = {number: signal.signal(number, handler) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, previous in old.items():
            signal.signal(number, previous)


# -- the answer as events: ("select", variables), ("graph",), ("ask", bool), ("rows", lines), ("more",) --


def _embedded_events(location: str, text: str, deadline: float, late: _Stop, limit: int | None, dataset: QueryDataset | None) -> Iterator[tuple[Any, ...]]:
    """The child's messages until it is done, killing it at the deadline or when the caller stops listening."""
    import multiprocessing

    context = multiprocessing.get_context("fork" if _one_thread() else "spawn")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, location, text, limit, dataset, os.getpid()), name="rdfbib-query", daemon=True)
    child.start()
    sender.close()
    try:
        failure = yield from _received(receiver, child, location, deadline, late)
    finally:
        receiver.close()
        _end(child)
    if failure is not None:
        raise StoreError(failure, endpoint=location)


def _one_thread() -> bool:
    """Whether this process runs one thread (Python's or any library's), so a forked child holds no lock another
    thread took: forking skips the ~0.4 s a spawned child spends starting Python and importing rdfbib again."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False  # no /proc (not Linux): the threads cannot be counted, so spawn


def _received(receiver: Connection, child: Any, location: str, deadline: float, late: _Stop, gone: threading.Event | None = None) -> Generator[tuple[Any, ...], None, str | None]:
    """The events of one answer from ``child``, up to its ("done",) (returns None) or its ("error", reason) (returns the reason).

    :raises _Stop: the deadline passed first, or ``gone`` was set.
    :raises StoreError: the child ended without an answer.
    """
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise late
        if gone is not None and gone.is_set():
            raise _Stop("the client went away", 1)
        if not receiver.poll(min(remaining, WAKE)):
            continue
        try:
            event = receiver.recv()
        except EOFError:
            child.join(GRACE)
            raise StoreError(f"the query process ended without an answer (exit status {child.exitcode})", endpoint=location) from None
        if event[0] == "error":
            return str(event[1])
        if event[0] == "done":
            return None
        yield event


def _end(child: Any) -> None:
    """Kill the child (its work is not needed any more), politely first."""
    if child.is_alive():
        child.terminate()
        child.join(GRACE)
    if child.is_alive():
        child.kill()
    child.join(GRACE)


def _child(sender: Connection, location: str, text: str, limit: int | None, dataset: QueryDataset | None, parent: int) -> None:
    """In the child process: answer one query, then end."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C stops
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a forked child has the parent's handler, which would wait for Python
    _die_with(parent)
    from .embedded import EmbeddedStore

    _answer_to(sender, lambda: EmbeddedStore(location, read_only=True), text, limit, dataset)
    sender.close()


def _answer_to(sender: Connection, opened: Callable[[], EmbeddedStore], text: str, limit: int | None, dataset: QueryDataset | None) -> None:
    """In a query process: run the query on the store ``opened`` gives, send the answer in batches of rows and ("done",) or ("error", reason)."""
    try:
        store = opened()
        answer = store.answer(text, dataset)
        for event in _answer_events(answer, limit):
            sender.send(event)
        sender.send(("done",))
    except StoreError as exc:
        sender.send(("error", exc.message))
    except BrokenPipeError:
        pass  # the parent stopped listening
    except (OSError, SyntaxError, ValueError) as exc:  # raised while rows are read (a SERVICE that fails, a broken store)
        sender.send(("error", "query failed: " + " ".join(str(exc).split())[:300]))  # one line, whatever the service sent


def _die_with(parent: int) -> None:
    """Have Linux kill this process when its parent dies (a query nobody reads is not run to its end)."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)  # the parent died before the watch was set


class QueryPool:
    """Warm query processes for a server: each imports pyoxigraph and rdfbib once, then answers query after query.

    A spawned one-off child costs about 0.4 s of Python start-up per query (a server runs threads, so it cannot
    fork one); a worker keeps the store open and
    opens it anew only when a load wrote to it meanwhile (:class:`_Reopened`), so it sees every write.
    A worker whose query is stopped (the deadline, the caller gone) is killed as a one-off child is, and a
    replacement is started in the background. Workers are all started by one thread of the pool: Linux
    sends a worker the parent-death signal when the thread that started it ends.
    """

    def __init__(self, location: str, size: int) -> None:
        self.location = location
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._starts: queue.Queue[bool] = queue.Queue()  # True: start a worker; False: the pool closes
        self._workers: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(size):
            self._starts.put(True)
        self._starter = threading.Thread(target=self._start_workers, name="rdfbib-query-pool", daemon=True)
        self._starter.start()

    def _start_workers(self) -> None:
        while self._starts.get():
            worker = _Worker(self.location)
            with self._lock:
                if self._closed:
                    _end(worker.process)
                    continue
                self._workers.add(worker)
            self._idle.put(worker)

    def events(self, text: str, deadline: float, late: _Stop, limit: int | None, dataset: QueryDataset | None, gone: threading.Event | None) -> Iterator[tuple[Any, ...]]:
        """The answer of an idle worker (waiting for one until the deadline), as :func:`_embedded_events` gives it."""
        try:
            worker = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise late from None
        failure: str | None = None
        answered = False
        try:
            worker.connection.send((text, limit, dataset))
            failure = yield from _received(worker.connection, worker.process, self.location, deadline, late, gone)
            answered = True
        finally:
            if answered:
                self._idle.put(worker)
            else:
                self._replace(worker)
        if failure is not None:
            raise StoreError(failure, endpoint=self.location)

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker whose answer is not wanted any more, and have another started."""
        with self._lock:
            self._workers.discard(worker)
            if not self._closed:
                self._starts.put(True)
        worker.connection.close()
        _end(worker.process)

    def close(self) -> None:
        """End every worker (a query still running is killed) and the starting thread."""
        with self._lock:
            self._closed = True
            workers, self._workers = self._workers, set()
        self._starts.put(False)
        self._starter.join()
        for worker in workers:
            worker.connection.close()
            _end(worker.process)


class _Worker:
    """One warm query process and the parent's end of its pipe."""

    def __init__(self, location: str) -> None:
        import multiprocessing

        context = multiprocessing.get_context("spawn")
        self.connection, theirs = context.Pipe()
        self.process = context.Process(target=_serve_queries, args=(theirs, location, os.getpid()), name="rdfbib-query-worker", daemon=True)
        self.process.start()
        theirs.close()


def _serve_queries(connection: Connection, location: str, parent: int) -> None:
    """In a worker process: answer each query the parent sends, until it closes the pipe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C stops
    _die_with(parent)
    opened = _Reopened(location)
    while True:
        try:
            text, limit, dataset = connection.recv()
        except EOFError:
            return
        _answer_to(connection, opened, text, limit, dataset)


class _Reopened:
    """A worker's read-only store, opened anew when any file in its folder changed since (a load wrote to it).

    A read-only RocksDB sees the data of its opening only, and opening costs 10 to 20 ms, against a
    fraction of a millisecond for the folder's names, sizes and times, which every write changes.
    """

    def __init__(self, location: str) -> None:
        self.location = location
        self.store: EmbeddedStore | None = None
        self.seen: frozenset[tuple[str, int, int]] = frozenset()

    def __call__(self) -> EmbeddedStore:
        from .embedded import EmbeddedStore

        now = self._state()
        if self.store is None or now != self.seen:
            self.store = None  # a failed opening leaves none
            self.store, self.seen = EmbeddedStore(self.location, read_only=True), now
        return self.store

    def _state(self) -> frozenset[tuple[str, int, int]]:
        try:
            entries = list(os.scandir(self.location))
        except OSError:
            return frozenset()  # no folder: the opening says why
        state = set()
        for entry in entries:
            try:
                info = entry.stat()
            except OSError:
                continue  # removed meanwhile: the next query looks again
            state.add((entry.name, info.st_size, info.st_mtime_ns))
        return frozenset(state)


def _answer_events(answer: Any, limit: int | None) -> Iterator[tuple[Any, ...]]:
    """A pyoxigraph answer (or one parsed from a server's stream) as events, rows in batches, at most ``limit``."""
    if isinstance(answer, ox.QueryBoolean):
        yield ("ask", bool(answer))
        return
    if isinstance(answer, ox.QuerySolutions):
        variables = [v.value for v in answer.variables]
        yield ("select", variables)
        lines = (_tsv_line(solution, variables) for solution in answer)
    else:
        yield ("graph",)
        lines = (f"{_triple(t)} .\n" for t in answer)
    batch: list[str] = []
    sent = time.monotonic()
    for n, line in enumerate(lines):
        if limit is not None and n >= limit:
            yield ("rows", batch)
            yield ("more",)
            return
        batch.append(line)
        if len(batch) >= BATCH_ROWS or time.monotonic() - sent >= BATCH_SECONDS:
            yield ("rows", batch)
            batch, sent = [], time.monotonic()
    yield ("rows", batch)


def _triple(item: Any) -> ox.Triple:
    return item.triple if isinstance(item, ox.Quad) else item


def _tsv_line(solution: ox.QuerySolution, variables: list[str]) -> str:
    return "\t".join(_tsv_term(solution[v]) for v in variables) + "\n"


def _tsv_term(term: Any) -> str:
    """A term as SPARQL TSV writes it (N-Triples syntax; a triple term in ``<<( )>>``), or "" when unbound."""
    if term is None:
        return ""
    return f"<<( {term} )>>" if isinstance(term, ox.Triple) else str(term)


def _remote_events(remote: RemoteStore, text: str, deadline: float, late: _Stop, limit: int | None) -> Iterator[tuple[Any, ...]]:
    """A server's answer read as it streams in; each read waits at most the HTTP timeout, the whole until the deadline."""
    from requests import RequestException
    from urllib3.exceptions import HTTPError

    kind, response = remote.query_response(text, stream=True)
    response.raw.decode_content = True
    content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    try:
        if kind in ("select", "ask"):
            answer: Any = ox.parse_query_results(response.raw, ox.QueryResultsFormat.from_media_type(content_type) or ox.QueryResultsFormat.JSON)
        else:
            answer = ox.parse(response.raw, ox.RdfFormat.from_media_type(content_type) or ox.RdfFormat.TURTLE)
        for event in _answer_events(answer, limit):
            if time.monotonic() > deadline:
                raise late
            yield event
    except (ValueError, SyntaxError) as exc:
        raise StoreError(f"{remote.urls.query}: unreadable {content_type or 'untyped'} answer: {exc}", endpoint=remote.urls.query) from None
    except (OSError, HTTPError, RequestException) as exc:  # a read that waited longer than --timeout, a dropped connection
        raise _Stop(f"the answer broke off ({exc})", 1) from None
    finally:
        response.close()


# -- writing ---------------------------------------------------------------------------------------------


class _Writer:
    """Writes the events of one answer to ``out`` in ``fmt``, flushing after each batch."""

    def __init__(self, out: IO[bytes], fmt: str) -> None:
        self.out = out
        self.fmt = fmt
        self.count = 0
        self.more = False
        self.kind = ""
        self.variables: list[str] = []
        self.prefix = self.suffix = b""
        self.table: list[list[str]] | None = None
        self.widths: list[int] = []
        self.started = False  # a JSON body was written: the next one needs a comma

    def take(self, event: tuple[Any, ...]) -> None:
        tag = event[0]
        if tag == "ask":
            self._ask(event[1])
        elif tag == "graph":
            self.kind = "graph"
        elif tag == "select":
            self._head(event[1])
        elif tag == "rows":
            self._rows(event[1])
        elif tag == "more":
            self.more = True

    def _ask(self, value: bool) -> None:
        self.kind = "ask"
        target = RESULT_FORMATS[self.fmt]
        if target is None:
            self.out.write(b"true\n" if value else b"false\n")
        else:
            self._document(ox.parse_query_results(b'{"head":{},"boolean":' + (b"true" if value else b"false") + b"}", ox.QueryResultsFormat.JSON).serialize(format=target))

    def _head(self, variables: list[str]) -> None:
        self.kind, self.variables = "select", variables
        if RESULT_FORMATS[self.fmt] is None:
            self.table = []
            return
        empty = self._serialize([])
        marker = {"json": b'"bindings":[', "xml": b"<results>"}.get(self.fmt)
        cut = empty.index(marker) + len(marker) if marker else len(empty)
        self.prefix, self.suffix = empty[:cut], empty[cut:]
        self.out.write(self.prefix)
        self.out.flush()

    def _solutions(self, lines: list[str]) -> ox.QuerySolutions:
        """Rows (TSV lines) as pyoxigraph solutions, for its serialisers."""
        return ox.parse_query_results("\t".join(f"?{v}" for v in self.variables) + "\n" + "".join(lines), ox.QueryResultsFormat.TSV)

    def _serialize(self, lines: list[str]) -> bytes:
        return self._solutions(lines).serialize(format=RESULT_FORMATS[self.fmt])

    def _rows(self, lines: list[str]) -> None:
        if not lines:
            return
        self.count += len(lines)
        if self.kind == "graph":
            self.out.write("".join(lines).encode("utf-8"))
        elif self.table is not None:
            self._table_rows(lines)
        else:
            whole = self._serialize(lines)
            if not (whole.startswith(self.prefix) and whole.endswith(self.suffix)):
                raise InternalError(f"pyoxigraph's {self.fmt} results changed their frame: {whole[:80]!r}")
            body = whole[len(self.prefix) : len(whole) - len(self.suffix)]
            self.out.write((b"," if self.fmt == "json" and self.started else b"") + body)
            self.started = True
        self.out.flush()

    def _table_rows(self, lines: list[str]) -> None:
        """Rows of the table: the first :data:`TABLE_ROWS` are held to size the columns, the rest written as they come."""
        assert self.table is not None
        cells = [[table_cell(solution[v]) for v in self.variables] for solution in self._solutions(lines)]
        if self.widths:
            self._table_out(cells)
            return
        self.table += cells
        if len(self.table) >= TABLE_ROWS:
            self._table_out(self.table)
            self.table.clear()

    def _table_out(self, cells: list[list[str]]) -> None:
        if not self.widths:
            assert self.table is not None
            self.widths = table_widths(self.variables, self.table)
            self.out.write(table_head(self.variables, self.widths).encode("utf-8"))
        self.out.write("".join(table_line(row, self.widths) for row in cells).encode("utf-8"))

    def close(self) -> None:
        """End the document: its closing part, or the table's held rows and row count."""
        if self.kind == "select" and self.table is not None:
            if not self.widths:
                self._table_out(self.table)
            self.out.write(table_count(self.count).encode("utf-8"))
        elif self.kind == "select":
            self.out.write(self.suffix)
            if not self.suffix.endswith(b"\n") and self.fmt in ("json", "xml"):
                self.out.write(b"\n")
        self.out.flush()

    def _document(self, data: bytes) -> None:
        self.out.write(data if data.endswith(b"\n") else data + b"\n")
