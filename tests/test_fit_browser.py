"""Tables and charts read right at 375 and 1280 px (issue 18): numeric headers over their
numbers in every table (one-row tables too), calendar dates and distances on one line, sort
marks beside their labels, every chart whole in its box or scrolling (its cue:
test_fan_polish_browser), the header's search placeholder whole, Korea's badge not Japan's."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest

from .conftest import browser_page

PAGES = ["skaters/ahn-hyun-soo/", "skaters/takafumi-nishitani/", "nations/jpn/", "nations/kor/",
         "venues/calgary/", "seasons/2003-04/standings/", "seasons/2003-04/leaders/", "seasons/"]

# per table: (caption, rows, [(column, cell right-aligned, header right-aligned, cell right
# edge, header right edge)])
ALIGN_JS = """() => [...document.querySelectorAll('table.data')].map(t => {
    const rows = [...t.tBodies[0].rows];
    const heads = [...t.tHead.rows[0].cells];
    return [t.caption ? t.caption.textContent.trim() : '', rows.length, heads.map((th, i) => {
        const cells = rows.map(r => r.cells[i]).filter(Boolean);
        const right = cells.every(c => getComputedStyle(c).textAlign === 'right');
        const text = el => { const r = document.createRange(); r.selectNodeContents(el);
                             return r.getBoundingClientRect().right; };
        const shown = cells.find(c => c.textContent.trim());
        return [i, right, getComputedStyle(th).textAlign === 'right',
                shown ? text(shown) : null, text(th)];
    })];
})"""


@pytest.mark.parametrize("width", [375, 1280])
def test_numeric_headers_align_with_their_numbers(chromium_browser: Any, site_url: str,
                                                  width: int) -> None:
    one_row = set()
    with browser_page(chromium_browser, width, 900) as pg:
        for path in PAGES:
            pg.goto(site_url + path)
            for caption, rows, columns in pg.evaluate(ALIGN_JS):
                if rows == 1:
                    one_row.add(caption)
                for i, cells_right, head_right, cell_edge, head_edge in columns:
                    if width == 375 and re.search("results of", caption):
                        continue  # a phone shows a race list as cards, not columns
                    where = f"{path} {caption!r} column {i + 1}"
                    assert cells_right == head_right, where
                    if cells_right and cell_edge:  # the header's words end where the numbers do
                        assert abs(cell_edge - head_edge) <= 24, (where, cell_edge, head_edge)
    assert "Results by season" in one_row and "Podium places of Japan per season" in one_row


def test_calendar_dates_and_distances_on_one_line(chromium_browser: Any, site_url: str) -> None:
    with browser_page(chromium_browser, 1280, 900) as pg:
        pg.goto(site_url + "seasons/2003-04/")
        lines = pg.eval_on_selector_all("table.podiums tbody td:nth-child(-n+2)", """tds =>
            tds.map(td => { const r = document.createRange(); r.selectNodeContents(td.firstChild);
                            return [td.textContent.trim(), r.getClientRects().length]; })""")
    assert len(lines) > 100
    wrapped = [text for text, n in lines if n != 1]
    assert wrapped == []
    assert any(t == "5000m relay" for t, _ in lines)


def test_sort_marks_stay_beside_their_labels_on_a_phone(chromium_browser: Any,
                                                         site_url: str) -> None:
    with browser_page(chromium_browser, 375, 800) as pg:
        pg.goto(site_url + "skaters/ahn-hyun-soo/")
        table = pg.locator("table:has(caption:text-is('Podiums by distance'))")
        table.locator("th button.sort").nth(2).click()  # sorted: its mark shows
        tall = table.evaluate("""t => [...t.querySelectorAll('th button.sort')].map(b => {
            const line = parseFloat(getComputedStyle(b).lineHeight) ||
                         1.5 * parseFloat(getComputedStyle(b).fontSize);
            return [b.textContent, b.getBoundingClientRect().height / Math.max(24, line)]; })""")
        box = table.evaluate("t => [t.parentElement.scrollWidth, t.parentElement.clientWidth]")
    assert len(tall) >= 5 and all(h < 1.2 for _, h in tall), tall  # one line each
    assert box[0] <= box[1]  # the table fits the phone


CHART_JS = """() => [...document.querySelectorAll('figure.chart')].map(f => {
    const box = f.getBoundingClientRect();
    const bars = [...f.querySelectorAll('.bar')].map(b => {
        const last = b.lastElementChild.getBoundingClientRect();
        return [b.previousElementSibling.textContent, last.right, last.width]; });
    return {caption: f.querySelector('figcaption').textContent,
            fits: f.scrollWidth <= f.clientWidth, right: box.right, bars};
})"""


@pytest.mark.parametrize("width", [375, 1280])
def test_charts_fit_or_scroll_with_a_cue(chromium_browser: Any, site_url: str,
                                         width: int) -> None:
    """Every chart fits a desktop box; on a phone one scrolls in its box, with a shadow on its
    right edge drawn by CSS (test_fan_polish_browser), the medal bars' totals whole."""
    seen, scrolls = [], 0
    with browser_page(chromium_browser, width, 900) as pg:
        for path in ["skaters/ahn-hyun-soo/", "skaters/wang-meng/", "seasons/2003-04/standings/",
                     "nations/kor/"]:
            pg.goto(site_url + path)
            for chart in pg.evaluate(CHART_JS):
                seen.append(chart["caption"])
                if width == 1280:
                    assert chart["fits"], (path, chart["caption"])
                else:
                    scrolls += not chart["fits"]
                for name, total_right, total_width in chart["bars"]:
                    assert total_width > 0 and total_right <= chart["right"], (name, chart)
            if path.startswith("seasons"):
                bars = pg.evaluate(CHART_JS)[0]["bars"]
                assert bars[0][0] == "South Korea"  # the longest bar, its total whole
    assert any(c.startswith("Placings of Ahn Hyun-soo") for c in seen)
    assert scrolls > 0 if width == 375 else scrolls == 0
    assert "Podium places by nation, 2003–04" in seen


@pytest.mark.parametrize("width", [375, 1024, 1280])
def test_header_search_placeholder_shows_whole(chromium_browser: Any, site_url: str,
                                               width: int) -> None:
    with browser_page(chromium_browser, width, 800) as pg:
        pg.goto(site_url + "skaters/")
        q = pg.locator("#q")
        placeholder = q.get_attribute("placeholder")
        q.fill(placeholder)  # as wide as the placeholder is drawn
        assert q.evaluate("e => e.scrollWidth <= e.clientWidth"), placeholder


def _colours(png: bytes) -> set[tuple[int, int, int]]:
    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("RGB")
    w, h = img.size
    pixels = (img.getpixel((x, y)) for x in range(w) for y in range(h))
    return {(r // 64, g // 64, b // 64) for r, g, b in pixels}  # type: ignore[misc]


def test_korea_badge_is_not_japans(chromium_browser: Any, site_url: str) -> None:
    """Japan's flag is a red disc on white; Korea's disc is red over blue."""
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 800},
                                           device_scale_factor=4)
    pg = context.new_page()
    pg.goto(site_url + "nations/")
    kor = _colours(pg.locator("span.nat-kor").first.screenshot())
    jpn = _colours(pg.locator("span.nat-jpn").first.screenshot())
    context.close()
    blue = (0, 1, 2)
    assert blue in kor and blue not in jpn


def test_links_and_downloads_said_once(built_site: Path) -> None:
    """A nation's link underlines its name, not a space before it; a skater page links each
    download once; the search page has one search box."""
    for page in built_site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'<a href="[^"]*/nations/[a-z]+/">\s', html), page
        if page.parent.parent.name == "skaters":
            hrefs = re.findall(r'<a href="([^"]+\.csv)" download>', html)
            assert len(hrefs) == len(set(hrefs)), page
    search = (built_site / "search" / "index.html").read_text(encoding="utf-8")
    assert search.count('type="search"') == 1
