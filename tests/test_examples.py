"""examples/: the shipped outputs are what the tool produces, the queries give their recorded answers,
and the library example runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

import rdfbib

from .conftest import EXAMPLES

SEED = EXAMPLES / "seed-ideas-nature17038.txt"
QUERIES = sorted((EXAMPLES / "queries").glob("*.rq"))


@pytest.mark.parametrize("suffix, fmt", [(".ttl", "turtle"), (".jsonld", "json-ld")])
def test_example_outputs_are_current(suffix: str, fmt: str) -> None:
    shipped = SEED.with_suffix(suffix)
    produced = rdfbib.serialize(rdfbib.convert(SEED), fmt)
    assert shipped.read_bytes() == produced, f"regenerate with: rdfbib convert {SEED.relative_to(EXAMPLES.parent)} -o {shipped.relative_to(EXAMPLES.parent)}"


def test_example_pages_are_the_shared_seed(shared: Path) -> None:
    assert SEED.read_bytes() == (shared / "seed-ideas-nature17038.txt").read_bytes()


@pytest.mark.parametrize("query", QUERIES, ids=lambda p: p.stem)
@pytest.mark.parametrize("data", [".ttl", ".jsonld"])
def test_queries_give_their_recorded_answers(query: Path, data: str) -> None:
    store = ox.Store()
    store.load(path=str(SEED.with_suffix(data)), format=ox.RdfFormat.from_extension(data.lstrip(".")))
    answer = store.query(query.read_text(encoding="utf-8")).serialize(format=ox.QueryResultsFormat.CSV)
    assert answer == query.with_suffix(".csv").read_bytes()


def test_there_are_the_three_queries() -> None:
    assert {q.stem for q in QUERIES} >= {"authors-in-order", "citing-works", "co-authors"}
    for query in QUERIES:
        assert len(query.with_suffix(".csv").read_text(encoding="utf-8").splitlines()) > 1


def test_library_example_runs() -> None:
    out = subprocess.run([sys.executable, str(EXAMPLES / "library_example.py")], capture_output=True, text=True, check=True, cwd=EXAMPLES.parent).stdout
    assert "Metastatic colonization by circulating tumour cells" in out
    assert "7 citing works" in out and "cited by: Aneuploid embryonic stem cells drive teratoma metastasis" in out
