"""Installed like a real tool: `pip install .` into a fresh virtual environment gives a `site-gen`
that builds, in any folder holding `content/`, the same site as the checkout; a project's own
`templates/` and `static/` override the defaults file by file."""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from site_gen.render.assets import static_bytes

from .conftest import CONTENT, ROOT

# what a source distribution of the project holds (no tests, no content)
PROJECT_FILES = ("pyproject.toml", "README.md", "build.py", "site_gen", "templates", "static")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv with the project installed from a copy of its sources (pip writes build files
    beside the sources it installs: never into the checkout). The venv sees this machine's
    packages, so nothing is downloaded; the wheel itself is built here."""
    base = tmp_path_factory.mktemp("install")
    src = base / "src"
    src.mkdir()
    for name in PROJECT_FILES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(path, src / name)
    venv = base / "venv"
    # this process's pip installs into it (--python: pip 22.3 on, as Python 3.11 ships it); a
    # pip of its own would take longer to set up than the install
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip",
                    str(venv)], check=True)
    subprocess.run([sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install",
                    "-q", "--disable-pip-version-check", "--no-deps", "--no-build-isolation",
                    "--no-index", str(src)], check=True, capture_output=True)
    shutil.rmtree(src)  # the installed tool must not need its sources
    return venv / "bin" / "site-gen"


def project(tmp_path: Path) -> Path:
    folder = tmp_path / "project"
    shutil.copytree(CONTENT, folder / "content")
    return folder


def venv_env() -> dict[str, str]:
    """This environment without PYTHONPATH, which could put the checkout before the venv."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}


def site_gen(tool: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(tool), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, env=venv_env())


def differences(a: Path, b: Path) -> list[str]:
    """Files that differ or exist on one side only, the build's own state folder aside."""
    found = []
    cmp = filecmp.dircmp(a, b, ignore=[".site-gen"])
    todo = [("", cmp)]
    while todo:
        prefix, c = todo.pop()
        found += [prefix + n for n in c.left_only + c.right_only]
        found += [prefix + n for n in filecmp.cmpfiles(c.left, c.right, c.common_files,
                                                      shallow=False)[1]]
        todo += [(f"{prefix}{n}/", sub) for n, sub in c.subdirs.items()]
    return sorted(found)


def test_the_installed_tool_runs_from_the_venv_not_the_checkout(installed: Path,
                                                                tmp_path: Path) -> None:
    where = subprocess.run([installed.parent / "python", "-c",
                            "import site_gen.render.theme as t; "
                            "print(t.TEMPLATES); print(t.STATIC)"],
                           cwd=tmp_path, capture_output=True, text=True, check=True,
                           env=venv_env())
    templates, static = (Path(line) for line in where.stdout.split())
    venv = installed.parent.parent
    assert templates.is_relative_to(venv) and (templates / "base.html").is_file()
    assert static.is_relative_to(venv) and (static / "site.css").is_file()


def test_pip_install_builds_the_same_site_as_the_checkout(installed: Path,
                                                          tmp_path: Path) -> None:
    folder = project(tmp_path)
    done = site_gen(installed, folder, "build")
    assert done.returncode == 0, done.stderr
    assert (folder / "public" / "index.html").is_file()
    assert site_gen(installed, folder, "check").returncode == 0
    reference = project(tmp_path / "ref")
    ref = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content",
                          str(reference / "content"), "--out", str(reference / "public")],
                         capture_output=True, text=True, timeout=300)
    assert ref.returncode == 0, ref.stderr
    assert differences(folder / "public", reference / "public") == []


def test_a_projects_own_files_override_the_defaults_one_by_one(installed: Path,
                                                               tmp_path: Path) -> None:
    folder = project(tmp_path)
    (folder / "templates").mkdir()
    (folder / "templates" / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
    (folder / "static").mkdir()
    (folder / "static" / "site.js").write_text("/* our own script */\n")
    (folder / "static" / "logo.txt").write_text("a file the defaults do not have\n")
    done = site_gen(installed, folder, "build")
    assert done.returncode == 0, done.stderr
    out = folder / "public"
    assert (out / "robots.txt").read_text() == "User-agent: *\nDisallow: /private/\n"
    assert (out / "static" / "site.js").read_text() == "/* our own script */\n"
    assert (out / "static" / "logo.txt").is_file()
    # everything not overridden comes from the defaults
    assert "Ahn Hyun-soo" in (out / "skaters" / "ahn-hyun-soo" / "index.html").read_text()
    assert (out / "static" / "search.js").read_bytes() == static_bytes(ROOT / "static" /
                                                                       "search.js")
    # an override edited later is picked up by the next build
    (folder / "templates" / "robots.txt").write_text("User-agent: *\nDisallow:\n")
    assert site_gen(installed, folder, "build").returncode == 0
    assert (out / "robots.txt").read_text() == "User-agent: *\nDisallow:\n"
