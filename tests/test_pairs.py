"""Issue 11, "text and HTML agree": the same item saved as IDEAS text, IDEAS HTML and Markdown (and as
EconPapers text and Markdown) gives the same record. Fixture pairs share a file name across reader
folders; what only links carry (RePEc keys of entries, author profile ids, EDIRC codes) is compared
only between forms that have links."""

from __future__ import annotations

from dataclasses import asdict, replace
from pathlib import Path

import pytest

import rdfbib
from rdfbib.model import Work

from .conftest import FIXTURES

FORMS = {"ideas": ("ideas-text", "ideas-html", "repec-markdown"), "econpapers": ("econpapers-text", "repec-markdown")}
LINKED = {"ideas-html", "repec-markdown"}


def pairs() -> list[tuple[str, str, str]]:
    """(family, reader folder A, file A, ...) for every stem saved in two forms of one site."""
    found = []
    for family, folders in FORMS.items():
        stems: dict[str, list[Path]] = {}
        for folder in folders:
            for path in sorted((FIXTURES / folder).glob("pair-*")):
                if (family == "econpapers") == path.stem.startswith("pair-econpapers"):
                    stems.setdefault(path.stem, []).append(path)
        for paths in stems.values():
            found.extend((str(a.relative_to(FIXTURES)), str(b.relative_to(FIXTURES))) for a in paths for b in paths if str(a) < str(b))
    return sorted(found)


def without_links(work: Work) -> dict:
    """The record as a text print shows it: no profile ids, EDIRC codes, nor keys from entries' links."""
    data = asdict(work)
    for author in data["authors"]:
        author["repec_id"] = None
        for affiliation in author["affiliations"]:
            affiliation["edirc"] = None
    for name in ("references", "cited_by", "versions"):
        for entry in data[name]:
            entry.update(repec_key=None, url=None)
            if entry["container"]:
                entry["container"]["handle"] = None
    return data


def test_there_are_pairs_of_every_form() -> None:
    covered = {p.split("/")[0] for pair in pairs() for p in pair}
    assert covered == {"ideas-text", "ideas-html", "repec-markdown", "econpapers-text"}


@pytest.mark.parametrize(("first", "second"), pairs(), ids=lambda p: p)
def test_the_same_item_gives_the_same_record(first: str, second: str) -> None:
    a, b = rdfbib.extract(FIXTURES / first), rdfbib.extract(FIXTURES / second)
    assert a.warnings == b.warnings == []
    if {first.split("/")[0], second.split("/")[0]} <= LINKED:
        assert a.work == b.work
    else:
        assert without_links(a.work) == without_links(b.work)


@pytest.mark.parametrize("name", ["ideas-text/pair-article.txt", "ideas-html/pair-article.html", "repec-markdown/pair-article.md"])
def test_shared_rules_registered_users_only_and_lead_contact(name: str) -> None:
    """One set of rules: "Registered users only" is a restriction, "Lead contact" a note about the author."""
    work = rdfbib.extract(FIXTURES / name).work
    assert [(f.restriction, f.restricted) for f in work.files] == [("Registered users only", True)]
    assert work.authors[0].notes == ["Lead contact"]
    assert [a.name for a in work.authors[0].affiliations] == ["Department of Economics, Quayside University"]
    assert [(a.name, a.role) for a in work.authors[1].affiliations] == [
        ("Eastmere Maritime Society", None), ("Harbour Board of Eastmere", "Present address"),
    ]


def test_links_give_what_the_print_lacks() -> None:
    """The Markdown form carries the HTML form's profile ids, EDIRC codes and entry keys."""
    work = rdfbib.extract(FIXTURES / "repec-markdown" / "pair-article.md").work
    assert work.authors[0].repec_id == "pma512" and work.authors[0].affiliations[0].edirc == "dequay"
    assert [(r.repec_key, r.container.handle) for r in work.references] == [
        ("qqq/seajnl/v12y2015i2p45-67", "qqq/seajnl"), ("qqq/wpaper/18-07", "qqq/wpaper"),
    ]
    assert replace(work.cited_by[0], citation=None).repec_key == "qqq/hbrfin/v16y2023i1p1-19"
