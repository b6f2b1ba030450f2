"""Issue 6: the skater card works inside an iframe on another site, in Debian's Chromium."""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from site_gen.engine.build import build_site
from site_gen.render.outputs.embeds import CARD_HEIGHT, CARD_WIDTH

from .conftest import POLL


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory, real_content: Path
            ) -> Iterator[tuple[str, str]]:
    """The site built for and served at http://127.0.0.1:PORT/, and a 'blog' on another port."""
    root = tmp_path_factory.mktemp("card")
    site_dir, blog_dir = root / "site", root / "blog"
    blog_dir.mkdir()
    httpds = [ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(d)))
              for d in (site_dir, blog_dir)]
    site_url, blog_url = (f"http://127.0.0.1:{h.server_address[1]}/" for h in httpds)
    build_site(real_content, site_dir, base_url=site_url, jobs=1)
    snippet = json.loads((site_dir / "skaters/ahn-hyun-soo/oembed.json").read_text())["html"]
    (blog_dir / "index.html").write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>A fan blog</title>"
        "<link rel='icon' href='data:,'></head>"
        f"<body><h1>My post</h1>{snippet}</body></html>", encoding="utf-8")
    threads = [threading.Thread(target=h.serve_forever, args=(POLL,), daemon=True)
               for h in httpds]
    for t in threads:
        t.start()
    try:
        yield site_url, blog_url
    finally:
        for h in httpds:
            h.shutdown()
            h.server_close()


def test_card_in_an_iframe_on_another_site(chromium_browser: Any,
                                           servers: tuple[str, str]) -> None:
    site_url, blog_url = servers
    card_url = site_url + "skaters/ahn-hyun-soo/card/"
    context = chromium_browser.new_context()
    try:
        page = context.new_page()
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(blog_url, wait_until="load")
        handle = page.locator("iframe").element_handle()
        frame = handle.content_frame() if handle else None
        assert frame is not None, f"no card frame; requests: {requests}"
        frame.wait_for_load_state("load")
        assert frame.url == card_url + "?theme=light"  # the snippet chooses light
        heading = frame.locator("h1")
        assert heading.inner_text() == "Ahn Hyun-soo"
        assert "Viktor Ahn" in frame.locator("body").inner_text()
        medals = frame.locator(".medals b").all_inner_texts()
        assert medals == ["6", "6", "2", "14"]
        # styled by its own inline CSS, and it fits the iframe the snippet sets
        assert frame.evaluate("getComputedStyle(document.querySelector('.medals')).display") \
            == "flex"
        size = frame.evaluate("[document.documentElement.scrollWidth, "
                              "document.documentElement.scrollHeight]")
        assert size[0] <= CARD_WIDTH and size[1] <= CARD_HEIGHT, size
        box = page.locator("iframe").bounding_box()
        assert box is not None and (box["width"], box["height"]) == (CARD_WIDTH, CARD_HEIGHT)
        # no other request than the blog page, the card itself and the site's favicon
        assert {blog_url, card_url + "?theme=light"} <= set(requests) <= {
            blog_url, card_url + "?theme=light", site_url + "static/favicon.svg"}, requests
        assert errors == []
        with context.expect_page() as popup:
            heading.locator("a").click()
        new = popup.value
        new.wait_for_load_state()
        assert new.url == site_url + "skaters/ahn-hyun-soo/"
        assert page.url == blog_url, "the blog stays open"
    finally:
        context.close()
