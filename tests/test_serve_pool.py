"""``rdfbib serve`` answers SPARQL with warm query processes: the same processes query after query, one
stopped at the time limit or because its client went away is replaced, none outlives the server, and
each sees what a load wrote meanwhile.

The processes are read from Linux's /proc: the server's children (of any of its threads) that
multiprocessing spawned, and the read calls each made (which grow only in a process that answers)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.processes import alive, started, wait_until
from tests.served import Site, site

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")

TITLES = "SELECT ?w ?t WHERE { ?w <http://schema.org/name> ?t } ORDER BY ?w ?t LIMIT 50"
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SIZE = os.cpu_count() or 2  # the server's query processes: as many as its turns


def reads(pids: set[int]) -> int:
    """The read system calls the processes ``pids`` made so far."""
    total = 0
    for pid in pids:
        line = next(line for line in Path(f"/proc/{pid}/io").read_text().splitlines() if line.startswith("syscr:"))
        total += int(line.split()[1])
    return total


def full_pool(running: Site, other_than: set[int] = frozenset()) -> set[int]:  # type: ignore[assignment]
    """The server's query processes once all :data:`SIZE` run and none is in ``other_than`` (the wait bounds a hang only)."""
    for _ in range(1200):
        assert running.process.poll() is None, running.process.stderr.read().decode() if running.process.stderr else ""
        now = started(running.process.pid)
        if len(now) == SIZE and not now & other_than:
            return now
        time.sleep(0.05)
    pytest.fail(f"the server has {len(now)} query processes, not {SIZE}")


def warm(running: Site) -> set[int]:
    """The server's query processes once each answered a query (so none is still starting, reading its modules)."""
    pool = full_pool(running)
    for _ in range(SIZE):  # an idle process waits behind the others, so these go to each in turn
        titles(running)
    return pool


def titles(running: Site) -> list[list[str]]:
    response = requests.get(running.sparql, params={"query": TITLES}, timeout=60)
    assert response.status_code == 200, response.text
    return [[b["w"]["value"], b["t"]["value"]] for b in response.json()["results"]["bindings"]]


@pytest.fixture(scope="module")
def location(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fixture store (loaded by the first site under its own base; each test serves it anew)."""
    return tmp_path_factory.mktemp("pool") / "store"


def test_queries_reuse_the_warm_processes(location: Path) -> None:
    with site(location) as running:
        before = warm(running)
        read = reads(before)
        expected = running.select(TITLES)
        for _ in range(3 * SIZE):
            assert titles(running) == expected and expected
        assert started(running.process.pid) == before  # no process was started for a query
        assert reads(before) - read >= 3 * SIZE  # and these answered: each read its query at least


def test_a_timed_out_query_process_is_replaced(location: Path) -> None:
    with site(location, "--timeout", "1") as running:
        before = full_pool(running)
        response = requests.get(running.sparql, params={"query": ENDLESS}, timeout=120)
        assert response.status_code == 503 and "time limit of 1 s" in response.text
        after = full_pool(running, other_than=before - started(running.process.pid))
        assert len(before - after) == 1 and len(after - before) == 1  # the stopped one only, replaced
        assert not any(alive(p) for p in before - after)
        assert titles(running) == running.select(TITLES)


def endless_client(running: Site, pool: set[int]) -> tuple[subprocess.Popen, int]:
    """A client (a process of its own) of a query that never ends, and the query process that took it."""
    client = subprocess.Popen([sys.executable, "-c", f"import requests; requests.get({running.sparql!r}, params={{'query': {ENDLESS!r}}}, timeout=600)"])
    idle = {p: reads({p}) for p in pool}
    for _ in range(1200):  # until one of them took the endless query (it read it)
        took = [p for p, n in idle.items() if reads({p}) > n]
        if took:
            return client, took[0]
        time.sleep(0.05)
    client.kill()
    pytest.fail("no query process took the query")


def test_a_query_whose_client_went_away_is_stopped(location: Path) -> None:
    with site(location, "--timeout", "600") as running:
        before = warm(running)
        client, busy = endless_client(running, before)
        client.kill()
        client.wait(60)
        after = full_pool(running, other_than={busy})  # replaced, long before the time limit
        assert not alive(busy) and len(after - before) == 1
        assert titles(running) == running.select(TITLES)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_no_query_process_outlives_the_server(location: Path, sig: int) -> None:
    with site(location, "--timeout", "600") as running:
        pool = warm(running)
        client, _ = endless_client(running, pool)
        try:
            running.process.send_signal(sig)
            running.process.wait(60)
        finally:
            client.kill()
            client.wait(60)
        try:
            wait_until(lambda: not any(alive(p) for p in pool), "rid of the query processes (one outlived the server)")
        finally:
            for p in filter(alive, pool):  # a failed run must not leave them behind
                os.kill(p, signal.SIGKILL)

def test_every_process_sees_what_a_load_wrote_meanwhile(location: Path, tmp_path: Path) -> None:
    """Each process keeps the store open between queries, and opens it anew once a load changed its files."""
    ask = "ASK { <urn:rdfbib:work/doi/10.5555/extra> ?p ?o }"

    def answers(running: Site) -> list[bool]:  # one query per process: an idle process waits behind the others
        return [json.loads(requests.get(running.sparql, params={"query": ask}, timeout=60).content)["boolean"] for _ in range(SIZE)]

    extra = tmp_path / "extra.ttl"
    extra.write_text('<urn:rdfbib:work/doi/10.5555/extra> <http://schema.org/name> "An extra work" .\n', encoding="utf-8")
    with site(location) as running:
        pool = full_pool(running)
        assert answers(running) == [False] * SIZE  # every process has the store open now
        done = subprocess.run([sys.executable, "-m", "rdfbib", "load", str(extra), "--store", str(location), "--base", "urn:rdfbib:"], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert answers(running) == [True] * SIZE
        drop = subprocess.run([sys.executable, "-m", "rdfbib", "drop", "--store", str(location), "--base", "urn:rdfbib:", "urn:rdfbib:file/extra.ttl"], capture_output=True, text=True, timeout=120)
        assert drop.returncode == 0, drop.stderr
        assert answers(running) == [False] * SIZE
        assert started(running.process.pid) == pool
