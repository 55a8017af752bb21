"""Each thing one node: a RePEc work's journal or series is its handle's series, periodicals and series
meet through their ISSNs, works through DOI and handle (issue 15)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import pytest

from rdfbib.mapping import Mapper
from rdfbib.pipeline import convert_source
from rdfbib.terms import IRI, RDF, SCHEMA, Triple

from .conftest import SHARED, fixture_sources

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


@pytest.mark.parametrize("source", fixture_sources() + CORPUS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_repec_work_journal_is_handle_series(source: Path) -> None:
    mapper = Mapper()
    triples = triples_of(source, mapper)
    assert journal_mismatches(triples, mapper.base) == []
