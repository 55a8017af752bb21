"""Each thing one node: a RePEc work's journal or series is its handle's series, periodicals and series
meet through their ISSNs, works through DOI and handle (issue 15)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import pytest

from rdfbib import extract
from rdfbib.mapping import Mapper
from rdfbib.pipeline import convert_source
from rdfbib.store import load_records, open_store
from rdfbib.terms import IRI, RDF, SCHEMA, Triple

from .conftest import FIXTURES, SHARED, fixture_sources

#: Pages of one citation, written by us after real pages (tests/fixtures/link-pairs/README.md).
PAIRS = sorted((FIXTURES / "link-pairs").glob("*/*.*"))
SPATIAL = FIXTURES / "link-pairs" / "spatial"
BASE = "urn:rdfbib:"
_SERIES_TYPES = {SCHEMA.Periodical, SCHEMA.CreativeWorkSeries}
_PARTS = {SCHEMA.PublicationVolume, SCHEMA.PublicationIssue}
#: Real pages and files of ../shared/corpus the journal rule is checked on (absent in a fresh clone).
CORPUS = sorted(
    p
    for folder, pattern in (("ideas", "*.md"), ("publisher-html", "*.html"), ("redif", "*.rdf"), ("redif", "*.redif"))
    for p in (SHARED / "corpus" / folder).glob(pattern)
)


def triples_of(source: Path, mapper: Mapper) -> list[Triple]:
    """Every triple of every record of a source, as a batch converts it."""
    return [t for result in convert_source(source) if result.record is not None for t in mapper.terms(result.record)]


def journal_mismatches(triples: Iterable[Triple], base: str) -> list[str]:
    """``work -> series`` pairs where a RePEc work (IRI ``work/repec/{archive}/{series}/...``) is part of a
    periodical or series that is not ``series/repec/{archive}/{series}``, following the ``schema:isPartOf``
    chain through volumes and issues (a chapter's book is another work, checked on its own)."""
    types: dict[IRI, set[IRI]] = defaultdict(set)
    part_of: dict[IRI, set[IRI]] = defaultdict(set)
    for s, p, o in triples:
        if p == RDF.type:
            types[s].add(o)
        elif p == SCHEMA.isPartOf:
            part_of[s].add(o)
    prefix = base + "work/repec/"
    found = []
    for work in [s for s in part_of if s.startswith(prefix)]:
        archive, series = work[len(prefix) :].split("/")[:2]
        expected = f"{base}series/repec/{archive}/{series}"
        frontier, seen = list(part_of[work]), set()
        while frontier:
            node = frontier.pop()
            if node in seen:
                continue
            seen.add(node)
            if types[node] & _SERIES_TYPES:
                if node != expected:
                    found.append(f"{work} -> {node}")
            elif types[node] & _PARTS:
                frontier.extend(part_of[node])
    return found


@pytest.mark.parametrize("source", fixture_sources() + PAIRS + CORPUS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_repec_work_journal_is_handle_series(source: Path) -> None:
    mapper = Mapper()
    triples = triples_of(source, mapper)
    assert journal_mismatches(triples, mapper.base) == []


def _joined(store: object, kind: str, through: str) -> list[tuple[str, str]]:
    """Pairs of distinct nodes of ``kind`` that share a ``schema:sameAs`` IRI starting with ``through``."""
    rows = store.query(  # type: ignore[attr-defined]
        f"""PREFIX schema: <http://schema.org/>
        SELECT DISTINCT ?a ?b WHERE {{ ?a a {kind} ; schema:sameAs ?x . ?b a {kind} ; schema:sameAs ?x .
          FILTER(STRSTARTS(STR(?x), "{through}") && STR(?a) < STR(?b)) }} ORDER BY ?a ?b"""
    ).rows
    return [(a.value, b.value) for a, b in rows]


def test_issn_and_doi_join_the_ideas_and_publisher_views(tmp_path: Path) -> None:
    """The IDEAS page keys the journal by its handle, the publisher page by its ISSN: both nodes carry
    ``schema:sameAs`` the ISSN portal IRI, and both works the doi.org IRI, so one query joins the views."""
    with open_store(tmp_path / "store") as store:
        load_records(store, [extract(SPATIAL / "reveco-ideas.html"), extract(SPATIAL / "reveco-publisher.html")])
        journals = _joined(store, "schema:Periodical", "https://portal.issn.org/resource/ISSN/")
        works = _joined(store, "schema:ScholarlyArticle", "https://doi.org/")
    assert journals == [(f"{BASE}series/issn/1941-1383", f"{BASE}series/repec/anr/reveco")]
    assert works == [(f"{BASE}work/doi/10.1146/annurev-economics-063016-103713", f"{BASE}work/repec/anr/reveco/v9y2017p21-58")]


def test_every_issn_of_a_journal_is_its_portal_iri() -> None:
    mapper = Mapper()
    triples = mapper.terms(extract(SPATIAL / "reveco-publisher.html"))
    journal = IRI(f"{BASE}series/issn/1941-1383")
    assert {o for s, p, o in triples if s == journal and p == SCHEMA.sameAs} == {
        IRI("https://portal.issn.org/resource/ISSN/1941-1383"),
        IRI("https://portal.issn.org/resource/ISSN/1941-1391"),
    }


def test_an_invalid_issn_is_dropped_with_a_warning() -> None:
    record = extract(FIXTURES / "publisher-html" / "highwire-journal.html")
    assert "citation_issn 'not an issn' is not a valid ISSN (NNNN-NNNC with its check digit): dropped" in record.warnings
    assert record.work is not None and record.work.container is not None and record.work.container.issn == ["0028-0836"]
    portal = [o for _, p, o in Mapper().terms(record) if p == SCHEMA.sameAs and o.startswith("https://portal.issn.org/")]
    assert portal == [IRI("https://portal.issn.org/resource/ISSN/0028-0836")]
