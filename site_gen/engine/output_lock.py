"""One build per output folder at a time: an ``flock`` on a lock file beside ``--out``.

The kernel releases the lock when its holder exits in any way, SIGKILL included, so a lock is
never left stale. The file holds the holder's pid, to name it. Within one process the lock is
re-entrant (``serve --out`` holds it while each of its builds takes it again).
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from site_gen.engine.neighbours import write_failure

_HELD: dict[Path, int] = {}  # lock file → times taken by this process


class OutputBusy(Exception):
    """Another process is building the same output folder."""


def lock_path(out: Path) -> Path:
    out = out.absolute()
    return out.parent / f".{out.name}.lock"


@contextmanager
def output_lock(out: Path, wait: bool = False) -> Iterator[None]:
    """Hold the lock of ``out`` for the block: OutputBusy at once if another process holds it,
    or, with ``wait``, wait until it is released."""
    path = lock_path(out)
    if path in _HELD:
        _HELD[path] += 1
        try:
            yield
        finally:
            _HELD[path] -= 1
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:  # read-only, no permission, a file where a folder should be
        raise write_failure(exc, path) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
            raise OutputBusy(f"{out}/ is being built by process {holder}; run again when it "
                             "has finished, or with --wait") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        _HELD[path] = 1
        try:
            yield
        finally:
            del _HELD[path]
    finally:
        os.close(fd)  # releases the lock
