"""A RePEc mirror tree through the command line: ``rdfbib convert RePEc/`` and ``rdfbib load RePEc/``.

Mirrors are built in a temporary folder as RePEc lays archives out (``{arch}/{arch}arch.rdf``,
``{arch}/{arch}seri.rdf``, ``{arch}/{series}/*.rdf|*.redif``): from our fixtures (tests/fixtures/redif),
and from the real files of ../shared/corpus/redif when present (skipped otherwise).
"""

from __future__ import annotations

import json
import re
import shutil
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from rdfbib import mirror
from rdfbib.batch import Job, run
from rdfbib.cli import main
from rdfbib.crawl import CrawlState, crawl
from rdfbib.fetch import Fetcher
from rdfbib.files import REDIF, RDF, kind_of
from rdfbib.mirror import RedifFile
from rdfbib.pipeline import Result, load_page
from rdfbib.readers import get as get_reader
from rdfbib.sources import expand

from .conftest import FIXTURES, SHARED
from .servers import serving

HERE = FIXTURES / "redif"
CORPUS = SHARED / "corpus" / "redif"
SCHEMA = "http://schema.org/"
RECORD = "urn:rdfbib:record/redif/"
#: Our series template for archive xmp's working papers (the fixtures give its journal's).
WPAPER_SERIES = b"""Template-Type: ReDIF-Series 1.0
Name: Example Working Papers
Provider-Name: Example University, Department of Economics
Type: ReDIF-Paper
Handle: RePEc:xmp:wpaper
"""
#: Mirror path -> what the file is made of (files and text, joined by a line end).
Layout = dict[str, list[Path | bytes]]
FIXTURE_MIRROR: Layout = {
    "nat/natseri.rdf": [HERE / "nature-series.rdf"],
    "nat/nature/2016.redif": [HERE / "seed-nature17038.redif"],
    "xmp/xmparch.rdf": [HERE / "archive.redif"],
    "xmp/xmpseri.rdf": [HERE / "series-journal.redif", WPAPER_SERIES],
    "xmp/wpaper/2023.rdf": [HERE / "wpaper.rdf"],
    "xmp/wpaper/2024-11.redif": [HERE / "paper-blank-lines.redif"],
    "xmp/xmprev/22_3.rdf": [HERE / "articles-latin1.rdf"],
}
#: The record graphs of that mirror, in the order a walk gives them: each archive's archive and series
#: records before its items, though the series folder "wpaper" sorts before "xmparch.rdf".
FIXTURE_GRAPHS = [
    "series/repec/nat/nature",
    "repec/nat/nature/v529y2016i7586d10.1038_nature17038",
    "org/repec/xmp",
    "series/repec/xmp/xmpjou",
    "series/repec/xmp/wpaper",
    "repec/xmp/wpaper/202301",
    "repec/xmp/wpaper/ports-e1",
    "repec/xmp/wpaper/2023-01",
    "repec/xmp/wpaper/2024-11",
    "repec/xmp/xmprev/22_3_1",
    "repec/xmp/xmprev/22_3_2",
]


def cli(*args: object):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, [str(a) for a in args])


def errors(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [line for line in result.stderr.splitlines() if line.startswith("rdfbib: ") and ": warning: " not in line]


def build(root: Path, layout: Layout) -> Path:
    """The mirror ``root/RePEc`` of a layout."""
    mirror_root = root / "RePEc"
    for rel, parts in layout.items():
        path = mirror_root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"\n".join(p if isinstance(p, bytes) else p.read_bytes() for p in parts))
    return mirror_root


@pytest.fixture
def fixture_mirror(tmp_path: Path) -> Path:
    return build(tmp_path, FIXTURE_MIRROR)


def graphs_in_order(nquads: str) -> list[str]:
    """The record graphs of N-Quads output, in the order they were written."""
    return list(dict.fromkeys(m.group(1) for m in re.finditer(r"<urn:rdfbib:record/redif/([^>]+)> \.$", nquads, re.MULTILINE)))


def series_names(nquads: str) -> dict[str, set[str]]:
    """Record graph -> names stated for a series node in it."""
    names: dict[str, set[str]] = {}
    for m in re.finditer(r'^<urn:rdfbib:series/repec/[^>]+> <http://schema.org/name> "([^"]*)" <urn:rdfbib:record/redif/([^>]+)> \.$', nquads, re.MULTILINE):
        names.setdefault(m.group(2), set()).add(m.group(1))
    return names


# -- convert ---------------------------------------------------------------------------------------------


def test_a_mirror_gives_each_archive_and_its_series_before_its_items(fixture_mirror: Path) -> None:
    result = cli("convert", fixture_mirror, "-f", "nq", "-q")
    assert result.exit_code == 0, result.stderr
    assert errors(result) == []
    assert graphs_in_order(result.stdout) == FIXTURE_GRAPHS
    assert len(list(ox.parse(result.stdout.encode(), ox.RdfFormat.N_QUADS))) > 500


def test_items_state_their_series_name_when_its_series_file_is_in_the_run(fixture_mirror: Path) -> None:
    names = series_names(cli("convert", fixture_mirror, "-f", "nq", "-q").stdout)
    for key in ("202301", "ports-e1", "2023-01", "2024-11"):
        assert names[f"repec/xmp/wpaper/{key}"] == {"Example Working Papers"}
    nature = get_reader("redif").read(load_page(HERE / "nature-series.rdf")).entity.name  # type: ignore[union-attr]
    assert names["repec/nat/nature/v529y2016i7586d10.1038_nature17038"] == {nature}
    assert names["series/repec/xmp/wpaper"] == {"Example Working Papers"}  # the series records are written too


def test_items_read_alone_point_at_the_series_iri_without_its_name(fixture_mirror: Path) -> None:
    result = cli("convert", fixture_mirror / "xmp" / "wpaper", "-f", "nq", "-q")
    assert result.exit_code == 0
    assert graphs_in_order(result.stdout) == FIXTURE_GRAPHS[5:9]
    assert series_names(result.stdout) == {}
    part_of = re.findall(r"^<urn:rdfbib:work/repec/xmp/wpaper/[^>]+> <http://schema.org/isPartOf> <urn:rdfbib:series/repec/xmp/wpaper> ", result.stdout, re.MULTILINE)
    assert len(part_of) == 4


def test_a_series_file_named_before_its_items_names_them_and_after_them_does_not(fixture_mirror: Path) -> None:
    series, items = fixture_mirror / "xmp" / "xmpseri.rdf", fixture_mirror / "xmp" / "wpaper"
    before = series_names(cli("convert", series, items, "-f", "nq", "-q").stdout)
    assert before["repec/xmp/wpaper/2024-11"] == {"Example Working Papers"}
    after = series_names(cli("convert", items, series, "-f", "nq", "-q").stdout)
    assert "repec/xmp/wpaper/2024-11" not in after and after["series/repec/xmp/wpaper"] == {"Example Working Papers"}


@pytest.mark.parametrize("fmt", ["nq", "trig", "turtle"])
def test_one_job_and_two_jobs_write_the_same_bytes(fixture_mirror: Path, fmt: str) -> None:
    one = cli("convert", fixture_mirror, "-f", fmt, "-q")
    two = cli("convert", fixture_mirror, "-f", fmt, "-q", "--jobs", "2")
    assert one.exit_code == two.exit_code == 0
    assert one.stdout_bytes == two.stdout_bytes


def test_bad_templates_and_files_fail_alone_by_file_and_line(fixture_mirror: Path, tmp_path: Path) -> None:
    wpaper = fixture_mirror / "xmp" / "wpaper"
    shutil.copy(HERE / "mixed-bad.rdf", wpaper / "mixed.rdf")
    (wpaper / "notes.rdf").write_text("These are notes about the series, not metadata.\n", encoding="utf-8")
    (wpaper / "empty.redif").write_bytes(b"")
    report = tmp_path / "report.jsonl"
    result = cli("convert", fixture_mirror, "-f", "nq", "-q", "--report", report, "--jobs", "2")
    assert result.exit_code == 1
    mixed = wpaper / "mixed.rdf"
    assert errors(result) == [
        f"rdfbib: {wpaper / 'empty.redif'}: empty",
        f"rdfbib: {mixed}:7: ReDIF-Paper template has no Handle",
        f"rdfbib: {mixed}:13: malformed Handle 'RePEc:xmp:wpaper:bad one': a ReDIF-Paper handle is RePEc:archive:series:item, without spaces or markup",
        f"rdfbib: {mixed}:17: malformed Handle 'RePEc:xmp:wpaper:<b>bad</b>': a ReDIF-Paper handle is RePEc:archive:series:item, without spaces or markup",
        f"rdfbib: {mixed}:19: unknown template type 'ReDIF-Pamphlet 1.0'",
        f"rdfbib: {mixed}:29: malformed Handle 'RePEc:xmp:wpaper:item': a ReDIF-Series handle is RePEc:archive:series, without spaces or markup",
        f"rdfbib: {mixed}:31: ReDIF-Person template has no Short-Id",
        f"rdfbib: {wpaper / 'notes.rdf'}: no Template-Type line: neither ReDIF nor RDF/XML",
    ]
    graphs = graphs_in_order(result.stdout)
    assert graphs == FIXTURE_GRAPHS[:9] + ["repec/xmp/wpaper/good-1", "repec/xmp/wpaper/good-2"] + FIXTURE_GRAPHS[9:]
    assert series_names(result.stdout)["repec/xmp/wpaper/good-2"] == {"Example Working Papers"}
    lines = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    statuses = [line["status"] for line in lines]
    assert (len(lines), statuses.count("failed")) == (len(FIXTURE_GRAPHS) + 2 + 8, 8)


def test_rdf_xml_in_a_mirror_is_counted_by_convert_and_loaded_by_load(fixture_mirror: Path, tmp_path: Path) -> None:
    rdfxml = fixture_mirror / "xmp" / "extra.rdf"
    assert cli("convert", HERE / "archive.redif", "-o", rdfxml).exit_code == 0
    assert rdfxml.read_bytes().startswith(b"<?xml") and kind_of(rdfxml).kind == RDF  # type: ignore[union-attr]
    converted = cli("convert", fixture_mirror, "-f", "nq", "-q")
    assert converted.exit_code == 0 and f"rdfbib: {fixture_mirror}: skipped 1 RDF file (.rdf)" in converted.stderr
    assert graphs_in_order(converted.stdout) == FIXTURE_GRAPHS
    store = tmp_path / "store"
    loaded = cli("load", rdfxml, "--store", store)
    assert loaded.exit_code == 0 and "loaded 1, failed 0" in loaded.stderr, loaded.stderr
    graphs = cli("query", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "--store", store, "-f", "csv")
    assert graphs.stdout.split() == ["g", "urn:rdfbib:file/extra.rdf"]


def test_load_a_mirror_and_query_an_items_series_name(fixture_mirror: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    loaded = cli("load", fixture_mirror, "--store", store, "-q")
    assert loaded.exit_code == 0, loaded.stderr
    assert f"loaded {len(FIXTURE_GRAPHS)}, failed 0" in loaded.stderr
    query = (
        "SELECT ?name ?archive WHERE { <urn:rdfbib:work/repec/xmp/wpaper/2024-11> <http://schema.org/isPartOf> ?series ."
        " ?series <http://schema.org/name> ?name . OPTIONAL { ?series <http://schema.org/provider> ?org . ?org <http://schema.org/name> ?archive } }"
    )
    answered = cli("query", query, "--store", store, "-f", "csv")
    assert answered.exit_code == 0, answered.stderr
    rows = answered.stdout.splitlines()[1:]
    assert rows and {row.split(",")[0] for row in rows} == {"Example Working Papers"}
    again = cli("load", fixture_mirror, "--store", store, "-q")  # loading twice leaves the store as it was
    assert again.exit_code == 0 and f"loaded {len(FIXTURE_GRAPHS)}, failed 0" in again.stderr


# -- what a walk holds, counted ----------------------------------------------------------------------------


def test_a_walk_holds_one_archives_series_files_and_reads_each_once_per_process(tmp_path: Path) -> None:
    archives = [f"a{n:02d}" for n in range(12)]
    layout: Layout = {}
    for code in archives:
        layout[f"{code}/{code}seri.rdf"] = [f"Template-Type: ReDIF-Series 1.0\nName: Series {code}\nHandle: RePEc:{code}:wpaper\n".encode()]
        for n in range(3):
            layout[f"{code}/wpaper/{n}.redif"] = [f"Template-Type: ReDIF-Paper 1.0\nTitle: Paper {n}\nHandle: RePEc:{code}:wpaper:{n}\n".encode()]
    root = build(tmp_path, layout)
    items = list(expand([str(root)]))
    assert all(isinstance(item, RedifFile) for item in items) and len(items) == 12 * 4
    for item in items:
        code = Path(item.path).relative_to(root).parts[0]
        expected = () if mirror.is_series_file(item.path) else (str(root / code / f"{code}seri.rdf"),)
        assert item.series == expected  # never another archive's: what the walk holds is one archive's
    mirror._index.cache_clear()
    results = list(run(expand([str(root)]), Job("nq")))
    assert len(results) == 12 * 4 and all(r.ok for r in results)
    info = mirror._index.cache_info()
    assert (info.misses, info.currsize) == (12, 4)  # each archive's series read once; four kept at most
    names = {r.record.work.container.name for r in results if r.record and r.record.work}  # type: ignore[union-attr]
    assert names == {f"Series {code}" for code in archives}


# -- .rdf by content ---------------------------------------------------------------------------------------


RDF_CONTENT = {
    "redif": (b"Template-Type: ReDIF-Paper 1.0\nHandle: RePEc:xmp:wpaper:1\n", REDIF),
    "redif after a long comment": (b"#" * 5000 + b"\nTemplate-Type: ReDIF-Paper 1.0\n", REDIF),
    "redif in utf-16": ("\ufeffTemplate-Type: ReDIF-Paper 1.0\n".encode("utf-16"), REDIF),
    "notes": (b"notes, not metadata\n", REDIF),
    "empty": (b"", REDIF),
    "rdf/xml": (b'<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>\n', RDF),
    "rdf/xml after a bom and blank lines": (b"\xef\xbb\xbf\n\n  <rdf:RDF/>", RDF),
    "rdf/xml in utf-16": ('<?xml version="1.0" encoding="UTF-16"?><rdf:RDF/>'.encode("utf-16"), RDF),
}


@pytest.mark.parametrize("case", RDF_CONTENT)
def test_a_rdf_file_is_rdf_xml_when_it_is_xml_and_redif_otherwise(tmp_path: Path, case: str) -> None:
    data, kind = RDF_CONTENT[case]
    path = tmp_path / "x.rdf"
    path.write_bytes(data)
    assert kind_of(path).kind == kind  # type: ignore[union-attr]


def test_a_utf16_redif_file_converts_from_a_folder(tmp_path: Path) -> None:
    text = (HERE / "wpaper.rdf").read_text(encoding="utf-8")
    (tmp_path / "wpaper.rdf").write_bytes(text.encode("utf-16"))
    result = cli("convert", tmp_path, "-f", "nq")
    assert result.exit_code == 0 and len(graphs_in_order(result.stdout)) == 3
    assert f"rdfbib: {tmp_path / 'wpaper.rdf'}:1: warning: not UTF-8: read as utf-16" in result.stderr


# -- a crawl that meets ReDIF ----------------------------------------------------------------------------


def test_a_crawl_takes_series_records_without_following_links(tmp_path: Path) -> None:
    """A ReDIF file fetched by URL gives series and item records; a series record has no links to follow."""
    body = (HERE / "continuations.rdf").read_bytes()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    emitted: list[Result] = []
    with serving(Handler) as port, Fetcher(interval=0.0, cache=False) as fetcher, CrawlState() as state:
        done = crawl([f"http://127.0.0.1:{port}/RePEc/xmp/xmpwps.rdf"], lambda r, d: emitted.append(r), fetcher=fetcher, state=state)
    assert [r.ok for r in emitted] == [True] * 4 and done.records == 4 and done.failed == 0
    assert [r.record.entity is not None for r in emitted] == [False, False, False, True]  # type: ignore[union-attr]


# -- the real files of ../shared/corpus/redif, as a mirror lays them out ------------------------------------

#: Mirror path -> real file (its MANIFEST names where each comes from), and the templates it holds.
CORPUS_MIRROR = {
    "bjn/evalua/eval2024_01.rdf": ("unjournal_pypubpub__repec_rdfs_eval2024_01.rdf", 9),
    "cda/cdaarch.rdf": ("ucdavis_dss-repec__public_cdaarch.rdf", 1),
    "cda/cdaseri.rdf": ("ucdavis_dss-repec__public_cdaseri.rdf", 1),
    "ceu/ceuarch.rdf": ("CEU_RePEc__ceu_ceuarch.rdf", 1),
    "ceu/econwp/2025_2.rdf": ("CEU_RePEc__ceu_econwp_2025_2.rdf", 1),
    "cxs/cxsarch.rdf": ("BER_repec__cxs_cxsarch.rdf", 1),
    "cxs/cxsseri.rdf": ("BER_repec__cxs_cxsseri.rdf", 1),
    "cxs/wpaper/wpaper.rdf": ("BER_repec__cxs_wpaper.rdf", 30),
    "epo/booksx/2011.rdf": ("webmaster-cepr_RePEc__epo_booksx_2011.rdf", 1),
    "epo/eposeri.rdf": ("webmaster-cepr_RePEc__epo_eposeri.rdf", 2),
    "epo/papers/2009.rdf": ("webmaster-cepr_RePEc__epo_papers_2009.rdf", 50),
    "lrk/eeaart/22_3.rdf": ("ReDIF-perl-2.69_t__lrk_eeaart_22_3.rdf", 20),
    "ten/tenseri.rdf": ("UTK_repec__ten_tenseri.rdf", 1),
    "ten/wpaper/2025-04.redif": ("UTK_repec__ten_wpaper_2025-04.redif", 1),
}


@pytest.fixture
def corpus_mirror(tmp_path: Path) -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"real ReDIF files not found at {CORPUS}")
    return build(tmp_path, {rel: [CORPUS / name] for rel, (name, _) in CORPUS_MIRROR.items()})


def test_a_mirror_of_the_real_files_converts_with_series_names(corpus_mirror: Path) -> None:
    one = cli("convert", corpus_mirror, "-f", "nq", "-q")
    assert one.exit_code == 0 and errors(one) == [], one.stderr
    graphs = graphs_in_order(one.stdout)
    assert len(graphs) == sum(n for _, n in CORPUS_MIRROR.values())  # every template of every file, one record each
    assert graphs.index("org/repec/cxs") < graphs.index("series/repec/cxs/wpaper") < graphs.index("repec/cxs/wpaper/202101")
    assert graphs.index("series/repec/epo/booksx") < graphs.index("repec/epo/booksx/2011-01")
    names = series_names(one.stdout)
    assert names["repec/cxs/wpaper/202101"] == {"Research Notes"}
    assert names["repec/epo/booksx/2011-01"] == {"CEPR Books"}
    assert names["repec/ten/wpaper/2025-04"] == names["series/repec/ten/wpaper"] != set()
    two = cli("convert", corpus_mirror, "-f", "nq", "-q", "--jobs", "2")
    assert two.exit_code == 0 and two.stdout_bytes == one.stdout_bytes
