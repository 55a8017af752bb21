"""Output formats: names, extensions, media types, the JSON-LD context, and serialisation of a
Dataset through the same streaming writers the command line uses (:mod:`rdfbib.writers`)."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import IO, TYPE_CHECKING, Any

from .errors import FormatError

if TYPE_CHECKING:
    from rdflib import Dataset, Graph

    from .writers import Writer

DATASET_DEFAULT_GRAPH_ID = "urn:x-rdflib:default"


@dataclass(frozen=True, slots=True)
class Format:
    """An RDF syntax rdfbib writes."""

    name: str
    extension: str
    media_type: str
    quads: bool  # keeps the named graphs (else the union of the records is written)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("turtle", ".ttl", "text/turtle", False),
        Format("json-ld", ".jsonld", "application/ld+json", False),
        Format("nt", ".nt", "application/n-triples", False),
        Format("nq", ".nq", "application/n-quads", True),
        Format("trig", ".trig", "application/trig", True),
        Format("xml", ".rdf", "application/rdf+xml", False),
    )
}
_ALIASES = {
    "ttl": "turtle",
    "jsonld": "json-ld",
    "json": "json-ld",
    "ntriples": "nt",
    "n-triples": "nt",
    "nquads": "nq",
    "n-quads": "nq",
    "rdfxml": "xml",
    "rdf/xml": "xml",
    "rdf": "xml",
    "owl": "xml",
}


def get_format(name: str) -> Format:
    """The format called ``name`` (or an alias such as ``ttl``, ``jsonld``, ``nquads``).

    :raises FormatError: unknown name; the message lists the valid ones.
    """
    key = name.strip().lower()
    key = _ALIASES.get(key, key)
    try:
        return FORMATS[key]
    except KeyError:
        raise FormatError(f"unknown format {name!r}; formats are: {', '.join(FORMATS)}") from None


@lru_cache(maxsize=1)
def context() -> dict[str, Any]:
    """The project's JSON-LD context (``ontology/context.jsonld``, installed with the package)."""
    data = json.loads(files("rdfbib.ontology").joinpath("context.jsonld").read_text(encoding="utf-8"))
    return data["@context"] if "@context" in data else data


def bind_prefixes(graph: Graph) -> None:
    """Bind rdfbib's prefixes (replacing rdflib's defaults, e.g. its https ``schema:``)."""
    from .vocab import PREFIXES

    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)


def union(dataset: Dataset) -> Graph:
    """All records' triples in one graph (what Turtle, JSON-LD, N-Triples and RDF/XML hold)."""
    from rdflib import Graph

    graph = Graph()
    bind_prefixes(graph)
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def open_writer(fmt: Format | str, out: IO[bytes], *, context_url: str | None = None) -> Writer:
    """A streaming writer of ``fmt`` on ``out``: ``write(graph, triples)`` per record, then ``close()``."""
    from . import writers

    if isinstance(fmt, str):
        fmt = get_format(fmt)
    if fmt.name == "json-ld":
        return writers.JsonLdWriter(out, context=context(), context_url=context_url)
    classes = {
        "turtle": writers.TurtleWriter,
        "nt": writers.NTriplesWriter,
        "nq": writers.NQuadsWriter,
        "trig": writers.TriGWriter,
        "xml": writers.RdfXmlWriter,
    }
    return classes[fmt.name](out)


def serialize(dataset: Dataset, fmt: Format | str, *, context_url: str | None = None) -> bytes:
    """The dataset in ``fmt`` as UTF-8 bytes, byte-identical for identical input.

    Record graphs are written in the order of their IRIs, each as the streaming writers write a
    record, so a one-record dataset serialises exactly as ``rdfbib convert`` writes that page.

    :param context_url: JSON-LD only: reference this published context instead of inlining it.
    """
    from rdflib import URIRef

    from .terms import from_rdflib

    out = io.BytesIO()
    writer = open_writer(fmt, out, context_url=context_url)
    graphs = sorted((g for g in dataset.graphs() if len(g)), key=lambda g: str(g.identifier))
    for graph in graphs:
        name = graph.identifier
        triples = [(from_rdflib(s), from_rdflib(p), from_rdflib(o)) for s, p, o in graph]
        writer.write(str(name) if isinstance(name, URIRef) and name != DATASET_DEFAULT_GRAPH_ID else None, triples)
    writer.close()
    return out.getvalue()
