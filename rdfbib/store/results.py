"""Query answers: what a store returns, and how ``rdfbib query`` writes it.

SELECT and ASK answers keep the SPARQL results document they came as (the server's, or the embedded
store's own); pyoxigraph reads it (``parse_query_results``) and writes the standard CSV, TSV, JSON and
XML results from it (``serialize``). Only the table, for people, is written here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from ..errors import FormatError

#: A term in a query answer.
Answer = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
#: How ``rdfbib query`` writes answers: a table, or a SPARQL results format.
RESULT_FORMATS = {
    "table": None,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
}


@dataclass(slots=True)
class QueryResult:
    """A query's answer: rows of terms (SELECT), a boolean (ASK) or triples (CONSTRUCT/DESCRIBE).

    ``document`` and ``format``: the SPARQL results document a SELECT or ASK answer was read from.
    """

    kind: str  # "select", "ask" or "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[list[Answer | None]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)
    document: bytes = b""
    format: ox.QueryResultsFormat = ox.QueryResultsFormat.JSON

    @classmethod
    def read(cls, document: bytes, fmt: ox.QueryResultsFormat = ox.QueryResultsFormat.JSON) -> QueryResult:
        """A SELECT or ASK answer from its SPARQL results document.

        :raises SyntaxError: not valid in ``fmt``.
        """
        answer = ox.parse_query_results(document, fmt)
        if isinstance(answer, ox.QueryBoolean):
            return cls("ask", boolean=bool(answer), document=document, format=fmt)
        variables = [v.value for v in answer.variables]
        return cls("select", variables, [[solution[v] for v in variables] for solution in answer], document=document, format=fmt)


def write_result(result: QueryResult, fmt: str = "table") -> str:
    """A query answer as text: SELECT/ASK as a table or SPARQL CSV, TSV, JSON or XML results;
    CONSTRUCT/DESCRIBE as N-Triples whatever ``fmt`` says.

    :raises FormatError: an unknown ``fmt``.
    """
    if fmt not in RESULT_FORMATS:
        raise FormatError(f"unknown result format {fmt!r}; formats are: {', '.join(RESULT_FORMATS)}")
    if result.kind == "graph":
        return "".join(f"{t} .\n" for t in result.triples)
    target = RESULT_FORMATS[fmt]
    if target is None:
        return ("true" if result.boolean else "false") + "\n" if result.kind == "ask" else _table(result)
    text = ox.parse_query_results(result.document, result.format).serialize(format=target).decode("utf-8")
    return text if text.endswith("\n") else text + "\n"


def table_cell(term: Answer | None) -> str:
    """A term as the table shows it: its plain value, on one line."""
    return _plain(term).replace("\n", "\\n").replace("\t", "\\t")


def _plain(term: Answer | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return str(term)
    return term.value


def _table(result: QueryResult) -> str:
    cells = [[table_cell(t) for t in row] for row in result.rows]
    widths = table_widths(result.variables, cells)
    return table_head(result.variables, widths) + "".join(table_line(row, widths) for row in cells) + table_count(len(cells))


def table_widths(variables: list[str], cells: list[list[str]]) -> list[int]:
    """Each column as wide as its widest cell (or its name)."""
    return [max([len(v), *(len(row[i]) for row in cells)]) for i, v in enumerate(variables)]


def table_head(variables: list[str], widths: list[int]) -> str:
    """The table's first two lines: the variable names, underlined."""
    return table_line(variables, widths) + "  ".join("-" * w for w in widths) + "\n"


def table_line(cells: list[str], widths: list[int]) -> str:
    return "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip() + "\n"


def table_count(rows: int) -> str:
    """The table's last line."""
    return f"({rows} row{'s' if rows != 1 else ''})\n"
