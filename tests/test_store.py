"""The embedded store (pyoxigraph on disk): load, reload, changed pages, RDF files, shards, queries.

Pages are the seed page and variants of it made by renaming its article number (nature17038 ->
nature1703N), so each variant is a distinct record with the seed's real layout.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from rdfbib import convert, extract
from rdfbib.cli import main
from rdfbib.errors import SourceError, StoreError
from rdfbib.store import (
    EmbeddedStore,
    GraphData,
    count,
    endpoints,
    file_graph_iri,
    file_graphs,
    load,
    load_dataset,
    load_files,
    load_records,
    open_store,
    query_kind,
    write_result,
)

from .conftest import EXAMPLES, FIXTURES
from .counting import c_calls_to

SEED = EXAMPLES / "seed-ideas-nature17038.txt"
QUERIES = sorted((EXAMPLES / "queries").glob("*.rq"))
RECORDS = "GRAPH ?g { ?s ?p ?o }"
GRAPHS = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def variants(folder: Path, n: int) -> list[Path]:
    """The seed and ``n - 1`` renamed copies of it: ``n`` distinct records."""
    folder.mkdir(parents=True, exist_ok=True)
    text = SEED.read_text(encoding="utf-8")
    pages = []
    for i in range(n):
        page = folder / f"page{i}.txt"
        page.write_text(text if i == 0 else text.replace("nature17038", f"nature1703{i}x"), encoding="utf-8")
        pages.append(page)
    return pages


def state(store: EmbeddedStore) -> set[str]:
    """Every quad of the store, as text: equal states mean the store did not change."""
    result = store.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    return {" ".join(str(t) for t in row) for row in result.rows}


def run(runner: CliRunner, *args: str) -> object:
    return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_load_reload_and_query(runner: CliRunner, tmp_path: Path) -> None:
    pages = variants(tmp_path / "pages", 3)
    location = tmp_path / "store"
    first = run(runner, "load", *pages, "--store", location, "-q")
    assert first.exit_code == 0, first.output
    assert "loaded 3, failed 0, triples " in first.stderr
    with EmbeddedStore(location) as store:
        before = state(store)
        assert count(store, RECORDS) == len(before) > 3 * 500
        assert write_result(store.query(GRAPHS), "csv").split() == ["n", "3"]
    again = run(runner, "load", tmp_path / "pages", "--store", location, "-q")
    assert again.exit_code == 0, again.output
    with EmbeddedStore(location) as store:
        assert state(store) == before


def test_changed_page_replaces_its_graph(runner: CliRunner, tmp_path: Path) -> None:
    page = tmp_path / "seed.txt"
    page.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    location = tmp_path / "store"
    assert run(runner, "load", page, "--store", location, "-q").exit_code == 0
    page.write_text(SEED.read_text(encoding="utf-8").replace("circulating tumour cells", "wandering tumour cells"), encoding="utf-8")
    assert run(runner, "load", page, "--store", location, "-q").exit_code == 0
    with EmbeddedStore(location) as store:
        titles = {row[0].value for row in store.query("SELECT ?t WHERE { ?w <http://schema.org/name> ?t FILTER(CONTAINS(?t, 'tumour cells')) }").rows}
        assert "Metastatic colonization by wandering tumour cells" in titles
        assert "Metastatic colonization by circulating tumour cells" not in titles
        assert write_result(store.query(GRAPHS), "csv").split() == ["n", "1"]


def test_example_queries_answer(runner: CliRunner, tmp_path: Path) -> None:
    location = tmp_path / "store"
    assert run(runner, "load", SEED, "--store", location, "-q").exit_code == 0
    answers = {}
    for path in QUERIES:
        result = run(runner, "query", f"@{path}", "--store", location, "-f", "json")
        assert result.exit_code == 0, result.output
        answers[path.stem] = json.loads(result.stdout)["results"]["bindings"]
    authors = [(b["position"]["value"], b["name"]["value"]) for b in answers["authors-in-order"]]
    assert authors[0] == ("1", "Joan Massagué") and ("2", "Anna C. Obenauf") in authors
    assert len(answers["citing-works"]) > 5
    assert [b["coauthor"]["value"] for b in answers["co-authors"]] == ["Anna C. Obenauf"]


def test_query_formats(runner: CliRunner, tmp_path: Path) -> None:
    location = tmp_path / "store"
    assert run(runner, "load", SEED, "--store", location, "-q").exit_code == 0
    select = "SELECT ?name WHERE { ?a <http://schema.org/name> ?name ; a <http://schema.org/Person> } ORDER BY ?name LIMIT 2"
    table = run(runner, "query", select, "--store", location)
    assert table.stdout.splitlines()[0] == "name" and "(2 rows)" in table.stdout
    csv = run(runner, "query", select, "--store", location, "-f", "csv").stdout_bytes.decode()
    assert csv.startswith("name\r\n") and len(csv.splitlines()) == 3
    tsv = run(runner, "query", select, "--store", location, "-f", "tsv").stdout
    assert tsv.startswith("?name\n\"")
    ask = run(runner, "query", "ASK { ?s a <http://schema.org/ScholarlyArticle> }", "--store", location, "-f", "json").stdout
    assert json.loads(ask) == {"head": {}, "boolean": True}
    xml = run(runner, "query", select, "--store", location, "-f", "xml").stdout_bytes  # written by pyoxigraph, read back by it
    names = [row[0].value for row in ox.parse_query_results(xml, ox.QueryResultsFormat.XML)]
    assert len(names) == 2 and names == sorted(names)
    construct = run(runner, "query", "CONSTRUCT WHERE { ?s a <http://schema.org/Periodical> }", "--store", location).stdout
    assert list(ox.parse(construct, ox.RdfFormat.N_TRIPLES))
    query_file = tmp_path / "q.rq"
    query_file.write_text("PREFIX s: <http://schema.org/>\n# comment\nASK { ?x s:name ?n }", encoding="utf-8")
    assert run(runner, "query", f"@{query_file}", "--store", location).stdout == "true\n"


def test_query_errors_are_one_line(runner: CliRunner, tmp_path: Path) -> None:
    missing = run(runner, "query", "ASK {}", "--store", tmp_path / "nothing")
    assert missing.exit_code == 1 and missing.stderr == f"rdfbib: {tmp_path / 'nothing'}: no store here (load something first with `rdfbib load`)\n"
    location = tmp_path / "store"
    assert run(runner, "load", SEED, "--store", location, "-q").exit_code == 0
    bad = run(runner, "query", "SELECT WHERE {", "--store", location)
    assert bad.exit_code == 1 and bad.stderr.startswith("rdfbib: ") and len(bad.stderr.strip().splitlines()) == 1
    both = run(runner, "query", "ASK {}", "--store", location, "--endpoint", "http://127.0.0.1:1/query")
    assert both.exit_code == 2


def test_bad_sources_are_reported_and_the_rest_loaded(runner: CliRunner, tmp_path: Path) -> None:
    pages = variants(tmp_path / "pages", 2)
    empty = tmp_path / "pages" / "empty.txt"
    empty.write_text("", encoding="utf-8")
    broken = tmp_path / "broken.nq"
    broken.write_text("<urn:a> <urn:b> .\n", encoding="utf-8")
    result = run(runner, "load", tmp_path / "pages", broken, "--store", tmp_path / "store", "-q")
    assert result.exit_code == 1
    assert f"rdfbib: {empty}: " in result.stderr and f"rdfbib: {broken}: not valid" in result.stderr
    assert "loaded 2, failed 2," in result.stderr
    with EmbeddedStore(tmp_path / "store") as store:
        assert write_result(store.query(GRAPHS), "csv").split() == ["n", str(len(pages))]


def test_store_in_use_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "store"):
        result = run(runner, "load", SEED, "--store", tmp_path / "store", "-q")
    assert result.exit_code == 1 and "cannot open the store" in result.stderr


@pytest.mark.parametrize("extension", ["nq", "trig", "ttl", "jsonld", "nt"])
def test_rdf_files_load_like_pages(runner: CliRunner, tmp_path: Path, extension: str) -> None:
    pages = variants(tmp_path / "pages", 2)
    out = tmp_path / f"records.{extension}"
    assert run(runner, "convert", *pages, "-o", out, "-q").exit_code == 0
    from_pages, from_file = tmp_path / "a", tmp_path / "b"
    assert run(runner, "load", *pages, "--store", from_pages, "-q").exit_code == 0
    assert run(runner, "load", out, "--store", from_file).exit_code == 0
    with EmbeddedStore(from_pages) as a, EmbeddedStore(from_file) as b:
        triples = "SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
        assert {str(r) for r in a.query(triples).rows} == {str(r) for r in b.query(triples).rows}
        graphs = {row[0].value for row in b.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows}
        if extension in ("nq", "trig"):
            assert graphs == {row[0].value for row in a.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows}
        else:
            assert graphs == {f"urn:rdfbib:file/records.{extension}"}
        before = state(b)
    assert run(runner, "load", out, "--store", from_file).exit_code == 0
    with EmbeddedStore(from_file) as b:
        assert state(b) == before


def test_shards_hold_whole_records_and_load(runner: CliRunner, tmp_path: Path) -> None:
    pages = variants(tmp_path / "pages", 5)
    shards = tmp_path / "shards"
    stale = shards / "rdfbib-000009.nq.gz"
    shards.mkdir()
    stale.write_bytes(b"")
    result = run(runner, "convert", tmp_path / "pages", "-f", "nq", "--shard-size", "2", "-o", f"{shards}/", "-q")
    assert result.exit_code == 0, result.output
    files = sorted(shards.iterdir())
    assert [f.name for f in files] == ["rdfbib-000001.nq.gz", "rdfbib-000002.nq.gz", "rdfbib-000003.nq.gz"]
    graphs_per_shard = [{q.graph_name for q in ox.parse(gzip.decompress(f.read_bytes()), ox.RdfFormat.N_QUADS)} for f in files]
    assert [len(g) for g in graphs_per_shard] == [2, 2, 1]
    assert not set.intersection(*graphs_per_shard[:2]) and not graphs_per_shard[1] & graphs_per_shard[2]
    first = [f.read_bytes() for f in files]
    assert run(runner, "convert", tmp_path / "pages", "--shard-size", "2", "-o", shards, "-q").exit_code == 0
    assert [f.read_bytes() for f in sorted(shards.iterdir())] == first  # byte-stable
    assert run(runner, "load", shards, "--store", tmp_path / "a").exit_code == 0
    assert run(runner, "load", *pages, "--store", tmp_path / "b", "-q").exit_code == 0
    with EmbeddedStore(tmp_path / "a") as a, EmbeddedStore(tmp_path / "b") as b:
        assert state(a) == state(b)
    wrong = run(runner, "convert", SEED, "--shard-size", "2", "-o", tmp_path / "x.ttl")
    assert wrong.exit_code == 2


def test_library_without_cli(tmp_path: Path) -> None:
    record = extract(SEED)
    with open_store(tmp_path / "store") as store:
        report = load_records(store, [record])
        assert (report.loaded, report.failed) == (1, 0) and report.triples == count(store, RECORDS)
        again = load_dataset(store, convert(SEED))
        assert (again.loaded, again.triples) == (1, report.triples)
        assert count(store, RECORDS) == report.triples
        nq = tmp_path / "seed.nq"
        nq.write_bytes(__import__("rdfbib").serialize(convert(SEED), "nq"))
        files = load_files(store, [nq, tmp_path / "missing.nq"])
        assert (files.loaded, files.failed) == (1, 1)
        assert count(store, RECORDS) == report.triples


def test_a_failed_replace_leaves_the_old_graph(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "store") as store:
        store.replace(GraphData("urn:g", ['<urn:s> <urn:p> "old" .'], "test"))
        with pytest.raises(StoreError, match="urn:g"):
            store.replace(GraphData("urn:g", ['<urn:s> <urn:p> "new" .', "<urn:s> <urn:p> ."], "test"))
        assert state(store) == {'<urn:g> <urn:s> <urn:p> "old"'}


def test_file_graph_names_are_deterministic() -> None:
    assert file_graph_iri("/x/y/records.ttl") == "urn:rdfbib:file/records.ttl"
    assert file_graph_iri("a b.jsonld", "https://example.org/bib/") == "https://example.org/bib/file/a%20b.jsonld"


def test_endpoint_urls_are_derived_and_overridable() -> None:
    oxigraph = endpoints("http://localhost:7878/query")
    assert (oxigraph.update, oxigraph.graph_url("urn:a:b")) == ("http://localhost:7878/update", "http://localhost:7878/store?graph=urn%3Aa%3Ab")
    virtuoso = endpoints("http://h:8890/sparql")
    assert (virtuoso.update, virtuoso.graph_url("urn:x")) == ("http://h:8890/sparql", "http://h:8890/sparql-graph-crud?graph-uri=urn%3Ax")
    assert endpoints("http://h:8890/sparql-auth").gsp.startswith("http://h:8890/sparql-graph-crud-auth?")
    fuseki = endpoints("http://h:3030/ds/query", gsp_url="http://h:3030/ds/data")
    assert (fuseki.update, fuseki.graph_url("urn:x")) == ("http://h:3030/ds/update", "http://h:3030/ds/data?graph=urn%3Ax")
    assert endpoints("http://h/q", gsp_url="http://h/g/{graph}").graph_url("urn:x") == "http://h/g/urn%3Ax"
    assert endpoints("http://h/q", update_url="http://h/u").update == "http://h/u"
    with pytest.raises(StoreError):
        endpoints("localhost:7878")


def test_query_kind() -> None:
    assert query_kind("PREFIX a: <urn:a#>\n# SELECT in a comment\nBASE <urn:b>\nconstruct { ?s ?p ?o } WHERE {}") == "graph"
    assert query_kind("  select * {}") == "select"
    assert query_kind("ASK {}") == "ask"
    with pytest.raises(StoreError):
        query_kind("INSERT DATA {}")


PROVENANCE = "SELECT ?g ?t WHERE { GRAPH <urn:rdfbib:provenance> { ?g <http://www.w3.org/ns/prov#generatedAtTime> ?t } } ORDER BY ?g"


def provenance_files(tmp_path: Path) -> list[Path]:
    """Two N-Quads files of one record each, both with the shared provenance graph."""
    from rdfbib import serialize, to_dataset

    out = []
    for page in variants(tmp_path / "pages", 2):
        path = tmp_path / f"{page.stem}.nq"
        path.write_bytes(serialize(to_dataset([extract(page)], provenance=True), "nq"))
        out.append(path)
    return out


def test_the_provenance_graph_is_merged_not_replaced(tmp_path: Path) -> None:
    first, second = provenance_files(tmp_path)
    with open_store(tmp_path / "store") as store:
        report = load_files(store, [first, second])
        assert (report.loaded, report.failed) == (2, 0)
        rows = store.query(PROVENANCE).rows
        assert len(rows) == 2 and len({r[0] for r in rows}) == 2
        first.write_bytes(first.read_bytes().replace(b'"20', b'"19'))  # an older timestamp for the first record
        load_files(store, [first])
        again = store.query(PROVENANCE).rows
        assert len(again) == 2 and {r[0] for r in again} == {r[0] for r in rows}
        assert sorted(r[1].value[:2] for r in again) == ["19", "20"]


def test_blank_nodes_are_replaced_not_duplicated(runner: CliRunner, tmp_path: Path) -> None:
    """Files from elsewhere may hold blank nodes; reloading must not add a second copy of them."""
    ttl = tmp_path / "other.ttl"
    ttl.write_text('<urn:w> <http://schema.org/author> [ <http://schema.org/name> "A. Author" ] .\n', encoding="utf-8")
    for _ in range(2):
        assert run(runner, "load", ttl, "--store", tmp_path / "store").exit_code == 0
    with EmbeddedStore(tmp_path / "store") as store:
        assert count(store, RECORDS) == 2


def triples(name: str, n: int, value: str = "v") -> GraphData:
    """A record graph of ``n`` triples (no blank nodes, so new ones take the bulk path)."""
    return GraphData(f"urn:rdfbib:record/{name}", [f'<urn:{name}:s{i}> <urn:p> "{value}{i}" .' for i in range(n)], name)


def quads(*graphs: GraphData) -> set[str]:
    """What ``state`` shows for these graphs."""
    return {f"<{g.iri}> {line[:-2]}" for g in graphs for line in g.triples}


def test_new_graphs_load_together_and_a_bad_one_fails_alone(tmp_path: Path) -> None:
    """New graphs go in with one bulk ingestion; a graph that breaks it is found by trying each alone."""
    good, bad, other = triples("a", 3), GraphData("urn:rdfbib:record/b", ["<urn:s> <urn:p> ."], "b"), triples("c", 2)
    with EmbeddedStore(tmp_path / "store") as store:
        report = load(store, [good, bad, other])
        assert (report.loaded, report.failed, report.triples) == (2, 1, 5)
        assert report.failures[0].source == "b" and "urn:rdfbib:record/b" in report.failures[0].message
        assert state(store) == quads(good, other)


def test_a_failed_bulk_write_past_the_loaders_own_batch_leaves_nothing(tmp_path: Path) -> None:
    """New graphs of 1,040,000 quads with their union (more than pyoxigraph's loader takes in one batch, 1,000,000)
    and a bad graph last: the failed bulk write leaves none of them, so each good one goes in as a new graph
    (one ``load``), not as one the store holds already (compared, nothing written)."""
    big = [triples("a", 260_000), triples("b", 260_000)]
    bad = GraphData("urn:rdfbib:record/bad", ["<urn:s> <urn:p> ."], "bad")
    with EmbeddedStore(tmp_path / "store") as store:
        outcomes: list[list[tuple[GraphData, StoreError | None]]] = []
        loads = c_calls_to({"load"}, ox.Store, lambda: outcomes.append(list(store.replace_all([*big, bad]))))
        assert [error is None for _, error in outcomes[0]] == [True, True, False]
        assert loads == 3  # a, b, and the bad graph's own failed try
        assert count(store, RECORDS) == count(store, "?s ?p ?o") == 520_000  # the graphs and their union


def test_a_graph_twice_in_one_batch_holds_the_last_version(tmp_path: Path) -> None:
    first, second = triples("a", 4, "old"), triples("a", 3, "new")
    with EmbeddedStore(tmp_path / "store") as store:
        assert load(store, [first, triples("b", 1), second]).loaded == 3
        assert state(store) == quads(second, triples("b", 1))


@pytest.mark.parametrize("changed", [triples("a", 5, "new"), triples("a", 4, "v"), triples("a", 6, "v"), GraphData("urn:rdfbib:record/a", [], "a")])
def test_a_changed_graph_is_replaced_exactly(tmp_path: Path, changed: GraphData) -> None:
    """Same size with other triples, fewer, more, none: the graph ends up holding exactly the new triples."""
    with EmbeddedStore(tmp_path / "store") as store:
        load(store, [triples("a", 5), triples("b", 2)])
        store.replace(changed)
        assert state(store) == quads(changed, triples("b", 2))
        store.replace(changed)
        assert state(store) == quads(changed, triples("b", 2))


def test_blank_node_graphs_from_two_files_stay_apart(runner: CliRunner, tmp_path: Path) -> None:
    """Two files may use the same blank node label for different things: each file's graph gets its own node."""
    for name in ("one", "two"):
        (tmp_path / f"{name}.nt").write_text(f'<urn:{name}> <http://schema.org/author> _:b0 .\n_:b0 <http://schema.org/name> "{name}" .\n', encoding="utf-8")
    assert run(runner, "load", tmp_path / "one.nt", tmp_path / "two.nt", "--store", tmp_path / "store").exit_code == 0
    with EmbeddedStore(tmp_path / "store") as store:
        names = store.query("SELECT ?w ?n WHERE { ?w <http://schema.org/author> ?a . ?a <http://schema.org/name> ?n }").rows
        assert sorted((w.value, n.value) for w, n in names) == [("urn:one", "one"), ("urn:two", "two")]


def test_load_with_workers_loads_the_same(runner: CliRunner, tmp_path: Path) -> None:
    """``--jobs 2`` converts pages in worker processes while the parent writes: the store ends the same as with
    one process, quads and union, failures and summary included, whatever the order of pages and RDF files."""
    pages = variants(tmp_path / "pages", 3)
    (tmp_path / "pages" / "empty.txt").write_text("", encoding="utf-8")
    changed = tmp_path / "later" / "page1.txt"
    changed.parent.mkdir()
    changed.write_text(pages[1].read_text(encoding="utf-8").replace("Nature", "Nature Reviews"), encoding="utf-8")
    quads = tmp_path / "seed.nq"
    assert run(runner, "convert", SEED, "-f", "nq", "-o", quads).exit_code == 0
    sources = [tmp_path / "pages", quads, FIXTURES / "redif", changed]
    outcomes = []
    for jobs in ("1", "2"):
        result = run(runner, "load", *sources, "--store", tmp_path / f"store-{jobs}", "-q", "--jobs", jobs)
        assert result.exit_code == 1
        with EmbeddedStore(tmp_path / f"store-{jobs}") as store:
            union = {" ".join(str(t) for t in row) for row in store.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }").rows}
            outcomes.append((state(store), union, sorted(result.stderr.replace(f"store-{jobs}", "store").splitlines())))
    assert outcomes[0] == outcomes[1]
    assert len(outcomes[0][0]) > 3 * 500 and "empty.txt" in "".join(outcomes[0][2])


def test_a_bad_nquads_file_gives_no_graph_and_a_good_one_one_at_a_time(tmp_path: Path) -> None:
    """``file_graphs`` checks the whole file before it gives a graph (a line broken at the end loads nothing of
    the file), then gives the graphs one at a time, each from its last block, as they come."""
    good = "".join(f"<urn:s{i}> <urn:p> \"{i}\" <urn:g{i % 3}> .\n" for i in range(9))
    bad = tmp_path / "bad.nq"
    bad.write_text(good + "<urn:a> <urn:b> .\n", encoding="utf-8")
    with pytest.raises(SourceError, match="not valid"):
        file_graphs(bad)
    fine = tmp_path / "fine.nq"
    fine.write_text(good, encoding="utf-8")
    graphs = file_graphs(fine)
    first = next(graphs)
    assert first.iri == "urn:g0" and first.triples == ['<urn:s6> <urn:p> "6" .'] and "given 3 times" in first.warnings[0]
    assert [g.iri for g in graphs] == ["urn:g1", "urn:g2"]
