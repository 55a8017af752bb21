"""ReDIF throughput: templates and triples per second, reading + mapping + N-Quads in one process.

    python bench/redif.py                      # 20,000 and 100,000 item templates, peak RSS of each
    python bench/redif.py --sizes 5000         # other sizes
    python bench/redif.py --profile 20000      # cProfile of one run: where the time goes

The archive is made at run time in bench/out/redif-{N}/ (never committed) by repeating the real
item files of ../shared/corpus/redif (or, without ../shared, tests/fixtures/redif) with changed
handles, one folder per copy as a mirror lays out series: so N templates are N distinct works.
Each size runs in a fresh process, so its peak RSS is its own. The reader is the library's
(``readers.get("redif").read_all``), the mapper's ``terms`` and the streaming N-Quads writer: what
``rdfbib convert RePEc/ -f nq`` will run per file once the CLI walks ReDIF folders.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
SHARED = ROOT.parent / "shared" / "corpus" / "redif"
#: Real files whose templates are items (papers, articles, a book), and their encodings as found.
ITEM_FILES = (
    "BER_repec__cxs_wpaper.rdf",
    "ReDIF-perl-2.69_t__lrk_eeaart_22_3.rdf",
    "webmaster-cepr_RePEc__epo_papers_2009.rdf",
    "unjournal_pypubpub__repec_rdfs_eval2024_01.rdf",
    "CEU_RePEc__ceu_econwp_2025_2.rdf",
    "UTK_repec__ten_wpaper_2025-04.redif",
    "webmaster-cepr_RePEc__epo_booksx_2011.rdf",
)
_HANDLE = re.compile(rb"^(Handle:\s*RePEc:[^:\s]+:[^:\s]+:)(\S+)", re.IGNORECASE | re.MULTILINE)
_TEMPLATE = re.compile(rb"^Template-Type:", re.IGNORECASE | re.MULTILINE)


def sources() -> list[tuple[str, bytes]]:
    if SHARED.is_dir():
        return [(name, (SHARED / name).read_bytes()) for name in ITEM_FILES]
    fixtures = ROOT / "tests" / "fixtures" / "redif"
    return [(p.name, p.read_bytes()) for p in sorted(fixtures.glob("*")) if p.name in ("wpaper.rdf", "articles-latin1.rdf", "paper-blank-lines.redif", "book-cp1252.rdf")]


def make_archive(templates: int) -> Path:
    """A folder of at least ``templates`` item templates: copies of the real files, each copy's handles
    suffixed with its number. Reused when it exists."""
    folder = OUT / f"redif-{templates}"
    if folder.is_dir():
        return folder
    tmp = folder.with_suffix(".part")
    made, copy = 0, 0
    files = sources()
    while made < templates:
        for name, data in files:
            changed = _HANDLE.sub(lambda m, n=copy: m.group(1) + m.group(2) + b"-c%d" % n, data)
            target = tmp / f"c{copy // 1000:03d}" / f"{copy:06d}-{name}"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(changed)
            made += len(_TEMPLATE.findall(changed))
        copy += 1
    tmp.rename(folder)
    return folder


def run(folder: Path) -> dict[str, float]:
    """Read, map and write N-Quads for every file of the folder; counts and seconds (CPU of this process)."""
    sys.path.insert(0, str(ROOT))
    from rdfbib import readers
    from rdfbib.formats import open_writer
    from rdfbib.mapping import Mapper
    from rdfbib.pipeline import load_page

    reader, mapper = readers.get("redif"), Mapper()
    out = open(os.devnull, "wb")  # noqa: SIM115
    writer = open_writer("nq", io.BufferedWriter(out, 1 << 20))
    paths = sorted(folder.rglob("*.*"))
    counts = {"files": len(paths), "templates": 0, "records": 0, "errors": 0, "triples": 0}
    wall, cpu = time.perf_counter(), time.process_time()
    for path in paths:
        page = load_page(path)
        for outcome in reader.read_all(page):
            counts["templates"] += 1
            if isinstance(outcome, Exception):
                counts["errors"] += 1
                continue
            terms = mapper.terms(outcome)
            counts["records"] += 1
            counts["triples"] += len(terms)
            writer.write(mapper.graph_iri(outcome), terms)
    writer.close()
    counts["cpu"] = time.process_time() - cpu
    counts["wall"] = time.perf_counter() - wall
    return counts


def child(templates: int) -> None:
    """One size in this process: print its counts (the parent measures RSS)."""
    counts = run(make_archive(templates))
    print(" ".join(f"{k}={v}" for k, v in counts.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 100_000], help="item templates per run [20000 100000]")
    parser.add_argument("--profile", type=int, metavar="N", help="profile one run of N templates instead")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    if args.profile:
        folder = make_archive(args.profile)
        profile = cProfile.Profile()
        profile.runcall(run, folder)
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)
        return
    for size in args.sizes:
        make_archive(size)  # outside the measured process
    print(f"{'templates':>10} {'files':>7} {'errors':>6} {'triples':>10} {'CPU s':>7} {'templates/s':>12} {'triples/s':>10} {'peak RSS MB':>12}")
    for size in args.sizes:
        process = subprocess.Popen([sys.executable, __file__, "--child", str(size)], stdout=subprocess.PIPE, text=True)
        output = process.stdout.read() if process.stdout else ""
        _, status, usage = os.wait4(process.pid, 0)
        if os.waitstatus_to_exitcode(status):
            raise SystemExit(f"the run of {size} templates failed")
        c = {k: float(v) for k, v in (pair.split("=") for pair in output.split())}
        print(f"{c['templates']:>10.0f} {c['files']:>7.0f} {c['errors']:>6.0f} {c['triples']:>10.0f} {c['cpu']:>7.1f} "
              f"{c['templates'] / c['cpu']:>12.0f} {c['triples'] / c['cpu']:>10.0f} {usage.ru_maxrss / 1024:>12.0f}")  # fmt: skip


if __name__ == "__main__":
    main()
