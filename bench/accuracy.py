"""Per-field accuracy of the readers against expected values: on tests/fixtures, on ../shared/corpus
and on held-out real pages kept outside the repository.

    python bench/accuracy.py                          # this tree
    python bench/accuracy.py --tree /tmp/base         # another checkout (e.g. ``git archive f8ef0c0``)
    python bench/accuracy.py --held-out DIR           # also DIR/*.txt|*.md|*.html against DIR/expected.json

Expected values:

- tests/fixtures: ``bench/expected/fixtures.json``, every field of every fixture page as the page
  prints it (the fixtures are ours; the file was written from the reviewed records, and
  ``--write-fixtures`` rewrites it from the tree's output after a reviewed change);
- ../shared/corpus/publisher-html: the values of ``tests/test_publisher_corpus.py`` (read from each
  page's metadata by hand), plus the number of references each page's list names a work by;
- ../shared/corpus/ideas: the Markdown rendering's fields, read by eye (below);
- held-out pages: ``expected.json`` beside them, written by eye from each page; the pages stay out of
  the repository so that they keep measuring code that was not built on them.

A field counts as right when the record's value equals the expected one exactly (lists in order).
A page the tree cannot read counts every field wrong. Prints one table per set and the overall
figure; ``--json`` prints the numbers as JSON instead.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"
EXPECTED_FIXTURES = ROOT / "bench" / "expected" / "fixtures.json"
PAGE_SUFFIXES = (".html", ".htm", ".txt", ".md")

#: The real IDEAS page rendered as Markdown (../shared/corpus/ideas), read by eye. The page is cut
#: inside its fifth citing work, so four citing works are complete.
IDEAS_MARKDOWN = {
    "markdown-rendering-of-live-page.md": {
        "kind": "article",
        "title": "Annual report readability variability: tests of the obfuscation hypothesis",
        "authors": ["John K. Courtis"],
        "date": "1998-10",
        "container": "Accounting, Auditing & Accountability Journal",
        "publisher": "Emerald Group Publishing Limited",
        "volume": "11",
        "issue": "4",
        "pages": "459-472",
        "doi": "10.1108/09513579810231457",
        "handle": "RePEc:eme:aaajpp:09513579810231457",
        "key": "eme/aaajpp/09513579810231457",
        "keywords": ["Company reports", "Written communications"],
        "files": 3,
        "cited_by": [
            ["The impact of terrorist attacks and mass shootings on earnings management", "eee/bracre/v56y2024i3s0890838923000781"],
            ["Factors affecting the quality of accounting disclosures provided in the annual reports for Jordanian firms", "wly/corsem/v32y2025i2p1444-1456"],
            ["Readability of Sustainability Reports: A Bibliometric Analysis and Systematic Literature Review", "gam/jsusta/v16y2023i1p260-d1308577"],
            ["Irrelevant answers in customers’ earnings communication conferences and suppliers’ cash holdings", "eee/finsta/v75y2024ics1572308924001311"],
        ],
    }
}

#: References of each publisher corpus page that name a cited work (title, identifier, or journal with
#: volume, first page and year): the page's list less placeholders and entries that are only a note.
PUBLISHER_REFERENCES = {
    "iop-ab007b.html": 73,
    "plos-one-pone.0000001.html": 70,
    "plos-one-pone.0064117-2013layout.html": 55,
    "sciencedirect-S0009261497040141.html": 34,  # one names a software package (CADPAC) as its only host
    "sciencedirect-S2352485522001888.html": 63,
    "springer-s10924-010-0192-1.html": 9,
}


def load_tree(tree: Path) -> Any:
    """rdfbib imported from ``tree`` (this checkout by default), with its mapper for stated references."""
    sys.path.insert(0, str(tree))
    import rdfbib
    from rdfbib.mapping import Mapper

    assert Path(rdfbib.__file__).resolve().is_relative_to(tree.resolve()), f"rdfbib imported from {rdfbib.__file__}, not {tree}"
    return rdfbib, Mapper()


def fields(record: Any, mapper: Any) -> dict[str, Any]:
    """Every compared field of a record, in plain JSON values."""
    w = record.work

    def related(works: list[Any]) -> list[list[Any]]:
        return [[x.title, x.repec_key] for x in works]

    c = w.container
    stated = sum(1 for _ in mapper._related(w.references, mapper.work_iri(w)))
    return {
        "kind": w.kind,
        "title": w.title,
        "authors": [a.name for a in w.authors],
        "author_ids": [a.repec_id for a in w.authors],
        "affiliations": [[(f.name, f.edirc, f.role) for f in a.affiliations] for a in w.authors],
        "author_notes": [a.notes for a in w.authors],
        "date": w.date.iso() if w.date else None,
        "container": c.name if c else None,
        "publisher": (c.publisher if c and c.publisher else w.publisher),
        "volume": w.volume,
        "issue": w.issue,
        "pages": w.pages.raw if w.pages else None,
        "number": w.number,
        "doi": w.doi,
        "handle": w.handle,
        "key": w.repec_key,
        "url": w.url,
        "files": len(w.files),
        "restrictions": [[f.restriction, f.restricted] for f in w.files],
        "keywords": w.keywords,
        "jel": [s.code for s in w.subjects],
        "references": related(w.references),
        "cited_by": related(w.cited_by),
        "versions": related(w.versions),
        "references_stated": stated,
    }


def normalise(value: Any) -> Any:
    """Tuples as lists, so values read back from JSON compare equal."""
    if isinstance(value, (list, tuple)):
        return [normalise(v) for v in value]
    return value


def score(rdfbib: Any, mapper: Any, pages: dict[Path, dict[str, Any]]) -> tuple[Counter[str], Counter[str], list[str]]:
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    failures: list[str] = []
    for path, expected in sorted(pages.items()):
        try:
            got = fields(rdfbib.extract(path), mapper)
        except Exception as exc:  # noqa: BLE001 - a page the tree cannot read scores nothing
            got = {}
            failures.append(f"{path.name}: {type(exc).__name__}: {str(exc)[:100]}")
        for name, value in expected.items():
            total[name] += 1
            if name in got and normalise(got[name]) == normalise(value):
                right[name] += 1
    return right, total, failures


def fixture_expectations() -> dict[Path, dict[str, Any]]:
    data = json.loads(EXPECTED_FIXTURES.read_text(encoding="utf-8"))
    return {FIXTURES / name: values for name, values in data.items()}


def corpus_expectations() -> dict[Path, dict[str, Any]]:
    """../shared/corpus: publisher pages (test_publisher_corpus's values) and the IDEAS Markdown page."""
    if not SHARED.is_dir():
        return {}
    sys.path.insert(0, str(ROOT))
    from tests.test_publisher_corpus import EXPECTED

    pages: dict[Path, dict[str, Any]] = {}
    for name, e in EXPECTED.items():
        values = {"kind": e.kind, "title": e.title, "authors": e.authors, "doi": e.doi, "container": e.container,
                  "volume": e.volume, "issue": e.issue, "pages": e.pages, "date": e.date}  # fmt: skip
        if name in PUBLISHER_REFERENCES:
            values["references_stated"] = PUBLISHER_REFERENCES[name]
        pages[SHARED / "corpus" / "publisher-html" / name] = values
    for name, values in IDEAS_MARKDOWN.items():
        pages[SHARED / "corpus" / "ideas" / name] = values
    return pages


def held_out_expectations(folder: Path) -> dict[Path, dict[str, Any]]:
    data = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    return {folder / name: values for name, values in data.items()}


def report(name: str, right: Counter[str], total: Counter[str], failures: list[str]) -> str:
    lines = [f"## {name}: {sum(right.values())}/{sum(total.values())} fields right ({100 * sum(right.values()) / max(1, sum(total.values())):.1f}%)"]
    lines += [f"  {field:<18} {right[field]:>4}/{total[field]:<4} {100 * right[field] / total[field]:5.1f}%" for field in sorted(total)]
    lines += [f"  not read: {f}" for f in failures]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tree", type=Path, default=ROOT, help="checkout whose rdfbib is measured (default: this one)")
    parser.add_argument("--held-out", type=Path, help="folder of held-out pages with expected.json")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument("--write-fixtures", action="store_true", help="rewrite bench/expected/fixtures.json from this tree's output")
    args = parser.parse_args()
    rdfbib, mapper = load_tree(args.tree)
    if args.write_fixtures:
        pages = sorted(p for p in FIXTURES.glob("*/*") if p.suffix in PAGE_SUFFIXES and p.name != "README.md" and p.parent.name != "bad")
        data = {str(p.relative_to(FIXTURES)): fields(rdfbib.extract(p), mapper) for p in pages}
        EXPECTED_FIXTURES.parent.mkdir(parents=True, exist_ok=True)
        EXPECTED_FIXTURES.write_text(json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
        return
    sets = {"tests/fixtures": fixture_expectations(), "../shared/corpus": corpus_expectations()}
    if args.held_out:
        sets["held-out"] = held_out_expectations(args.held_out)
    results = {name: score(rdfbib, mapper, pages) for name, pages in sets.items() if pages}
    if args.json:
        print(json.dumps({name: {"right": sum(r.values()), "total": sum(t.values()), "fields": {f: [r[f], t[f]] for f in t}} for name, (r, t, _) in results.items()}, indent=1))
        return
    print(f"rdfbib from {args.tree}")
    for name, (right, total, failures) in results.items():
        print(report(name, right, total, failures))


if __name__ == "__main__":
    main()
