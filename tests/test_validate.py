"""SHACL validation (rdfbib.validate, ``rdfbib validate``): the shapes catch each kind of broken output
the issue names, the report says where, and files and stores are read in every format rdfbib writes."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef

import rdfbib
from rdfbib.cli import main
from rdfbib.errors import SourceError
from rdfbib.formats import FORMATS, serialize, union
from rdfbib.validate import Report, validate_dataset, validate_file, validate_graph, validate_store

from .conftest import EXAMPLES

SEED = EXAMPLES / "seed-ideas-nature17038.txt"
SCHEMA = Namespace("http://schema.org/")
BIBO = Namespace("http://purl.org/ontology/bibo/")
DCTERMS = Namespace("http://purl.org/dc/terms/")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
WORK = URIRef("urn:rdfbib:work/repec/nat/nature/v529y2016i7586d10.1038_nature17038")


@pytest.fixture(scope="module")
def seed_dataset():  # type: ignore[no-untyped-def]
    return rdfbib.convert(SEED)


@pytest.fixture
def seed(seed_dataset) -> Graph:  # type: ignore[no-untyped-def]
    """A fresh copy of the seed page's graph, to break."""
    return union(seed_dataset)


def messages(report: Report) -> list[str]:
    return [f.message for f in report.violations]


def test_seed_conforms(seed_dataset) -> None:  # type: ignore[no-untyped-def]
    report = validate_dataset(seed_dataset, source="seed")
    assert report.conforms, report.text()
    assert report.triples > 500
    assert report.text() == f"seed: conforms ({report.triples} triples)\n"


def test_missing_title(seed: Graph) -> None:
    for p in (SCHEMA.name, DCTERMS.title, BIBO.doi, DCTERMS.identifier, SCHEMA.url, SCHEMA.pageStart):
        seed.remove((WORK, p, None))
    report = validate_graph(seed)
    assert not report.conforms
    [finding] = [f for f in report.violations if f.focus == f"<{WORK}>"]
    assert "must have a schema:name (its title); or, when a page gives it only so, a bibo:doi" in finding.message


def test_cited_work_known_only_by_doi_is_stated_and_conforms() -> None:
    """Publisher reference lists give some cited works only as DOI + journal: stated, named by the DOI."""
    from rdfbib.model import Container, Record, Work
    from rdfbib.pipeline import to_dataset

    cited = Work(kind="article", doi="10.1000/Only.DOI", container=Container("journal", "Journal of Tests"), volume="7")
    work = Work(kind="article", title="T", doi="10.1000/citing", references=[cited, Work(citation="no title, no identifier")])
    graph = union(to_dataset([Record(work, "<test>", "test")]))
    doi = URIRef("urn:rdfbib:work/doi/10.1000/only.doi")
    assert set(graph.objects(URIRef("urn:rdfbib:work/doi/10.1000/citing"), URIRef("http://purl.org/spar/cito/cites"))) == {doi}
    assert (doi, BIBO.doi, Literal("10.1000/Only.DOI")) in graph and (doi, SCHEMA.name, None) not in graph
    report = validate_graph(graph)
    assert report.conforms, report.text()


def test_broken_author_sequence(seed: Graph) -> None:
    authors = seed.value(WORK, BIBO.authorList)
    seed.remove((authors, RDF._1, None))
    report = validate_graph(seed)
    found = " | ".join(messages(report))
    assert "has rdf:_2 but no rdf:_1" in found
    assert "not a member (rdf:_n) of its bibo:authorList" in found


def test_author_at_two_positions(seed: Graph) -> None:
    authors = seed.value(WORK, BIBO.authorList)
    seed.add((authors, RDF._3, seed.value(authors, RDF._1)))
    assert "each member once" in " | ".join(messages(validate_graph(seed)))


def test_malformed_doi(seed: Graph) -> None:
    seed.set((WORK, BIBO.doi, Literal("doi: 10.1038/nature17038")))
    report = validate_graph(seed)
    doi = [f for f in report.violations if f.path == "bibo:doi"]
    assert doi and doi[0].value == '"doi: 10.1038/nature17038"'
    assert "bare DOI" in doi[0].message


def test_untyped_date(seed: Graph) -> None:
    seed.set((WORK, SCHEMA.datePublished, Literal("2016-01")))
    [finding] = validate_graph(seed).violations
    assert finding.path == "schema:datePublished"
    assert "xsd:gYear, xsd:gYearMonth or xsd:date" in finding.message


def test_blank_node(seed: Graph) -> None:
    seed.add((WORK, SCHEMA.publisher, BNode("x")))
    assert any("blank node" in m.lower() for m in messages(validate_graph(seed)))


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_validates(seed_dataset, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / f"seed{FORMATS[fmt].extension}"
    path.write_bytes(serialize(seed_dataset, fmt))
    report = validate_file(path)
    assert report.conforms, report.text()
    assert report.triples == len(union(seed_dataset))


def test_gzip_file(seed_dataset, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "seed.nq.gz"
    path.write_bytes(gzip.compress(serialize(seed_dataset, "nq")))
    assert validate_file(path).conforms


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("page.html", b"<html></html>", "not an RDF file"),
        ("bad.ttl", b"<urn:a> <urn:b> .", "not valid"),
        ("bad.jsonld", b'{"@context": "https://example.org/ctx.jsonld", "@id": "urn:a"}', "not valid"),
    ],
)
def test_unreadable_files(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(SourceError, match=reason):
        validate_file(path)


def _broken_nt(seed: Graph, tmp_path: Path) -> Path:
    seed.set((WORK, BIBO.doi, Literal("not-a-doi")))
    path = tmp_path / "broken.nt"
    path.write_bytes(seed.serialize(format="nt", encoding="utf-8"))
    return path


def test_cli_files(runner, seed_dataset, seed: Graph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "seed.ttl"
    good.write_bytes(serialize(seed_dataset, "turtle"))
    result = runner.invoke(main, ["validate", str(good)])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output

    broken = _broken_nt(seed, tmp_path)
    result = runner.invoke(main, ["validate", str(good), str(broken)])
    assert result.exit_code == 1
    assert f"{broken}: 2 violations" in result.output
    assert f"focus: <{WORK}>" in result.output
    assert "path:  bibo:doi" in result.output
    assert 'value: "not-a-doi"' in result.output

    result = runner.invoke(main, ["validate", "-f", "json", str(broken)])
    line = json.loads(result.output)
    assert result.exit_code == 1 and line["conforms"] is False and line["source"] == str(broken)
    assert {r["path"] for r in line["results"]} >= {"bibo:doi"}


def test_cli_unreadable_file(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(main, ["validate", str(tmp_path / "missing.nq")])
    assert result.exit_code == 1
    assert "missing.nq: cannot read" in result.stderr


def test_cli_files_or_store(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(main, ["validate", "--store", str(tmp_path), "x.nq"])
    assert result.exit_code == 2
    assert "not both" in result.output


def _store(path: Path) -> None:
    from rdfbib.store import load_records, open_store

    with open_store(path) as store:
        records = [rdfbib.extract(SEED), rdfbib.extract(EXAMPLES.parent / "tests" / "fixtures" / "ideas-html" / "book.html")]
        assert load_records(store, records).failed == 0


def test_store(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from rdfbib.store import open_store

    location = tmp_path / "store"
    _store(location)
    with open_store(location, read_only=True) as store:
        whole = validate_store(store)
        one_by_one = validate_store(store, batch=1)
    assert whole.conforms and one_by_one.conforms, whole.text()
    assert whole.triples > 0
    result = runner.invoke(main, ["validate", "--store", str(location)])
    assert result.exit_code == 0, result.output

    store = ox.Store(str(location))
    graph = next(iter(store.named_graphs()))
    store.add(ox.Quad(ox.NamedNode(str(WORK)), ox.NamedNode(str(BIBO.doi)), ox.Literal("10.1/x y"), graph))
    store.add(ox.Quad(ox.NamedNode(str(WORK)), ox.NamedNode(str(BIBO.doi)), ox.Literal("elsewhere"), ox.NamedNode("urn:other:graph")))
    store.flush()
    del store
    result = runner.invoke(main, ["validate", "--store", str(location)])
    assert result.exit_code == 1
    assert '"10.1/x y"' in result.output
    assert "elsewhere" not in result.output  # graphs outside the base are not rdfbib's


def test_endpoint(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """``--endpoint``: a real Oxigraph server (skips when the oxigraph package is not installed)."""
    from rdfbib.store import GraphData, RemoteStore

    from . import servers

    with servers.oxigraph(tmp_path / "oxigraph") as server:
        loaded = runner.invoke(main, ["load", str(SEED), "--endpoint", server.endpoint, "-q"])
        assert loaded.exit_code == 0, loaded.output
        result = runner.invoke(main, ["validate", "--endpoint", server.endpoint])
        assert result.exit_code == 0, result.output
        assert f"{server.endpoint}: conforms" in result.output
        with RemoteStore(server.endpoint) as store:
            store.replace(GraphData("urn:rdfbib:record/bad", [f'<{WORK}x> <{BIBO.doi}> "no doi" .'], "bad"))
        result = runner.invoke(main, ["validate", "--endpoint", server.endpoint, "-f", "json"])
        assert result.exit_code == 1
        [finding] = json.loads(result.output)["results"]
        assert finding["focus"] == f"<{WORK}x>" and finding["value"] == '"no doi"'
