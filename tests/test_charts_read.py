"""Charts read truthfully: a skater's placings by distance (no line from a 500m to a relay), axis
labels apart, every mark explained; a nation's seasons fit whole however many there are."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from site_gen.model.site import Competition, Distance, Race, Result
from site_gen.render.charts import FIT, medal_columns, skater_placings

from .conftest import ROOT, browser_page

Row = tuple[Race, Result, Competition]
CITIES = ["Calgary", "Tomaszów Mazowiecki", "Salt Lake City", "Dordrecht", "Nagoya"]


def season_rows(results: list[tuple[int, str, Distance, int | None, str | None]]) -> list[Row]:
    """(stop number, category, distance, place, status) → a skater's rows of one season."""
    rows: list[Row] = []
    for stop, city in enumerate(CITIES):
        mine = [r for r in results if r[0] == stop]
        if not mine:
            continue
        day = date(2014, 10, 10) + timedelta(days=30 * stop)
        races = [(Race("2014-15", city.lower(), day, cat, dist, 0, (
            Result(place, "CHN", "China", None, ("fan-jia-jae",), status=status) if dist.relay
            else Result(place, "CHN", "Fan Jia-jae", "fan-jia-jae", status=status),)))
                 for _, cat, dist, place, status in mine]
        comp = Competition("2014-15", city.lower(), city, "CAN", city.lower(), tuple(races))
        rows += [(race, race.results[0], comp) for race in races]
    return rows


M500, M1000, M1500, RELAY = (Distance(500, False), Distance(1000, False), Distance(1500, False),
                             Distance(5000, True))
# the auditor's 2014-15: a line went 1500m 5th → 1000m 2nd → relay 2nd
FAN = season_rows([(0, "men", M1500, 5, None), (0, "men", M1000, 2, None),
                   (0, "men", RELAY, 2, None), (1, "men", M1500, 3, None),
                   (1, "men", M1000, 5, None), (1, "men", M500, None, "PEN"),
                   (2, "men", RELAY, 3, None), (3, "men", RELAY, 3, None),
                   (4, "men", M500, 5, None), (4, "mixed", Distance(2000, True), 1, None),
                   (4, "men", M1500, 1, None)])


def _marks(svg: str) -> dict[tuple[str, str], str]:
    """(x, y) of each placed marker → its race ('Calgary, men 1500m')."""
    return {(x, y): title.rsplit(":", 1)[0] for x, y, title in re.findall(
        r'<path class="\w+" transform="translate\(([\d.]+) ([\d.]+)\)" d="[^"]+">'
        r"<title>([^<]+)</title>", svg)}


def test_each_line_joins_one_distance() -> None:
    chart = str(skater_placings(FAN, "2014-15", "Fan Jia-jae"))
    svg = chart[chart.index("<svg"):chart.index("</svg>")]
    marks = _marks(svg)
    assert len(marks) == 10  # every placed result has its marker
    lines = re.findall(r'<polyline[^>]* points="([^"]+)"', svg)
    joined = []
    for points in lines:
        races = [marks[tuple(p.split(","))] for p in points.split()]  # type: ignore[index]
        distances = {r.split(", ", 1)[1] for r in races}
        assert len(distances) == 1, races  # never from one distance to another
        joined.append(distances.pop())
    # a line for each distance placed at two stops or more, in stop order
    assert sorted(joined) == ["men 1000m", "men 1500m", "men 5000m relay"]
    assert "at each stop" in chart and "by distance" in chart


def test_every_mark_is_in_the_legend() -> None:
    chart = str(skater_placings(FAN, "2014-15", "Fan Jia-jae"))
    legend = chart[chart.index('<ul class="legend"'):chart.index("</ul>")]
    items = [re.sub(r"<svg.*?</svg>", "", li) for li in re.findall(r"<li[^>]*>(.*?)</li>", legend)]
    assert items == ["500m", "1000m", "1500m", "5000m relay", "Mixed 2000m relay",
                     "no place (PEN)"]
    # each distance its own marker shape, drawn in the legend as in the chart
    shapes = re.findall(r'<path class="dot" transform="translate\(0 0\)" d="([^"]+)"', legend)
    assert len(set(shapes)) == 5
    svg = chart[chart.index("<svg"):chart.index("</svg>")]
    # one encoding a variable: the place by height only (every marker one colour), the
    # distance by shape only (no dashes, no colour)
    assert set(re.findall(r'<path class="(\w+)"', chart)) == {"dot"}
    assert "stroke-dasharray" not in chart and 'class="g"' not in chart
    by_shape: dict[str, set[str]] = {}
    for d, title in re.findall(r'<path class="dot" transform="[^"]+" d="([^"]+)"><title>([^<]+)',
                               svg):
        by_shape.setdefault(d, set()).add(title.split(", ", 1)[1].rsplit(":", 1)[0])
    assert sorted(len(v) for v in by_shape.values()) == [1] * 5  # a shape: one distance
    assert ">no place</text>" in svg and "<title>Tomaszów Mazowiecki, men 500m: PEN</title>×" in svg
    # the text alternative still lists every result, and counts relay podiums apart
    assert ("11 results at 5 stops, 3 individual podiums and 4 relay podiums, best place 1st"
            in chart)
    assert ("Tomaszów Mazowiecki: men 1500m 3rd, men 1000m 5th, men 500m PEN;" in chart
            and "Nagoya: men 500m 5th, mixed 2000m relay 1st, men 1500m 1st." in chart)


@pytest.mark.parametrize("worst", [4, 5, 6, 8, 12, 21, 32, 60])
def test_place_labels_never_overlap(worst: int) -> None:
    rows = season_rows([(0, "men", M500, 1, None), (1, "men", M500, worst, None),
                        (2, "men", M1000, 2, None), (3, "men", M1000, 3, None)])
    svg = str(skater_placings(rows, "2014-15", "Fan Jia-jae"))
    ticks = [(float(y), t) for y, t in re.findall(
        r'<text class="muted" x="\d+" y="([\d.]+)" text-anchor="end">(\d+\w\w)</text>', svg)]
    assert ticks[0][1] == "1st" and ticks[-1][1].startswith(str(worst))
    ys = [y for y, _ in ticks]
    assert all(b - a >= 14 for a, b in zip(ys, ys[1:], strict=False)), ticks


def _columns(n: int) -> str:
    return str(medal_columns([(f"{2003 + i}-{(4 + i) % 100:02d}", (i % 4, 2, 1))
                              for i in range(n)], "Podium places of China per season"))


def test_one_season_draws_no_lone_column() -> None:
    """A nation of one season: its table says it; a chart of one column, its total printed
    twice (over the column and on the axis), is left out."""
    assert _columns(1) == ""
    svg = _columns(3)
    totals = re.findall(r'<text x="[\d.]+" y="[\d.]+" text-anchor="middle">(\d+)</text>', svg)
    numbers = re.findall(r">(\d+)</text>", svg)
    assert totals == ["3", "4", "5"] and sorted(numbers) == sorted(totals)  # each said once


@pytest.mark.parametrize("n", [2, 4, 17, 25, 40])
def test_season_columns_fit(n: int) -> None:
    svg = _columns(n)
    width = int(re.search(r'viewBox="0 0 (\d+) ', svg).group(1))  # type: ignore[union-attr]
    assert width <= FIT
    labels = re.findall(r'<text class="muted" x="([\d.]+)" y="[\d.]+" text-anchor="(\w+)"'
                        r'( transform="rotate\(-45 [^"]+\)")?>(\d{4}–\d\d)</text>', svg)
    assert len(labels) == n
    xs = [float(x) for x, _, _, _ in labels]
    gaps = [b - a for a, b in zip(xs, xs[1:], strict=False)]
    if labels[0][2]:  # set at a slant: lines of text at least a line's height apart
        assert all(g * 0.7 >= 13 for g in gaps)
    else:  # side by side: each about 7 px a character wide
        assert labels[0][1] == "middle" and all(g >= 7.2 * 7 + 4 for g in gaps)


SHOW = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>charts</title>
<style>{css}</style></head><body><main id="main" class="wrap">{charts}</main></body></html>"""


@pytest.mark.parametrize("width", [1280, 360])
def test_every_label_shows_whole(chromium_browser, width: int) -> None:
    """In Chromium with the site's CSS: at 1280 px a 17-season chart shows whole (no label cut
    at the box's edge, the auditor's '2019-2'); at any width, no label is outside its chart or
    on another."""
    css = (ROOT / "static" / "site.css").read_text(encoding="utf-8")
    charts = "".join([_columns(17), _columns(30), _columns(3),
                      str(skater_placings(FAN, "2014-15", "Fan Jia-jae"))])
    with browser_page(chromium_browser, width, 900) as pg:
        pg.set_content(SHOW.format(css=css, charts=charts))
        boxes = pg.eval_on_selector_all("figure.chart > svg", """svgs => svgs.map(svg => {
            const f = svg.closest('figure'), b = svg.getBoundingClientRect();
            return {fits: f.scrollWidth <= f.clientWidth, svg: [b.left, b.right, b.top, b.bottom],
                    texts: [...svg.querySelectorAll('text')].map(t => {
                        const r = t.getBoundingClientRect();
                        return [r.left, r.right, r.top, r.bottom, t.hasAttribute('transform')];
                    })}; })""")
    if width == 1280:
        assert [b["fits"] for b in boxes[:3]] == [True, True, True]
    for chart in boxes:
        left, right, top, bottom = chart["svg"]
        texts = chart["texts"]
        for t in texts:
            assert left - 0.5 <= t[0] and t[1] <= right + 0.5 and top - 0.5 <= t[2], t
            assert t[3] <= bottom + 0.5, t
        for i, a in enumerate(texts):
            for b in texts[i + 1:]:
                if a[4] and b[4]:
                    continue  # slanted labels' boxes overlap; their spacing is tested above
                apart = a[1] <= b[0] or b[1] <= a[0] or a[3] <= b[2] or b[3] <= a[2]
                assert apart, (a, b)


def test_charts_stay_light(built_site: Path) -> None:
    html = (built_site / "skaters/ahn-hyun-soo/index.html").read_text(encoding="utf-8")
    charts = re.findall(r'<figure class="chart">.*?</figure>', html)
    assert charts and all(len(c) < 12_000 for c in charts), [len(c) for c in charts]
