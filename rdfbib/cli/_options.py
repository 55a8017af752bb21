"""Options several commands share, and what they make: source lists, fetching, the store, the base IRI."""

from __future__ import annotations

import errno
import functools
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from . import STATUS

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def _apply(options: list[Decorator], command: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(options):
        command = option(command)
    return command


def from_option(what: str) -> Decorator:
    """``--from FILE`` (repeatable; ``-`` is stdin): more sources, one a line, ``#`` comments. A list that
    cannot be opened is a usage error before anything is done."""
    return click.option(
        "--from", "lists", multiple=True, type=click.File("r", encoding="utf-8"), metavar="FILE",
        help=f"Also {what} the sources listed in FILE, one per line (- for stdin; # comments).",
    )


def base_option(help: str = "Base IRI for minted IRIs [default: urn:rdfbib:; env RDFBIB_BASE].") -> Decorator:
    """``--base`` (or ``RDFBIB_BASE``), resolved and checked when the command line is read."""

    def resolve(ctx: click.Context, param: click.Parameter, value: str | None) -> str:
        from ..iris import resolve_base

        return resolve_base(value)  # a SettingError: the error boundary (rdfbib.cli) says what is wrong

    return click.option("--base", envvar="RDFBIB_BASE", callback=resolve, help=help)


def fetch_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options of every command that fetches pages (crawl; convert and load when they take URLs)."""

    @functools.wraps(command)
    def checked(*args: Any, **kwargs: Any) -> Any:
        if kwargs.get("offline") and kwargs.get("no_cache"):
            raise click.UsageError("--offline reads the cache: it cannot go with --no-cache")
        return command(*args, **kwargs)

    return _apply(
        [
            click.option("--contact", envvar="RDFBIB_CONTACT", metavar="EMAIL|URL", help="How site operators can reach you; sent in the User-Agent [env RDFBIB_CONTACT]."),
            click.option("--interval", type=click.FloatRange(min=0), default=None, metavar="S", help="Minimum seconds between requests to one host [default: 1; 2 for ideas.repec.org and econpapers.repec.org; a longer robots.txt Crawl-delay wins]."),
            click.option("--offline", is_flag=True, help="Use cached pages only; send no request (reproducible runs)."),
            click.option("--refresh", is_flag=True, help="Ignore cached pages and fetch again (the cache is updated)."),
            click.option("--no-cache", is_flag=True, help="Neither read nor write the HTTP cache."),
        ],
        checked,
    )


def make_fetcher(contact: str | None, interval: float | None, offline: bool, refresh: bool, no_cache: bool, **options: Any) -> Any:
    """A Fetcher for the fetch options, telling the status line (on a terminal) what it waits for and why."""
    from ..fetch import Fetcher

    return Fetcher(
        contact=contact, interval=interval, offline=offline, refresh=refresh, cache=False if no_cache else None,
        on_wait=STATUS.wait, on_retry=STATUS.retry, **options,
    )


def connection_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Where the store is and how to reach it: shared by ``load``, ``query``, ``validate`` and ``crawl``."""
    return _apply(
        [
            click.option("--store", "location", metavar="DIR", envvar="RDFBIB_STORE", help="Embedded Oxigraph store folder [default: ./rdfbib-store; env RDFBIB_STORE]."),
            click.option("--endpoint", metavar="URL", envvar="RDFBIB_ENDPOINT", help="A SPARQL 1.1 server's query URL instead of the embedded store (e.g. http://localhost:7878/query for Oxigraph, http://localhost:8890/sparql for Virtuoso) [env RDFBIB_ENDPOINT]."),
            click.option("--user", envvar="RDFBIB_USER", help="User for HTTP Basic authentication (Digest when the server asks for it, as Virtuoso's -auth endpoints do) [env RDFBIB_USER]."),
            click.option("--password", envvar="RDFBIB_PASSWORD", help="Password for --user; prefer the environment variable [env RDFBIB_PASSWORD]."),
            click.option("--token", envvar="RDFBIB_TOKEN", help="Bearer token, instead of --user [env RDFBIB_TOKEN]."),
            click.option("--timeout", type=click.FloatRange(min=0.1), default=60.0, show_default=True, help="Seconds to wait for each HTTP answer; for `query`, also for the whole answer, on the embedded store too."),
            click.option("--retries", type=click.IntRange(min=0, max=10), default=3, show_default=True, help="Retries (with exponential backoff) on connection errors, timeouts, HTTP 429, 502, 503 and 504."),
        ],
        command,
    )


def open_from_options(location: str | None, endpoint: str | None, *, read_only: bool = False, **options: Any) -> Any:
    """The store the options name (a StoreError when it cannot be opened: the error boundary reports it)."""
    from ..store import open_store

    if location and endpoint:
        raise click.UsageError("give --store or --endpoint, not both")
    return open_store(location, endpoint=endpoint, read_only=read_only, **(options if endpoint else {}))


def check_writable(path: str, what: str) -> None:
    """An OutputError saying why ``path`` cannot be written, if it cannot (asked before any work starts)."""
    from ..errors import OutputError
    from ..files import cannot_write

    problem = cannot_write(path)
    if problem:
        raise OutputError(f"cannot write the {what}: {problem}", source=path)


def open_output(path: str, what: str, mode: str = "wb", *, partial: str | os.PathLike[str] | None = None, **options: Any) -> Any:
    """``path`` (or the ``partial`` file that becomes it) opened for writing, after :func:`check_writable`;
    an OutputError naming ``path`` when the system refuses."""
    check_writable(path, what)
    with writing(path, what):
        return open(partial or path, mode, **options)  # noqa: SIM115 (the caller closes it)


@contextmanager
def writing(path: str, what: str) -> Iterator[None]:
    """Turn the system's refusal to write ``path`` (a full disk, a file size limit) into an OutputError
    naming it: a write error has no file name of its own. A closed pipe stays what it is (click ends quietly)."""
    from ..errors import OutputError

    try:
        yield
    except OSError as exc:
        if exc.errno == errno.EPIPE:
            raise
        raise OutputError(f"cannot write the {what}: {(exc.strerror or str(exc)).lower()}", source=path) from None
