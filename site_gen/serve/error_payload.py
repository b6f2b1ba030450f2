"""What ``serve`` shows of a failed build: the problems with their source line, or a crash."""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any

from site_gen.errors import ECHO, DataError, Problem, cut

MAX_SOURCE_BYTES = 4_000_000
MAX_SHOWN = 50  # problems carried to the pages (the terminal lists every one)


def source_line(problem: Problem, roots: list[Path]) -> str | None:
    """The offending line of a problem's file, with a caret under the column, if it can be read."""
    if problem.line < 1:
        return None
    candidates = [Path(problem.file)] + [r / problem.file for r in roots]
    for path in candidates:
        try:
            if not path.is_file() or path.stat().st_size > MAX_SOURCE_BYTES:
                continue
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
        if problem.line > len(lines):
            return None
        text, col = lines[problem.line - 1], problem.col
        if len(text) > ECHO:  # a window of the line around the column
            start = max(0, min(col - 1 - ECHO // 2, len(text) - ECHO)) if col > 0 else 0
            text = ("…" if start else "") + cut(text[start:], ECHO)
            col = col - start + (1 if start else 0)
        if 0 < col <= len(text) + 1:
            text += "\n" + " " * (col - 1) + "^"
        return text
    return None


def data_error_payload(exc: DataError, roots: list[Path]) -> dict[str, Any]:
    from site_gen.routing.published import (
        summarize,  # the URLs of a removed folder: one message, as in build
    )

    found = summarize(exc.problems)
    errors = [p for p in found if p.severity == "error"]
    n = len(errors) or len(found)
    shown = (errors + [p for p in found if p.severity != "error"])[:MAX_SHOWN]
    problems = [{**p.as_dict(), "text": p.format(), "source": source_line(p, roots)}
                for p in shown]
    more = len(found) - len(shown)
    title = f"Build failed: {n} error{'s' if n != 1 else ''}"
    return {"title": title + (f" ({more} more in the terminal)" if more else ""),
            "problems": problems}


def crash_payload(exc: BaseException) -> dict[str, Any]:
    frames = traceback.extract_tb(exc.__traceback__)
    where = f"{frames[-1].filename}:{frames[-1].lineno}: " if frames else ""
    text = f"{where}{type(exc).__name__}: {cut(exc, 600)}"
    problem = {
        "file": frames[-1].filename if frames else "",
        "line": (frames[-1].lineno or 0) if frames else 0,
        "col": 0,
        "message": f"{type(exc).__name__}: {cut(exc, 600)}",
        "severity": "error",
        "code": "internal",
        "text": text,
        "source": frames[-1].line if frames else None,
    }
    return {"title": "Unexpected error during the build", "problems": [problem]}
