"""Reading time against page size: ten times the entries should cost about ten times the time.

    python bench/linear.py

The tests prove the same by counting operations (tests/counting.py), which no load on the machine
can change; this measures the time itself. Each row: seconds to read a page with N entries and with
10 N (CPU time of this process, best of 3), and the ratios of time and of operations (function calls).
"""

from __future__ import annotations

import html
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import corpus  # noqa: E402

from rdfbib.page import Page  # noqa: E402
from rdfbib.readers import get  # noqa: E402
from tests.counting import operations  # noqa: E402


def seconds(read, page: Page) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        read(page)
        best = min(best, time.process_time() - start)
    return best


def publisher_page(n: int) -> Page:
    """A landing page with n authors (each with an institution) and 2 n citation_reference tags."""
    tags = ['<meta name="citation_title" content="Big">']
    for i in range(n):
        tags.append(f'<meta name="citation_author" content="Author{i} Name"><meta name="citation_author_institution" content="Lab {i}">')
    for i in range(2 * n):
        value = html.escape(f"citation_journal_title=J{i}; citation_title=T{i}; citation_author=A{i} B, C{i} D; citation_volume={i}; citation_pages=1-2")
        tags.append(f'<meta name="citation_reference" content="{value}">')
    return Page(f"<html><head>{''.join(tags)}</head><body></body></html>", source=f"publisher-{n}")


def main() -> None:
    cases = [
        ("ideas-html", "citing works", 500, 5000, lambda size: Page(corpus.page(size, 0)[1], source=size)),
        ("ideas-text", "citing works", 500, 5000, lambda size: Page(corpus.page(size, 0)[0], source=size)),
        ("publisher-html", "authors", 250, 2500, publisher_page),
    ]
    print(f"{'reader':<16} {'entries':>13} {'seconds':>15} {'time ratio':>10} {'ops ratio':>9}")
    for name, what, small_n, large_n, build in cases:
        reader = get(name)
        if name.startswith("ideas"):
            small, large = build("cited500"), build("huge")
        else:
            small, large = build(small_n), build(large_n)
        t_small, t_large = seconds(reader.read, small), seconds(reader.read, large)
        o_small, o_large = operations(reader.read, small), operations(reader.read, large)
        print(f"{name:<16} {small_n:>5}/{large_n:<5} {what[:1]} {t_small:>6.3f}/{t_large:<7.3f} {t_large / t_small:>10.1f} {o_large / o_small:>9.1f}")


if __name__ == "__main__":
    main()
