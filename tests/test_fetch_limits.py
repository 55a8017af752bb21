"""Fetching limits against hostile servers on 127.0.0.1: the total deadline on every read, and robots.txt
to the letter of RFC 9309 (at most 512 KiB read and parsed, whatever its size, encoding or type; 5xx
means stay out; at most 24 h of caching; redirects followed; host aliases share one politeness clock).

Each server here writes its bodies in pieces and counts what it managed to send, so the tests can
check that rdfbib stopped reading (the connection closed) long before the end, by bytes, not by time.
"""

from __future__ import annotations

import gzip
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from rdfbib.errors import FetchError
from rdfbib.fetch import Fetcher

PAGE = b'<html><head><meta name="citation_title" content="A page"></head><body>ok</body></html>'


@dataclass
class Script:
    """What a path answers: status, headers and the body as pieces (a generator, so big bodies are never built)."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/plain"})
    body: Callable[[], Iterator[bytes]] = lambda: iter([b""])
    pause: float = 0.0  # seconds between two pieces


@dataclass
class Served:
    """What the server did: requests per path and bytes written per path; ``done`` is set when a body ends
    (in full or because the client closed the connection)."""

    hits: Counter[str] = field(default_factory=Counter)
    sent: Counter[str] = field(default_factory=Counter)
    cut: set[str] = field(default_factory=set)  # paths whose client hung up before the whole body
    done: threading.Event = field(default_factory=threading.Event)


@contextmanager
def scripted(paths: dict[str, Script]) -> Iterator[tuple[str, Served]]:
    """A real HTTP server answering each path by its script; yields its origin and what it served."""
    served = Served()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            return None

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            served.hits[path] += 1
            script = paths.get(path, Script(404, {"Content-Type": "text/plain", "Content-Length": "8"}, lambda: iter([b"not here"])))
            self.send_response(script.status)
            for name, value in script.headers.items():
                self.send_header(name, value)
            self.end_headers()
            try:
                for piece in script.body():
                    self.wfile.write(piece)
                    self.wfile.flush()
                    served.sent[path] += len(piece)
                    if script.pause:
                        time.sleep(script.pause)
            except OSError:
                served.cut.add(path)
                self.close_connection = True
            finally:
                served.done.set()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", served
    finally:
        server.shutdown()
        server.server_close()


def fetcher(**options: object) -> Fetcher:
    settings: dict[str, object] = {"interval": 0.0, "cache": False, "tries": 1, "timeout": (5.0, 5.0)}
    settings.update(options)
    return Fetcher(**settings)  # type: ignore[arg-type]


def page_script() -> Script:
    return Script(headers={"Content-Type": "text/html", "Content-Length": str(len(PAGE))}, body=lambda: iter([PAGE]))


def wait_for_cut(served: Served, path: str) -> None:
    """Until the server noticed the client hung up on ``path`` (bounded, so a failure cannot hang)."""
    for _ in range(200):
        if path in served.cut:
            return
        time.sleep(0.05)


def test_a_trickled_body_ends_at_the_total_deadline_not_after_it() -> None:
    """400 bytes announced, one every 50 ms (20 s in all); with a 1 s deadline rdfbib hangs up early."""
    trickle = Script(headers={"Content-Type": "text/html", "Content-Length": "400"}, body=lambda: (b"x" for _ in range(400)), pause=0.05)
    with scripted({"/slow.html": trickle}) as (origin, served):
        with fetcher(total_timeout=1.0) as f, pytest.raises(FetchError, match=r"took more than 1 s"):
            f.get(origin + "/slow.html")
        wait_for_cut(served, "/slow.html")
        assert "/slow.html" in served.cut
        assert served.sent["/slow.html"] < 400
