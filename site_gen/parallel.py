"""Running independent calls on every core, for the steps of a big first build that are not
rendering (parsing competition files, hashing them).

Worker processes are forked, so they inherit the calls (closures over the loaded data) and
only results travel back. Only from a process without other threads (``can_fork``): a thread
holding a lock at the moment of the fork would leave it locked in the child for ever (``serve``
makes its first build before its watcher and server threads start).
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.pool
import signal
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
MIN_CALLS = 16  # fewer run in this process: a pool costs more than it saves
# Fresh (not forked) workers import the main module again, which must then not run anything:
# true of the CLI's entry points (cli.run sets this), not of every script using the library.
FRESH_WORKERS = False

_CALLS: Sequence[Callable[[], Any]] = ()


def can_fork() -> bool:
    """No other thread runs in this process (forking is safe)."""
    return threading.active_count() == 1


def quiet_worker() -> None:
    """A worker's signals: Ctrl-C is the parent's to handle, and SIGTERM (the pool's stop)
    ends the worker at once whatever handler the parent had (``serve`` has its own)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def fork_pool(jobs: int) -> multiprocessing.pool.Pool:
    return multiprocessing.get_context("fork").Pool(jobs, initializer=quiet_worker)


def finish(pool: multiprocessing.pool.Pool, done: bool) -> None:
    """Workers that did all their work exit on their own; only a failed run kills them."""
    if done:
        pool.close()
    else:
        pool.terminate()
    pool.join()


def _run(index: int) -> tuple[int, Any]:
    return index, _CALLS[index]()


def run_all(calls: Sequence[Callable[[], T]], jobs: int) -> list[T]:
    """Every call's result, in order; on ``jobs`` processes when there are enough calls."""
    if jobs <= 1 or len(calls) < MIN_CALLS or not can_fork():
        return [call() for call in calls]
    global _CALLS
    _CALLS = calls
    results: list[Any] = [None] * len(calls)
    pool = fork_pool(jobs)
    done = False
    try:
        for index, value in pool.imap_unordered(_run, range(len(calls)), chunksize=4):
            results[index] = value
        done = True
    finally:
        finish(pool, done)
        _CALLS = ()
    return results
