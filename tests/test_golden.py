"""Golden files: every reader fixture page and the Turtle it converts to, with the record's warnings.

``tests/golden/<reader>/<case>.ttl`` holds the expected output of ``tests/fixtures/<reader>/<case>.*``:
a comment header with the record's warnings, then the Turtle. The test compares graphs
(``rdflib.compare.isomorphic``) and warnings, and on a difference names the triples missing and
extra. After a deliberate change, rewrite them with ``pytest tests/test_golden.py --regen-golden``
(or ``RDFBIB_REGEN_GOLDEN=1``) and review the diff before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from rdfbib.formats import serialize
from rdfbib.pipeline import extract, to_dataset

from .conftest import FIXTURES, GOLDEN, fixture_id, fixture_pages

PAGES = fixture_pages()
_WARNING = "# warning: "


def golden_path(page: Path) -> Path:
    return GOLDEN / page.parent.name / f"{page.stem}.ttl"


def render(page: Path) -> tuple[list[str], bytes]:
    record = extract(page)
    return record.warnings, serialize(to_dataset([record]), "turtle")


def golden_text(page: Path, warnings: list[str], turtle: bytes) -> str:
    header = [f"# Expected output of tests/fixtures/{page.relative_to(FIXTURES)} (rdfbib convert, Turtle).",
              "# Regenerate with: pytest tests/test_golden.py --regen-golden"]
    header += [_WARNING + " ".join(w.split()) for w in warnings]
    return "\n".join(header) + "\n" + turtle.decode("utf-8")


def test_every_fixture_has_a_golden_file_and_every_golden_file_a_fixture() -> None:
    expected = {golden_path(p) for p in PAGES}
    present = set(GOLDEN.glob("*/*.ttl"))
    assert present <= expected, f"golden files without a fixture: {sorted(map(str, present - expected))}"


@pytest.mark.parametrize("page", PAGES, ids=fixture_id)
def test_golden(page: Path, regen_golden: bool) -> None:
    warnings, turtle = render(page)
    path = golden_path(page)
    if regen_golden:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(golden_text(page, warnings, turtle), encoding="utf-8")
        return
    assert path.is_file(), f"no golden file {path.relative_to(GOLDEN.parent.parent)}: run pytest --regen-golden"
    text = path.read_text(encoding="utf-8")
    assert [line[len(_WARNING):] for line in text.splitlines() if line.startswith(_WARNING)] == [" ".join(w.split()) for w in warnings]
    got, want = Graph().parse(data=turtle, format="turtle"), Graph().parse(data=text, format="turtle")
    if not isomorphic(got, want):
        _, missing, extra = graph_diff(to_isomorphic(want), to_isomorphic(got))
        lines = sorted(f"- {t}" for t in missing.serialize(format="nt").splitlines() if t) + sorted(f"+ {t}" for t in extra.serialize(format="nt").splitlines() if t)
        pytest.fail(f"{page.name}: output differs from {path.name} ({len(missing)} missing, {len(extra)} extra):\n" + "\n".join(lines[:40]))
