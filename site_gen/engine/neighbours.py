"""The folders a build keeps beside its output ``public/``: ``.public.build-*`` (staging),
``.public.spare``, ``.public.old-*`` and ``.public.trash-*``.

Each carries the build's marker (``.site-gen/made-for``) from the moment it is made; a folder
there without it is someone else's, never removed nor reused (reported once if it takes a name
a build needs). The published output itself carries no marker, so a copy of it made by hand is
not mistaken for a build's folder either.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from site_gen.errors import OutputError

log = logging.getLogger(__name__)

STATE_DIR = ".site-gen"  # build state inside the output folder (manifest, delta)
MARKER = f"{STATE_DIR}/made-for"
TRASH_AGE = 600.0  # seconds after which a trash folder is left over, not being removed
_REPORTED: set[Path] = set()
_STAGED = re.compile(r"\.(.+)\.(?:build|old|trash)-[^/]+$")  # .public.build-x1y2: public

# a write the machine refused: full disk or quota, read-only file system, no permission
WRITE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM}


def write_failure(exc: OSError, where: Path) -> OutputError:
    """One clear line for a refused write: 'cannot write public/x.html: no space left on
    device' (a file of a folder staged beside its place is named by that place)."""
    path = Path(exc.filename) if exc.filename else where
    parts = [m.group(1) if (m := _STAGED.match(part)) else part for part in path.parts]
    reason = exc.strerror or str(exc)
    return OutputError(f"cannot write {Path(*parts)}: {reason[:1].lower()}{reason[1:]}")


def mark(folder: Path, out: Path) -> None:
    """Mark ``folder`` as a build's own folder beside ``out``."""
    (folder / STATE_DIR).mkdir(exist_ok=True)
    (folder / MARKER).write_text(f"site-gen {out.name}\n", encoding="utf-8")


def unmark(folder: Path) -> None:
    (folder / MARKER).unlink(missing_ok=True)
    try:
        (folder / STATE_DIR).rmdir()  # only if the marker was all it held (not an output's)
    except OSError:
        pass


def ours(folder: Path, out: Path) -> bool:
    """Whether ``folder`` is a build's own (a real folder with the marker for ``out``)."""
    try:
        if folder.is_symlink() or not folder.is_dir():
            return False
        return (folder / MARKER).read_text(encoding="utf-8") == f"site-gen {out.name}\n"
    except (OSError, UnicodeDecodeError):
        return False


def report_foreign(folder: Path, why: str) -> None:
    """Say once per process that a folder beside the output is left alone."""
    if folder not in _REPORTED:
        _REPORTED.add(folder)
        log.warning("%s was not made by a build: left alone (%s)", folder, why)


def new_folder(out: Path, kind: str) -> Path:
    """A new empty folder ``.OUT.KIND-XXXX`` beside ``out`` (unmarked: mark it or fill it)."""
    folder = Path(tempfile.mkdtemp(prefix=f".{out.name}.{kind}-", dir=out.parent))
    folder.chmod(0o755)  # mkdtemp makes 0700; a deployable folder is world-readable
    return folder


def _remove_ours(folder: Path, out: Path) -> None:
    """Remove a folder beside ``out`` if it is a build's; an empty one (a build killed right
    after making it) can only be removed when empty, so that is safe too."""
    if ours(folder, out):
        shutil.rmtree(folder, ignore_errors=True)
        return
    try:
        folder.rmdir()
    except OSError:
        report_foreign(folder, "a build's name, without the build's marker")


def remove_tree(folder: Path, out: Path, background: bool = True) -> None:
    """Remove a build's folder beside ``out``: with ``background``, moved under a trash name
    and removed by a detached ``rm`` (the next build's cleanup leaves fresh trash alone)."""
    if not background or shutil.which("rm") is None:
        shutil.rmtree(folder, ignore_errors=True)
        return
    trash = new_folder(out, "trash")
    try:
        os.rename(folder, trash)  # onto an empty folder
    except OSError:
        trash.rmdir()
        raise
    subprocess.Popen(["rm", "-rf", "--", str(trash)], start_new_session=True,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def cleanup_leftovers(out: Path) -> None:
    """Remove the folders of builds that were killed (the caller holds the output's lock, so
    no build of ``out`` is running)."""
    out = out.absolute()
    if not out.parent.is_dir():
        return
    for p in sorted(out.parent.glob(f".{out.name}.build-*")):
        _remove_ours(p, out)
    for p in sorted(out.parent.glob(f".{out.name}.trash-*")):  # an rm killed before it finished
        try:
            st = p.stat()
        except OSError:
            continue
        if time.time() - max(st.st_mtime, st.st_ctime) > TRASH_AGE:
            _remove_ours(p, out)
    for p in sorted(out.parent.glob(f".{out.name}.old-*")):
        if not ours(p, out):
            report_foreign(p, "a build's name, without the build's marker")
        elif out.exists():
            shutil.rmtree(p, ignore_errors=True)
        else:  # killed between moving the old site away and the new one in
            os.rename(p, out)
            unmark(out)
