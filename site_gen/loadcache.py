"""A content-addressed cache of loaded files: unchanged files are not parsed again.

Keys carry the hash of every input a value was computed from, so an entry is never stale.
``serve`` keeps one in memory; ``build`` keeps one on disk in the user's cache folder
(never inside the deployable output).
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from .errors import Collector, Problem

T = TypeVar("T")
FORMAT = b"site-gen-load-cache-1\n"


def file_hash(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:32]
    except OSError:
        return "unreadable"


class LoadCache:
    def __init__(self) -> None:
        self.entries: dict[tuple[str, ...], tuple[Any, list[Problem]]] = {}
        self.used: set[tuple[str, ...]] = set()
        self.dirty = False

    def get(self, key: tuple[str, ...], compute: Callable[[Collector], T], out: Collector,
            still_valid: Callable[[], bool] = lambda: True) -> T:
        """The cached value for key, or compute(collector) remembered with its problems —
        unless ``still_valid()`` says the file changed while it was being read."""
        self.used.add(key)
        hit = self.entries.get(key)
        if hit is not None:
            out.extend(hit[1])
            return hit[0]  # type: ignore[no-any-return]
        sub = Collector()
        value = compute(sub)
        out.extend(sub.problems)
        if still_valid():
            self.entries[key] = (value, sub.problems)
            self.dirty = True
        return value

    def memo(self, key: tuple[str, ...], compute: Callable[[], T]) -> T:
        """The cached value for key (which must name every input of compute), or compute()."""
        self.used.add(key)
        hit = self.entries.get(key)
        if hit is not None:
            return hit[0]  # type: ignore[no-any-return]
        value = compute()
        self.entries[key] = (value, [])
        self.dirty = True
        return value

    def prune(self) -> None:
        """Forget entries the last load did not use (old versions of edited files)."""
        stale = set(self.entries) - self.used
        for key in stale:
            del self.entries[key]
        self.dirty = self.dirty or bool(stale)
        self.used = set()

    # -- on disk ---------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, version: str) -> LoadCache:
        cache = cls()
        try:
            with open(path, "rb") as fh:
                if fh.readline() == FORMAT and fh.readline().decode().strip() == version:
                    cache.entries = pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError,
                TypeError, ImportError, UnicodeDecodeError):
            cache.entries = {}
        return cache

    def save(self, path: Path, version: str) -> None:
        if not self.dirty:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}")
            with open(tmp, "wb") as fh:
                fh.write(FORMAT + version.encode() + b"\n")
                pickle.dump(self.entries, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
            self.dirty = False
        except OSError:
            pass  # a cache that cannot be written only costs time


def default_cache_file(out: Path) -> Path:
    """Beside the output folder (``.public.cache``), never inside what gets deployed."""
    out = out.absolute()
    return out.parent / f".{out.name}.cache"
