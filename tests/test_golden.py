"""Golden files: every reader fixture and the Turtle it converts to, with its warnings and failed parts.

``tests/golden/<reader>/<case>.ttl`` holds the expected output of ``tests/fixtures/<reader>/<case>.*``,
converted through the one boundary every batch uses (:func:`rdfbib.pipeline.convert_source`), so a
ReDIF file of many templates is covered whole, bad templates included: a comment header with each
record's warnings and each failed part's error (``template at line N:`` for a part of a file), then
the Turtle of all the records. The test compares graphs (``rdflib.compare.isomorphic``) and the
header lines, and on a difference names the triples missing and extra. After a deliberate change,
rewrite them with ``pytest tests/test_golden.py --regen-golden`` (or ``RDFBIB_REGEN_GOLDEN=1``) and
review the diff before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from rdfbib.formats import serialize
from rdfbib.pipeline import Result, convert_source, to_dataset

from .conftest import FIXTURES, GOLDEN, fixture_id, fixture_sources

SOURCES = fixture_sources()
_NOTES = ("# warning: ", "# error: ")


def golden_path(source: Path) -> Path:
    return GOLDEN / source.parent.name / f"{source.stem}.ttl"


def render(source: Path) -> tuple[list[str], bytes]:
    """The header lines (warnings, errors) and the Turtle of a fixture, converted as a batch converts it."""
    results = list(convert_source(source))
    records = [r.record for r in results if r.record is not None]
    return notes(source, results), serialize(to_dataset(records), "turtle")


def notes(source: Path, results: list[Result]) -> list[str]:
    lines = []
    for result in results:
        line = result.source.removeprefix(str(source)).lstrip(":")
        at = f"template at line {line}: " if line else ""
        if result.error is not None:
            lines.append(f"{_NOTES[1]}{at}{result.error.message}")
        lines += [f"{_NOTES[0]}{at}{' '.join(w.split())}" for w in result.warnings]
    return lines


def golden_text(source: Path, lines: list[str], turtle: bytes) -> str:
    header = [f"# Expected output of tests/fixtures/{source.relative_to(FIXTURES)} (rdfbib convert, Turtle).",
              "# Regenerate with: pytest tests/test_golden.py --regen-golden"]
    return "\n".join(header + lines) + "\n" + turtle.decode("utf-8")


def test_every_fixture_has_a_golden_file_and_every_golden_file_a_fixture() -> None:
    expected = [golden_path(p) for p in SOURCES]
    assert len(set(expected)) == len(expected), "two fixtures of one reader share a name"
    present = set(GOLDEN.glob("*/*.ttl"))
    assert present <= set(expected), f"golden files without a fixture: {sorted(map(str, present - set(expected)))}"


@pytest.mark.parametrize("source", SOURCES, ids=fixture_id)
def test_golden(source: Path, regen_golden: bool) -> None:
    lines, turtle = render(source)
    path = golden_path(source)
    if regen_golden:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(golden_text(source, lines, turtle), encoding="utf-8")
        return
    assert path.is_file(), f"no golden file {path.relative_to(GOLDEN.parent.parent)}: run pytest --regen-golden"
    text = path.read_text(encoding="utf-8")
    assert [line for line in text.splitlines() if line.startswith(_NOTES)] == lines
    got, want = Graph().parse(data=turtle, format="turtle"), Graph().parse(data=text, format="turtle")
    if not isomorphic(got, want):
        _, missing, extra = graph_diff(to_isomorphic(want), to_isomorphic(got))
        lines = sorted(f"- {t}" for t in missing.serialize(format="nt").splitlines() if t) + sorted(f"+ {t}" for t in extra.serialize(format="nt").splitlines() if t)
        pytest.fail(f"{source.name}: output differs from {path.name} ({len(missing)} missing, {len(extra)} extra):\n" + "\n".join(lines[:40]))
