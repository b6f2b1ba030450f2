"""SITE_GEN_TEMPLATE_CACHE: compiled templates shared by builds of different output folders, in
separate processes; used only when safe, never needed for the right output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT, write_files
from .test_determinism import assert_same, tree

VAR = "SITE_GEN_TEMPLATE_CACHE"


def cli_build(content: Path, out: Path, cache: Path | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != VAR}
    if cache is not None:
        env[VAR] = str(cache)
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content",
                           str(content), "--out", str(out), "--jobs", "1"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Each file's inode and modification time: a file written again changes both."""
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.iterdir()}


def test_a_second_process_loads_what_the_first_compiled(real_content: Path,
                                                        tmp_path: Path) -> None:
    cache = tmp_path / "templates"
    first = cli_build(real_content, tmp_path / "a" / "public", cache)
    assert "warning" not in first.stderr
    compiled = snapshot(cache)
    templates = [p for p in (ROOT / "templates").rglob("*") if p.is_file()]
    assert len(compiled) == len(templates)  # one file per template, no temporary file left
    assert oct(cache.stat().st_mode & 0o777) == "0o700"

    cli_build(real_content, tmp_path / "b" / "public", cache)
    assert snapshot(cache) == compiled  # loaded, not compiled and written again
    cli_build(real_content, tmp_path / "c" / "public", None)
    skip = (".site-gen",)
    a = tree(tmp_path / "a" / "public", skip)
    assert_same(a, tree(tmp_path / "b" / "public", skip))
    assert_same(a, tree(tmp_path / "c" / "public", skip))  # and the same as compiling


def test_an_edited_template_is_compiled_again(make_site, tmp_path: Path) -> None:
    """A theme override is a new source: its code is its own, the default's stays."""
    cache = tmp_path / "templates-code"
    content = make_site()
    cli_build(content, tmp_path / "one", cache)
    before = snapshot(cache)
    base = (ROOT / "templates" / "base.html").read_text(encoding="utf-8")
    assert "</footer>" in base
    write_files(tmp_path, {"templates/base.html": base.replace(
        "</footer>", "<p>compiled again</p></footer>", 1)})
    cli_build(content, tmp_path / "two", cache)
    after = snapshot(cache)
    assert set(before) < set(after) and len(after) == len(before) + 1
    assert all(after[name] == before[name] for name in before)
    assert "<p>compiled again</p>" in (tmp_path / "two" / "index.html").read_text("utf-8")
    assert "compiled again" not in (tmp_path / "one" / "index.html").read_text("utf-8")


def test_a_damaged_file_is_compiled_again_and_replaced(real_content: Path,
                                                       tmp_path: Path) -> None:
    cache = tmp_path / "templates"
    cli_build(real_content, tmp_path / "a", cache)
    damaged = sorted(cache.iterdir())
    for path in damaged:
        path.write_bytes(path.read_bytes()[:40])  # cut short inside its header or code
    cli_build(real_content, tmp_path / "b", cache)
    assert all(path.stat().st_size > 40 for path in damaged)
    assert_same(tree(tmp_path / "a", (".site-gen",)), tree(tmp_path / "b", (".site-gen",)))


def test_a_folder_others_can_write_is_not_used(real_content: Path, tmp_path: Path) -> None:
    """Loading compiled code runs it: a folder anyone may fill is refused, with a warning."""
    cache = tmp_path / "shared"
    cache.mkdir()
    cache.chmod(0o777)
    done = cli_build(real_content, tmp_path / "a", cache)
    assert f"warning: {VAR}={cache} is not used: others can write into it" in done.stderr
    assert list(cache.iterdir()) == []
    assert (tmp_path / "a" / "index.html").is_file()


def test_a_symlink_is_not_used(real_content: Path, tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    (tmp_path / "link").symlink_to(real)
    done = cli_build(real_content, tmp_path / "a", tmp_path / "link")
    assert "is not used: it is not a folder (a symlink or a file)" in done.stderr
    assert list(real.iterdir()) == []


def test_unset_writes_nothing_outside_the_output(real_content: Path, tmp_path: Path) -> None:
    """Without the variable a build keeps compiled templates in its own cache only: its home,
    cache and temporary folders stay empty."""
    home, temp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    temp.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in (VAR, "XDG_CACHE_HOME")}
    env.update(HOME=str(home), TMPDIR=str(temp))
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content",
                           str(real_content), "--out", str(tmp_path / "out" / "public")],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert list(home.iterdir()) == [] and list(temp.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "out", "tmp"]


def test_the_folder_keeps_the_newest_templates_only(make_site, tmp_path: Path,
                                                    monkeypatch) -> None:
    """Each edited template adds a file: past the limit the oldest half goes, and a build
    that needs one of them compiles it again."""
    from site_gen.engine.build import build_site
    from site_gen.render import code_cache

    cache = tmp_path / "templates-code"
    templates = len([p for p in (ROOT / "templates").rglob("*") if p.is_file()])
    monkeypatch.setenv(VAR, str(cache))
    monkeypatch.setattr(code_cache, "MAX_FILES", templates + 1)
    monkeypatch.setattr(code_cache.CodeCache, "_in_process", {})
    content = make_site()
    base = (ROOT / "templates" / "base.html").read_text(encoding="utf-8")
    sizes = []
    for n in range(4):  # the project's base.html edited before each build
        write_files(tmp_path, {"templates/base.html": base.replace(
            "</footer>", f"<p>edit {n}</p></footer>", 1)})
        build_site(content, tmp_path / f"out{n}", jobs=1)
        sizes.append(len(list(cache.iterdir())))
    # one more file a build; the third passes the limit: the oldest go, the newest stay
    assert sizes == [templates, templates + 1, (templates + 1) // 2, (templates + 1) // 2 + 1]
    monkeypatch.setattr(code_cache.CodeCache, "_in_process", {})  # as a new process
    build_site(content, tmp_path / "again", jobs=1)
    assert len(list(cache.iterdir())) > sizes[-1]  # what was removed, compiled again
    skip = (".site-gen",)
    assert_same(tree(tmp_path / "out3", skip), tree(tmp_path / "again", skip))
