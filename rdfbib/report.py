"""The batch report: one JSON line per record or failure, so 100,000 converted pages can be audited with ``jq``.

Each line is ``{"source", "status", "reader", "triples", "warnings", "info", "error", "error_type"}``:

- ``status``: ``"ok"`` (converted in full), ``"partial"`` (converted, with warnings about fields that
  could not be read) or ``"failed"`` (nothing converted; ``error`` says why);
- ``warnings``: what could not be read; ``info``: notes that are no fault of the page's reading (a
  second, different date the page also gives), which leave a record ``ok``;
- ``reader``: the reader that read the page (on failure, the one that matched, when one did);
- ``triples``: distinct triples in the record's graph (0 on failure);
- ``error_type``: the :mod:`rdfbib.errors` class name (``SourceError``, ``DecodeError``, ...).

>>> import io
>>> from rdfbib.pipeline import convert_batch
>>> out = io.StringIO()
>>> with ReportWriter(out) as report:
...     for result in convert_batch(["examples/seed-ideas-nature17038.txt", "missing.html"]):
...         _ = report.write(result)
>>> report.counts
{'ok': 1, 'partial': 0, 'failed': 1}
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .model import INFO

if TYPE_CHECKING:
    from typing_extensions import Self

    from .mapping import Mapper
    from .pipeline import Result

STATUSES = ("ok", "partial", "failed")


def entry(result: Result, *, mapper: Mapper | None = None) -> dict[str, Any]:
    """The report line of one :class:`~rdfbib.pipeline.Result` as a dict.

    ``triples`` is the count a rendered result carries (:mod:`rdfbib.batch`); for a result that was
    not rendered, it is counted by mapping the record with ``mapper`` (default base when ``None``).
    """
    error = result.error
    if error is not None:
        return {
            "source": result.source,
            "status": "failed",
            "reader": result.reader,
            "triples": 0,
            "warnings": [],
            "info": [],
            "error": error.message,
            "error_type": type(error).__name__,
        }
    rendered = result.graph is not None or result.record is None
    warnings = [m for m in result.warnings if not m.startswith(INFO)]
    return {
        "source": result.source,
        "status": "partial" if warnings else "ok",
        "reader": result.reader,
        "triples": result.triples if rendered else count_triples(result.record, mapper),
        "warnings": warnings,
        "info": [m[len(INFO) :] for m in result.warnings if m.startswith(INFO)],
        "error": None,
        "error_type": None,
    }


def count_triples(record: Any, mapper: Mapper | None = None) -> int:
    """Distinct triples the record's graph holds."""
    from .mapping import Mapper

    return len(set((mapper or Mapper()).triples(record)))


class ReportWriter:
    """Writes one JSON line per result to a text stream (or a file it opens) and counts the statuses.

    The CLI calls :meth:`write` for each result of :func:`rdfbib.batch.run` (or of
    :func:`~rdfbib.pipeline.convert_batch`), in order, as it goes: a report is complete up to the
    last source even if the batch is interrupted.
    """

    def __init__(self, stream: IO[str], *, mapper: Mapper | None = None, close: bool = False) -> None:
        self.stream = stream
        self.mapper = mapper
        self.counts = dict.fromkeys(STATUSES, 0)
        self._close = close

    @classmethod
    def open(cls, path: str | Path, *, mapper: Mapper | None = None) -> ReportWriter:
        """A writer to a new file at ``path`` (UTF-8, replaced if present), closed by :meth:`close`."""
        return cls(open(path, "w", encoding="utf-8", newline="\n"), mapper=mapper, close=True)

    def write(self, result: Result) -> dict[str, Any]:
        """Write and return the line for ``result``."""
        line = entry(result, mapper=self.mapper)
        self.counts[line["status"]] += 1
        self.stream.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
        self.stream.flush()
        return line

    @property
    def failed(self) -> int:
        return self.counts["failed"]

    def close(self) -> None:
        if self._close:
            self.stream.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
