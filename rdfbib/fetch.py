"""Pages over HTTP, fetched the way a guest should: slowly, openly, once.

One :class:`Fetcher` owns one ``requests`` session and every rule of politeness, so no caller can
forget one:

- a User-Agent naming rdfbib, its version and a contact (``--contact`` / ``RDFBIB_CONTACT``);
- robots.txt obeyed as RFC 9309 says (:mod:`rdfbib.robots`): fetched once per origin and kept in
  memory for at most 24 hours, its first 512 KiB read whatever its size or type, redirects followed,
  a 4xx meaning no rules and a 5xx or no answer meaning stay out; its ``Crawl-delay`` honoured when
  it is longer than ours;
- one request at a time per server, and a minimum interval between the end of one request and the
  start of the next to the same server: 1 s by default, 2 s for ``ideas.repec.org`` and
  ``econpapers.repec.org`` (:data:`HOST_INTERVALS` says why). A server is its IP address and port,
  so aliases (``localhost`` and ``127.0.0.1``, or a redirect between two names) share one clock;
- connection errors, timeouts, 429 and 5xx retried with exponential backoff, never sooner than
  ``Retry-After`` says, and given up after :data:`TRIES` tries with an error that says why;
- redirects followed by hand (at most :data:`MAX_REDIRECTS`, loops named), each hop through the
  same robots and interval checks;
- bodies streamed and cut at ``max_bytes``; anything but HTML or plain text refused from its
  headers, before its body is read.

An on-disk HTTP cache (``requests-cache``, SQLite, under :func:`cache_dir`) sits in front of pages:
a fresh cached page costs no request and no wait, a stale one is revalidated with its ETag or
Last-Modified (a ``304`` costs no body), ``offline`` reads the cache only and ``refresh`` ignores it.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter

from . import __version__, robots
from .errors import FetchError, OutputError
from .page import MAX_BYTES
from .pipeline import Raw

if TYPE_CHECKING:
    from typing_extensions import Self

#: Minimum seconds between two requests to one host, unless a host below or robots.txt asks for more.
DEFAULT_INTERVAL = 1.0
#: Stricter defaults. Neither site's robots.txt nor terms could be read when this was written; IDEAS
#: asks visitors not to run scripts that hammer it, and both sites are run by volunteers on a few
#: machines. 2 s (1,800 pages an hour, a 10,000-page crawl overnight) is as slow as a careful reader
#: clicking through citations, and still useful. A longer robots.txt Crawl-delay wins.
HOST_INTERVALS = {"ideas.repec.org": 2.0, "econpapers.repec.org": 2.0}
#: Seconds to connect and between two reads of the body; a whole body must arrive within TOTAL_TIMEOUT.
TIMEOUT = (10.0, 30.0)
TOTAL_TIMEOUT = 120.0
MAX_REDIRECTS = 5
#: Tries per request (the first and the retries) on connection errors, timeouts, 429 and 5xx.
TRIES = 4
#: Seconds before the first retry; doubled for each next one.
BACKOFF = 2.0
#: A ``Retry-After`` longer than this ends the fetch instead of stalling a crawl for hours.
MAX_RETRY_AFTER = 600.0
#: How long a cached page is used without asking the server again (when the server says nothing).
CACHE_MAX_AGE = timedelta(days=7)
#: Media types taken as pages; the readers read HTML and pages printed as text.
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

#: ``on_wait(host, seconds)``: told before each pause, for progress displays.
WaitCallback = Callable[[str, float], None]
#: ``on_retry(url, problem, next_try, tries)``: told when a try failed and another follows (after a wait), so a
#: person watching knows what rdfbib is waiting for.
RetryCallback = Callable[[str, str, int, int], None]


def user_agent(contact: str | None = None) -> str:
    """``rdfbib/<version> (+<contact>)``: who is asking and how to reach them."""
    contact = contact or os.environ.get("RDFBIB_CONTACT")
    return f"rdfbib/{__version__} (+{contact})" if contact else f"rdfbib/{__version__}"


def cache_dir() -> Path:
    """``$RDFBIB_CACHE_DIR``, else the platform's user cache folder (platformdirs: ``$XDG_CACHE_HOME/rdfbib``
    or ``~/.cache/rdfbib`` on Linux, ``~/Library/Caches/rdfbib`` on macOS, ``%LOCALAPPDATA%\\rdfbib\\Cache`` on Windows).

    :raises OutputError: that path is a file.
    """
    explicit = os.environ.get("RDFBIB_CACHE_DIR")
    if explicit:
        folder = Path(explicit)
    else:
        import platformdirs

        folder = platformdirs.user_cache_path("rdfbib", appauthor=False)
    if folder.exists() and not folder.is_dir():
        raise OutputError("the HTTP cache folder is a file" + (" (RDFBIB_CACHE_DIR)" if explicit else ""), source=str(folder))
    return folder


def cache_path(folder: Path | None = None) -> Path:
    """The SQLite file of the HTTP cache."""
    return (folder or cache_dir()) / "http.sqlite"


def host_of(url: str) -> str:
    """``host[:port]`` in lower case: how messages and stats name a host (politeness counts servers:
    :meth:`Fetcher.server_of`); a malformed URL's text after ``//``, so that a crawl can queue it and fail it
    when it is fetched (:func:`sendable`)."""
    try:
        return urlsplit(url).netloc.lower()
    except ValueError:
        return url.partition("//")[2].partition("/")[0].lower()


def sendable(url: str, *, source: str, base: str | None = None) -> str:
    """``url`` (a redirect's ``Location``, resolved against ``base``) as it will be requested.

    urllib.parse, urllib3 and requests refuse a malformed URL (an unclosed IPv6 bracket, a port past
    65535, a space in the host) with ValueErrors of their own, at different steps on the way to the
    socket (splitting, the cache key, preparing the request); checked here, before each hop, it is
    one failed source.

    :raises FetchError: ``url`` is malformed, or not an http(s) URL with a host.
    """
    from requests.models import PreparedRequest

    try:
        full = urljoin(base, url) if base is not None else url
        parts = urlsplit(full)
        parts.port  # noqa: B018 (reading it checks the port's range)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise FetchError(f"not an http(s) URL: {url}", source=source)
        PreparedRequest().prepare_url(full, None)
    except ValueError as exc:
        reason = " ".join(str(exc).split()).removeprefix("Failed to parse: ")
        what = f"a redirect to a malformed URL {url!r}" if base is not None else "malformed URL"
        raise FetchError(f"{what}: {reason}", source=source) from None
    return full


def retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks for (delta-seconds or an HTTP date), ``None`` if unusable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


def _media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


class _CappedAdapter(HTTPAdapter):
    """Reads bodies itself: refuses non-pages from their headers, stops at ``max_bytes`` and at the deadline.

    It sits under the cache, so nothing oversized or unwanted is ever stored. The deadline holds on
    every read: each read takes what one ``recv`` gives (a trickle cannot fill a big buffer slowly)
    and the socket never waits longer than the time left.
    """

    def __init__(self, max_bytes: int, total_timeout: float, *, robots: bool = False) -> None:
        super().__init__(max_retries=0)
        self.max_bytes = max_bytes
        self.total_timeout = total_timeout
        self.robots = robots  # robots.txt: any type and size, read up to max_bytes and the rest left unread

    def send(self, request: requests.PreparedRequest, stream: bool = False, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        deadline = time.monotonic() + self.total_timeout
        response = super().send(request, stream=True, **kwargs)
        url = request.url or ""
        try:
            if response.status_code in REDIRECT_STATUSES and response.headers.get("Location"):
                sendable(response.headers["Location"], source=url, base=url)  # before requests parses it with a ValueError
            if response.status_code == 200 and not self.robots:
                media = _media_type(response.headers.get("Content-Type"))
                if media and media not in PAGE_TYPES:
                    raise FetchError(f"not a page: Content-Type {media} (rdfbib reads {', '.join(PAGE_TYPES)})", source=url, status=200)
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > self.max_bytes and not self.robots:
                raise FetchError(f"too large: {length} bytes, the limit is {self.max_bytes}", source=url, status=response.status_code)
            body = _read_body(response, url, self.max_bytes, deadline, self.total_timeout)
            if len(body) > self.max_bytes and not self.robots:
                raise FetchError(f"too large: more than {self.max_bytes} bytes", source=url, status=response.status_code)
        except BaseException:
            response.close()
            raise
        if len(body) > self.max_bytes:
            response.close()  # the rest is never read: hang up
            body = body[: self.max_bytes]
        response._content = body
        response._content_consumed = True
        return response


#: Decoded bytes asked for per read; a read returns what one ``recv`` gave, often less.
READ_SIZE = 65536


def _read_body(response: requests.Response, url: str, limit: int, deadline: float, total: float) -> bytes:
    """The (decoded) body, at most ``limit + 1`` bytes, read before ``deadline`` or a :class:`FetchError`."""
    raw = response.raw
    connection = getattr(raw, "connection", None)
    sock = getattr(connection, "sock", None)
    read_timeout = sock.gettimeout() if sock is not None else None
    chunks: list[bytes] = []
    size = 0
    try:
        while size <= limit:
            left = deadline - time.monotonic()
            if left <= 0:
                raise FetchError(f"the body took more than {total:g} s to arrive", source=url, status=response.status_code)
            if sock is not None:
                sock.settimeout(left if read_timeout is None else min(left, read_timeout))
            chunk = raw.read1(min(READ_SIZE, limit + 1 - size), decode_content=True)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except (TimeoutError, urllib3.exceptions.ReadTimeoutError):
        if time.monotonic() >= deadline:
            raise FetchError(f"the body took more than {total:g} s to arrive", source=url, status=response.status_code) from None
        raise requests.Timeout() from None
    except urllib3.exceptions.DecodeError as exc:
        raise requests.exceptions.ContentDecodingError(exc) from None
    except (urllib3.exceptions.ProtocolError, OSError) as exc:
        raise requests.exceptions.ChunkedEncodingError(exc) from None
    return b"".join(chunks)


class _Hosts:
    """One request at a time per host, and a minimum interval between them."""

    def __init__(self, on_wait: WaitCallback | None) -> None:
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._next: dict[str, float] = {}
        self.on_wait = on_wait

    @contextmanager
    def turn(self, server: str, interval: float, host: str) -> Iterator[_Turn]:
        """Wait for ``server``'s turn (``host`` names it to ``on_wait``); the next turn starts ``interval``
        (plus any backoff) after this one ends."""
        with self._guard:
            lock = self._locks.setdefault(server, threading.Lock())
        with lock:
            wait = self._next.get(server, 0.0) - time.monotonic()
            if wait > 0:
                if self.on_wait:
                    self.on_wait(host, wait)
                time.sleep(wait)
            turn = _Turn()
            try:
                yield turn
            finally:
                self._next[server] = time.monotonic() + max(interval, turn.pause)


@dataclass(slots=True)
class _Turn:
    pause: float = 0.0  # a longer wait before the host's next request (backoff, Retry-After)


@dataclass(slots=True)
class FetchStats:
    """What a fetcher did: requests sent, pages served by the cache, seconds spent waiting."""

    requests: int = 0
    from_cache: int = 0
    revalidated: int = 0
    waited: float = 0.0
    hosts: set[str] = field(default_factory=set)


class Fetcher:
    """Fetches pages politely and returns them as :class:`rdfbib.pipeline.Raw`.

    :param interval: minimum seconds between requests to one host [default: :data:`DEFAULT_INTERVAL`,
        :data:`HOST_INTERVALS` for the RePEc sites]; when given, it applies to every host.
    :param cache: the cache folder; ``None`` for :func:`cache_dir`, ``False`` for no cache at all.
    :param offline: answer from the cache only (a miss is a :class:`FetchError`); no request is sent.
    :param refresh: ignore cached pages (and store what comes back).
    :param mirrors: ``{"https://ideas.repec.org": "http://127.0.0.1:8000"}``: fetch the first origin's
        pages from the second, while pages keep the first's URL (mirrors, local copies, tests).
    :param on_wait: told before each pause for a host's turn (the interval, a backoff, a Retry-After).
    :param on_retry: told when a try failed and another follows, and why, for progress displays.
    :param robots_retry: seconds before an unreadable robots.txt is asked for again (until then, stay out).
    :raises OutputError: the cache folder cannot be made.
    """

    def __init__(
        self,
        *,
        contact: str | None = None,
        interval: float | None = None,
        timeout: tuple[float, float] = TIMEOUT,
        total_timeout: float = TOTAL_TIMEOUT,
        max_bytes: int = MAX_BYTES,
        max_redirects: int = MAX_REDIRECTS,
        tries: int = TRIES,
        backoff: float = BACKOFF,
        max_retry_after: float = MAX_RETRY_AFTER,
        cache: Path | str | None | bool = None,
        cache_max_age: timedelta = CACHE_MAX_AGE,
        offline: bool = False,
        refresh: bool = False,
        mirrors: dict[str, str] | None = None,
        on_wait: WaitCallback | None = None,
        on_retry: RetryCallback | None = None,
        robots_retry: float = robots.RETRY_UNREADABLE,
    ) -> None:
        if offline and cache is False:
            raise ValueError("offline mode reads the cache: it cannot run without one")
        self.interval = interval
        self.timeout = timeout
        self.max_redirects = max_redirects
        self.tries = max(1, tries)
        self.backoff = backoff
        self.max_retry_after = max_retry_after
        self.offline = offline
        self.refresh = refresh
        self.mirrors = {k.rstrip("/"): v.rstrip("/") for k, v in (mirrors or {}).items()}
        self.stats = FetchStats()
        self.on_retry = on_retry
        self.robots_retry = robots_retry
        self._robots: dict[str, robots.Rules] = {}
        self._robots_lock = threading.Lock()
        self._servers: dict[str, str] = {}
        self._hosts = _Hosts(self._waited(on_wait))
        self.cache_file: Path | None = None
        self.session = self._session(cache, cache_max_age)
        self.session.headers["User-Agent"] = user_agent(contact)
        self.session.headers["Accept"] = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8"
        adapter = _CappedAdapter(max_bytes, total_timeout)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        # robots.txt bypasses the disk cache: its rules live in memory for at most 24 hours (rdfbib.robots)
        self.robots_session = requests.Session()
        self.robots_session.headers.update(self.session.headers)
        robots_adapter = _CappedAdapter(robots.MAX_BYTES, total_timeout, robots=True)
        self.robots_session.mount("http://", robots_adapter)
        self.robots_session.mount("https://", robots_adapter)

    def _session(self, cache: Path | str | None | bool, max_age: timedelta) -> requests.Session:
        if cache is False:
            return requests.Session()
        from requests_cache import CachedSession, SQLiteCache

        folder = cache_dir() if cache in (None, True) else Path(cache)  # type: ignore[arg-type]
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            reason = "a file is in the way" if isinstance(exc, (FileExistsError, NotADirectoryError)) else (exc.strerror or str(exc)).lower()
            raise OutputError(f"cannot make the HTTP cache folder: {reason}", source=str(folder)) from None
        self.cache_file = cache_path(folder)
        return CachedSession(
            backend=SQLiteCache(str(self.cache_file)),
            expire_after=max_age,
            cache_control=True,  # the server's Cache-Control and Expires win over max_age
            allowable_codes=(200, 301, 308),
            allowable_methods=("GET",),
            stale_if_error=self.offline,  # offline, a stale page is better than none
        )

    def _waited(self, on_wait: WaitCallback | None) -> WaitCallback:
        def waited(host: str, seconds: float) -> None:
            self.stats.waited += seconds
            if on_wait:
                on_wait(host, seconds)

        return waited

    def close(self) -> None:
        self.session.close()
        self.robots_session.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- URLs -------------------------------------------------------------------------------

    def actual(self, url: str) -> str:
        """The URL requested for ``url`` (its mirror, if any)."""
        for origin, mirror in self.mirrors.items():
            if url.startswith(origin + "/") or url == origin:
                return mirror + url[len(origin) :]
        return url

    def canonical(self, url: str) -> str:
        """The URL a fetched page is known by (its origin's, not its mirror's)."""
        for origin, mirror in self.mirrors.items():
            if url.startswith(mirror + "/") or url == mirror:
                return origin + url[len(mirror) :]
        return url

    def interval_for(self, host: str, rules: robots.Rules | None = None) -> float:
        """This host's minimum interval: ours, or robots.txt's Crawl-delay when that is longer."""
        ours = self.interval if self.interval is not None else HOST_INTERVALS.get(self._canonical_host(host), DEFAULT_INTERVAL)
        delay = rules.crawl_delay() if rules is not None else None
        return max(ours, delay) if delay else ours

    def server_of(self, url: str) -> str:
        """``address:port`` of the server behind ``url``'s host (its lowest IPv4 address, else its lowest
        address), the unit politeness is counted in; the host itself when it cannot be resolved."""
        host = host_of(url)
        known = self._servers.get(host)
        if known is None:
            parts = urlsplit(url)
            try:
                port = parts.port or (443 if parts.scheme == "https" else 80)
                found = {info[4][0] for info in socket.getaddrinfo(parts.hostname or "", port, type=socket.SOCK_STREAM)}
            except (OSError, ValueError, UnicodeError):
                found = set()
            ipv4 = sorted(a for a in found if ":" not in a)
            known = f"{(ipv4 or sorted(found))[0]}:{port}" if found else host
            self._servers[host] = known
        return known

    def _canonical_host(self, host: str) -> str:
        for origin, mirror in self.mirrors.items():
            if host_of(mirror) == host:
                return host_of(origin)
        return host

    # -- fetching ---------------------------------------------------------------------------

    def get(self, url: str) -> Raw:
        """The page at ``url``, following redirects.

        :raises FetchError: robots.txt forbids it, the server refused or failed after every try,
            the body is too large or not a page, a redirect loop, or (offline) it is not cached.
        """
        given = url
        current = sendable(self.actual(url), source=given)
        seen = {current}
        for _ in range(self.max_redirects + 1):
            response = self._one(current, given)
            if response.status_code in REDIRECT_STATUSES and response.headers.get("Location"):
                target = sendable(response.headers["Location"], source=given, base=current)
                if target in seen:
                    raise FetchError(f"redirect loop: {target} again", source=given, status=response.status_code)
                seen.add(target)
                current = target
                continue
            if response.status_code != 200:
                reason = response.reason or ""
                raise FetchError(f"HTTP {response.status_code} {reason}".strip(), source=given, status=response.status_code)
            return Raw(name=given, data=response.content, url=self.canonical(current), content_type=response.headers.get("Content-Type"))
        raise FetchError(f"too many redirects (more than {self.max_redirects})", source=given, status=response.status_code)

    def _one(self, url: str, given: str) -> requests.Response:
        """One hop: from the cache when fresh, else over the network within the host's rules."""
        cached = self._cached(url)
        if cached is not None:
            self.stats.from_cache += 1
            return cached
        if self.offline:
            raise FetchError("not in the cache (offline)", source=given)
        rules = self._robots_for(url, given)
        if not rules.allows(url):
            raise FetchError("disallowed by robots.txt", source=given)
        return self._request(url, given, self.interval_for(host_of(url), rules))

    def _cached(self, url: str) -> requests.Response | None:
        """A cached response still fresh (offline: any cached response), without touching the network."""
        if self.refresh or self.cache_file is None:
            return None
        response = self.session.get(url, only_if_cached=True, allow_redirects=False)  # type: ignore[call-arg]
        return None if response.status_code == 504 else response  # 504: requests-cache's "not cached"

    def _request(self, url: str, given: str, interval: float, session: requests.Session | None = None) -> requests.Response:
        """GET with retries (through ``session``, else the page session); every try waits for the server's turn."""
        host = host_of(url)
        server = self.server_of(url)
        problem = ""
        status: int | None = None
        session = session or self.session
        extra: dict[str, Any] = {"force_refresh": True} if self.refresh and self.cache_file and session is self.session else {}
        for attempt in range(self.tries):
            if attempt and self.on_retry:
                self.on_retry(given, problem, attempt + 1, self.tries)
            delay = self.backoff * 2**attempt
            with self._hosts.turn(server, interval, host) as turn:
                self.stats.requests += 1
                self.stats.hosts.add(host)
                try:
                    response = session.get(url, timeout=self.timeout, allow_redirects=False, **extra)
                except FetchError as exc:
                    exc.source = given
                    raise
                except requests.Timeout:
                    problem, status = f"timed out (connect {self.timeout[0]:g} s, read {self.timeout[1]:g} s)", None
                    turn.pause = interval + delay
                    continue
                except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
                    problem, status = f"connection failed: {_short(exc)}", None
                    turn.pause = interval + delay
                    continue
                except requests.RequestException as exc:
                    raise FetchError(f"request failed: {_short(exc)}", source=given) from None
                if getattr(response, "revalidated", False):
                    self.stats.revalidated += 1
                if response.status_code not in RETRY_STATUSES:
                    return response
                status = response.status_code
                asked = retry_after(response.headers.get("Retry-After"))
                if asked is not None and asked > self.max_retry_after:
                    raise FetchError(f"HTTP {status}: the server asks to come back in {asked:.0f} s (more than {self.max_retry_after:g} s)", source=given, status=status)
                problem = f"HTTP {status} {response.reason or ''}".strip()
                turn.pause = max(interval + delay, asked or 0.0)
        raise FetchError(f"gave up after {self.tries} tries: {problem}", source=given, status=status)

    # -- robots.txt ---------------------------------------------------------------------------

    def _robots_for(self, url: str, given: str) -> robots.Rules:
        """The origin's robots.txt rules, fetched once and again when they expire (:mod:`rdfbib.robots`).

        :raises FetchError: robots.txt could not be read (RFC 9309: then the whole site is off limits).
        """
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._robots_lock:
            rules = self._robots.get(origin)
            if rules is None or rules.expires <= time.monotonic():
                rules = self._robots[origin] = self._load_robots(origin)
        if rules.unreadable:
            raise FetchError(f"robots.txt of {parts.netloc} could not be read ({rules.unreadable}); not fetching from it", source=given)
        return rules

    def _load_robots(self, origin: str) -> robots.Rules:
        """Rules from ``origin/robots.txt``, following up to :attr:`max_redirects` redirects to any host."""
        first = current = origin + "/robots.txt"
        for _ in range(self.max_redirects + 1):
            try:
                response = self._request(current, first, self.interval_for(host_of(current)), self.robots_session)
            except FetchError as exc:
                return robots.unreadable(exc.message, time.monotonic(), self.robots_retry)
            location = response.headers.get("Location")
            if response.status_code not in REDIRECT_STATUSES or not location:
                break
            current = urljoin(current, location)
        else:
            return robots.no_rules(first, time.monotonic(), None)  # RFC 9309 2.3.1.2: more than five redirects
        cache_control = response.headers.get("Cache-Control")
        if response.status_code == 200:
            return robots.parsed(response.content, first, time.monotonic(), cache_control)
        if 400 <= response.status_code < 500:
            return robots.no_rules(first, time.monotonic(), cache_control)
        return robots.unreadable(f"HTTP {response.status_code}", time.monotonic(), self.robots_retry)


def _short(exc: BaseException) -> str:
    """The innermost reason of a requests/urllib3 error, on one line."""
    while exc.__context__ is not None and str(exc.__context__):
        exc = exc.__context__
    text = " ".join(str(exc).split())
    return text if len(text) <= 200 else text[:197] + "..."
