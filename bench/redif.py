"""ReDIF throughput: ``rdfbib convert MIRROR -f nq`` on a generated RePEc mirror, one job and ``--jobs 2``.

    python bench/redif.py                      # 20,000 and 100,000 item templates: CLI runs, peak RSS, library path
    python bench/redif.py --sizes 5000         # other sizes
    python bench/redif.py --profile 20000      # cProfile of the one-job CLI run: where the time goes

The mirror is made at run time in bench/out/redif-mirror-{N}/RePEc/ (git-ignored, reused when there)
from the real files of ../shared/corpus/redif (without ../shared, from tests/fixtures/redif), laid
out as RePEc lays archives out: each archive's ``{arch}arch.rdf`` and ``{arch}seri.rdf`` once, and
its item files repeated in their series folder with every handle changed (``-c{n}`` appended), so N
item templates are N distinct works, named by their series as in a real mirror.

Each run is ``python -m rdfbib convert MIRROR -f nq -q`` in a fresh process writing to a pipe that
this script drains and counts (one N-Quad a line: the triples). CPU is the command's own and its
workers' (user + system); peak RSS is the largest process's (``ru_maxrss``) and the whole process
tree's, sampled every 50 ms from /proc. The library row is the reader, the mapper's ``terms`` and
the streaming N-Quads writer in one loop, without the command line around them: what the CLI adds
is the difference.
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
import threading
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
SHARED = ROOT.parent / "shared" / "corpus" / "redif"
FIXTURES = ROOT / "tests" / "fixtures" / "redif"
#: The real files whose templates are items, archives or series (persons and institutions are not in an archive's folder).
REAL_FILES = (
    "BER_repec__cxs_cxsarch.rdf",
    "BER_repec__cxs_cxsseri.rdf",
    "BER_repec__cxs_wpaper.rdf",
    "CEU_RePEc__ceu_ceuarch.rdf",
    "CEU_RePEc__ceu_econwp_2025_2.rdf",
    "ReDIF-perl-2.69_t__lrk_eeaart_22_3.rdf",
    "UTK_repec__ten_tenseri.rdf",
    "UTK_repec__ten_wpaper_2025-04.redif",
    "unjournal_pypubpub__repec_rdfs_eval2024_01.rdf",
    "webmaster-cepr_RePEc__epo_booksx_2011.rdf",
    "webmaster-cepr_RePEc__epo_eposeri.rdf",
    "webmaster-cepr_RePEc__epo_papers_2009.rdf",
)
FIXTURE_FILES = ("archive.redif", "series-journal.redif", "wpaper.rdf", "articles-latin1.rdf", "paper-blank-lines.redif", "book-cp1252.rdf")
_HANDLE = re.compile(rb"^(Handle:\s*RePEc:[^:\s]+:[^:\s]+:)(\S+)", re.IGNORECASE | re.MULTILINE)
_FIRST_HANDLE = re.compile(rb"^Handle:\s*RePEc:([^:\s]+)(?::([^:\s]+))?", re.IGNORECASE | re.MULTILINE)
_TYPE = re.compile(rb"^Template-Type:\s*ReDIF-(\w+)", re.IGNORECASE | re.MULTILINE)
_ITEM_TYPES = {b"paper", b"article", b"chapter", b"book", b"software"}


def sources() -> list[tuple[str, bytes]]:
    if SHARED.is_dir():
        return [(name, (SHARED / name).read_bytes()) for name in REAL_FILES]
    return [(name, (FIXTURES / name).read_bytes()) for name in FIXTURE_FILES]


def place(name: str, data: bytes) -> tuple[str, bool]:
    """Where a file goes in a mirror, from its first handle and template type; True for an item file."""
    handle = _FIRST_HANDLE.search(data)
    kind = _TYPE.search(data)
    assert handle and kind, name
    archive = handle.group(1).decode().lower()
    if kind.group(1).lower() == b"archive":
        return f"{archive}/{archive}arch.rdf", False
    if kind.group(1).lower() == b"series":
        return f"{archive}/{archive}seri.rdf", False
    suffix = ".redif" if name.endswith(".redif") else ".rdf"
    return f"{archive}/{handle.group(2).decode().lower()}/{Path(name).stem}{suffix}", True


def item_templates(data: bytes) -> int:
    return sum(1 for m in _TYPE.finditer(data) if m.group(1).lower() in _ITEM_TYPES)


def rename(data: bytes, copy: int) -> bytes:
    """An item file's templates under handles of their own for copy ``copy`` (``-c{n}`` appended)."""
    return _HANDLE.sub(lambda m: m.group(1) + m.group(2) + b"-c%d" % copy, data)


def make_mirror(templates: int, out: Path = OUT, vary: Callable[[bytes, int], bytes] = rename) -> tuple[Path, int]:
    """A mirror of at least ``templates`` item templates in ``out`` (reused when it exists), and how many it
    holds; copy ``n`` of an item file is ``vary(data, n)``."""
    folder = out / f"redif-mirror-{templates}"
    root = folder / "RePEc"
    files = [(name, data, *place(name, data)) for name, data in sources()]
    per_copy = sum(item_templates(data) for _, data, _, item in files if item)
    copies = -(-templates // per_copy)
    if not folder.is_dir():
        tmp = folder.with_suffix(".part")
        for name, data, rel, item in files:
            if not item:
                (tmp / "RePEc" / rel).parent.mkdir(parents=True, exist_ok=True)
                (tmp / "RePEc" / rel).write_bytes(data)
                continue
            target = tmp / "RePEc" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            for copy in range(copies):
                target.with_name(f"c{copy:06d}-{target.name}").write_bytes(vary(data, copy))
        tmp.rename(folder)
    return root, copies * per_copy


# -- the command line ----------------------------------------------------------------------------------


def _tree_rss(pid: int) -> int:
    """Resident kB of a process and its descendants, from /proc (0 when it is gone)."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))
            for task in Path(f"/proc/{current}/task").iterdir():
                stack.extend(int(child) for child in (task / "children").read_text().split())
        except (OSError, StopIteration, ValueError):
            continue
    return total


def watch(process: subprocess.Popen) -> tuple[threading.Thread, list[int]]:
    """A thread sampling the resident kB of ``process`` and its descendants every 50 ms until it ends, and
    the peak (one item, updated as it runs)."""
    peak = [0]

    def sample() -> None:
        while process.poll() is None:
            peak[0] = max(peak[0], _tree_rss(process.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    return sampler, peak


def cli_run(root: Path, jobs: int) -> dict[str, float]:
    """``rdfbib convert ROOT -f nq -q --jobs N`` in a fresh process; quads, seconds, CPU and peak RSS."""
    command = [sys.executable, "-m", "rdfbib", "convert", str(root), "-f", "nq", "-q", "--jobs", str(jobs)]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, cwd=ROOT)
    sampler, peak = watch(process)
    quads = 0
    assert process.stdout is not None
    while chunk := process.stdout.read(1 << 20):
        quads += chunk.count(b"\n")
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    sampler.join()
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"{' '.join(command)} failed")
    return {"quads": quads, "wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024, "tree": peak[0] / 1024}


# -- the library path, for comparison ---------------------------------------------------------------------


def library_run(root: Path) -> dict[str, float]:
    """Read, map and write N-Quads for every file of the mirror in one loop; counts and CPU seconds."""
    sys.path.insert(0, str(ROOT))
    from rdfbib import readers
    from rdfbib.formats import open_writer
    from rdfbib.mapping import Mapper
    from rdfbib.pipeline import load_page

    reader, mapper = readers.get("redif"), Mapper()
    writer = open_writer("nq", io.BufferedWriter(open(os.devnull, "wb"), 1 << 20))  # noqa: SIM115
    counts = {"records": 0, "quads": 0}
    cpu = time.process_time()
    for path in sorted(root.rglob("*.*")):
        for outcome in reader.read_all(load_page(path)):
            if isinstance(outcome, Exception):
                continue
            terms = mapper.terms(outcome)
            counts["records"] += 1
            counts["quads"] += len(set(terms))
            writer.write(mapper.graph_iri(outcome), terms)
    writer.close()
    counts["cpu"] = time.process_time() - cpu
    counts["rss"] = _own_peak_rss()
    return counts


def _own_peak_rss() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def library_child(root: Path) -> None:
    print(" ".join(f"{k}={v}" for k, v in library_run(root).items()))


def profile(root: Path) -> None:
    """cProfile of the one-job command in this process."""
    sys.path.insert(0, str(ROOT))
    from rdfbib.cli import main

    devnull = os.open(os.devnull, os.O_WRONLY)
    saved = os.dup(1)
    os.dup2(devnull, 1)
    profiler = cProfile.Profile()
    try:
        profiler.runcall(main, ["convert", str(root), "-f", "nq", "-q"], standalone_mode=False)
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 100_000], help="item templates per mirror [20000 100000]")
    parser.add_argument("--profile", type=int, metavar="N", help="profile the one-job command on a mirror of N item templates instead")
    parser.add_argument("--library", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.library:
        library_child(args.library)
        return
    if args.profile:
        profile(make_mirror(args.profile)[0])
        return
    mirrors = [make_mirror(size) for size in args.sizes]  # made before anything is measured
    print(f"ReDIF files from {'../shared/corpus/redif' if SHARED.is_dir() else 'tests/fixtures/redif'}; {os.cpu_count()} cores")
    print(f"{'run':<28} {'items':>7} {'files':>6} {'quads':>9} {'wall s':>7} {'CPU s':>7} {'items/CPU s':>11} {'items/s':>8} {'quads/s':>8} {'RSS MB':>7} {'tree MB':>8}")
    for root, items in mirrors:
        files = sum(1 for _ in root.rglob("*.*"))
        for jobs in (1, 2):
            r = cli_run(root, jobs)
            print(f"{'rdfbib convert -f nq -j ' + str(jobs):<28} {items:>7} {files:>6} {r['quads']:>9.0f} {r['wall']:>7.1f} {r['cpu']:>7.1f} "
                  f"{items / r['cpu']:>11.0f} {items / r['wall']:>8.0f} {r['quads'] / r['wall']:>8.0f} {r['rss']:>7.0f} {r['tree']:>8.0f}")  # fmt: skip
        child = subprocess.run([sys.executable, __file__, "--library", str(root)], capture_output=True, text=True, check=True)
        c = {k: float(v) for k, v in (pair.split("=") for pair in child.stdout.split())}
        print(f"{'library loop (1 process)':<28} {items:>7} {files:>6} {c['quads']:>9.0f} {'':>7} {c['cpu']:>7.1f} "
              f"{items / c['cpu']:>11.0f} {'':>8} {c['quads'] / c['cpu']:>8.0f} {c['rss']:>7.0f} {'':>8}")  # fmt: skip


if __name__ == "__main__":
    main()
