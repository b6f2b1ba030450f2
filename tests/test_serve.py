"""``serve`` end to end: a real ``python build.py serve`` on a free loopback port, real files."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .serve_helpers import (
    ROOT,
    SCRIPT_TAG,
    EventStream,
    ServeProcess,
    http_request,
    save,
    wait_for,
)

ABOUT = "pages/about.md"
CALGARY = "seasons/2003-04/calgary.yaml"
COMPETITION = "/seasons/2003-04/calgary/"
CONTENT = ROOT / "content"


@pytest.fixture
def start(make_site: Callable[..., Path]) -> Iterator[Callable[..., ServeProcess]]:
    """start(**kwargs) → a running server on a copy of content/ (stopped after the test)."""
    servers: list[ServeProcess] = []

    def _start(**kwargs: object) -> ServeProcess:
        server = ServeProcess(make_site(), **kwargs)  # type: ignore[arg-type]
        servers.append(server)
        server.wait_ready()
        return server

    yield _start
    for server in servers:
        server.close()


@pytest.fixture(scope="module")
def shared_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServeProcess]:
    """One server, never edited, for the read-only request tests."""
    content = tmp_path_factory.mktemp("serve") / "content"
    shutil.copytree(CONTENT, content)
    server = ServeProcess(content)
    try:
        server.wait_ready()
        yield server
    finally:
        server.close()


def with_rink(text: str, rink: str) -> str:
    """A stop file with its ``rink:`` (shown on the competition page) set to ``rink``."""
    if re.search(r"(?m)^rink:", text):
        return re.sub(r"(?m)^rink:.*$", f"rink: {rink}", text, count=1)
    return re.sub(r"(?m)^(city:.*)$", lambda m: f"{m.group(1)}\nrink: {rink}", text, count=1)


def test_data_edit_changes_served_page(start: Callable[..., ServeProcess]) -> None:
    server = start()
    first = server.state()["build"]
    page = server.text(COMPETITION)
    assert "Marker Oval One" not in page
    assert SCRIPT_TAG.search(page), "the live-reload script is injected into HTML pages"

    calgary = server.content / CALGARY
    save(calgary, with_rink(calgary.read_text(encoding="utf-8"), "Marker Oval One"))
    page = server.wait_text(COMPETITION, "Marker Oval One")
    assert SCRIPT_TAG.search(page)
    server.wait_state(lambda s: s["build"] != first, "a new build token (open pages reload)")
    wait_for(lambda: "written" in server.output.split("changed: ")[-1], 30, "the build report")


def test_markdown_page_edit_is_served(start: Callable[..., ServeProcess]) -> None:
    server = start()
    about = server.content / ABOUT
    save(about, about.read_text(encoding="utf-8") + "\nedit-marker-one\n")
    server.wait_text("/about/", "edit-marker-one")


def test_second_save_within_one_second_is_served(start: Callable[..., ServeProcess]) -> None:
    server = start()
    calgary = server.content / CALGARY
    original = calgary.read_text(encoding="utf-8")

    # Two saves 0.2 s apart: the second is the one that must end up served.
    save(calgary, with_rink(original, "Quick Save One"))
    time.sleep(0.2)  # spacing between the saves, not a wait for the server
    save(calgary, with_rink(original, "Quick Save Two"))
    server.wait_text(COMPETITION, "Quick Save Two")

    # A save right after a reload (livereload would ignore it for 3 s) is built and served too.
    save(calgary, with_rink(original, "Quick Save Three"))
    server.wait_text(COMPETITION, "Quick Save Three")
    save(calgary, with_rink(original, "Quick Save Four"))
    page = server.wait_text(COMPETITION, "Quick Save Four")
    assert "Quick Save Three" not in page


def test_atomic_save_by_rename_is_served(start: Callable[..., ServeProcess]) -> None:
    """Editors that write a temp file and rename it over the original (vim, many IDEs)."""
    server = start()
    calgary = server.content / CALGARY
    tmp = calgary.with_name(".calgary.yaml.tmp")
    tmp.write_text(with_rink(calgary.read_text(encoding="utf-8"), "Renamed Oval"),
                   encoding="utf-8")
    os.replace(tmp, calgary)
    server.wait_text(COMPETITION, "Renamed Oval")


def test_first_build_failing_still_serves_and_recovers(make_site: Callable[..., Path]) -> None:
    content = make_site()
    calgary = content / CALGARY
    original = calgary.read_text(encoding="utf-8")
    save(calgary, original.replace("city: Calgary", "city: [Calgary", 1))
    server = ServeProcess(content)
    try:
        state = server.wait_ready()
        assert state["error"] is not None and state["build"] == ""
        status, _, body = server.request("/")
        assert status == 404 and SCRIPT_TAG.search(body.decode()), "a page that shows the error"
        save(calgary, original)
        server.wait_state(lambda s: s["error"] is None and s["build"] != "", "the first good build")
        assert server.request("/")[0] == 200
    finally:
        server.close()


def test_bad_yaml_keeps_last_good_site_and_reports_until_fixed(
    start: Callable[..., ServeProcess],
) -> None:
    server = start()
    good_page = server.text("/seasons/2003-04/calgary/")
    good_build = server.state()["build"]
    calgary = server.content / CALGARY
    original = calgary.read_text(encoding="utf-8")
    stream = EventStream(server.port)
    try:
        save(calgary, original.replace("city: Calgary", "city: [Calgary", 1))
        state = stream.next_state(lambda s: s["error"] is not None)
        texts = [p["text"] for p in state["error"]["problems"]]
        assert any("calgary.yaml:" in t and t.split("calgary.yaml:")[1][:1].isdigit()
                   for t in texts), texts
        assert state["build"] == good_build, "the last good build stays current"

        # Still served: the last good page (with the script that shows the overlay) ...
        status, _, body = server.request("/seasons/2003-04/calgary/")
        assert status == 200 and body.decode() == good_page
        # ... and pages loaded afterwards learn the error from the state the script reads.
        assert server.state()["error"]["problems"][0]["text"] == texts[0]
        wait_for(lambda: "calgary.yaml:" in server.output, 30, "the error in the terminal")
        assert "Traceback" not in server.output

        save(calgary, original)
        state = stream.next_state(lambda s: s["error"] is None)
        assert state["build"] != good_build, "fixing the file rebuilds and reloads"
    finally:
        stream.close()
    assert server.state()["error"] is None
    assert server.proc.poll() is None


def test_schema_error_is_shown_with_its_place(start: Callable[..., ServeProcess]) -> None:
    server = start()
    calgary = server.content / CALGARY
    original = calgary.read_text(encoding="utf-8")
    save(calgary, original.replace("distance: 1500m", "distance: 700m", 1))
    state = server.wait_state(lambda s: s["error"] is not None, "a schema error")
    problems = state["error"]["problems"]
    assert any("calgary.yaml" in p["file"] and p["line"] > 0 and "700m" in p["text"]
               for p in problems), problems
    save(calgary, original)
    server.wait_state(lambda s: s["error"] is None, "the error to clear")


@pytest.mark.parametrize("path", [
    "/../../etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/..%2f..%2f..%2fetc%2fpasswd",
    "/%2E%2E%5C%2E%2E%5Cetc%5Cpasswd",
    "/..\\..\\etc\\passwd",
    "/%5c..%5c..%5cetc%5cpasswd",
    "//etc/passwd",
    "/%2fetc%2fpasswd",
    "/etc/passwd%00.html",
    "/C:%5cWindows%5cwin.ini",
    "/%252e%252e/%252e%252e/etc/passwd",
    "/seasons/../../../../etc/passwd",
])
def test_traversal_requests_get_404(shared_server: ServeProcess, path: str) -> None:
    server = shared_server
    status, _, body = server.request(path)
    assert status == 404, f"{path} → {status}"
    assert b"root:" not in body


def test_pretty_urls_redirects_and_404_page(shared_server: ServeProcess) -> None:
    server = shared_server
    status, headers, _ = server.request("/seasons/2003-04")
    assert status in (301, 302) and headers["location"] == "/seasons/2003-04/"
    status, _, body = server.request("/seasons/2003-04/")
    assert status == 200 and body == server.request("/seasons/2003-04/index.html")[2]
    status, _, body = server.request("/no/such/page/")
    assert status == 404
    site_404 = (server.request("/404.html")[2])
    assert body == site_404, "unknown paths serve the site's own 404 page"
    status, headers, _ = server.request("/", method="HEAD")
    assert status == 200 and headers["content-type"].startswith("text/html")


def test_busy_port_gives_one_line_and_exit_1(make_site: Callable[..., Path]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [sys.executable, str(ROOT / "build.py"), "serve", "--content", str(make_site()),
             "--port", str(port)],
            cwd=ROOT, capture_output=True, text=True, timeout=120,
        )
    assert result.returncode == 1
    message = result.stderr.strip()
    assert "Traceback" not in result.stderr + result.stdout
    assert len(message.splitlines()) == 1 and str(port) in message and "in use" in message


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP],
                         ids=["ctrl-c", "sigterm", "terminal-closed"])
def test_stopping_exits_0_and_removes_the_temp_folder(
    make_site: Callable[..., Path], tmp_path: Path, signum: signal.Signals
) -> None:
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    server = ServeProcess(make_site(), env={"TMPDIR": str(tmpdir)})
    try:
        server.wait_ready()
        assert any(tmpdir.iterdir()), "the site is built into a temporary folder"
        server.proc.send_signal(signum)
        assert server.proc.wait(timeout=60) == 0
    finally:
        server.close()
    assert "Traceback" not in server.output
    assert not any(tmpdir.iterdir()), f"left behind: {list(tmpdir.iterdir())}"


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_stopping_while_requests_pour_in_exits(
    make_site: Callable[..., Path], signum: signal.Signals
) -> None:
    """The signal lands while the server is starting request threads: it still stops (it once
    raised inside the handler-count semaphore, left a lock half-released and kept serving)."""
    server = ServeProcess(make_site())
    stop = threading.Event()

    def hammer() -> None:
        while not stop.is_set():
            try:
                http_request(server.port, "/", timeout=5)
            except OSError:
                time.sleep(0.01)

    try:
        server.wait_ready()
        threads = [threading.Thread(target=hammer, daemon=True) for _ in range(6)]
        for t in threads:
            t.start()
        time.sleep(0.5)  # requests in flight: the main thread is accepting connections
        server.proc.send_signal(signum)
        try:
            code = server.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"serve ignored the signal:\n{server.output}") from None
        assert code == 0, server.output
    finally:
        stop.set()
        server.close()
    assert "Traceback" not in server.output and "Semaphore" not in server.output


def _dead_pid() -> int:
    """The pid of a process that has exited (and been reaped): no process has it now."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_killed_servers_temp_site_is_removed_by_the_next_serve(
    make_site: Callable[..., Path], tmp_path: Path
) -> None:
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    killed = ServeProcess(make_site(), env={"TMPDIR": str(tmpdir)})
    try:
        killed.wait_ready()
        killed.proc.kill()  # SIGKILL: no cleanup possible
        killed.proc.wait(timeout=30)
    finally:
        killed.close()
    orphan = [p for p in tmpdir.iterdir() if p.name.startswith("site-gen-serve-")]
    assert orphan and any(orphan[0].rglob("index.html")), "the killed server left its site"
    unrelated = tmpdir / f"site-gen-serve-{_dead_pid()}x"  # not a server's name: kept
    live = tmpdir / f"site-gen-serve-{os.getpid()}-abcd"  # a live process's: kept
    for folder in (unrelated, live):
        folder.mkdir()
    server = ServeProcess(make_site(), env={"TMPDIR": str(tmpdir)})
    try:
        server.wait_ready()
        assert not orphan[0].exists(), "the orphaned temporary site is still there"
        assert unrelated.is_dir() and live.is_dir()
        assert server.interrupt() == 0
    finally:
        server.close()
    assert sorted(p.name for p in tmpdir.iterdir()) == sorted([unrelated.name, live.name])


@pytest.fixture
def synth_content(tmp_path: Path) -> Path:
    """Two synthetic seasons: a first build long enough to act during it."""
    content = tmp_path / "synth"
    subprocess.run([sys.executable, str(ROOT / "build.py"), "synth", "--seasons", "2",
                    "--content", str(content)], cwd=ROOT, check=True, capture_output=True,
                   timeout=300)
    return content


@pytest.mark.slow
def test_save_during_the_first_build_is_served(synth_content: Path) -> None:
    season = sorted((synth_content / "seasons").iterdir())[0]
    stop = sorted(p for p in season.glob("*.yaml") if p.name != "season.yaml")[0]
    text = stop.read_text(encoding="utf-8")
    server = ServeProcess(synth_content)
    try:
        wait_for(lambda: "loaded " in server.output, 120, "the first build to load the content")
        save(stop, with_rink(text, "Early Save Arena"))
        # saved while the first build renders (thousands of pages: seconds), not after it
        assert " rendered" not in server.output, server.output
        server.wait_ready()
        server.wait_text(f"/seasons/{season.name}/{stop.stem}/", "Early Save Arena")
    finally:
        server.close()


def test_ctrl_c_during_the_first_build_exits_0_and_cleans_up(
    synth_content: Path, tmp_path: Path
) -> None:
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    server = ServeProcess(synth_content, env={"TMPDIR": str(tmpdir)})
    try:
        wait_for(lambda: "building" in server.output, 120, "the first build to start")
        assert server.interrupt() == 0
    finally:
        server.close()
    assert "Traceback" not in server.output, server.output
    assert not any(tmpdir.iterdir()), f"left behind: {list(tmpdir.iterdir())}"


def test_listens_on_loopback_only_by_default(start: Callable[..., ServeProcess]) -> None:
    server = start()
    url = f"http://127.0.0.1:{server.port}/"
    wait_for(lambda: url in server.output, 30, f"{url} in the terminal")
    listening = _listening_addresses(server.port)
    if listening is None:
        pytest.skip("no /proc/net/tcp on this system")
    assert listening == {"0100007F"}, f"listening on {listening} (hex), not only 127.0.0.1"


def _listening_addresses(port: int) -> set[str] | None:
    """Local addresses (hex, as in /proc/net/tcp*) of sockets listening on ``port``."""
    found: set[str] = set()
    tables = [Path("/proc/net/tcp"), Path("/proc/net/tcp6")]
    if not tables[0].exists():
        return None
    for table in tables:
        if not table.exists():
            continue
        for line in table.read_text().splitlines()[1:]:
            fields = line.split()
            address, hex_port = fields[1].rsplit(":", 1)
            if fields[3] == "0A" and int(hex_port, 16) == port:  # 0A = LISTEN
                found.add(address)
    return found


def test_out_folder_is_kept(make_site: Callable[..., Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    server = ServeProcess(make_site(), extra=["--out", str(out)])
    try:
        server.wait_ready()
        assert (out / "index.html").is_file()
        assert server.interrupt() == 0
    finally:
        server.close()
    assert (out / "index.html").is_file(), "--out is the user's folder: never deleted"
    assert os.environ.get("TMPDIR", "") != str(out)


def test_ctrl_c_before_serve_takes_over_still_exits_0(
        make_site: Callable[..., Path], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """CONTRACT.md: serve exits 0 on Ctrl-C, also when it lands before the server installs its
    handlers (e.g. while its modules load); build keeps the usual 130."""
    import site_gen.serve.loop
    from site_gen.cli import main

    def interrupted(*args: object, **kwargs: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(site_gen.serve.loop, "serve", interrupted)
    assert main(["serve", "--content", str(make_site())]) == 0
    assert "stopped." in capsys.readouterr().err
    monkeypatch.setattr("site_gen.engine.build.build_site", interrupted)
    assert main(["build", "--content", str(make_site()), "--out",
                 str(make_site().parent / "out")]) == 130


@pytest.mark.parametrize(("command", "shown"), [
    ("build", ["--content CONTENT    the content folder (default: content)",
               "(default: public)", "(default: site.yaml's url, else /)"]),
    ("serve", ["(default: 127.0.0.1", "(default: 8000"]),
    ("check", ["(default: content)"]),
])
def test_help_shows_the_defaults(command: str, shown: list[str]) -> None:
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), command, "--help"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    said = " ".join(done.stdout.split())  # as read, whatever the width help wraps at
    for text in shown:
        assert " ".join(text.split()) in said, (text, done.stdout)
