"""``rdfbib readers``: what each reader reads, in detection order."""

from __future__ import annotations

import click


@click.command("readers")
def readers() -> None:
    """List the page readers, highest detection priority first."""
    from ..readers import all_readers

    for reader in all_readers():
        click.echo(f"{reader.name:<18} {reader.description}")
