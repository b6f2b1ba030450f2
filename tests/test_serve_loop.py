"""The maintainer's edit loop under ``serve``: editor habits, out-of-band fixes, bad arguments."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from .serve_helpers import ROOT


@pytest.mark.parametrize("port", ["70000", "-1"])
def test_port_out_of_range_is_one_line_and_exit_2(make_site: Callable[..., Path],
                                                   port: str) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "serve", "--content", str(make_site()),
         "--port", port],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert f"--port {port}" in done.stderr and "65535" in done.stderr
