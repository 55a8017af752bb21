"""What a person at a terminal sees while rdfbib waits, and what a crawl says it did.

The terminal is a real pseudo-terminal (``pty``) holding a real ``rdfbib`` process's stderr; the
pages come from the synthetic IDEAS site of tests/site.py on 127.0.0.1.
"""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from rdfbib.cli import main

from .site import Site, fault_items, small_site

ROOT = Path(__file__).resolve().parents[1]
IDEAS = "https://ideas.repec.org"
_SUMMARY = re.compile(r"rdfbib: crawl: (\d+) pages converted \((\d+) records written\), (\d+) failed, (\d+) queued")


@pytest.fixture
def site() -> Iterator[Site]:
    server = Site({**small_site(), **fault_items()}, redirects={"/p/zzz/wpaper/moved.html": "/p/zzz/wpaper/01.html"}).start()
    yield server
    server.stop()


def on_a_terminal(args: list[str], cwd: Path) -> tuple[int, str]:
    """Run ``rdfbib ARGS`` with stderr on a pseudo-terminal; its exit status and what the terminal received."""
    master, slave = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RDFBIB_CACHE_DIR": str(cwd / "cache")}
    process = subprocess.Popen([sys.executable, "-m", "rdfbib", *args], cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    received = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the process closed the terminal
            break
        if not chunk:
            break
        received.append(chunk)
    os.close(master)
    return process.wait(60), b"".join(received).decode("utf-8", "replace")


def test_a_failed_try_and_the_wait_before_the_next_are_shown(site: Site, tmp_path: Path) -> None:
    """A connection that fails is retried after a backoff: the terminal says so, instead of silence."""
    url = site.url("/p/zzz/fault/reset.html")
    status, seen = on_a_terminal(["convert", url, "--interval", "0", "--no-cache", "-o", "out.nq"], tmp_path)
    assert status == 0, seen
    assert re.search(rf"{re.escape(url)}: connection failed: [^\r]*; try 2 of 4 next", seen), seen
    assert re.search(r"waiting \d+\.\d s for 127\.0\.0\.1:\d+ \(", seen), seen
    assert seen.endswith("\r\x1b[K")  # the status line is cleared at the end
    assert (tmp_path / "out.nq").stat().st_size > 0


def test_a_short_batch_shows_the_host_waits(site: Site, tmp_path: Path) -> None:
    """Fewer pages than the progress bar needs still show what rdfbib waits for; a log or pipe gets none of it."""
    pages = [site.url("/p/zzz/wpaper/01.html"), site.url("/p/zzz/wpaper/02.html")]
    status, seen = on_a_terminal(["convert", *pages, "--interval", "0.3", "--no-cache", "-o", "out.nq"], tmp_path)
    assert status == 0, seen
    assert re.search(r"waiting 0\.\d s for 127\.0\.0\.1:\d+", seen), seen
    piped = CliRunner().invoke(main, ["convert", *pages, "--interval", "0.3", "--no-cache", "-f", "nq"])
    assert piped.exit_code == 0 and piped.stderr == ""


def test_the_crawl_summary_agrees_with_its_status_line_and_the_records_written(site: Site, tmp_path: Path) -> None:
    """A seed that moved (its page is known by another key), failing pages and a resumed run: the last
    status line, the summary, the failure lines and the records in the output all say the same."""
    seeds = [f"{IDEAS}/p/zzz/wpaper/moved.html", f"{IDEAS}/p/zzz/fault/hub.html"]
    common = ["crawl", *seeds, "--depth", "1", "--interval", "0", "--no-cache", "--mirror", f"{IDEAS}={site.origin}",
              "--contact", "tests@example.org", "-q", "--state", str(tmp_path / "state.sqlite"), "-o", str(tmp_path / "out.nq")]
    status, seen = on_a_terminal([*common, "--max-pages", "13"], tmp_path)
    assert status == 1, seen
    done, records, failed, queued = map(int, _SUMMARY.search(seen).groups())  # type: ignore[union-attr]
    assert (done, records, done + failed) == (records, records, 13) and failed > 0
    last_status = re.findall(r"crawl: (\d+) done · (\d+) failed · (\d+) queued", seen)[-1]
    assert tuple(map(int, last_status)) == (done, failed, queued)
    lines = re.split(r"\r\x1b\[K|\r?\n", seen)  # what the terminal shows, line by line
    assert len([line for line in lines if re.match(r"rdfbib: https?://\S+: ", line)]) == failed
    written = {line.rsplit(" ", 2)[-2] for line in (tmp_path / "out.nq").read_text(encoding="utf-8").splitlines()}
    assert len(written) == records

    resumed = CliRunner().invoke(main, common, env={"RDFBIB_CACHE_DIR": str(tmp_path / "cache")}, catch_exceptions=False)
    again = tuple(map(int, _SUMMARY.search(resumed.stderr).groups()))  # type: ignore[union-attr]
    assert again[2] == len([line for line in resumed.stderr.splitlines() if re.match(r"rdfbib: https?://", line)])
    assert f"; {done} pages converted in earlier runs" in resumed.stderr
    written = {line.rsplit(" ", 2)[-2] for line in (tmp_path / "out.nq").read_text(encoding="utf-8").splitlines()}
    assert len(written) == records + again[1]  # the output is appended to: every record once
    assert done + again[0] == 5 + 6  # the small site's five pages at depth 1 (01 once, under its own key) and six fault pages that read
