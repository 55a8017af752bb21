"""Load throughput (records/s, triples/s): the embedded store and an Oxigraph server, both protocols.

Records are synthetic: the seed page's record under N different RePEc keys (about 800 triples
each, its citing works included). Mapping to triples is timed apart from loading.

    python bench/load.py [--records 300] [--endpoint URL]

Without --endpoint an ``oxigraph serve`` (pip install oxigraph) is started on a free local port.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
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
    args = parser.parse_args()
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


if __name__ == "__main__":
    main()
