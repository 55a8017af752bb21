"""Output formats: names, extensions, media types and deterministic serialisation.

Same input, same bytes: line formats are sorted, JSON-LD is re-ordered by ``@id`` with sorted keys,
and the rdflib serialisers used for the others order their output by term.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from .errors import FormatError

if TYPE_CHECKING:
    from rdflib import Dataset, Graph


@dataclass(frozen=True, slots=True)
class Format:
    """An RDF syntax rdfbib writes."""

    name: str
    extension: str
    media_type: str
    rdflib_name: str
    quads: bool  # keeps the named graphs (else the union of the records is written)
    streams: bool  # can be written record by record


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("turtle", ".ttl", "text/turtle", "turtle", False, False),
        Format("json-ld", ".jsonld", "application/ld+json", "json-ld", False, False),
        Format("nt", ".nt", "application/n-triples", "nt", False, True),
        Format("nq", ".nq", "application/n-quads", "nquads", True, True),
        Format("trig", ".trig", "application/trig", "trig", True, False),
        Format("xml", ".rdf", "application/rdf+xml", "xml", False, False),
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


def from_extension(path: str) -> Format | None:
    """The format a file name's extension names, if any."""
    lower = path.lower()
    for fmt in FORMATS.values():
        if lower.endswith(fmt.extension):
            return fmt
    for alias in ("json", "owl", "xml"):
        if lower.endswith("." + alias):
            return get_format(alias)
    return None


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


def serialize(dataset: Dataset, fmt: Format | str, *, context_url: str | None = None) -> bytes:
    """The dataset in ``fmt`` as UTF-8 bytes, byte-identical for identical input.

    :param context_url: JSON-LD only: reference this published context instead of inlining it.
    """
    if isinstance(fmt, str):
        fmt = get_format(fmt)
    if fmt.name == "nq":
        return _sorted_lines(dataset.serialize(format="nquads", encoding="utf-8"))
    graph = union(dataset)
    if fmt.name == "nt":
        return _sorted_lines(graph.serialize(format="nt", encoding="utf-8"))
    if fmt.name == "json-ld":
        return _jsonld(graph, context_url)
    if fmt.name == "trig":
        bind_prefixes(dataset)
        return dataset.serialize(format="trig", encoding="utf-8")
    if fmt.name == "xml":
        return _rdfxml(graph)
    return graph.serialize(format=fmt.rdflib_name, encoding="utf-8")


def _rdfxml(graph: Graph) -> bytes:
    """Flat RDF/XML, subjects and statements sorted: rdflib's writer orders subjects by hash."""
    from xml.sax.saxutils import escape, quoteattr

    from rdflib import Literal, URIRef

    prefixes = {str(ns): prefix for prefix, ns in graph.namespaces()}
    used: dict[str, str] = {}
    body = []
    for s in sorted(set(graph.subjects())):
        body.append(f"  <rdf:Description rdf:about={quoteattr(str(s))}>")
        for p, o in sorted(graph.predicate_objects(s)):
            ns, local = _split_predicate(str(p))
            prefix = prefixes.get(ns) or used.get(ns) or f"ns{len(used) + 1}"
            used[ns] = prefix
            tag = f"{prefix}:{local}"
            if isinstance(o, URIRef):
                body.append(f"    <{tag} rdf:resource={quoteattr(str(o))}/>")
            elif isinstance(o, Literal):
                attrs = f" xml:lang={quoteattr(o.language)}" if o.language else ""
                attrs += f" rdf:datatype={quoteattr(str(o.datatype))}" if o.datatype else ""
                body.append(f"    <{tag}{attrs}>{escape(str(o))}</{tag}>")
        body.append("  </rdf:Description>")
    used.setdefault("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf")
    declarations = "".join(f"\n   xmlns:{prefix}={quoteattr(ns)}" for ns, prefix in sorted(used.items(), key=lambda i: i[1]))
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF{declarations}>\n' + "\n".join(body) + "\n</rdf:RDF>\n").encode("utf-8")


def _split_predicate(iri: str) -> tuple[str, str]:
    """Namespace and XML local name of a predicate IRI (the longest NCName-safe tail)."""
    cut = len(iri)
    while cut > 0 and (iri[cut - 1].isalnum() or iri[cut - 1] in "_-."):
        cut -= 1
    while cut < len(iri) and not (iri[cut].isalpha() or iri[cut] == "_"):
        cut += 1
    if cut >= len(iri):
        raise FormatError(f"predicate {iri} cannot be written in RDF/XML (no XML name at its end)")
    return iri[:cut], iri[cut:]


def _sorted_lines(data: bytes) -> bytes:
    lines = sorted(set(line for line in data.split(b"\n") if line.strip()))
    return b"\n".join(lines) + b"\n" if lines else b""


def _jsonld(graph: Graph, context_url: str | None) -> bytes:
    ctx = context()
    text = graph.serialize(format="json-ld", context=ctx, auto_compact=True)
    doc = json.loads(text)
    nodes = doc.get("@graph", [doc] if "@id" in doc else [])
    for node in nodes:
        node.pop("@context", None)
    nodes = sorted(nodes, key=lambda n: n.get("@id", ""))
    prefixes = {k: v for k, v in ctx.items() if isinstance(v, str)}
    out: dict[str, Any] = {"@context": context_url or ctx, "@graph": [_sort_values(n, prefixes) for n in nodes]}
    return (json.dumps(out, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


def _sort_values(value: Any, prefixes: dict[str, str]) -> Any:
    """Order arrays (JSON-LD sets: order carries no meaning here) so output does not depend on hashing.

    Also undoes an rdflib compaction bug: ``{ns}//x`` written as ``prefix://x``, which JSON-LD reads
    as an absolute IRI of scheme ``prefix``.
    """
    if isinstance(value, dict):
        return {k: _full_iri(v, prefixes) if k == "@id" else _sort_values(v, prefixes) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sort_values(v, prefixes) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def _full_iri(value: Any, prefixes: dict[str, str]) -> Any:
    if isinstance(value, str):
        prefix, sep, rest = value.partition(":")
        if sep and rest.startswith("//") and prefix in prefixes:
            return prefixes[prefix] + rest
    return value
