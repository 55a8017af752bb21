"""No silent loss, no surprise: what happens at the edges of convert, load and validate is what a user expects.

Outputs that are inputs are refused; nothing converted means no output file (and no shard removed);
one table of file extensions (rdfbib.files) for every command; URLs of other schemes refused by
name; ``--from`` comments; files a folder walk skips are counted; README says what the code does.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import rdfbib
from rdfbib.cli import main
from rdfbib.errors import FormatError, ReaderError
from rdfbib.files import EXTENSIONS, PAGE, RDF, REDIF, kind_of

from .conftest import EXAMPLES, ROOT

SEED = EXAMPLES / "seed-ideas-nature17038.txt"
RDF_EXTENSIONS = sorted(ext for ext, kind in EXTENSIONS.items() if kind.kind == RDF)
REDIF_TEXT = "Template-Type: ReDIF-Paper 1.0\nTitle: A paper\nHandle: RePEc:zzz:wpaper:1\n"


def cli(*args: object, **options: object):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, [str(a) for a in args], **options)


def errors(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [line for line in result.stderr.splitlines() if line.startswith("rdfbib: ")]


# -- outputs ---------------------------------------------------------------------------------------


def test_an_output_that_is_a_source_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(SEED.read_bytes())
    refused = cli("convert", page, "-f", "nt", "-o", page)
    assert refused.exit_code == 2 and "also a source" in refused.stderr
    assert page.read_bytes() == SEED.read_bytes()
    inside = cli("convert", tmp_path, "-f", "nt", "-o", tmp_path / "all.txt")  # the folder would read it back as a page
    assert inside.exit_code == 2 and not (tmp_path / "all.txt").exists()
    listing = tmp_path / "list.txt"
    listing.write_text(f"{page}\n{tmp_path / 'out.txt'}\n", encoding="utf-8")
    (tmp_path / "out.txt").write_text("<urn:x:a> <urn:x:b> <urn:x:c> .\n", encoding="utf-8")
    listed = cli("convert", "--from", listing, "-f", "nt", "-o", tmp_path / "out.txt")
    assert listed.exit_code == 1 and errors(listed) == [f"rdfbib: {tmp_path / 'out.txt'}: is the output file (-o): not read"]
    assert b"Metastatic" in (tmp_path / "out.txt").read_bytes()


def test_an_empty_folder_says_so_and_writes_nothing(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = cli("convert", empty, "-o", tmp_path / "e.ttl")
    assert result.exit_code == 1 and errors(result) == [f"rdfbib: {empty}: no pages or ReDIF files found"]
    assert not (tmp_path / "e.ttl").exists() and not (tmp_path / "e.ttl.part").exists()
    to_stdout = cli("convert", empty, "-f", "json-ld")
    assert to_stdout.exit_code == 1 and to_stdout.stdout == ""
    loaded = cli("load", empty, "--store", tmp_path / "store")
    assert loaded.exit_code == 1 and f"rdfbib: {empty}: no pages, ReDIF files or RDF files found" in loaded.stderr


def test_when_every_page_fails_no_output_is_written_or_replaced(tmp_path: Path) -> None:
    bad = tmp_path / "bad.html"
    bad.write_text("<html><body>Cats.</body></html>", encoding="utf-8")
    assert cli("convert", bad, "-o", tmp_path / "new.ttl").exit_code == 1
    assert list(tmp_path.iterdir()) == [bad]
    kept = tmp_path / "kept.ttl"
    kept.write_text("# an earlier run's output\n", encoding="utf-8")
    assert cli("convert", bad, "-o", kept).exit_code == 1
    assert kept.read_text(encoding="utf-8") == "# an earlier run's output\n"
    shards = tmp_path / "shards"
    assert cli("convert", SEED, "-f", "nq", "--shard-size", "1", "-o", f"{shards}/").exit_code == 0
    before = sorted(p.name for p in shards.iterdir())
    assert cli("convert", bad, "-f", "nq", "--shard-size", "1", "-o", f"{shards}/").exit_code == 1
    assert sorted(p.name for p in shards.iterdir()) == before == ["rdfbib-000001.nq.gz"]


# -- one table of extensions -------------------------------------------------------------------------


@pytest.mark.parametrize("extension", RDF_EXTENSIONS)
def test_every_rdf_extension_is_written_validated_and_loaded(tmp_path: Path, extension: str) -> None:
    """-o x.xml writes RDF/XML that validate reads and load loads back: one table for all three."""
    out = tmp_path / f"seed{extension}"
    written = cli("convert", SEED, "-o", out)
    assert written.exit_code == 0, written.output
    expected = {"nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG, "turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
                "json-ld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML}[EXTENSIONS[extension].format]  # type: ignore[index]
    assert len(list(ox.parse(out.read_bytes(), expected))) > 500
    checked = cli("validate", out)
    assert checked.exit_code == 0 and "conforms" in checked.stdout, checked.output
    loaded = cli("load", out, "--store", tmp_path / "store")
    assert loaded.exit_code == 0 and "loaded 1, failed 0" in loaded.stderr, loaded.output


@pytest.mark.parametrize("name", ["out.json-ld", "out.n3", "out.foo", "out", "out.nq.gz", "out.html"])
def test_an_output_name_that_names_no_format_is_a_usage_error(tmp_path: Path, name: str) -> None:
    result = cli("convert", SEED, "-o", tmp_path / name)
    assert result.exit_code == 2 and "give -f" in result.stderr
    assert list(tmp_path.iterdir()) == []
    assert cli("convert", SEED, "-f", "nt", "-o", tmp_path / name).exit_code == 0  # -f says what the name does not


def test_rdf_files_are_rdf_xml_or_redif_by_their_content(tmp_path: Path) -> None:
    redif, rdfxml = tmp_path / "wpaper.rdf", tmp_path / "seed.rdf"
    redif.write_text(REDIF_TEXT, encoding="utf-8")
    assert cli("convert", SEED, "-o", rdfxml).exit_code == 0
    assert kind_of(redif).kind == REDIF and kind_of(tmp_path / "x.redif").kind == REDIF
    assert kind_of(rdfxml).kind == RDF and kind_of(rdfxml).format == "xml"
    assert kind_of(tmp_path / "x.nq.gz").kind == RDF and kind_of(tmp_path / "x.html.gz") is None and kind_of(tmp_path / "p.md").kind == PAGE
    # convert takes ReDIF from a folder (as a source to convert) and counts the RDF/XML file as skipped
    result = cli("convert", tmp_path, "-f", "nq")
    assert f"rdfbib: {tmp_path}: skipped 1 RDF file (.rdf)" in result.stderr
    assert result.exit_code == 0 and "not valid" not in result.stderr  # read as ReDIF, not parsed as XML
    assert "<urn:rdfbib:work/repec/zzz/wpaper/1>" in result.stdout and "<urn:rdfbib:record/redif/repec/zzz/wpaper/1>" in result.stdout
    loaded = cli("load", redif, "--store", tmp_path / "store")
    assert "not valid RDF_XML" not in loaded.stderr and "loaded 1, failed 0" in loaded.stderr, loaded.stderr


def test_an_rdf_file_given_to_convert_is_named_as_one(tmp_path: Path) -> None:
    written = tmp_path / "seed.ttl"
    assert cli("convert", SEED, "-o", written).exit_code == 0
    result = cli("convert", written, SEED, "-f", "nt")
    assert result.exit_code == 1 and errors(result) == [f"rdfbib: {written}: an RDF file, not a page (rdfbib load reads RDF files, rdfbib validate checks them)"]


def test_folders_report_what_they_skip(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    (pages / "sub").mkdir(parents=True)
    (pages / "seed.txt").write_bytes(SEED.read_bytes())
    for name in ("a.pdf", "sub/b.pdf", "c.doc", "d.tar.gz"):
        (pages / name).write_bytes(b"%PDF")
    for command in (["convert", pages, "-f", "nq"], ["load", pages, "--store", tmp_path / "store"]):
        result = cli(*command, "-q")
        assert result.exit_code == 0, result.output
        assert f"rdfbib: {pages}: skipped 4 files of unknown kind (.doc, .pdf x2, .tar.gz)" in result.stderr.splitlines()


def test_a_folder_that_cannot_be_listed_fails_alone(tmp_path: Path) -> None:
    """A folder gone (or unreadable) during a walk is one failure; the walk and the batch go on."""
    import shutil

    from rdfbib.sources import expand

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "page.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "page.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "c.txt").write_bytes(SEED.read_bytes())
    items = expand([str(tmp_path)])
    assert next(items) == tmp_path / "a" / "page.txt"
    shutil.rmtree(tmp_path / "b")  # listed as a folder, gone before the walk reaches it
    rest = list(items)
    assert rest[0] == tmp_path / "c.txt"
    assert rest[1].source == str(tmp_path / "b") and "cannot list this folder: no such file or directory" in rest[1].error.message


# -- sources -----------------------------------------------------------------------------------------


def test_urls_of_other_schemes_are_refused_by_name(tmp_path: Path) -> None:
    listing = tmp_path / "list.txt"
    listing.write_text("ftp://ftp.example.org/pub/page.html\n", encoding="utf-8")
    result = cli("convert", "file:///tmp/page.html", SEED, "--from", listing, "-f", "nt")
    assert result.exit_code == 1
    assert errors(result) == [
        "rdfbib: file:///tmp/page.html: rdfbib does not fetch file: URLs, only http(s) URLs (give local files by their path)",
        "rdfbib: ftp://ftp.example.org/pub/page.html: rdfbib does not fetch ftp: URLs, only http(s) URLs (give local files by their path)",
    ]
    assert b"Metastatic" in result.stdout_bytes


def test_from_lists_take_trailing_comments(tmp_path: Path) -> None:
    from rdfbib.sources import read_list

    listing = tmp_path / "list.txt"
    listing.write_text(f"# the seed\n{SEED}   # the example page\n\n  https://ideas.repec.org/a/x/y/z.html#refs\t# a fragment is no comment\n", encoding="utf-8")
    with listing.open(encoding="utf-8") as stream:
        assert list(read_list(stream)) == [str(SEED), "https://ideas.repec.org/a/x/y/z.html#refs"]
    result = cli("convert", "--from", listing, "-f", "nt", "--offline", env={"RDFBIB_CACHE_DIR": str(tmp_path / "cache")})
    assert errors(result) == ["rdfbib: https://ideas.repec.org/a/x/y/z.html#refs: not in the cache (offline)"]
    assert b"Metastatic" in result.stdout_bytes


# -- README says what the code does ----------------------------------------------------------------------


def test_readme_lists_the_readers_in_detection_order() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("Readers (detected in this order", 1)[1].split("\n\n", 2)[1]
    listed = re.findall(r"^\| `([a-z-]+)` \|", table, re.MULTILINE)
    assert listed == [reader.name for reader in rdfbib.all_readers()]
    cli_listed = [line.split()[0] for line in cli("readers").stdout.splitlines()]
    assert cli_listed == listed


def test_an_unknown_reader_name_raises_what_readme_says() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "`rdfbib.get_reader(name)` raises `FormatError`" in readme
    with pytest.raises(FormatError, match="unknown reader 'nope'; readers are: ") as raised:
        rdfbib.get_reader("nope")
    assert isinstance(raised.value, ValueError) and not isinstance(raised.value, ReaderError)
