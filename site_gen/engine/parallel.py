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

# Set in each worker process by its pool's initializer (a forked worker is handed its work in
# memory, never pickled), never in the process that starts the pool.
_WORKER_CALLS: Sequence[Callable[[], Any]] = ()


def can_fork() -> bool:
    """No other thread runs in this process (forking is safe)."""
    return threading.active_count() == 1


def quiet_worker() -> None:
    """A worker's signals: Ctrl-C is the parent's to handle, and SIGTERM (the pool's stop)
    ends the worker at once whatever handler the parent had (``serve`` has its own)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def fork_pool(jobs: int, initializer: Callable[..., None] = quiet_worker,
              initargs: tuple[Any, ...] = ()) -> multiprocessing.pool.Pool:
    """Forked workers, each set up by ``initializer(*initargs)`` (which must call
    ``quiet_worker``): the arguments are inherited, not pickled."""
    return multiprocessing.get_context("fork").Pool(jobs, initializer=initializer,
                                                    initargs=initargs)


def finish(pool: multiprocessing.pool.Pool, done: bool) -> None:
    """Workers that did all their work exit on their own; only a failed run kills them."""
    if done:
        pool.close()
    else:
        pool.terminate()
    pool.join()


def _start_worker(calls: Sequence[Callable[[], Any]]) -> None:
    global _WORKER_CALLS
    quiet_worker()
    _WORKER_CALLS = calls


def _run(index: int) -> tuple[int, Any]:
    return index, _WORKER_CALLS[index]()


def run_all(calls: Sequence[Callable[[], T]], jobs: int) -> list[T]:
    """Every call's result, in order; on ``jobs`` processes when there are enough calls."""
    if jobs <= 1 or len(calls) < MIN_CALLS or not can_fork():
        return [call() for call in calls]
    results: list[Any] = [None] * len(calls)
    pool = fork_pool(jobs, _start_worker, (calls,))
    done = False
    try:
        for index, value in pool.imap_unordered(_run, range(len(calls)), chunksize=4):
            results[index] = value
        done = True
    finally:
        finish(pool, done)
    return results
