"""``serve``: build once, serve the output on loopback, rebuild on every save, reload open pages.

The recipe: bind the port (a busy port is a one-line error), build into a temporary folder (or
``--out``), start the watcher (content/, templates/, static/) and the rebuild thread, serve until
Ctrl-C, then delete the temporary folder. A failed build never stops the server: the last good site
stays served and the error goes to the terminal and to an overlay on every open page.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from site_gen.engine.output_lock import OutputBusy, output_lock
from site_gen.errors import DataError, InternalError, OutputError, Problem
from site_gen.render.theme import Theme
from site_gen.routing.published import manifest_path, summarize
from site_gen.serve.error_payload import crash_payload, data_error_payload
from site_gen.serve.http_server import DevHTTPServer, SiteState, is_loopback_name
from site_gen.serve.watcher import Rebuilder, Watcher

log = logging.getLogger(__name__)



class Report(Protocol):
    rendered: int
    written: int
    removed: int
    statics: int
    warnings: list[Problem]

    def summary(self) -> str: ...


Builder = Callable[[Path], Report]


def say(text: str, err: bool = False) -> None:
    print(text, file=sys.stderr if err else sys.stdout, flush=True)


def shown(path: Path) -> str:
    """A path as the user typed it: relative to the working folder when it lies inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


class DevServer:
    """The parts of ``serve`` wired together; ``serve()`` adds the terminal and the temp folder."""

    def __init__(
        self,
        build: Builder,
        out: Path,
        watch: list[Path],
        host: str = "127.0.0.1",
        port: int = 8000,
        source_roots: list[Path] | None = None,
        ignore: list[Path] | None = None,
        own_files: list[Path] | None = None,
    ) -> None:
        self.build = build
        self.out = out
        self.state = SiteState(out)
        self.source_roots = source_roots or []
        self.httpd = DevHTTPServer(host, port, self.state)  # OSError if the port is busy
        self.host, self.port = host, int(self.httpd.server_address[1])
        self.rebuilder = Rebuilder(self.rebuild)
        # files the build itself writes into a watched folder (the published-URL manifest): a
        # change is a rebuild only when someone else made it (`build --allow-removal`)
        self.own_files = [f.resolve() for f in own_files or []]
        self._own_seen: dict[Path, str | None] = {}
        self._warnings: list[str] = []  # of the last good build, said once until they change
        self.watcher = Watcher(watch, self._changed, ignore=[out, *(ignore or [])])
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    def _changed(self, paths: list[Path]) -> None:
        wanted = [p for p in paths if not self._own_echo(p)]
        if wanted:
            self.rebuilder.request(wanted)

    def _own_echo(self, path: Path) -> bool:
        """Whether a change is the build's own write of one of ``own_files`` (or its temp file)."""
        path = path.resolve()
        for own in self.own_files:
            if path.parent == own.parent and path.name.startswith(f".{own.name}."):
                return True
            if path == own and _digest(own) == self._own_seen.get(own):
                return True
        return False

    def _record_own(self) -> None:
        for own in self.own_files:
            self._own_seen[own] = _digest(own)

    def _say_warnings(self, warnings: list[str]) -> None:
        """The data warnings (a broken link in Markdown, a stray file…), when they change."""
        if warnings != self._warnings:
            n = len(warnings)
            say("\n".join(warnings) + f"\n{n} warning{'s' * (n != 1)}" if warnings
                else "no more warnings", err=bool(warnings))
            self._warnings = warnings

    def rebuild(self, changed: list[Path], quiet: bool = False) -> bool:
        """One build; reports to the terminal and to the pages. Never raises. ``quiet``: say
        nothing and reload nothing when the build found nothing to do."""
        try:
            return self._rebuild(changed, quiet)
        finally:
            self._record_own()

    def _rebuild(self, changed: list[Path], quiet: bool) -> bool:
        if changed:
            names = ", ".join(shown(p) for p in changed[:5])
            more = f" and {len(changed) - 5} more" if len(changed) > 5 else ""
            say(f"changed: {names}{more}")
        try:
            report = self.build(self.out)
        except DataError as exc:
            payload = data_error_payload(exc, self.source_roots)  # the first MAX_SHOWN
            say("\n".join(p.format() for p in summarize(exc.problems)), err=True)
            say(f"{payload['title']}; still serving the last good site.", err=True)
            self.state.failed(payload)
            return False
        except Exception as exc:  # noqa: BLE001 - a bug in the build must not stop the server
            payload = crash_payload(exc)
            say(f"internal error while building: {payload['problems'][0]['text']}", err=True)
            say("still serving the last good site (SITE_GEN_LOG=DEBUG shows the traceback).",
                err=True)
            log.debug("build crashed%s", f":\n{exc.details}"
                      if isinstance(exc, InternalError) else "", exc_info=True)
            self.state.failed(payload)
            return False
        self._say_warnings([w.format() for w in report.warnings])
        last = self.state.snapshot()
        changed_files = report.written + report.removed + report.statics
        if not changed_files and last.build and last.error is None:
            # the served files are what they were: open pages stay as they are
            if not quiet:
                say(f"{report.summary()}: nothing changed, open pages stay")
            return True
        say(report.summary())
        self.state.built()
        return True

    def watch(self) -> None:
        """Start the watcher; returns once inotify watches are in place. Changes seen before the
        rebuild thread runs are kept: it starts with one more build."""
        self.watcher.start()
        self.watcher.ready.wait(timeout=10)

    def start_rebuilding(self) -> None:
        self.rebuilder.start()

    def start(self) -> None:
        """In-process use (tests, tools): watch, rebuild and serve in background threads."""
        self.watch()
        self.start_rebuilding()
        self.start_serving()

    def start_serving(self) -> None:
        self._thread = threading.Thread(
            target=self.serve_forever, name="site-gen-http", daemon=True
        )
        self._thread.start()

    def serve_until_interrupted(self) -> None:
        """Serve from a thread while this (main) thread only sleeps: Ctrl-C, SIGTERM and SIGHUP
        raise KeyboardInterrupt in time.sleep, never inside the server's locks and semaphores
        (an interrupt there once left a lock half-released and the server deaf to the signal)."""
        self.start_serving()
        assert self._thread is not None
        while self._thread.is_alive():
            time.sleep(0.5)

    def serve_forever(self) -> None:
        self.httpd.serve_forever(poll_interval=0.05)  # stops within 0.05 s of close()

    def close(self) -> None:
        self.state.close()
        self.watcher.stop()
        self.rebuilder.stop()
        if self._thread is not None:
            self.httpd.shutdown()
        self.httpd.server_close()
        if self.rebuilder.ident is not None:
            self.rebuilder.join(timeout=2)
            if self.rebuilder.is_alive():  # let the running build finish before its folder goes
                say("waiting for the running build to finish …")
                self.rebuilder.join(timeout=120)
        if self.watcher.ident is not None:
            self.watcher.join(timeout=5)


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def default_builder(content: Path, templates: Path | None, static: Path | None,
                    fresh_workers: bool = False) -> Builder:
    def build(out: Path) -> Report:
        from site_gen.engine.build import build_site
        from site_gen.engine.progress import Progress

        # every core while no other thread runs (the first build); one after (parallel.py)
        # a page that lived only while editing (a stop saved under a typo, then renamed) is
        # not published: `build` records the URLs of what gets deployed
        return build_site(content, out, base_url="/", templates=templates, static=static,
                          record_urls=False, progress=Progress(), fresh_workers=fresh_workers)

    return build


def port_message(exc: OSError, host: str, port: int) -> str:
    if exc.errno == errno.EADDRINUSE:
        return (f"error: port {port} on {host} is already in use "
                f"(another server running?); choose another with --port")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"error: not allowed to listen on {host}:{port}; choose a port above 1023"
    return f"error: cannot listen on {host}:{port}: {exc.strerror or exc}"


_SERVING_PID = os.getpid()
TMP_PREFIX = "site-gen-serve-"  # + the server's pid: its temporary site


def remove_orphans() -> None:
    """Temporary sites of servers that were killed (SIGKILL, a crash) and could not clean up:
    those of this user whose server process is gone. A whole site in /tmp may be in memory."""
    for folder in Path(tempfile.gettempdir()).glob(f"{TMP_PREFIX}*-*"):
        pid = folder.name[len(TMP_PREFIX):].split("-", 1)[0]
        try:
            if not pid.isdigit() or folder.lstat().st_uid != os.getuid():
                continue
            os.kill(int(pid), 0)
        except ProcessLookupError:  # no such process: an orphan
            shutil.rmtree(folder, ignore_errors=True)
        except OSError:  # alive under another user, or unreadable: not ours to remove
            continue


def _raise_interrupt(signum: int, frame: object) -> None:
    """SIGTERM stops like Ctrl-C; in a forked build worker it keeps its default (quiet) effect."""
    if os.getpid() != _SERVING_PID:
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    raise KeyboardInterrupt


def serve(
    content: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    out: Path | None = None,
    *,
    templates: Path | None = None,
    static: Path | None = None,
    builder: Builder | None = None,
    fresh_workers: bool = False,
) -> int:
    """Build, serve and rebuild until Ctrl-C (exit 0); a busy port is exit 1 with one line, a port
    out of range exit 2."""
    if not content.is_dir():
        say(f"error: {content}: no such content folder", err=True)
        return 1
    if not 0 <= port <= 65535:
        say(f"error: --port {port}: a port is a number from 0 to 65535 (0: any free port)",
            err=True)
        return 2
    watch = [content, *Theme.for_content(content, templates, static).folders()]
    build = builder or default_builder(content, templates, static, fresh_workers)
    held = contextlib.ExitStack()  # the lock of --out, for as long as this server runs
    if out is not None:
        try:
            held.enter_context(output_lock(out))
        except OutputBusy as exc:
            say(f"error: {exc}", err=True)
            return 2
        except OutputError as exc:  # its folder cannot be made: read-only, no permission, full
            say(f"error: {exc}", err=True)
            return 1
    tmp = None
    if out is None:
        remove_orphans()
        tmp = Path(tempfile.mkdtemp(prefix=f"{TMP_PREFIX}{os.getpid()}-"))
    target = out if out is not None else tmp / "site"  # type: ignore[operator]
    on_main = threading.current_thread() is threading.main_thread()
    global _SERVING_PID
    _SERVING_PID = os.getpid()
    if on_main:  # Ctrl-C and SIGTERM stop cleanly, even if SIGINT was inherited as ignored
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, _raise_interrupt)
        signal.signal(signal.SIGHUP, _raise_interrupt)  # its terminal closed
    server: DevServer | None = None
    try:
        try:
            server = DevServer(build, target, watch, host, port, [content, content.parent],
                               own_files=[manifest_path(content)])
        except OSError as exc:
            say(port_message(exc, host, port), err=True)
            return 1
        say(f"building {shown(content)} into {target} to serve on {server.url} …")
        server.rebuild([])  # before any thread starts: this build may use every core
        server.watch()
        server.rebuild([], quiet=True)  # catches saves made during the first build
        server.start_rebuilding()
        folders = ", ".join(shown(f) for f in server.watcher.folders)
        say(f"serving on {server.url} (watching {folders}); press Ctrl-C to stop")
        if not is_loopback_name(host):
            say(f"warning: listening on {host}, not loopback: others on the network can connect",
                err=True)
        server.serve_until_interrupted()
    except KeyboardInterrupt:
        pass
    finally:
        if on_main:
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not skip cleanup
        if server is not None:
            server.close()
        held.close()
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
            if tmp.exists():  # a file was being replaced while the folder went: once more
                shutil.rmtree(tmp, ignore_errors=True)
        if on_main:
            signal.signal(signal.SIGINT, signal.default_int_handler)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGHUP, signal.SIG_DFL)
    say("stopped.")
    return 0
