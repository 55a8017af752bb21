"""A batch of 1,000 pages, 10 % of them corrupted, as a user converting a scraped folder has: every good
page converts, every bad one is reported with its reason, and the command exits 1.

Built in a temporary folder from the fixtures: 900 copies of good pages (round robin over every
reader's fixtures) and 100 corrupted ones in four classes, 25 each:

- empty: zero bytes, or only whitespace;
- binary: the page gzip-compressed (what a saved ``Content-Encoding: gzip`` response holds);
- wrong encoding: the page encoded as EBCDIC (cp500: not UTF-8, and undefined in Windows-1252)
  or as UTF-16 without a byte-order mark (NUL bytes: read as binary);
- truncated: only the first 64 bytes (the download stopped before any work).
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from rdfbib.cli import main
from rdfbib.errors import DecodeError, ReaderError, SourceError, UnsupportedPageError
from rdfbib.mapping import Mapper
from rdfbib.pipeline import convert_batch, extract
from rdfbib.report import ReportWriter

from .conftest import fixture_id, fixture_pages

TOTAL = 1000
EVERY = 10  # one page in ten is corrupted
#: Fixtures whose first 64 bytes still hold a title-like line: cut there, they are no failed page.
STILL_READ_WHEN_CUT = {"ideas-text/old-2009"}
#: What each corruption is reported as.
EXPECTED = {
    "empty": (SourceError,),
    "binary": (SourceError,),
    "ebcdic": (DecodeError,),
    "utf16": (SourceError,),
    "truncated": (ReaderError, UnsupportedPageError),
}


@dataclass(frozen=True)
class Case:
    path: Path
    origin: Path
    corruption: str | None  # None: a good page


def _corrupt(kind: str, data: bytes, n: int) -> bytes:
    if kind == "empty":
        return b"" if n % 2 else b" \n\t\r\n "
    if kind == "binary":
        return gzip.compress(data, mtime=0)
    if kind == "ebcdic":
        return data.decode("utf-8").encode("cp500", "replace")
    if kind == "utf16":  # a UTF-8 BOM would become a UTF-16 one: no BOM is the corruption
        return data.decode("utf-8-sig").encode("utf-16-le")
    return data[:64]


def file_of(source: str) -> str:
    """The file a result came from: a ReDIF record or error also names its template's line (``file:12``)."""
    return re.sub(r":\d+$", "", source)


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> list[Case]:
    folder = tmp_path_factory.mktemp("batch")
    pages = fixture_pages()
    cuttable = [p for p in pages if fixture_id(p) not in STILL_READ_WHEN_CUT]
    kinds = ["empty", "binary", "ebcdic", "utf16", "truncated"]
    cases = []
    for n in range(TOTAL):
        bad = n % EVERY == EVERY - 1
        kind = kinds[(n // EVERY) % len(kinds)] if bad else None
        origin = (cuttable if kind == "truncated" else pages)[n % (len(cuttable) if kind == "truncated" else len(pages))]
        path = folder / f"page-{n:04d}{origin.suffix}"
        data = origin.read_bytes()
        path.write_bytes(_corrupt(kind, data, n) if kind else data)
        cases.append(Case(path, origin, kind))
    return cases


def test_the_batch_is_what_it_says(batch: list[Case]) -> None:
    bad = [c for c in batch if c.corruption]
    assert len(batch) == TOTAL and len(bad) == TOTAL // EVERY
    assert {c.corruption for c in bad} == set(EXPECTED)
    assert {c.origin.parent.name for c in batch if not c.corruption} == {p.parent.name for p in fixture_pages()}


def test_library_and_report(batch: list[Case], tmp_path: Path) -> None:
    """convert_batch + ReportWriter: a record for every good page (the same as its fixture's), an error for every bad one."""
    reference = {c.origin: extract(c.origin) for c in batch if not c.corruption}
    report_path = tmp_path / "report.jsonl"
    with ReportWriter.open(report_path) as report:
        results = list(convert_batch(c.path for c in batch))
        for result in results:
            report.write(result)
    assert [file_of(r.source) for r in results] == [str(c.path) for c in batch]
    for case, result in zip(batch, results):
        if case.corruption:
            assert result.record is None and isinstance(result.error, EXPECTED[case.corruption]), (case, result.error)
            assert file_of(result.error.source) == str(case.path)
        else:
            assert result.error is None, (case, result.error)
            assert result.record.work == reference[case.origin].work
    lines = [json.loads(line) for line in report_path.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == TOTAL
    assert report.counts["failed"] == TOTAL // EVERY
    for case, line in zip(batch, lines):
        assert set(line) == {"source", "status", "reader", "triples", "warnings", "info", "error", "error_type"}
        assert file_of(line["source"]) == str(case.path)
        if case.corruption:
            assert line["status"] == "failed" and line["triples"] == 0 and line["error"]
            assert line["error_type"] in {e.__name__ for e in EXPECTED[case.corruption]}
        else:
            assert line["status"] in ("ok", "partial") and line["error"] is None
            assert line["reader"] == case.origin.parent.name and line["triples"] > 0
            assert (line["status"] == "partial") == bool(line["warnings"])


def test_cli(batch: list[Case], tmp_path: Path) -> None:
    """``rdfbib convert FOLDER``: output for every good page, one stderr line per bad page, exit 1."""
    import pyoxigraph as ox

    out = tmp_path / "out.nq"
    result = CliRunner().invoke(main, ["convert", "-q", "-f", "nq", "-o", str(out), str(batch[0].path.parent)])
    assert result.exit_code == 1, result.output
    failed = {file_of(line.split(": ", 2)[1]) for line in result.stderr.splitlines() if line.startswith("rdfbib: ")}
    assert failed == {str(c.path) for c in batch if c.corruption}
    graphs = {q.graph_name.value for q in ox.parse(out.read_bytes(), format=ox.RdfFormat.N_QUADS)}
    mapper = Mapper()
    expected = {str(mapper.graph_iri(extract(origin))) for origin in {c.origin for c in batch if not c.corruption}}
    assert graphs == expected  # every good page's record graph (copies of one fixture share theirs)


def test_cli_report_option(batch: list[Case], tmp_path: Path) -> None:
    """``convert --report FILE`` writes one JSON line per source (a removed option fails this test)."""
    report = tmp_path / "report.jsonl"
    result = CliRunner().invoke(main, ["convert", "-q", "-f", "nq", "-o", str(tmp_path / "out.nq"), "--report", str(report), str(batch[0].path.parent)])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == TOTAL
    assert {file_of(line["source"]) for line in lines if line["status"] == "failed"} == {str(c.path) for c in batch if c.corruption}


def test_report_from_batch_outcomes(batch: list[Case]) -> None:
    """What ``convert`` iterates (rdfbib.batch outcomes) gives the same report lines as convert_batch's results."""
    import io

    from rdfbib.batch import Job, run
    from rdfbib.report import entry

    out = io.StringIO()
    writer = ReportWriter(out)
    sample = batch[:60]  # six bad pages, one of each kind and then some, and their neighbours
    for outcome in run([c.path for c in sample], Job("nq"), jobs=1):
        writer.write(outcome)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert lines == [entry(result) for result in convert_batch(c.path for c in sample)]
    assert writer.counts["failed"] == sum(1 for c in sample if c.corruption)


def test_jobs_keep_order_and_failures(batch: list[Case]) -> None:
    """Worker processes take sources in chunks (small pages in fours, a big one alone); outcomes still
    come back one per source, in order, with the same bytes and errors as in one process."""
    from rdfbib.batch import CHUNK_BYTES, Job, _chunks, run
    from rdfbib.pipeline import Raw

    big = Raw("big.txt", batch[0].origin.read_bytes() + b"\n" * CHUNK_BYTES)
    sources = [c.path for c in batch[:45]] + [big] + [c.path for c in batch[45:60]]
    chunks = list(_chunks(sources))
    assert [big] in chunks and max(len(chunk) for chunk in chunks) == 4
    assert [s for chunk in chunks for s in chunk] == sources

    def seen(jobs: int) -> list[tuple]:
        return [(o.source, o.error.message if o.error else None, [r.data for r in o.rendered]) for o in run(sources, Job("nq"), jobs=jobs)]

    one = seen(1)
    assert len(one) == len(sources) and sum(error is not None for _, error, _ in one) >= 6
    assert seen(2) == one


class _BrokenReader:
    """A reader with a bug: it raises what no reader means to raise, on every page it is given."""

    name = "test-broken"
    priority = -1000
    description = "raises ZeroDivisionError (tests only)"

    def matches(self, page) -> bool:  # type: ignore[no-untyped-def]
        return False

    def read(self, page):  # type: ignore[no-untyped-def]
        return 1 / 0


@pytest.fixture
def broken_reader(monkeypatch: pytest.MonkeyPatch) -> str:
    from rdfbib import readers

    readers.all_readers()
    monkeypatch.setitem(readers._REGISTRY, _BrokenReader.name, _BrokenReader())
    return _BrokenReader.name


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_bug_on_one_page_does_not_stop_the_batch(batch: list[Case], broken_reader: str, jobs: int) -> None:
    """An unexpected exception fails its source with an InternalError naming it; the other sources convert."""
    from rdfbib.batch import Job, run
    from rdfbib.errors import InternalError

    good = [c.path for c in batch if not c.corruption][:3]
    results = list(convert_batch(good, reader=broken_reader))
    assert [r.source for r in results] == [str(p) for p in good]
    assert all(isinstance(r.error, InternalError) and "ZeroDivisionError" in r.error.message for r in results)
    outcomes = list(run(good, Job("nq", reader=broken_reader), jobs=jobs))
    assert [o.source for o in outcomes] == [str(p) for p in good]
    assert all(isinstance(o.error, InternalError) and "please report it" in str(o.error) for o in outcomes)
    assert [o.ok for o in run(good, Job("nq"), jobs=jobs)] == [True, True, True]
