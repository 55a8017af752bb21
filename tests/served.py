"""A real ``rdfbib serve`` for the serve tests: a store of every fixture, loaded under the server's own
base, and the server as a subprocess on 127.0.0.1 and a free port."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.conftest import FIXTURES
from tests.servers import free_port, stop, wait_for_port

pytest.importorskip("starlette", reason="rdfbib serve needs the serve extra")


@dataclass
class Site:
    """A running ``rdfbib serve``: its base (the root URL, where its IRIs live) and its store folder."""

    process: subprocess.Popen
    base: str
    location: Path

    @property
    def sparql(self) -> str:
        return self.base + "sparql"

    def store(self) -> ox.Store:
        """The same store, opened read-only in the test (what the site must show)."""
        return ox.Store.read_only(str(self.location))

    def select(self, query: str) -> list[list[str]]:
        """Rows of a SELECT on the store, as plain values."""
        return [[term.value if term is not None else "" for term in row] for row in self.store().query(query)]  # type: ignore[union-attr]


def load_fixtures(location: Path, base: str) -> None:
    """Every fixture page loaded into ``location`` under ``base``, by the real command."""
    done = subprocess.run([sys.executable, "-m", "rdfbib", "load", str(FIXTURES), "--store", str(location), "--base", base, "-q"], capture_output=True, text=True, timeout=300)
    assert "loaded" in done.stderr, done.stderr


@contextmanager
def site(location: Path, *options: str, port: int | None = None) -> Iterator[Site]:
    """``rdfbib serve`` on ``location`` (loaded with the fixtures first when empty), stopped at the end."""
    port = port or free_port()
    base = f"http://127.0.0.1:{port}/"
    if not location.exists():
        load_fixtures(location, base)
    process = subprocess.Popen(
        [sys.executable, "-m", "rdfbib", "serve", "--store", str(location), "--port", str(port), *options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(port, process, timeout=60)
        yield Site(process, base, location)
    finally:
        stop(process)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """A site for the tests of one module (import this fixture there)."""
    with site(tmp_path_factory.mktemp("site") / "store") as running:
        yield running
