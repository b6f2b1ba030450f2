"""axe-core (axe-playwright-python, bundled: no CDN): one page of each kind, light and dark mode."""

from __future__ import annotations

import pytest

# one page of each kind (route kinds in site_gen/routes.py); dynamic pages with their results shown
PAGES = {
    "home": "", "seasons": "seasons/", "season": "seasons/2003-04/",
    "competition": "seasons/2003-04/calgary/", "distance": "seasons/2003-04/women/3000m-relay/",
    "standings": "seasons/2003-04/standings/", "leaders": "leaders/",
    "season_leaders": "seasons/2003-04/leaders/", "skaters": "skaters/",
    "skater": "skaters/ahn-hyun-soo/", "nations": "nations/", "nation": "nations/kor/",
    "venues": "venues/", "venue": "venues/mlada-boleslav/", "page": "about/",
    "search": "search/?q=ahn", "head_to_head": "head-to-head/?a=ahn-hyun-soo&b=lee-seung-jae",
    "not_found": "404.html", "skater_card": "skaters/ahn-hyun-soo/card/",
}
READY = {"search": ".search-results li", "head_to_head": "#h2h-result tbody tr"}
# dark mode changes colours only: check contrast on the pages that use every part of the palette
DARK = ("home", "competition", "standings", "skater", "search", "head_to_head")
# a phone scrolls wide tables and charts inside their boxes: each must be reachable by keyboard
PHONE = ("home", "season", "competition", "distance", "standings", "skater", "nation",
         "search", "head_to_head")


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.mark.slow
@pytest.mark.parametrize("scheme, width, kinds", [
    ("light", 1280, tuple(PAGES)), ("dark", 1280, DARK), ("light", 360, PHONE)])
def test_no_serious_or_critical_violations(chromium_browser, site_url: str, axe, scheme: str,
                                           width: int, kinds: tuple[str, ...]) -> None:
    context = chromium_browser.new_context(viewport={"width": width, "height": 900},
                                           color_scheme=scheme)
    problems = []
    try:
        page = context.new_page()
        for kind in kinds:
            path = PAGES[kind]
            page.goto(site_url + path)
            if kind in READY:
                page.locator(READY[kind]).first.wait_for()
            # sortable headers are added by script: test the page as a visitor gets it
            page.wait_for_load_state("load")
            result = axe.run(page)
            for v in result.response["violations"]:
                if v["impact"] in ("serious", "critical"):
                    targets = [n["target"] for n in v["nodes"][:3]]
                    problems.append(f"/{path} ({kind}, {scheme}, {width}px): {v['id']} "
                                    f"[{v['impact']}] "
                                    f"{v['help']} at {targets}")
    finally:
        context.close()
    assert problems == [], "\n".join(problems)
