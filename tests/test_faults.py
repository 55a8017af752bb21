"""Loss and crashes (issue 12): one bad URL, one huge RDF line, a full disk, a killed main process,
a killed bulk load. Each costs one source or one clean stop, never the batch, and leaves no partial
file under a final name. Real servers on 127.0.0.1, real files, real subprocesses and signals.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from rdfbib.cli import main
from rdfbib.crawl import CrawlState, crawl
from rdfbib.fetch import Fetcher

from .conftest import EXAMPLES
from .site import Site, small_site

SEED = EXAMPLES / "seed-ideas-nature17038.txt"
IDEAS = "https://ideas.repec.org"
BAD_URLS = ["http://[::1", "http://127.0.0.1:99999/x", "http://exa mple.org/x"]
#: Where the site's page 03 redirects to: a Location no URL parser accepts.
BAD_LOCATION = "http://[::1/p/zzz/wpaper/03.html"
BAD_PORT = "http://127.0.0.1:99999/p/zzz/wpaper/02.html"


@pytest.fixture
def site() -> Iterator[Site]:
    """The small synthetic IDEAS site, where page 02 redirects to a port past 65535 and page 03 to a
    Location no URL parser accepts (readers make IDEAS links canonical, so a malformed URL reaches a
    crawl as a seed, from a state file or through a redirect)."""
    server = Site(small_site(), redirects={"/p/zzz/wpaper/02.html": BAD_PORT, "/p/zzz/wpaper/03.html": BAD_LOCATION}).start()
    yield server
    server.stop()


@pytest.mark.parametrize("bad", [*BAD_URLS, "redirect"])
def test_a_malformed_url_is_one_failed_source_in_convert(site: Site, tmp_path: Path, bad: str) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(SEED.read_bytes())
    b.write_bytes(SEED.read_bytes())
    url = site.url("/p/zzz/wpaper/03.html") if bad == "redirect" else bad
    out = tmp_path / "out.nq"
    result = CliRunner().invoke(main, ["convert", str(a), url, str(b), "-o", str(out), "--interval", "0", "--no-cache"], env={"RDFBIB_CACHE_DIR": str(tmp_path / "cache")})
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"rdfbib: {url}: ") and "malformed URL" in lines[0], result.stderr
    if bad == "redirect":
        assert repr(BAD_LOCATION) in lines[0]
    sources = {line.split(" ")[-2] for line in out.read_text(encoding="utf-8").splitlines()}
    assert len(sources) == 1 and next(iter(sources)).startswith("<urn:rdfbib:record/ideas-text/")  # a and b: one record graph
    assert out.read_text(encoding="utf-8").count(" .\n") > 100
    assert not (tmp_path / "out.nq.part").exists()


def test_a_crawl_marks_malformed_urls_failed_and_a_resume_goes_past_them(site: Site, tmp_path: Path) -> None:
    """A malformed seed and two discovered pages that redirect to malformed URLs each fail their page in
    the state; the rest is crawled, a resume has nothing left, and a retry fails them again, cleanly."""
    seeds = [BAD_URLS[0], f"{IDEAS}/p/zzz/wpaper/01.html"]
    emitted = []
    with CrawlState(tmp_path / "crawl.sqlite") as state:
        with Fetcher(interval=0.0, cache=False, mirrors={IDEAS: site.origin}, tries=1) as fetcher:
            crawl(seeds, lambda result, depth: emitted.append(result), fetcher=fetcher, state=state, depth=1)
        failures = dict(state.failures())
        assert set(failures) == {BAD_URLS[0], f"{IDEAS}/p/zzz/wpaper/02.html", f"{IDEAS}/p/zzz/wpaper/03.html"}
        assert all("malformed URL" in reason for reason in failures.values()), failures
        assert repr(BAD_PORT) in failures[f"{IDEAS}/p/zzz/wpaper/02.html"] and repr(BAD_LOCATION) in failures[f"{IDEAS}/p/zzz/wpaper/03.html"]
        assert state.counts() == {"queued": 0, "done": 3, "failed": 3}  # 01, 04 (cites 01), 05 (version)
    resumed = CliRunner().invoke(main, ["crawl", "--state", str(tmp_path / "crawl.sqlite"), "-o", str(tmp_path / "more.nq"), "--interval", "0", "--offline"], env={"RDFBIB_CACHE_DIR": str(tmp_path / "cache")})
    assert resumed.exit_code == 0, resumed.output
    assert "0 pages converted" in resumed.stderr and "3 pages converted in earlier runs" in resumed.stderr
    retried = CliRunner().invoke(main, ["crawl", "--state", str(tmp_path / "crawl.sqlite"), "--retry-failed", "-o", str(tmp_path / "more.nq"), "--interval", "0", "--no-cache", "--mirror", f"{IDEAS}={site.origin}"], env={"RDFBIB_CACHE_DIR": str(tmp_path / "cache")})
    assert retried.exit_code == 1 and "3 failed, 0 queued" in retried.stderr, retried.output


def _two_good_files(tmp_path: Path) -> tuple[Path, Path]:
    """Two N-Quads files of one record each (the seed, and the seed under another RePEc key)."""
    good1, good2 = tmp_path / "good1.nq", tmp_path / "good2.nq"
    assert CliRunner().invoke(main, ["convert", str(SEED), "-o", str(good1)]).exit_code == 0
    good2.write_text(good1.read_text(encoding="utf-8").replace("nature17038", "nature17039"), encoding="utf-8")
    return good1, good2


def test_one_huge_rdf_line_fails_its_file_and_the_others_load_and_validate(tmp_path: Path) -> None:
    """A 20-million-character literal on one line is beyond pyoxigraph's 16 MiB parser buffer: that
    file is one failure (load and validate), the files around it are loaded and checked."""
    good1, good2 = _two_good_files(tmp_path)
    big = tmp_path / "bigliteral.nt"
    with big.open("w", encoding="utf-8") as out:
        out.write('<urn:x:s> <http://schema.org/name> "' + "a" * 20_000_000 + '" .\n')
    store = tmp_path / "store"
    loaded = CliRunner().invoke(main, ["load", str(good1), str(big), str(good2), "--store", str(store)])
    assert loaded.exit_code == 1, loaded.output
    lines = loaded.stderr.splitlines()
    assert len(lines) == 2 and lines[0].startswith(f"rdfbib: {big}: ") and "limit" in lines[0], loaded.stderr
    assert lines[1].startswith("rdfbib: loaded 2, failed 1, triples "), loaded.stderr
    checked = CliRunner().invoke(main, ["validate", str(good1), str(big), str(good2)])
    assert checked.exit_code == 1, checked.output
    assert checked.stdout.count(": conforms (") == 2 and checked.stderr.count("rdfbib: ") == 1 and str(big) in checked.stderr, checked.output
