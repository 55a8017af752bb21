"""Every example and fixture output is accepted by parsers rdfbib does not use, and they read the same
quads rdfbib wrote: Raptor's ``rapper`` (Turtle, N-Triples, RDF/XML), N3.js (Turtle, TriG, N-Triples,
N-Quads) and the JSON-LD reference processor jsonld.js (expanded offline: the context is inlined).

``.ci/run`` installs them (apt ``raptor2-utils``; ``npm ci`` in tests/js); without them these tests
skip and say why. Node runs once per format over all files, not once per file.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import pytest

import rdfbib
from rdfbib.formats import FORMATS, serialize

from .conftest import EXAMPLES, ROOT, fixture_id, fixture_pages

JS = ROOT / "tests" / "js"
RAPPER = shutil.which("rapper")
NODE = shutil.which("node")
_RAPPER_SYNTAX = {"turtle": "turtle", "nt": "ntriples", "xml": "rdfxml"}
_N3_SYNTAX = {"turtle": "Turtle", "trig": "TriG", "nt": "N-Triples", "nq": "N-Quads"}


@dataclass
class Output:
    """One page's output in every format, and the quads rdfbib's own N-Quads hold."""

    name: str
    quads: frozenset[ox.Quad]
    files: dict[str, list[Path]] = field(default_factory=dict)

    @property
    def triples(self) -> frozenset[ox.Triple]:
        return frozenset(q.triple for q in self.quads)

    def expected(self, fmt: str) -> frozenset:
        return self.quads if FORMATS[fmt].quads else self.triples


def _quads(data: bytes, fmt: ox.RdfFormat) -> frozenset[ox.Quad]:
    return frozenset(ox.parse(data, format=fmt))


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> list[Output]:
    """Every fixture page converted to every format, plus the committed example outputs."""
    folder = tmp_path_factory.mktemp("outputs")
    result = []
    for page in fixture_pages():
        dataset = rdfbib.convert(page)
        out = Output(fixture_id(page), _quads(serialize(dataset, "nq"), ox.RdfFormat.N_QUADS))
        for fmt, spec in FORMATS.items():
            path = folder / f"{fixture_id(page).replace('/', '--')}{spec.extension}"
            path.write_bytes(serialize(dataset, fmt))
            out.files[fmt] = [path]
        result.append(out)
    for source in sorted(EXAMPLES.glob("*.txt")):
        out = Output(f"examples/{source.name}", _quads(serialize(rdfbib.convert(source), "nq"), ox.RdfFormat.N_QUADS))
        for fmt, spec in FORMATS.items():
            committed = source.with_suffix(spec.extension)
            if committed.is_file():
                out.files[fmt] = [committed]
        result.append(out)
    return result


def _cases(outputs: list[Output], fmt: str) -> list[tuple[Output, Path]]:
    return [(o, p) for o in outputs for p in o.files.get(fmt, [])]


def test_examples_have_outputs(outputs: list[Output]) -> None:
    examples = [o for o in outputs if o.name.startswith("examples/")]
    assert examples and all(o.files for o in examples), "examples/*.txt should have committed outputs"


# -- Raptor ---------------------------------------------------------------------------------------


@pytest.mark.skipif(RAPPER is None, reason="rapper not installed (Debian package raptor2-utils; .ci/run installs it)")
@pytest.mark.parametrize("fmt", sorted(_RAPPER_SYNTAX))
def test_rapper(outputs: list[Output], fmt: str) -> None:
    failures = []
    for out, path in _cases(outputs, fmt):
        run = subprocess.run([RAPPER, "-q", "-i", _RAPPER_SYNTAX[fmt], "-o", "ntriples", str(path)], capture_output=True, timeout=120, check=False)
        if run.returncode != 0 or run.stderr.strip():
            failures.append(f"{out.name} ({path.name}): rapper exit {run.returncode}: {run.stderr.decode(errors='replace')[:500]}")
            continue
        got = frozenset(q.triple for q in _quads(run.stdout, ox.RdfFormat.N_TRIPLES))
        if got != out.triples:
            failures.append(f"{out.name} ({path.name}): rapper read {len(got)} triples, {len(got - out.triples)} not rdfbib's; {len(out.triples - got)} missing")
    assert not failures, "\n".join(failures)


# -- node: N3.js and jsonld.js --------------------------------------------------------------------


def _require_node(package: str) -> None:
    if NODE is None:
        pytest.skip("node not installed (.ci/run installs nodejs and runs npm ci in tests/js)")
    if not (JS / "node_modules" / package / "package.json").is_file():
        pytest.skip(f"npm package {package} not installed: run `npm ci` in tests/js (.ci/run does)")


def _node(script: str, args: list[str], files: list[Path]) -> list[dict]:
    run = subprocess.run([NODE, str(JS / script), *args, *map(str, files)], capture_output=True, text=True, timeout=300, cwd=JS, check=False)
    assert run.returncode == 0, run.stderr
    lines = [json.loads(line) for line in run.stdout.splitlines() if line.strip()]
    assert [line["file"] for line in lines] == [str(f) for f in files], run.stderr
    return lines


def _compare(cases: list[tuple[Output, Path]], answers: list[dict], fmt: str, tool: str) -> list[str]:
    failures = []
    for (out, path), answer in zip(cases, answers):
        if not answer["ok"]:
            failures.append(f"{out.name} ({path.name}): {tool} refused it: {answer['error'][:500]}")
            continue
        got = _quads(Path(answer["out"]).read_bytes(), ox.RdfFormat.N_QUADS)
        expected = out.expected(fmt)
        if not FORMATS[fmt].quads:
            got = frozenset(q.triple for q in got)
        if got != expected:
            failures.append(f"{out.name} ({path.name}): {tool} read {len(got)}, {len(got - expected)} not rdfbib's; {len(expected - got)} missing")
    return failures


@pytest.mark.parametrize("fmt", sorted(_N3_SYNTAX))
def test_n3js(outputs: list[Output], fmt: str, tmp_path: Path) -> None:
    _require_node("n3")
    cases = _cases(outputs, fmt)
    answers = _node("n3_parse.js", [_N3_SYNTAX[fmt], str(tmp_path)], [p for _, p in cases])
    failures = _compare(cases, answers, fmt, "N3.js")
    assert not failures, "\n".join(failures)


def test_jsonld_js(outputs: list[Output], tmp_path: Path) -> None:
    _require_node("jsonld")
    cases = _cases(outputs, "json-ld")
    answers = _node("jsonld_to_nquads.js", [str(tmp_path)], [p for _, p in cases])
    failures = _compare(cases, answers, "json-ld", "jsonld.js")
    assert not failures, "\n".join(failures)


def test_jsonld_js_fetches_nothing(tmp_path: Path) -> None:
    """The loader refuses URLs, so a passing test above proves the context was inlined, not fetched."""
    _require_node("jsonld")
    doc = tmp_path / "remote.jsonld"
    doc.write_text(json.dumps({"@context": "https://schema.org/", "@id": "urn:a", "name": "x"}))
    [answer] = _node("jsonld_to_nquads.js", [str(tmp_path)], [doc])
    assert not answer["ok"] and "refusing to load" in answer["error"]
