"""Build progress for people: a bar on a terminal, plain lines in logs and CI."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """``update(done, total)`` while rendering; a bar on a TTY, a line per quarter otherwise."""

    def __init__(self, stream: TextIO | None = None, min_total: int = 500) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.min_total = min_total
        self.started = time.perf_counter()
        self._last_quarter = -1

    def stage(self, message: str) -> None:
        if not self.tty:
            print(message, file=self.stream, flush=True)

    def update(self, done: int, total: int) -> None:
        if total < self.min_total:
            return
        if self.tty:
            width = 30
            filled = width * done // total
            bar = "#" * filled + "-" * (width - filled)
            print(f"\rrendering [{bar}] {done}/{total}", end="", file=self.stream, flush=True)
            if done >= total:
                print("\r" + " " * (width + 40) + "\r", end="", file=self.stream, flush=True)
            return
        quarter = 4 * done // total
        if quarter != self._last_quarter:
            self._last_quarter = quarter
            elapsed = time.perf_counter() - self.started
            print(f"rendered {done}/{total} files ({elapsed:.1f} s)", file=self.stream, flush=True)
