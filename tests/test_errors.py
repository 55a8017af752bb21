"""Every command with missing, wrong-type and unwritable paths: one line naming what is wrong and why,
the right exit status (1, or 2 for usage), nothing left half-written, and never a traceback.

The one error boundary is rdfbib.cli.LazyGroup.invoke; these cases go through it as a user would.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from rdfbib.cli import main

from .conftest import EXAMPLES

SEED = EXAMPLES / "seed-ideas-nature17038.txt"
URL = "http://127.0.0.1:9/p/zzz/wpaper/01.html"  # never fetched: every case fails before
# Lines that are not a reason: the crawl's tip, and the summaries load and crawl end with.
_NOT_A_REASON = re.compile(r"^rdfbib: (tip: |loaded \d|crawl: \d)")
_PERMISSION = r"(not writable|permission denied|operation not permitted)"


@pytest.fixture
def paths(tmp_path: Path) -> dict[str, str]:
    """{t}: a folder; {seed}: a page; {file}: a plain file; {folder}: a folder of pages; {text}: a text
    file; {ro}: a folder that cannot be written to (as root, chmod cannot make one: /sys then)."""
    (tmp_path / "seed.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "afile").write_text("just a file\n", encoding="utf-8")
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "seed.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "notes.txt").write_text("not a database, not a cache, just some text\n" * 20, encoding="utf-8")
    (tmp_path / "badcache").mkdir()
    (tmp_path / "badcache" / "http.sqlite").write_text("not an SQLite file either\n" * 20, encoding="utf-8")
    readonly = tmp_path / "ro"
    readonly.mkdir()
    readonly.chmod(0o555)
    if os.access(readonly, os.W_OK):
        readonly = Path("/sys")
    return {"t": str(tmp_path), "seed": str(tmp_path / "seed.txt"), "file": str(tmp_path / "afile"), "folder": str(tmp_path / "pages"),
            "text": str(tmp_path / "notes.txt"), "ro": str(readonly)}


# (arguments, RDFBIB_CACHE_DIR, exit status, patterns the one line must match, paths that must not exist afterwards)
CASES = [
    # convert
    (["convert", "{seed}", "-o", "{t}/nodir/sub/out.ttl"], None, 1, [r"nodir/sub/out\.ttl: cannot write the output: no such folder"], ["{t}/nodir"]),
    (["convert", "{seed}", "-o", "{file}/out.ttl"], None, 1, [r"afile/out\.ttl: .*afile is a file, not a folder"], []),
    (["convert", "{seed}", "-o", "{ro}/out.ttl"], None, 1, [r"out\.ttl: cannot write the output: " + _PERMISSION], []),
    (["convert", "{seed}", "-o", "{t}/ok.ttl", "--report", "{t}/nodir/r.jsonl"], None, 1, [r"r\.jsonl: cannot write the report: no such folder"], ["{t}/ok.ttl", "{t}/ok.ttl.part"]),
    (["convert", "{seed}", "--report", "{folder}"], None, 2, [r"--report"], []),
    (["convert", "{seed}", "--from", "{t}/missing.txt"], None, 2, [r"missing\.txt"], []),
    (["convert", "{t}/missing.html"], None, 1, [r"missing\.html: no such file"], []),
    (["convert", "{t}/missing.html", "-o", "{t}/out.ttl"], None, 1, [r"missing\.html: no such file"], ["{t}/out.ttl"]),
    (["convert", "{folder}", "-f", "nq", "--shard-size", "1", "-o", "{file}/"], None, 1, [r"afile/?: cannot make the shard folder: a file is in the way"], []),
    (["convert", "{seed}", "-o", "{folder}"], None, 2, [r"is a folder"], []),
    (["convert", "{seed}", "-o", "{t}/out.n3"], None, 2, [r"out\.n3.*give -f"], ["{t}/out.n3"]),
    (["convert", URL, "--offline"], "{file}", 1, [r"afile: the HTTP cache folder is a file"], []),
    (["convert", URL, "--offline"], "{file}/sub", 1, [r"afile/sub: cannot make the HTTP cache folder: a file is in the way"], []),
    # load
    (["load", "{seed}", "--store", "{t}/nodir/sub/store"], None, 1, [r"nodir/sub/store: cannot open the store: no such folder: .*nodir/sub$"], ["{t}/nodir"]),
    (["load", "{seed}", "--store", "{file}"], None, 1, [r"afile: cannot open the store: is a file, not a store folder$"], []),
    (["load", "{seed}", "--store", "{ro}/store"], None, 1, [r"store: cannot open the store: .*" + _PERMISSION], []),
    (["load", "{t}/missing.nq", "--store", "{t}/store"], None, 1, [r"missing\.nq: cannot read: no such file"], []),
    (["load", "{seed}", "--from", "{t}/missing.txt", "--store", "{t}/store"], None, 2, [r"missing\.txt"], ["{t}/store"]),
    (["load", URL, "--offline", "--store", "{t}/store"], "{file}", 1, [r"afile: the HTTP cache folder is a file"], []),
    # query
    (["query", "ASK {{}}", "--store", "{file}"], None, 1, [r"afile: cannot open the store: is a file"], []),
    (["query", "ASK {{}}", "--store", "{t}/missing"], None, 1, [r"missing: no store here"], ["{t}/missing"]),
    (["query", "@{t}/missing.rq", "--store", "{t}/missing"], None, 2, [r"missing\.rq"], []),
    # validate
    (["validate", "{t}/missing.ttl"], None, 1, [r"missing\.ttl: cannot read: no such file"], []),
    (["validate", "{file}"], None, 1, [r"afile: not an RDF file rdfbib reads"], []),
    (["validate", "{folder}"], None, 2, [r"directory|folder"], []),
    (["validate", "--store", "{file}"], None, 1, [r"afile: cannot open the store: is a file"], []),
    # crawl
    (["crawl", URL, "--offline", "-o", "{t}/nodir/x.nq"], None, 1, [r"nodir/x\.nq: cannot write the output: no such folder"], []),
    (["crawl", URL, "--offline", "-o", "{ro}/x.nq"], None, 1, [r"x\.nq: cannot write the output: " + _PERMISSION], []),
    (["crawl", URL, "--offline", "--state", "{t}/nodir/s.sqlite"], None, 1, [r"nodir/s\.sqlite: cannot keep the crawl state here: no such folder"], []),
    (["crawl", URL, "--offline", "--state", "{text}"], None, 1, [r"notes\.txt: cannot use it as the crawl state: file is not a database"], []),
    (["crawl", URL, "--offline", "--state", "{folder}"], None, 2, [r"--state"], []),
    (["crawl", URL, "--offline", "--state", "{t}/s.sqlite", "-o", "{t}/nodir/x.nq"], None, 1, [r"nodir/x\.nq: cannot write the output"], ["{t}/s.sqlite"]),
    (["crawl", URL, "--offline", "--store", "{file}"], None, 1, [r"afile: cannot open the store: is a file"], []),
    (["crawl", URL, "--offline", "--store", "{t}/nodir/sub/st"], None, 1, [r"st: cannot open the store: no such folder"], []),
    (["crawl", "--from", "{t}/missing.txt"], None, 2, [r"missing\.txt"], []),
    (["crawl", URL], "{file}", 1, [r"afile: the HTTP cache folder is a file"], []),
    # cache
    (["cache", "info"], "{file}", 1, [r"afile: the HTTP cache folder is a file"], []),
    (["cache", "clear"], "{file}", 1, [r"afile: the HTTP cache folder is a file"], []),
    (["cache", "info"], "{t}/badcache", 1, [r"http\.sqlite: not an HTTP cache rdfbib can read"], []),
    # a base that is no IRI: one place (the boundary) says so for every command that takes --base
    (["convert", "{seed}", "--base", "not an iri"], None, 2, [r"^rdfbib: base: 'not an iri' is not an absolute IRI"], []),
    (["load", "{seed}", "--base", "not an iri", "--store", "{t}/store"], None, 2, [r"^rdfbib: base: 'not an iri' is not an absolute IRI"], ["{t}/store"]),
    (["crawl", URL, "--offline", "--base", "not an iri"], None, 2, [r"^rdfbib: base: 'not an iri' is not an absolute IRI"], []),
    (["validate", "--base", "not an iri", "--store", "{t}/store"], None, 2, [r"^rdfbib: base: 'not an iri' is not an absolute IRI"], []),
    # readers: no path of its own, so a broken cache setting does not concern it
    (["readers"], "{file}", 0, [], []),
]


def _fill(text: str, paths: dict[str, str]) -> str:
    return text.format(**paths)


@pytest.mark.parametrize("args, cache, status, patterns, absent", CASES, ids=[" ".join(c[0][:1] + [a for a in c[0][1:] if a.startswith("-")]) + (" cache" if c[1] else "") for c in CASES])
def test_one_line_and_the_right_status(paths: dict[str, str], args: list[str], cache: str | None, status: int, patterns: list[str], absent: list[str]) -> None:
    env = {"RDFBIB_CACHE_DIR": _fill(cache, paths) if cache else str(Path(paths["t"]) / "cache"), "RDFBIB_STORE": None, "RDFBIB_BASE": None}
    result = CliRunner().invoke(main, [_fill(a, paths) for a in args], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output, result.output
    assert result.exit_code == status, result.output
    if status == 2:  # click's usage error: one "Error:" line, or ours for a bad setting
        lines = [line for line in result.stderr.splitlines() if line.startswith(("Error: ", "rdfbib: "))]
    else:
        lines = [line for line in result.stderr.splitlines() if not _NOT_A_REASON.match(line)]
    assert len(lines) == (1 if status else 0), result.stderr
    assert all(line.startswith(("rdfbib: ", "Error: ")) for line in lines)
    for pattern in patterns:
        assert re.search(pattern, lines[0], re.IGNORECASE), (pattern, lines[0])
    for path in absent:
        assert not Path(_fill(path, paths)).exists(), path
    assert "another rdfbib" not in result.stderr  # only a lock held by another process earns that hint


def test_library_settings_errors_are_rdfbib_errors_and_value_errors() -> None:
    """What the boundary turns into exit status 2 is a SettingError, which callers of the library may
    still catch as the ValueError it always was."""
    from rdfbib import iris
    from rdfbib.errors import FormatError, SettingError
    from rdfbib.store import QueryResult, write_result

    with pytest.raises(SettingError) as raised:
        iris.resolve_base("not an iri")
    assert isinstance(raised.value, ValueError) and raised.value.source == "base"
    with pytest.raises(FormatError, match="unknown result format 'yaml'"):
        write_result(QueryResult("ask", boolean=True), "yaml")
    result = CliRunner().invoke(main, ["query", "ASK {}", "-f", "yaml"])
    assert result.exit_code == 2


def test_a_store_that_refuses_stops_the_crawl_in_one_line_and_the_page_stays_queued(tmp_path: Path) -> None:
    from rdfbib.crawl import CrawlState

    from . import servers
    from .site import Site, small_site

    site = Site(small_site()).start()
    try:
        with servers.refusing() as server:
            server.status = 403
            state = tmp_path / "state.sqlite"
            args = ["crawl", "https://ideas.repec.org/p/zzz/wpaper/01.html", "--interval", "0", "--no-cache", "--contact", "t@example.org",
                    "--mirror", f"https://ideas.repec.org={site.origin}", "--endpoint", server.endpoint, "--state", str(state), "-q"]
            result = CliRunner().invoke(main, args)
    finally:
        site.stop()
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    (line,) = result.stderr.splitlines()
    assert line.startswith("rdfbib: https://ideas.repec.org/p/zzz/wpaper/01.html: PUT ") and "HTTP 403" in line
    assert line.endswith(f"; resume the crawl with --state {state}")
    with CrawlState(state) as crawl_state:
        assert crawl_state.counts() == {"queued": 1, "done": 0, "failed": 0}
