"""A load into a server that fails every record stops after --max-failures records in a row (issue 12).

Real local servers: one that takes each request and never answers, one that answers 500. Each source is a
small N-Triples file (one graph, one request); the servers count the requests that reached them.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from rdfbib.cli import main
from rdfbib.store import GraphData, RemoteStore, load

from .conftest import EXAMPLES
from .servers import refusing, silent


def sources(folder: Path, n: int) -> list[Path]:
    folder.mkdir()
    files = []
    for i in range(n):
        path = folder / f"f{i:02d}.nt"
        path.write_text(f'<urn:x:s{i}> <urn:x:p> "{i}" .\n', encoding="utf-8")
        files.append(path)
    return files


def load_into(endpoint: str, files: list[Path], *options: str) -> object:
    args = ["load", *(str(f) for f in files), "--endpoint", endpoint, "--retries", "0", *options]
    return CliRunner().invoke(main, args, catch_exceptions=False)


def check_stopped(result: object, endpoint: str, files: list[Path], tried: int) -> None:
    lines = result.stderr.splitlines()  # type: ignore[attr-defined]
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert [line.split(": ", 2)[1] for line in lines[:tried]] == [str(f) for f in files[:tried]]
    assert lines[tried] == f"rdfbib: {endpoint}: stopped: {tried} records in a row failed (--max-failures {tried})"
    assert lines[tried + 1 : -1] == [f"rdfbib: {f}: not loaded: the load stopped (see above)" for f in files[tried:]]
    assert lines[-1] == f"rdfbib: loaded 0, failed {tried}, triples 0, {len(files) - tried} sources not attempted ({endpoint})"


def test_a_server_that_never_answers_stops_the_load(tmp_path: Path) -> None:
    files = sources(tmp_path / "in", 8)
    with silent() as server:
        result = load_into(server.endpoint, files, "--timeout", "0.5")
        assert len(server.requests) == 5  # one PUT per record tried, each waiting --timeout
    check_stopped(result, server.endpoint, files, 5)
    assert "no answer within 0.5 s" in result.stderr


def test_a_server_that_answers_500_stops_the_load(tmp_path: Path) -> None:
    files = sources(tmp_path / "in", 8)
    with refusing() as server:
        server.status = 500
        result = load_into(server.endpoint, files, "--max-failures", "3")
        assert [method for method, _, _ in server.requests] == ["PUT"] * 3
    check_stopped(result, server.endpoint, files, 3)


def test_failures_must_come_in_a_row(tmp_path: Path) -> None:
    """A record the server takes starts the count again; 0 never stops."""
    files = sources(tmp_path / "in", 12)
    with refusing() as server:
        server.statuses = [500] * 4 + [204, 204]  # a record is two requests: PUT into a temporary graph, the swap
        server.status = 500
        result = load_into(server.endpoint, files)
        assert [m for m, _, _ in server.requests] == ["PUT"] * 4 + ["PUT", "POST"] + ["PUT"] * 5, server.requests
    assert "stopped: 5 records in a row failed" in result.stderr and "2 sources not attempted" in result.stderr
    with refusing() as server:
        server.status = 500
        result = load_into(server.endpoint, files, "--max-failures", "0")
        assert len(server.requests) == 12
    assert result.exit_code == 1 and result.stderr.splitlines()[-1].startswith("rdfbib: loaded 0, failed 12, triples 0 (")


def test_library_load_stops_after_max_failures() -> None:
    graphs = [GraphData(f"urn:x:g{i}", [f'<urn:x:s> <urn:x:p> "{i}" .'], f"source{i}") for i in range(6)]
    with refusing() as server:
        server.status = 500
        with RemoteStore(server.endpoint, retries=0) as store:
            report = load(store, iter(graphs), max_failures=2)
        assert len(server.requests) == 2
    assert report.failed == 2 and report.stopped is not None and "2 records in a row failed" in report.stopped.message


def test_pages_converted_by_two_jobs_stop_with_the_sources_not_attempted_counted(tmp_path: Path) -> None:
    """With --jobs 2, pages are converted ahead of the writes (in worker processes): when the load stops, the
    pages converted but not written are not attempted as much as those never converted, and all are listed."""
    pages = tmp_path / "pages"
    pages.mkdir()
    text = (EXAMPLES / "seed-ideas-nature17038.txt").read_text(encoding="utf-8")
    files = []
    for i in range(12):
        files.append(pages / f"p{i:02d}.txt")
        files[-1].write_text(text.replace("nature17038", f"nature9{i:03d}"), encoding="utf-8")
    with refusing() as server:
        server.status = 500
        result = load_into(server.endpoint, [pages], "--max-failures", "3", "--jobs", "2", "-q")
        assert [method for method, _, _ in server.requests] == ["PUT"] * 3
    check_stopped(result, server.endpoint, files, 3)
