"""The public surface: every name in rdfbib.__all__ resolves, and the documented examples run."""

from __future__ import annotations

import doctest
import importlib

import pytest

import rdfbib

from .conftest import ROOT


def test_all_is_sorted_and_resolves() -> None:
    assert rdfbib.__all__ == sorted(rdfbib.__all__)
    for name in rdfbib.__all__:
        assert getattr(rdfbib, name) is not None, name
    with pytest.raises(AttributeError):
        rdfbib.no_such_name  # noqa: B018


@pytest.mark.parametrize("module", ["rdfbib.pipeline", "rdfbib.identifiers", "rdfbib.iris", "rdfbib.names", "rdfbib.dates", "rdfbib.report", "rdfbib.readers._record", "rdfbib.readers._repec"])
def test_doctests(module: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the examples name files under examples/
    result = doctest.testmod(importlib.import_module(module))
    assert result.failed == 0 and result.attempted > 0


def test_every_reader_module_registers_a_reader() -> None:
    import pkgutil

    import rdfbib.readers as package

    modules = {m.name for m in pkgutil.iter_modules(package.__path__) if not m.name.startswith("_")}
    registered = {type(r).__module__.rsplit(".", 1)[1] for r in rdfbib.all_readers()}
    assert modules == registered
    names = [r.name for r in rdfbib.all_readers()]
    assert len(names) == len(set(names))


def test_folders_expand_in_sorted_order_without_linked_folders(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Folders give their pages one at a time, in the order sorting all their paths would give; the
    files of other kinds are counted, by ending."""
    import os
    from pathlib import Path

    from rdfbib.files import EXTENSIONS, PAGE, Walk

    for rel in ["b.html", "c/x.html", "c/y.txt", "d.HTML", "c/z.pdf", ".html", "a b/q.htm", "B.txt", "c/sub/deep.html", "ca.html", "c0.html", "n.md", "t.ttl"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    os.symlink(tmp_path / "c", tmp_path / "link")
    walk = Walk(tmp_path, frozenset({PAGE}))
    found = list(walk)
    pages = {ext for ext, kind in EXTENSIONS.items() if kind.kind == PAGE}
    assert found == sorted(p for p in Path(tmp_path).rglob("*") if p.is_file() and p.suffix.lower() in pages)
    assert [str(p.relative_to(tmp_path)) for p in found] == [
        "B.txt", "a b/q.htm", "b.html", "c/sub/deep.html", "c/x.html", "c/y.txt", "c0.html", "ca.html", "d.HTML", "n.md"
    ]
    assert walk.summary() == "skipped 1 RDF file (.ttl); 2 files of unknown kind (.html, .pdf)"


def test_the_store_names_readme_uses_import() -> None:
    """rdfbib.store became a package; every name README imports from it, or names, is still there."""
    import re

    import rdfbib.store

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    imported = {name.strip() for line in re.findall(r"^from rdfbib\.store import (.+)$", readme, re.MULTILINE) for name in line.split(",")}
    named = set(re.findall(r"`rdfbib\.store\.(\w+)`", readme)) | {"load_dataset", "load", "GraphData", "StoreUnavailable"}
    assert imported >= {"open_store", "load_records", "load_files", "write_result"}
    for name in imported | named:
        assert getattr(rdfbib.store, name) is not None, name
    assert set(rdfbib.store.__all__) >= imported | named
