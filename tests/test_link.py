"""The link step (issue 15): a cited work known only by its citation string is joined to the work's own
records by ``schema:sameAs`` in the graph ``{BASE}links``, replaced whole on every run.

The pages are ours, modelled on a real citation (tests/fixtures/link-pairs/README.md): Cowles Foundation
Discussion Paper 2163 cites Redding & Rossi-Hansberg (2017) by its citation string only; the cited
article's IDEAS page (keyed by handle) and publisher page (keyed by DOI) are loaded beside it, into a
real embedded Oxigraph store.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from rdfbib import extract
from rdfbib.cli import main
from rdfbib.iris import digest, links_graph
from rdfbib.link import Candidate, link, match, read_candidates
from rdfbib.mapping import Mapper
from rdfbib.pipeline import convert_source
from rdfbib.store import GraphData, RemoteStore, load_records, open_store

from . import servers
from .conftest import FIXTURES, SHARED
from .counting import grows_linearly

BASE = "urn:rdfbib:"
SPATIAL = FIXTURES / "link-pairs" / "spatial"
CITING, IDEAS, PUBLISHER = (SPATIAL / name for name in ("cwldpp-2163.txt", "reveco-ideas.html", "reveco-publisher.html"))
IDEAS_WORK = f"{BASE}work/repec/anr/reveco/v9y2017p21-58"
PUBLISHER_WORK = f"{BASE}work/doi/10.1146/annurev-economics-063016-103713"
LINKS = f"SELECT ?a ?b WHERE {{ GRAPH <{BASE}links> {{ ?a <http://schema.org/sameAs> ?b }} }}"


def cited_by_title(store: object, title: str) -> str:
    """The IRI of the work the citing page cites under ``title`` (a node of the citing page's record)."""
    rows = store.query(  # type: ignore[attr-defined]
        f"""SELECT DISTINCT ?x WHERE {{ <{BASE}work/repec/cwl/cwldpp/2163> <http://schema.org/citation> ?x .
        ?x <http://purl.org/dc/terms/title> "{title}" }}"""
    ).rows
    assert len(rows) == 1, rows
    return rows[0][0].value


def links_in(store: object) -> set[tuple[str, str]]:
    return {(a.value, b.value) for a, b in store.query(LINKS).rows}  # type: ignore[attr-defined]


def test_a_work_cited_by_its_string_is_linked_to_its_records_and_reruns_change_nothing(tmp_path: Path) -> None:
    with open_store(tmp_path / "store") as store:
        load_records(store, [extract(CITING), extract(IDEAS), extract(PUBLISHER)])
        cited = cited_by_title(store, "Quantitative Spatial Economics")
        assert cited.startswith(f"{BASE}work/cite/")  # known only by its citation string
        report = link(store)
        assert (report.links, report.records, report.graph) == (2, 3, links_graph())
        assert links_in(store) == {(cited, IDEAS_WORK), (cited, PUBLISHER_WORK)}
        # the other reference (Allen & Arkolakis) has no record in the store: no link
        other = cited_by_title(store, "Trade and the Topography of the Spatial Economy")
        assert not any(other in pair for pair in links_in(store))
        size = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0][0].value
        again = link(store)
        assert again == report and links_in(store) == {(cited, IDEAS_WORK), (cited, PUBLISHER_WORK)}
        assert store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0][0].value == size


def test_a_link_goes_when_its_record_goes(tmp_path: Path) -> None:
    mapper = Mapper()
    with open_store(tmp_path / "store") as store:
        load_records(store, [extract(CITING), extract(IDEAS), extract(PUBLISHER)])
        cited = cited_by_title(store, "Quantitative Spatial Economics")
        link(store)
        store.replace(GraphData(str(mapper.graph_iri(extract(PUBLISHER))), [], "test"))  # the publisher page, unloaded
        assert link(store).links == 1
        assert links_in(store) == {(cited, IDEAS_WORK)}
        store.replace(GraphData(str(mapper.graph_iri(extract(IDEAS))), [], "test"))
        assert link(store).links == 0
        assert links_in(store) == set()


def test_the_cited_string_alone_links_nothing(tmp_path: Path) -> None:
    """Without the cited work's own pages there is nothing to link to (and the citing record is no match)."""
    with open_store(tmp_path / "store") as store:
        load_records(store, [extract(CITING)])
        assert link(store).links == 0


# -- the matcher ------------------------------------------------------------------------------------


def candidate(iri: str, *, record: bool = False, doi: str = "", repec: str = "", title: str = "T", year: str = "2017", family: str = "redding") -> Candidate:
    return Candidate(iri, record, {doi} if doi else set(), {repec} if repec else set(), {title} if title else set(), {year} if year else set(), family)


def by_iri(*candidates: Candidate) -> dict[str, Candidate]:
    return {c.iri: c for c in candidates}


def test_family_year_and_title_are_compared_folded() -> None:
    record = candidate("r", record=True, title="Quantitative Spatial Economics", family="Redding")
    cited = candidate("c", title="QUANTITATIVE spatial economics.", family="redding")
    assert match(by_iri(record, cited)) == [("c", "r")]
    assert match(by_iri(record, candidate("c", title="Quantitative Spatial Economics", year="2016"))) == []
    assert match(by_iri(record, candidate("c", title="Quantitative Spatial Economics", family="Rossi-Hansberg"))) == []


def test_doi_and_handle_decide_when_both_sides_have_one() -> None:
    record = candidate("r", record=True, doi="10.1/a", repec="anr/reveco/x")
    assert match(by_iri(record, candidate("c", doi="10.1/b"))) == []  # same title, another DOI: another work
    assert match(by_iri(record, candidate("c", repec="anr/reveco/y"))) == []
    assert match(by_iri(record, candidate("c", doi="10.1/a", title="Another printing of the title"))) == [("c", "r")]
    assert match(by_iri(record, candidate("c", repec="anr/reveco/x", title=""))) == [("c", "r")]


def test_records_are_not_linked_to_each_other_nor_citations_among_themselves() -> None:
    assert match(by_iri(candidate("r1", record=True), candidate("r2", record=True))) == []
    assert match(by_iri(candidate("c1"), candidate("c2"))) == []


def _population(n: int) -> dict[str, Candidate]:
    """``n`` records and, for each, a citation of it plus a citation of nothing in the store."""
    found: dict[str, Candidate] = {}
    for i in range(n):
        for c in (
            candidate(f"r{i}", record=True, doi=f"10.1/{i}", title=f"Title {i}", family=f"author{i}"),
            candidate(f"c{i}", title=f"title {i}", family=f"Author{i}"),
            candidate(f"x{i}", title=f"Other {i}", family=f"author{i}"),
        ):
            found[c.iri] = c
    return found


def test_matching_is_linear() -> None:
    """Ten times the works, about ten times the work (a pairwise matcher would cost a hundred times)."""
    small, large = _population(100), _population(1000)
    assert len(match(large)) == 1000
    grows_linearly(match, small, large, 10)


# -- real pages -------------------------------------------------------------------------------------


def pairwise(candidates: dict[str, Candidate]) -> set[tuple[str, str]]:
    """The links by brute force over every pair: the oracle the indexed matcher must agree with."""
    found = set()
    for a in candidates.values():
        for b in candidates.values():
            if a.record or not b.record or a.conflicts(b):
                continue
            same_title = a.family and b.family and {digest(a.family, y, t) for y in a.years for t in a.titles} & {digest(b.family, y, t) for y in b.years for t in b.titles}
            if a.dois & b.dois or a.repec & b.repec or same_title:
                found.add((a.iri, b.iri))
    return found


def test_links_agree_with_a_pairwise_check_on_the_pairs_and_the_shared_corpus(tmp_path: Path) -> None:
    sources = sorted(SPATIAL.iterdir())
    corpus = SHARED / "corpus"
    if corpus.is_dir():
        sources += sorted((corpus / "publisher-html").glob("*.html")) + sorted((corpus / "ideas").glob("*.md"))
        sources += sorted((corpus / "redif").glob("*.rdf")) + sorted((corpus / "redif").glob("*.redif"))
        sources += [SHARED / "seed-ideas-nature17038.txt"]
    records = [r.record for s in sources for r in convert_source(s) if r.record is not None]
    with open_store(tmp_path / "store") as store:
        load_records(store, records)
        report = link(store)
        expected = pairwise(read_candidates(store, BASE))
        assert links_in(store) == expected and report.links == len(expected) >= 2


def test_real_shared_corpus_pairs(tmp_path: Path, shared: Path) -> None:
    """Over the real files of ../shared alone: what the matcher links is what the pairwise check links,
    and every link joins a work that is no record's own to a record."""
    sources = sorted((shared / "corpus" / "publisher-html").glob("*.html")) + sorted((shared / "corpus" / "ideas").glob("*.md")) + [shared / "seed-ideas-nature17038.txt"]
    records = [r.record for s in sources for r in convert_source(s) if r.record is not None]
    with open_store(tmp_path / "store") as store:
        load_records(store, records)
        link(store)
        candidates = read_candidates(store, BASE)
        found = links_in(store)
        assert found == pairwise(candidates)
        assert all(not candidates[a].record and candidates[b].record for a, b in found)


# -- the command line -------------------------------------------------------------------------------


def test_load_links_at_the_end_unless_told_not_to(tmp_path: Path) -> None:
    runner = CliRunner()
    plain = tmp_path / "plain"
    skipped = runner.invoke(main, ["load", str(SPATIAL), "--store", str(plain), "--no-link"])
    assert skipped.exit_code == 0, skipped.output
    assert "linked:" not in skipped.stderr
    with open_store(plain, read_only=True) as store:
        assert links_in(store) == set()
    linked = runner.invoke(main, ["link", "--store", str(plain)])
    assert linked.exit_code == 0, linked.output
    assert "linked: 2 schema:sameAs links" in linked.stderr and "records 3" in linked.stderr
    loaded = tmp_path / "loaded"
    result = runner.invoke(main, ["load", str(SPATIAL), "--store", str(loaded)])
    assert result.exit_code == 0, result.output
    assert "loaded 3, failed 0" in result.stderr and "linked: 2 schema:sameAs links" in result.stderr
    with open_store(plain, read_only=True) as a, open_store(loaded, read_only=True) as b:
        assert links_in(a) == links_in(b) and len(links_in(a)) == 2


def test_link_on_no_store_says_so_and_makes_none(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["link", "--store", str(tmp_path / "nothing")])
    assert result.exit_code == 1
    assert result.stderr == f"rdfbib: {tmp_path / 'nothing'}: no store here (load something first with `rdfbib load`)\n"
    assert not (tmp_path / "nothing").exists()


@pytest.mark.parametrize("server", ["oxigraph", "virtuoso"])
def test_link_on_a_server_states_what_the_embedded_store_states(tmp_path: Path, server: str) -> None:
    """The same SELECTs and the same graph replacement on a real Oxigraph server and a real Virtuoso."""
    runner = CliRunner()
    with open_store(tmp_path / "embedded") as store:
        load_records(store, [extract(p) for p in sorted(SPATIAL.iterdir())])
        link(store)
        expected = links_in(store)
    start = servers.oxigraph if server == "oxigraph" else servers.virtuoso
    (tmp_path / server).mkdir()
    with start(tmp_path / server) as running:
        loaded = runner.invoke(main, ["load", str(SPATIAL), "--endpoint", running.endpoint, "-q", "--no-link"])
        assert loaded.exit_code == 0, loaded.output
        for _ in range(2):  # a rerun replaces the graph with the same links
            linked = runner.invoke(main, ["link", "--endpoint", running.endpoint])
            assert linked.exit_code == 0, linked.output
            assert "linked: 2 schema:sameAs links" in linked.stderr
            with RemoteStore(running.endpoint) as remote:
                assert links_in(remote) == expected and len(expected) == 2


@pytest.mark.parametrize("args", [["link", "--help"]])
def test_link_help(args: list[str]) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0 and "--endpoint" in result.output and "links" in result.output
