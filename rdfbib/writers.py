"""Streaming writers: records go out one at a time, in every format, without an rdflib graph.

A batch of 100,000 pages is written in constant memory: each record's triples are formatted and
written as soon as the record is mapped. Within a record everything is sorted (subjects, then
predicates with ``rdf:type`` first, then objects, numbers in IRIs compared as numbers), so the same
input gives the same bytes. Records follow each other in the order they are written; a subject that
appears in two records (a journal, a publisher) is written in both, which every RDF syntax allows.

Formats that declare prefixes up front (Turtle, TriG, RDF/XML) spool their body to a temporary
file and write only the prefixes actually used when they close.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Callable, Iterable
from functools import lru_cache
from json.encoder import encode_basestring as _json_string
from typing import IO, Any, NamedTuple

from .errors import FormatError
from .terms import IRI, BlankNode, Lit, Term, Triple
from .vocab import PREFIXES

_RDF_TYPE = str(PREFIXES["rdf"]) + "type"
_XSD_STRING = str(PREFIXES["xsd"]) + "string"
_PREFIX_OF = {str(ns): prefix for prefix, ns in PREFIXES.items()}
# Longest namespace first, so the most specific prefix wins.
_NAMESPACE = re.compile("|".join(re.escape(ns) for ns in sorted(_PREFIX_OF, key=len, reverse=True)))
_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]*$")
_DIGITS = re.compile(r"(\d+)")
# N-Triples / Turtle string escapes: the four ECHARs, and \u for the other C0 controls.
_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r"}
_ESCAPES.update({c: f"\\u{c:04X}" for c in range(0x20) if c not in _ESCAPES})


def _natural(text: str) -> tuple[Any, ...]:
    """Sort key comparing digit runs as numbers: ``author/2`` before ``author/10``, ``rdf:_2`` before ``rdf:_10``.

    Angle brackets are ignored and the text itself breaks ties (``a01`` / ``a1``), so the order is total.
    """
    inner = text.strip("<>")
    return (tuple(int(part) if i % 2 else part for i, part in enumerate(_DIGITS.split(inner))), text)


@lru_cache(maxsize=4096)
def _prefixed(iri: str) -> tuple[str, str] | None:
    """``(prefix, local)`` when ``iri`` is in one of rdfbib's namespaces with a plain local name."""
    match = _NAMESPACE.match(iri)
    if not match:
        return None
    local = iri[match.end() :]
    return (_PREFIX_OF[match.group(0)], local) if _LOCAL.match(local) else None


@lru_cache(maxsize=4096)
def _predicate_order(predicate: str) -> tuple[bool, tuple[Any, ...]]:
    """``a`` first, then natural order; cached, since a batch uses a few dozen predicates over and over."""
    return predicate != "a", _natural(predicate)


def _sorted(items: Iterable[str]) -> list[str]:
    items = list(items)
    return items if len(items) < 2 else sorted(items, key=_natural)


def _quoted(value: str) -> str:
    """A string literal's quoted, escaped form (N-Triples, Turtle and SPARQL share it)."""
    if value.isprintable() and '"' not in value and "\\" not in value:
        return '"' + value + '"'  # nothing to escape: most literals (control characters are unprintable)
    return '"' + value.translate(_ESCAPES) + '"'


def nt_term(term: Term) -> str:
    """A term in N-Triples syntax (also valid Turtle and SPARQL)."""
    if type(term) is IRI:  # most terms: tested first
        return f"<{term}>"
    if isinstance(term, Lit):
        text = _quoted(term.value)
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype and term.datatype != _XSD_STRING:
            return f"{text}^^<{term.datatype}>"
        return text
    if isinstance(term, BlankNode):
        return f"_:{term}"
    return f"<{term}>"


class _Formatted(dict):  # type: ignore[type-arg]
    """Terms formatted by ``formatter``, each once: a record names each subject and predicate many times
    (a third faster than formatting every occurrence). IRIs always hold a colon and blank-node labels
    never do, so the two cannot share a key."""

    def __init__(self, formatter: Callable[[Term], str]) -> None:
        super().__init__()
        self.formatter = formatter

    def __missing__(self, term: Term) -> str:
        text = self[term] = self.formatter(term)
        return text


def nt_lines(triples: Iterable[Triple], graph: str | None = None) -> list[str]:
    """The distinct statements of one record as sorted N-Triples (or, with ``graph``, N-Quads) lines."""
    tail = f" <{graph}> .\n" if graph else " .\n"
    memo: dict[Term, str] = {}  # each term formatted once (no formatted term is empty, so "or" is safe)
    get, keep = memo.get, memo.setdefault
    return sorted({f"{get(s) or keep(s, nt_term(s))} {get(p) or keep(p, nt_term(p))} {get(o) or keep(o, nt_term(o))}{tail}" for s, p, o in triples})


class Rendered(NamedTuple):
    """One record formatted for a writer: its UTF-8 bytes and the prefixes they use.

    Bytes, not text, so a worker process encodes once and the parent only copies.
    """

    data: bytes
    used: frozenset[str] = frozenset()


class Writer:
    """Writes records to a binary stream; :meth:`close` finishes the document (the stream stays open).

    :meth:`render` is pure (it may run in a worker process); :meth:`emit` appends its result in order.
    """

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out

    def render(self, graph: str | None, triples: Iterable[Triple]) -> Rendered:
        raise NotImplementedError

    def emit(self, rendered: Rendered) -> None:
        self.out.write(rendered.data)

    def write(self, graph: str | None, triples: Iterable[Triple]) -> None:
        self.emit(self.render(graph, triples))

    def render_counted(self, graph: str | None, triples: Iterable[Triple]) -> tuple[Rendered, int]:
        """:meth:`render`, and how many distinct triples the record has (duplicates are possible in ``triples``)."""
        distinct = set(triples)
        return self.render(graph, distinct), len(distinct)

    def close(self) -> None:
        """Finish the document."""

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class NTriplesWriter(Writer):
    def render(self, graph: str | None, triples: Iterable[Triple]) -> Rendered:
        return Rendered("".join(nt_lines(triples)).encode("utf-8"))

    def render_counted(self, graph: str | None, triples: Iterable[Triple]) -> tuple[Rendered, int]:
        """One line per distinct triple: counting lines is cheaper than a set of the terms (8 % of a ReDIF batch)."""
        rendered = self.render(graph, triples)
        return rendered, rendered.data.count(b"\n")


class NQuadsWriter(NTriplesWriter):
    def render(self, graph: str | None, triples: Iterable[Triple]) -> Rendered:
        return Rendered("".join(nt_lines(triples, graph)).encode("utf-8"))


class _Spooled(Writer):
    """Body to a temporary file while the prefixes in use are collected; header and body on close."""

    def __init__(self, out: IO[bytes]) -> None:
        super().__init__(out)
        self.body: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
        self.used: set[str] = set()

    def emit(self, rendered: Rendered) -> None:
        self.used.update(rendered.used)
        self.body.write(rendered.data)

    def close(self) -> None:
        if self.body.closed:
            return
        self.out.write(self.header().encode("utf-8"))
        self.body.seek(0)
        while chunk := self.body.read(1 << 20):
            self.out.write(chunk)
        self.out.write(self.footer().encode("utf-8"))
        self.body.close()

    def header(self) -> str:
        return ""

    def footer(self) -> str:
        return ""


class TurtleWriter(_Spooled):
    indent = ""

    def header(self) -> str:
        lines = [f"@prefix {p}: <{PREFIXES[p]}> ." for p in sorted(self.used)]
        return "\n".join(lines) + "\n\n" if lines else ""

    @staticmethod
    def term(term: Term, used: set[str]) -> str:
        if isinstance(term, Lit):
            text = _quoted(term.value)
            if term.language:
                return f"{text}@{term.language}"
            if term.datatype and term.datatype != _XSD_STRING:
                return f"{text}^^{TurtleWriter.term(IRI(term.datatype), used)}"
            return text
        if isinstance(term, BlankNode):
            return f"_:{term}"
        name = _prefixed(term)
        if name:
            used.add(name[0])
            return f"{name[0]}:{name[1]}"
        return f"<{term}>"

    def block(self, triples: Iterable[Triple], used: set[str]) -> str:
        """One record's triples as Turtle statements, subject by subject."""
        memo = _Formatted(lambda t: self.term(t, used))
        memo[IRI(_RDF_TYPE)] = "a"
        subjects: dict[str, dict[str, set[str]]] = {}
        for s, p, o in triples:
            subjects.setdefault(memo[s], {}).setdefault(memo[p], set()).add(memo[o])
        out = []
        pad = self.indent
        for subject in _sorted(subjects):
            predicates = subjects[subject]
            parts = []
            for predicate in sorted(predicates, key=_predicate_order):
                parts.append(f"{predicate} " + ", ".join(_sorted(predicates[predicate])))
            out.append(f"{pad}{subject} " + f" ;\n{pad}    ".join(parts) + " .\n")
        return "\n".join(out)

    def render(self, graph: str | None, triples: Iterable[Triple]) -> Rendered:
        used: set[str] = set()
        block = self.block(triples, used)
        return Rendered((block + "\n").encode("utf-8") if block else b"", frozenset(used))


class TriGWriter(TurtleWriter):
    indent = "    "

    def render(self, graph: str | None, triples: Iterable[Triple]) -> Rendered:
        used: set[str] = set()
        block = self.block(triples, used)
        if not block:
            return Rendered(b"")
        text = f"<{graph}> {{\n{block}}}\n\n" if graph else f"{{\n{block}}}\n\n"
        return Rendered(text.encode("utf-8"), frozenset(used))


class RdfXmlWriter(_Spooled):
    """Flat RDF/XML: one ``rdf:Description`` per subject and record."""

    def __init__(self, out: IO[bytes]) -> None:
        super().__init__(out)
        self.used.add("rdf")

    def header(self) -> str:
        declarations = "".join(f'\n   xmlns:{p}="{PREFIXES[p]}"' for p in sorted(self.used))
        return f'<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF{declarations}>\n'

    def footer(self) -> str:
        return "</rdf:RDF>\n"

    def render(self, graph: str | None, triples: Iterable[Triple]) -> Rendered:
        from xml.sax.saxutils import escape, quoteattr

        used: set[str] = set()
        subjects: dict[Term, set[tuple[str, Term]]] = {}
        for s, p, o in triples:
            name = _prefixed(p)
            if not name:
                raise FormatError(f"predicate <{p}> cannot be written in RDF/XML (not in a namespace rdfbib declares)")
            used.add(name[0])
            subjects.setdefault(s, set()).add((f"{name[0]}:{name[1]}", o))
        lines = []
        for s in sorted(subjects, key=lambda t: _natural(str(t))):
            about = f"rdf:nodeID={quoteattr(s)}" if isinstance(s, BlankNode) else f"rdf:about={quoteattr(s)}"
            lines.append(f"  <rdf:Description {about}>")
            for tag, o in sorted(subjects[s], key=lambda po: (po[0], _natural(str(po[1])))):
                if isinstance(o, Lit):
                    attrs = f" xml:lang={quoteattr(o.language)}" if o.language else ""
                    attrs += f" rdf:datatype={quoteattr(o.datatype)}" if o.datatype and not o.language else ""
                    lines.append(f"    <{tag}{attrs}>{escape(o.value)}</{tag}>")
                elif isinstance(o, BlankNode):
                    lines.append(f"    <{tag} rdf:nodeID={quoteattr(o)}/>")
                else:
                    lines.append(f"    <{tag} rdf:resource={quoteattr(o)}/>")
            lines.append("  </rdf:Description>")
        return Rendered(("\n".join(lines) + "\n").encode("utf-8") if lines else b"", frozenset(used))


def _json(value: dict[str, Any] | list[Any] | str, pad: str) -> str:
    """``json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)`` with every line after the
    first indented by ``pad``, for the node objects the JSON-LD writer builds (strings, lists, dicts).

    The json module formats indented output in pure Python, five times slower than this.
    """
    if isinstance(value, str):
        return _json_string(value)
    inner = pad + "  "
    if isinstance(value, dict):
        items = [f"{inner}{_json_string(key)}: {_json(value[key], inner)}" for key in sorted(value)]
        return "{\n" + ",\n".join(items) + f"\n{pad}}}" if items else "{}"
    items = [inner + _json(item, inner) for item in value]
    return "[\n" + ",\n".join(items) + f"\n{pad}]" if items else "[]"


class JsonLdWriter(Writer):
    """Compacted JSON-LD: one node object per subject and record in ``@graph``."""

    def __init__(self, out: IO[bytes], *, context: dict[str, Any], context_url: str | None = None) -> None:
        super().__init__(out)
        self.first = True
        self.started = False
        self.head: str | None = json.dumps({"@context": context_url or context}, indent=2, ensure_ascii=False, sort_keys=True)

    @staticmethod
    def compact(iri: str) -> str:
        name = _prefixed(iri)
        return f"{name[0]}:{name[1]}" if name else iri

    def value(self, term: Term) -> Any:
        if isinstance(term, Lit):
            if term.language:
                return {"@language": term.language, "@value": term.value}
            if term.datatype and term.datatype != _XSD_STRING:
                return {"@type": self.compact(term.datatype), "@value": term.value}
            return term.value
        return {"@id": f"_:{term}" if isinstance(term, BlankNode) else str(term)}

    def render(self, graph: str | None, triples: Iterable[Triple]) -> Rendered:
        """The record's node objects, each indented for ``@graph`` and separated by ``,`` lines."""
        by_subject: dict[Term, dict[str, set[Term]]] = {}
        keys = _Formatted(self.compact)
        for s, p, o in triples:
            key = "@type" if p == _RDF_TYPE and not isinstance(o, Lit) else keys[p]
            by_subject.setdefault(s, {}).setdefault(key, set()).add(o)
        nodes = {f"_:{s}" if isinstance(s, BlankNode) else str(s): node for s, node in by_subject.items()}
        texts = []
        for subject in _sorted(nodes):
            node: dict[str, Any] = {"@id": subject}
            for key, values in nodes[subject].items():
                if len(values) == 1:  # most keys: nothing to order
                    (one,) = values
                    node[key] = self.compact(one) if key == "@type" else self.value(one)
                    continue
                if key == "@type":
                    ordered: list[Any] = _sorted(self.compact(v) for v in values)
                else:
                    by_text = {nt_term(v): v for v in values}
                    ordered = [self.value(by_text[t]) for t in _sorted(by_text)]
                node[key] = ordered[0] if len(ordered) == 1 else ordered
            texts.append("    " + _json(node, "    "))
        return Rendered(",\n".join(texts).encode("utf-8"))

    def emit(self, rendered: Rendered) -> None:
        self._start()
        if rendered.data:
            self.out.write(b"\n" if self.first else b",\n")
            self.out.write(rendered.data)
            self.first = False

    def _start(self) -> None:
        if not self.started:
            self.started = True
            head = self.head or ""
            self.out.write((head[: head.rindex("}")].rstrip() + ',\n  "@graph": [').encode("utf-8"))

    def close(self) -> None:
        if self.head is None:
            return
        self._start()
        self.out.write(("\n  ]\n}\n" if not self.first else "]\n}\n").encode("utf-8"))
        self.head = None
