"""Static search: a Pagefind index of the built pages, written to ``pagefind/`` in the output.

Pages opt in with ``data-pagefind-body`` (base.html) and carry their filters (nation, season,
distance) as ``data-pagefind-filter`` attributes; see templates/base.html and the page templates.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

from .errors import DataError, Problem

log = logging.getLogger(__name__)
SUBDIR = "pagefind"


def _files(folder: Path) -> set[str]:
    index = folder / SUBDIR
    return {p.relative_to(folder).as_posix() for p in index.rglob("*") if p.is_file()}


def index_site(folder: Path, reuse: bool) -> set[str]:
    """Index the HTML pages under ``folder``; return the index files (paths relative to folder).

    With ``reuse`` an existing index is kept as it is. Otherwise the old index is removed first:
    its files may be hard links shared with the published site and must never be rewritten.
    """
    folder = Path(folder)
    index = folder / SUBDIR
    if reuse and (index / "pagefind.js").is_file():
        return _files(folder)
    shutil.rmtree(index, ignore_errors=True)
    cmd = [sys.executable, "-m", "pagefind", "--site", str(folder), "--output-subdir", SUBDIR,
           "--silent"]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
    except OSError as exc:  # pragma: no cover - broken Python installation
        raise _error(f"could not run Pagefind: {exc}") from None
    if proc.returncode != 0 or not (index / "pagefind.js").is_file():
        detail = (proc.stderr or proc.stdout).strip().splitlines()
        hint = ("install it with: pip install 'pagefind[extended]' (or build with --no-search)"
                if "No module named" in proc.stderr else " / ".join(detail[-3:]))
        raise _error(f"search indexing failed: {hint}")
    files = _files(folder)
    log.debug("pagefind: %d index files", len(files))
    return files


def _error(message: str) -> DataError:
    return DataError([Problem("pagefind", 0, 0, message, "error", "search")])
