"""``rdfbib cache info|clear``: the on-disk HTTP cache that fetching and crawling share."""

from __future__ import annotations

import click


@click.group("cache")
def cache() -> None:
    """Show or empty the HTTP cache (in $RDFBIB_CACHE_DIR, else the user cache folder: ~/.cache/rdfbib or $XDG_CACHE_HOME/rdfbib on Linux)."""


@cache.command("info")
def info() -> None:
    """Where the cache is, how many responses it holds and its size on disk."""
    from ..fetch import cache_path

    path = cache_path()
    click.echo(f"location: {path}")
    files = [p for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")) if p.exists()]
    if not files:
        click.echo("responses: 0 (no cache yet)")
        return
    import sqlite3

    from requests_cache import SQLiteCache

    from ..errors import SourceError

    try:
        backend = SQLiteCache(str(path))
        try:
            click.echo(f"responses: {len(backend.responses)}")
        finally:
            backend.close()
    except sqlite3.Error as exc:
        raise SourceError(f"not an HTTP cache rdfbib can read: {exc} (`rdfbib cache clear` removes it)", source=str(path)) from None
    size = sum(p.stat().st_size for p in files)
    click.echo(f"size: {size / 1e6:.1f} MB")


@cache.command("clear")
def clear() -> None:
    """Delete every cached response (the next fetch of each page goes to its site again)."""
    from ..fetch import cache_path

    path = cache_path()
    removed = 0
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if file.exists():
            file.unlink()
            removed += 1
    click.echo(f"rdfbib: cache cleared ({path})" if removed else f"rdfbib: no cache at {path}", err=True)
