"""RePEc scale: convert and load N distinct works, against pyoxigraph's ``bulk_load`` and ``oxigraph load``.

    nice -n 19 python bench/scale.py                          # 100,000 works
    nice -n 19 python bench/scale.py --works 100000 1000000   # several sizes, one table
    python bench/scale.py --works 1000 --out /tmp/x           # somewhere else (default /tmp/rdfbib-scale)
    nice -n 19 python bench/scale.py --works 1000000 --steps convert bulk oxigraph   # some steps now, the rest later

Works are ReDIF item templates: a mirror made by ``bench/redif.py``'s ``make_mirror`` from the real
files of ../shared/corpus/redif (tests/fixtures/redif without them), each item file repeated with
its handles changed, and here also its titles, DOIs, file URLs and authors, so no two works share a
key, a title or a DOI; copy ``n`` gives each author (name and RePEc short-id) the variant ``n // 7``,
so an author has about seven works, as in RePEc where persons are shared and works are not. ReDIF
items carry no reference lists (citations come from pages), so none are generated.

For each size, each step is a fresh process (CPU niceness inherited), timed by the wall clock and by
its CPU seconds (user + system), its peak RSS the largest resident size of its process tree (sampled from
/proc every 50 ms). The steps (``--steps``, in this order):

1. ``convert``: ``rdfbib convert MIRROR -f nq`` into FILE.nq;
2. ``bulk``, ``oxigraph``: the anchors on FILE.nq, each into a fresh store: pyoxigraph's ``Store.bulk_load``
   and the ``oxigraph load`` command (the one beside this Python, else on PATH; its row says when absent);
3. ``nq``, ``nqagain``: ``rdfbib load FILE.nq`` into a fresh store, then again (nothing changed);
4. ``mirror``, ``again``: ``rdfbib load MIRROR`` into a fresh store (ReDIF converted on the fly), then again
   (nothing changed);
5. ``queries`` on the store of step 4 (else of step 3): the three example queries (examples/queries/*.rq), a title lookup
   and the authors in order of that one work, each ``rdfbib query @Q -f tsv`` (rows counted), with
   Oxigraph's plan (``oxigraph query --explain-file``, with its statistics) in ``RUN/explain-NAME.txt``.

Triples are the lines of FILE.nq (quads in record graphs); rdfbib's stores also hold the union graph
(README, "Each fact once"), which the anchors do not write. Ratios: each load's triples/s over
``bulk_load``'s, and each load of the mirror over the conversion's time (1.0: the store adds nothing).
Generated mirrors, files and stores stay in ``--out`` (reused when there; remove it by hand).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from redif import ROOT, SHARED, make_mirror, rename, watch  # noqa: E402

#: ReDIF lines varied per copy: title, DOI, file URL; authors' names and short-ids per group of copies.
_TITLE = re.compile(rb"^(Title:[ \t]*)(\S[^\r\n]*)", re.IGNORECASE | re.MULTILINE)
_DOI = re.compile(rb"^(DOI:[ \t]*)(\S+)", re.IGNORECASE | re.MULTILINE)
_URL = re.compile(rb"^(File-URL:[ \t]*)(\S+)", re.IGNORECASE | re.MULTILINE)
_AUTHOR = re.compile(rb"^(Author-(?:Name|Name-Last|Person):[ \t]*)(\S[^\r\n]*)", re.IGNORECASE | re.MULTILINE)
#: Works per author variant: RePEc authors have several works each.
WORKS_PER_AUTHOR = 7
_WORDS = (b"evidence", b"panel", b"regional", b"monetary", b"labour", b"trade", b"growth", b"firms", b"prices", b"policy", b"households", b"credit")


def vary(data: bytes, copy: int) -> bytes:
    """Copy ``copy`` of an item file: its own handles, titles, DOIs and file URLs, and authors shared by
    :data:`WORKS_PER_AUTHOR` copies."""
    words = b" ".join(_WORDS[(copy >> shift) % len(_WORDS)] for shift in (0, 4, 8))
    data = rename(data, copy)
    data = _TITLE.sub(lambda m: m.group(1) + m.group(2) + b": " + words + b" %d" % copy, data)
    data = _DOI.sub(lambda m: m.group(1) + m.group(2) + b".c%d" % copy, data)
    data = _URL.sub(lambda m: m.group(1) + m.group(2) + (b"&" if b"?" in m.group(2) else b"?") + b"c=%d" % copy, data)
    group = copy // WORKS_PER_AUTHOR
    return _AUTHOR.sub(lambda m: m.group(1) + m.group(2) + (b"%d" % group if m.group(1)[:13].lower() == b"author-person" else b" V%d" % group), data)


def measured(command: list[str], stdout: Path | None = None) -> dict[str, float]:
    """Run ``command`` (stdout to a file, or discarded): wall seconds, CPU seconds (user + system, of the
    process and the children it waited for: on a shared machine the wall time alone says little) and the
    process tree's peak RSS in MB."""
    with open(stdout or os.devnull, "wb") as out:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, cwd=ROOT)
        sampler, peak = watch(process)
        code = process.wait()
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        sampler.join()
    if code not in (0, 1):  # 1: some records failed, which the store's counts show
        raise SystemExit(f"{' '.join(command)} exited with {code}")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return {"wall": wall, "cpu": cpu, "rss": peak[0] / 1024}


def disk_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6 if folder.exists() else 0.0


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` command beside this Python, else on PATH (as tests/servers.py finds it)."""
    beside = Path(sys.executable).with_name("oxigraph")
    return str(beside) if beside.exists() else shutil.which("oxigraph")


#: Short names of the steps, for --steps, in the order they run.
STEPS = ("convert", "bulk", "oxigraph", "nq", "nqagain", "mirror", "again", "queries")


def steps(root: Path, folder: Path) -> list[tuple[str, str, list[str], Path | None, Path | None]]:
    """(short name, name, command, stdout file, store folder) of each step on one mirror."""
    rdfbib = [sys.executable, "-m", "rdfbib"]
    nq = folder / "works.nq"
    bulk = "import pyoxigraph as ox, sys; s = ox.Store(sys.argv[1]); s.bulk_load(path=sys.argv[2], format=ox.RdfFormat.N_QUADS); s.flush()"
    binary = oxigraph_binary()
    return [
        ("convert", "rdfbib convert -f nq", [*rdfbib, "convert", str(root), "-f", "nq", "-q"], nq, None),
        ("bulk", "pyoxigraph bulk_load", [sys.executable, "-c", bulk, str(folder / "store-bulk"), str(nq)], None, folder / "store-bulk"),
        *([("oxigraph", "oxigraph load", [binary, "load", "--location", str(folder / "store-oxigraph"), "--file", str(nq)], None, folder / "store-oxigraph")] if binary else []),
        ("nq", "rdfbib load FILE.nq", [*rdfbib, "load", str(nq), "--store", str(folder / "store-nq"), "-q", "--no-link"], None, folder / "store-nq"),
        ("nqagain", "rdfbib load FILE.nq, again", [*rdfbib, "load", str(nq), "--store", str(folder / "store-nq"), "-q", "--no-link"], None, folder / "store-nq"),
        ("mirror", "rdfbib load MIRROR", [*rdfbib, "load", str(root), "--store", str(folder / "store-redif"), "-q", "--no-link"], None, folder / "store-redif"),
        ("again", "rdfbib load MIRROR, again", [*rdfbib, "load", str(root), "--store", str(folder / "store-redif"), "-q", "--no-link"], None, folder / "store-redif"),
    ]


_VARIED_TITLE = re.compile(rb'^<([^>]+)> <http://schema.org/name> "([^"\\]*: \w+ \w+ \w+ \d+)" ', re.MULTILINE)
LOOKUP = 'PREFIX schema: <http://schema.org/>\nSELECT ?work WHERE {{ ?work schema:name "{title}" }}'
ONE_WORK_AUTHORS = """PREFIX schema: <http://schema.org/>
SELECT ?position ?name WHERE {{
  ?work schema:name "{title}" ; schema:author ?author .
  ?author schema:position ?position ; schema:name ?name .
}} ORDER BY ?position"""


def queries(folder: Path, store: Path, timeout: float) -> None:
    """Time each query on ``store``, rows counted; Oxigraph's plan of each in ``folder``."""
    with (folder / "works.nq").open("rb") as nq:
        nq.seek(max(0, nq.seek(0, os.SEEK_END) - (1 << 20)))
        title = _VARIED_TITLE.findall(nq.read())[-1][1].decode()
    texts = {path.stem: path.read_text(encoding="utf-8") for path in sorted((ROOT / "examples" / "queries").glob("*.rq"))}
    texts["title-lookup"] = LOOKUP.format(title=title)
    texts["one-work-authors-in-order"] = ONE_WORK_AUTHORS.format(title=title)
    binary = oxigraph_binary()
    print(f"queries on {store.name} ({disk_mb(store):.0f} MB); title: {title}")
    for name, text in texts.items():
        answer = folder / f"answer-{name}.tsv"
        result = measured([sys.executable, "-m", "rdfbib", "query", text, "--store", str(store), "-f", "tsv", "--timeout", str(timeout)], answer)
        rows = max(0, answer.read_bytes().count(b"\n") - 1)
        cut = " (cut by --timeout: no complete answer)" if result["wall"] >= timeout else ""
        print(f"  {name:<28} {rows:>8} rows {result['wall']:>7.2f} s{cut} (with the ~0.5 s of starting rdfbib query)  peak RSS {result['rss']:.0f} MB", flush=True)
        if binary and not cut:
            subprocess.run([binary, "query", "--location", str(store), "--query", text, "--results-format", "tsv", "--results-file", str(folder / "answer-oxigraph.tsv"),
                            "--explain-file", str(folder / f"explain-{name}.txt"), "--stats"], check=True, capture_output=True, timeout=2 * timeout)  # fmt: skip


def run(works: int, out: Path, timeout: float, chosen: set[str]) -> None:
    """The ``chosen`` steps on a mirror of ``works`` works, then the table of every step measured on it so far
    (kept in ``RUN/rows.json``, so that steps run at different times make one table: each row says when it
    ran). A step's store is made afresh (each ``again`` reloads the one before); the anchors' stores are removed
    once measured, and the N-Quads store when the mirror's is made (at 1,000,000 works each holds tens of GB)."""
    root, items = make_mirror(works, out, vary)
    folder = out / f"run-{works}"
    folder.mkdir(parents=True, exist_ok=True)
    saved = folder / "rows.json"
    rows: dict[str, dict[str, object]] = json.loads(saved.read_text()) if saved.exists() else {}
    nq = folder / "works.nq"
    for short, name, command, stdout, store in steps(root, folder):
        if short not in chosen:
            continue
        if short == "mirror" and (folder / "store-nq").exists():
            shutil.rmtree(folder / "store-nq")  # disk: the queries read the mirror's store
        if store and short not in ("again", "nqagain") and store.exists():
            shutil.rmtree(store)
        when = time.strftime("%Y-%m-%d %H:%M", time.gmtime())
        result = measured(command, stdout)
        rows = json.loads(saved.read_text()) if saved.exists() else {}  # another run on this size may have added rows
        rows[name] = {"step": name, "works": items, "triples": _lines(nq), **result, "store": disk_mb(store) if store else None, "when": when, "load": os.getloadavg()[0]}
        saved.write_text(json.dumps(rows, indent=1))
        print(_line(rows[name], rows), flush=True)
        if store and short in ("bulk", "oxigraph"):
            shutil.rmtree(store)
    if "oxigraph" in chosen and not oxigraph_binary():
        print(f"{'oxigraph load':<26} not installed (pip install oxigraph): no row")
    if "queries" in chosen:
        queried = folder / "store-redif" if (folder / "store-redif").exists() else folder / "store-nq"
        queries(folder, queried, timeout)
    print(f"\nevery step measured on {works} works (UTC start, 1-minute load average at the end):\n{HEADER}")
    for row in rows.values():
        print(f"{_line(row, rows)}  {row['when']} load {float(row['load']):.1f}")  # type: ignore[arg-type]


def _lines(path: Path) -> int:
    with path.open("rb") as lines:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: lines.read(1 << 20), b""))


HEADER = f"{'step':<26} {'works':>9} {'triples':>11} {'wall s':>8} {'CPU s':>8} {'works/s':>8} {'triples/s':>10} {'peak RSS MB':>11} {'store MB':>9} {'x bulk_load':>11} {'x convert':>9}"


def _line(row: dict[str, object], rows: dict[str, dict[str, object]]) -> str:
    """One table line; the ratios against the rows measured so far (bulk_load's and the conversion's)."""
    wall = float(row["wall"])  # type: ignore[arg-type]
    works, triples = int(row["works"]), int(row["triples"])  # type: ignore[call-overload]
    bulk = next((float(r["wall"]) for r in rows.values() if r["step"] == "pyoxigraph bulk_load"), None)  # type: ignore[arg-type]
    convert = next((float(r["wall"]) for r in rows.values() if r["step"] == "rdfbib convert -f nq"), None)  # type: ignore[arg-type]
    x_bulk = f"{bulk / wall:.2f}" if bulk and row["step"] != "rdfbib convert -f nq" else ""
    x_convert = f"{wall / convert:.2f}" if convert and "MIRROR" in str(row["step"]) else ""
    store = f"{row['store']:.0f}" if row["store"] is not None else ""
    return (f"{row['step']:<26} {works:>9} {triples:>11} {wall:>8.1f} {float(row['cpu']):>8.1f} {works / wall:>8.0f} {triples / wall:>10.0f} "
            f"{row['rss']:>11.0f} {store:>9} {x_bulk:>11} {x_convert:>9}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--works", type=int, nargs="+", default=[100_000], help="works (item templates) per run [100000]")
    parser.add_argument("--out", type=Path, default=Path("/tmp/rdfbib-scale"), help="where mirrors, N-Quads and stores go [/tmp/rdfbib-scale]")
    parser.add_argument("--query-timeout", type=float, default=60, help="seconds each query may take [60]")
    parser.add_argument("--steps", nargs="+", choices=STEPS, default=list(STEPS), help="steps to run [all]; the N-Quads file is made by convert, and kept")
    args = parser.parse_args()
    print(f"ReDIF from {'../shared/corpus/redif' if SHARED.is_dir() else 'tests/fixtures/redif'}; {os.cpu_count()} cores; niceness {os.nice(0)}")
    for works in args.works:
        print(HEADER)
        run(works, args.out, args.query_timeout, set(args.steps))
        print()
    print("x bulk_load: bulk_load's wall time over the step's (same triples); x convert: the step's time over the conversion's")


if __name__ == "__main__":
    main()
