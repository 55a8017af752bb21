"""The ``rdfbib`` command: a click group whose subcommands are imported only when run.

``rdfbib --help`` therefore never imports rdflib, lxml or requests. This module is also the one
error boundary of the command line: :meth:`LazyGroup.invoke` turns every rdfbib error, every
operating-system error (a file or folder that is missing, of the wrong kind or not writable) and
every SQLite error into one line, ``rdfbib: WHAT: REASON``, and exit status 1 (2 for a bad setting,
as for click's usage errors). A traceback means a bug in rdfbib.
"""

from __future__ import annotations

import errno
import importlib
import signal
import sys
import threading
from collections.abc import Iterable, Iterator
from typing import Any, NoReturn, TypeVar

import click

from .. import __version__

T = TypeVar("T")

_COMMANDS = {
    "convert": ("rdfbib.cli.convert", "convert", "Convert pages to RDF (Turtle, JSON-LD, N-Triples, N-Quads, TriG, RDF/XML)."),
    "readers": ("rdfbib.cli.readers", "readers", "List the page readers and what each reads."),
    "load": ("rdfbib.cli.load", "load", "Load pages and RDF files into a store (embedded Oxigraph or a SPARQL 1.1 server), one graph per record."),
    "link": ("rdfbib.cli.link", "link", "Link works known only by their citation strings to their own records in a store (schema:sameAs)."),
    "query": ("rdfbib.cli.query", "query", "Run a SPARQL query against the embedded store or a server."),
    "validate": ("rdfbib.cli.validate", "validate", "Check RDF files or a store against rdfbib's SHACL shapes (exit 1 on violations)."),
    "crawl": ("rdfbib.cli.crawl", "crawl", "Crawl RePEc citation links (references, cited by, versions) from seed pages, politely."),
    "cache": ("rdfbib.cli.cache", "cache", "Show or clear the HTTP cache of fetched pages."),
    "graphs": ("rdfbib.cli.manage", "graphs", "List a store's graphs: reader, source page, triples."),
    "drop": ("rdfbib.cli.manage", "drop", "Remove records from a store, by graph IRI, source page or reader."),
    "stats": ("rdfbib.cli.manage", "stats", "Count a store's works, persons, journals, series, citations and triples."),
    "serve": ("rdfbib.cli.serve", "serve", "Serve a store: SPARQL endpoint, dereferenceable IRIs and HTML pages (needs rdfbib[serve])."),
}


class LazyGroup(click.Group):
    """A group that imports a subcommand's module only when that subcommand runs, and reports what went wrong."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in _COMMANDS:
            return None
        module, attr, _ = _COMMANDS[cmd_name]
        command = getattr(importlib.import_module(module), attr)
        if not isinstance(command, click.Command):
            raise TypeError(f"{module}.{attr} is not a click command")
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Short help from the table above, so listing commands imports none of them.
        with formatter.section("Commands"):
            formatter.write_dl([(name, _COMMANDS[name][2]) for name in sorted(_COMMANDS)])

    def invoke(self, ctx: click.Context) -> Any:
        """Run the subcommand; what it raises becomes one line and an exit status (see the module docstring)."""
        from ..errors import RdfbibError, SettingError

        previous = _on_sigterm()
        try:
            return super().invoke(ctx)
        except Terminated:
            fail(None, "terminated (SIGTERM)", status=128 + signal.SIGTERM)
        except RdfbibError as exc:
            fail(exc.source or getattr(exc, "endpoint", None), exc.message, status=2 if isinstance(exc, SettingError) else 1)
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                raise  # a closed pipe (`| head`): click exits quietly
            fail(exc.filename, (exc.strerror or str(exc)).lower())
        except Exception as exc:
            import sqlite3

            if not isinstance(exc, sqlite3.Error):
                raise
            fail("SQLite", str(exc))
        finally:
            STATUS.clear()
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the command is, so that it stops as after Ctrl-C: partial files removed,
    worker processes stopped, a crawl's state kept; then ``rdfbib: terminated`` and exit status 143."""


def _terminate(signum: int, frame: object) -> NoReturn:
    raise Terminated


def _on_sigterm() -> Any:
    """Make SIGTERM raise :class:`Terminated` (in the main thread only: elsewhere Python cannot); the handler before."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, _terminate)


def fail(what: object, reason: str, *, status: int = 1) -> NoReturn:
    """End the command with ``rdfbib: WHAT: REASON`` on stderr (``rdfbib: REASON`` when nothing is named)."""
    STATUS.clear()
    click.echo(f"rdfbib: {what}: {reason}" if what else f"rdfbib: {reason}", err=True)
    sys.exit(status)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "auto_envvar_prefix": "RDFBIB"})
@click.version_option(__version__, "-V", "--version", prog_name="rdfbib")
def main() -> None:
    """Turn scholarly article pages (IDEAS / EconPapers of RePEc, publisher landing pages) into schema.org + BIBO linked data."""


def report_failure(source: str, reason: str) -> None:
    """One line per failed source on stderr: ``rdfbib: <source>: <reason>``."""
    STATUS.clear()
    click.echo(f"rdfbib: {source}: {reason}", err=True)


class Status:
    """One line at the bottom of stderr, on a terminal only: what rdfbib is doing or waiting for (a host's
    turn, a retry). Cleared before any other line is written; never shown in logs or pipes."""

    def __init__(self) -> None:
        self.prefix = ""  # e.g. a crawl's counts, shown before the rest
        self.pending = ""  # why the next wait happens (a failed try), said with it
        self.shown = False

    def show(self, text: str) -> None:
        if sys.stderr.isatty():
            click.echo("\r\x1b[K" + " · ".join(part for part in (self.prefix, text) if part), nl=False, err=True)
            self.shown = True

    def clear(self) -> None:
        if self.shown:
            click.echo("\r\x1b[K", nl=False, err=True)
            self.shown = False

    def wait(self, host: str, seconds: float) -> None:
        """The fetcher's ``on_wait``: a pause before ``host``'s next request."""
        self.show(f"waiting {seconds:.1f} s for {host}" + (f" ({self.pending})" if self.pending else ""))
        self.pending = ""

    def retry(self, url: str, problem: str, attempt: int, tries: int) -> None:
        """The fetcher's ``on_retry``: a try failed, another follows."""
        self.pending = f"{url}: {problem}; try {attempt} of {tries} next"
        self.show(self.pending)


#: The status line of this process.
STATUS = Status()

#: Batches at least this long get a progress bar (on a terminal).
PROGRESS_FROM = 20


def show_progress() -> bool:
    """Progress bars go to stderr, and only when a person watches it."""
    return sys.stderr.isatty()


def progress(items: Iterable[T], length: int, label: str) -> Iterator[T]:
    """``items``, with a progress bar on stderr for long batches when stderr is a terminal."""
    if not show_progress() or length < PROGRESS_FROM:
        yield from items
        return
    with click.progressbar(items, length=length, label=label, file=sys.stderr, show_pos=True, show_eta=True) as bar:
        yield from bar
