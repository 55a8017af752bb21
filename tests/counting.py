"""Counting work instead of timing it: a test of linear behaviour that no load on the machine can fail.

:func:`operations` counts the function calls (Python functions and the C functions they call: regex
searches, string methods, list operations) made while a function runs. Ten times the input must cost
about ten times the calls, never a hundred. Time itself is measured in bench/ (``python bench/linear.py``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any


def _profiled(function: Callable[..., Any], args: tuple[Any, ...], counts: Callable[[Any, str, Any], bool]) -> int:
    """How many profiler events ``counts(frame, event, arg)`` accepts while ``function(*args)`` runs (``arg``:
    the C function called, for a ``c_call``)."""
    count = 0

    def profile(frame: Any, event: str, arg: object) -> None:
        nonlocal count
        if counts(frame, event, arg):
            count += 1

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        function(*args)
    finally:
        sys.setprofile(previous)
    return count


def operations(function: Callable[..., Any], *args: Any) -> int:
    """How many function calls ``function(*args)`` makes, itself and everything below it."""
    return _profiled(function, args, lambda frame, event, arg: event in ("call", "c_call"))


def calls_to(name: str, function: Callable[..., Any], *args: Any, caller: str = "") -> int:
    """How many times ``function(*args)`` calls a Python function called ``name`` (at any depth), from
    code in a file whose path ends with ``caller`` when given."""
    return _profiled(
        function, args, lambda frame, event, arg: event == "call" and frame.f_code.co_name == name and frame.f_back.f_code.co_filename.endswith(caller)
    )


def c_calls_to(names: set[str], owner: type, function: Callable[..., Any], *args: Any) -> int:
    """How many times ``function(*args)`` calls a C method of ``owner`` (e.g. pyoxigraph's Store) named in ``names``."""
    return _profiled(function, args, lambda frame, event, arg: event == "c_call" and getattr(arg, "__name__", "") in names and isinstance(getattr(arg, "__self__", None), owner))


def grows_linearly(function: Callable[..., Any], small: Any, large: Any, factor: int, *, slack: float = 1.5) -> tuple[int, int]:
    """Operations of ``function`` on ``small`` and on ``large`` (``factor`` times bigger); asserts the
    large one costs at most ``slack * factor`` times the small one (quadratic work costs ``factor**2``)."""
    few, many = operations(function, small), operations(function, large)
    assert many <= slack * factor * few, (few, many)
    return few, many
