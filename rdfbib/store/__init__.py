"""Load records into SPARQL stores and query them: embedded Oxigraph, or any SPARQL 1.1 server.

Every record lives in its own named graph (DESIGN.md, graphs) and loading *replaces* that graph,
so loading the same pages twice changes nothing and a changed page leaves none of its old triples.
A failed record never leaves half a graph (see :mod:`.embedded` and :mod:`.remote` for how each kind
of store makes that so). The one graph records share, ``{BASE}provenance``, is merged instead: the
statements about each subject in the new data replace that subject's statements, so loading one
record keeps the others' provenance.

One job a module: :mod:`.graphs` (what is loaded: records, Datasets, RDF files), :mod:`.base` (what
every store does), :mod:`.embedded`, :mod:`.remote`, :mod:`.loading` (open a store, load graphs),
:mod:`.results` (query answers and how they are written).

>>> from rdfbib.store import open_store, load_records
>>> from rdfbib import extract
>>> with open_store("rdfbib-store") as store:                         # doctest: +SKIP
...     report = load_records(store, [extract("examples/seed-ideas-nature17038.txt")])
...     result = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
"""

from __future__ import annotations

from .base import Store, StoreFull, StoreUnavailable, merge_update, replace_update
from .embedded import DEFAULT_LOCATION, EmbeddedStore
from .graphs import GraphData, dataset_graphs, file_graph_iri, file_graphs, provenance_graph_iri, read_quads, record_graph
from .loading import LoadReport, count, load, load_dataset, load_files, load_records, open_store
from .remote import Endpoints, RemoteStore, endpoints, query_kind
from .results import RESULT_FORMATS, QueryResult, write_result

__all__ = [
    "DEFAULT_LOCATION",
    "RESULT_FORMATS",
    "EmbeddedStore",
    "Endpoints",
    "GraphData",
    "LoadReport",
    "QueryResult",
    "RemoteStore",
    "Store",
    "StoreFull",
    "StoreUnavailable",
    "count",
    "dataset_graphs",
    "endpoints",
    "file_graph_iri",
    "file_graphs",
    "load",
    "load_dataset",
    "load_files",
    "load_records",
    "merge_update",
    "open_store",
    "provenance_graph_iri",
    "query_kind",
    "read_quads",
    "record_graph",
    "replace_update",
    "write_result",
]
