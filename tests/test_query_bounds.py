"""``rdfbib query`` is bounded (issue 12): rows streamed as they come, --timeout and --limit cut with a message,
Ctrl-C and SIGTERM stop it, and a SERVICE clause sends no request unless --allow-service.

The store is real (2,000 triples loaded by ``rdfbib load``); a cross product of three triple patterns over
it has 8 * 10^9 rows, which no run can hold or write: each test counts the rows written instead of timing.
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from rdfbib.cli import main
from rdfbib.store import EmbeddedStore, RemoteStore, write_result
from rdfbib.store.querying import BATCH_ROWS, TABLE_ROWS, run_query

from .processes import alive, started, wait_until
from .servers import serving, silent

TRIPLES = 2000
CROSS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
COUNT_CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
ALL = "SELECT ?s ?o WHERE { ?s <urn:x:p> ?o } ORDER BY ?s"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real embedded store holding 2,000 triples (values of one width, so table columns do not depend on the batch)."""
    folder = tmp_path_factory.mktemp("query")
    data = folder / "data.nt"
    data.write_text("".join(f'<urn:x:s{i:05d}> <urn:x:p> "v{i:05d}" .\n' for i in range(TRIPLES)), encoding="utf-8")
    result = CliRunner().invoke(main, ["load", str(data), "--store", str(folder / "store")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return folder / "store"


def query(*args: str | Path) -> object:
    return CliRunner().invoke(main, ["query", *(str(a) for a in args)], catch_exceptions=False)


def test_a_timeout_cuts_the_answer_and_says_so(store: Path) -> None:
    result = query(CROSS, "--store", store, "-f", "tsv", "--timeout", "2")
    rows = result.stdout.splitlines()[1:]
    assert result.exit_code == 1
    assert result.stderr == f"rdfbib: {store}: no complete answer within --timeout 2 s: the answer is cut after {len(rows)} rows\n"
    assert len(rows) < TRIPLES**3  # how many came depends on the machine's load; that they come as found, see below
    assert all(len(row.split("\t")) == 9 for row in rows)


def test_a_timeout_stops_a_query_that_writes_nothing_yet(store: Path) -> None:
    result = query(COUNT_CROSS, "--store", store, "-f", "json", "--timeout", "1")
    assert result.exit_code == 1
    assert result.stderr.endswith("no complete answer within --timeout 1 s: the answer is cut after 0 rows\n")
    # Nothing, or, when the variables came before the deadline, a whole document without rows.
    assert result.stdout == "" or json.loads(result.stdout)["results"]["bindings"] == []


def test_limit_cuts_and_says_so(store: Path) -> None:
    result = query(CROSS, "--store", store, "-f", "csv", "--limit", "5")
    assert result.exit_code == 1
    assert len(result.stdout_bytes.decode().splitlines()) == 1 + 5
    assert result.stderr == f"rdfbib: {store}: the answer is cut at --limit 5 rows: it has more\n"
    construct = query("CONSTRUCT { ?a ?b ?g } WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", "--store", store, "--limit", "3")
    assert construct.exit_code == 1 and len(list(ox.parse(construct.stdout, ox.RdfFormat.N_TRIPLES))) == 3
    assert "cut at --limit 3 rows" in construct.stderr


def test_a_limit_the_answer_fits_in_cuts_nothing(store: Path) -> None:
    result = query(ALL, "--store", store, "-f", "csv", "--limit", str(TRIPLES))
    assert result.exit_code == 0 and result.stderr == ""
    assert len(result.stdout_bytes.decode().splitlines()) == 1 + TRIPLES


class CountingOutput(io.RawIOBase):
    """Stands for stdout: keeps the bytes, counts the writes."""

    def __init__(self) -> None:
        self.data = bytearray()
        self.writes = 0

    def writable(self) -> bool:
        return True

    def write(self, b: bytes) -> int:  # type: ignore[override]
        self.data += b
        self.writes += 1
        return len(b)


def test_the_parent_holds_a_limited_answer_only(store: Path) -> None:
    """--limit on an answer of 8e9 rows: the rows written are the rows asked for, the rest is never read."""
    out = CountingOutput()
    run = run_query(CROSS, out, fmt="tsv", location=str(store), timeout=60, limit=3 * BATCH_ROWS + 7)
    assert run.rows == 3 * BATCH_ROWS + 7 and run.cut is not None and run.status == 1
    assert out.data.decode().count("\n") == 1 + 3 * BATCH_ROWS + 7
    assert out.writes > 3  # header and batches as they came, not one write at the end


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "xml"])
def test_streamed_answer_equals_the_whole_answer(store: Path, fmt: str) -> None:
    """Written in batches (2,000 rows: more than one batch and more than the table holds), every format gives
    the bytes the answer written whole gives."""
    assert TRIPLES > BATCH_ROWS and TRIPLES > TABLE_ROWS
    with EmbeddedStore(store, read_only=True) as whole:
        expected = write_result(whole.query(ALL), fmt)
    result = query(ALL, "--store", store, "-f", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.decode() == expected
    ask = query("ASK { ?s <urn:x:p> ?o }", "--store", store, "-f", fmt)
    with EmbeddedStore(store, read_only=True) as whole:
        assert ask.stdout == write_result(whole.query("ASK { ?s <urn:x:p> ?o }"), fmt)


def rdfbib(*args: str | Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "rdfbib", *(str(a) for a in args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize(("sig", "status", "word"), [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")])
def test_ctrl_c_and_sigterm_stop_the_query(store: Path, sig: int, status: int, word: str) -> None:
    process = rdfbib("query", CROSS, "--store", store, "-f", "tsv", "--timeout", "120")
    try:
        assert process.stdout is not None
        header = process.stdout.readline()
        # Rows come while the query runs: an answer of 8e9 rows is streamed, not collected first.
        assert header.startswith(b"?a\t") and process.stdout.readline().count(b"\t") == 8
        child = sorted(started(process.pid))
        assert len(child) == 1  # the query process
        process.send_signal(sig)
        out, err = process.communicate(timeout=60)  # bounds a hang only
    finally:
        process.kill()
    assert process.returncode == status
    lines = err.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"rdfbib: {store}: {word}: the answer is cut after ")
    with pytest.raises(ProcessLookupError):
        os.kill(child[0], 0)  # killed and reaped


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_the_query_process_is_forked_from_a_one_thread_parent(store: Path) -> None:
    """`rdfbib query` runs one thread, so its query process is forked (a copy of it: no Python started anew)."""
    process = rdfbib("query", CROSS, "--store", store, "-f", "tsv", "--timeout", "120")
    try:
        assert process.stdout is not None and process.stdout.readline().startswith(b"?a\t")
        child = sorted(started(process.pid))
        assert len(child) == 1
        assert Path(f"/proc/{child[0]}/cmdline").read_bytes() == Path(f"/proc/{process.pid}/cmdline").read_bytes()
    finally:
        process.kill()
        process.wait(60)


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_a_parent_with_threads_spawns_the_query_process(store: Path) -> None:
    """Forking a process where other threads run could copy a lock one of them holds: such a parent spawns."""
    seen: set[bytes] = set()
    done = threading.Event()

    def watch() -> None:  # another thread of this process, looking at the query process while it runs
        while not done.is_set():
            for pid in started(os.getpid()):
                try:
                    seen.add(Path(f"/proc/{pid}/cmdline").read_bytes())
                except OSError:
                    continue  # ended meanwhile
            done.wait(0.01)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        run = run_query(COUNT_CROSS, io.BytesIO(), fmt="tsv", location=str(store), timeout=3)
    finally:
        done.set()
        watcher.join()
    assert run.cut is not None  # stopped at the deadline, which left the watcher time to see it
    assert any(b"spawn_main" in cmdline for cmdline in seen)  # a forked one would keep this process's command line


def opened(pid: int, folder: Path) -> bool:
    """Whether process ``pid`` has a file of ``folder`` open."""
    links = []
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            links.append(os.readlink(fd))
        except OSError:
            continue  # closed meanwhile
    return any(link.startswith(str(folder)) for link in links)


def test_killed_parent_takes_the_query_process_with_it(store: Path) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("the parent-death signal is Linux's")
    process = rdfbib("query", COUNT_CROSS, "--store", store, "--timeout", "600")
    try:
        child: list[int] = []

        def querying() -> bool:  # the child runs the query once it opened the store
            assert process.poll() is None
            child[:] = sorted(started(process.pid))
            return bool(child) and opened(child[0], store)

        wait_until(querying, "running the query")
        process.kill()
        process.wait(60)
        wait_until(lambda: not alive(child[0]), "rid of the query process (it outlived its parent)")
    finally:
        process.kill()
        for pid in filter(alive, child):  # a failed run must not leave it behind
            os.kill(pid, signal.SIGKILL)


# -- SERVICE -------------------------------------------------------------------------------------------------


class Recorder(BaseHTTPRequestHandler):
    """Answers every request 500 and records it (the class attribute is reset by each test)."""

    requests: list[str] = []

    def _answer(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        Recorder.requests.append(f"{self.command} {self.path}")
        self.send_response(500)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def recorder() -> object:
    Recorder.requests = []
    with serving(Recorder) as port:
        yield port


def test_service_is_refused_and_sends_nothing(store: Path, recorder: int) -> None:
    service = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{recorder}/sparql> {{ ?s ?p ?o }} }}"
    for text in (service, f"SELECT * WHERE {{ ?x ?y ?z OPTIONAL {{ SERVICE SILENT ?x {{ ?s ?p ?o }} }} }}"):
        result = query(text, "--store", store)
        assert result.exit_code == 1
        assert result.stderr == "rdfbib: the query has a SERVICE clause, which makes the store send HTTP requests: refused without --allow-service\n"
    endpoint = query(service, "--endpoint", f"http://127.0.0.1:{recorder}/query")
    assert endpoint.exit_code == 1 and "refused without --allow-service" in endpoint.stderr
    assert Recorder.requests == []


def test_service_in_strings_comments_and_iris_is_no_clause(store: Path) -> None:
    text = 'SELECT ?s WHERE { ?s <urn:x:SERVICE> ?o FILTER (?o != "SERVICE <http://127.0.0.1:1/> { }") } # SERVICE <http://x/> { }\nLIMIT 1'
    result = query(text, "--store", store, "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.decode() == "s\r\n"


def test_a_query_the_check_cannot_read_is_refused_unless_allowed(store: Path) -> None:
    """rdflib's parser does not read RDF 1.2 triple terms, which pyoxigraph does: refused, with the way out."""
    text = 'SELECT ?x WHERE { BIND (<<( <urn:a> <urn:b> "c" )>> AS ?x) }'
    refused = query(text, "--store", store)
    assert refused.exit_code == 1 and len(refused.stderr.splitlines()) == 1
    assert refused.stderr.startswith("rdfbib: the query cannot be checked for SERVICE clauses (rdflib's SPARQL parser: ")
    assert refused.stderr.endswith("): fix it, or run it unchecked with --allow-service\n")
    allowed = query(text, "--store", store, "--allow-service", "-f", "tsv")
    assert allowed.exit_code == 0 and allowed.stdout == '?x\n<<( <urn:a> <urn:b> "c" )>>\n'


def test_allowed_service_failing_is_one_line(store: Path, recorder: int) -> None:
    result = query(f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{recorder}/sparql> {{ ?s ?p ?o }} }}", "--store", store, "--allow-service")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"rdfbib: {store}: query failed: ") and "500" in lines[0]
    assert Recorder.requests == ["POST /sparql"]


def test_allowed_silent_service_is_bounded_by_the_timeout(store: Path) -> None:
    with silent() as server:
        result = query(f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{server.port}/sparql> {{ ?s ?p ?o }} }}", "--store", store, "--allow-service", "--timeout", "2")
        assert result.exit_code == 1
        assert result.stderr == f"rdfbib: {store}: no complete answer within --timeout 2 s: the answer is cut after 0 rows\n"
        assert len(server.requests) == 1


# -- a server's answer -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, store: Path) -> object:
    """A real Oxigraph server holding the same 2,000 triples."""
    from .servers import oxigraph

    folder = tmp_path_factory.mktemp("server")
    with oxigraph(folder / "data") as running:
        data = store.parent / "data.nt"
        result = CliRunner().invoke(main, ["load", str(data), "--endpoint", running.endpoint], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        yield running


def test_a_server_answer_is_streamed_and_cut(server: object) -> None:
    endpoint = server.endpoint  # type: ignore[attr-defined]
    limited = query(CROSS, "--endpoint", endpoint, "-f", "tsv", "--limit", "7")
    assert limited.exit_code == 1 and len(limited.stdout.splitlines()) == 1 + 7
    assert limited.stderr == f"rdfbib: {endpoint}: the answer is cut at --limit 7 rows: it has more\n"
    late = query(CROSS, "--endpoint", endpoint, "-f", "tsv", "--timeout", "2")
    rows = late.stdout.splitlines()[1:]
    assert late.exit_code == 1 and len(rows) < TRIPLES**3
    assert late.stderr.startswith(f"rdfbib: {endpoint}: ") and late.stderr.endswith(f"the answer is cut after {len(rows)} rows\n")


def test_streamed_server_answer_equals_the_whole_answer(server: object) -> None:
    endpoint = server.endpoint  # type: ignore[attr-defined]
    for fmt in ("table", "csv", "json"):
        with RemoteStore(endpoint) as remote:
            expected = write_result(remote.query(ALL), fmt)
        result = query(ALL, "--endpoint", endpoint, "-f", fmt)
        assert result.exit_code == 0 and result.stdout_bytes.decode() == expected


def test_a_silent_server_is_one_line(store: Path) -> None:
    with silent() as quiet:
        result = query(ALL, "--endpoint", quiet.endpoint, "--timeout", "1", "--retries", "0")
    assert result.exit_code == 1
    assert result.stderr == f"rdfbib: {quiet.endpoint}: POST {quiet.endpoint}: no answer within 1 s after 1 attempts (query)\n"
    assert len(quiet.requests) == 1
