"""Load throughput (records/s, triples/s): the embedded store and an Oxigraph server, both protocols.

Records are synthetic: the seed page's record under N different RePEc keys (about 800 triples
each, its citing works included). Mapping to triples is timed apart from loading.

    python bench/load.py [--records 300] [--endpoint URL]

Without --endpoint an ``oxigraph serve`` (pip install oxigraph) is started on a free local port.

    python bench/load.py --compare df027ca [--records 300]

Before and after: ``rdfbib load`` of the same pages (the fixtures, the shared publisher corpus when
present, and the seed page under N article numbers) into an embedded store, by the code of a git
revision (extracted with ``git archive``, run through PYTHONPATH) and by this checkout; first load and
reload time, the store's bytes on disk, and its triples (in graphs, distinct, and what a query without
DISTINCT returns). A last row estimates design (a) of issue 15, each triple stored once (in the first
graph stating it) and no union graph, as the revision's code loads such a file: a lower bound of its
space and time, since (a) would also have to merge the graphs of shared nodes on every load.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rdfbib import extract
from rdfbib.mapping import Mapper
from rdfbib.store import GraphData, Store, load, open_store, record_graph

SEED = Path(__file__).resolve().parents[1] / "examples" / "seed-ideas-nature17038.txt"


def graphs(n: int) -> tuple[list[GraphData], float]:
    """``n`` distinct record graphs and the seconds it took to map them."""
    record = extract(SEED)
    mapper = Mapper()
    started = time.perf_counter()
    out = []
    for i in range(n):
        work = dataclasses.replace(record.work, repec_key=f"bench:bench:{i}", handle=None)
        out.append(record_graph(dataclasses.replace(record, work=work), mapper, source=f"bench-{i}"))
    return out, time.perf_counter() - started


def rss_mb() -> int:
    """This process's resident memory now (Linux), in MB: the embedded store's memory must not grow with the load."""
    status = Path("/proc/self/status")
    return int(status.read_text().split("VmRSS:")[1].split()[0]) // 1024 if status.exists() else 0


def measure(name: str, store: Store, data: list[GraphData]) -> None:
    before = rss_mb()
    started = time.perf_counter()
    report = load(store, data)
    seconds = time.perf_counter() - started
    assert report.failed == 0, report.failures[:1]
    print(f"{name:28} {report.loaded:6d} records {report.triples:9d} triples {seconds:7.2f} s "
          f"{report.loaded / seconds:8.1f} records/s {report.triples / seconds:10.0f} triples/s  RSS {rss_mb() - before:+5d} MB")


def bulk(folder: Path, data: list[GraphData]) -> None:
    """``oxigraph load`` of the same quads as one gzip N-Quads file: the bulk path for big loads."""
    binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(binary).exists():
        return
    shard = folder / "bench.nq.gz"
    with gzip.open(shard, "wt", encoding="utf-8") as out:
        for g in data:
            out.writelines(f"{line[:-1]}<{g.iri}> .\n" for line in g.triples)
    started = time.perf_counter()
    subprocess.run([binary, "load", "--location", str(folder / "bulk"), "--file", str(shard)], check=True, capture_output=True)
    seconds = time.perf_counter() - started
    triples = sum(len(g.triples) for g in data)
    print(f"{'oxigraph load (nq.gz, bulk)':28} {len(data):6d} records {triples:9d} triples {seconds:7.2f} s "
          f"{len(data) / seconds:8.1f} records/s {triples / seconds:10.0f} triples/s")


def serve(folder: Path) -> tuple[subprocess.Popen, str]:
    binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen([binary, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}"], stderr=subprocess.DEVNULL)
    for _ in range(200):
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return process, f"http://127.0.0.1:{port}/query"
        time.sleep(0.05)
    process.terminate()
    raise SystemExit("oxigraph serve did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=300)
    parser.add_argument("--endpoint", help="a running server's query URL (else an oxigraph serve is started)")
    parser.add_argument("--compare", metavar="REV", help="before and after: this git revision's code against this checkout's, on the same pages")
    args = parser.parse_args()
    if args.compare:
        compare(args.compare, args.records)
        return
    data, mapping = graphs(args.records)
    triples = sum(len(g.triples) for g in data)
    print(f"{'mapping (record -> triples)':28} {len(data):6d} records {triples:9d} triples {mapping:7.2f} s "
          f"{len(data) / mapping:8.1f} records/s {triples / mapping:10.0f} triples/s")
    with tempfile.TemporaryDirectory() as tmp:
        with open_store(Path(tmp) / "embedded") as store:
            measure("embedded (pyoxigraph)", store, data)
            measure("embedded, reload", store, data)
        bulk(Path(tmp), data)
        process, endpoint = (None, args.endpoint) if args.endpoint else serve(Path(tmp) / "server")
        try:
            for protocol in ("gsp", "update"):
                with open_store(endpoint=endpoint, protocol=protocol) as store:
                    measure(f"server, {protocol}", store, data)
        finally:
            if process:
                process.terminate()
                process.wait(10)


ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "publisher-html"
ALL = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
IN_GRAPHS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
DISTINCT = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"


def pages(folder: Path, n: int) -> list[Path]:
    """The fixtures, the shared publisher corpus (when present) and the seed page under ``n`` article numbers."""
    folder.mkdir(parents=True)
    text = SEED.read_text(encoding="utf-8")
    for i in range(n):
        (folder / f"seed{i}.txt").write_text(text.replace("nature17038", f"nature{17038 + i}x"), encoding="utf-8")
    return [ROOT / "tests" / "fixtures", *([CORPUS] if CORPUS.is_dir() else []), folder]


def rdfbib(code: Path, *args: object) -> tuple[float, str]:
    """Seconds and stdout of ``python -m rdfbib ARGS`` running the code in ``code``."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "rdfbib", *map(str, args)], env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"rdfbib {args[0]} failed: {done.stderr[-2000:]}")
    return seconds, done.stdout


def number(code: Path, location: Path, query: str) -> int:
    return int(rdfbib(code, "query", query, "--store", location, "-f", "csv")[1].splitlines()[1])


def disk_bytes(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def row(name: str, code: Path, location: Path, sources: list[Path] | None, quads: Path) -> dict[str, object]:
    """Load ``sources`` (pages) twice, then their N-Quads into a fresh store; times, sizes and counts."""
    first = again = None
    if sources is not None:
        first, _ = rdfbib(code, "load", *sources, "--store", location.with_suffix(".pages"), "-q")
        again, _ = rdfbib(code, "load", *sources, "--store", location.with_suffix(".pages"), "-q")
    from_quads, _ = rdfbib(code, "load", quads, "--store", location, "-q")
    return {
        "code": name, "pages: load s": first and round(first, 1), "pages: reload s": again and round(again, 1),
        "N-Quads: load s": round(from_quads, 1), "store MB": round(disk_bytes(location) / 1e6, 1),
        "quads in graphs": number(code, location, IN_GRAPHS), "distinct triples": number(code, location, DISTINCT),
        "SELECT ?s ?p ?o rows": number(code, location, ALL),
    }


def one_graph_each(location: Path, out: Path) -> None:
    """Each triple of the store once, in the first graph (by IRI) that states it, as N-Quads: design (a)'s data."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(location))
    seen: set[ox.Triple] = set()
    with out.open("w", encoding="utf-8") as handle:
        for graph in sorted(store.named_graphs(), key=lambda g: g.value):
            for quad in store.quads_for_pattern(None, None, None, graph):
                if quad.triple not in seen:
                    seen.add(quad.triple)
                    handle.write(f"{quad} .\n")


def compare(revision: str, records: int) -> None:
    """The before/after table (see the module docstring)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        before = folder / "before"
        before.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision, "rdfbib"], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(before)], input=archive, check=True)
        sources = pages(folder / "pages", records)
        quads = folder / "pages.nq"
        rdfbib(ROOT, "convert", *sources, "-f", "nq", "-o", quads, "-q")
        rows = [row(f"before ({revision})", before, folder / "store-before", sources, quads), row("after", ROOT, folder / "store-after", sources, quads)]
        flat = folder / "one-graph-each.nq"
        one_graph_each(folder / "store-after", flat)
        rows.append(row(f"(a) lower bound ({revision} code)", before, folder / "store-a", None, flat))
        print(" | ".join(rows[0]))
        print(" | ".join("---" for _ in rows[0]))
        for r in rows:
            print(" | ".join(str(v) for v in r.values()))
        print(json.dumps(rows))


if __name__ == "__main__":
    main()
