"""The dev server's limits, on a real socket on 127.0.0.1: a burst of connections is queued
(backlog), a half-sent request is dropped (read timeout), the handler threads are bounded, and
only a bare host or host:port is accepted as Host (HTTP/1.1 without one is refused)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import site_gen.serve.http_server
from site_gen.serve.http_server import DevHTTPServer, DevRequestHandler, SiteState

from .conftest import POLL


@pytest.fixture
def site(tmp_path: Path) -> SiteState:
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("<p>home</p>", encoding="utf-8")
    return SiteState(out)


@pytest.fixture
def running(site: SiteState) -> Iterator[int]:
    httpd = DevHTTPServer("127.0.0.1", 0, site)
    thread = threading.Thread(target=httpd.serve_forever, args=(POLL,), daemon=True)
    thread.start()
    try:
        yield int(httpd.server_address[1])
    finally:
        httpd.shutdown()
        httpd.server_close()


def raw(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def status_of(port: int, request: bytes) -> int:
    return int(raw(port, request).split(b" ", 2)[1])


def test_a_burst_of_connections_is_queued_not_dropped(site: SiteState) -> None:
    """The server does not accept while the kernel queues: 100 connections all complete at
    once (a backlog of 5 dropped the 7th's SYN, which was retried after a second)."""
    httpd = DevHTTPServer("127.0.0.1", 0, site)  # not serving yet
    port = int(httpd.server_address[1])
    socks = []
    try:
        for _ in range(100):
            socks.append(socket.create_connection(("127.0.0.1", port), timeout=0.5))
    finally:
        for sock in socks:
            sock.close()
        httpd.server_close()
    assert len(socks) == 100


def test_a_half_sent_request_is_dropped(running: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(DevRequestHandler, "timeout", 0.5)
    with socket.create_connection(("127.0.0.1", running), timeout=10) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHo")
        started = time.monotonic()
        assert sock.recv(100) == b""  # closed by the server
        assert time.monotonic() - started < 5


@pytest.mark.slow
def test_handler_threads_are_bounded(site: SiteState, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(site_gen.serve.http_server, "MAX_HANDLERS", 8)
    monkeypatch.setattr(site_gen.serve.http_server, "HANDLER_WAIT", 0.2)
    monkeypatch.setattr(DevRequestHandler, "timeout", 2.0)
    httpd = DevHTTPServer("127.0.0.1", 0, site)
    port = int(httpd.server_address[1])
    before = threading.active_count()
    threading.Thread(target=httpd.serve_forever, args=(POLL,), daemon=True).start()
    socks = []
    try:
        for _ in range(40):  # half-sent requests, each holding a handler until its timeout
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
            sock.sendall(b"GET / HTTP/1.1\r\n")
            socks.append(sock)
        most = 0
        for _ in range(10):
            most = max(most, threading.active_count() - before)
            time.sleep(0.1)
        assert 1 < most <= 8 + 1  # the handlers and serve_forever's thread
        for sock in socks:
            sock.close()
        time.sleep(2.5)  # the held handlers time out
        assert status_of(port, b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n") == 200
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.parametrize("host", ["evil@127.0.0.1", "127.0.0.1#evil", "localhost/x",
                                  "localhost:80:80", "127.0.0.1:8000@evil.example", "",
                                  "localhost:", "[::1", "a\tb"])
def test_only_a_bare_host_or_host_port_is_accepted(running: int, host: str) -> None:
    request = f"GET / HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
    assert status_of(running, request) == 403, host


@pytest.mark.parametrize(("request_line", "status"), [("GET / HTTP/1.1", 400),
                                                      ("GET / HTTP/1.0", 200)])
def test_http11_without_host_is_refused(running: int, request_line: str, status: int) -> None:
    assert status_of(running, f"{request_line}\r\n\r\n".encode()) == status
