"""Processes seen through Linux's /proc (no psutil): which children a process has, whether they still run,
and a wait for something to become so, for the tests that kill rdfbib and check that nothing outlives it."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

#: How often :func:`wait_until` looks, and how many times before it gives up (60 s: it bounds a hang only).
PAUSE = 0.05
TRIES = 1200


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (not gone, not a zombie waiting to be reaped)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except (OSError, IndexError):
        return False


def children(pid: int) -> set[int]:
    """The running children of any thread of ``pid``."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found |= {int(p) for p in (task / "children").read_text().split()}
        except FileNotFoundError:
            continue  # the thread ended meanwhile
    return set(filter(alive, found))


def started(pid: int) -> set[int]:
    """The children of ``pid`` that multiprocessing started, spawned or forked (query processes; not its resource tracker)."""
    found = set()
    for child in children(pid):
        try:
            if b"resource_tracker" not in Path(f"/proc/{child}/cmdline").read_bytes():
                found.add(child)
        except OSError:
            continue  # gone meanwhile
    return found


def wait_until(check: Callable[[], bool], what: str) -> None:
    """Look until ``check`` holds; fail the test, saying ``what`` never came, after :data:`TRIES` looks."""
    for _ in range(TRIES):
        if check():
            return
        time.sleep(PAUSE)
    pytest.fail(f"still not {what} after {TRIES * PAUSE:g} s")
