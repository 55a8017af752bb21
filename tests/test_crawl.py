"""Crawling the synthetic IDEAS site of tests/site.py on a real server on 127.0.0.1.

The site's pages follow the live IDEAS layout (see tests/site.py); the server counts requests,
so "fetched once" and "never below the interval" are measured where the requests arrive.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

from rdfbib.crawl import CrawlState, crawl
from rdfbib.fetch import Fetcher
from rdfbib.formats import serialize
from rdfbib.mapping import Mapper
from rdfbib.model import Record
from rdfbib.pipeline import Result, add_record, new_dataset

from .site import SLOW_SECONDS, Item, Site, fault_items, small_site

IDEAS = "https://ideas.repec.org"
CITES = "<http://purl.org/spar/cito/cites>"
WORK = "urn:rdfbib:work/repec/"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def site() -> Iterator[Site]:
    server = Site(small_site()).start()
    yield server
    server.stop()


def fetcher(site: Site, **options: object) -> Fetcher:
    settings: dict[str, object] = {"interval": 0.0, "cache": False, "mirrors": {IDEAS: site.origin}, "tries": 2, "backoff": 0.05}
    settings.update(options)
    return Fetcher(**settings)  # type: ignore[arg-type]


class Emitted(NamedTuple):
    """What a crawl emitted: a record (or failure) and the depth of its page."""

    result: Result
    depth: int

    @property
    def record(self) -> Record | None:
        return self.result.record

    @property
    def error(self) -> object:
        return self.result.error


def run(site: Site, seed: str = "wpaper/01", *, state: CrawlState | None = None, **options: object) -> list[Emitted]:
    """Crawl from one seed of the site; what it emitted, in order."""
    fetch_options = {k: options.pop(k) for k in ("interval", "cache", "timeout", "max_bytes") if k in options}
    outcomes: list[Emitted] = []
    own = state is None
    state = state or CrawlState()
    try:
        with fetcher(site, **fetch_options) as f:
            crawl([site.url(f"/p/zzz/{seed}.html")], lambda r, d: outcomes.append(Emitted(r, d)), fetcher=f, state=state, **options)  # type: ignore[arg-type]
    finally:
        if own:
            state.close()
    return outcomes


def quads(outcomes: list[Emitted]) -> set[str]:
    """The N-Quads lines of every record (the graph a crawl writes)."""
    mapper = Mapper()
    lines: set[str] = set()
    for outcome in outcomes:
        if outcome.record is not None:
            dataset = new_dataset()
            add_record(dataset, outcome.record, mapper)
            lines.update(serialize(dataset, "nq").decode().splitlines())
    return lines


def cites(lines: set[str]) -> set[tuple[str, str]]:
    """(citing, cited) item numbers of every cito:cites quad between RePEc works."""
    pairs = set()
    for line in lines:
        s, p, o = line.split(" ", 3)[:3]
        if p == CITES and s.startswith(f"<{WORK}") and o.startswith(f"<{WORK}"):
            pairs.add((s.strip("<>").rsplit("/", 1)[-1], o.strip("<>").rsplit("/", 1)[-1]))
    return pairs


def test_depth_2_fetches_the_right_pages_once_and_the_graph_is_complete(site: Site) -> None:
    outcomes = run(site, depth=2)
    fetched = {"01", "02", "03", "04", "05", "06", "07", "08"}
    counts = site.counts()
    assert {path for path in counts if path != "/robots.txt"} == {f"/p/zzz/wpaper/{n}.html" for n in fetched}
    assert set(counts.values()) == {1}
    assert [o.depth for o in outcomes] == sorted(o.depth for o in outcomes)  # breadth first
    assert {o.record.work.repec_key for o in outcomes if o.record} == {f"zzz/wpaper/{n}" for n in fetched}
    items = small_site()
    expected = set()
    for number in fetched:  # every link on every fetched page, also to pages beyond the depth
        expected |= {(number, r) for r in items[number].references}
        expected |= {(c, number) for c in items[number].cited_by}
    lines = quads(outcomes)
    assert cites(lines) == expected


def test_a_work_met_as_a_link_and_as_a_page_has_one_iri(site: Site) -> None:
    outcomes = run(site, depth=1)
    by_key = {o.record.work.repec_key: o.record for o in outcomes if o.record}
    mapper = Mapper()
    seed = by_key["zzz/wpaper/01"]
    linked = {mapper.work_iri(w) for w in seed.work.references}
    page = mapper.work_iri(by_key["zzz/wpaper/03"].work)
    assert page == f"{WORK}zzz/wpaper/03"
    assert page in linked
    lines = quads(outcomes)
    assert f"<{WORK}zzz/wpaper/01> {CITES} <{WORK}zzz/wpaper/03>" in {line.rsplit(" ", 2)[0] for line in lines}


def test_follow_and_depth_limit_what_is_fetched(site: Site) -> None:
    run(site, depth=1, follow=("references",))
    assert set(site.page_paths()) == {"/p/zzz/wpaper/01.html", "/p/zzz/wpaper/02.html", "/p/zzz/wpaper/03.html"}


def test_same_site_keeps_to_the_seed_site(site: Site) -> None:
    outcomes = run(site, depth=1, same_site=True)
    assert len(outcomes) == 5  # every link on the page is an IDEAS link: all followed
    with pytest.raises(ValueError, match="cannot follow"):
        run(site, follow=("authors",))


def test_faults_end_in_their_documented_outcome_and_the_crawl_goes_on() -> None:
    items: dict[str, Item] = fault_items()
    server = Site(items).start()
    try:
        outcomes = run(server, "fault/hub", depth=1, timeout=(2.0, SLOW_SECONDS / 3), max_bytes=100_000)
    finally:
        server.stop()
    hub = items["fault/hub"]
    assert len(outcomes) == 1 + len(hub.references)  # the hub and every fault, each once
    reasons = {o.result.source.rsplit("/", 1)[-1].removesuffix(".html"): (o.error.message if o.error else "ok") for o in outcomes}
    assert reasons["hub"] == reasons["retry429"] == reasons["flaky503"] == reasons["reset"] == reasons["cp1252"] == "ok"
    assert reasons["slow"].startswith("gave up after 2 tries: timed out")
    assert reasons["loop"].startswith("redirect loop")
    assert reasons["big"].startswith("too large")
    assert reasons["pdf"].startswith("not a page: Content-Type application/pdf")
    assert reasons["secret"] == "disallowed by robots.txt"
    assert reasons["empty"] == "empty"
    assert reasons["gone"] == "HTTP 404 Not Found"
    titles = {o.record.work.title for o in outcomes if o.record}
    assert "Café prices – a €uro study" in titles


def test_politeness_interval_holds_during_a_crawl(site: Site) -> None:
    run(site, depth=1, interval=0.2)
    gaps = site.gaps()
    assert len(gaps) == 5  # robots.txt and five pages
    assert min(gaps) >= 0.2


def test_resume_after_max_pages_fetches_no_page_twice_and_gives_the_same_graph(site: Site, tmp_path: Path) -> None:
    whole = Site(small_site()).start()
    try:
        expected = quads(run(whole, depth=2))
    finally:
        whole.stop()
    with CrawlState(tmp_path / "crawl.sqlite") as state:
        first = run(site, depth=2, max_pages=3, state=state)
        assert state.counts()["done"] == 3
    with CrawlState(tmp_path / "crawl.sqlite") as state:
        second = run(site, depth=2, state=state)
        assert state.counts() == {"queued": 0, "done": 8, "failed": 0}
    assert len(first) == 3 and len(second) == 5
    assert {c for p, c in site.counts().items() if p != "/robots.txt"} == {1}
    assert quads(first + second) == expected


def test_resume_after_an_interrupt_in_the_sink(site: Site, tmp_path: Path) -> None:
    """The page whose record was being written when the crawl stopped is read again (from the cache)."""
    taken: list[Result] = []

    def emit(result: Result, depth: int) -> None:
        if len(taken) == 4:
            raise KeyboardInterrupt
        taken.append(result)

    cache = tmp_path / "cache"
    with CrawlState(tmp_path / "crawl.sqlite") as state, fetcher(site, cache=cache) as f:
        with pytest.raises(KeyboardInterrupt):
            crawl([site.url("/p/zzz/wpaper/01.html")], emit, fetcher=f, state=state, depth=2)
        assert state.counts()["done"] == 4
    with CrawlState(tmp_path / "crawl.sqlite") as state, fetcher(site, cache=cache) as f:
        crawl([site.url("/p/zzz/wpaper/01.html")], lambda r, d: taken.append(r), fetcher=f, state=state, depth=2)
        assert f.stats.from_cache == 1
    assert len(taken) == 8
    assert {c for p, c in site.counts().items() if p != "/robots.txt"} == {1}


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_cli_crawl_resumes_without_fetching_a_page_twice(site: Site, tmp_path: Path) -> None:
    """A real `rdfbib crawl` killed (SIGKILL) while its 5th request is in flight, then run again."""
    whole = Site(small_site()).start()
    try:
        expected = quads(run(whole, depth=2))
    finally:
        whole.stop()
    site.hold_at = 5
    output, state = tmp_path / "out.nq", tmp_path / "crawl.sqlite"
    command = [
        sys.executable, "-m", "rdfbib", "crawl", f"{IDEAS}/p/zzz/wpaper/01.html", "--depth", "2", "--interval", "0",
        "--no-cache", "--mirror", f"{IDEAS}={site.origin}", "--state", str(state), "-o", str(output), "-q",
    ]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert site.held.wait(30), process.communicate(timeout=5)
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    finally:
        site.release.set()
        if process.poll() is None:
            process.kill()
    held = site.page_paths()[4]
    done = subprocess.run(command, check=False, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "4 pages converted (4 records written), 0 failed, 0 queued; 4 pages converted in earlier runs" in done.stderr
    counts = site.counts()
    for path, count in counts.items():
        if path != "/robots.txt":
            assert count == (2 if path == held else 1), path  # only the page cut off in flight is asked for again
    assert {n for path, n in site.served.items() if path != "/robots.txt"} == {1}  # no page body twice
    assert set(output.read_text(encoding="utf-8").splitlines()) == expected


def test_failed_pages_stay_failed_unless_retried(tmp_path: Path) -> None:
    with CrawlState(tmp_path / "crawl.sqlite") as state:
        state.add("zzz/wpaper/99", f"{IDEAS}/p/zzz/wpaper/99.html", 0)
        state.finish("zzz/wpaper/99", error="HTTP 503 Service Unavailable")
        assert state.next() is None
        assert state.failures() == [(f"{IDEAS}/p/zzz/wpaper/99.html", "HTTP 503 Service Unavailable")]
        assert state.retry_failed() == 1
        assert state.next() == ("zzz/wpaper/99", f"{IDEAS}/p/zzz/wpaper/99.html", 0)


def test_cli_crawl_streams_n_triples_and_cache_commands(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from rdfbib.cli import main

    monkeypatch.setenv("RDFBIB_CACHE_DIR", str(tmp_path / "cache"))
    runner = CliRunner()
    output = tmp_path / "out.nt"
    args = ["crawl", f"{IDEAS}/p/zzz/wpaper/01.html", "--depth", "1", "--interval", "0", "--mirror", f"{IDEAS}={site.origin}", "-f", "nt", "-o", str(output), "--contact", "tests@example.org", "-q"]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    lines = output.read_text(encoding="utf-8").splitlines()
    assert lines and all(line.endswith(" .") and line.count("<") >= 2 for line in lines)
    assert f"<{WORK}zzz/wpaper/01> {CITES} <{WORK}zzz/wpaper/02> ." in lines
    info = runner.invoke(main, ["cache", "info"])
    assert "responses: 5" in info.output  # five pages (robots.txt is kept in memory, never in the cache)
    assert runner.invoke(main, ["cache", "clear"]).exit_code == 0
    assert "no cache yet" in runner.invoke(main, ["cache", "info"]).output


def test_convert_and_load_take_urls_and_lists(site: Site, tmp_path: Path) -> None:
    """convert and load fetch URL sources (and --from lists) with the same polite fetcher; a bad URL is one failure."""
    from click.testing import CliRunner

    from rdfbib.cli import main

    urls = tmp_path / "urls.txt"
    urls.write_text(f"# two pages and a missing one\n{site.url('/p/zzz/wpaper/02.html')}\n\n{site.url('/p/zzz/wpaper/404.html')}\n")
    env = {"RDFBIB_CACHE_DIR": str(tmp_path / "cache")}
    args = [site.url("/p/zzz/wpaper/01.html"), "--from", str(urls), "--interval", "0", "--no-cache"]
    runner = CliRunner()
    converted = runner.invoke(main, ["convert", *args, "-f", "nq", "--jobs", "2"], env=env)
    assert converted.exit_code == 1, converted.output
    assert converted.stdout_bytes.count(b"<urn:rdfbib:record/ideas-html/repec/zzz/wpaper/") >= 2
    assert "404.html" in converted.stderr and converted.stderr.count("rdfbib: ") == 1
    loaded = runner.invoke(main, ["load", *args, "--store", str(tmp_path / "store")], env=env)
    assert loaded.exit_code == 1, loaded.output
    assert "loaded 2, failed 1" in loaded.stderr
