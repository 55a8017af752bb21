"""What the reader tests expect of a fixture: its work, and its related works as summary tuples."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from rdfbib.model import Record, Work


@dataclass
class Expected:
    """A fixture's work without its related works, which are compared as :func:`summary` tuples."""

    warnings: list[str]
    work: Work
    references: list[tuple] = field(default_factory=list)
    cited_by: list[tuple] = field(default_factory=list)
    versions: list[tuple] = field(default_factory=list)


def summary(work: Work) -> tuple:
    """Every field a cited, citing or other-version work gets from its entry (and its links, on HTML pages)."""
    c = work.container
    return (
        work.kind,
        work.title,
        [a.name for a in work.authors],
        work.date.iso() if work.date else None,
        (c.kind, c.name, c.publisher, c.handle, [e.name for e in c.editors]) if c else None,
        work.volume,
        work.issue,
        work.pages.raw if work.pages else None,
        work.number,
        work.repec_key,
        work.url,
        [summary(v) for v in work.versions],
    )


def assert_matches(record: Record, expected: Expected, *, reader: str, source: str) -> None:
    """The record is the fixture's expected one: reader, source, warnings, work, and related works by summary."""
    assert (record.reader, record.source) == (reader, source)
    assert record.warnings == expected.warnings
    assert replace(record.work, references=[], cited_by=[], versions=[]) == expected.work
    assert [summary(w) for w in record.work.references] == expected.references
    assert [summary(w) for w in record.work.cited_by] == expected.cited_by
    assert [summary(w) for w in record.work.versions] == expected.versions
