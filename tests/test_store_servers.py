"""Loading into real SPARQL servers started by the fixtures in tests/servers.py (127.0.0.1, free ports).

Oxigraph server: both protocols, idempotent reload, chunked updates, the example queries, a server
stopped mid-batch, failed replacements that leave the old graph. A local HTTP server that refuses
(401/403/413/503). Virtuoso 7: both protocols, idempotency, the example queries, credentials.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from rdfbib import extract
from rdfbib.errors import StoreError
from rdfbib.store import (
    GraphData,
    RemoteStore,
    StoreUnavailable,
    count,
    load,
    load_files,
    load_records,
    open_store,
)

from . import servers
from .servers import OxigraphServer, RefusingServer, Virtuoso, start_oxigraph
from .test_store import PROVENANCE, QUERIES, SEED, provenance_files, run, variants

# Record graphs: not the union graph Virtuoso keeps, nor a temporary graph a replacement fills.
OURS = 'FILTER(STRSTARTS(STR(?g), "urn:rdfbib:") && ?g != <urn:rdfbib:union> && !STRSTARTS(STR(?g), "urn:rdfbib:tmp:"))'
TRIPLES = f"GRAPH ?g {{ ?s ?p ?o }} {OURS}"
GRAPHS = f"SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {OURS} }}"
TEMPORARY = 'SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "urn:rdfbib:tmp:")) }'


@pytest.fixture
def oxigraph_server(tmp_path: Path) -> Iterator[OxigraphServer]:
    with servers.oxigraph(tmp_path / "oxigraph") as server:
        yield server


@pytest.fixture
def refusing_server() -> Iterator[RefusingServer]:
    with servers.refusing() as server:
        yield server


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    with servers.virtuoso(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server


def snapshot(store: RemoteStore) -> set[str]:
    result = store.query(f"SELECT ?g ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {OURS} }}")
    return {" ".join(str(t) for t in row) for row in result.rows}


def graph_count(store: RemoteStore) -> int:
    return int(store.query(GRAPHS).rows[0][0].value)


def embedded_triples(tmp_path: Path, pages: list[Path]) -> int:
    """How many triples the embedded store holds for these pages: what every server must hold too."""
    with open_store(tmp_path / "reference") as store:
        return load_records(store, [extract(p) for p in pages]).triples


# -- Oxigraph server --------------------------------------------------------------------------------


@pytest.mark.parametrize("protocol", ["gsp", "update"])
def test_oxigraph_both_protocols_idempotent(runner: CliRunner, tmp_path: Path, oxigraph_server: OxigraphServer, protocol: str) -> None:
    pages = variants(tmp_path / "pages", 3)
    expected = embedded_triples(tmp_path, pages)
    args = ["load", *pages, "--endpoint", oxigraph_server.endpoint, "--protocol", protocol, "-q"]
    first = run(runner, *args)
    assert first.exit_code == 0, first.output
    assert f"loaded 3, failed 0, triples {expected}" in first.stderr
    with RemoteStore(oxigraph_server.endpoint) as store:
        before = snapshot(store)
        assert len(before) == expected and graph_count(store) == 3
        assert run(runner, *args).exit_code == 0
        assert snapshot(store) == before
        pages[0].write_text(pages[0].read_text(encoding="utf-8").replace("circulating tumour cells", "roving tumour cells"), encoding="utf-8")
        assert run(runner, *args).exit_code == 0
        titles = {r[0].value for r in store.query("SELECT ?t WHERE { ?w <http://purl.org/dc/terms/title> ?t FILTER(CONTAINS(?t, 'tumour cells')) }").rows}
        assert "Metastatic colonization by roving tumour cells" in titles
        assert "Metastatic colonization by circulating tumour cells" in titles  # the other two variants keep it
        assert graph_count(store) == 3 and count(store, TRIPLES) == expected


def test_oxigraph_chunked_update_equals_one_request(runner: CliRunner, tmp_path: Path, oxigraph_server: OxigraphServer) -> None:
    expected = embedded_triples(tmp_path, [SEED])
    result = run(runner, "load", SEED, "--endpoint", oxigraph_server.endpoint, "--protocol", "update", "--max-request-size", "4096", "-q")
    assert result.exit_code == 0, result.output
    with RemoteStore(oxigraph_server.endpoint) as store:
        chunked = snapshot(store)
        assert len(chunked) == expected and not store.query(TEMPORARY).rows
        assert run(runner, "load", SEED, "--endpoint", oxigraph_server.endpoint, "-q").exit_code == 0
        assert snapshot(store) == chunked


@pytest.mark.parametrize("protocol, size", [("gsp", None), ("update", None), ("update", 2048)])
def test_oxigraph_failed_replace_keeps_the_old_graph(oxigraph_server: OxigraphServer, protocol: str, size: int | None) -> None:
    options = {"max_request_size": size} if size else {}
    with RemoteStore(oxigraph_server.endpoint, protocol=protocol, retries=0, **options) as store:
        old = [f'<urn:s{i}> <urn:p> "old {i}" .' for i in range(100)]
        store.replace(GraphData("urn:rdfbib:record/x", old, "x"))
        before = snapshot(store)
        broken = [f'<urn:s{i}> <urn:p> "new {i}" .' for i in range(100)] + ["<urn:s> <urn:p> ."]
        with pytest.raises(StoreError, match=r"HTTP 400") as failure:
            store.replace(GraphData("urn:rdfbib:record/x", broken, "x"))
        assert failure.value.source == "x" and "127.0.0.1" in str(failure.value)
        assert snapshot(store) == before and not store.query(TEMPORARY).rows


def test_oxigraph_example_queries_match_the_embedded_store(runner: CliRunner, tmp_path: Path, oxigraph_server: OxigraphServer) -> None:
    assert run(runner, "load", SEED, "--endpoint", oxigraph_server.endpoint, "-q").exit_code == 0
    assert run(runner, "load", SEED, "--store", tmp_path / "store", "-q").exit_code == 0
    for path in QUERIES:
        served = run(runner, "query", f"@{path}", "--endpoint", oxigraph_server.endpoint, "-f", "json")
        local = run(runner, "query", f"@{path}", "--store", tmp_path / "store", "-f", "json")
        assert served.exit_code == 0, served.output
        assert json.loads(served.stdout)["results"]["bindings"], path.name
        assert json.loads(served.stdout) == json.loads(local.stdout), path.name
    ask = run(runner, "query", "ASK { ?s ?p ?o }", "--endpoint", oxigraph_server.endpoint)
    assert ask.stdout == "true\n"
    construct = run(runner, "query", "CONSTRUCT WHERE { ?s a <http://schema.org/Periodical> }", "--endpoint", oxigraph_server.endpoint)
    assert construct.exit_code == 0 and construct.stdout.count(" .\n") >= 1


def test_oxigraph_stopped_mid_batch_library(tmp_path: Path, oxigraph_server: OxigraphServer) -> None:
    graphs = [GraphData(f"urn:rdfbib:record/{i}", [f'<urn:s{i}> <urn:p> "v{i}" .'] * 1, f"src{i}") for i in range(5)]

    def feed() -> Iterator[GraphData]:
        for i, graph in enumerate(graphs):
            if i == 2:
                oxigraph_server.stop()
            yield graph

    with RemoteStore(oxigraph_server.endpoint, retries=1, backoff=0.05) as store:
        report = load(store, feed())
    assert (report.loaded, report.failed) == (2, 1)
    assert isinstance(report.stopped, StoreUnavailable) and report.stopped.source == "src2"
    assert "cannot connect" in report.stopped.message and f"127.0.0.1:{oxigraph_server.port}" in report.stopped.message
    restarted = start_oxigraph(oxigraph_server.location)
    try:
        with RemoteStore(restarted.endpoint) as store:
            assert snapshot(store) == {f'<urn:rdfbib:record/{i}> <urn:s{i}> <urn:p> "v{i}"' for i in range(2)}
    finally:
        restarted.stop()


def test_oxigraph_stopped_mid_batch_cli(tmp_path: Path, oxigraph_server: OxigraphServer) -> None:
    """The command blocks on a FIFO after two pages; the server is stopped before the FIFO gets its page."""
    pages = variants(tmp_path / "pages", 4)
    fifo = tmp_path / "late.txt"
    os.mkfifo(fifo)
    command = [sys.executable, "-m", "rdfbib", "load", pages[0], pages[1], fifo, pages[2], pages[3], "--endpoint", oxigraph_server.endpoint, "--retries", "1", "-q"]
    process = subprocess.Popen([str(c) for c in command], stderr=subprocess.PIPE, text=True)
    try:
        with RemoteStore(oxigraph_server.endpoint) as store:
            deadline = time.monotonic() + 60
            while graph_count(store) < 2 and time.monotonic() < deadline and process.poll() is None:
                time.sleep(0.05)
            loaded = snapshot(store)
        oxigraph_server.stop()
        feed_fifo(fifo, process, SEED.read_bytes().replace(b"nature17038", b"nature17039late"))
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 1
    assert f"rdfbib: {fifo}: PUT http://127.0.0.1:{oxigraph_server.port}/store: cannot connect after 2 attempts: connection refused" in stderr
    for page in pages[2:]:
        assert f"rdfbib: {page}: not loaded: the load stopped" in stderr
    assert "loaded 2, failed 1," in stderr and "2 sources not attempted" in stderr
    restarted = start_oxigraph(oxigraph_server.location)
    try:
        with RemoteStore(restarted.endpoint) as store:
            assert snapshot(store) == loaded and graph_count(store) == 2
    finally:
        restarted.stop()


def feed_fifo(fifo: Path, process: subprocess.Popen, data: bytes) -> None:
    """Write to the FIFO once the command opens it; never block on a command that already exited."""
    deadline = time.monotonic() + 60
    while True:
        try:
            descriptor = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)  # ENXIO until a reader has it open
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                return
            time.sleep(0.02)
    os.set_blocking(descriptor, True)
    with os.fdopen(descriptor, "wb") as out:
        out.write(data)


# -- a server that refuses ----------------------------------------------------------------------------


@pytest.mark.parametrize("status", [401, 403])
def test_refused_credentials_stop_the_load(runner: CliRunner, tmp_path: Path, refusing_server: RefusingServer, status: int) -> None:
    refusing_server.status = status
    pages = variants(tmp_path / "pages", 3)
    result = run(runner, "load", *pages, "--endpoint", refusing_server.endpoint, "--retries", "0", "-q")
    assert result.exit_code == 1
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"rdfbib: {pages[0]}: PUT http://127.0.0.1:{refusing_server.port}/store refused graph <urn:rdfbib:record/")
    assert f"HTTP {status}" in first and "refused with" in first
    assert f"rdfbib: {pages[2]}: not loaded" in result.stderr
    assert len(refusing_server.requests) == 1


def test_too_large_fails_each_record_and_goes_on(runner: CliRunner, tmp_path: Path, refusing_server: RefusingServer) -> None:
    refusing_server.status = 413
    pages = variants(tmp_path / "pages", 2)
    result = run(runner, "load", *pages, "--endpoint", refusing_server.endpoint, "--protocol", "update", "-q")
    assert result.exit_code == 1
    assert result.stderr.count("HTTP 413") == 2 and "--max-request-size" in result.stderr
    assert "loaded 0, failed 2, triples 0" in result.stderr
    assert [r[0] for r in refusing_server.requests] == ["POST", "POST"]
    assert refusing_server.requests[0][1] == "/update"


def test_server_errors_are_retried_with_backoff(refusing_server: RefusingServer) -> None:
    refusing_server.status = 503
    with RemoteStore(refusing_server.endpoint, retries=2, backoff=0.1) as store, pytest.raises(StoreError, match="HTTP 503") as failure:
        store.replace(GraphData("urn:g", ["<urn:s> <urn:p> <urn:o> ."], "src"))
    assert len(refusing_server.requests) == 3
    assert not isinstance(failure.value, StoreUnavailable)


def test_a_500_is_not_retried(refusing_server: RefusingServer) -> None:
    """The server failed on this request and would again (Virtuoso's refusals come as 500)."""
    refusing_server.status = 500
    with RemoteStore(refusing_server.endpoint, retries=3, backoff=0.1) as store, pytest.raises(StoreError, match="HTTP 500"):
        store.replace(GraphData("urn:g", ["<urn:s> <urn:p> <urn:o> ."], "src"))
    assert len(refusing_server.requests) == 1


def test_retry_after_as_an_http_date_is_honoured(refusing_server: RefusingServer) -> None:
    """urllib3's Retry reads Retry-After as seconds or as an HTTP date (a date in the past: at once),
    and waits no longer than MAX_RETRY_AFTER whatever the server asks."""
    from email.utils import formatdate

    from rdfbib.store.remote import MAX_RETRY_AFTER

    refusing_server.statuses = [503, 429]
    refusing_server.status = 204
    refusing_server.headers = {"Retry-After": formatdate(0, usegmt=True)}  # 1970: no wait
    with RemoteStore(refusing_server.endpoint, retries=2, backoff=100) as store:  # a backoff would take minutes
        store.replace(GraphData("urn:g", ["<urn:s> <urn:p> <urn:o> ."], "src"))
        later = formatdate(time.time() + 3600, usegmt=True)
        assert store.retry.parse_retry_after(later) == MAX_RETRY_AFTER
        assert store.retry.parse_retry_after("120") == MAX_RETRY_AFTER and store.retry.parse_retry_after("2") == 2
    assert [r[0] for r in refusing_server.requests] == ["PUT", "PUT", "PUT", "POST"]  # the PUT retried, then the swap


def test_credentials_are_sent(tmp_path: Path, refusing_server: RefusingServer, monkeypatch: pytest.MonkeyPatch) -> None:
    refusing_server.status = 403
    graph = GraphData("urn:g", ["<urn:s> <urn:p> <urn:o> ."], "src")
    with open_store(endpoint=refusing_server.endpoint, token="s3cret", retries=0) as store, pytest.raises(StoreUnavailable):
        store.replace(graph)
    monkeypatch.setenv("RDFBIB_USER", "alice")
    monkeypatch.setenv("RDFBIB_PASSWORD", "pw")
    with open_store(endpoint=refusing_server.endpoint, retries=0) as store, pytest.raises(StoreUnavailable):
        store.replace(graph)
    assert refusing_server.requests[0][2]["Authorization"] == "Bearer s3cret"
    assert refusing_server.requests[1][2]["Authorization"] == "Basic YWxpY2U6cHc="


def test_unreachable_endpoint_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    from .servers import free_port

    port = free_port()
    result = run(runner, "query", "ASK {}", "--endpoint", f"http://127.0.0.1:{port}/query", "--retries", "0")
    assert result.exit_code == 1
    assert result.stderr.strip() == f"rdfbib: http://127.0.0.1:{port}/query: POST http://127.0.0.1:{port}/query: cannot connect after 1 attempts: connection refused"


# -- Virtuoso 7 -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("protocol", ["gsp", "update"])
def test_virtuoso_both_protocols_idempotent(runner: CliRunner, tmp_path: Path, virtuoso: Virtuoso, protocol: str) -> None:
    pages = variants(tmp_path / "pages", 3)
    expected = embedded_triples(tmp_path, pages)
    args = ["load", *pages, "--endpoint", virtuoso.endpoint, "--protocol", protocol, "-q"]
    first = run(runner, *args)
    assert first.exit_code == 0, first.output
    with RemoteStore(virtuoso.endpoint) as store:
        before = snapshot(store)
        assert len(before) == expected and graph_count(store) == 3
        assert run(runner, *args).exit_code == 0
        assert snapshot(store) == before
        pages[1].write_text(pages[1].read_text(encoding="utf-8").replace("circulating tumour cells", "drifting tumour cells"), encoding="utf-8")
        assert run(runner, *args).exit_code == 0
        titles = {r[0].value for r in store.query("SELECT ?t WHERE { GRAPH ?g { ?w <http://purl.org/dc/terms/title> ?t } FILTER(CONTAINS(?t, 'tumour cells')) }").rows}
        assert "Metastatic colonization by drifting tumour cells" in titles
        assert graph_count(store) == 3 and count(store, TRIPLES) == expected
        assert not store.query(TEMPORARY).rows


def test_virtuoso_chunked_update(runner: CliRunner, tmp_path: Path, virtuoso: Virtuoso) -> None:
    assert run(runner, "load", SEED, "--endpoint", virtuoso.endpoint, "-q").exit_code == 0
    with RemoteStore(virtuoso.endpoint) as store:
        before = snapshot(store)
        result = run(runner, "load", SEED, "--endpoint", virtuoso.endpoint, "--protocol", "update", "--max-request-size", "8192", "-q")
        assert result.exit_code == 0, result.output
        assert snapshot(store) == before and not store.query(TEMPORARY).rows


def test_virtuoso_example_queries(runner: CliRunner, tmp_path: Path, virtuoso: Virtuoso) -> None:
    with RemoteStore(virtuoso.endpoint, protocol="update") as store, RemoteStore(virtuoso.endpoint) as gsp:
        # The variants other tests loaded share the seed's title: empty every graph (both protocols).
        for n, (graph,) in enumerate(store.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {OURS} }}").rows):
            (gsp if n % 2 else store).replace(GraphData(graph.value, [], "clear"))
        assert graph_count(store) == 0
    assert run(runner, "load", SEED, "--endpoint", virtuoso.endpoint, "-q").exit_code == 0
    assert run(runner, "load", SEED, "--store", tmp_path / "store", "-q").exit_code == 0
    for path in QUERIES:
        served = run(runner, "query", f"@{path}", "--endpoint", virtuoso.endpoint, "-f", "csv")
        local = run(runner, "query", f"@{path}", "--store", tmp_path / "store", "-f", "csv")
        assert served.exit_code == 0, served.output
        assert sorted(served.stdout.splitlines()) == sorted(local.stdout.splitlines()), path.name


def test_virtuoso_with_credentials(runner: CliRunner, tmp_path: Path, virtuoso: Virtuoso) -> None:
    """Virtuoso's -auth endpoints (HTTP Digest) with a user of its own, as the README sets it up, instead of anonymous updates."""
    virtuoso.isql("DB.DBA.USER_CREATE('loader', 'l0ader'); GRANT SPARQL_UPDATE TO \"loader\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET('loader', 7);")
    auth = f"http://127.0.0.1:{virtuoso.http_port}/sparql-auth"
    page = variants(tmp_path / "pages", 2)[1]
    for protocol in ("gsp", "update"):
        result = run(runner, "load", page, "--endpoint", auth, "--protocol", protocol, "--user", "loader", "--password", "l0ader", "-q")
        assert result.exit_code == 0, result.output
        assert "loaded 1, failed 0" in result.stderr
    wrong = run(runner, "load", page, "--endpoint", auth, "--user", "loader", "--password", "wrong", "--retries", "0", "-q")
    assert wrong.exit_code == 1 and "HTTP 401" in wrong.stderr and "sparql-graph-crud-auth" in wrong.stderr


@pytest.mark.parametrize("protocol", ["gsp", "update"])
def test_virtuoso_without_update_rights_stops_at_once(runner: CliRunner, tmp_path: Path, virtuoso: Virtuoso, protocol: str) -> None:
    """A user without SPARQL_UPDATE: Virtuoso answers 403 (Graph Store) or 500 "SECURITY" (update); no retries, the load stops."""
    virtuoso.isql(f"DB.DBA.USER_CREATE('reader{protocol}', 'r3ader');")
    auth = f"http://127.0.0.1:{virtuoso.http_port}/sparql-auth"
    pages = variants(tmp_path / "pages", 2)
    sent = []
    for retries in ("3", "0"):  # as many requests with retries as without: a refusal is not retried
        with servers.forwarding(virtuoso.http_port) as proxy:
            result = run(runner, "load", *pages, "--endpoint", proxy.url("/sparql-auth"), "--protocol", protocol, "--retries", retries,
                         "--user", f"reader{protocol}", "--password", "r3ader", "-q")
        assert result.exit_code == 1
        assert "grant update rights" in result.stderr and f"rdfbib: {pages[1]}: not loaded" in result.stderr
        sent.append(len(proxy.requests))
    assert sent[0] == sent[1] > 0


@pytest.mark.parametrize("protocol", ["gsp", "update"])
def test_oxigraph_provenance_graph_is_merged(tmp_path: Path, oxigraph_server: OxigraphServer, protocol: str) -> None:
    first, second = provenance_files(tmp_path)
    with RemoteStore(oxigraph_server.endpoint, protocol=protocol, max_request_size=4096) as store:
        assert load_files(store, [first, second]).failed == 0
        assert load_files(store, [first]).failed == 0
        assert len(store.query(PROVENANCE).rows) == 2


def test_virtuoso_provenance_graph_is_merged(tmp_path: Path, virtuoso: Virtuoso) -> None:
    first, second = provenance_files(tmp_path)
    with RemoteStore(virtuoso.endpoint) as store:
        assert load_files(store, [first, second]).failed == 0
        assert load_files(store, [first]).failed == 0
        assert len(store.query(PROVENANCE).rows) == 2


@pytest.mark.parametrize("protocol", ["gsp", "update"])
def test_virtuoso_takes_a_5000_triple_record_whole(virtuoso: Virtuoso, protocol: str) -> None:
    """Virtuoso refuses an INSERT DATA of about 1,400 triples and more (SP031): large records go in chunks
    through a temporary graph and one swap; the union follows; a changed record replaces the old whole."""
    iri = f"urn:rdfbib:record/big/{protocol}"
    names = f"?s <http://schema.org/name> ?o FILTER(STRSTARTS(STR(?s), 'urn:rdfbib:work/big/{protocol}/'))"
    lines = [f'<urn:rdfbib:work/big/{protocol}/{i}> <http://schema.org/name> "work {i}" .' for i in range(5000)]
    with RemoteStore(virtuoso.endpoint, protocol=protocol) as store:
        store.replace(GraphData(iri, lines, "big"))
        assert count(store, f"GRAPH <{iri}> {{ ?s ?p ?o }}") == 5000
        assert count(store, names) == 5000  # the union graph, which queries without GRAPH read
        store.replace(GraphData(iri, lines[2500:] + [line.replace('"work', '"changed work') for line in lines[:2000]], "big"))
        assert count(store, f"GRAPH <{iri}> {{ ?s ?p ?o }}") == 4500
        assert count(store, names) == 4500
        assert not store.query(TEMPORARY).rows


def test_virtuoso_validate_reads_every_triple(runner: CliRunner, tmp_path: Path, virtuoso: Virtuoso) -> None:
    """Virtuoso cuts answers at ResultSetMaxRows (10,000) and still says 200: validate reads the store in
    batches small enough to come whole, and refuses a verdict on a graph it can only read in part."""
    base = "urn:rdfbib:validated:"
    pages = variants(tmp_path / "pages", 30)
    assert run(runner, "load", *pages, "--endpoint", virtuoso.endpoint, "--base", base, "-q").exit_code == 0
    with RemoteStore(virtuoso.endpoint, base=base) as store:
        for n in range(12):  # 12,000 distinct triples more: more than one answer brings
            store.replace(GraphData(f"{base}record/part/{n}", [f'<{base}work/part/{n}/{i}> <http://schema.org/name> "part {i}" .' for i in range(1000)], "part"))
        held = count(store, f"SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), '{base}record/')) }}")
    result = run(runner, "validate", "--endpoint", virtuoso.endpoint, "--base", base, "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["triples"] >= held > 12_000  # batches read in halves may share triples (journals)
    big = f"{base}record/big/12000"
    with RemoteStore(virtuoso.endpoint, base=base) as store:
        store.replace(GraphData(big, [f'<{base}work/big/{i}> <http://schema.org/name> "work {i}" .' for i in range(12_000)], "big"))
    refused = run(runner, "validate", "--endpoint", virtuoso.endpoint, "--base", base)
    assert refused.exit_code == 1 and not refused.stdout
    assert f"the server answered 10001 of the 12000 triples of graph <{big}>" in refused.stderr and "ResultSetMaxRows" in refused.stderr
