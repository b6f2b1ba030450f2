"""What a fan reads first (issue 18, the open points), in Chromium with JavaScript off as well
as on: numeric headers over their numbers in the markup, names on one line in side-by-side
tables, a chart's scroll cue drawn by CSS alone, South Korea's badge with its trigrams.

The real 2003-04 site comes from conftest's ``site_url``; the long names, relay teams, full
results and penalties of test_tables_browser's inline site are built again for this module.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest

from .conftest import browser_page, served_files
from .test_tables_browser import FILES as TABLES_FILES


@pytest.fixture(scope="module")
def tables_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with served_files(tmp_path_factory.mktemp("polish"), TABLES_FILES) as origin:
        yield origin


# one page of every kind with a table; one-row tables among them: a skater's results by season,
# a nation's podiums per season, a venue's stops, the seasons
REAL = ["", "seasons/", "seasons/2003-04/", "seasons/2003-04/calgary/",
        "seasons/2003-04/women/3000m-relay/", "seasons/2003-04/standings/",
        "seasons/2003-04/leaders/", "leaders/", "skaters/ahn-hyun-soo/",
        "skaters/takafumi-nishitani/", "nations/", "nations/kor/", "nations/jpn/", "venues/",
        "venues/calgary/"]
# full results (place, time, gap), relay teams, a penalty and a DNF, standings with points
TABLES = ["seasons/2010-11/oslo/", "seasons/2010-11/men/5000m-relay/",
          "seasons/2010-11/standings/", "skaters/m-nor-0/", "nations/nor/"]

# per table: its caption, its rows, and per column: its header, whether every cell (one at
# least) is right-aligned, whether the header is, and the right edges of the text of the header
# and of the first cell with text (with the medal dot after a place: td.place-1::after)
ALIGN_JS = """() => [...document.querySelectorAll('table.data')].map(t => {
    const rows = [...t.tBodies[0].rows];
    const right = el => getComputedStyle(el).textAlign === 'right';
    const edge = el => { const r = document.createRange(); r.selectNodeContents(el);
                         const dot = getComputedStyle(el, '::after');
                         return r.getBoundingClientRect().right + (dot.content === 'none' ? 0
                           : parseFloat(dot.width) + parseFloat(dot.marginLeft)); };
    return [t.caption.textContent.trim(), rows.length, [...t.tHead.rows[0].cells].map((th, i) => {
        const cells = rows.map(r => r.cells[i]).filter(Boolean);
        const shown = cells.find(c => c.textContent.trim());
        return [th.textContent.trim(), cells.length > 0 && cells.every(right), right(th),
                edge(th), shown ? edge(shown) : null];
    })];
})"""


H2H = "head-to-head/?a=m-nor-0&b=m-sui-0"  # tables drawn by h2h.js


@pytest.mark.parametrize("width, js", [(375, False), (1280, False), (375, True)],
                         ids=["375-no-js", "1280-no-js", "375-js"])
def test_numeric_headers_align_with_their_numbers(chromium_browser: Any, site_url: str,
                                                  tables_url: str, width: int,
                                                  js: bool) -> None:
    """The header of a column of right-aligned numbers is right-aligned too, by its class in
    the markup: without JavaScript, and in a table of one row (which gets no sort buttons);
    with JavaScript, the tables h2h.js draws (test_fit_browser: the real site with it)."""
    urls = [tables_url + p for p in TABLES + [H2H]] if js else (
        [site_url + p for p in REAL] + [tables_url + p for p in TABLES])
    one_row, numeric = set(), []
    with browser_page(chromium_browser, width, 900, js=js) as pg:
        for url in urls:
            pg.goto(url)
            if url.endswith(H2H):
                pg.locator("#h2h-result tbody tr").first.wait_for()
            for caption, rows, columns in pg.evaluate(ALIGN_JS):
                if rows == 1:
                    one_row.add(caption)
                for head, cells_right, head_right, head_edge, cell_edge in columns:
                    where = (url, caption, head)
                    assert head_right == cells_right, where
                    if cells_right:
                        numeric.append(caption)
                        # the words end where the numbers do (a sort mark may follow them)
                        if cell_edge is not None and not js:
                            assert abs(head_edge - cell_edge) <= 4, (where, head_edge, cell_edge)
    if js:  # both skaters' places in the head to head
        assert sum(" vs " in c for c in numeric) == 2, numeric
    else:
        assert {"Results by season", "Podium places of South Korea per season",
                "World Cup stops", "World Cup seasons"} <= one_row
        assert len(numeric) > 100


# every table standing in a .grid-2 (side by side where two fit): per name cell, the lines its
# link takes and whether its badge is on the link's line; per table, how much wider it is than
# its box; per grid, how far its items reach past it and how many items share a row with another
SIDE_BY_SIDE_JS = """() => [...document.querySelectorAll('.grid-2:has(table)')].map(grid => {
    const g = grid.getBoundingClientRect(), items = [...grid.children];
    const tops = items.map(i => Math.round(i.getBoundingClientRect().top));
    return {
        paired: tops.filter(t => tops.filter(u => u === t).length > 1).length,
        past: Math.max(...items.map(i => i.getBoundingClientRect().right)) - g.right,
        tables: [...grid.querySelectorAll('table')].map(t => ({
            caption: t.caption.textContent.trim(),
            over: t.parentElement.scrollWidth - t.parentElement.clientWidth,
            names: [...t.querySelectorAll('tbody td:nth-child(2)')].map(td => {
                const a = td.querySelector(':scope > a'), nat = td.querySelector('[class|=nat]');
                const mid = r => (r.top + r.bottom) / 2;
                const ra = a.getBoundingClientRect(), rn = nat.getBoundingClientRect();
                return [a.textContent, a.getClientRects().length,
                        Math.abs(mid(ra) - mid(rn)) < ra.height / 2];
            })}))};
})"""


@pytest.mark.parametrize("width", [375, 1280])
def test_names_stay_on_one_line_in_side_by_side_tables(chromium_browser: Any, site_url: str,
                                                       tables_url: str, width: int) -> None:
    """A skater's or nation's name is never broken over two lines in the per-distance leader
    tables (and the home page's and standings' side-by-side tables): at 1280 px beside its
    badge, two tables a row where they fit and one a row where a long name needs the room; on a
    phone, the name whole under its badge if need be. Nothing is wider than its box."""
    pages = [site_url + p for p in ("", "leaders/", "seasons/2003-04/leaders/",
                                    "seasons/2003-04/standings/")]
    if width == 1280:  # names of 36 letters: on a phone they may wrap (test_tables_browser)
        pages += [tables_url + p for p in ("", "leaders/", "seasons/2010-11/leaders/")]
    names, paired = [], {}
    with browser_page(chromium_browser, width, 900, js=False) as pg:
        for url in pages:
            pg.goto(url)
            grids = pg.evaluate(SIDE_BY_SIDE_JS)
            assert grids, url
            for grid in grids:
                assert grid["past"] <= 1, (url, grid)
                paired[url] = paired.get(url, 0) + grid["paired"]
                for table in grid["tables"]:
                    assert table["over"] <= 1, (url, table["caption"], table["over"])
                    for name, lines, beside in table["names"]:
                        names.append(name)
                        assert lines == 1, (url, table["caption"], name)
                        if width == 1280:
                            assert beside, (url, table["caption"], name)
            assert pg.evaluate("document.documentElement.scrollWidth") <= width, url
    assert "Jean-François Monette" in names and "South Korea" in names
    if width == 1280:
        assert "Konstantin Vanderbilt-Oppenheimer" in names
        assert paired[site_url + "leaders/"] == 10  # the ten distances two a row
        assert paired[tables_url + "leaders/"] == 2  # the 36-letter names' table and another
    else:
        assert not any(paired.values())  # one a row


def _rgb(png: bytes, points: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("RGB")
    return [img.getpixel(p) for p in points]  # type: ignore[misc]


def _edge_shade(figure: Any) -> int:
    """How much darker the right edge of a chart's box is than its left edge, in the empty band
    of its top padding (the sum of the three channels' differences)."""
    box = figure.bounding_box()
    w = round(box["width"])
    left, right = _rgb(figure.screenshot(), [(6, 6), (w - 6, 6)])
    return sum(left) - sum(right)


@pytest.mark.parametrize("width", [375, 1280])
def test_a_chart_that_scrolls_shows_a_cue_without_javascript(chromium_browser: Any,
                                                             site_url: str, width: int) -> None:
    """A chart wider than its box shows a shadow at its right edge (CSS alone), gone once
    scrolled to its end; a chart that fits shows none."""
    seen = {True: 0, False: 0}
    with browser_page(chromium_browser, width, 900, js=False) as pg:
        for path in ("skaters/ahn-hyun-soo/", "skaters/wang-meng/",
                     "seasons/2003-04/standings/"):
            pg.goto(site_url + path)
            figures = pg.locator("figure.chart")
            for i in range(figures.count()):
                figure = figures.nth(i)
                wide = figure.evaluate("f => f.scrollWidth > f.clientWidth")
                seen[wide] += 1
                shade = _edge_shade(figure)
                if wide:
                    assert shade > 40, (path, i, shade)
                    figure.evaluate("f => { f.scrollLeft = f.scrollWidth; }")
                    assert abs(_edge_shade(figure)) <= 3, (path, i, "scrolled to its end")
                else:
                    assert abs(shade) <= 3, (path, i, shade)
    if width == 375:  # a skater's placings scroll on a phone; the medal bars fit it
        assert seen[True] >= 2 and seen[False] >= 1, seen
    else:  # every chart fits a desktop box
        assert seen[True] == 0 and seen[False] >= 3, seen


# the flag drawn before a badge's code: its box in the badge's screenshot, in CSS pixels
FLAG_JS = """b => { const s = getComputedStyle(b), f = getComputedStyle(b, '::before');
    const w = parseFloat(f.width), h = parseFloat(f.height);
    return [parseFloat(s.borderLeftWidth) + parseFloat(s.paddingLeft),
            (b.getBoundingClientRect().height - h) / 2, w, h]; }"""


def _flag(pg: Any, selector: str, scale: int) -> Any:
    from PIL import Image

    badge = pg.locator(selector).first
    x, y, w, h = (v * scale for v in badge.evaluate(FLAG_JS))
    img = Image.open(io.BytesIO(badge.screenshot())).convert("RGB")
    return img.crop((round(x), round(y), round(x + w), round(y + h)))


def _pixels(img: Any, box: tuple[float, float, float, float]) -> list[tuple[int, int, int]]:
    """The pixels of a part of img given in fractions of its size (left, top, right, bottom)."""
    w, h = img.size
    xs = range(round(box[0] * w), round(box[2] * w))
    return [img.getpixel((x, y)) for x in xs for y in range(round(box[1] * h), round(box[3] * h))]


def test_south_koreas_badge_has_its_trigrams(chromium_browser: Any, site_url: str) -> None:
    """At four device pixels a CSS pixel, South Korea's mini-flag has black marks in its four
    corners (the trigrams) and red over blue in its centre; Japan's has no black, and a red
    disc on white: the two no longer read alike."""
    with browser_page(chromium_browser, 1280, 800, js=False, scale=4) as pg:
        pg.goto(site_url + "nations/")
        kor, jpn = _flag(pg, "span.nat-kor", 4), _flag(pg, "span.nat-jpn", 4)
    assert kor.size[0] > 40 and kor.size[1] > 25  # the flag, 4× its CSS size

    def dark(p: tuple[int, int, int]) -> bool:
        return max(p) < 60

    corners = [(0, 0, .35, .4), (.65, 0, 1, .4), (0, .6, .35, 1), (.65, .6, 1, 1)]
    for corner in corners:
        assert sum(map(dark, _pixels(kor, corner))) >= 6, corner  # a mark, not a stray pixel
        assert not any(map(dark, _pixels(jpn, corner))), corner
    red = [p for p in _pixels(kor, (.4, .3, .6, .45)) if p[0] > 150 and p[2] < 100]
    blue = [p for p in _pixels(kor, (.4, .55, .6, .7)) if p[2] > 120 and p[0] < 60]
    assert red and blue
    assert not any(map(dark, _pixels(kor, (.4, .3, .6, .7))))  # the disc is not black


def test_calendar_dates_sort_by_the_order_the_races_are_listed_in(chromium_browser: Any,
                                                                  site_url: str) -> None:
    """A podium table's dates carry no sort key of their own (th data-order): sorting by Date
    puts the races back in the order listed, which is their date order, across the new year."""
    with browser_page(chromium_browser, 1280, 900) as pg:
        pg.goto(site_url + "seasons/2003-04/women/1500m/")
        table = pg.locator("table.podiums").first
        listed = table.locator("tbody tr").all_text_contents()
        dates = table.locator("tbody td:first-child").all_text_contents()
        assert dates[0].endswith("Oct") and dates[-1].endswith("Feb")  # 17 Oct … 14 Feb
        heads = table.locator("thead th")
        heads.nth(2).get_by_role("button").click()  # by winner
        assert table.locator("tbody tr").all_text_contents() != listed
        date = heads.nth(0)
        date.get_by_role("button").click()
        assert date.get_attribute("aria-sort") == "ascending"
        assert table.locator("tbody tr").all_text_contents() == listed
        date.get_by_role("button").click()
        assert table.locator("tbody tr").all_text_contents() == listed[::-1]


def test_every_served_stylesheet_reads_as_its_source(chromium_browser: Any,
                                                     site_url: str) -> None:
    """site.css and forms.css lose their comments and spaces, not a rule (test_tables_browser
    checks site.css the same way)."""
    from .conftest import ROOT

    rules = """css => { const s = document.createElement('style'); s.textContent = css;
      document.head.append(s); const out = [...s.sheet.cssRules].map(r => r.cssText);
      s.remove(); return out; }"""
    with browser_page(chromium_browser, 1280, 900) as pg:
        pg.goto(site_url + "search/")
        for name in ("site.css", "forms.css"):
            source = (ROOT / "static" / name).read_text(encoding="utf-8")
            served = pg.request.get(site_url + "static/" + name).text()
            assert len(served) < len(source) * 0.9, name
            original = pg.evaluate(rules, source)
            assert len(original) > 10 and pg.evaluate(rules, served) == original, name
        # forms.css is loaded where it is used: the search box's results list is unstyled
        assert pg.evaluate("getComputedStyle(document.querySelector('.search-results'))"
                           ".listStyleType") == "none"
        pg.goto(site_url)
        links = pg.eval_on_selector_all("link[rel=stylesheet]", "ls => ls.map(l => l.href)")
        assert [h.rsplit("/", 1)[1] for h in links] == ["site.css"]


def test_the_nation_key_keeps_each_badge_beside_its_name(chromium_browser: Any,
                                                         site_url: str) -> None:
    """On a phone the key above the calendar wraps between nations, never between a badge and
    its nation's name."""
    with browser_page(chromium_browser, 375, 800, js=False) as pg:
        pg.goto(site_url + "seasons/2003-04/")
        items = pg.eval_on_selector_all(".key > span", """spans => spans.map(s =>
            [s.textContent, s.getClientRects().length, s.getBoundingClientRect().top])""")
    assert len(items) >= 8 and all(lines == 1 for _, lines, _ in items), items
    assert len({top for _, _, top in items}) > 1  # the key takes more than one line
