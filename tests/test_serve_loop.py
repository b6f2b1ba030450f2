"""The maintainer's edit loop under ``serve``: editor habits, out-of-band fixes, bad arguments."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from site_gen.watch import Watcher

from .serve_helpers import CHANGE_TIMEOUT, ROOT, save, wait_for


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


def test_vims_write_probe_file_is_not_a_change(tmp_path: Path) -> None:
    """vim creates and deletes ``4913`` before each save: no rebuild, no reload for it."""
    batches: list[list[Path]] = []
    watcher = Watcher([tmp_path], batches.append)
    watcher.start()
    try:
        assert watcher.ready.wait(timeout=30)
        probe = tmp_path / "4913"
        probe.write_text("", encoding="utf-8")
        save(tmp_path / "calgary.yaml", "city: Calgary\n")
        wait_for(lambda: batches, CHANGE_TIMEOUT, "the save to be seen")
        probe.unlink()
        save(tmp_path / "beijing.yaml", "city: Beijing\n")
        wait_for(lambda: any(p.name == "beijing.yaml" for b in batches for p in b),
                 CHANGE_TIMEOUT, "the second save to be seen")
    finally:
        watcher.stop()
        watcher.join(timeout=10)
    assert sorted(p.name for b in batches for p in b) == ["beijing.yaml", "calgary.yaml"]
