"""What a store holds: one :class:`GraphData` per record graph, from records, Datasets or RDF files.

:func:`read_quads` reads any RDF file rdfbib writes (format from :mod:`rdfbib.files`, ``.gz`` allowed);
``rdfbib load`` and ``rdfbib validate`` both read files through it.
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from .. import iris
from ..errors import SourceError
from ..files import RDF, kind_of, rdf_extensions
from ..writers import nt_lines, nt_term

if TYPE_CHECKING:
    from rdflib import Dataset

    from ..mapping import Mapper
    from ..model import Record

#: pyoxigraph's parser for each RDF format name of :data:`rdfbib.files.EXTENSIONS`.
PARSERS = {
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "json-ld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}


@dataclass(slots=True)
class GraphData:
    """One record's named graph: its IRI, its distinct triples as N-Triples lines, and where it came from.

    ``merge``: replace the statements of each subject the triples are about, not the whole graph (the
    provenance graph, shared by all records). ``warnings``: what reading it cut (a block a later one replaced).
    """

    iri: str
    triples: list[str]
    source: str
    blank_nodes: bool = False
    merge: bool = False
    warnings: list[str] = field(default_factory=list)


def record_graph(record: Record, mapper: Mapper, *, source: str | None = None) -> GraphData:
    """A record as the graph a store holds for it."""
    lines = [line.rstrip("\n") for line in nt_lines(mapper.terms(record))]
    return GraphData(str(mapper.graph_iri(record)), lines, source or record.source)


def dataset_graphs(dataset: Dataset, *, source: str = "<dataset>", base: str | None = None) -> list[GraphData]:
    """The named graphs of an rdflib Dataset (triples in its default graph are not loaded: records have graphs)."""
    from rdflib import BNode, URIRef
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    from ..terms import from_rdflib

    graphs: dict[str, dict[str, None]] = {}
    blank: set[str] = set()
    for s, p, o, ctx in dataset.quads((None, None, None, None)):
        name = ctx.identifier if ctx is not None and hasattr(ctx, "identifier") else ctx
        if not isinstance(name, URIRef) or name == DATASET_DEFAULT_GRAPH_ID:
            continue
        line = f"{nt_term(from_rdflib(s))} {nt_term(from_rdflib(p))} {nt_term(from_rdflib(o))} ."
        graphs.setdefault(str(name), {})[line] = None
        if isinstance(s, BNode) or isinstance(o, BNode):
            blank.add(str(name))
    shared = provenance_graph_iri(base)
    return [GraphData(name, list(lines), source, name in blank, name == shared) for name, lines in sorted(graphs.items())]


def rdf_parser(path: str | os.PathLike[str]) -> ox.RdfFormat:
    """The pyoxigraph parser for an RDF file, by its name.

    :raises SourceError: the name is not one of an RDF file rdfbib reads.
    """
    kind = kind_of(path)
    if kind is None or kind.kind != RDF or kind.format is None:
        raise SourceError(f"not an RDF file rdfbib reads (extensions: {rdf_extensions()}, optionally .gz)", source=str(path))
    return PARSERS[kind.format]


def read_quads(path: str | os.PathLike[str]) -> Iterator[ox.Quad]:
    """The quads of an RDF file rdfbib wrote (any of its formats, by extension; ``.gz`` allowed).

    :raises SourceError: not an RDF file by its name, unreadable, or not valid in its format.
    """
    name = str(path)
    fmt = rdf_parser(path)
    try:
        with (gzip.open if name.lower().endswith(".gz") else open)(name, "rb") as handle:
            yield from ox.parse(handle, fmt, base_iri=None)
    except (OSError, EOFError) as exc:
        raise SourceError(f"cannot read: {getattr(exc, 'strerror', None) or exc}", source=name) from None
    except MemoryError as exc:
        if "buffer maximal size" not in str(exc):
            raise  # the process ran out of memory: not this file's fault
        # pyoxigraph's parsers hold one token (a literal, a line of N-Triples) in a buffer of at most 16 MiB.
        raise SourceError(f"not readable: a term or line longer than the parser's limit ({exc})", source=name) from None
    except (SyntaxError, ValueError) as exc:
        hint = " (rdfbib fetches no remote JSON-LD context: convert without --context to load the file)" if "remote context" in str(exc) else ""
        raise SourceError(f"not valid {fmt.name}: {exc}{hint}", source=name) from None


def file_graph_iri(path: str | os.PathLike[str], base: str | None = None) -> str:
    """``{BASE}file/{file name}``: the graph a triples-only file (Turtle, JSON-LD, ...) is loaded into."""
    return f"{iris.resolve_base(base)}file/{iris.encode(Path(path).name, keep_slash=False)}"


def file_graphs(path: str | os.PathLike[str], *, base: str | None = None) -> Iterator[GraphData]:
    """The graphs of an RDF file: N-Quads/TriG keep theirs; other formats (and default-graph quads) go to :func:`file_graph_iri`.

    A graph's quads in a row are a block. A graph whose quads come back after another graph's is given
    again, and the last block wins, as when the same pages are loaded in order (a warning says so); in the
    provenance graph, which records share, the last block about each subject wins.

    The file is read twice: first whole, to check it (so a bad file gives no graph) and count each graph's
    blocks; then graphs are given one at a time as their last block ends (the provenance graph last), so
    memory holds one graph, not the file.

    :raises SourceError: not an RDF file by its name, unreadable or invalid (raised here, before any graph).
    """
    name = str(path)
    default = file_graph_iri(name[:-3] if name.lower().endswith(".gz") else name, base)
    blocks: dict[str, int] = {}
    current = None
    for quad in read_quads(path):
        graph = quad.graph_name
        key = graph.value if isinstance(graph, ox.NamedNode) else default
        if key != current:
            current = key
            blocks[key] = blocks.get(key, 0) + 1
    return _last_blocks(path, default, provenance_graph_iri(base), blocks)


def _last_blocks(path: str | os.PathLike[str], default: str, shared: str, blocks: dict[str, int]) -> Iterator[GraphData]:
    """The second reading of :func:`file_graphs`: each graph from its last block (of ``blocks``), the provenance graph at the end."""
    name = str(path)
    left = dict(blocks)
    about: dict[str, dict[str, None]] = {}  # the provenance graph's lines by subject, from its last block about each
    said: dict[str, int] = {}  # the block of the provenance graph that last spoke of each subject
    current: str | None = None
    lines: dict[str, None] = {}
    blank = shared_blank = False
    for quad in read_quads(path):
        graph = quad.graph_name
        key = graph.value if isinstance(graph, ox.NamedNode) else default
        if key != current:
            if current is not None and current != shared and not left[current]:
                yield GraphData(current, list(lines), name, blank, False, _repeated(current, blocks[current], name))
            current, lines, blank = key, {}, False
            left[key] -= 1
        if key != shared and left[key]:
            continue  # a later block replaces this one
        line = f"{quad.subject} {quad.predicate} {quad.object} ."
        has_blank = isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode)
        if key == shared:
            subject = str(quad.subject)
            block = blocks[key] - left[key]
            if said.get(subject) != block:
                said[subject] = block
                about[subject] = {}
            about[subject][line] = None
            shared_blank = shared_blank or has_blank
        else:
            lines[line] = None
            blank = blank or has_blank
    if current is not None and current != shared:
        yield GraphData(current, list(lines), name, blank, False, _repeated(current, blocks[current], name))
    if shared in blocks:
        yield GraphData(shared, [line for lines in about.values() for line in lines], name, shared_blank, True, [])


def _repeated(iri: str, blocks: int, name: str) -> list[str]:
    return [f"graph <{iri}> is given {blocks} times in {name}: the last block replaces the earlier ones"] if blocks > 1 else []


def provenance_graph_iri(base: str | None = None) -> str:
    """The graph every record's provenance shares (merged, never replaced whole)."""
    return f"{iris.resolve_base(base)}provenance"


def union_graph_iri(base: str | None = None) -> str:
    """``{BASE}union``: the graph a server whose default graph is a bag of all graphs (Virtuoso) keeps as the
    set of the triples of all graphs, for queries to read (see :attr:`~.base.Store.union`)."""
    return f"{iris.resolve_base(base)}union"
