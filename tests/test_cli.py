"""The command line: every subcommand's help, exit codes, batches with bad pages, stdin, formats."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph

import rdfbib
from rdfbib.batch import default_jobs, jobs_for
from rdfbib.cli import main

from .conftest import EXAMPLES

SEED = EXAMPLES / "seed-ideas-nature17038.txt"


@pytest.mark.parametrize("args", [["--help"], *([name, "--help"] for name in main.list_commands(None))])  # type: ignore[arg-type]
def test_help(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0 and rdfbib.__version__ in result.output


def test_help_imports_no_heavy_library() -> None:
    code = "import sys; from rdfbib.cli import main\ntry:\n main(['--help'])\nexcept SystemExit: pass\nprint(sorted(m for m in ('rdflib', 'lxml', 'requests', 'pyoxigraph') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("[]")


def test_readers_lists_every_reader(runner: CliRunner) -> None:
    result = runner.invoke(main, ["readers"])
    assert result.exit_code == 0
    for reader in rdfbib.all_readers():
        assert reader.name in result.output


def test_convert_seed_to_turtle(runner: CliRunner) -> None:
    result = runner.invoke(main, ["convert", str(SEED)])
    assert result.exit_code == 0, result.output
    graph = Graph().parse(data=result.stdout_bytes, format="turtle")
    assert len(graph) > 100


@pytest.mark.parametrize("fmt, rdflib_format", [("nq", "nquads"), ("trig", "trig"), ("jsonld", "json-ld"), ("xml", "xml"), ("nt", "nt")])
def test_formats_from_option_and_extension(runner: CliRunner, tmp_path: Path, fmt: str, rdflib_format: str) -> None:
    by_option = runner.invoke(main, ["convert", str(SEED), "-f", fmt])
    assert by_option.exit_code == 0, by_option.output
    out = tmp_path / f"seed.{ {'jsonld': 'jsonld', 'xml': 'rdf'}.get(fmt, fmt) }"
    by_extension = runner.invoke(main, ["convert", str(SEED), "-o", str(out)])
    assert by_extension.exit_code == 0, by_extension.output
    assert out.read_bytes() == by_option.stdout_bytes
    parsed = Dataset()
    parsed.parse(data=out.read_bytes(), format=rdflib_format)
    assert len(parsed) > 0 or sum(len(g) for g in parsed.graphs()) > 0


def test_base_option_and_environment(runner: CliRunner) -> None:
    result = runner.invoke(main, ["convert", str(SEED), "-f", "nt", "--base", "https://example.org/bib/"])
    assert result.exit_code == 0
    assert b"<https://example.org/bib/work/repec/nat/nature/" in result.stdout_bytes
    assert b"urn:rdfbib:" not in result.stdout_bytes
    result = runner.invoke(main, ["convert", str(SEED), "-f", "nt"], env={"RDFBIB_BASE": "https://env.example/"})
    assert b"<https://env.example/work/" in result.stdout_bytes


def test_stdin(runner: CliRunner) -> None:
    result = runner.invoke(main, ["convert", "-", "-f", "nt"], input=SEED.read_bytes())
    assert result.exit_code == 0, result.output
    assert b"Metastatic colonization" in result.stdout_bytes


@pytest.mark.parametrize(
    "args",
    [
        ["convert"],
        ["convert", str(SEED), "-f", "pdf"],
        ["convert", str(SEED), "--reader", "nope"],
        ["convert", str(SEED), "--base", "not an iri"],
        ["nosuchcommand"],
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, args: list[str]) -> None:
    assert runner.invoke(main, args).exit_code == 2


def test_folder_with_bad_files_converts_the_good_ones(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "good.txt").write_bytes(SEED.read_bytes())
    (folder / "empty.html").write_bytes(b"")
    (folder / "binary.htm").write_bytes(bytes(range(256)))
    (folder / "notbib.html").write_text("<html><head><title>Cats</title></head><body><p>Cats are nice.</p></body></html>")
    (folder / "ignored.pdf").write_bytes(b"%PDF-1.4")
    result = runner.invoke(main, ["convert", str(folder), str(tmp_path / "missing.txt"), "-f", "nq"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("rdfbib: ") and "warning:" not in line]
    assert len(errors) == 5, result.stderr
    assert f"rdfbib: {folder}: skipped 1 file of unknown kind (.pdf)" in errors  # counted, never silently left out
    for name, reason in [("empty.html", "empty"), ("binary.htm", "binary"), ("notbib.html", "not a bibliographic page"), ("missing.txt", "no such file")]:
        assert any(name in line and reason in line for line in errors), (name, errors)
    assert "Traceback" not in result.output
    assert b"Metastatic colonization" in result.stdout_bytes


def test_forced_reader_on_wrong_page_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    page = tmp_path / "cats.html"
    page.write_text("<html><body><p>Cats.</p></body></html>")
    for reader in rdfbib.all_readers():
        result = runner.invoke(main, ["convert", str(page), "--reader", reader.name])
        assert result.exit_code == 1, (reader.name, result.output)
        assert "Traceback" not in result.output
        assert result.stderr.count("\n") == 1 and "cats.html" in result.stderr


def test_output_is_deterministic_across_processes(tmp_path: Path) -> None:
    outputs = set()
    for seed in ("1", "2"):
        env = {"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}
        for fmt in ("turtle", "json-ld", "nq", "trig", "xml"):
            out = tmp_path / f"{seed}.{fmt}"
            subprocess.run([sys.executable, "-m", "rdfbib", "convert", str(SEED), "-f", fmt, "-o", str(out)], check=True, env=env)
            outputs.add((fmt, out.read_bytes()))
    assert len(outputs) == 5


def test_library_and_cli_agree(runner: CliRunner) -> None:
    result = runner.invoke(main, ["convert", str(SEED), "-f", "nq"])
    cli = Dataset()
    cli.parse(data=result.stdout_bytes, format="nquads")
    lib = rdfbib.convert(SEED)
    assert quads(cli) == quads(lib) and len(quads(lib)) > 100


def quads(dataset: Dataset) -> set[tuple]:
    return {(s, p, o, getattr(g, "identifier", g)) for s, p, o, g in dataset.quads((None, None, None, None))}


def test_jobs_give_the_same_bytes(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for page in sorted((EXAMPLES.parent / "tests" / "fixtures").glob("*/*.*")):
        if page.suffix in (".txt", ".html") and page.parent.name != "bad":
            (folder / f"{page.parent.name}-{page.name}").write_bytes(page.read_bytes())
    for fmt in ("nq", "turtle", "json-ld"):
        one = runner.invoke(main, ["convert", str(folder), "-f", fmt, "-q", "--jobs", "1"])
        for jobs in ([], ["--jobs", "0"], ["--jobs", "2"]):  # the default for a folder is --jobs 0
            other = runner.invoke(main, ["convert", str(folder), "-f", fmt, "-q", *jobs])
            assert one.exit_code == other.exit_code == 0, (one.output, other.output)
            assert one.stdout_bytes == other.stdout_bytes and len(one.stdout_bytes) > 10000


def test_folders_get_a_worker_per_core_by_default(tmp_path: Path) -> None:
    assert jobs_for(None, [str(tmp_path)]) == default_jobs() == jobs_for(0, [str(SEED)])
    assert jobs_for(None, [str(SEED), "-"]) == 1 and jobs_for(3, [str(tmp_path)]) == 3


def test_output_file_appears_only_when_complete(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out.ttl"
    result = runner.invoke(main, ["convert", str(SEED), str(tmp_path / "missing.txt"), "-o", str(out)])
    assert result.exit_code == 1
    assert out.exists() and not (tmp_path / "out.ttl.part").exists()
    assert b"Metastatic" in out.read_bytes()


def test_provenance_graph(runner: CliRunner) -> None:
    result = runner.invoke(main, ["convert", str(SEED), "-f", "nq", "--provenance"])
    assert result.exit_code == 0
    assert b"<http://www.w3.org/ns/prov#generatedAtTime>" in result.stdout_bytes
    assert b"<urn:rdfbib:provenance> ." in result.stdout_bytes


def test_streamed_output_equals_the_library_path(runner: CliRunner) -> None:
    for fmt in ("nq", "nt", "turtle", "trig", "json-ld", "xml"):
        result = runner.invoke(main, ["convert", str(SEED), "-f", fmt])
        assert result.stdout_bytes == rdfbib.serialize(rdfbib.convert(SEED), fmt), fmt


def test_validate_after_convert(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "seed.ttl"
    result = runner.invoke(main, ["convert", str(SEED), "-o", str(out), "--validate"])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.stderr
    assert runner.invoke(main, ["convert", str(SEED), "--validate"]).exit_code == 2
    broken = tmp_path / "broken.ttl"
    broken.write_text('<urn:x:w> a <http://schema.org/ScholarlyArticle> ; <http://purl.org/ontology/bibo/doi> "not-a-doi" .\n')
    checked = runner.invoke(main, ["validate", str(broken)])
    assert checked.exit_code == 1 and "urn:x:w" in checked.output + checked.stderr


def test_output_to_a_device_is_written_in_place(runner: CliRunner) -> None:
    """-o /dev/null must never be replaced by a regular file (write-then-rename is for regular files only)."""
    import stat

    result = runner.invoke(main, ["convert", str(SEED), "-f", "nq", "-o", os.devnull])
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    assert not Path(os.devnull + ".part").exists()
