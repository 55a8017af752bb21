"""Shared test fixtures: the CLI runner, the fixture pages, and the shared corpus location."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
#: Fixture files the invariant tests convert one by one: pages, and ReDIF files holding one template
#: (``.redif``; multi-template ReDIF fixtures are ``.rdf``: see :func:`fixture_sources`).
PAGE_SUFFIXES = (".html", ".htm", ".txt", ".md", ".redif")


def fixture_pages() -> list[Path]:
    """Every good fixture page of every reader (tests/fixtures/<reader>/<case>.*), sorted."""
    return _fixtures(PAGE_SUFFIXES)


def fixture_sources() -> list[Path]:
    """Every fixture source, also those holding many records (ReDIF ``.rdf`` files), sorted."""
    return _fixtures((*PAGE_SUFFIXES, ".rdf"))


def _fixtures(suffixes: tuple[str, ...]) -> list[Path]:
    return sorted(p for p in FIXTURES.glob("*/*") if p.suffix in suffixes and p.name != "README.md" and p.parent.name != "bad" and p.is_file())


def fixture_id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def shared() -> Path:
    """``../shared`` beside the checkout; tests that need it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


GOLDEN = ROOT / "tests" / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-golden", action="store_true", default=False,
        help="rewrite tests/golden/<reader>/<case>.ttl from the current output instead of comparing with it",
    )


@pytest.fixture
def regen_golden(request: pytest.FixtureRequest) -> bool:
    """True under ``pytest --regen-golden`` (or RDFBIB_REGEN_GOLDEN=1): golden files are rewritten, not compared."""
    import os

    return bool(request.config.getoption("--regen-golden") or os.environ.get("RDFBIB_REGEN_GOLDEN"))
