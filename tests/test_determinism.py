"""Determinism: the same input gives byte-identical output folders.

Across output folders, hash seeds, content locations, worker counts and incremental rebuilds.
No build timestamps: today's date appears nowhere in the output.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from site_gen.engine.build import build_site

from .conftest import CONTENT, ROOT

STATE = ".site-gen"


def tree(root: Path, skip: tuple[str, ...] = ()) -> dict[str, bytes]:
    """Every file under root (relative path → bytes), minus top-level folders in ``skip``."""
    out = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_file() and rel.split("/", 1)[0] not in skip:
            out[rel] = path.read_bytes()
    return out


def assert_same(a: dict[str, bytes], b: dict[str, bytes]) -> None:
    assert sorted(a) == sorted(b), set(a) ^ set(b)
    differ = [rel for rel in a if a[rel] != b[rel]]
    assert not differ, f"{len(differ)} files differ, e.g. {differ[:5]}"


def cli_build(content: Path, out: Path, seed: str, *extra: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content",
                           str(content), "--out", str(out), *extra],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory, real_content: Path) -> Path:
    out = tmp_path_factory.mktemp("ref") / "public"
    cli_build(real_content, out, "1", "--jobs", "1")
    return out


def test_two_builds_with_different_hash_seeds_are_identical(reference: Path, real_content: Path,
                                                            tmp_path: Path) -> None:
    """Set and dict order may not leak into pages: another process, seed and folder."""
    other = tmp_path / "elsewhere" / "site"
    cli_build(real_content, other, "2", "--jobs", "1")
    assert_same(tree(reference), tree(other))  # the state folder too


def test_content_elsewhere_gives_the_same_site(reference: Path, real_content: Path,
                                               tmp_path: Path) -> None:
    """In-process builds: the whole output folder, search index (api/search.json) and build
    state included, is byte-identical to the reference; from a copy of the content elsewhere,
    every published file is (the build state records where its inputs were)."""
    content = shutil.copytree(CONTENT, tmp_path / "copy" / "content")
    a, b = tmp_path / "a", tmp_path / "b"
    build_site(real_content, b, jobs=1)
    assert (b / "api/search.json").is_file()
    assert_same(tree(reference), tree(b))
    build_site(content, a, jobs=1)
    assert_same(tree(reference, (STATE,)), tree(a, (STATE,)))


def test_no_build_timestamp(reference: Path) -> None:
    today = dt.date.today()
    stamps = [today.isoformat(), today.strftime("%d %b %Y"), today.strftime("%Y%m%d"),
              f"{today.day} {today.strftime('%B %Y')}"]
    for rel, data in tree(reference).items():
        text = data.decode("utf-8", "replace")
        assert not [s for s in stamps if s in text], rel


def test_incremental_rebuilds_equal_a_fresh_build(reference: Path, real_content: Path,
                                                  tmp_path: Path) -> None:
    """A → B → A in one output folder ends byte-identical to a fresh build of A."""
    other = shutil.copytree(CONTENT, tmp_path / "b")
    (other / "pages/about.md").write_text("# About\n\nAnother text.\n", encoding="utf-8")
    (other / "seasons/2003-04/bormio.yaml").unlink()
    out = shutil.copytree(reference, tmp_path / "out")  # as if built from A just now
    build_site(other, out, jobs=1, allow_removal=True)
    assert not (out / "seasons/2003-04/bormio").exists()
    build_site(real_content, out, jobs=1)
    assert_same(tree(reference), tree(out))


def test_parallel_build_equals_serial_build(reference: Path, real_content: Path,
                                            tmp_path: Path) -> None:
    """jobs=2 takes the multiprocessing path (200 pages or more) and writes the same bytes.
    (The real content has enough pages; a synth season has thousands, too slow for CI.)"""
    out = tmp_path / "parallel"
    report = build_site(real_content, out, jobs=2)
    assert report.pages >= 200
    assert_same(tree(reference), tree(out))
