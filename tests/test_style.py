"""The code we want to live in: ruff (with import sorting) and mypy clean."""

from __future__ import annotations

import ast
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


@pytest.mark.slow
def test_mypy_clean(tmp_path: Path) -> None:
    """Its cache in a temporary folder: a test run writes nothing into the checkout."""
    proc = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path),
                           "site_gen"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _modules() -> dict[str, Path]:
    """Dotted name → file of every module of the package."""
    found = {}
    for path in (ROOT / "site_gen").rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _is_type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _imported(tree: ast.Module, modules: dict[str, Path]) -> set[str]:
    """The package's modules a module imports, at load time or inside a function (a deferred
    import is still a dependency), not those under TYPE_CHECKING (annotations only)."""
    names: set[str] = set()
    skip = {id(n) for t in ast.walk(tree) if _is_type_checking(t) for n in ast.walk(t)}
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return {n for n in names if n in modules}


def test_the_package_is_split_by_stage() -> None:
    """site_gen/ shows the pipeline: its stages are subpackages, few modules stay on top."""
    top = sorted(p.name for p in (ROOT / "site_gen").glob("*.py"))
    stages = sorted(p.parent.name for p in (ROOT / "site_gen").glob("*/__init__.py"))
    assert len(top) <= 10, top
    assert {"load", "model", "check", "importer", "render", "engine", "serve"} <= set(stages)


def test_no_import_cycles() -> None:
    modules = _modules()
    graph = {name: _imported(ast.parse(path.read_text()), modules) - {name}
             for name, path in modules.items()}
    cycles = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for dep in sorted(graph[name]):
            if state.get(dep) == 1:
                cycles.append(path[path.index(dep):] + [dep])
            elif dep not in state:
                visit(dep, [*path, dep])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    # a package's __init__ importing its own modules is not a cycle of concepts
    real = [c for c in cycles if not all(m.startswith(c[0] + ".") for m in c[1:-1])]
    assert not real, "import cycles:\n" + "\n".join(" → ".join(c) for c in real)
