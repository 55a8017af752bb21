"""Crawl throughput against the local synthetic IDEAS site, with the politeness interval set to 0.

    python bench/crawl.py [--pages N] [--cache]

The site (tests/site.py, N pages each citing three and cited by three) is served by a separate
process so the server does not share the crawler's interpreter. Records are serialised to N-Quads
as `rdfbib crawl` writes them (to /dev/null). Prints pages/s and the crawler's peak memory.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SERVER = """
import sys, time
from tests.site import Site, big_site
site = Site(big_site(int(sys.argv[1])), robots=None).start()
print(site.origin, flush=True)
sys.stdin.read()
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--cache", action="store_true", help="go through a (fresh) HTTP cache, as the CLI does by default")
    args = parser.parse_args()

    from rdfbib.batch import Job
    from rdfbib.crawl import CrawlState, crawl
    from rdfbib.fetch import Fetcher
    from rdfbib.pipeline import Result

    server = subprocess.Popen([sys.executable, "-c", SERVER, str(args.pages)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        origin = server.stdout.readline().strip()  # type: ignore[union-attr]
        job = Job("nq")
        done = 0

        def emit(result: Result, depth: int) -> None:
            nonlocal done
            if result.error is not None:
                raise SystemExit(f"failed: {result.source}: {result.error}")
            for part in result.rendered:
                sink.write(part.data)  # what `rdfbib crawl` writes, thrown away
            done += 1

        with tempfile.TemporaryDirectory() as folder, open(os.devnull, "wb") as sink:
            cache = Path(folder) / "cache" if args.cache else False
            fetcher = Fetcher(interval=0, cache=cache, mirrors={"https://ideas.repec.org": origin})
            with fetcher, CrawlState(Path(folder) / "state.sqlite") as state:
                start = time.perf_counter()
                crawl(["https://ideas.repec.org/p/zzz/wpaper/00000.html"], emit, fetcher=fetcher, state=state, depth=args.pages, finish=job.render)
                elapsed = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{done} pages in {elapsed:.1f} s: {done / elapsed:.0f} pages/s (interval 0, cache {'on' if args.cache else 'off'}); peak memory {peak:.0f} MB")
    finally:
        server.stdin.close()  # type: ignore[union-attr]
        server.wait(10)


if __name__ == "__main__":
    main()
