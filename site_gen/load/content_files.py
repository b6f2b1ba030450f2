"""Reading the content folder safely: only regular files whose real path lies inside it, each
checked with ``stat`` against a size limit before a byte is read, hashed in chunks.

A FIFO or a link to ``/dev/zero`` would hang a read or fill the memory; a link to
``/etc/passwd`` (or a season folder linked from elsewhere) would publish a file that is not
content. Every such entry is an error at its path; a link that stays inside is fine.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from site_gen.errors import Problem

MAX_FILE_BYTES = 20 * 1024 * 1024  # no content file is near this; it bounds every read
CHUNK = 1 << 20
BOM = "\ufeff"


class Unreadable(Exception):
    """A content file that is not read: the reason, e.g. 'not a regular file'."""


def too_big() -> str:
    return f"file larger than {MAX_FILE_BYTES // 2**20} MiB"


def _open_regular(path: str | Path) -> tuple[int, os.stat_result]:
    """An open descriptor of a regular file of at most MAX_FILE_BYTES. Opened non-blocking
    and checked on the descriptor: a FIFO swapped in after a stat cannot hang the open."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise Unreadable(f"cannot read: {exc.strerror}") from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise Unreadable("not a regular file")
    if st.st_size > MAX_FILE_BYTES:
        os.close(fd)
        raise Unreadable(too_big())
    return fd, st


def read_bytes(path: str | Path) -> bytes:
    """The bytes of a content file (Unreadable if it is no regular file, too big or unreadable;
    a file growing while read is cut at the limit and refused)."""
    fd, _ = _open_regular(path)
    try:
        with os.fdopen(fd, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise Unreadable(f"cannot read: {exc.strerror}") from None
    if len(data) > MAX_FILE_BYTES:
        raise Unreadable(too_big())
    return data


def read_text(path: str | Path) -> str:
    """A content file as text: UTF-8, a byte order mark at its start dropped."""
    try:
        text = read_bytes(path).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Unreadable(f"not UTF-8 text ({exc.reason})") from None
    return text[1:] if text.startswith(BOM) else text


def file_digest(path: str | Path) -> str:
    """A file's digest, read in chunks; a file that cannot be read has a digest telling why
    (the loader reports it), so a change to it still changes the digest."""
    try:
        fd, st = _open_regular(path)
    except Unreadable as exc:
        return f"unreadable: {exc}"
    h = hashlib.sha256()
    try:
        with os.fdopen(fd, "rb") as fh:
            while chunk := fh.read(CHUNK):
                h.update(chunk)
    except OSError as exc:
        return f"unreadable: {exc.strerror}"
    return h.hexdigest()[:32]


def scan(content: Path) -> tuple[list[Path], list[Problem]]:
    """Every regular file under ``content`` (sorted; links that stay inside are followed) and
    an error for every entry that is anything else or leads outside."""
    root = os.path.realpath(content)
    files: list[Path] = []
    problems: list[Problem] = []

    def visit(folder: Path, above: frozenset[str] = frozenset()) -> None:
        real = os.path.realpath(folder)
        if real in above:  # a link to a folder it lies in: a loop
            return
        above = above | {real}
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            problems.append(Problem(str(folder), 0, 0, f"cannot read: {exc.strerror}",
                                    code="io"))
            return
        for entry in entries:
            path = Path(entry.path)
            try:
                mode = path.stat().st_mode
            except OSError as exc:
                problems.append(Problem(str(path), 0, 0, f"cannot read: {exc.strerror}",
                                        code="io"))
                continue
            if not stat.S_ISDIR(mode) and not stat.S_ISREG(mode):
                problems.append(Problem(str(path), 0, 0, "not a regular file (a pipe, socket "
                                        "or device): remove it", code="io"))
            elif entry.is_symlink() and not _inside(root, os.path.realpath(path)):
                problems.append(Problem(str(path), 0, 0, "a link to a file outside the "
                                        "content folder: copy the file in instead", code="io"))
            elif stat.S_ISDIR(mode):
                visit(path, above)
            else:
                files.append(path)

    visit(content)
    return sorted(files), problems


def _inside(root: str, real: str) -> bool:
    return os.path.commonpath([root, real]) == root
