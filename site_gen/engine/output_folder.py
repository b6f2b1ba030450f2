"""Output folder handling: build into a staging folder beside --out, swap it in atomically.

A failed or interrupted build leaves the previous site byte-for-byte intact. Unchanged files
are hard links to the previous build's files, so they keep their inode and mtime.

The staging folder is the previous generation of the site kept beside the output as a spare
(``.public.spare``), brought up to date by re-linking only the files the last build changed;
without a spare, the whole output is hard-linked (``cp -al``), which costs time on big sites.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import json
import os
import shutil
import subprocess
from pathlib import Path

from site_gen.engine.neighbours import (  # noqa: F401 - write errors are named here for build and import
    STATE_DIR,
    WRITE_ERRNOS,
    cleanup_leftovers,
    mark,
    new_folder,
    ours,
    remove_tree,
    report_foreign,
    unmark,
    write_failure,
)
from site_gen.errors import OutputError


def safe_rel(rel: str) -> str:
    """``rel`` if it is a relative path that stays inside the folder it is joined to."""
    if not rel or rel.startswith(("/", "\\")) or "\\" in rel or "\0" in rel:
        raise OutputError(f"refusing to write unsafe path {rel!r}")
    parts = rel.split("/")
    if any(p in ("", ".", "..") for p in parts[:-1]) or parts[-1] in (".", ".."):
        raise OutputError(f"refusing to write unsafe path {rel!r}")
    return rel


def safe_join(root: Path, rel: str) -> Path:
    """root/rel, refusing anything that would land outside root."""
    return Path(f"{root}/{safe_rel(rel)}")


DELTA = f"{STATE_DIR}/delta.json"  # in the spare: the files its successor changed
IGNORE = ".gitignore"  # in the spare: keeps it out of version control (--out inside a repo)


def spare_path(out: Path) -> Path:
    out = out.absolute()
    return out.parent / f".{out.name}.spare"


def stage(out: Path, whole: str | None = None) -> Path:
    """A staging folder holding the current output (``whole`` is its manifest's digest)."""
    out = out.absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = new_folder(out, "build")
    if _claim_spare(out, staging, whole):  # the spare carries the marker already
        return staging
    mark(staging, out)
    if not out.is_dir():
        return staging
    if not _link_tree(out, staging):
        for dirpath, dirnames, filenames in os.walk(out):
            rel = Path(dirpath).relative_to(out)
            target = staging / rel
            for d in dirnames:
                (target / d).mkdir(exist_ok=True)
            for f in filenames:
                try:
                    os.link(Path(dirpath) / f, target / f)
                except OSError:
                    shutil.copy2(Path(dirpath) / f, target / f)
    return staging


def _claim_spare(out: Path, staging: Path, whole: str | None) -> bool:
    """Move the spare into ``staging`` (an empty folder) and re-link what changed since."""
    spare = spare_path(out)
    if not out.is_dir() or not spare.exists():
        return False
    if not ours(spare, out):
        report_foreign(spare, "the build keeps no spare of the site while it is there")
        return False
    try:
        os.rename(spare, staging)
    except OSError:
        return False
    try:
        (staging / IGNORE).unlink(missing_ok=True)
        info = json.loads((staging / DELTA).read_text(encoding="utf-8"))
        if whole is None or info["for"] != whole:  # the output is not the one it follows
            raise ValueError("stale spare")
        for rel in info["changed"]:
            _relink(out, staging, rel)
        (staging / DELTA).unlink()
        staging.chmod(0o755)
        return True
    except (OSError, ValueError, KeyError, TypeError, OutputError):
        remove_tree(staging, out)
        staging.mkdir(mode=0o755)
        return False


def _relink(out: Path, staging: Path, rel: str) -> None:
    src, dst = safe_join(out, rel), safe_join(staging, rel)
    if not src.is_file():
        if dst.is_file():
            dst.unlink()
            _prune_empty(staging, dst.parent)
        return
    link_over(src, dst)


def link_over(src: str | Path, dst: str | Path) -> None:
    """Hard-link src at dst, making dst's folders and replacing a file already there."""
    try:
        os.link(src, dst)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        os.link(src, dst)
    except FileExistsError:
        tmp = _beside(dst, "link")
        os.link(src, tmp)
        os.replace(tmp, dst)


def _beside(path: str | Path, what: str) -> str:
    """A temporary name in path's folder, hidden and unique to this process."""
    folder, name = os.path.split(path)
    return os.path.join(folder, f".{name}.{what}{os.getpid()}")


def _prune_empty(root: Path, folder: Path) -> None:
    while folder != root and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _link_tree(src: Path, dst: Path) -> bool:
    """GNU cp's hard-link copy: several times faster than a Python walk on big sites."""
    if shutil.which("cp") is None:
        return False
    proc = subprocess.run(["cp", "-al", "--", f"{src}/.", str(dst)], capture_output=True,
                          check=False)
    return proc.returncode == 0


def write_if_changed(path: str | Path, data: bytes) -> bool:
    """Write ``data`` unless the file holds it already (False). An existing file is replaced
    via a temp file + rename, never modified: it may be a hard link to a published file."""
    try:
        fh = open(path, "xb")  # a new file (in a staging folder nobody reads yet)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fh = open(path, "xb")
    except FileExistsError:
        if os.stat(path).st_size == len(data):
            with open(path, "rb") as old:
                if old.read() == data:
                    return False
        tmp = _beside(path, "tmp")
        with open(tmp, "wb") as new:
            new.write(data)
        os.replace(tmp, path)
        return True
    with fh:
        fh.write(data)
    return True


def remove_stale(staging: Path, keep: set[str], keep_prefix: str = STATE_DIR + "/"
                 ) -> list[str]:
    """Delete files not produced by this build (relative paths in ``keep``); returns them."""
    removed = []
    root = str(staging)
    for dirpath, _dirnames, filenames in os.walk(root, topdown=False):
        prefix = dirpath[len(root) + 1:].replace(os.sep, "/")
        for f in filenames:
            rel = f"{prefix}/{f}" if prefix else f
            if rel not in keep and not rel.startswith((STATE_DIR + "/", keep_prefix)):
                os.unlink(os.path.join(dirpath, f))
                removed.append(rel)
        if Path(dirpath) != staging and not os.listdir(dirpath):
            os.rmdir(dirpath)
    return removed


def remove_listed(staging: Path, stale: set[str]) -> list[str]:
    """Delete these files (paths relative to staging) and the folders they leave empty."""
    removed = []
    for rel in sorted(stale):
        path = safe_join(staging, rel)
        try:
            path.unlink()
            removed.append(rel)
        except FileNotFoundError:
            continue
        _prune_empty(staging, path.parent)
    return removed


_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2); False where unsupported."""
    name = ctypes.util.find_library("c")
    if not name:
        return False
    libc = ctypes.CDLL(name, use_errno=True)
    fn = getattr(libc, "renameat2", None)
    if fn is None:
        return False
    at_fdcwd = -100
    rc = fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return rc == 0


def publish(staging: Path, out: Path, background: bool = False, whole: str | None = None,
            changed: list[str] | None = None, twin: Path | None = None) -> None:
    """Make ``staging`` the new ``out`` (whose manifest digest is ``whole``).

    The next spare is ``twin`` (a hard-linked copy of staging) when given; else the old
    output when ``changed`` lists the files this build changed. The old output, if not kept,
    is removed (by a detached ``rm`` when ``background``: a big site's build returns once
    published)."""
    out = out.absolute()
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out} exists and is not a folder")
    unmark(staging)  # the output carries no marker: a copy of it is nobody's staging folder
    if not out.exists():
        os.rename(staging, out)
    else:
        mark(out, out)  # the old site, about to move beside the output
        if _exchange(staging, out):  # staging now holds the old site
            if twin is None and whole and changed is not None and _keep_spare(staging, out, whole,
                                                                              changed):
                return
            remove_tree(staging, out, background)
        else:
            old = out.with_name(f".{out.name}.old-{os.getpid()}")
            if old.exists():
                report_foreign(old, "a name the build needs for a moment")
                raise OutputError(f"{old} is in the way: move it elsewhere")
            os.rename(out, old)
            os.rename(staging, out)
            shutil.rmtree(old, ignore_errors=True)
    if twin is not None and whole and not _keep_spare(twin, out, whole, []):
        remove_tree(twin, out, background)


def _keep_spare(folder: Path, out: Path, whole: str, changed: list[str]) -> bool:
    """Make ``folder`` the spare of ``out`` (replacing any other spare, which a build
    that did not use it left behind)."""
    try:
        (folder / STATE_DIR).mkdir(exist_ok=True)
        (folder / DELTA).write_text(json.dumps({"for": whole, "changed": changed}),
                                    encoding="utf-8")
        (folder / IGNORE).write_text(f"# the previous generation of ../{out.name}/, kept by the "
                                     "build to make the next one fast\n*\n", encoding="utf-8")
        target = spare_path(out)
        if target.exists() or target.is_symlink():
            if not ours(target, out):
                report_foreign(target, "the build keeps no spare of the site while it is there")
                return False
            remove_tree(target, out)
        os.rename(folder, target)
        return True
    except OSError:
        return False


def twin_link(staging: str | Path, twin: str | Path, rel: str) -> None:
    """Hard-link staging/rel into the twin: a build that writes every file builds its own
    next spare this way, for a few microseconds a file."""
    rel = safe_rel(rel)
    link_over(f"{staging}/{rel}", f"{twin}/{rel}")


def make_twin(out: Path) -> Path:
    out = out.absolute()
    twin = new_folder(out, "build")
    mark(twin, out)
    return twin


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


class Change:
    """Files written as one change, all or nothing (``import``): each folder is staged whole
    beside itself, as a build stages its output, and single files as hidden temporary files;
    ``commit`` swaps them all in. Leaving the block early discards every staged file."""

    def __init__(self) -> None:
        self._folders: list[tuple[Path, Path]] = []  # (staging, folder)
        self._files: list[tuple[str, Path]] = []  # (temporary file, path)

    def folder(self, folder: Path, files: dict[str, bytes], remove: set[str]) -> list[str]:
        """Stage ``folder`` with ``files`` written and ``remove`` gone (names relative to it);
        returns the files that change."""
        cleanup_leftovers(folder)  # an import killed while staging
        staging = stage(folder)
        self._folders.append((staging, folder))
        written = [rel for rel, data in files.items()
                   if write_if_changed(safe_join(staging, rel), data)]
        changed = written + remove_listed(staging, remove)
        if not changed:  # nothing to swap in
            self._folders.pop()
            discard(staging)
        return written

    def file(self, path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = _beside(path, "tmp")
        self._files.append((tmp, path))
        with open(tmp, "wb") as fh:
            fh.write(data)

    def commit(self) -> None:
        for staging, folder in self._folders:
            publish(staging, folder)
        for tmp, path in self._files:
            os.replace(tmp, path)
        self._folders, self._files = [], []

    def __enter__(self) -> Change:
        return self

    def __exit__(self, *exc: object) -> None:
        for staging, _ in self._folders:
            discard(staging)
        for tmp, _ in self._files:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


__all__ = ["STATE_DIR", "Change", "OutputError", "cleanup_leftovers", "discard", "publish",
           "stage"]
