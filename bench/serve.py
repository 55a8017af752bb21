"""``rdfbib serve`` under load: requests/s and p50/p99 latency for work pages and a typical SPARQL query,
with 1, 10 and 50 concurrent clients on loopback, against the same store served by ``oxigraph serve``.

    python bench/serve.py [--seconds 10] [--clients 1,10,50]

The store holds every fixture page (loaded under the rdfbib server's base); the Oxigraph anchor serves a
copy of it (``oxigraph serve``, pip install oxigraph). Work pages: ``GET`` of each work's IRI with
``Accept: text/html`` on rdfbib; on Oxigraph, which has no pages, the nearest thing, a ``DESCRIBE`` of the
work through its SPARQL endpoint. The SPARQL query (:data:`QUERY`, 50 titles) is the same on both.
Clients are threads, each with its own connection, sending requests back to back for --seconds; the
clients share the machine with the servers (2 cores here), so these are a floor.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.servers import free_port, oxigraph_binary, stop, wait_for_port  # noqa: E402

#: A typical query: works and their titles, by title, one page of them.
QUERY = "SELECT ?work ?title WHERE { ?work <http://purl.org/dc/terms/title> ?title } ORDER BY ?title LIMIT 50"


def run(clients: int, seconds: float, request: Callable[[requests.Session, int], requests.Response]) -> dict[str, float]:
    """``clients`` threads sending requests for ``seconds``: requests/s and latency percentiles (ms)."""
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    end = time.monotonic() + seconds

    def client(number: int) -> None:
        mine, bad, i = [], 0, number
        with requests.Session() as session:
            while time.monotonic() < end:
                started = time.perf_counter()
                response = request(session, i)
                mine.append(time.perf_counter() - started)
                bad += response.status_code != 200
                i += clients
        with lock:
            latencies.extend(mine)
            failures[0] += bad

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [latencies[0]] * 99
    return {"rps": len(latencies) / elapsed, "p50": cuts[49] * 1000, "p99": cuts[98] * 1000, "n": len(latencies), "failed": failures[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="seconds per measurement")
    parser.add_argument("--clients", default="1,10,50", help="concurrent clients, comma-separated")
    args = parser.parse_args()
    binary = oxigraph_binary()
    if binary is None:
        sys.exit("bench/serve.py: the oxigraph server (pip install oxigraph) is not installed")
    port, anchor_port = free_port(), free_port()
    base = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory(prefix="rdfbib-bench-serve-") as tmp:
        store, copy = Path(tmp) / "store", Path(tmp) / "oxigraph"
        subprocess.run([sys.executable, "-m", "rdfbib", "load", str(ROOT / "tests" / "fixtures"), "--store", str(store), "--base", base, "-q"], check=False, capture_output=True)
        shutil.copytree(store, copy)
        ours = subprocess.Popen([sys.executable, "-m", "rdfbib", "serve", "--store", str(store), "--port", str(port)], stderr=subprocess.DEVNULL)
        theirs = subprocess.Popen([binary, "serve-read-only", "--location", str(copy), "--bind", f"127.0.0.1:{anchor_port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for_port(port, ours, 60)
            wait_for_port(anchor_port, theirs, 60)
            anchor = f"http://127.0.0.1:{anchor_port}/query"
            answer = requests.post(anchor, data={"query": f"SELECT DISTINCT ?w WHERE {{ GRAPH ?g {{ ?w <http://purl.org/dc/terms/title> ?t }} FILTER(STRSTARTS(STR(?g), '{base}record/')) FILTER(STRSTARTS(STR(?w), '{base}work/')) }} ORDER BY ?w"}, headers={"Accept": "application/sparql-results+json"}, timeout=60)
            works = [row["w"]["value"] for row in answer.json()["results"]["bindings"]]
            cases: dict[str, Callable[[requests.Session, int], requests.Response]] = {
                "work page, rdfbib serve (HTML)": lambda s, i: s.get(works[i % len(works)], headers={"Accept": "text/html"}, timeout=120),
                "work, oxigraph serve (DESCRIBE, Turtle)": lambda s, i: s.post(anchor, data={"query": f"DESCRIBE <{works[i % len(works)]}>"}, headers={"Accept": "text/turtle"}, timeout=120),
                "SPARQL 50 titles, rdfbib serve": lambda s, i: s.post(base + "sparql", data={"query": QUERY}, headers={"Accept": "application/sparql-results+json"}, timeout=120),
                "SPARQL 50 titles, oxigraph serve": lambda s, i: s.post(anchor, data={"query": QUERY}, headers={"Accept": "application/sparql-results+json"}, timeout=120),
            }
            print(f"{len(works)} works; {args.seconds:g} s per row\n")
            print("| case | clients | requests/s | p50 ms | p99 ms | requests | failed |")
            print("|---|---:|---:|---:|---:|---:|---:|")
            for name, request in cases.items():
                for clients in (int(c) for c in args.clients.split(",")):
                    r = run(clients, args.seconds, request)
                    print(f"| {name} | {clients} | {r['rps']:.1f} | {r['p50']:.0f} | {r['p99']:.0f} | {r['n']:.0f} | {r['failed']:.0f} |", flush=True)
        finally:
            stop(ours)
            stop(theirs)


if __name__ == "__main__":
    main()
