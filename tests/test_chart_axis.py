"""Every marker of a skater's placings chart says its place to the eye, without a hover.

The auditor's chart: two markers at 2nd while the axis labelled only 1st, 3rd and 5th. A place
with a marker is labelled on the axis where that label stays 15 px from the others; where it
does not fit, the marker carries its place as a small number. The season rows and the page the
charts are shown in are those of test_charts_read.
"""

from __future__ import annotations

import re

import pytest

from site_gen.render.charts import skater_placings

from .conftest import ROOT, browser_page
from .test_charts_read import FAN, M500, M1000, M1500, RELAY, SHOW, season_rows

# (stop, category, distance, place, status) of a season; the worst place sets the axis
AUDITOR = [(0, "men", M500, 1, None), (1, "men", M500, 21, None), (2, "men", M1000, 2, None),
           (3, "men", M1000, 2, None), (4, "men", M1500, 5, None)]
DENSE = [(0, "men", M500, 2, None), (0, "men", M1000, 2, None), (0, "men", M1500, 1, None),
         (1, "men", M500, 4, None), (1, "men", M1000, 3, None), (1, "men", M1500, 32, None),
         (2, "men", M500, 2, None), (2, "men", M1000, 6, None), (2, "men", M1500, 7, None),
         (3, "men", RELAY, 2, None), (3, "men", M500, 8, None), (3, "men", M1000, 9, None),
         (3, "men", M1500, 31, None), (4, "men", M500, None, "DNF"), (4, "men", M1000, 30, None)]
SEASONS = {"auditor": AUDITOR, "dense": DENSE,
           "worst 5": [(0, "men", M500, 2, None), (1, "men", M500, 4, None),
                       (2, "men", M1000, 5, None)],
           "worst 60": [(0, "men", M500, 1, None), (1, "men", M500, 2, None),
                        (1, "men", M1000, 3, None), (2, "men", M1000, 59, None),
                        (3, "men", M500, 60, None), (4, "men", M1500, 58, None)]}


def _chart(results: list) -> str:
    return str(skater_placings(season_rows(results), "2014-15", "Fan Jia-jae"))


@pytest.mark.parametrize("season", list(SEASONS))
def test_every_marker_can_be_read_without_hovering(season: str) -> None:
    chart = _chart(SEASONS[season])
    ticks = {int(t[:-2]): float(y) for y, t in re.findall(
        r'<text class="muted" x="\d+" y="([\d.]+)" text-anchor="end">(\d+\w\w)</text>', chart)}
    ys = sorted(ticks.values())
    assert all(b - a >= 14 for a, b in zip(ys, ys[1:], strict=False)), ticks  # 15 px, rounded
    numbers = [(float(x), float(y), int(n)) for x, y, n in re.findall(
        r'<text class="pl" x="([\d.]+)" y="([\d.]+)" text-anchor="middle">(\d+)</text>', chart)]
    markers = re.findall(r'<path class="\w+" transform="translate\(([\d.]+) ([\d.]+)\)" '
                         r'd="[^"]+"><title>[^<]+: (\d+)\w\w</title>', chart)
    assert len(markers) == sum(1 for r in SEASONS[season] if r[3])
    for x, y, n in ((float(x), float(y), int(n)) for x, y, n in markers):
        on_axis = n in ticks and ticks[n] == pytest.approx(y + 4, abs=0.15)
        beside = [m for m in numbers if m[0] == x and abs(m[1] - y) <= 17.5 and m[2] == n]
        assert on_axis or beside, (n, x, y, ticks)
        assert not (on_axis and beside)  # said once
    if season == "auditor":  # 2nd fits nowhere on the axis (8.5 px under 1st): on the markers
        assert 2 not in ticks and [n for _, _, n in numbers] == [2, 2]
    if season == "worst 5":  # room for all: the axis says them and the markers stay plain
        assert sorted(ticks) == [1, 2, 3, 4, 5] and numbers == []
    # the text alternative still names every result's place
    summary = chart[chart.index('<p class="visually-hidden">'):]
    assert summary.count("men ") == len(SEASONS[season])
    assert len(chart) < 12_000


@pytest.mark.parametrize("width", [1280, 360])
def test_marker_places_show_whole_and_apart(chromium_browser, width: int) -> None:
    """In Chromium with the site's CSS: each number is inside its chart, on no other text and
    on no other marker, at least 10 px tall."""
    css = (ROOT / "static" / "site.css").read_text(encoding="utf-8")
    charts = "".join([*(_chart(r) for r in SEASONS.values()),
                      str(skater_placings(FAN, "2014-15", "Fan Jia-jae"))])
    with browser_page(chromium_browser, width, 900) as pg:
        pg.set_content(SHOW.format(css=css, charts=charts))
        charts_seen = pg.eval_on_selector_all("figure.chart > svg", """svgs => svgs.map(svg => {
            const box = e => { const r = e.getBoundingClientRect();
                               return [r.left, r.right, r.top, r.bottom]; };
            return {svg: box(svg), texts: [...svg.querySelectorAll('text')].map(box),
                    numbers: [...svg.querySelectorAll('text.pl')].map(t => [
                      ...box(t), parseFloat(getComputedStyle(t).fontSize)]),
                    markers: [...svg.querySelectorAll('path[transform]')].map(box)}; })""")
    assert sum(len(c["numbers"]) for c in charts_seen) >= 8
    for chart in charts_seen:
        left, right, top, bottom = chart["svg"]
        texts = chart["texts"]
        for i, a in enumerate(texts):
            assert left - 0.5 <= a[0] and a[1] <= right + 0.5 and top - 0.5 <= a[2], a
            for b in texts[i + 1:]:
                assert a[1] <= b[0] or b[1] <= a[0] or a[3] <= b[2] or b[3] <= a[2], (a, b)
        for n in chart["numbers"]:
            assert n[4] >= 10
            # overlapping at most its own marker (the glyphs sit above or below it)
            hit = [m for m in chart["markers"]
                   if not (n[1] <= m[0] or m[1] <= n[0] or n[3] <= m[2] + 2 or m[3] <= n[2] + 2)]
            assert len(hit) <= 1, (n, hit)
