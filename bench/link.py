"""The link step's time on stores of growing size: ten times the records should cost about ten times.

    python bench/link.py [N ...]        # default: 100 1000

Each store holds N copies of the seed page under other handles (tests/test_store.py's ``variants``) and
the pages of tests/fixtures/link-pairs, loaded into a fresh embedded store in a temporary folder. Each
row: records, triples, works read, links made, and the wall-clock seconds of one ``rdfbib.link.link``
(reads, matching and the write of ``{BASE}links``). The tests prove linearity by counting operations.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from rdfbib import extract  # noqa: E402
from rdfbib.link import link  # noqa: E402
from rdfbib.store import load_records, open_store  # noqa: E402
from tests.test_store import variants  # noqa: E402

PAIRS = HERE.parent / "tests" / "fixtures" / "link-pairs"


def main(sizes: list[int]) -> None:
    print("records  triples    works  links  seconds")
    for n in sizes:
        with tempfile.TemporaryDirectory() as folder:
            pages = variants(Path(folder) / "pages", n) + sorted(p for p in PAIRS.glob("*/*.*"))
            with open_store(Path(folder) / "store") as store:
                loaded = load_records(store, [extract(p) for p in pages])
                start = time.perf_counter()
                report = link(store)
                seconds = time.perf_counter() - start
            print(f"{loaded.loaded:7d} {loaded.triples:8d} {report.works:8d} {report.links:6d} {seconds:8.2f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1000])
