"""``rdfbib link``: join works known only by their citation strings to their own records in a store."""

from __future__ import annotations

import click

from ._options import base_option, connection_options, open_from_options


@click.command("link")
@connection_options
@base_option("Base IRI the store's records were loaded with [default: urn:rdfbib:; env RDFBIB_BASE].")
def link(location: str | None, endpoint: str | None, user: str | None, password: str | None, token: str | None, timeout: float, retries: int, base: str) -> None:
    """Link each cited or citing work known only by its citation string to the work's own records.

    A work matches a record on DOI or RePEc handle when both have one (another DOI or handle means
    another work), else on its first author's family name, year and title, compared without case,
    accents or punctuation. Each match is stated as `WORK schema:sameAs RECORD-WORK` in the graph
    BASE + "links", which every run replaces whole: running it again changes nothing, and a link to a
    record that was dropped goes. `rdfbib load` runs this step at the end (skip with --no-link).
    Servers get the graph by the Graph Store Protocol at the URL `rdfbib load` derives by default.
    """
    from ..link import link as run

    if not endpoint:
        open_from_options(location, None, read_only=True).close()  # no store there: say so, and make none
    with open_from_options(location, endpoint, user=user, password=password, token=token, timeout=timeout, retries=retries) as store:
        report = run(store, base)
        click.echo(f"rdfbib: {report.summary()} ({store.name})", err=True)
