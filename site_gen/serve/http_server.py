"""HTTP side of ``serve``: the output folder over HTTP, the live-reload stream and the error state.

Only files inside the output folder are served. A request path is decoded once and then refused
(404) if any segment is ``.``/``..``, holds a backslash, NUL or drive colon, or if the resolved file
(symlinks followed) lies outside the folder. ``/a/b/`` serves ``a/b/index.html``, ``/a/b`` (a
folder) redirects to ``/a/b/``, anything else missing serves the site's ``/404.html`` with 404.

Listening on loopback, it answers only requests addressed to a loopback name or address
(``Host:``, a bare host or host:port), so a web page elsewhere cannot read it through a DNS name
that resolves to 127.0.0.1 (DNS rebinding); others get 403, and HTTP/1.1 without a Host 400.

Limits: a listen backlog of 128 (a burst of requests connects at once), a read timeout on every
connection (a client that sends half a request is dropped) and at most MAX_HANDLERS requests
handled at a time (a connection beyond them waits, then is closed).
"""

from __future__ import annotations

import ipaddress
import json
import logging
import mimetypes
import re
import socket
import sys
import threading
import time
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from site_gen.routing.urls import path_for
from site_gen.serve.reload_client import CLIENT_JS, EVENTS_PATH, SCRIPT_PATH, STATUS_PATH, inject

log = logging.getLogger(__name__)

KEEPALIVE_SECONDS = 15.0
READ_TIMEOUT = 10.0  # seconds a connection may take to send its request
MAX_HANDLERS = 64  # threads answering at once (each open page's event stream holds one)
HANDLER_WAIT = 5.0  # seconds a new connection waits for a free thread before it is closed
_HOST_RE = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9.])?|\[[0-9A-Fa-f:.]+\])"
                      r"(?::[0-9]{1,5})?")
FALLBACK_404 = (
    b"<!doctype html><html lang=en><meta charset=utf-8><title>Not found</title>"
    b"<body><h1>Not found</h1><p>No page at this address (yet).</p></body></html>"
)


@dataclass(frozen=True)
class Snapshot:
    version: int
    build: str
    error: dict[str, Any] | None

    def as_json(self) -> str:
        return json.dumps({"build": self.build, "error": self.error}, ensure_ascii=False)


class SiteState:
    """What the server shows: the output folder, the current build token and the current error.

    Every change (a good build or a failed one) bumps ``version`` and wakes the event streams.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._cond = threading.Condition()
        self._version = 0
        self._count = 0
        self._prefix = f"{time.time_ns():x}"
        self._build = ""
        self._error: dict[str, Any] | None = None
        self.closing = False

    def snapshot(self) -> Snapshot:
        with self._cond:
            return Snapshot(self._version, self._build, self._error)

    def built(self) -> None:
        """A build succeeded: new token (every open page reloads), error cleared."""
        with self._cond:
            self._count += 1
            self._build = f"{self._prefix}-{self._count}"
            self._error = None
            self._version += 1
            self._cond.notify_all()

    def failed(self, error: dict[str, Any]) -> None:
        """A build failed: keep the last good token (and files), publish the error."""
        with self._cond:
            self._error = error
            self._version += 1
            self._cond.notify_all()

    def wait_change(self, seen: int, timeout: float) -> Snapshot | None:
        """Block until the state differs from version ``seen``; None on timeout or shutdown."""
        with self._cond:
            changed = self._cond.wait_for(
                lambda: self._version != seen or self.closing, timeout=timeout
            )
            if not changed or self.closing:
                return None
            return Snapshot(self._version, self._build, self._error)

    def close(self) -> None:
        with self._cond:
            self.closing = True
            self._cond.notify_all()


class DevHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 128  # the listen backlog (5 made a burst of 200 requests wait 1-2 s)

    def __init__(self, host: str, port: int, state: SiteState) -> None:
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.state = state
        self.loopback = is_loopback_name(host)
        self.handlers = threading.BoundedSemaphore(MAX_HANDLERS)
        super().__init__((host, port), DevRequestHandler)

    def process_request(self, request: Any, client_address: Any) -> None:
        """A thread per connection, at most MAX_HANDLERS at a time."""
        if not self.handlers.acquire(timeout=HANDLER_WAIT):
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.handlers.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.handlers.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A page closed mid-response is normal; anything else is one log line, no traceback."""
        exc = sys.exc_info()[1]
        if isinstance(exc, ConnectionError | TimeoutError):
            return
        log.warning("error while answering %s: %s", client_address[0], exc)
        log.debug("request failed", exc_info=True)


def is_loopback_name(host: str) -> bool:
    """'localhost', 'x.localhost', 127.0.0.0/8 or ::1."""
    host = host.strip("[]").lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def host_allowed(header: str | None, loopback: bool) -> bool:
    """Whether a request's Host header may reach a server (bound to loopback or not): a bare
    host or host:port, nothing else ('a@b', 'a#b', 'a/b' are refused)."""
    if header is None:  # an HTTP/1.0 client may send none (HTTP/1.1 must: see _route)
        return True
    if not _HOST_RE.fullmatch(header.strip()):
        return False
    if not loopback:
        return True
    try:
        name = urlsplit("//" + header.strip()).hostname
    except ValueError:
        return False
    return name is not None and is_loopback_name(name)


def safe_parts(raw_path: str) -> list[str] | None:
    """The decoded path segments of a request target, or None if it tries to leave the root."""
    path = urlsplit(raw_path).path
    if not path.startswith("/"):
        return None
    try:
        decoded = unquote(path, errors="strict")
    except UnicodeDecodeError:
        return None
    if "\\" in decoded or "\x00" in decoded:
        return None
    parts = [p for p in decoded.split("/") if p]
    if any(p in (".", "..") or ":" in p for p in parts):
        return None
    return parts


def resolve_inside(root: Path, parts: list[str]) -> Path | None:
    """The file or folder for ``parts`` under root, only if it really lies inside root."""
    try:
        real_root = root.resolve(strict=True)
        target = real_root.joinpath(*parts).resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if target != real_root and real_root not in target.parents:
        return None
    return target


class DevRequestHandler(BaseHTTPRequestHandler):
    server: DevHTTPServer
    server_version = "site-gen-dev"
    timeout = READ_TIMEOUT  # on the socket: a request sent by halves is dropped

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        log.debug("%s - %s", self.address_string(), format % args)

    def do_HEAD(self) -> None:  # noqa: N802 - stdlib naming
        self._route(head=True)

    def do_GET(self) -> None:  # noqa: N802
        self._route(head=False)

    # -- routing ---------------------------------------------------------------------------

    def _route(self, head: bool) -> None:
        if self.request_version == "HTTP/1.1" and self.headers.get("Host") is None:
            self._send(HTTPStatus.BAD_REQUEST, "text/plain; charset=utf-8",
                       b"An HTTP/1.1 request needs a Host header.\n", head)
            return
        if not host_allowed(self.headers.get("Host"), self.server.loopback):
            self._send(HTTPStatus.FORBIDDEN, "text/plain; charset=utf-8",
                       b"This development server only answers requests for localhost.\n", head)
            return
        path = urlsplit(self.path).path
        state = self.server.state
        if path == EVENTS_PATH and not head:
            self._events(state)
            return
        if path == STATUS_PATH:
            self._send(HTTPStatus.OK, "application/json", state.snapshot().as_json().encode(), head)
            return
        if path == SCRIPT_PATH:
            self._send(HTTPStatus.OK, "text/javascript", CLIENT_JS.encode(), head)
            return
        parts = safe_parts(self.path)
        target = resolve_inside(state.root, parts) if parts is not None else None
        if target is not None and target.is_dir():
            if not path.endswith("/"):
                self._redirect(path + "/")
                return
            target = resolve_inside(state.root, [*(parts or []), "index.html"])
        if target is None or not target.is_file():
            self._not_found(head)
            return
        self._file(target, HTTPStatus.OK, head)

    def _redirect(self, location: str) -> None:
        query = urlsplit(self.path).query
        self.send_response(HTTPStatus.FOUND)
        self.send_header("Location", location + (f"?{query}" if query else ""))
        self.send_header("Content-Length", "0")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()

    def _not_found(self, head: bool) -> None:
        page = resolve_inside(self.server.state.root, [path_for("not_found")])
        if page is not None and page.is_file():
            self._file(page, HTTPStatus.NOT_FOUND, head)
        else:
            self._send(HTTPStatus.NOT_FOUND, "text/html; charset=utf-8", FALLBACK_404, head)

    def _file(self, target: Path, status: HTTPStatus, head: bool) -> None:
        try:
            body = target.read_bytes()
        except OSError:  # replaced or removed by a build between resolve and read
            if status == HTTPStatus.NOT_FOUND:
                self._send(status, "text/html; charset=utf-8", FALLBACK_404, head)
            else:
                self._not_found(head)
            return
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/json", "application/xml"):
            ctype += "; charset=utf-8"
        self._send(status, ctype, body, head)

    def _send(self, status: HTTPStatus, ctype: str, body: bytes, head: bool) -> None:
        if ctype.startswith("text/html"):
            body = inject(body, self.server.state.snapshot().build)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    # -- live reload -----------------------------------------------------------------------

    def _events(self, state: SiteState) -> None:
        """Server-Sent Events: the state now, then every change, with keep-alive comments."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Accel-Buffering", "no")
        self.end_headers()
        snap: Snapshot | None = state.snapshot()
        seen = -1
        try:
            self.wfile.write(b"retry: 500\n\n")
            while not state.closing:
                if snap is None:
                    self.wfile.write(b": keep-alive\n\n")
                else:
                    self.wfile.write(f"event: state\ndata: {snap.as_json()}\n\n".encode())
                    seen = snap.version
                snap = state.wait_change(seen, KEEPALIVE_SECONDS)
        except OSError:  # the page went away
            return
