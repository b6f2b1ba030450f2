"""The dev server in this process: its HTTP layer on a hand-made folder, and DevServer on the
real ``build_site`` with its own templates/ and static/ (which a test may edit)."""

from __future__ import annotations

import http.client
import json
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from site_gen.serve.http_server import DevHTTPServer, SiteState

from .conftest import POLL
from .serve_helpers import CHANGE_TIMEOUT, ROOT, http_request, save, wait_for


def test_symlinks_out_of_the_output_folder_get_404(tmp_path: Path) -> None:
    """The HTTP layer alone, on a hand-made output folder holding hostile symlinks."""
    out = tmp_path / "out"
    (out / "inner").mkdir(parents=True)
    (out / "404.html").write_text("<p>missing</p>", encoding="utf-8")
    (out / "inner" / "index.html").write_text("<p>inner</p>", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0", encoding="utf-8")
    (out / "file-link.txt").symlink_to(secret)
    (out / "dir-link").symlink_to(tmp_path)
    (out / "etc").symlink_to("/etc")
    (out / "inside-link").symlink_to(out / "inner")
    httpd = DevHTTPServer("127.0.0.1", 0, SiteState(out))
    threading.Thread(target=httpd.serve_forever, args=(POLL,), daemon=True).start()
    try:
        port = int(httpd.server_address[1])
        for path in ("/file-link.txt", "/dir-link/secret.txt", "/etc/passwd", "/etc/",
                     f"/{secret}", f"/{'%2F'.join(secret.parts[1:])}"):
            status, _, body = http_request(port, path)
            assert status == 404 and b"root:" not in body, path
            assert b"missing" in body
        status, _, body = http_request(port, "/inside-link/")
        assert status == 200 and b"inner" in body, "links that stay inside are served"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_only_requests_for_localhost_are_answered(tmp_path: Path) -> None:
    """DNS rebinding: a page on evil.example whose name now resolves to 127.0.0.1 sends
    ``Host: evil.example``; the server on loopback refuses it and serves localhost names."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("<p>home</p>", encoding="utf-8")
    httpd = DevHTTPServer("127.0.0.1", 0, SiteState(out))
    threading.Thread(target=httpd.serve_forever, args=(POLL,), daemon=True).start()
    try:
        port = int(httpd.server_address[1])

        def status_for(host: str) -> int:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            try:
                conn.putrequest("GET", "/", skip_host=True)
                conn.putheader("Host", host)
                conn.endheaders()
                resp = conn.getresponse()
                resp.read()
                return resp.status
            finally:
                conn.close()

        for host in (f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}",
                     f"site.localhost:{port}", "localhost", "127.0.0.2"):
            assert status_for(host) == 200, host
        for host in (f"evil.example:{port}", "evil.example", f"127.0.0.1.evil.example:{port}",
                     f"localhost.evil.example:{port}", "192.168.1.5", "[::2]", "a b"):
            assert status_for(host) == 403, host
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def in_process(make_site: Callable[..., Path], tmp_path: Path) -> Iterator[dict[str, Any]]:
    """A DevServer in this process on the real build_site, with its own templates/ and static/
    (so a test can edit them) and a way to make the build crash (a file named CRASH)."""
    from site_gen.engine.build import build_site
    from site_gen.serve.loop import DevServer

    content = make_site()
    templates = tmp_path / "templates"
    static = tmp_path / "static"
    shutil.copytree(ROOT / "templates", templates)
    shutil.copytree(ROOT / "static", static)

    def build(out: Path) -> Any:
        if (content / "CRASH").exists():
            raise RuntimeError("the build fell over")
        return build_site(content, out, templates=templates, static=static)

    server = DevServer(build, tmp_path / "out", [content, templates, static], port=0)
    assert server.rebuild([])
    server.start()
    try:
        yield {"server": server, "content": content, "templates": templates, "static": static}
    finally:
        server.close()


def test_template_and_static_edits_are_served(in_process: dict[str, Any]) -> None:
    port = in_process["server"].port
    page_html = in_process["templates"] / "page.html"
    original = page_html.read_text(encoding="utf-8")
    save(page_html, original.replace("{% block content %}",
                                     "{% block content %}<p>template-marker</p>", 1))
    wait_page(port, "/about/", "template-marker")

    css = in_process["static"] / "site.css"
    save(css, css.read_text(encoding="utf-8") + "\n.static-marker { color: red; }\n")
    wait_page(port, "/static/site.css", "static-marker")


def test_template_error_and_crash_are_shown_and_survived(in_process: dict[str, Any]) -> None:
    server = in_process["server"]
    page_html = in_process["templates"] / "page.html"
    original = page_html.read_text(encoding="utf-8")
    good = http_request(server.port, "/about/")[2]

    save(page_html, original.replace("{% block content %}",
                                     "{% block content %}\n{{ no_such_variable.x }}", 1))
    error = wait_error(server, lambda e: e is not None)
    assert any("page.html:" in p["text"] and p["line"] > 0 for p in error["problems"]), error
    assert http_request(server.port, "/about/")[2] == good, "the last good page is served"
    save(page_html, original)
    wait_error(server, lambda e: e is None)

    (in_process["content"] / "CRASH").write_text("", encoding="utf-8")
    error = wait_error(server, lambda e: e is not None)
    assert "RuntimeError: the build fell over" in error["problems"][0]["text"]
    assert http_request(server.port, "/about/")[0] == 200
    (in_process["content"] / "CRASH").unlink()
    wait_error(server, lambda e: e is None)


def wait_page(port: int, path: str, needle: str) -> None:
    def probe() -> bool:
        status, _, body = http_request(port, path)
        return status == 200 and needle.encode() in body

    wait_for(probe, CHANGE_TIMEOUT, f"{needle!r} on {path}")


def wait_error(server: Any, check: Callable[[Any], bool]) -> Any:
    def probe() -> dict[str, Any] | None:
        state = json.loads(http_request(server.port, "/__livereload/status")[2])
        return state if check(state["error"]) else None

    return wait_for(probe, CHANGE_TIMEOUT, "the build state")["error"]


@pytest.mark.parametrize(("raw", "parts"), [
    ("/", []),
    ("/skaters/ahn-hyun-soo/", ["skaters", "ahn-hyun-soo"]),
    ("/venues/mlada-boleslav/?q=1#x", ["venues", "mlada-boleslav"]),
    ("/a%20b/", ["a b"]),
    ("/../etc/passwd", None),
    ("/%2e%2e/etc/passwd", None),
    ("/a/%2E%2E%2F%2E%2E%2Fetc", None),
    ("/a%5c..%5c..%5cetc", None),
    ("/a/./b", None),
    ("/x%00.html", None),
    ("/c:%5cwin.ini", None),
    ("/%ff%fe", None),
    ("etc/passwd", None),
])
def test_safe_parts(raw: str, parts: list[str] | None) -> None:
    from site_gen.serve.http_server import safe_parts

    assert safe_parts(raw) == parts


def test_script_goes_before_the_last_body_end() -> None:
    from site_gen.serve.reload_client import inject

    page = inject(b"<html><body><p>x</p></BODY></html>", "abc-1")
    assert page.endswith(b'<script src="/__livereload.js" data-build="abc-1"></script>'
                         b"</BODY></html>")
    assert inject(b"<p>no body</p>", 'x"><script>').endswith(b'data-build="xscript"></script>')


def test_watcher_ignores_the_output_folder_and_its_build_siblings(tmp_path: Path) -> None:
    """An output folder inside a watched folder must not make every build trigger another."""
    import watchfiles

    from site_gen.serve.watcher import Watcher

    out = tmp_path / "content" / "_site"
    watcher = Watcher([], lambda paths: None, ignore=[out])
    modified = watchfiles.Change.modified
    for ignored in (out / "index.html", out.parent / "._site.build-x1" / "a.html",
                    out.parent / "._site.cache", out.parent / "a.yaml.swp"):
        assert not watcher._wanted(modified, str(ignored)), ignored
    for wanted in (out.parent / "seasons" / "2003-04" / "calgary.yaml", tmp_path / "_site2" / "x"):
        assert watcher._wanted(modified, str(wanted)), wanted
