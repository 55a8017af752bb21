"""Fetching limits against hostile servers on 127.0.0.1: the total deadline on every read, and robots.txt
to the letter of RFC 9309 (at most 512 KiB read and parsed, whatever its size, encoding or type; 5xx
means stay out; at most 24 h of caching; redirects followed; host aliases share one politeness clock).

Each server here writes its bodies in pieces and counts what it managed to send, so the tests can
check that rdfbib stopped reading (the connection closed) long before the end, by bytes, not by time.
"""

from __future__ import annotations

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


DISALLOW_ALL = b"User-agent: *\nDisallow: /\n"
MB = 1024 * 1024


def padded(total: int) -> Callable[[], Iterator[bytes]]:
    """``Disallow: /`` on the second line, then comment lines up to ``total`` bytes, made as they are sent."""

    def pieces() -> Iterator[bytes]:
        yield DISALLOW_ALL
        line = b"# " + b"x" * 1021 + b"\n"
        for _ in range((total - len(DISALLOW_ALL)) // len(line)):
            yield line

    return pieces


def gzipped(total: int) -> Callable[[], Iterator[bytes]]:
    """A gzip stream that inflates to ``total`` bytes of :func:`padded` text, compressed as it is sent."""

    def pieces() -> Iterator[bytes]:
        packer = zlib.compressobj(9, zlib.DEFLATED, 31)
        batch = b""
        for piece in padded(total)():
            batch += piece
            if len(batch) >= MB:
                packed, batch = packer.compress(batch), b""
                if packed:
                    yield packed
        yield packer.compress(batch) + packer.flush()

    return pieces


def refused_by_robots(robots: Script) -> tuple[Served, str]:
    """Fetch a page from a server whose robots.txt is ``robots``: the reason it was refused."""
    with scripted({"/robots.txt": robots, "/page.html": page_script()}) as (origin, served):
        with fetcher() as f, pytest.raises(FetchError) as caught:
            f.get(origin + "/page.html")
        wait_for_cut(served, "/robots.txt")
    assert served.hits["/page.html"] == 0
    return served, caught.value.message


@pytest.mark.parametrize(
    ("robots", "total"),
    [
        pytest.param(Script(headers={"Content-Type": "text/plain", "Content-Length": str(69 * MB)}, body=padded(69 * MB)), 69 * MB, id="69-MB"),
        pytest.param(Script(headers={"Content-Type": "text/plain", "Content-Length": str(2 * 1024 * MB)}, body=padded(2 * 1024 * MB)), 2 * 1024 * MB, id="2-GB-length"),
        pytest.param(Script(headers={"Content-Type": "text/plain"}, body=padded(69 * MB)), 69 * MB, id="69-MB-unsized"),
    ],
)
def test_a_huge_robots_txt_is_read_up_to_512_kib_and_its_rules_obeyed(robots: Script, total: int) -> None:
    if "Content-Length" not in robots.headers:
        robots.headers["Connection"] = "close"
    served, reason = refused_by_robots(robots)
    assert reason == "disallowed by robots.txt"
    assert "/robots.txt" in served.cut
    assert served.sent["/robots.txt"] < 16 * MB < total  # hung up after 512 KiB (and what the socket buffers held)


def test_a_gzip_robots_txt_inflating_past_50_mb_is_read_up_to_512_kib() -> None:
    robots = Script(headers={"Content-Type": "text/plain", "Content-Encoding": "gzip", "Connection": "close"}, body=gzipped(60 * MB))
    served, reason = refused_by_robots(robots)
    assert reason == "disallowed by robots.txt"
    inflater = zlib.decompressobj(31)
    assert sum(len(inflater.decompress(piece)) for piece in gzipped(60 * MB)()) > 50 * MB  # the body is what it claims


def test_a_robots_txt_of_any_content_type_is_obeyed() -> None:
    robots = Script(headers={"Content-Type": "application/octet-stream", "Content-Length": str(len(DISALLOW_ALL))}, body=lambda: iter([DISALLOW_ALL]))
    assert refused_by_robots(robots)[1] == "disallowed by robots.txt"


def test_an_unreadable_robots_txt_keeps_rdfbib_out_until_it_can_be_read() -> None:
    """503: stay out (RFC 9309 2.3.1.4); once robots.txt answers 404 (no rules), the page is fetched."""
    robots = Script(503, {"Content-Type": "text/plain", "Content-Length": "4"}, lambda: iter([b"busy"]))
    paths = {"/robots.txt": robots, "/page.html": page_script()}
    with scripted(paths) as (origin, served), fetcher(robots_retry=0.0) as f:
        with pytest.raises(FetchError, match=r"robots.txt of .* could not be read \(gave up after 1 tries: HTTP 503"):
            f.get(origin + "/page.html")
        assert served.hits["/page.html"] == 0
        del paths["/robots.txt"]
        assert f.get(origin + "/page.html").data == PAGE
    assert served.hits["/robots.txt"] == 2


@pytest.mark.parametrize(("cache_control", "reads"), [(None, 1), ("max-age=0", 3), ("max-age=86400000", 1)])
def test_robots_txt_is_kept_as_long_as_its_max_age_says(cache_control: str | None, reads: int) -> None:
    headers = {"Content-Type": "text/plain", "Content-Length": "0"}
    if cache_control:
        headers["Cache-Control"] = cache_control
    with scripted({"/robots.txt": Script(headers=headers), "/page.html": page_script()}) as (origin, served), fetcher() as f:
        for _ in range(3):
            f.get(origin + "/page.html")
    assert served.hits["/robots.txt"] == reads


def test_robots_txt_lifetime_is_at_most_24_hours() -> None:
    from rdfbib.robots import MAX_AGE, lifetime

    assert MAX_AGE == 24 * 3600
    assert lifetime(None) == lifetime("public") == lifetime("max-age=999999999") == MAX_AGE
    assert lifetime("public, max-age=600") == 600
    assert lifetime("max-age=0") == lifetime("no-store") == lifetime("no-cache, max-age=600") == 0


def redirect(location: str) -> Script:
    return Script(301, {"Location": location, "Content-Length": "0"})


def test_a_robots_txt_redirect_is_followed_five_hops_to_another_host() -> None:
    plain = {"Content-Type": "text/plain", "Content-Length": str(len(DISALLOW_ALL))}
    with scripted({"/rules.txt": Script(headers=plain, body=lambda: iter([DISALLOW_ALL]))}) as (elsewhere, far):
        hops = {"/robots.txt": redirect("/r1"), "/r1": redirect("/r2"), "/r2": redirect("/r3"), "/r3": redirect("/r4"), "/r4": redirect(elsewhere + "/rules.txt")}
        with scripted({**hops, "/page.html": page_script()}) as (origin, served), fetcher() as f:
            with pytest.raises(FetchError, match="disallowed by robots.txt"):
                f.get(origin + "/page.html")
        assert served.hits["/page.html"] == 0
        assert far.hits["/rules.txt"] == 1


def test_more_than_five_robots_txt_redirects_mean_no_rules() -> None:
    """RFC 9309 2.3.1.2: after five redirects robots.txt may be taken as unavailable, i.e. no rules."""
    hops = {"/robots.txt": redirect("/r1"), **{f"/r{n}": redirect(f"/r{n + 1}") for n in range(1, 7)}}
    with scripted({**hops, "/page.html": page_script()}) as (origin, served), fetcher() as f:
        assert f.get(origin + "/page.html").data == PAGE
    assert sum(served.hits[p] for p in hops) == 6


def test_host_aliases_share_one_politeness_clock() -> None:
    """127.0.0.1 and localhost are one server: every request after the first waits its turn, whichever
    name it uses (the waits are counted, not timed)."""
    waits: list[str] = []
    with scripted({"/page.html": page_script(), "/moved.html": redirect("/page.html")}) as (origin, served):
        alias = origin.replace("127.0.0.1", "localhost")
        with fetcher(interval=0.5, on_wait=lambda host, seconds: waits.append(host)) as f:
            f.get(origin + "/page.html")
            f.get(alias + "/page.html")
            f.get(alias + "/moved.html")
            assert f.server_of(origin) == f.server_of(alias) == origin.removeprefix("http://")
    # robots.txt and the page under each name, then the redirect and its page: six requests, five waits
    assert sum(served.hits.values()) == 6
    assert len(waits) == 5
