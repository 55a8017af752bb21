"""Where conversion spends its CPU, stage by stage: the shares a compiled hot path would be measured against.

    python bench/stages.py                     # ReDIF (20,000 item templates), typical IDEAS HTML and text, publisher pages
    python bench/stages.py --redif 100000 --pages 1000

One process, no command line: each source is loaded (file read and decoded), its reader chosen and run
(detection and reading: for ReDIF the syntax and the records), its lists cut (``page.limit_record``),
mapped (``Mapper.terms``) and formatted as N-Quads (``NQuadsWriter.render_counted``), one record at a
time as ``rdfbib convert`` does; each stage's CPU time (``time.process_time``) is summed over the run.
The lxml row is ``lxml.html.fromstring`` of the same HTML text, the floor any HTML reader pays (it is
not part of the total). ReDIF mirrors come from ``bench/redif.py`` (real files of ../shared/corpus/redif
with changed handles), IDEAS pages from ``bench/corpus.py`` (typical: 5 authors, 20 references, 20 citing
works), publisher pages are the saved pages of ../shared/corpus/publisher-html, each read five times.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import corpus  # noqa: E402
import redif  # noqa: E402

if TYPE_CHECKING:
    from rdfbib.page import Page

STAGES = ("load", "read", "limit", "map", "n-quads")
PUBLISHER = HERE.parent.parent / "shared" / "corpus" / "publisher-html"


def measure(paths: Iterable[Path], html: bool) -> tuple[dict[str, float], int, int, float, bool]:
    """CPU seconds per stage, records, triples, the lxml floor's seconds for HTML pages, and ``html``."""
    import lxml.html

    from rdfbib.formats import open_writer
    from rdfbib.mapping import Mapper
    from rdfbib.page import limit_record
    from rdfbib.pipeline import load_page

    mapper, writer = Mapper(), open_writer("nq", io.BytesIO())
    spent = dict.fromkeys(STAGES, 0.0)
    records = triples = 0
    floor = 0.0
    clock = time.process_time
    for path in paths:
        t0 = clock()
        page = load_page(path)
        t1 = clock()
        if html:
            lxml.html.fromstring(page.text)
        t2 = clock()
        spent["load"] += t1 - t0
        floor += t2 - t1
        for record in _timed(_read(path, page), spent):
            if isinstance(record, Exception):
                continue
            t3 = clock()
            limit_record(record)
            t4 = clock()
            terms = list(mapper.terms(record))
            t5 = clock()
            triples += writer.render_counted(mapper.graph_iri(record), terms)[1]
            t6 = clock()
            spent["limit"] += t4 - t3
            spent["map"] += t5 - t4
            spent["n-quads"] += t6 - t5
            records += 1
    return spent, records, triples, floor, html


def _read(path: Path, page: Page) -> Iterator[object]:
    """Detection (the reader for the page) and reading, lazily, so that both count in the read stage."""
    from rdfbib.pipeline import reader_for

    reader = reader_for(path, page)
    if hasattr(reader, "read_all"):
        yield from reader.read_all(page)
    else:
        yield reader.read(page)


def _timed(found: Iterator[object], spent: dict[str, float]) -> Iterator[object]:
    """The reader's records, the time taken to make each one added to the read stage (ReDIF reads lazily)."""
    while True:
        start = time.process_time()
        record = next(found, None)
        spent["read"] += time.process_time() - start
        if record is None:
            return
        yield record


def row(name: str, spent: dict[str, float], records: int, triples: int, floor: float, html: bool) -> str:
    total = sum(spent.values())
    shares = " | ".join(f"{spent[s]:.2f} ({100 * spent[s] / total:.0f} %)" for s in STAGES)
    lxml_rate = f"{records / floor:,.0f}" if html else ""
    return f"| {name} | {records:,} | {triples / records:,.0f} | {shares} | {total:.2f} | {records / total:,.0f} | {lxml_rate} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--redif", type=int, default=20_000, help="item templates in the ReDIF mirror [20000]")
    parser.add_argument("--pages", type=int, default=300, help="typical IDEAS pages of each kind [300]")
    parser.add_argument("--out", type=Path, default=redif.OUT, help="where mirrors and pages are made [bench/out]")
    args = parser.parse_args()
    root, _ = redif.make_mirror(args.redif, args.out)
    html_dir, text_dir = args.out / f"stages-html-{args.pages}", args.out / f"stages-text-{args.pages}"
    html = sorted(html_dir.glob("*")) or corpus.write(html_dir, "typical", args.pages, "html")
    text = sorted(text_dir.glob("*")) or corpus.write(text_dir, "typical", args.pages, "text")
    print("| source | records | triples / record | " + " | ".join(f"{s} s" for s in STAGES) + " | total CPU s | records / CPU s | lxml parse / CPU s |")
    print("|---|---:|---:|" + "---:|" * (len(STAGES) + 3))
    print(row("ReDIF mirror", *measure(sorted(p for p in root.rglob("*.*")), html=False)))
    print(row("IDEAS HTML, typical", *measure(html, html=True)))
    print(row("IDEAS text, typical", *measure(text, html=False)))
    if PUBLISHER.is_dir():
        print(row("publisher pages (x5)", *measure(sorted(PUBLISHER.glob("*.htm*")) * 5, html=True)))


if __name__ == "__main__":
    main()
