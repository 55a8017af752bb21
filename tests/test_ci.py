"""`.ci/run`, the CI entry point: what it promises that a test run cannot see for itself."""

from __future__ import annotations

import os
import re
import subprocess

from .conftest import ROOT

SCRIPT = ROOT / ".ci" / "run"


def test_ci_sets_ci_so_the_fuzz_tests_are_derandomised() -> None:
    """tests/test_fuzz.py derandomises its examples when CI is set; local runs (no CI) stay random."""
    from . import test_fuzz

    assert re.search(r"^export CI=1$", SCRIPT.read_text(encoding="utf-8"), re.MULTILINE)
    assert test_fuzz.budget("pages").derandomize is bool(os.environ.get("CI"))


def test_ci_installs_python3_venv_when_venv_creation_fails() -> None:
    """A fresh Debian python3 has no ensurepip: `python3 -m venv` fails until python3-venv is installed."""
    script = SCRIPT.read_text(encoding="utf-8")
    fallback = re.search(r"if ! python3 -m venv \.venv.*?\nfi\n", script, re.DOTALL)
    assert fallback, "the venv step has no fallback"
    assert "apt-get install" in fallback.group(0) and "python3-venv" in fallback.group(0)
    assert "rm -rf .venv" in fallback.group(0)  # the half-made venv is removed before the second try


def test_ci_script_is_valid_bash() -> None:
    subprocess.run(["bash", "-n", str(SCRIPT)], check=True)
