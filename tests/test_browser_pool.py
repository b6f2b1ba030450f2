"""browser_page (conftest) reuses a page of an earlier test: it must come back as new."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import browser_page


def test_a_reused_page_comes_back_as_new(chromium_browser: Any, site_url: str) -> None:
    with browser_page(chromium_browser, 1280, 900, js=True) as first:
        first.goto(site_url + "skaters/")
        first.context.add_cookies([{"name": "seen", "value": "1", "url": site_url}])
        first.context.new_page().goto(site_url)  # e.g. a second page of the same visitor
        used = first
    with browser_page(chromium_browser, 360, 740, js=True) as again:
        assert again is used  # the same page, reset
        assert again.url == "about:blank"
        assert again.context.pages == [again]
        assert again.context.cookies() == []
        assert again.viewport_size == {"width": 360, "height": 740}
        again.goto(site_url)
        assert again.evaluate("innerWidth") == 360
        again.wait_for_timeout(300)


def test_a_page_whose_test_failed_is_not_reused(chromium_browser: Any) -> None:
    with pytest.raises(RuntimeError):
        with browser_page(chromium_browser, 800, 600, js=False) as failed:
            raise RuntimeError("the test failed here")
    assert failed.is_closed()
    with browser_page(chromium_browser, 800, 600, js=False) as fresh:
        assert fresh is not failed


def test_javascript_errors_fail_only_the_test_that_had_them(chromium_browser: Any) -> None:
    with pytest.raises(AssertionError, match="JavaScript errors"):
        with browser_page(chromium_browser, 800, 600) as pg:
            pg.goto("data:text/html,<script>throw new Error('boom')</script>")
    with browser_page(chromium_browser, 800, 600) as pg:
        pg.goto("data:text/html,<p>quiet</p>")
