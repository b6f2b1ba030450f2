"""An open page in Debian's Chromium reloads by itself after a save and shows build errors."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from .serve_helpers import CHANGE_TIMEOUT, ServeProcess, save

OVERLAY = "#site-gen-error-overlay"
WAIT_MS = CHANGE_TIMEOUT * 1000


@pytest.fixture
def server(make_site: Callable[..., Path]) -> Iterator[ServeProcess]:
    proc = ServeProcess(make_site())
    try:
        proc.wait_ready()
        yield proc
    finally:
        proc.close()


@pytest.fixture
def page(chromium_browser: Any) -> Iterator[Any]:
    context = chromium_browser.new_context()
    try:
        yield context.new_page()
    finally:
        context.close()


def _live(page: Any, url: str) -> None:
    """Open a page and wait until its live-reload stream is connected."""
    page.goto(url)
    page.wait_for_function(
        "() => performance.getEntriesByType('resource')"
        ".some(e => e.name.endsWith('/__livereload.js'))",
        timeout=WAIT_MS,
    )
    page.evaluate("window.__notReloaded = true")


def test_open_page_reloads_by_itself_after_an_edit(server: ServeProcess, page: Any) -> None:
    _live(page, f"http://127.0.0.1:{server.port}/seasons/2003-04/calgary/")
    assert "Browser Marker Oval" not in page.content()
    before = server.state()["build"]
    calgary = server.content / "seasons" / "2003-04" / "calgary.yaml"
    text = calgary.read_text(encoding="utf-8")
    save(calgary, text.replace("city: Calgary\n", "city: Calgary\nrink: Browser Marker Oval\n", 1))

    page.wait_for_function(
        "() => document.body.innerText.includes('Browser Marker Oval')", timeout=WAIT_MS
    )
    assert page.evaluate("window.__notReloaded === undefined"), "the page itself reloaded"
    assert server.state()["build"] != before


def test_overlay_shows_a_bad_edit_and_clears_when_fixed(server: ServeProcess, page: Any) -> None:
    base = f"http://127.0.0.1:{server.port}"
    _live(page, f"{base}/seasons/2003-04/calgary/")
    calgary = server.content / "seasons" / "2003-04" / "calgary.yaml"
    original = calgary.read_text(encoding="utf-8")
    save(calgary, original.replace("city: Calgary", "city: [Calgary", 1))

    overlay = page.locator(OVERLAY)
    overlay.wait_for(state="visible", timeout=WAIT_MS)
    assert "calgary.yaml:" in overlay.inner_text()
    assert page.evaluate("window.__notReloaded === true"), "the last good page stays open"

    other = page.context.new_page()  # a page opened while the error stands shows it too
    other.goto(f"{base}/about/")
    other.locator(OVERLAY).wait_for(state="visible", timeout=WAIT_MS)
    assert "calgary.yaml:" in other.locator(OVERLAY).inner_text()

    save(calgary, original)
    overlay.wait_for(state="detached", timeout=WAIT_MS)
    other.locator(OVERLAY).wait_for(state="detached", timeout=WAIT_MS)
    page.wait_for_function("() => window.__notReloaded === undefined", timeout=WAIT_MS)
