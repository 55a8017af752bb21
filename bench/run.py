"""rdfbib's benchmark: one table, every figure absolute and as a ratio to the floor measured in the same run.

    python bench/run.py                 # the full run (a few minutes on 2 cores)
    python bench/run.py --quick         # smaller counts, for a smoke test

The floor is what any converter must pay: lxml.html.fromstring on the same HTML pages, and reading
the text pages. Pages come from bench/corpus.py (deterministic): typical (5 authors, 20 references,
20 citing works), large (200 citing works) and huge (5,000 citing works).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

RDFBIB = [sys.executable, "-m", "rdfbib"]


def floor(paths: list[Path]) -> float:
    """Seconds to parse (HTML) or read and decode (text) every page once."""
    import lxml.html

    start = time.perf_counter()
    for path in paths:
        data = path.read_bytes()
        if path.suffix == ".html":
            lxml.html.fromstring(data)
        else:
            data.decode("utf-8")
    return time.perf_counter() - start


def cli(args: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB, the rdfbib process itself) of one command."""
    start = time.perf_counter()
    process = subprocess.Popen([*RDFBIB, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"rdfbib {' '.join(args)} failed")
    return elapsed, usage.ru_maxrss


def triples(folder: Path) -> int:
    out = Path(tempfile.mkdtemp()) / "count.nq"
    subprocess.run([*RDFBIB, "convert", str(folder), "-f", "nq", "-q", "-o", str(out), "--jobs", "2"], check=True, cwd=ROOT)
    with open(out, "rb") as stream:
        return sum(1 for _ in stream)


def row(name: str, pages: int, seconds: float, floor_rate: float, n_triples: int | None = None, rss: int | None = None) -> str:
    rate = pages / seconds
    extra = f"{n_triples / seconds:>12,.0f}" if n_triples else f"{'':>12}"
    memory = f"{rss / 1024:>8.0f}" if rss else f"{'':>8}"
    return f"| {name:<44} | {rate:>9,.1f} | {rate / floor_rate:>7.3f}x | {extra} | {memory} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small counts (smoke test)")
    parser.add_argument("--pages", type=int, default=1000, help="typical pages per kind [1000]")
    parser.add_argument("--rss-pages", type=int, default=20000, help="pages for the large-batch memory run [20000]")
    args = parser.parse_args()
    if args.quick:
        args.pages, args.rss_pages = 100, 1000
    work = Path(tempfile.mkdtemp(prefix="rdfbib-bench-"))
    try:
        html = corpus.write(work / "typical-html", "typical", args.pages, "html")
        text = corpus.write(work / "typical-txt", "typical", args.pages, "txt")
        large = corpus.write(work / "large-html", "large", max(args.pages // 20, 5), "html")
        huge = corpus.write(work / "huge-html", "huge", 2, "html")
        print(f"corpus: {len(html)} typical HTML, {len(text)} typical text, {len(large)} large, {len(huge)} huge pages in {work}\n")
        floor_html = len(html) / floor(html)
        floor_text = len(text) / floor(text)
        n_html = triples(work / "typical-html")
        lines = ["| what | pages/s | vs floor | triples/s | RSS MiB |", "|---|---:|---:|---:|---:|"]
        lines.append(row("floor: lxml.html.fromstring, typical HTML", len(html), len(html) / floor_html, floor_html))
        lines.append(row("floor: read + decode, typical text", len(text), len(text) / floor_text, floor_text))
        for fmt in ("nq", "turtle", "json-ld"):
            for jobs in (1, 2):
                seconds, rss = cli(["convert", str(work / "typical-html"), "-f", fmt, "-q", "-o", str(work / f"out.{fmt}"), "--jobs", str(jobs)])
                lines.append(row(f"convert typical HTML -> {fmt}, --jobs {jobs}", len(html), seconds, floor_html, n_html, rss))
        seconds, rss = cli(["convert", str(work / "typical-txt"), "-f", "nq", "-q", "-o", str(work / "out-txt.nq")])
        lines.append(row("convert typical text -> nq, --jobs 1", len(text), seconds, floor_text, None, rss))
        for name, pages in (("large", large), ("huge", huge)):
            floor_rate = len(pages) / floor(pages)
            seconds, rss = cli(["convert", str(pages[0].parent), "-f", "nq", "-q", "-o", str(work / f"{name}.nq")])
            lines.append(row(f"convert {name} HTML -> nq ({len(pages)} pages)", len(pages), seconds, floor_rate, None, rss))
        for count in (min(1000, args.rss_pages), args.rss_pages):
            folder = work / f"rss-{count}"
            folder.mkdir()
            for i in range(count):  # the same pages again: memory, not parsing, is measured here
                os.link(html[i % len(html)], folder / f"p{i:06d}.html")
            seconds, rss = cli(["convert", str(folder), "-f", "nq", "-q", "-o", str(work / "rss.nq"), "--jobs", "2"])
            lines.append(row(f"convert {count} pages -> nq, --jobs 2 (memory)", count, seconds, floor_html, None, rss))
            shutil.rmtree(folder)
        start = time.perf_counter()
        subprocess.run([*RDFBIB, "--help"], check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
        help_seconds = time.perf_counter() - start
        seed_seconds, _ = cli(["convert", "examples/seed-ideas-nature17038.txt", "-o", str(work / "seed.ttl")])
        store = work / "store"
        seconds, rss = cli(["load", str(work / "typical-html"), "--store", str(store), "-q"])
        lines.append(row("load typical HTML into the embedded store", len(html), seconds, floor_html, n_html, rss))
        print("\n".join(lines))
        print(f"\nrdfbib --help: {help_seconds:.3f} s wall; rdfbib convert examples/seed-ideas-nature17038.txt: {seed_seconds:.3f} s wall")
        print(f"typical page: {n_html / len(html):,.0f} triples")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
