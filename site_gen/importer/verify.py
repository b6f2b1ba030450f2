"""The content an import would write, loaded before it is written (docs/import.md).

The files are laid over a temporary copy of the content folder and read by the loader, as
``check`` reads them; an error in a file the import writes is reported at the article line that
gave it where one is known (``Origins``), else at the file it would write.
"""

from __future__ import annotations

import shutil
import tempfile
from bisect import bisect_right
from collections.abc import Iterable
from pathlib import Path

from site_gen.errors import Problem
from site_gen.importer.registry import NewSkater
from site_gen.load.results import FOLLOW_ON
from site_gen.load.site_loader import collect_site

# per file the import writes: (first line of a block in it, article line, article column)
Origins = dict[str, list[tuple[int, int, int]]]

IGNORED = ("import-backups",)  # never read by the loader either


def block_starts(text: str, prefix: str) -> list[int]:
    """Line numbers (1-based) of the lines of ``text`` starting with ``prefix``."""
    return [n for n, line in enumerate(text.splitlines(), 1) if line.startswith(prefix)]


def entry_origins(text: str, new: Iterable[NewSkater]) -> list[tuple[int, int, int]]:
    """Where in the article each new entry of skaters.yaml (``text``) comes from."""
    lines = text.splitlines()
    return sorted((number, skater.line, skater.col) for skater in new
                  for number in block_starts(text, "- slug: ")
                  if lines[number - 1] == f"- slug: {skater.slug}")


def verify(content: Path, docs: dict[str, str], removed: list[Path], article: str,
           origins: Origins) -> list[Problem]:
    """The loader's errors on ``content`` with ``docs`` written and ``removed`` gone."""
    with tempfile.TemporaryDirectory(prefix="site-gen-import-") as tmp:
        trial = Path(tmp) / "content"
        if content.is_dir():
            shutil.copytree(content, trial, ignore=shutil.ignore_patterns(*IGNORED))
        for path in removed:
            (trial / path.relative_to(content)).unlink()
        for rel, text in docs.items():
            (trial / rel).parent.mkdir(parents=True, exist_ok=True)
            (trial / rel).write_text(text, encoding="utf-8")
        _site, out = collect_site(trial)
        return [_placed(p, trial, content, docs, article, origins) for p in out.errors]


def _placed(problem: Problem, trial: Path, content: Path, docs: dict[str, str], article: str,
            origins: Origins) -> Problem:
    try:
        rel = Path(problem.file).relative_to(trial).as_posix()
    except ValueError:
        return problem
    real = str(content / rel)
    message = problem.message.replace(str(trial), str(content))
    if rel not in docs:
        return Problem(real, problem.line, problem.col, message, code=problem.code)
    starts = origins.get(rel, [])
    index = bisect_right([s for s, _l, _c in starts], problem.line) - 1
    if index < 0 or not problem.line:
        return Problem(real, problem.line, problem.col, f"{message} (in the file this import "
                       "would write)", code=problem.code)
    _s, line, col = starts[index]
    col += problem.code == FOLLOW_ON  # after the error it follows from, as in the file
    return Problem(article, line, col, f"{message} (at {real}:{problem.line}, which this "
                   "import would write)", code=problem.code)
