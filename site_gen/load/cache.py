"""A content-addressed cache of loaded files: unchanged files are not parsed again.

Keys carry the hash of every input a value was computed from, so an entry is never stale.
``serve`` keeps one in memory; ``build`` keeps one on disk in the user's cache folder
(never inside the deployable output).
"""

from __future__ import annotations

import os
import pickle
import struct
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from site_gen.errors import Collector, Problem
from site_gen.load.content_files import file_digest

T = TypeVar("T")
FORMAT = b"site-gen-load-cache-2\n"


def file_hash(path: Path) -> str:
    return file_digest(path)


class LoadCache:
    """Entries by key; on disk, an append-only log of pickled batches (each with its length and
    CRC), rewritten whole only when it has grown or gathered stale entries: a rebuild after
    one edit appends one small batch instead of pickling everything again."""

    COMPACT_AFTER = 16  # batches in the file before it is rewritten

    def __init__(self) -> None:
        self.entries: dict[tuple[str, ...], tuple[Any, list[Problem]]] = {}
        self.used: set[tuple[str, ...]] = set()
        self.new: set[tuple[str, ...]] = set()  # added since the file was read or written
        self.stale = 0  # entries the file holds that are no longer in ``entries``
        self.batches = 0  # batches in the file
        self.rewrite = True  # the file must be written whole

    @property
    def dirty(self) -> bool:
        return bool(self.new) or self.rewrite

    def has(self, key: tuple[str, ...]) -> bool:
        return key in self.entries

    def value(self, key: tuple[str, ...]) -> Any:
        """The value of a key that ``has``; marks it used."""
        self.used.add(key)
        return self.entries[key][0]

    def put(self, key: tuple[str, ...], value: Any, problems: list[Problem]) -> None:
        """Remember a value (with the problems found computing it)."""
        self.entries[key] = (value, problems)
        self.new.add(key)

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
            self.put(key, value, sub.problems)
        return value

    def memo(self, key: tuple[str, ...], compute: Callable[[], T]) -> T:
        """The cached value for key (which must name every input of compute), or compute()."""
        self.used.add(key)
        hit = self.entries.get(key)
        if hit is not None:
            return hit[0]  # type: ignore[no-any-return]
        value = compute()
        self.put(key, value, [])
        return value

    def prune(self) -> None:
        """Forget entries the last load did not use (old versions of edited files)."""
        stale = set(self.entries) - self.used
        for key in stale:
            del self.entries[key]
            if key in self.new:
                self.new.discard(key)
            else:
                self.stale += 1
        self.used = set()

    # -- on disk ---------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, version: str) -> LoadCache:
        cache = cls()
        try:
            with open(path, "rb") as fh:
                if fh.readline() != FORMAT or fh.readline().decode().strip() != version:
                    return cache
                while batch := _read_batch(fh):
                    cache.entries.update(batch)
                    cache.batches += 1
        except (OSError, UnicodeDecodeError):
            pass
        cache.rewrite = cache.batches == 0
        return cache

    def save(self, path: Path, version: str) -> None:
        if not self.dirty:
            return
        try:
            whole = (self.rewrite or self.batches >= self.COMPACT_AFTER
                     or self.stale > len(self.entries) // 4)
            if whole:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_name(f".{path.name}.{os.getpid()}")
                with open(tmp, "wb") as fh:
                    fh.write(FORMAT + version.encode() + b"\n" + _batch(self.entries))
                os.replace(tmp, path)
                self.batches, self.stale, self.rewrite = 1, 0, False
            else:  # one write() in append mode: concurrent appends do not interleave
                with open(path, "ab") as fh:
                    fh.write(_batch({k: self.entries[k] for k in sorted(self.new)}))
                self.batches += 1
            self.new = set()
        except OSError:
            pass  # a cache that cannot be written only costs time


_HEAD = struct.Struct(">QI")  # payload length, CRC-32 of the payload


def _batch(entries: dict[tuple[str, ...], Any]) -> bytes:
    payload = pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL)
    return _HEAD.pack(len(payload), zlib.crc32(payload)) + payload


def _read_batch(fh: BinaryIO) -> dict[tuple[str, ...], Any] | None:
    """The next batch, or None at the end or at a torn or corrupt batch."""
    head = fh.read(_HEAD.size)
    if len(head) < _HEAD.size:
        return None
    size, crc = _HEAD.unpack(head)
    payload = fh.read(size)
    if len(payload) < size or zlib.crc32(payload) != crc:
        return None
    try:
        batch = pickle.loads(payload)
    except (pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError,
            ImportError, IndexError, KeyError):
        return None
    return batch if isinstance(batch, dict) else None


def default_cache_file(out: Path) -> Path:
    """Beside the output folder (``.public.cache``), never inside what gets deployed."""
    out = out.absolute()
    return out.parent / f".{out.name}.cache"
