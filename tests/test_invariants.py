"""Invariants every fixture's output keeps: no blank nodes, known terms, SHACL shapes, every format
re-parses to the same graph in rdflib and pyoxigraph, and the same input gives the same bytes."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef

import rdfbib
from rdfbib.formats import FORMATS, serialize, union

from .conftest import fixture_id, fixture_pages
from .vocab import unknown_terms

PAGES = fixture_pages()
_RDFLIB_FORMATS = {"turtle": "turtle", "json-ld": "json-ld", "nt": "nt", "nq": "nquads", "trig": "trig", "xml": "xml"}
_OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "json-ld": ox.RdfFormat.JSON_LD,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "xml": ox.RdfFormat.RDF_XML,
}


@lru_cache(maxsize=None)
def dataset_of(path: Path) -> Dataset:
    return rdfbib.convert(path)


def quad_set(dataset: Dataset) -> set[tuple]:
    return {(s, p, o, getattr(g, "identifier", g)) for s, p, o, g in dataset.quads((None, None, None, None))}


def test_there_are_fixtures_for_every_reader() -> None:
    readers = {p.parent.name for p in PAGES}
    for reader in rdfbib.all_readers():
        assert reader.name in readers, f"reader {reader.name} has no fixture under tests/fixtures/{reader.name}/"


@pytest.mark.parametrize("page", PAGES, ids=fixture_id)
def test_fixture_detected_by_its_reader(page: Path) -> None:
    assert rdfbib.extract(page).reader == page.parent.name


@pytest.mark.parametrize("page", PAGES, ids=fixture_id)
def test_no_blank_nodes_and_known_terms(page: Path) -> None:
    dataset = dataset_of(page)
    quads = quad_set(dataset)
    assert quads, "no triples"
    assert not any(isinstance(t, BNode) for q in quads for t in q)
    assert unknown_terms(union(dataset)) == set()


def _ox_to_rdflib(term: ox.NamedNode | ox.Literal | ox.BlankNode | ox.DefaultGraph) -> object:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == "http://www.w3.org/2001/XMLSchema#string" else URIRef(datatype))
    if isinstance(term, ox.DefaultGraph):
        return None
    return BNode(term.value)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("page", PAGES, ids=fixture_id)
def test_every_format_reparses_to_the_same_graph(page: Path, fmt: str) -> None:
    dataset = dataset_of(page)
    data = serialize(dataset, fmt)
    quads = quad_set(dataset)
    expected = quads if FORMATS[fmt].quads else {(s, p, o, None) for s, p, o, _ in quads}
    # rdflib
    parsed = Dataset()
    parsed.parse(data=data, format=_RDFLIB_FORMATS[fmt])
    got = quad_set(parsed)
    if not FORMATS[fmt].quads:
        got = {(s, p, o, None) for s, p, o, _ in got}
    assert got == expected
    # pyoxigraph, an independent parser
    ox_quads = {
        (_ox_to_rdflib(q.subject), _ox_to_rdflib(q.predicate), _ox_to_rdflib(q.object), _ox_to_rdflib(q.graph_name) if FORMATS[fmt].quads else None)
        for q in ox.parse(data, format=_OX_FORMATS[fmt])
    }
    assert ox_quads == expected


@pytest.mark.parametrize("page", PAGES, ids=fixture_id)
def test_same_bytes_twice(page: Path) -> None:
    for fmt in FORMATS:
        assert serialize(rdfbib.convert(page), fmt) == serialize(dataset_of(page), fmt)


def _digests(pages: list[Path]) -> dict[str, str]:
    return {f"{fixture_id(p)} {fmt}": hashlib.sha256(serialize(rdfbib.convert(p), fmt)).hexdigest() for p in pages for fmt in FORMATS}


def test_same_bytes_in_another_process_with_another_hash_seed() -> None:
    code = (
        "import json, sys; sys.path.insert(0, sys.argv[1]);"
        "from pathlib import Path; from tests.test_invariants import _digests;"
        "print(json.dumps(_digests([Path(p) for p in sys.argv[2:]])))"
    )
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run(
        [sys.executable, "-c", code, str(root), *map(str, PAGES)],
        capture_output=True, text=True, check=True, env={"PYTHONHASHSEED": "12345", "PATH": "/usr/bin:/bin"},
    ).stdout
    assert json.loads(out) == _digests(PAGES)


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(data=files("rdfbib.ontology").joinpath("shapes.ttl").read_text(encoding="utf-8"), format="turtle")


@pytest.mark.parametrize("page", PAGES, ids=fixture_id)
def test_shapes_conform(page: Path, shapes: Graph) -> None:
    from pyshacl import validate

    conforms, _, text = validate(union(dataset_of(page)), shacl_graph=shapes, advanced=True, allow_warnings=True)
    assert conforms, text
