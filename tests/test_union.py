"""Each fact once: the union graph every store keeps, on the embedded store, an Oxigraph server and Virtuoso.

Every store holds each record in its own graph and a union graph, the set of the triples of all graphs,
that queries read (README, "Each fact once"). These tests load real inputs (the fixtures, the shared
publisher corpus) in every way a user can (pages, N-Quads, TriG, Turtle, JSON-LD, reloads, changed pages)
and count: a query without DISTINCT must return each triple once, and reloads change no count.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from rdfbib.store import Store, count, open_store
from rdfbib.terms import IRI, SCHEMA

from . import servers
from .conftest import FIXTURES, SHARED
from .test_one_node import journal_mismatches
from .test_store import QUERIES, SEED, run

ALL = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
DISTINCT = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
CORPUS = SHARED / "corpus" / "publisher-html"
#: The ``schema:isPartOf`` links and the types of what they point to: what the journal rule reads.
CHAINS = """PREFIX schema: <http://schema.org/>
SELECT ?s ?p ?o WHERE {
  { ?s schema:isPartOf ?o BIND(schema:isPartOf AS ?p) }
  UNION { ?x schema:isPartOf ?s . ?s a ?o BIND(<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> AS ?p) }
}"""
#: Each test gets a base of its own, so tests sharing the module's Virtuoso see their own graphs and union only.
BASES = (f"urn:rdfbib:t{n}:" for n in itertools.count())


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[servers.Virtuoso]:
    with servers.virtuoso(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server


@pytest.fixture(params=["embedded", "oxigraph", "virtuoso"])
def target(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The command-line options naming a store of each kind, empty, with a base of the test's own."""
    monkeypatch.setenv("RDFBIB_BASE", next(BASES))
    if request.param == "embedded":
        yield ["--store", str(tmp_path / "store")]
    elif request.param == "oxigraph":
        with servers.oxigraph(tmp_path / "oxigraph") as server:
            yield ["--endpoint", server.endpoint]
    else:
        yield ["--endpoint", request.getfixturevalue("virtuoso").endpoint]


def opened(target: list[str]) -> Store:
    option, value = target
    return open_store(value) if option == "--store" else open_store(endpoint=value)


def counts(target: list[str]) -> tuple[int, int]:
    """Triples a query without DISTINCT returns, and distinct triples."""
    with opened(target) as store:
        return count_of(store, ALL), count_of(store, DISTINCT)


def count_of(store: Store, query: str) -> int:
    return int(store.query(query).rows[0][0].value)  # type: ignore[union-attr]


def load(runner: CliRunner, target: list[str], *sources: object) -> str:
    result = run(runner, "load", *sources, *target, "-q")
    assert "loaded 0," not in result.stderr, result.stderr
    return result.stderr


@pytest.mark.parametrize("corpus", [False, True], ids=["fixtures", "publisher-corpus"])
def test_every_fixture_twice_each_fact_once(runner: CliRunner, tmp_path: Path, target: list[str], corpus: bool) -> None:
    """The done-when test of issue 15: pages, then their N-Quads, twice; each triple once, counts unchanged, and
    every RePEc work's journal or series is its handle's series in the store."""
    sources = [FIXTURES]
    if corpus:
        if not CORPUS.is_dir():
            pytest.skip("../shared/corpus/publisher-html is not present")
        sources.append(CORPUS)
    quads = tmp_path / "all.nq"
    run(runner, "convert", *sources, "-f", "nq", "-o", quads, "-q")
    seen = []
    for _ in range(2):
        load(runner, target, *sources)
        seen.append(counts(target))
        load(runner, target, quads)
        seen.append(counts(target))
    everything, distinct = seen[0]
    assert everything == distinct > 1000
    assert set(seen) == {(everything, distinct)}
    with opened(target) as store:
        answer = store.query(CHAINS).rows
    chains = [(IRI(s.value), IRI(p.value), IRI(o.value)) for s, p, o in answer]  # type: ignore[union-attr]
    assert any(p == SCHEMA.isPartOf for _, p, _ in chains)
    assert journal_mismatches(chains, os.environ["RDFBIB_BASE"]) == []


def test_every_format_and_a_changed_page_each_fact_once(runner: CliRunner, tmp_path: Path, target: list[str]) -> None:
    """The seed as N-Quads, TriG, Turtle and JSON-LD (each triples-only file in a graph of its own) and as a
    page: the union holds the record's triples once; a changed page leaves none of its old triples, unless
    another graph still holds them."""
    files = []
    for fmt, suffix in (("nq", "nq"), ("trig", "trig"), ("turtle", "ttl"), ("json-ld", "jsonld")):
        files.append(tmp_path / f"seed.{suffix}")
        run(runner, "convert", SEED, "-f", fmt, "-o", files[-1])
    load(runner, target, SEED)
    once = counts(target)
    load(runner, target, *files, SEED)
    assert counts(target) == once
    changed = tmp_path / "changed" / SEED.name
    changed.parent.mkdir()
    changed.write_text(SEED.read_text(encoding="utf-8").replace("Metastatic colonization by circulating tumour cells", "Metastatic colonisation by circulating tumour cells"), encoding="utf-8")
    load(runner, target, changed)
    both = counts(target)
    assert both[0] == both[1] > once[0]  # the files still hold the old title: the union has both titles
    for name in ("Metastatic colonization by circulating tumour cells", "Metastatic colonisation by circulating tumour cells"):
        with opened(target) as store:
            assert count(store, f'?w <http://schema.org/name> ?t FILTER(STRSTARTS(STR(?t), "{name}"))') == 1


def test_examples_give_the_same_answers_on_every_store(runner: CliRunner, tmp_path: Path, target: list[str]) -> None:
    """The example queries, without DISTINCT, over pages loaded as pages and as N-Quads and Turtle: the same
    rows (as many times each) as on an embedded store that loaded the pages once."""
    pages = [FIXTURES / "ideas-text", FIXTURES / "econpapers-text", SEED]
    quads, turtle = tmp_path / "all.nq", tmp_path / "all.ttl"
    run(runner, "convert", *pages, "-f", "nq", "-o", quads, "-q")
    run(runner, "convert", *pages, "-f", "turtle", "-o", turtle, "-q")
    reference = ["--store", str(tmp_path / "reference")]
    load(runner, reference, *pages)
    load(runner, target, *pages)
    load(runner, target, quads, turtle)
    for query in QUERIES:
        expected = run(runner, "query", f"@{query}", *reference, "-f", "csv").stdout
        got = run(runner, "query", f"@{query}", *target, "-f", "csv").stdout
        assert sorted(got.splitlines()) == sorted(expected.splitlines()), query.name
        assert len(expected.splitlines()) > 1, query.name


def test_a_store_without_union_is_rebuilt(runner: CliRunner, tmp_path: Path) -> None:
    """A store an older rdfbib wrote (record graphs, empty default graph): `rdfbib query` refuses it with the
    command that fixes it; `rdfbib load` (any load, or --rebuild-union alone) builds the union first."""
    import pyoxigraph as ox

    location = tmp_path / "old"
    store = ox.Store(str(location))
    quads = tmp_path / "seed.nq"
    run(runner, "convert", SEED, "-f", "nq", "-o", quads)
    store.bulk_load(path=str(quads), format=ox.RdfFormat.N_QUADS)
    store.flush()
    del store
    refused = run(runner, "query", ALL, "--store", location)
    assert refused.exit_code == 1 and f"rdfbib load --rebuild-union --store {location}" in refused.stderr
    rebuilt = run(runner, "load", "--rebuild-union", "--store", location)
    assert rebuilt.exit_code == 0, rebuilt.stderr
    with open_store(location, read_only=True) as opened_store:
        assert count_of(opened_store, ALL) == count_of(opened_store, DISTINCT) == count(opened_store)


def test_a_graph_given_twice_in_one_file_last_block_wins(runner: CliRunner, tmp_path: Path) -> None:
    """Two blocks of one record graph in an N-Quads file (the old and the new page, with another record
    between them) replace in order, as loading the pages does, with a warning naming the graph and file;
    the provenance graph keeps the last block about each record."""
    changed = tmp_path / "changed" / SEED.name
    changed.parent.mkdir()
    changed.write_text(SEED.read_text(encoding="utf-8").replace("Metastatic colonization", "Metastatic colonisation"), encoding="utf-8")
    other = FIXTURES / "econpapers-text" / sorted(p.name for p in (FIXTURES / "econpapers-text").iterdir())[0]
    parts = []
    for i, page in enumerate((SEED, other, changed)):
        parts.append(tmp_path / f"part{i}.nq")
        run(runner, "convert", page, "-f", "nq", "--provenance", "-o", parts[-1])
    joined = tmp_path / "joined.nq"
    joined.write_bytes(b"".join(p.read_bytes() for p in parts))
    in_order = ["--store", str(tmp_path / "in-order")]
    load(runner, in_order, SEED, other, changed)
    stderr = load(runner, ["--store", str(tmp_path / "joined")], joined)
    with open_store(tmp_path / "in-order", read_only=True) as first, open_store(tmp_path / "joined", read_only=True) as second:
        records = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), 'urn:rdfbib:record/')) }"
        assert sorted(map(str, first.query(records).rows)) == sorted(map(str, second.query(records).rows))
        assert count_of(second, ALL) == count_of(first, ALL) + count(second, "GRAPH <urn:rdfbib:provenance> { ?s ?p ?o }")
        stamps = "SELECT ?g WHERE { GRAPH <urn:rdfbib:provenance> { ?g <http://www.w3.org/ns/prov#generatedAtTime> ?t } }"
        assert len(second.query(stamps).rows) == 2  # one per record: the seed's first block was replaced
    graph = "urn:rdfbib:record/ideas-text/repec/nat/nature/v529y2016i7586d10.1038_nature17038"
    assert f"rdfbib: {joined}: warning: graph <{graph}> is given 2 times in {joined}: the last block replaces the earlier ones" in stderr
    assert stderr.count("warning:") == 1


def assert_union_is_the_set_of_all_graphs(target: list[str]) -> int:
    """The union graph holds exactly the distinct triples of the store's graphs; returns how many."""
    from rdfbib.iris import resolve_base
    from rdfbib.store.base import union_block

    with opened(target) as store:
        own = f"FILTER (STRSTARTS(STR(?g), '{resolve_base()}') && {store.own_graphs('?g')})"
        union = count_of(store, ALL)
        held = count_of(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {own} }} }}")
        both = count_of(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ {union_block(store.union, '?s ?p ?o')} FILTER EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} {own} }} }}")
    assert union == held == both
    return union


def test_graphs_drop_and_stats(runner: CliRunner, tmp_path: Path, target: list[str]) -> None:
    """`rdfbib graphs` lists records with reader, page and size; `rdfbib drop` removes records by graph, page
    or reader with their provenance, the union following; `rdfbib stats` counts the union."""
    from rdfbib.iris import resolve_base

    base = resolve_base()
    load(runner, target, FIXTURES / "ideas-text", FIXTURES / "econpapers-text", SEED, "--provenance")
    assert_union_is_the_set_of_all_graphs(target)
    lines = run(runner, "graphs", *target).stdout.splitlines()
    assert lines[0] == "graph\treader\tsource\ttriples"
    rows = {iri: (reader, source, int(n)) for iri, reader, source, n in (line.split("\t") for line in lines[1:])}
    seed = f"{base}record/ideas-text/repec/nat/nature/v529y2016i7586d10.1038_nature17038"
    assert rows[seed][:2] == ("ideas-text", "https://ideas.repec.org/a/nat/nature/v529y2016i7586d10.1038_nature17038.html")
    with opened(target) as store:
        for iri, (_, _, n) in rows.items():
            assert count(store, f"GRAPH <{iri}> {{ ?s ?p ?o }}") == n, iri
    readers = {reader for reader, _, _ in rows.values()}
    assert {"ideas-text", "econpapers-text"} <= readers

    stats = dict(line.split("\t") for line in run(runner, "stats", *target).stdout.splitlines())
    assert int(stats["triples"]) == counts(target)[0]
    with opened(target) as store:
        assert int(stats["persons"]) == count(store, "SELECT DISTINCT ?x WHERE { ?x a <http://schema.org/Person> }") > 10
    assert int(stats["works"]) > int(stats["journals"]) > 0 and int(stats["citations"]) > 0

    by_source = run(runner, "drop", "--source", rows[seed][1], *target)
    assert by_source.exit_code == 0 and "dropped 1 graphs" in by_source.stderr
    other = next(iri for iri, (reader, _, _) in rows.items() if reader == "ideas-text" and iri != seed)
    missing = f"{base}record/nothing/here"
    by_iri = run(runner, "drop", other, missing, *target)
    assert by_iri.exit_code == 1 and f"rdfbib: {missing}: no such graph in the store" in by_iri.stderr and "dropped 1 graphs" in by_iri.stderr
    by_reader = run(runner, "drop", "--reader", "econpapers-text", *target)
    assert by_reader.exit_code == 0
    left = {line.split("\t")[0]: line.split("\t")[1] for line in run(runner, "graphs", *target).stdout.splitlines()[1:]}
    assert seed not in left and other not in left and "econpapers-text" not in left.values() and "ideas-text" in left.values()
    assert assert_union_is_the_set_of_all_graphs(target) < int(stats["triples"])
    with opened(target) as store:
        assert count(store, f"GRAPH <{base}provenance> {{ <{seed}> ?p ?o }}") == 0


def test_rebuild_union_on_every_store(runner: CliRunner, tmp_path: Path, target: list[str]) -> None:
    """A store whose union graph is missing (as an older rdfbib left it): `rdfbib load --rebuild-union`
    builds it again from the store's own graphs, and only from them."""
    load(runner, target, FIXTURES / "ideas-text", SEED)
    held = assert_union_is_the_set_of_all_graphs(target)
    with opened(target) as store:
        store.update(f"CLEAR SILENT GRAPH <{store.union}>" if store.union else "CLEAR SILENT DEFAULT")
        if target[0] == "--endpoint":
            assert store.union_missing() and count_of(store, ALL) == 0
    rebuilt = run(runner, "load", "--rebuild-union", *target)
    assert rebuilt.exit_code == 0, rebuilt.stderr
    assert assert_union_is_the_set_of_all_graphs(target) == held
