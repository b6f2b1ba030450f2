"""Build progress: a bar on a terminal, plain lines otherwise; the CLI reports what it did."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from site_gen.engine.progress import Progress

from .conftest import ROOT


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_plain_lines_when_not_a_terminal() -> None:
    stream = io.StringIO()
    p = Progress(stream, min_total=10)
    for done in range(0, 101, 10):
        p.update(done, 100)
    lines = stream.getvalue().splitlines()
    assert lines[-1].startswith("rendered 100/100 files")
    assert "\r" not in stream.getvalue()
    assert 3 <= len(lines) <= 5  # about one line per quarter, not one per update


def test_bar_on_a_terminal() -> None:
    stream = FakeTerminal()
    p = Progress(stream, min_total=10)
    p.update(50, 100)
    assert "\rrendering [###############---------------] 50/100" in stream.getvalue()


def test_small_builds_stay_quiet() -> None:
    stream = io.StringIO()
    Progress(stream, min_total=500).update(10, 278)
    assert stream.getvalue() == ""


def test_cli_build_reports_written_unchanged_and_time(make_site, tmp_path: Path) -> None:
    content = make_site()
    cmd = [sys.executable, str(ROOT / "build.py"), "build", "--content", str(content),
           "--out", str(tmp_path / "out")]
    first = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    assert "loaded 1 season, 32 skaters" in first.stderr
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0
    summary = again.stdout.strip().splitlines()[-1]
    assert " 0 written, " in summary and " unchanged" in summary and summary.endswith(" s")
