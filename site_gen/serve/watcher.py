"""Change detection for ``serve``: inotify through watchfiles, nothing dropped, bursts coalesced.

``Watcher`` reports every batch of changed paths (watchfiles groups a burst within ``step`` ms).
``Rebuilder`` turns requests into builds on one thread: a request made while a build runs marks the
site dirty and exactly one more build follows, so a second save a moment after the first is always
built — unlike livereload, which ignores changes within 3 s of the last reload.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

import watchfiles

log = logging.getLogger(__name__)
logging.getLogger("watchfiles").setLevel(logging.WARNING)  # its "N changes detected" is noise


class Watcher(threading.Thread):
    """Watches folders recursively and calls ``on_change(paths)`` for each batch of changes."""

    def __init__(
        self,
        folders: Iterable[Path],
        on_change: Callable[[list[Path]], None],
        ignore: Iterable[Path] = (),
    ) -> None:
        super().__init__(name="site-gen-watch", daemon=True)
        self.folders = [f for f in folders if f.is_dir()]
        self.ignore = [p.resolve() for p in ignore]
        self.on_change = on_change
        self._filter = watchfiles.DefaultFilter()
        self.stop_event = threading.Event()
        self.ready = threading.Event()

    def _wanted(self, change: watchfiles.Change, path: str) -> bool:
        if not self._filter(change, path):
            return False
        if Path(path).name.isdigit():  # vim's "can I write here?" probe (4913, 5036, …)
            return False
        p = Path(path).resolve()
        if any(p == i or i in p.parents for i in self.ignore):
            return False
        # a build's own siblings of an ignored folder (staging, cache: ".NAME.*")
        return not any(str(p).startswith(f"{i.parent / ('.' + i.name)}.") for i in self.ignore)

    def run(self) -> None:
        if not self.folders:
            self.ready.set()
            return
        watcher = watchfiles.watch(
            *self.folders,
            watch_filter=self._wanted,
            debounce=400,
            step=30,
            stop_event=self.stop_event,
            rust_timeout=100,  # its first yield says the watches are in place: serve waits for it
            yield_on_timeout=True,
            raise_interrupt=False,
        )
        try:
            for changes in watcher:
                self.ready.set()  # the first (timeout) yield: inotify watches are in place
                if changes:
                    self.on_change(sorted({Path(p) for _, p in changes}))
        except Exception:  # noqa: BLE001 - a dead watcher must be visible, not silent
            log.exception("file watcher stopped")
        finally:
            self.ready.set()

    def stop(self) -> None:
        self.stop_event.set()


class Rebuilder(threading.Thread):
    """Runs ``build()`` whenever requested; requests during a build coalesce into one more build."""

    def __init__(self, build: Callable[[list[Path]], object]) -> None:
        super().__init__(name="site-gen-rebuild", daemon=True)
        self.build = build
        self._cond = threading.Condition()
        self._pending: set[Path] = set()
        self._dirty = False
        self._stopping = False

    def request(self, paths: Iterable[Path] = ()) -> None:
        with self._cond:
            self._pending.update(paths)
            self._dirty = True
            self._cond.notify_all()

    def stop(self) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify_all()

    def run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._dirty or self._stopping)
                if self._stopping:
                    return
                paths = sorted(self._pending)
                self._pending.clear()
                self._dirty = False
            self.build(paths)  # must not raise: serve's build step reports its own failures
