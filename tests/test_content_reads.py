"""The content folder is read safely: pipes, devices and links leading outside are errors at
their path (never read, never published), sizes are checked before a byte is read, hashing
streams, and a byte order mark never reaches a page."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from site_gen.engine.fingerprint import hash_files
from site_gen.load.content_files import MAX_FILE_BYTES, file_digest, scan

from .conftest import ROOT


def build(content: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content",
                           str(content), "--out", str(out), "--jobs", "1"],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("rel", ["seasons/2003-04/fifo.yaml", "pages/fifo.md", "notes/fifo"])
def test_a_pipe_in_content_is_an_error_not_a_hang(make_site, tmp_path: Path, rel: str) -> None:
    content = make_site()
    (content / rel).parent.mkdir(exist_ok=True)
    os.mkfifo(content / rel)
    done = build(content, tmp_path / "public")
    assert done.returncode == 1
    assert f"{content / rel}: error: not a regular file" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "public").exists()


@pytest.mark.parametrize("rel", ["pages/leak.md", "seasons/2003-04/leak.yaml",
                                 "seasons/2003-04/intro.md"])
def test_a_link_to_a_file_outside_content_is_never_read(make_site, tmp_path: Path,
                                                         rel: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("# Secret\n\nroot:x:0:0:SECRET-LINE\n", encoding="utf-8")
    content = make_site()
    (content / rel).unlink(missing_ok=True)
    (content / rel).symlink_to(secret)
    out = tmp_path / "public"
    done = build(content, out)
    assert done.returncode == 1
    assert f"{content / rel}: error: a link to a file outside the content folder" in done.stderr
    assert "SECRET-LINE" not in done.stdout + done.stderr
    assert not out.exists()


def test_a_season_folder_linked_from_outside_is_an_error(make_site, tmp_path: Path) -> None:
    content = make_site()
    elsewhere = tmp_path / "elsewhere"
    (content / "seasons/2003-04").rename(elsewhere)
    (content / "seasons/2003-04").symlink_to(elsewhere)
    done = build(content, tmp_path / "public")
    assert done.returncode == 1
    assert f"{content}/seasons/2003-04: error: a link to a file outside" in done.stderr


def test_links_that_stay_inside_content_are_fine(make_site, tmp_path: Path) -> None:
    content = make_site()
    (content / "pages/about-us.md").symlink_to("about.md")
    done = build(content, tmp_path / "public")
    assert done.returncode == 0, done.stderr
    assert "About" in (tmp_path / "public/about-us/index.html").read_text(encoding="utf-8")


def test_a_link_loop_is_not_followed_forever(tmp_path: Path) -> None:
    (tmp_path / "c/a").mkdir(parents=True)
    (tmp_path / "c/a/x.md").write_text("x", encoding="utf-8")
    (tmp_path / "c/a/up").symlink_to("..")
    files, problems = scan(tmp_path / "c")
    assert problems == []
    assert files == [tmp_path / "c/a/x.md"]  # up/ leads to a folder it lies in: not read


def sparse(path: Path, size: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        fh.truncate(size)
    return path


def test_a_huge_stray_file_is_not_read_to_hash_it(make_site) -> None:
    content = make_site()
    big = sparse(content / "notes/dump.bin", 64 * 2**30)  # 64 GiB: minutes to read
    started = time.monotonic()
    digests = hash_files(content)
    assert time.monotonic() - started < 10
    assert digests[str(big)].startswith("unreadable: file larger than")
    before = digests[str(big)]
    sparse(big, 65 * 2**30)
    assert hash_files(content)[str(big)] == before  # only what a stat tells: never read


def test_a_huge_stop_file_is_an_error_at_its_path(make_site, tmp_path: Path) -> None:
    content = make_site()
    sparse(content / "seasons/2003-04/huge.yaml", 64 * 2**30)
    done = build(content, tmp_path / "public")
    assert done.returncode == 1
    assert (f"huge.yaml: error: file larger than {MAX_FILE_BYTES // 2**20} MiB"
            in done.stderr)


def test_file_digest_streams_the_same_digest(tmp_path: Path) -> None:
    import hashlib

    data = os.urandom(3 * 2**20 + 17)  # several chunks
    path = tmp_path / "f.yaml"
    path.write_bytes(data)
    assert file_digest(path) == hashlib.sha256(data).hexdigest()[:32]


def test_byte_order_marks_are_dropped(make_site, tmp_path: Path) -> None:
    content = make_site()
    for rel in ("seasons/2003-04/intro.md", "pages/about.md", "nations.yaml",
                "seasons/2003-04/calgary.yaml"):
        path = content / rel
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    out = tmp_path / "public"
    done = build(content, out)
    assert done.returncode == 0, done.stderr
    for rel in ("seasons/2003-04/index.html", "about/index.html", "nations/index.html",
                "seasons/2003-04/calgary/index.html"):
        assert "\ufeff" not in (out / rel).read_text(encoding="utf-8"), rel
