"""A synthetic IDEAS site on a real HTTP server (127.0.0.1, a free port), and its fault endpoints.

Pages follow tests/fixtures/ideas-html/article-full.html, i.e. the live IDEAS layout that
rdfbib/readers/ideas_html.py reads: ``handle`` meta tag and canonical link, ``div#title h1``,
``#biblio-body``, the "Other versions of this item:" list, and the References (``#refs``) and
Cited by (``#cites``) panes whose entries link their bold title to ``/<letter>/<archive>/<series>/<item>.html``
and their series to ``/s/<archive>/<series>.html``. Titles, names and handles are invented.

The server records every request (arrival time on the monotonic clock, path, headers) and counts
bodies served in full, so tests can check what a client fetched, how often and how fast.
"""

from __future__ import annotations

import hashlib
import html
import socket
import struct
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import pairwise

ARCHIVE = "zzz"


@dataclass
class Item:
    """One synthetic work: an IDEAS working paper ``/p/zzz/<series>/<number>.html``."""

    number: str
    title: str
    author: str
    year: int
    series: str = "wpaper"
    references: list[str] = field(default_factory=list)  # numbers of the items it cites
    cited_by: list[str] = field(default_factory=list)
    versions: list[str] = field(default_factory=list)

    @property
    def path(self) -> str:
        return f"/p/{ARCHIVE}/{self.series}/{self.number}.html"

    @property
    def handle(self) -> str:
        return f"RePEc:{ARCHIVE}:{self.series}:{self.number}"

    @property
    def key(self) -> str:
        return f"{ARCHIVE}/{self.series}/{self.number}"


def small_site() -> dict[str, Item]:
    """Seed 01 and its neighbourhood: depth 1 = 02, 03, 04 (cites 01) and 05 (other version);
    depth 2 = 06, 07, 08; depth 3 = 09, 10 (must not be fetched at depth 2)."""
    items = [
        Item("01", "Tides and the price of harbour credit", "Odile Brightwater", 2021, references=["02", "03"], cited_by=["04"], versions=["05"]),
        Item("02", "Fog and the cost of coastal trade", "Halvard Stormcrow", 2015, references=["06"]),
        Item("03", "Salt, silt and savings", "Ysolde Marrack", 2018, cited_by=["07", "01"]),
        Item("04", "Low water, high rates", "Amadou Kerrigan-Lowe", 2024, references=["01", "08"]),
        Item("05", "Tides and the price of harbour credit (early draft)", "Odile Brightwater", 2019),
        Item("06", "Lighthouses as club goods", "Corwin Ashdown", 2010, references=["09"]),
        Item("07", "Moon phases and microcredit", "Petronella Vance", 2023, references=["03"]),
        Item("08", "Ferries, fares and folk theorems", "Ingrid Thornbury", 2020, cited_by=["10"]),
        Item("09", "A note on buoys", "Ada Penrose", 2001),
        Item("10", "Quay rents revisited", "Tobias Fenwright", 2025, references=["08"]),
    ]
    return {item.number: item for item in items}


def big_site(n: int) -> dict[str, Item]:
    """``n`` pages, each citing the next three and cited by the previous three (for benchmarks)."""
    items = {}
    for i in range(n):
        number = f"{i:05d}"
        refs = [f"{(i + k) % n:05d}" for k in (1, 2, 3)]
        cites = [f"{(i - k) % n:05d}" for k in (1, 2, 3)]
        items[number] = Item(number, f"Synthetic study number {i}", f"Author{i} Example", 2000 + i % 25, references=refs, cited_by=cites)
    return items


def _entry(item: Item) -> str:
    """One References / Cited by entry as IDEAS prints it: bold linked title, linked series."""
    return (
        f'<li>{html.escape(item.author)}, {item.year}. "<b><a href="{item.path}">{html.escape(item.title)}</a></b>,"'
        f' <a href="/s/{ARCHIVE}/{item.series}.html">Working Papers</a> {item.number}, Quayside University.</li>'
    )


def render(item: Item, items: dict[str, Item]) -> str:
    """The IDEAS page of ``item``; links to numbers not in ``items`` are left out."""
    refs = "\n".join(_entry(items[n]) for n in item.references if n in items)
    cites = "\n".join(_entry(items[n]) for n in item.cited_by if n in items)
    versions = "\n".join(_entry(items[n]) for n in item.versions if n in items)
    title = html.escape(item.title)
    author = html.escape(item.author)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<link rel="canonical" href="https://ideas.repec.org{item.path}">
<meta name="citation_title" content="{title}">
<meta name="citation_authors" content="{author};">
<meta name="citation_publication_date" content="{item.year}">
<meta name="redif-type" content="paper">
<meta name="handle" content="{item.handle}">
</head>
<body>
<div id="content">
<div id="title"><h1>{title}</h1></div>
<div class="tab-content">
<div class="tab-pane active" id="author-body" role="tabpanel" aria-labelledby="author-tab">
<div id="listed-authors"><ul id="authorlist"><li><span class="authorname">{author}</span></li></ul></div>
<div id="biblio"><h3>Suggested Citation</h3>
<div id="biblio-body"><ul>
<li class="list-group-item">{author}, {item.year}. "<b><a href="{item.path}">{title}</a></b>," <a href="/s/{ARCHIVE}/{item.series}.html">Working Papers</a> {item.number}, Quayside University.</li>
<li class="list-group-item">Handle: <i>{item.handle}</i></li>
</ul></div></div>
</div>
<div class="tab-pane" id="download" role="tabpanel" aria-labelledby="download-tab">
<p><b>Other versions of this item:</b></p>
<ul>
{versions}
</ul>
</div>
<div class="tab-pane" id="refs" role="tabpanel" aria-labelledby="refs-tab">
<h3>References listed on IDEAS</h3>
<ol>
{refs}
<li>Unlinked Author, 1999. "A reference IDEAS could not match," Some Bulletin 3.</li>
</ol>
</div>
<div class="tab-pane" id="cites" role="tabpanel" aria-labelledby="cites-tab">
<h3>Citations</h3>
<p><b>Cited by:</b></p>
<ol>
{cites}
</ol>
</div>
</div>
</div>
</body>
</html>
"""


#: Fault items (series ``fault``); the hub page cites them all.
FAULTS = ("retry429", "flaky503", "slow", "reset", "loop", "big", "pdf", "secret", "cp1252", "empty", "gone")
ROBOTS = "User-agent: *\nDisallow: /p/zzz/fault/secret.html\nDisallow: /private/\n"
#: Bytes of the oversized page; tests set the client's cap below it.
BIG_BYTES = 300_000
#: Seconds the slow endpoint sleeps; tests set the client's read timeout below it.
SLOW_SECONDS = 1.0
CP1252_TITLE = "Café prices – a €uro study"


def fault_items() -> dict[str, Item]:
    """The fault hub (``/p/zzz/fault/hub.html``) and one item per fault."""
    items = {f: Item(f, f"Fault case {f}", "Test Author", 2020, series="fault") for f in FAULTS}
    items["cp1252"].title = CP1252_TITLE
    items["hub"] = Item("hub", "A page citing every fault", "Test Author", 2020, series="fault", references=list(FAULTS))
    return {f"fault/{k}": v for k, v in items.items()}


@dataclass
class Hit:
    at: float  # time.monotonic() when the request line was read
    path: str
    headers: dict[str, str]


class Site:
    """The server: ``start()``/``stop()``, ``url(path)``, and what was requested."""

    def __init__(self, items: dict[str, Item] | None = None, *, robots: str | None = ROBOTS, redirects: dict[str, str] | None = None) -> None:
        self.items: dict[str, Item] = dict(items or {})
        self.robots = robots
        self.redirects = dict(redirects or {})  # path -> path it moved to (301)
        self.hits: list[Hit] = []
        self.served: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.hold_at: int | None = None  # hold the n-th page request (1-based) until ``release`` is set
        self.held = threading.Event()
        self.release = threading.Event()
        by_number = {i.number: i for i in self.items.values()}
        self.pages = {i.path: render(i, by_number).encode("utf-8") for i in self.items.values()}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        self.server.site = self  # type: ignore[attr-defined]
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def origin(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.origin + path

    def start(self) -> Site:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    def counts(self) -> Counter[str]:
        """Requests per path (robots.txt included)."""
        with self.lock:
            return Counter(h.path for h in self.hits)

    def page_paths(self) -> list[str]:
        """Paths of page requests in arrival order (robots.txt left out)."""
        with self.lock:
            return [h.path for h in self.hits if h.path != "/robots.txt"]

    def gaps(self) -> list[float]:
        """Seconds between consecutive request arrivals (all paths: it is one host)."""
        with self.lock:
            times = sorted(h.at for h in self.hits)
        return [b - a for a, b in pairwise(times)]

    def times(self, path: str) -> list[float]:
        with self.lock:
            return [h.at for h in self.hits if h.path == path]


class _Handler(BaseHTTPRequestHandler):
    server_version = "SyntheticIDEAS/1"

    def log_message(self, format: str, *args: object) -> None:
        return None

    @property
    def site(self) -> Site:
        return self.server.site  # type: ignore[attr-defined]

    def do_GET(self) -> None:
        site = self.site
        path = self.path.split("?", 1)[0]
        with site.lock:
            site.hits.append(Hit(time.monotonic(), path, dict(self.headers.items())))
            number = sum(1 for h in site.hits if h.path != "/robots.txt")
            tries = sum(1 for h in site.hits if h.path == path)
        if site.hold_at is not None and path != "/robots.txt" and number == site.hold_at:
            site.held.set()
            site.release.wait(30)
        try:
            self._answer(path, tries)
        except (BrokenPipeError, ConnectionResetError, OSError):
            return
        with site.lock:
            site.served[path] += 1

    def _answer(self, path: str, tries: int) -> None:
        if path == "/robots.txt":
            if self.site.robots is None:
                return self._send(404, b"no robots here", "text/plain")
            return self._send(200, self.site.robots.encode(), "text/plain")
        if path in self.site.redirects:
            return self._send(301, b"", "text/plain", {"Location": self.site.redirects[path]})
        prefix = f"/p/{ARCHIVE}/fault/"
        fault = path[len(prefix) :].removesuffix(".html") if path.startswith(prefix) else None
        if fault == "retry429" and tries == 1:
            return self._send(429, b"slow down", "text/plain", {"Retry-After": "1"})
        if fault == "flaky503" and tries == 1:
            return self._send(503, b"try later", "text/plain")
        if fault == "slow":
            time.sleep(SLOW_SECONDS)
        if fault == "reset" and tries == 1:
            return self._reset()
        if fault == "loop" or path == "/loop-b":
            return self._send(302, b"", "text/plain", {"Location": "/loop-b" if fault == "loop" else prefix + "loop.html"})
        if fault == "big":
            return self._unsized(b"<html><body>" + b"x" * BIG_BYTES + b"</body></html>")
        if fault == "pdf":
            return self._send(200, b"%PDF-1.4 not a page", "application/pdf")
        if fault == "empty":
            return self._send(200, b"", "text/html; charset=utf-8")
        body = self.site.pages.get(path) if fault != "gone" else None
        if body is None:
            return self._send(404, b"not found", "text/html")
        content_type = "text/html; charset=utf-8"
        if fault == "cp1252":
            body = body.decode("utf-8").replace('<meta charset="utf-8">\n', "").encode("cp1252")
            content_type = "text/html; charset=windows-1252"
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            return self._send(304, b"", None, {"ETag": etag})
        return self._send(200, body, content_type, {"ETag": etag})

    def _send(self, status: int, body: bytes, content_type: str | None, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if status != 304:
            self.wfile.write(body)

    def _unsized(self, body: bytes) -> None:
        """A body with no Content-Length (HTTP/1.0: it ends when the connection closes)."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        for start in range(0, len(body), 16384):
            self.wfile.write(body[start : start + 16384])

    def _reset(self) -> None:
        """Close the connection with a TCP reset, before any answer."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True
