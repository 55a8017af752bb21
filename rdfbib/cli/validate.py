"""``rdfbib validate``: RDF files or a store against rdfbib's SHACL shapes."""

from __future__ import annotations

import sys

import click

from . import report_failure
from ._options import base_option, connection_options, open_from_options


@click.command("validate")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, allow_dash=False))
@connection_options
@base_option("Store: validate the named graphs under this base IRI [default: urn:rdfbib:; env RDFBIB_BASE].")
@click.option("-f", "--format", "report_format", type=click.Choice(["text", "json"]), default="text", show_default=True, help="text: a block per finding; json: one JSON object per file or store (JSON lines).")
@click.pass_context
def validate(
    ctx: click.Context,
    files: tuple[str, ...],
    location: str | None,
    endpoint: str | None,
    user: str | None,
    password: str | None,
    token: str | None,
    timeout: float,
    retries: int,
    base: str,
    report_format: str,
) -> None:
    """Check FILES (RDF in any format rdfbib writes: .ttl .jsonld .json .nt .nq .trig .rdf .xml, .gz allowed), or a store, against ontology/shapes.ttl.

    Without FILES the store is checked: --store DIR (default ./rdfbib-store) or --endpoint URL.
    Each finding names the node at fault (focus), the property (path), the offending value and
    what is wrong. Exit status 1 when there is a violation or a file cannot be read.
    """
    from ..validate import Report, validate_files, validate_store

    if files:
        explicit = [f"--{name}" for name in ("store", "endpoint") if ctx.get_parameter_source("location" if name == "store" else name) == click.core.ParameterSource.COMMANDLINE]
        if explicit:
            raise click.UsageError(f"give FILES or {' / '.join(explicit)}, not both")
        failed = False
        for item in validate_files(files):
            if isinstance(item, Report):
                _write(item, report_format)
                failed = failed or not item.conforms
            else:
                report_failure(item.source or "?", item.message)
                failed = True
        sys.exit(1 if failed else 0)

    with open_from_options(location, endpoint, read_only=True, user=user, password=password, token=token, timeout=timeout, retries=retries, base=base) as store:
        report = validate_store(store, base=base)
    _write(report, report_format)
    sys.exit(0 if report.conforms else 1)


def _write(report: object, report_format: str) -> None:
    sys.stdout.write(report.json_line() if report_format == "json" else report.text())  # type: ignore[attr-defined]
    sys.stdout.flush()
