"""The site in a real browser (Debian's Chromium via Playwright), served over HTTP."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from site_gen.model.slugs import slugify

from .conftest import SOURCE_ARTICLE, browser_page
from .source_facts import race_podiums

KEY_PAGES = [
    "", "seasons/2003-04/", "seasons/2003-04/calgary/", "seasons/2003-04/men/1500m/",
    "seasons/2003-04/standings/", "seasons/2003-04/leaders/", "leaders/", "skaters/",
    "skaters/ahn-hyun-soo/", "nations/", "nations/kor/", "venues/mlada-boleslav/",
    "search/?q=ahn", "head-to-head/?a=ahn-hyun-soo&b=lee-seung-jae",
]


@pytest.fixture
def page(chromium_browser) -> Iterator[object]:
    with browser_page(chromium_browser, 1280, 900) as pg:
        yield pg


@pytest.mark.slow
@pytest.mark.parametrize("width", [360, 1280])
def test_key_pages_fit_the_screen(chromium_browser, site_url: str, width: int) -> None:
    context = chromium_browser.new_context(viewport={"width": width, "height": 800})
    try:
        pg = context.new_page()
        for path in KEY_PAGES:
            pg.goto(site_url + path)
            if path.startswith("search/"):
                pg.locator(".search-results li").first.wait_for()
            elif path.startswith("head-to-head/"):
                pg.locator("#h2h-result tbody tr").first.wait_for()
            overflow = pg.evaluate("document.documentElement.scrollWidth")
            assert overflow <= width, f"/{path} is {overflow}px wide at {width}px"
            # tables scroll inside their own box instead of widening the page
            assert pg.evaluate("""() => [...document.querySelectorAll('table')].every(
                t => t.closest('.table-scroll'))"""), f"/{path}: a table outside .table-scroll"
            # a search box in view: the header's, or on the search page its own (only one)
            boxes = pg.locator("form[role=search] input[type=search]")
            assert boxes.count() == 1 and boxes.is_visible(), f"/{path}"
    finally:
        context.close()


def test_dark_mode_follows_the_system(chromium_browser, site_url: str) -> None:
    colors = {}
    for scheme in ("light", "dark"):
        context = chromium_browser.new_context(color_scheme=scheme)
        try:
            pg = context.new_page()
            pg.goto(site_url)
            colors[scheme] = pg.evaluate("getComputedStyle(document.body).backgroundColor")
        finally:
            context.close()
    assert colors["light"] != colors["dark"]


def _column(pg, table: str, index: int) -> list[str]:
    return pg.eval_on_selector(
        table, f"t => [...t.tBodies[0].rows].map(r => r.cells[{index}].getAttribute('data-sort')"
               f" ?? r.cells[{index}].textContent.trim())")


def test_table_sorts_on_click(page, site_url: str) -> None:
    page.goto(site_url + "skaters/ahn-hyun-soo/")
    table = "table:has(caption:text('World Cup results of'))"
    header = page.locator(f"{table} thead th").nth(3)  # Place
    assert header.get_attribute("aria-sort") is None
    header.get_by_role("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    places = [int(x) for x in _column(page, table, 3)]
    assert places == sorted(places) and places[0] == 1
    header.get_by_role("button").click()
    assert header.get_attribute("aria-sort") == "descending"
    places = [int(x) for x in _column(page, table, 3)]
    assert places == sorted(places, reverse=True)
    # text columns sort alphabetically, dates by their ISO value
    stop = page.locator(f"{table} thead th").nth(1)
    stop.get_by_role("button").click()
    assert stop.get_attribute("aria-sort") == "ascending"
    assert header.get_attribute("aria-sort") is None
    cities = _column(page, table, 1)
    assert cities == sorted(cities, key=str.casefold)


def test_every_results_table_is_sortable(page, site_url: str) -> None:
    page.goto(site_url + "seasons/2003-04/standings/")
    tables = page.locator("table.data")
    assert tables.count() > 3
    for i in range(tables.count()):
        t = tables.nth(i)
        if t.locator("tbody tr").count() > 1:
            assert t.locator("thead th button.sort").count() == t.locator("thead th").count()


def test_medal_table_sorts_by_podiums(page, site_url: str) -> None:
    page.goto(site_url + "seasons/2003-04/leaders/")
    table = "table:has(caption:text('Podium places by skater'))"
    page.locator(f"{table} thead th button", has_text="Podiums").click()
    totals = [int(x) for x in _column(page, table, 5)]  # #, skater, 1st–3rd (no starts known)
    assert totals == sorted(totals, reverse=True)


def test_search_finds_ahn(page, site_url: str) -> None:
    page.goto(site_url)
    page.fill("header input[name=q]", "ahn")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search/?q=ahn")
    link = page.locator(".search-results a", has_text="Ahn Hyun-soo").first
    link.wait_for()
    assert link.get_attribute("href") == "/skaters/ahn-hyun-soo/"


def test_search_ignores_diacritics(page, site_url: str) -> None:
    page.goto(site_url + "search/?q=Bedard")
    page.locator(".search-results a", has_text="Éric Bédard").first.wait_for()
    page.goto(site_url + "search/?q=mlada")
    link = page.locator(".search-results a", has_text="Mladá Boleslav").first
    link.wait_for()
    assert link.get_attribute("href") == "/venues/mlada-boleslav/"


def test_search_finds_every_name_of_a_skater(page, site_url: str) -> None:
    page.goto(site_url + "search/")
    page.fill("#search-q", "viktor")  # typing searches as you go
    first = page.locator(".search-results li").first
    first.locator("a", has_text="Ahn Hyun-soo").wait_for()
    assert "Skater" in first.inner_text() and "also Viktor Ahn" in first.inner_text()
    assert page.url.endswith("search/?q=viktor")


def test_search_ranks_the_label_first(page, site_url: str) -> None:
    page.goto(site_url + "search/?q=calgary")
    page.locator(".search-results li").first.wait_for()
    labels = page.locator(".search-results li > a").all_text_contents()
    assert labels[:2] == ["Calgary", "Calgary 2003–04"]
    kinds = page.locator(".search-results .kind").all_text_contents()
    assert kinds[:2] == ["Venue", "World Cup stop"]


def test_search_filters_come_from_the_model(page, site_url: str) -> None:
    page.goto(site_url + "search/?q=calgary")
    page.locator(".search-results li").first.wait_for()
    for name in ("nation", "season", "distance"):
        assert page.locator(f"select#filter-{name}").count() == 1
    options = page.locator("select#filter-nation option").all_text_contents()
    assert "South Korea" in options and "Canada" in options
    assert "2003-04" in page.locator("select#filter-season option").all_text_contents()
    assert "Men 5000m relay" in page.locator("select#filter-distance option").all_text_contents()
    before = page.locator(".search-results li").count()
    page.select_option("select#filter-nation", label="Italy")
    page.wait_for_function(f"document.querySelectorAll('.search-results li').length < {before}")
    assert "nation=ITA" in page.url
    # filters come from the URL too, and a filter alone lists everything it matches
    page.goto(site_url + "search/?nation=ITA")
    page.locator(".search-results a", has_text="Italy").first.wait_for()
    assert page.locator("select#filter-nation").input_value() == "ITA"
    metas = page.locator(".search-results .excerpt").all_text_contents()
    assert len(metas) > 3 and all("Italy" in m for m in metas)
    page.goto(site_url + "search/?distance=women/3000m-relay&nation=KOR")
    page.locator(".search-results a", has_text="South Korea").first.wait_for()
    assert page.locator(".search-results a", has_text="Ahn Hyun-soo").count() == 0


def test_head_to_head_shows_common_races(page, site_url: str) -> None:
    # the oracle: every race of the source article with both on its podium
    names = {"ahn-hyun-soo": "Ahn Hyun-soo", "lee-seung-jae": "Lee Seung-jae"}
    places = {1: "1st", 2: "2nd", 3: "3rd"}
    expected = sorted(
        (city, f"{category.capitalize()} {distance}", places[podium.index("ahn-hyun-soo") + 1],
         places[podium.index("lee-seung-jae") + 1], names[min(names, key=podium.index)])
        for (city, category, distance), podium in race_podiums(SOURCE_ARTICLE).items()
        if set(names) <= set(podium))
    assert len(expected) == 5
    page.goto(site_url + "head-to-head/")
    page.fill("input[name=a]", "Ahn Hyun-soo")
    page.fill("input[name=b]", "lee seung-jae")
    page.click("form#h2h button[type=submit]")
    rows = page.locator("#h2h-result tbody tr")
    rows.first.wait_for()
    summary = page.locator(".h2h-summary").inner_text()
    assert "Ahn Hyun-soo" in summary and "Lee Seung-jae" in summary
    assert "a=ahn-hyun-soo" in page.url and "b=lee-seung-jae" in page.url
    cells = [rows.nth(i).locator("td").all_inner_texts() for i in range(rows.count())]
    assert sorted((slugify(stop), race, a, b, ahead) for _, stop, race, a, b, ahead in cells) \
        == expected
    first = rows.first.locator("td")
    assert first.nth(0).inner_text() == "17 Oct 2003"  # as the site's tables write dates
    assert first.nth(0).locator("time").get_attribute("datetime") == "2003-10-17"
    assert first.nth(1).inner_text() == "Calgary"


def test_head_to_head_any_pair(page, site_url: str) -> None:
    # women who met, and a pair who never raced together
    page.goto(site_url + "head-to-head/?a=choi-eun-kyung&b=wang-meng")
    page.locator("#h2h-result tbody tr").first.wait_for()
    page.goto(site_url + "head-to-head/?a=ahn-hyun-soo&b=wang-meng")
    page.locator(".h2h-summary", has_text="never raced").wait_for()


def test_head_to_head_on_podium_only_data_says_what_is_known(page, site_url: str) -> None:
    """2003-04 lists podiums only: Ahn and Li Jiajun raced all season but never shared a
    podium, which is all the data can say; Ahn and Lee Seung-jae met on podiums, and their
    meetings are labelled as such, not as every race they skated against each other."""
    page.goto(site_url + "head-to-head/?a=ahn-hyun-soo&b=li-jiajun")
    summary = page.locator(".h2h-summary", has_text="met on the podium")
    summary.wait_for()
    assert summary.inner_text() == (
        "Ahn Hyun-soo and Li Jiajun met on the podium 0 times in 2003–04: results below the "
        "podium are not recorded for that season, so their other races against each other "
        "are not known.")
    assert page.locator("#h2h-result table").count() == 0
    page.goto(site_url + "head-to-head/?a=ahn-hyun-soo&b=lee-seung-jae")
    rows = page.locator("#h2h-result tbody tr")
    rows.first.wait_for()
    text = page.locator(".h2h-summary").inner_text()
    assert text.startswith(f"Ahn Hyun-soo and Lee Seung-jae met on the podium {rows.count()} "
                           "times in 2003–04"), text
    assert "against each other." not in text.split(":")[0]
    assert page.locator("#h2h-result caption").inner_text() == \
        "Ahn Hyun-soo and Lee Seung-jae on the podium together"
    assert "podium-only" in page.locator("p.note").first.get_attribute("class")


def test_search_and_head_to_head_under_a_sub_path(page, subpath_site_url: str) -> None:
    page.goto(subpath_site_url + "search/?q=ahn")
    link = page.locator(".search-results a", has_text="Ahn Hyun-soo").first
    link.wait_for()
    assert link.get_attribute("href") == "/stats/skaters/ahn-hyun-soo/"
    page.goto(subpath_site_url + "search/?q=Bedard&season=2003-04")
    link = page.locator(".search-results a", has_text="Éric Bédard").first
    link.wait_for()
    assert link.get_attribute("href") == "/stats/skaters/eric-bedard/"
    page.goto(subpath_site_url + "head-to-head/?a=ahn-hyun-soo&b=lee-seung-jae")
    page.locator("#h2h-result tbody tr").first.wait_for()
    href = page.locator("#h2h-result tbody a").first.get_attribute("href")
    assert href.startswith("/stats/seasons/2003-04/")


def test_pages_work_without_javascript(chromium_browser, site_url: str) -> None:
    context = chromium_browser.new_context(java_script_enabled=False)
    try:
        pg = context.new_page()
        pg.goto(site_url + "skaters/ahn-hyun-soo/")
        assert pg.locator("table.data tbody tr").count() > 10
        assert pg.locator("figure.chart svg").count() >= 1
    finally:
        context.close()
