"""A reload of unchanged records writes nothing, known by each graph's digest (rdfbib/store/digests.py, issue 16).

Writes are counted as calls to the real Oxigraph store's write methods; the store's answers show that a
changed, dropped or updated graph is still written, and that the digests never show in queries.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from rdfbib.store import EmbeddedStore, count, load_files
from rdfbib.store.digests import FILE

from .counting import c_calls_to

WRITES = {"update", "load", "bulk_load", "bulk_extend", "add", "remove", "extend"}


def nquads(path: Path, graphs: dict[str, list[str]]) -> Path:
    path.write_text("".join(f"{line[:-1]}<{g}> .\n" for g, lines in graphs.items() for line in lines), encoding="utf-8")
    return path


def graphs(n: int, changed: int | None = None) -> dict[str, list[str]]:
    return {f"urn:x:g{i}": [f'<urn:x:s{i}> <urn:x:p> "{i}{"*" if i == changed else ""}" .', f"<urn:x:s{i}> <urn:x:q> <urn:x:o{i % 2}> ."] for i in range(n)}


def writes(folder: Path, file: Path) -> int:
    """Calls to the store's write methods while ``file`` is loaded into the store at ``folder``."""
    with EmbeddedStore(folder) as store:
        done = []
        calls = c_calls_to(WRITES, ox.Store, lambda: done.append(load_files(store, [file])))
    assert done[0].failed == 0 and not done[0].stopped
    return calls


def held(folder: Path) -> dict[str, set[str]]:
    """Each named graph's triples, and the union graph's (key ""), read from the store."""
    with EmbeddedStore(folder, read_only=True) as store:
        rows = store.query("SELECT ?g ?s ?p ?o WHERE { { GRAPH ?g { ?s ?p ?o } } UNION { ?s ?p ?o } }").rows
    found: dict[str, set[str]] = {}
    for g, s, p, o in rows:
        found.setdefault(g.value if g is not None else "", set()).add(f"{s} {p} {o} .")
    return found


def test_a_reload_of_unchanged_graphs_writes_nothing_and_a_changed_one_is_replaced(tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = nquads(tmp_path / "a.nq", graphs(4))
    assert writes(store, first) > 0
    assert (store / FILE).exists()
    assert writes(store, first) == 0
    second = nquads(tmp_path / "b.nq", graphs(4, changed=2))
    assert writes(store, second) > 0
    expected = {g: set(lines) for g, lines in graphs(4, changed=2).items()}
    assert {g: t for g, t in held(store).items() if g} == expected
    assert held(store)[""] == set().union(*expected.values())
    assert writes(store, second) == 0


def test_digests_never_show_in_queries(tmp_path: Path) -> None:
    store = tmp_path / "store"
    writes(store, nquads(tmp_path / "a.nq", graphs(3)))
    with EmbeddedStore(store, read_only=True) as opened:
        assert count(opened) == 6 and count(opened, "?s ?p ?o") == 6
        assert sorted(row[0].value for row in opened.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows) == [f"urn:x:g{i}" for i in range(3)]  # type: ignore[union-attr]


def test_a_store_without_digests_is_compared_in_the_store_and_gets_them(tmp_path: Path) -> None:
    """A store an older rdfbib wrote (no digest file): the reload compares each graph in the store (writing
    nothing), and stores the digests, which the next reload uses."""
    store = tmp_path / "store"
    file = nquads(tmp_path / "a.nq", graphs(3))
    writes(store, file)
    (store / FILE).unlink()
    with EmbeddedStore(store) as opened:
        compared = []
        assert c_calls_to({"query"}, ox.Store, lambda: compared.append(load_files(opened, [file]))) >= 3  # a count per graph
        assert c_calls_to(WRITES, ox.Store, lambda: load_files(opened, [file])) == 0
    with EmbeddedStore(store) as opened:
        assert c_calls_to({"query"}, ox.Store, lambda: load_files(opened, [file])) == 0  # known by digest
    assert (store / FILE).exists()


def test_a_dropped_or_updated_graph_is_written_again(tmp_path: Path) -> None:
    """A graph dropped, or changed by a SPARQL update, since it was loaded: its digest is gone, so a reload
    puts it back (a stale digest would skip it)."""
    store = tmp_path / "store"
    file = nquads(tmp_path / "a.nq", graphs(3))
    writes(store, file)
    with EmbeddedStore(store) as opened:
        opened.drop("urn:x:g1")
    assert "urn:x:g1" not in held(store)
    assert writes(store, file) > 0 and held(store)["urn:x:g1"] == set(graphs(3)["urn:x:g1"])
    with EmbeddedStore(store) as opened:
        opened.update('DELETE DATA { GRAPH <urn:x:g2> { <urn:x:s2> <urn:x:p> "2" } }')
    assert writes(store, file) > 0 and held(store)["urn:x:g2"] == set(graphs(3)["urn:x:g2"])
    assert writes(store, file) == 0
