"""Shared fixtures: real folders, a real built site, a real Chromium."""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import sys
import tempfile
import textwrap
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir

# No example database (it would be written into the checkout, .hypothesis/); a failure prints
# the @reproduce_failure blob that replays it. Example counts are each test's own.
settings.register_profile("site-gen", database=None, print_blob=True)
settings.load_profile("site-gen")
# What runs keep for the next (hypothesis's files, compiled bytecode and templates) goes to the
# system's temporary folder as the first test process finds it (a run's own temporary folder may
# be in memory, below), never into the checkout.
KEEP = Path(os.environ.setdefault("SITE_GEN_TEST_KEEP", tempfile.gettempdir()))
# hypothesis: constants of the code under test, Unicode tables (not .hypothesis/ in the checkout)
set_hypothesis_home_dir(KEEP / f"site-gen-hypothesis-{os.getuid()}")


def _keep_bytecode() -> None:
    """Compiled bytecode of site_gen and of the tests (as pytest rewrites them) is kept between
    runs outside the checkout, in the system's temporary folder, for every test process and the
    CLI processes the tests start. With PYTHONDONTWRITEBYTECODE=1 (our machines set it) each of
    the ~300 processes a run starts compiled every module again."""
    folder = KEEP / f"site-gen-pycache-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        if folder.is_symlink() or folder.stat().st_uid != os.getuid():
            return  # not ours: compile as before
    except OSError:
        return
    sys.pycache_prefix = str(folder)
    sys.dont_write_bytecode = False
    os.environ["PYTHONPYCACHEPREFIX"] = str(folder)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


_keep_bytecode()
# Compiled templates shared by the builds of a run (in this process and the CLI processes
# tests start), as a CI job would share them (site_gen/render/code_cache.py); the folder is
# checked as the bytecode's is, and ignored if unsafe. A test that needs builds to compile
# their templates clears the variable.
os.environ.setdefault("SITE_GEN_TEMPLATE_CACHE", str(KEEP / f"site-gen-templates-{os.getuid()}"))
ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SOURCE_ARTICLE = ROOT / "sources" / "2003-04_ISU_Short_Track_World_Cup.txt"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


# A run's temporary files (tmp_path, and TMPDIR for the processes tests start: ~1 GB of small
# files written and replaced by hundreds of builds) go to memory when the machine has a tmpfs
# with room for them: on this project's machines, an ext4 disk mounted with `discard`, that
# took a tenth off the run. SITE_GEN_TEST_TMP=disk keeps the system's temporary folder;
# --basetemp keeps pytest's own choice.
RAM_FOLDER = Path("/dev/shm")
RAM_NEEDED = 4 << 30  # free bytes the tmpfs must have
_RAM_RUN = pytest.StashKey[Path]()


def _ram_run_folder() -> Path | None:
    if os.environ.get("SITE_GEN_TEST_TMP", "ram") != "ram":
        return None
    try:
        fs = os.statvfs(RAM_FOLDER)
        if fs.f_bavail * fs.f_frsize < RAM_NEEDED or not os.access(RAM_FOLDER, os.W_OK):
            return None
        with open("/proc/self/mounts", encoding="utf-8") as mounts:
            if not any(line.split()[1:3] == [str(RAM_FOLDER), "tmpfs"] for line in mounts):
                return None
        _remove_dead_runs()
        return Path(tempfile.mkdtemp(prefix=f"site-gen-tests-{os.getuid()}-{os.getpid()}-",
                                     dir=RAM_FOLDER))
    except OSError:
        return None


def _remove_dead_runs() -> None:
    """Folders of runs that ended without removing theirs (killed, or failed tests kept): they
    hold memory, so they go once their run's process is gone."""
    for folder in RAM_FOLDER.glob(f"site-gen-tests-{os.getuid()}-*-*"):
        pid = folder.name.split("-")[4]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            shutil.rmtree(folder, ignore_errors=True)


@pytest.hookimpl(tryfirst=True)  # before pytest's tmp_path plugin reads --basetemp
def pytest_configure(config: pytest.Config) -> None:
    if hasattr(config, "workerinput") or config.option.basetemp:
        return  # an xdist worker's folders are inside the controller's
    if (run := _ram_run_folder()) is None:
        return
    config.stash[_RAM_RUN] = run
    config.option.basetemp = str(run / "pytest")  # pytest empties it: TMPDIR stays beside it
    (run / "tmp").mkdir(mode=0o700)
    os.environ["TMPDIR"] = tempfile.tempdir = str(run / "tmp")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked slow run first: each worker's queue ends with short tests, which a worker
    that has run out takes over, so both finish together (a slow test last kept one core idle
    for its whole length)."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config
                            ) -> None:
    """After a passing run its folder goes; after a failing one the last line says where."""
    run = config.stash.get(_RAM_RUN, None)  # set in the controller only
    if run is None:
        return
    if exitstatus != 0:
        terminalreporter.write_line(f"the failed tests' temporary files are kept in {run} "
                                    "(memory: remove it when done)")
    else:
        shutil.rmtree(run, ignore_errors=True)


def write_files(root: Path, files: dict[str, str]) -> Path:
    """Write ``{relative path: text}`` under root (text is dedented)."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


@pytest.fixture
def make_site(tmp_path: Path):
    """make_site(files) → a content folder holding a copy of content/ plus/overridden by files."""

    made: list[Path] = []

    def _make(files: dict[str, str] | None = None, base: Path | None = CONTENT) -> Path:
        content = tmp_path / ("content" if not made else f"content-{len(made) + 1}")
        made.append(content)
        if base is not None:
            shutil.copytree(base, content)
        else:
            content.mkdir()
        return write_files(content, files or {})

    return _make


@pytest.fixture(scope="session")
def real_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of content/ for tests that build the real site, made once per test process: a
    build records its URLs in the content folder, and the checkout is never written to.
    Tests must not change it (make_site() gives a copy to change)."""
    return shutil.copytree(CONTENT, tmp_path_factory.mktemp("real") / "content")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, real_content: Path) -> Path:
    """The real content built once per test process (each xdist worker has its own)."""
    from site_gen.engine.build import build_site

    out = tmp_path_factory.mktemp("site") / "public"
    build_site(real_content, out, base_url="/", jobs=1)
    return out


POLL = 0.05  # seconds a test server takes to notice shutdown() (the default 0.5 adds up)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def static_server(folder: Path) -> Iterator[str]:
    """Serve ``folder`` over real HTTP on 127.0.0.1 (free port); yields 'http://127.0.0.1:PORT'."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0),
                                functools.partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=httpd.serve_forever, args=(POLL,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@contextlib.contextmanager
def served_files(root: Path, files: dict[str, str]) -> Iterator[str]:
    """A content folder of ``files`` under ``root``, built and served over real HTTP; yields
    'http://127.0.0.1:PORT/' (for a module's inline test site)."""
    from site_gen.engine.build import build_site

    write_files(root / "content", files)
    build_site(root / "content", root / "public", base_url="/", jobs=1)
    with static_server(root / "public") as origin:
        yield origin + "/"


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served at http://127.0.0.1:PORT/."""
    with static_server(built_site) as origin:
        yield origin + "/"


@pytest.fixture(scope="session")
def subpath_site(tmp_path_factory: pytest.TempPathFactory, real_content: Path) -> Path:
    """The real content built with --base-url https://example.org/stats/ into ROOT/stats."""
    from site_gen.engine.build import build_site

    out = tmp_path_factory.mktemp("subpath") / "stats"
    build_site(real_content, out, base_url="https://example.org/stats/", jobs=1)
    return out


@pytest.fixture(scope="session")
def subpath_site_url(subpath_site: Path) -> Iterator[str]:
    """``subpath_site`` served under /stats/."""
    with static_server(subpath_site.parent) as origin:
        yield origin + "/stats/"


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[object]:
    """Debian's Chromium through Playwright, one per test process (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# Pages handed back by browser_page, ready for the next test of this process: a new context and
# page cost ~0.15 s (a renderer process, cold caches), and a run asks for 93 pages.
_FREE_PAGES: dict[tuple[int, bool, float], list[Any]] = {}


def _reset(pg: Any) -> bool:
    """A used page as a new one is: on about:blank (the last page unloaded, its timers gone),
    no cookies, no other pages in its context.
    False if it cannot be (it crashed, or the test closed it)."""
    try:
        if pg.is_closed():
            return False
        for other in pg.context.pages:
            if other is not pg:
                other.close()
        pg.goto("about:blank")
        pg.context.clear_cookies()
        return True
    except Exception:  # noqa: BLE001 - any failure: the page is closed, not reused
        return False


@contextlib.contextmanager
def browser_page(browser: Any, width: int, height: int, js: bool = True,
                 scale: float = 1) -> Iterator[object]:
    """A page of ``width``×``height`` (``js=False``: as a visitor without JavaScript sees it;
    ``scale``: device pixels per CSS pixel) in a context of its own, as new (a page of an
    earlier test, reset: ``_reset``); fails the test on JavaScript errors."""
    free = _FREE_PAGES.setdefault((id(browser), js, scale), [])
    if free:
        pg = free.pop()
        pg.set_viewport_size({"width": width, "height": height})
    else:
        context = browser.new_context(viewport={"width": width, "height": height},
                                      java_script_enabled=js, device_scale_factor=scale)
        pg = context.new_page()
    errors: list[str] = []

    def on_error(exc: Any) -> None:
        errors.append(str(exc))

    pg.on("pageerror", on_error)
    reuse = False
    try:
        yield pg
        reuse = True
    finally:
        pg.remove_listener("pageerror", on_error)
        if reuse and _reset(pg):
            free.append(pg)
        else:
            pg.context.close()
    assert errors == [], f"JavaScript errors: {errors}"


@pytest.fixture
def phone(chromium_browser: Any) -> Iterator[object]:
    """A 360×740 page, as on a small phone."""
    with browser_page(chromium_browser, 360, 740) as pg:
        yield pg


@pytest.fixture
def desktop(chromium_browser: Any) -> Iterator[object]:
    """A 1280×900 page."""
    with browser_page(chromium_browser, 1280, 900) as pg:
        yield pg
