"""Loss and crashes (issue 12): one bad URL, one huge RDF line, a full disk, a killed main process,
a killed bulk load. Each costs one source or one clean stop, never the batch, and leaves no partial
file under a final name. Real servers on 127.0.0.1, real files, real subprocesses and signals.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from rdfbib.cli import main
from rdfbib.crawl import CrawlState, crawl
from rdfbib.fetch import Fetcher

from .conftest import EXAMPLES
from .processes import alive, children, wait_until
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
    loaded = CliRunner().invoke(main, ["load", str(good1), str(big), str(good2), "--store", str(store), "--no-link"])
    assert loaded.exit_code == 1, loaded.output
    lines = loaded.stderr.splitlines()
    assert len(lines) == 2 and lines[0].startswith(f"rdfbib: {big}: ") and "limit" in lines[0], loaded.stderr
    assert lines[1].startswith("rdfbib: loaded 2, failed 1, triples "), loaded.stderr
    checked = CliRunner().invoke(main, ["validate", str(good1), str(big), str(good2)])
    assert checked.exit_code == 1, checked.output
    assert checked.stdout.count(": conforms (") == 2 and checked.stderr.count("rdfbib: ") == 1 and str(big) in checked.stderr, checked.output


def _pages(folder: Path, n: int) -> Path:
    """``n`` IDEAS text pages, the seed under ``n`` RePEc keys (one record each)."""
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for i in range(n):
        (folder / f"p{i:03d}.txt").write_text(text.replace("nature17038", f"nature9{i:03d}"), encoding="utf-8")
    return folder


def _tmpfs_usable() -> bool:
    """Whether this user may mount a tmpfs in a private mount namespace (``unshare -rm``: no root needed where
    unprivileged user namespaces are allowed)."""
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", 'd=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs "$d"'], capture_output=True)
    return probe.returncode == 0


def _no_bigger_than(size: int) -> Callable[[], None]:
    """A preexec_fn: files of the child no larger than ``size`` bytes (RLIMIT_FSIZE), a write past it EFBIG."""

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


def on_a_full_disk(disk: str, folder: Path, args: list[str], size: int) -> tuple[int, str, list[str]]:
    """Run ``rdfbib ARGS`` writing under ``folder`` where the disk fills up: a tmpfs of ``size`` bytes
    mounted on it in a private mount namespace (gone with the process, so the files left are listed from
    inside), or a kernel file size limit of ``size`` bytes. The exit status, stderr, and the files left."""
    command = [sys.executable, "-m", "rdfbib", *args]
    folder.mkdir(exist_ok=True)
    if disk == "tmpfs":
        if not _tmpfs_usable():
            pytest.skip("no right to mount a tmpfs in a user namespace here (the RLIMIT_FSIZE case covers it)")
        script = 'mount -t tmpfs -o size="$1" tmpfs "$2" || exit 99; cd "$2"; shift 2; "$@"; status=$?; find . -type f | sort; exit $status'
        done = subprocess.run(["unshare", "-rm", "sh", "-c", script, "sh", str(size), str(folder), *command], capture_output=True, text=True, timeout=300, cwd=folder)
        return done.returncode, done.stderr, [line.removeprefix("./") for line in done.stdout.splitlines()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=folder, preexec_fn=_no_bigger_than(size))
    return done.returncode, done.stderr, sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_convert_to_dev_full_is_one_line(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    pages = _pages(tmp_path / "pages", 3)
    to_file = CliRunner().invoke(main, ["convert", str(pages), "-o", "/dev/full", "-f", "nq"])
    assert to_file.exit_code == 1 and to_file.stderr == "rdfbib: /dev/full: cannot write the output: no space left on device\n", to_file.output
    with open("/dev/full", "wb") as full:
        to_stdout = subprocess.run([sys.executable, "-m", "rdfbib", "convert", str(pages), "-f", "nq"], stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert to_stdout.returncode == 1 and to_stdout.stderr == "rdfbib: <stdout>: cannot write the output: no space left on device\n"


@pytest.mark.parametrize("disk", ["tmpfs", "fsize"])
@pytest.mark.parametrize("output", ["out.nq", "out.ttl"])
def test_convert_on_a_full_disk_leaves_no_partial_file(tmp_path: Path, disk: str, output: str) -> None:
    pages = _pages(tmp_path / "pages", 30)
    status, stderr, left = on_a_full_disk(disk, tmp_path / "disk", ["convert", str(pages), "-o", output], 200_000)
    assert status == 1 and stderr.splitlines() == [f"rdfbib: {output}: cannot write the output: " + ("no space left on device" if disk == "tmpfs" else "file too large")], stderr
    assert left == []


@pytest.mark.parametrize("disk", ["tmpfs", "fsize"])
def test_shards_on_a_full_disk_are_whole_or_absent(tmp_path: Path, disk: str) -> None:
    """Shards appear under their names only when complete: on a tmpfs that fills in the third shard, the
    first two are whole and nothing else is left; under a file size limit below one shard, nothing is.
    (Before: a truncated third shard and an empty fourth under their final names.)"""
    pages = _pages(tmp_path / "pages", 30)
    status, stderr, left = on_a_full_disk(disk, tmp_path / "disk", ["convert", str(pages), "-f", "nq", "--shard-size", "10", "-o", "shards/"], 200_000 if disk == "tmpfs" else 20_000)
    expected = ["shards/rdfbib-000001.nq.gz", "shards/rdfbib-000002.nq.gz"] if disk == "tmpfs" else []
    assert status == 1 and left == expected, (stderr, left)
    failed = f"shards/rdfbib-{len(expected) + 1:06d}.nq.gz"
    assert stderr.splitlines() == [f"rdfbib: {failed}: cannot write the shard: " + ("no space left on device" if disk == "tmpfs" else "file too large")], stderr


@pytest.mark.parametrize("disk", ["tmpfs", "fsize"])
def test_load_on_a_full_disk_stops_with_one_line_and_the_summary(tmp_path: Path, disk: str) -> None:
    pages = _pages(tmp_path / "pages", 30)
    status, stderr, _ = on_a_full_disk(disk, tmp_path / "disk", ["load", str(pages), "--store", "store"], 512 * 1024 if disk == "tmpfs" else 100_000)
    lines = stderr.splitlines()
    assert status == 1 and len(lines) == 2, stderr
    assert lines[0].startswith("rdfbib: store: cannot write to the store, the load stopped: ") and ("No space left on device" if disk == "tmpfs" else "File too large") in lines[0]
    loaded, failed = re.match(r"rdfbib: loaded (\d+), failed 1, triples \d+, (\d+) records not attempted \(store\)$", lines[1]).groups()  # type: ignore[union-attr]
    assert int(loaded) + 1 + int(failed) == 30


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads processes from /proc")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_workers_die_with_the_main_process(tmp_path: Path, sig: signal.Signals) -> None:
    """`convert --jobs 2` killed mid-batch: its workers end too (they used to block forever, adopted by
    PID 1). SIGTERM cleans up as Ctrl-C does: no .part file, one line, exit status 143."""
    listing = tmp_path / "list.txt"
    listing.write_text(f"{SEED}\n" * 3000, encoding="utf-8")  # long enough to be killed mid-way
    out = tmp_path / "out.nq"
    main_process = subprocess.Popen([sys.executable, "-m", "rdfbib", "convert", "--from", str(listing), "-o", str(out), "--jobs", "2"], stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    workers: list[int] = []
    try:
        wait_until(lambda: len(children(main_process.pid)) == 2 and Path(f"{out}.part").exists() and Path(f"{out}.part").stat().st_size > 0, "converting with two workers")
        workers = sorted(children(main_process.pid))
        main_process.send_signal(sig)
        _, stderr = main_process.communicate(timeout=60)
        wait_until(lambda: not any(alive(pid) for pid in workers), "rid of the workers")
    finally:
        main_process.kill()
        main_process.wait()
        for pid in filter(alive, workers):  # a failed run must not leave them behind
            os.kill(pid, signal.SIGKILL)
    assert main_process.returncode == (143 if sig == signal.SIGTERM else -signal.SIGKILL)
    if sig == signal.SIGTERM:
        assert stderr == "rdfbib: terminated (SIGTERM)\n"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["list.txt"]  # no .part, no output


def _leave_bulk_files(way: str, store: Path, data: Path) -> list[str]:
    """Leave ``bulk-*.sst`` files in ``store`` the way they are left in use: ``kill`` -9 of a load while
    pyoxigraph's bulk loader has one written but not yet ingested (tried until that moment is hit), or
    ``fsize``, a load stopped by a file size limit in the middle of a bulk write. Their names."""
    command = [sys.executable, "-m", "rdfbib", "load", str(data), "--store", str(store)]
    if way == "fsize":
        subprocess.run(command, capture_output=True, timeout=300, preexec_fn=_no_bigger_than(1_000_000))
        return sorted(p.name for p in store.glob("bulk-*.sst"))
    for _ in range(10):
        shutil.rmtree(store, ignore_errors=True)
        loading = subprocess.Popen(command, stderr=subprocess.DEVNULL)
        try:
            while loading.poll() is None:
                if store.is_dir() and any(store.glob("bulk-*.sst")):
                    loading.send_signal(signal.SIGKILL)
                    break
                time.sleep(0.001)
        finally:
            loading.kill()
            loading.wait()
        left = sorted(p.name for p in store.glob("bulk-*.sst"))
        if left:
            return left
    pytest.skip("never caught a bulk write in 10 loads (the fsize case leaves the files for sure)")


@pytest.mark.parametrize("way", ["kill", "fsize"])
def test_stale_bulk_files_are_removed_when_the_store_is_next_opened_for_writing(tmp_path: Path, way: str) -> None:
    data = tmp_path / "bulk.nq"
    with data.open("w", encoding="utf-8") as out:  # 300 new record graphs of 1,000 triples: three bulk writes
        for i in range(300_000):
            out.write(f'<urn:x:s{i}> <http://schema.org/name> "name {i}" <urn:rdfbib:record/test/{i // 1000}> .\n')
    store = tmp_path / "store"
    left = _leave_bulk_files(way, store, data)
    assert left and all(re.fullmatch(r"bulk-\d+\.sst", name) for name in left), left
    reading = CliRunner().invoke(main, ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", str(store), "-f", "csv"])
    assert reading.exit_code == 0, reading.output
    assert sorted(p.name for p in store.glob("bulk-*.sst")) == left  # opened read-only: left alone
    loaded = CliRunner().invoke(main, ["load", str(SEED), "--store", str(store)])
    assert loaded.exit_code == 0, loaded.output
    assert not list(store.glob("bulk-*.sst"))
    answer = CliRunner().invoke(main, ["query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "--store", str(store), "-f", "csv"])
    assert answer.exit_code == 0 and int(answer.stdout.split()[-1]) >= 828, answer.output
