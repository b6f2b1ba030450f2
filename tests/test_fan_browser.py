"""A demanding fan's audit, in a real browser: phones first, then keyboards and screen readers.

A tiny inline site (times, a status, a note, a skater who changed name and nation) is built once
for the module; the real content/ site comes from conftest's ``site_url``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .conftest import served_files

SKATERS = [("anna-berg", "Anna Berg", "NED"), ("bo-chen", "Bo Chen", "CHN"),
           ("cara-diaz", "Cara Diaz", "USA"), ("dana-eck", "Dana Eck", "GER"),
           ("eva-fox", "Eva Fox", "CAN")]
TIMES = ["43.120", "43.456", "44.001", "1:02.500"]


def _race(date: str, first: str) -> str:
    order = [first] + [s for s, _, _ in SKATERS if s != first]
    lines = [f"  - date: {date}\n    category: women\n    distance: 500m\n    results:"]
    for i, slug in enumerate(order[:4]):
        note = ', note: "advanced by the referee"' if i == 2 else ""
        lines.append(f'      - {{place: {i + 1}, skater: {slug}, time: "{TIMES[i]}"{note}}}')
    lines.append(f"      - {{skater: {order[4]}, status: DNF}}")
    return "\n".join(lines) + "\n"


FILES = {
    "site.yaml": 'title: "Fan test"\n',
    "nations.yaml": "NED: Netherlands\nCHN: China\nUSA: United States\nGER: Germany\n"
                    "CAN: Canada\nBEL: Belgium\n",
    "skaters.yaml": "".join(
        f"- slug: {slug}\n  name: {name}\n  nation: {nat}\n  gender: women\n"
        + ("  changes:\n    - {season: 2011-12, name: Anna Berg-Vos, nation: BEL}\n"
           if slug == "anna-berg" else "")
        for slug, name, nat in SKATERS),
    "seasons/2010-11/season.yaml": 'title: "2010–11 World Cup"\nstart: 2010-10-22\n'
                                   "end: 2010-10-24\n",
    "seasons/2010-11/calgary.yaml": "city: Calgary\nnation: CAN\nclassification: full\nraces:\n"
                                    + _race("2010-10-22", "anna-berg"),
    "seasons/2011-12/season.yaml": 'title: "2011–12 World Cup"\nstart: 2011-10-21\n'
                                   "end: 2011-10-23\n",
    "seasons/2011-12/dresden.yaml": "city: Dresden\nnation: GER\nclassification: full\nraces:\n"
                                    + _race("2011-10-21", "bo-chen"),
}


@pytest.fixture(scope="module")
def fan_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with served_files(tmp_path_factory.mktemp("fan"), FILES) as origin:
        yield origin



def _table(pg, caption: str) -> list[list[str]]:
    return pg.eval_on_selector(
        f"table:has(caption:text('{caption}'))",
        "t => [...t.rows].map(r => [...r.cells].map(c => c.textContent.trim()))")


def test_full_results_show_the_gap_to_the_winner(phone, fan_url: str) -> None:
    phone.goto(fan_url + "seasons/2010-11/calgary/")
    rows = _table(phone, "Women 500m — full results")
    head = rows[0]
    assert "Gap" in head
    gap = [r[head.index("Gap")] for r in rows[1:]]
    # the winner has no gap; 1:02.500 is minutes, not 1.025 s; a DNF has none
    assert gap == ["", "+0.336", "+0.881", "+19.380", ""]


def test_skater_results_say_under_which_name_and_nation_and_the_note(phone, fan_url: str) -> None:
    phone.goto(fan_url + "skaters/anna-berg/")
    names = phone.locator("#names + ul li").all_text_contents()
    assert names[0].startswith("Before 2011–12: Anna Berg")  # not a bare 'First:'
    rows = _table(phone, "World Cup results of")
    head = rows[0]
    assert head[:5] == ["Date", "Stop", "Distance", "Place", "Time"]
    assert [r[head.index("Skated as")] for r in rows[1:]] == ["NED Anna Berg", "BEL Anna Berg-Vos"]
    assert rows[1][0] == "22 Oct 2010"  # short enough for a phone, with the year
    cara = fan_url + "skaters/cara-diaz/"
    phone.goto(cara)
    rows = _table(phone, "World Cup results of")
    assert "advanced by the referee" in [r[rows[0].index("Note")] for r in rows[1:]]
    assert "Skated as" not in rows[0]  # only for a skater who changed


def test_charts_keep_legible_labels_on_a_phone(phone, site_url: str) -> None:
    """A chart wider than the phone is drawn at its own size and scrolls in its box, instead of
    being shrunk to 4px labels; the page itself does not get wider."""
    phone.goto(site_url + "skaters/ahn-hyun-soo/")
    charts = phone.eval_on_selector_all("figure.chart svg", """svgs => svgs.map(s => ({
        drawn: s.getBoundingClientRect().width, own: Number(s.getAttribute('width')),
        box: s.closest('figure').clientWidth}))""")
    wide = [c for c in charts if c["own"] > c["box"]]
    assert wide, "a season with many stops makes a chart wider than a phone"
    for c in charts:
        assert c["drawn"] == pytest.approx(c["own"], abs=1), c
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    caption = phone.locator("figure.chart figcaption").first
    phone.locator("figure.chart").first.evaluate("f => f.scrollLeft = 400")
    assert caption.bounding_box()["x"] >= 0  # the caption stays in view while scrolling


def test_sorting_by_keyboard_is_announced(phone, fan_url: str) -> None:
    phone.goto(fan_url + "seasons/2010-11/calgary/")
    table = phone.locator("table:has(caption:text('full results'))")
    time = table.locator("thead th").nth(2)
    button = time.get_by_role("button")
    box = button.bounding_box()
    assert box["height"] >= 24 and box["width"] >= 24  # a touch target, not a 19px word
    button.focus()
    phone.keyboard.press("Enter")
    assert time.get_attribute("aria-sort") == "ascending"
    status = phone.get_by_role("status").filter(has_text="Sorted by")
    assert status.text_content() == "Sorted by Time, ascending (Women 500m — full results)."
    phone.keyboard.press("Space")
    assert time.get_attribute("aria-sort") == "descending"
    assert "descending" in status.text_content()


CLS = """() => new Promise(done => { let total = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) total += e.value; })
    .observe({type: 'layout-shift', buffered: true});
  setTimeout(() => done(total), 100); })"""


@pytest.mark.parametrize("path, ready", [
    ("search/?q=berg", ".search-results li"),
    ("head-to-head/?a=anna-berg&b=bo-chen", "#h2h-result tbody tr")])
def test_results_drawn_by_script_do_not_shift_the_page(phone, fan_url: str, path: str,
                                                       ready: str) -> None:
    phone.goto(fan_url + path)
    phone.locator(ready).first.wait_for()
    assert phone.evaluate(CLS) < 0.05  # 'good' is 0.1; the footer jumped by 0.12–0.22 before
    if path.startswith("search"):
        for label in phone.locator(".search-filters label").all():
            text = label.locator("span").bounding_box()
            select = label.locator("select").bounding_box()
            assert abs(text["y"] + text["height"] / 2 - select["y"] - select["height"] / 2) < 4


def test_no_text_under_12px_on_the_season_calendar(phone, fan_url: str) -> None:
    phone.goto(fan_url + "seasons/2010-11/")
    sizes = phone.eval_on_selector_all(".stop h3 small", "els => els.map("
                                       "e => parseFloat(getComputedStyle(e).fontSize))")
    assert sizes and min(sizes) >= 12


def test_the_phone_menu_shows_there_is_more_and_reaches_its_last_link(phone,
                                                                       fan_url: str) -> None:
    """On a phone the main menu is one row that scrolls: its right edge fades out, and once
    scrolled to the end the last link is wholly clear of the fade."""
    phone.goto(fan_url)
    nav = phone.locator(".site-nav")
    assert "linear-gradient" in nav.evaluate("n => getComputedStyle(n).maskImage || "
                                             "getComputedStyle(n).webkitMaskImage")
    assert nav.evaluate("n => n.scrollWidth > n.clientWidth")  # it does scroll
    nav.evaluate("n => { n.scrollLeft = n.scrollWidth; }")
    gap = nav.evaluate("n => n.getBoundingClientRect().right"
                       " - n.lastElementChild.getBoundingClientRect().right")
    assert gap >= 36  # px: the 2.5rem fade lies beyond the last link (not over it)
