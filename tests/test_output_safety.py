"""The output folder when the machine misbehaves: two builds of one output, files deleted from
it behind the build's back, folders beside it that no build made, and writes the disk refuses."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import site_gen.engine.build
import site_gen.engine.worker_pool
from site_gen.cli import main
from site_gen.engine.build import build_site
from site_gen.engine.output_lock import OutputBusy, output_lock

from .conftest import ROOT
from .test_faults import leftovers, site_files, snapshot

BROKEN = {"seasons/2003-04/calgary.yaml": "city: [unclosed\n"}


def cli_build(content: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, str(ROOT / "build.py"), "build", "--content", str(content),
            "--out", str(out), "--jobs", "1", *extra]


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory, real_content: Path) -> dict[str, bytes]:
    """The real content built once: what every complete site here must hold."""
    out = tmp_path_factory.mktemp("ref") / "public"
    build_site(real_content, out, jobs=1)
    return site_files(out)


@pytest.fixture
def paused_build(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, real_content: Path):
    """A build of the real content into tmp_path/public, run in a thread and paused right after
    it made its staging folder until ``go`` is set."""
    staged, go = threading.Event(), threading.Event()
    real_stage = site_gen.engine.build.stage

    def stage_then_pause(out: Path, whole: str | None = None) -> Path:
        staging = real_stage(out, whole)
        staged.set()
        go.wait(60)
        return staging

    monkeypatch.setattr(site_gen.engine.build, "stage", stage_then_pause)
    out = tmp_path / "public"
    result: dict[str, object] = {}

    def run() -> None:
        try:
            result["report"] = build_site(real_content, out, jobs=1)
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            result["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    assert staged.wait(60), "the first build never staged"
    yield out, go, result
    go.set()
    thread.join(60)


def test_second_build_of_one_output_exits_2_naming_the_holder(paused_build, make_site,
                                                             reference) -> None:
    out, go, result = paused_build
    broken = make_site(BROKEN)  # a build that would write nothing, and once cleaned up
    started = time.monotonic()
    second = subprocess.run(cli_build(broken, out), capture_output=True, text=True, timeout=60)
    assert time.monotonic() - started < 20  # at once, not after the first build
    assert second.returncode == 2, second.stderr
    assert f"is being built by process {os.getpid()}" in second.stderr
    assert "Traceback" not in second.stderr
    go.set()
    for _ in range(600):
        if "report" in result or "error" in result:
            break
        time.sleep(0.1)
    assert "error" not in result, result.get("error")
    assert site_files(out) == reference  # every file of the first build is there
    assert leftovers(out) == []


def test_wait_builds_after_the_holder_is_done(paused_build, reference, real_content: Path
                                               ) -> None:
    out, go, result = paused_build
    second = subprocess.Popen(cli_build(real_content, out, "--wait"),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(3)
        assert second.poll() is None, second.communicate()  # waiting for the lock
        go.set()
        stdout, stderr = second.communicate(timeout=120)
    finally:
        second.kill()
    assert second.returncode == 0, stderr
    assert "error" not in result
    assert "0 written" in stdout  # the first build's site was complete and is kept
    assert site_files(out) == reference


def test_serve_of_an_output_being_built_exits_2(tmp_path: Path, real_content: Path) -> None:
    out = tmp_path / "public"
    with output_lock(out):
        served = subprocess.run([sys.executable, str(ROOT / "build.py"), "serve", "--content",
                                 str(real_content), "--out", str(out), "--port", "0"],
                                capture_output=True, text=True, timeout=60)
    assert served.returncode == 2
    assert f"public/ is being built by process {os.getpid()}" in served.stderr
    assert not out.exists()


@pytest.mark.parametrize("command", ["build", "serve"])
def test_an_output_whose_folder_cannot_be_made_is_one_line(tmp_path: Path, real_content: Path,
                                                          command: str) -> None:
    """--out under a regular file: the lock beside it cannot be created either."""
    (tmp_path / "file").write_text("a file, not a folder")
    out = tmp_path / "file" / "public"
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), command, "--content",
                           str(real_content), "--out", str(out),
                           *(["--port", "0"] if command == "serve" else [])],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode in (1, 2), done.stderr
    assert "Traceback" not in done.stderr and done.stderr.startswith("error: "), done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr


def test_lock_of_a_killed_build_is_free(tmp_path: Path) -> None:
    out = tmp_path / "public"
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from pathlib import Path\n"
        "from site_gen.engine.output_lock import output_lock\n"
        f"with output_lock(Path({str(out)!r})):\n    print('held', flush=True); time.sleep(600)")],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    with pytest.raises(OutputBusy, match=f"process {holder.pid}"), output_lock(out):
        pass
    holder.send_signal(signal.SIGKILL)
    holder.wait(10)
    with output_lock(out):  # released by the kernel with its holder
        pass


def test_deleted_output_files_are_rebuilt(tmp_path: Path, reference, real_content: Path
                                          ) -> None:
    """The manifest is trusted only as far as a stat confirms it: deleting files from the output
    (and its spare) and building again gives the full site, in both quick paths."""
    out = tmp_path / "public"
    build_site(real_content, out, jobs=1)
    gone = ["index.html", "skaters/index.html", "static/site.css", "api/skaters.json"]
    for rel in gone:
        (out / rel).unlink()
    (out / "seasons/2003-04/index.html").write_bytes(b"truncated")
    shutil.rmtree(out.parent / ".public.spare", ignore_errors=True)
    report = build_site(real_content, out, jobs=1)  # the inputs are the same
    assert report.written >= 4
    assert site_files(out) == reference
    (out / "nations/index.html").unlink()
    build_site(real_content, out, jobs=1)
    assert site_files(out) == reference


def test_an_old_manifest_without_sizes_renders_everything(tmp_path: Path, reference,
                                                          real_content: Path) -> None:
    out = tmp_path / "public"
    build_site(real_content, out, jobs=1)
    manifest = out / ".site-gen/manifest.json"
    manifest.write_text(manifest.read_text().replace('"static"', '"x"'), encoding="utf-8")
    (out / "index.html").unlink()
    build_site(real_content, out, jobs=1)
    assert site_files(out) == reference


FOREIGN = [".public.spare", ".public.build-mine", ".public.old-backup", ".public.trash-x"]


def test_folders_beside_the_output_that_no_build_made_are_left_alone(
        tmp_path: Path, reference, real_content: Path, caplog: pytest.LogCaptureFixture
) -> None:
    for name in FOREIGN:
        (tmp_path / name / "sub").mkdir(parents=True)
        (tmp_path / name / "sub" / "keep.txt").write_text(name, encoding="utf-8")
    (tmp_path / ".public.trash-x").touch()  # old: a build would remove its own
    os.utime(tmp_path / ".public.trash-x", (0, 0))
    out = tmp_path / "public"
    before = {name: snapshot(tmp_path / name) for name in FOREIGN}
    for _ in range(3):  # a fresh output (no adopting .old-backup), then two rebuilds
        build_site(real_content, out, jobs=1)
        (out / "index.html").unlink()
    build_site(real_content, out, jobs=1)
    assert site_files(out) == reference
    assert {name: snapshot(tmp_path / name) for name in FOREIGN} == before
    said = [r.getMessage() for r in caplog.records if "not made by a build" in r.getMessage()]
    assert any(".public.spare" in m for m in said)
    assert len(said) == len(set(said))  # each once


def test_a_killed_builds_staging_folder_is_removed(tmp_path: Path, make_site,
                                                   real_content: Path) -> None:
    out = tmp_path / "public"
    build_site(real_content, out, jobs=1)
    changed = make_site({"site.yaml": "title: Changed\n"})
    killed = subprocess.Popen(cli_build(changed, out),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):  # until it staged
        if leftovers(out):
            break
        time.sleep(0.02)
    killed.send_signal(signal.SIGKILL)
    killed.wait(10)
    assert leftovers(out), "the build was killed before staging; nothing to clean"
    build_site(changed, out, jobs=1)
    assert leftovers(out) == []


@pytest.mark.parametrize(("code", "said"), [(errno.ENOSPC, "no space left on device"),
                                            (errno.EROFS, "read-only file system"),
                                            (errno.EACCES, "permission denied")])
def test_a_refused_write_is_one_line_and_the_site_stays(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        make_site, real_content: Path, code: int, said: str) -> None:
    out = tmp_path / "public"
    build_site(real_content, out, jobs=1)
    before = snapshot(out)
    content = make_site({"site.yaml": "title: Changed\n"})  # every page is written again
    real = site_gen.engine.worker_pool.write_if_changed
    calls = []

    def failing(path: str, data: bytes) -> bool:
        calls.append(path)
        if len(calls) > 20:
            raise OSError(code, os.strerror(code), path)
        return real(path, data)

    monkeypatch.setattr(site_gen.engine.worker_pool, "write_if_changed", failing)
    code_out = main(["build", "--content", str(content), "--out", str(out), "--jobs", "1"])
    err = capsys.readouterr().err
    assert code_out == 1
    lines = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and lines[0].startswith(f"error: cannot write {out}/"), err
    assert lines[0].endswith(f": {said}") and ".build-" not in lines[0]
    assert "Traceback" not in err
    assert snapshot(out) == before
    assert leftovers(out) == []
