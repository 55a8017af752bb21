"""The one boundary (rdfbib.pipeline.convert_source) and its one outcome type, rdfbib.Result.

Every path that converts sources goes through it: convert_batch, rdfbib.batch (one process or
workers), rdfbib.sources, the crawl, and `rdfbib load`. A reader of many records per file
(``read_all``, docs: /work/notes/contract.md) gives one Result per record or failed part, in order.
The reader below is a real one, registered for these tests and removed afterwards.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import rdfbib
from rdfbib import readers
from rdfbib.batch import Job, run
from rdfbib.cli import main
from rdfbib.errors import InternalError, RdfbibError, ReaderError
from rdfbib.model import Record, Work
from rdfbib.page import Page
from rdfbib.pipeline import Result, convert_batch
from rdfbib.sources import Remote, results

from .conftest import EXAMPLES
from .site import Site, small_site

SEED = EXAMPLES / "seed-ideas-nature17038.txt"
IDEAS = "https://ideas.repec.org"


class ManyReader:
    """Records in a text file, one per block: ``MANY`` on the first line, then blocks separated by blank
    lines, each ``handle: RePEc:...`` and ``title: ...``; a block without a title is a failed part
    (named by its line), a block ``crash`` is a bug that ends the file."""

    name = "test-many"
    priority = -1000
    description = "several records in one text file (tests only)"

    def matches(self, page: Page) -> bool:
        return page.text.startswith("MANY\n")

    def read(self, page: Page) -> Record:
        for item in self.read_all(page):
            if isinstance(item, Record):
                return item
        raise ReaderError("no record in the file", source=page.source, reader=self.name)

    def read_all(self, page: Page) -> Iterator[Record | RdfbibError]:
        line = 2
        for block in page.text.split("\n", 1)[1].split("\n\n"):
            fields = dict(part.split(": ", 1) for part in block.strip().splitlines() if ": " in part)
            if block.strip() == "crash":
                raise ZeroDivisionError("a bug in the reader")
            if "title" in fields:
                yield Record(Work(kind="paper", title=fields["title"], handle=fields.get("handle")), self.name, page.source)
            else:
                yield ReaderError("a template without a title", source=f"{page.source}:{line}", reader=self.name)
            line += block.count("\n") + 2


MANY = "MANY\nhandle: RePEc:zzz:many:1\ntitle: First\n\nhandle: RePEc:zzz:many:2\n\nhandle: RePEc:zzz:many:3\ntitle: Third\n"


@pytest.fixture
def many(tmp_path: Path) -> Iterator[Path]:
    readers.all_readers()
    readers.register(ManyReader)
    path = tmp_path / "many.txt"
    path.write_text(MANY, encoding="utf-8")
    try:
        yield path
    finally:
        del readers._REGISTRY[ManyReader.name]


def summary(results: list[Result]) -> list[tuple[str, str | None]]:
    return [(r.source, r.error.message if r.error else None) for r in results]


def test_one_result_per_record_or_failed_part_in_order(many: Path) -> None:
    expected = [(str(many), None), (f"{many}:5", "a template without a title"), (str(many), None)]
    assert summary(list(convert_batch([many]))) == expected
    for jobs in (1, 2):
        assert summary(list(run([SEED, many], Job("nq"), jobs=jobs)))[1:] == expected
    titles = [r.record.work.title for r in convert_batch([many]) if r.record]
    assert titles == ["First", "Third"]


def test_a_bug_mid_file_keeps_the_records_before_it(many: Path) -> None:
    many.write_text(MANY + "\ncrash\n\ntitle: never read\n", encoding="utf-8")
    outcome = list(convert_batch([many]))
    assert [r.ok for r in outcome] == [True, False, True, False]
    assert isinstance(outcome[-1].error, InternalError) and "ZeroDivisionError" in outcome[-1].error.message


def test_cli_counts_records_and_failed_parts(many: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.jsonl"
    result = CliRunner().invoke(main, ["convert", str(many), str(SEED), "-f", "nq", "--report", str(report), "-q"])
    assert result.exit_code == 1
    assert result.stderr == f"rdfbib: {many}:5: a template without a title\n"
    graphs = {line.rsplit(" ", 2)[-2] for line in result.stdout.splitlines()}
    assert graphs == {"<urn:rdfbib:record/test-many/repec/zzz/many/1>", "<urn:rdfbib:record/test-many/repec/zzz/many/3>",
                      "<urn:rdfbib:record/ideas-text/repec/nat/nature/v529y2016i7586d10.1038_nature17038>"}
    lines = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert [(line["source"], line["status"]) for line in lines] == [(str(many), "ok"), (f"{many}:5", "failed"), (str(many), "ok"), (str(SEED), "ok")]
    loaded = CliRunner().invoke(main, ["load", str(many), "--store", str(tmp_path / "store"), "-q"])
    assert loaded.exit_code == 1 and "loaded 2, failed 1," in loaded.stderr


def test_every_batch_path_gives_results(many: Path) -> None:
    """One outcome type: the library batch, the CLI batch (in workers too), the sources and the crawl."""
    assert all(type(r) is Result for r in convert_batch([many, SEED, "missing.txt"]))
    assert all(type(r) is Result for jobs in (1, 2) for r in run([many, SEED, Path("missing.txt")], Job("nq"), jobs=jobs))
    assert all(type(r) is Result for r in results([many, SEED, Path("missing.txt")]))
    assert rdfbib.Result is Result


class BrokenReader:
    """A reader with a bug: it matches nothing and raises what no reader means to raise."""

    name = "test-broken-boundary"
    priority = -1000
    description = "raises ZeroDivisionError (tests only)"

    def matches(self, page: Page) -> bool:
        return False

    def read(self, page: Page) -> Record:
        raise ZeroDivisionError("a bug in the reader")


@pytest.fixture
def broken() -> Iterator[str]:
    readers.all_readers()
    readers.register(BrokenReader)
    try:
        yield BrokenReader.name
    finally:
        del readers._REGISTRY[BrokenReader.name]


def test_a_reader_bug_fails_the_page_in_a_crawl_and_the_crawl_goes_on(broken: str, tmp_path: Path) -> None:
    """The crawl and URL sources used to catch rdfbib's own errors only: a bug aborted the crawl and
    left the page queued, so every resumed crawl crashed on it again."""
    from rdfbib.crawl import CrawlState, crawl
    from rdfbib.fetch import Fetcher

    site = Site(small_site()).start()
    try:
        with Fetcher(interval=0, cache=False, mirrors={IDEAS: site.origin}) as fetcher, CrawlState(tmp_path / "s.sqlite") as state:
            seen: list[Result] = []
            report = crawl([f"{IDEAS}/p/zzz/wpaper/01.html"], lambda r, d: seen.append(r), fetcher=fetcher, state=state, reader=broken)
            assert report.failed == 1 and state.counts() == {"queued": 0, "done": 0, "failed": 1}
            assert isinstance(seen[0].error, InternalError) and "ZeroDivisionError" in seen[0].error.message
            from_url = list(results([Remote(site.url("/p/zzz/wpaper/02.html"))], fetcher=fetcher, reader=broken))
            assert len(from_url) == 1 and isinstance(from_url[0].error, InternalError)
    finally:
        site.stop()


def test_convert_batch_says_it_is_one_shot() -> None:
    assert "once" in (convert_batch.__doc__ or "")
    batch = convert_batch([SEED])
    assert len(list(batch)) == 1 and list(batch) == []
