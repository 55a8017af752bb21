"""``rdfbib graphs``, ``rdfbib drop`` and ``rdfbib stats``: what a store holds, and removing records from it.

``**connection`` is what :func:`~._options.connection_options` adds (store or endpoint, credentials, timeout,
retries), handed to :func:`~._options.open_from_options` as it is.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from . import report_failure
from ._options import base_option, connection_options, open_from_options


@click.command("graphs")
@connection_options
@base_option("List the graphs under this base IRI [default: urn:rdfbib:; env RDFBIB_BASE].")
def graphs(base: str, **connection: Any) -> None:
    """List the store's graphs (records, files loaded, provenance) as tab-separated lines: graph, reader,
    source page, triples.

    The reader and page come from the provenance graph (`load --provenance`); without it, the reader
    is the one the record graph's IRI names and the page is empty.
    """
    from ..store.inventory import graphs as listed

    with open_from_options(read_only=True, base=base, **connection) as store:
        infos = listed(store, base)
    sys.stdout.write("graph\treader\tsource\ttriples\n")
    sys.stdout.write("".join(f"{g.iri}\t{g.reader}\t{g.source}\t{g.triples}\n" for g in infos))


@click.command("drop")
@click.argument("graph_iris", nargs=-1, metavar="[GRAPH]...")
@click.option("--source", "sources", multiple=True, metavar="URL", help="Drop the records made from this page (as the provenance graph names it); repeatable.")
@click.option("--reader", "readers", multiple=True, metavar="NAME", help="Drop the records this reader made (see `rdfbib readers`); repeatable.")
@connection_options
@base_option("The graphs are under this base IRI [default: urn:rdfbib:; env RDFBIB_BASE].")
def drop(graph_iris: tuple[str, ...], sources: tuple[str, ...], readers: tuple[str, ...], base: str, **connection: Any) -> None:
    """Remove records from the store: the GRAPHs named, the records of a --source page, or of a --reader.

    Each graph goes in one update, with its provenance; the union graph that queries read keeps the
    triples other graphs still hold. The last line on stderr counts graphs and triples dropped; exit
    status 1 when a GRAPH named is not in the store.
    """
    from ..store.inventory import drop as dropped
    from ..store.inventory import graphs as listed
    from ..store.inventory import select

    if not (graph_iris or sources or readers):
        raise click.UsageError("give GRAPH IRIs, --source or --reader")
    with open_from_options(base=base, **connection) as store:
        chosen = select(listed(store, base), named=graph_iris, sources=sources, readers=readers)
        triples = dropped(store, chosen, base)
    missing = sorted(set(graph_iris).difference(g.iri for g in chosen))
    for iri in missing:
        report_failure(iri, "no such graph in the store")
    click.echo(f"rdfbib: dropped {len(chosen)} graphs, {triples} triples ({store.name})", err=True)
    if missing:
        sys.exit(1)


@click.command("stats")
@connection_options
@base_option("Servers other than Oxigraph: the union graph counted is BASE + 'union' [default: urn:rdfbib:; env RDFBIB_BASE].")
def stats(base: str, **connection: Any) -> None:
    """Count what the store holds, each once: works, persons, journals, series, citation links, triples."""
    from ..store.inventory import stats as counted

    with open_from_options(read_only=True, base=base, **connection) as store:
        counts = counted(store)
    sys.stdout.write("".join(f"{name}\t{n}\n" for name, n in counts.items()))
