"""A real ``python build.py serve`` in a subprocess, for the dev server tests and the benchmark."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parent.parent
STARTUP_TIMEOUT = 180.0  # first build of a whole site on a loaded 2-core CI machine
CHANGE_TIMEOUT = 60.0
T = TypeVar("T")


def wait_for(check: Callable[[], T | None], timeout: float, what: str) -> T:
    """Poll ``check`` until it returns something truthy; fail with ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(0.05)


def save(path: Path, text: str) -> None:
    """Save like an editor does: write the whole file in place."""
    path.write_text(text, encoding="utf-8")


def http_request(port: int, path: str, method: str = "GET", timeout: float = 30.0
                 ) -> tuple[int, dict[str, str], bytes]:
    """One raw request to 127.0.0.1:port; ``path`` is sent exactly as given (no normalisation)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.putrequest(method, path, skip_accept_encoding=True)
        conn.endheaders()
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


class ServeProcess:
    """``python build.py serve`` on a loopback port; output collected by a reader thread.
    Without ``port``, serve binds any free port itself (--port 0) and keeps it: no other test
    process can take it between a pick and the bind."""

    def __init__(self, content: Path, port: int | None = None, env: dict[str, str] | None = None,
                 extra: list[str] | None = None) -> None:
        self._port = port
        self.content = content
        cmd = [sys.executable, str(ROOT / "build.py"), "serve", "--content", str(content),
               "--port", str(port or 0), *(extra or [])]
        self.lines: list[str] = []
        self.proc = subprocess.Popen(
            cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    @property
    def port(self) -> int:
        """The port serve listens on: with --port 0, the one its first line names."""
        if self._port is None:
            def named() -> int | None:
                exited = self.proc.poll() is not None
                found = SERVE_URL.search(self.output)
                if found:
                    return int(found.group(1))
                if exited:
                    self._reader.join(timeout=10)
                    if not SERVE_URL.search(self.output):
                        raise AssertionError(f"serve exited with {self.proc.returncode}:\n"
                                             f"{self.output}")
                return None

            self._port = wait_for(named, STARTUP_TIMEOUT, f"serve's port\n{self.output}")
        return self._port

    def request(self, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
        return http_request(self.port, path, method)

    def text(self, path: str) -> str:
        status, _, body = self.request(path)
        assert status == 200, f"GET {path} → {status}"
        return body.decode("utf-8")

    def state(self) -> dict[str, Any]:
        return json.loads(self.request("/__livereload/status")[2])

    def wait_ready(self, timeout: float = STARTUP_TIMEOUT) -> dict[str, Any]:
        def ready() -> dict[str, Any] | None:
            if self.proc.poll() is not None:
                raise AssertionError(f"serve exited with {self.proc.returncode}:\n{self.output}")
            try:
                return self.state()
            except OSError:
                return None

        return wait_for(ready, timeout, f"the server on port {self.port}\n{self.output}")

    def wait_state(self, check: Callable[[dict[str, Any]], bool], what: str,
                   timeout: float = CHANGE_TIMEOUT) -> dict[str, Any]:
        def probe() -> dict[str, Any] | None:
            st = self.state()
            return st if check(st) else None

        try:
            return wait_for(probe, timeout, what)
        except AssertionError as exc:
            raise AssertionError(f"{exc}\nserver output:\n{self.output}") from None

    def wait_text(self, path: str, needle: str, timeout: float = CHANGE_TIMEOUT) -> str:
        def probe() -> str | None:
            status, _, body = self.request(path)
            page = body.decode("utf-8", "replace")
            return page if status == 200 and needle in page else None

        try:
            return wait_for(probe, timeout, f"{needle!r} on {path}")
        except AssertionError as exc:
            raise AssertionError(f"{exc}\nserver output:\n{self.output}") from None

    def interrupt(self, timeout: float = 60.0) -> int:
        """Ctrl-C: SIGINT and wait for the exit code."""
        self.proc.send_signal(signal.SIGINT)
        return self.proc.wait(timeout=timeout)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=120)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=30)
        self._reader.join(timeout=10)


class EventStream:
    """A Server-Sent Events client for ``/__livereload``: yields each ``state`` event's data."""

    def __init__(self, port: int, timeout: float = CHANGE_TIMEOUT) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.sock.sendall(b"GET /__livereload HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                          b"Accept: text/event-stream\r\n\r\n")
        self.file = self.sock.makefile("rb")
        while self.file.readline().strip():  # status line and headers
            pass

    def events(self) -> Iterator[dict[str, Any]]:
        name, data = "", ""
        for raw in self.file:
            line = raw.decode("utf-8").rstrip("\r\n")
            if not line:
                if name == "state":
                    yield json.loads(data)
                name, data = "", ""
            elif line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                data += line[5:].strip()

    def next_state(self, check: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        for state in self.events():
            if check(state):
                return state
        raise AssertionError("event stream closed")

    def close(self) -> None:
        self.file.close()
        self.sock.close()


SERVE_URL = re.compile(r"serve on http://127\.0\.0\.1:(\d+)/")
SCRIPT_TAG = re.compile(r'<script src="/__livereload\.js" data-build="([^"]*)"></script>')
