"""The code we want to live in: ruff (with import sorting) and mypy clean."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff is installed by .ci/setup")
def test_ruff_clean() -> None:
    proc = subprocess.run(["ruff", "check", "--no-cache", "site_gen", "tests", "build.py"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_clean(tmp_path: Path) -> None:
    """Its cache in a temporary folder: a test run writes nothing into the checkout."""
    proc = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path),
                           "site_gen"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_modules_stay_small() -> None:
    sizes = {p.name: len(p.read_text().splitlines()) for p in (ROOT / "site_gen").glob("*.py")}
    assert {name: n for name, n in sizes.items() if n > 400} == {}
