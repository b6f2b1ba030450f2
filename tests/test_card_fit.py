"""The embeddable card (/skaters/SLUG/card/) shows everything it holds inside the iframe the
snippet sets, also for a skater with a name change and relay podiums, also when a phone's blog
narrows the iframe: each line is one line (cut with '…' if it must be), nothing clipped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from site_gen.engine.build import build_site
from site_gen.render.outputs.embeds import CARD_HEIGHT, CARD_WIDTH

from .conftest import browser_page, static_server

CAL = "seasons/2003-04/calgary.yaml"
FITS = """() => { const card = document.querySelector('.card'), c = card.getBoundingClientRect();
  return [card.scrollHeight <= card.clientHeight, [...card.children].every(el => {
    const b = el.getBoundingClientRect();
    return b.bottom <= c.bottom && (el.matches('h1, .src') || el.scrollWidth <= el.clientWidth);
  })]; }"""
# the lines of words that wrap rather than be cut: a nation's name is never cut mid-word
WRAPPED = """() => [...document.querySelectorAll('.nation, .also, .titles')].map(el =>
  [el.className, el.scrollWidth <= el.clientWidth, getComputedStyle(el).textOverflow])"""


@pytest.mark.parametrize("width", [CARD_WIDTH, 343, 320, 300])
def test_a_full_card_fits_its_iframe(make_site, tmp_path: Path, chromium_browser,
                                     width: int) -> None:
    content = make_site()
    stop = content / CAL
    stop.write_text(stop.read_text(encoding="utf-8").replace(
        "{place: 3, team: KOR}", "{place: 3, team: KOR, members: [ahn-hyun-soo, lee-seung-jae]}",
        1), encoding="utf-8")
    out = tmp_path / "public"
    build_site(content, out, jobs=1)
    oembed = json.loads((out / "skaters/ahn-hyun-soo/oembed.json").read_text(encoding="utf-8"))
    assert (oembed["width"], oembed["height"]) == (CARD_WIDTH, CARD_HEIGHT)
    with static_server(out) as url, browser_page(chromium_browser, width, CARD_HEIGHT) as pg:
        pg.goto(f"{url}/skaters/ahn-hyun-soo/card/")
        text = pg.locator(".card").inner_text()
        assert "Viktor Ahn" in text and "Relay podiums: 0 wins, 0 second, 1 third" in text
        assert pg.evaluate(FITS) == [True, True]
        assert "World Cup titles: 2003–04 overall, 1000m, 1500m" in text  # official standings
        lines = pg.evaluate(WRAPPED)
        assert {name for name, _, _ in lines} == {"nation", "also", "titles"}
        assert all(fits and overflow != "ellipsis" for _, fits, overflow in lines), lines
