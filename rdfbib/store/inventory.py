"""What a store holds, for people managing it: its graphs (reader, source, size), dropping some, and counts.

Graphs are listed a page at a time by graph IRI (keyset paging: servers cut long answers, Virtuoso at
``ResultSetMaxRows``, and refuse large OFFSETs), and every listing is checked against a count.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import StoreError
from ..iris import resolve_base
from .base import Store
from .graphs import provenance_graph_iri
from .loading import count_of

#: Graphs listed per query.
PAGE = 1000
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "http://schema.org/"
_WORKS = " ".join(f"<{SCHEMA}{c}>" for c in ("ScholarlyArticle", "Report", "Chapter", "Book", "SoftwareSourceCode", "Dataset", "Thesis", "CreativeWork"))
#: What ``rdfbib stats`` counts in the union graph (a set, so COUNT(*) counts each link or triple once): nodes of
#: the classes the mapping gives works, persons, journals and series; citation links; triples.
COUNTS = {
    "works": f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ VALUES ?t {{ {_WORKS} }} ?x a ?t }}",
    "persons": f"SELECT (COUNT(*) AS ?n) WHERE {{ ?x a <{SCHEMA}Person> }}",
    "journals": f"SELECT (COUNT(*) AS ?n) WHERE {{ ?x a <{SCHEMA}Periodical> }}",
    "series": f"SELECT (COUNT(*) AS ?n) WHERE {{ ?x a <{SCHEMA}CreativeWorkSeries> }}",
    "citations": f"SELECT (COUNT(*) AS ?n) WHERE {{ ?w <{SCHEMA}citation> ?c }}",
    "triples": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
}


@dataclass(frozen=True, slots=True)
class GraphInfo:
    """A graph of the store: its IRI, the reader and page its record came from (when known), its size."""

    iri: str
    reader: str
    source: str
    triples: int


def graph_names(store: Store, base: str | None = None) -> list[str]:
    """The named graphs under ``base`` the union gathers, in order; all of them or a StoreError."""
    return [info.iri for info in _pages(store, base, with_details=False)]


def graphs(store: Store, base: str | None = None) -> list[GraphInfo]:
    """Every named graph under ``base`` the union gathers, with the reader and page its provenance names
    (else the reader its IRI names) and its triple count."""
    return list(_pages(store, base, with_details=True))


def _pages(store: Store, base: str | None, *, with_details: bool) -> Iterator[GraphInfo]:
    prefix = resolve_base(base)
    own = f"STRSTARTS(STR(?g), {json.dumps(prefix)}) && {store.own_graphs('?g')}"
    provenance = provenance_graph_iri(base)
    details = (
        f"OPTIONAL {{ GRAPH <{provenance}> {{ ?g <{PROV}wasAttributedTo> ?agent . ?agent <{SCHEMA}name> ?reader }} }} "
        f"OPTIONAL {{ GRAPH <{provenance}> {{ ?g <{PROV}wasDerivedFrom> ?page }} }}"
    )
    seen, last = 0, None
    while True:
        after = f" && STR(?g) > {json.dumps(last)}" if last is not None else ""
        inner = f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER ({own}{after}) }} GROUP BY ?g ORDER BY STR(?g) LIMIT {PAGE}"
        query = (
            f"SELECT ?g ?n (SAMPLE(?reader) AS ?r) (SAMPLE(?page) AS ?source) WHERE {{ {{ {inner} }} {details} }} GROUP BY ?g ?n ORDER BY STR(?g)"
            if with_details
            else inner
        )
        rows = store.query(query).rows
        for row in rows:
            iri = row[0].value  # type: ignore[union-attr]
            reader = row[2].value if with_details and row[2] is not None else _reader_of(iri, prefix)  # type: ignore[union-attr]
            source = row[3].value if with_details and row[3] is not None else ""  # type: ignore[union-attr]
            yield GraphInfo(iri, reader, source, int(row[1].value))  # type: ignore[union-attr]
            last = iri
        seen += len(rows)
        if len(rows) < PAGE:
            break
    expected = count_of(store, f"SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER ({own}) }}")
    if seen != expected:
        raise cut_short(store, "the list of graphs", seen, expected, "graphs")


def _reader_of(iri: str, prefix: str) -> str:
    """The reader a record graph's IRI names (``{BASE}record/{reader}/...``), else empty."""
    rest = iri[len(prefix) :]
    return rest.split("/")[1] if rest.startswith("record/") and rest.count("/") >= 2 else ""


def select(infos: list[GraphInfo], *, named: tuple[str, ...] = (), sources: tuple[str, ...] = (), readers: tuple[str, ...] = ()) -> list[GraphInfo]:
    """The graphs ``named``, or whose page is one of ``sources``, or whose reader is one of ``readers``."""
    return [g for g in infos if g.iri in named or (g.source and g.source in sources) or (g.reader and g.reader in readers)]


def drop(store: Store, chosen: list[GraphInfo], base: str | None = None) -> int:
    """Remove these graphs and their provenance, keeping the union graph; how many triples they held."""
    provenance = provenance_graph_iri(base)
    for info in chosen:
        store.drop(info.iri, provenance)
    return sum(info.triples for info in chosen)


def stats(store: Store) -> dict[str, int]:
    """How many works, persons, journals, series, citation links and triples the union graph holds."""
    return {name: count_of(store, query) for name, query in COUNTS.items()}


def cut_short(store: Store, what: str, got: int, expected: int, unit: str) -> StoreError:
    """The error for an answer a server cut short: no verdict, no listing on a part."""
    return StoreError(
        f"the server answered {got} of the {expected} {unit} of {what} (it cuts answers short, as Virtuoso does at "
        "ResultSetMaxRows in virtuoso.ini): no verdict on a part; raise that limit",
        endpoint=store.name,
    )
