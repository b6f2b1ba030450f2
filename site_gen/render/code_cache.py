"""Compiled templates, so that a build compiles each template at most once.

Three places keep a template's code, keyed by its name, file and source checksum:

- the load cache beside the output folder (``.public.cache``): a rebuild in a new process;
- this process's memory: a second build in one process (``serve``, a test run, a script);
- optionally, a folder named by ``SITE_GEN_TEMPLATE_CACHE``, shared by every build on the
  machine (a CI job or a test suite running hundreds of builds into new folders). It is off
  unless that variable is set: nothing is written outside the output folder otherwise.

Jinja's code is loaded with ``marshal``, which runs what it is given: the shared folder is used
only when it is a real folder (no symlink) owned by the user running the build, and nobody else
can write into it; otherwise it is ignored and ``folder_problem`` says why.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import stat
import sys
import tempfile
from pathlib import Path

import jinja2

from site_gen.load.cache import LoadCache

ENV_VAR = "SITE_GEN_TEMPLATE_CACHE"
MAX_FILE = 16 * 1024 * 1024  # a template's code is tens of KB; anything bigger is not ours
MAX_FILES = 2000  # kept in the shared folder: when a write passes it, the oldest half goes


def folder_problem(folder: Path) -> str | None:
    """Why ``folder`` cannot hold shared compiled templates (None: it can); creates it (0700)
    when it does not exist."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.lstat()
    except OSError as exc:
        return f"cannot create it ({exc.strerror or exc})"
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        return "it is not a folder (a symlink or a file)"
    if info.st_uid != os.getuid():
        return f"it belongs to another user (uid {info.st_uid})"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return "others can write into it (chmod 700 it)"
    return None


def shared_folder() -> Path | None:
    """The folder ``SITE_GEN_TEMPLATE_CACHE`` names, if it is safe to use."""
    value = os.environ.get(ENV_VAR)
    if not value:
        return None
    folder = Path(value)
    return folder if folder_problem(folder) is None else None


@functools.cache
def _flavour() -> str:
    """What compiled code depends on besides the template: Jinja's and Python's versions and
    the environment's options (``renderer.make_env``, hashed with its module's source)."""
    h = hashlib.sha256(f"{jinja2.__version__}|{sys.version}|".encode())
    h.update(Path(__file__).with_name("renderer.py").read_bytes())
    return h.hexdigest()[:16]


def _prune(folder: Path) -> None:
    """Every edited template, and every theme folder at a new path, adds a file: past
    MAX_FILES, the oldest written half is removed (a build that needs one compiles it again)."""
    files = [(entry.stat().st_mtime_ns, entry.path) for entry in os.scandir(folder)
             if entry.name.endswith(".jinja") and entry.is_file(follow_symlinks=False)]
    if len(files) > MAX_FILES:
        for _, path in sorted(files)[:len(files) - MAX_FILES // 2]:
            with contextlib.suppress(FileNotFoundError):  # another build pruned it first
                os.unlink(path)


class CodeCache(jinja2.BytecodeCache):
    """Jinja's bytecode cache over the load cache, this process's memory and the shared
    folder, in that order; a template compiled is kept in all three."""

    _in_process: dict[tuple[str, str], bytes] = {}
    MAX_IN_PROCESS = 512  # templates' code kept in memory (a theme has a few dozen)

    def __init__(self, cache: LoadCache | None, folder: Path | None = None) -> None:
        self.cache = cache
        self.folder = folder

    def _file(self, bucket: jinja2.bccache.Bucket) -> Path | None:
        if self.folder is None:
            return None
        name = hashlib.sha256(f"{_flavour()}|{bucket.key}|{bucket.checksum}".encode())
        return self.folder / f"{name.hexdigest()}.jinja"

    def _read_shared(self, bucket: jinja2.bccache.Bucket) -> bytes | None:
        path = self._file(bucket)
        if path is None:
            return None
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            return None
        with os.fdopen(fd, "rb") as f:
            info = os.fstat(f.fileno())
            if (not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid()
                    or info.st_size > MAX_FILE):
                return None
            return f.read()

    def _write_shared(self, bucket: jinja2.bccache.Bucket, code: bytes) -> None:
        path = self._file(bucket)
        if path is None:
            return
        try:  # whole or not at all: another build may read it at any moment
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".jinja")
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(code)
                os.replace(tmp, path)
            except BaseException:
                os.unlink(tmp)
                raise
            _prune(path.parent)
        except OSError:
            pass  # a full disk or a removed folder: the build goes on; it only compiles again

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        key = ("template", bucket.key, bucket.checksum)
        if self.cache is not None and self.cache.has(key):
            bucket.bytecode_from_string(self.cache.value(key))
            return
        code = self._in_process.get((bucket.key, bucket.checksum)) or self._read_shared(bucket)
        if code is None:
            return
        try:  # checks Jinja's magic and the source's checksum
            bucket.bytecode_from_string(code)
        except (EOFError, ValueError, TypeError, pickle.UnpicklingError):  # cut short, damaged
            bucket.reset()
        if bucket.code is None:
            return  # another Jinja's or a damaged file: compiled again, and replaced
        self._remember(bucket, code)
        if self.cache is not None:
            self.cache.memo(key, lambda: code)

    def _remember(self, bucket: jinja2.bccache.Bucket, code: bytes) -> None:
        if len(self._in_process) >= self.MAX_IN_PROCESS:
            self._in_process.clear()
        self._in_process[(bucket.key, bucket.checksum)] = code

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = bucket.bytecode_to_string()
        self._remember(bucket, code)
        self._write_shared(bucket, code)
        if self.cache is not None:
            self.cache.memo(("template", bucket.key, bucket.checksum), lambda: code)
