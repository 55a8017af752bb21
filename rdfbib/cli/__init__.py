"""The ``rdfbib`` command: a click group whose subcommands are imported only when run.

``rdfbib --help`` therefore never imports rdflib, lxml or requests. Library errors are turned
into one line and an exit code here and in :func:`report_failure`, nowhere else.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

import click

from .. import __version__

T = TypeVar("T")

_COMMANDS = {
    "convert": ("rdfbib.cli.convert", "convert", "Convert pages to RDF (Turtle, JSON-LD, N-Triples, N-Quads, TriG, RDF/XML)."),
    "readers": ("rdfbib.cli.readers", "readers", "List the page readers and what each reads."),
    "load": ("rdfbib.cli.load", "load", "Load pages and RDF files into a store (embedded Oxigraph or a SPARQL 1.1 server), one graph per record."),
    "query": ("rdfbib.cli.query", "query", "Run a SPARQL query against the embedded store or a server."),
    "validate": ("rdfbib.cli.validate", "validate", "Check RDF files or a store against rdfbib's SHACL shapes (exit 1 on violations)."),
    "crawl": ("rdfbib.cli.crawl", "crawl", "Crawl RePEc citation links (references, cited by, versions) from seed pages, politely."),
    "cache": ("rdfbib.cli.cache", "cache", "Show or clear the HTTP cache of fetched pages."),
}


class LazyGroup(click.Group):
    """A group that imports a subcommand's module only when that subcommand runs."""

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


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "auto_envvar_prefix": "RDFBIB"})
@click.version_option(__version__, "-V", "--version", prog_name="rdfbib")
def main() -> None:
    """Turn scholarly article pages (IDEAS / EconPapers of RePEc, publisher landing pages) into schema.org + BIBO linked data."""


def report_failure(source: str, reason: str) -> None:
    """One line per failed source on stderr: ``rdfbib: <source>: <reason>``."""
    click.echo(f"rdfbib: {source}: {reason}", err=True)


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
