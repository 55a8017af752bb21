"""Check RDF against rdfbib's SHACL shapes (``ontology/shapes.ttl``) and say what is wrong, readably.

Works on an rdflib graph or dataset (what :func:`rdfbib.convert` returns), on RDF files rdfbib
writes (any of its formats, ``.gz`` allowed) and on a store (:mod:`rdfbib.store`: embedded Oxigraph
or a SPARQL server). A store is read a batch of named graphs at a time, so its size is not bounded
by memory; each batch holds whole record graphs, which is all the shapes need (every node a record
refers to is typed in the same graph; the provenance graph is one graph).

>>> from rdfbib import convert
>>> from rdfbib.validate import validate_dataset
>>> report = validate_dataset(convert("examples/seed-ideas-nature17038.txt"))
>>> report.conforms
True
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import SourceError

if TYPE_CHECKING:
    import pyoxigraph as ox
    from rdflib import Dataset, Graph

    from .store import Store

SH = "http://www.w3.org/ns/shacl#"
#: The focus node of the shapes' whole-graph (SHACL-SPARQL) rules: the message names the node at fault.
GRAPH_FOCUS = "urn:rdfbib:shapes#graph"
#: Named graphs of a store validated together (one CONSTRUCT and one pyshacl run per batch).
STORE_BATCH = 500
_SEVERITIES = {SH + "Violation": "Violation", SH + "Warning": "Warning", SH + "Info": "Info"}
_RANK = {"Violation": 0, "Warning": 1, "Info": 2}
_VALUE_MAX = 120


@dataclass(frozen=True, slots=True)
class Finding:
    """One SHACL result: the node at fault, the property, the offending value and what is wrong."""

    severity: str  # "Violation", "Warning" or "Info"
    focus: str  # the node (IRI or _:blank), or "(whole graph)" for whole-graph rules
    path: str | None  # the property, prefixed where rdfbib binds a prefix (schema:name)
    value: str | None  # the offending term in N-Triples syntax, shortened
    message: str
    shape: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"severity": self.severity, "focus": self.focus, "path": self.path, "value": self.value, "message": self.message, "shape": self.shape}

    def sort_key(self) -> tuple[int, str, str, str, str]:
        return (_RANK.get(self.severity, 3), self.focus, self.path or "", self.message, self.value or "")


@dataclass(slots=True)
class Report:
    """What validating one source found; ``conforms`` unless some finding is a Violation."""

    source: str
    triples: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Violation"]

    @property
    def conforms(self) -> bool:
        return not self.violations

    def text(self) -> str:
        """The report as a person reads it: a summary line, then one block per finding."""
        count = len(self.violations)
        others = len(self.findings) - count
        if not self.findings:
            return f"{self.source}: conforms ({self.triples} triples)\n"
        head = f"{self.source}: {count} violation{'s' if count != 1 else ''}"
        head += f", {others} warning{'s' if others != 1 else ''}" if others else ""
        lines = [f"{head} in {self.triples} triples"]
        for f in self.findings:
            lines.append(f"  {f.severity}: {f.message}")
            lines.append(f"    focus: {f.focus}")
            if f.path:
                lines.append(f"    path:  {f.path}")
            if f.value:
                lines.append(f"    value: {f.value}")
        return "\n".join(lines) + "\n"

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "conforms": self.conforms, "triples": self.triples, "results": [f.as_dict() for f in self.findings]}

    def json_line(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, sort_keys=True) + "\n"


@lru_cache(maxsize=1)
def shapes() -> Graph:
    """``ontology/shapes.ttl`` (installed with the package), parsed once."""
    from rdflib import Graph

    text = files("rdfbib.ontology").joinpath("shapes.ttl").read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")


def validate_graph(graph: Graph, *, source: str = "<graph>") -> Report:
    """Validate the triples of ``graph`` (no inference: the shapes target explicit classes)."""
    from pyshacl import validate as shacl

    _, results, _ = shacl(graph, shacl_graph=shapes(), inference="none", advanced=True, allow_warnings=True)
    # Several shapes can say the same thing of one node (every shape checks for blank nodes): say it once.
    unique = {f.sort_key(): f for f in _findings(results)}
    return Report(source, len(graph), [unique[k] for k in sorted(unique)])


def validate_dataset(dataset: Dataset, *, source: str = "<dataset>") -> Report:
    """Validate the union of a dataset's graphs (records and provenance)."""
    from .formats import union

    return validate_graph(union(dataset), source=source)


def validate_file(path: str | Path) -> Report:
    """Validate an RDF file in any format rdfbib writes (by extension, :mod:`rdfbib.files`; ``.gz`` allowed),
    all graphs together.

    :raises SourceError: not an RDF file by its name, unreadable or not valid RDF.
    """
    from .store.graphs import read_quads

    graph = _new_graph()
    for quad in read_quads(path):
        graph.add((_term(quad.subject), _term(quad.predicate), _term(quad.object)))
    return validate_graph(graph, source=str(path))


def validate_store(store: Store, *, base: str | None = None, batch: int = STORE_BATCH) -> Report:
    """Validate every named graph under the base (``{BASE}record/...``, ``{BASE}provenance``, files loaded).

    Graphs are read ``batch`` at a time. Other graphs a server holds (Virtuoso's system graphs, the union
    graph, temporary graphs) are skipped. Servers may cut an answer short and still say 200 (Virtuoso at its
    ``ResultSetMaxRows``): every answer is checked against a count, a batch cut short is read again in
    halves, and a single graph still cut short is an error, not a verdict on part of it.

    :raises StoreError: the store cannot be queried, or answers only part of a graph.
    """
    from .store.inventory import cut_short, graph_names
    from .store.loading import count_of

    names = graph_names(store, base)
    report = Report(store.name or "store")
    pending = [names[start : start + batch] for start in range(0, len(names), batch)]
    while pending:
        group = pending.pop()
        values = " ".join(f"<{n}>" for n in group)
        triples = set(store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}").triples)
        expected = count_of(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} }}")
        if len(triples) < expected:
            if len(group) == 1:
                raise cut_short(store, f"graph <{group[0]}>", len(triples), expected, "triples")
            pending += [group[len(group) // 2 :], group[: len(group) // 2]]
            continue
        part = validate_graph(_graph_of(triples), source=report.source)
        report.triples += part.triples
        report.findings.extend(part.findings)
    report.findings.sort(key=Finding.sort_key)
    return report


def validate_files(paths: Iterable[str | Path]) -> Iterator[Report | SourceError]:
    """One report per file, or the error that kept a file from being read; a bad file never stops the rest."""
    for path in paths:
        try:
            yield validate_file(path)
        except SourceError as exc:
            yield exc


# -- helpers ------------------------------------------------------------------------------------


def _new_graph() -> Graph:
    from rdflib import Graph

    from .formats import bind_prefixes

    graph = Graph()
    bind_prefixes(graph)
    return graph


def _graph_of(triples: Iterable[ox.Triple]) -> Graph:
    graph = _new_graph()
    for t in triples:
        graph.add((_term(t.subject), _term(t.predicate), _term(t.object)))
    return graph


def _term(term: Any) -> Any:
    """An rdflib term for a pyoxigraph one."""
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == "http://www.w3.org/2001/XMLSchema#string" else URIRef(datatype))
    raise SourceError(f"RDF-star triple terms are not rdfbib output: {term}")


def _findings(results: Graph) -> Iterator[Finding]:
    from rdflib import RDF, URIRef

    def sh(name: str) -> URIRef:
        return URIRef(SH + name)

    names = _PrefixNames()
    for result in results.subjects(RDF.type, sh("ValidationResult")):
        focus = results.value(result, sh("focusNode"))
        path = results.value(result, sh("resultPath"))
        value = results.value(result, sh("value"))
        severity = results.value(result, sh("resultSeverity"))
        messages = sorted(str(m) for m in results.objects(result, sh("resultMessage")))
        shape = results.value(result, sh("sourceShape"))
        yield Finding(
            severity=_SEVERITIES.get(str(severity), str(severity)),
            focus="(whole graph)" if str(focus) == GRAPH_FOCUS else _shown(focus),
            path=names.compact(path) if isinstance(path, URIRef) else (None if path is None else "(complex path)"),
            value=None if value is None else _shown(value),
            message="; ".join(messages) or "(no message)",
            shape=names.compact(shape) if isinstance(shape, URIRef) else None,
        )


def _shown(term: Any) -> str:
    text = term.n3()
    return text if len(text) <= _VALUE_MAX else text[: _VALUE_MAX - 3] + "..."


class _PrefixNames:
    """IRIs as ``prefix:local`` with rdfbib's prefixes (and the shapes' own), else ``<iri>``."""

    def __init__(self) -> None:
        from .vocab import PREFIXES

        self.prefixes = sorted(((str(ns), p) for p, ns in PREFIXES.items()), key=lambda i: -len(i[0]))
        self.prefixes.append(("urn:rdfbib:shapes#", "rdfbibsh"))

    def compact(self, iri: Any) -> str:
        text = str(iri)
        for ns, prefix in self.prefixes:
            local = text[len(ns) :]
            if text.startswith(ns) and local and all(c.isalnum() or c in "_-." for c in local):
                return f"{prefix}:{local}"
        return f"<{text}>"
