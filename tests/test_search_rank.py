"""Search as fans type and read it: names run together ('hyunsoo'), the best match and the more
notable namesake first, and enough context per result to tell namesakes apart."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from site_gen.render.outputs.search_index import FIELDS, name_words

from .conftest import browser_page, static_server, write_files

# three skaters named Anna Berg, told apart by nation, seasons and podiums; a more decorated
# Eva Bergström matches 'berg' only by the start of a word, so she comes after them
SKATERS = [("anna-berg-can", "Anna Berg", "CAN"), ("anna-berg-ned", "Anna Berg", "NED"),
           ("anna-berg-usa", "Anna Berg", "USA"), ("eva-bergstrom", "Eva Bergström", "SWE"),
           ("bo-chen", "Bo Chen", "CHN")]


def _race(date: str, distance: str, order: list[str]) -> str:
    lines = [f"  - date: {date}\n    category: women\n    distance: {distance}\n    results:"]
    lines += [f"      - {{place: {i + 1}, skater: {slug}}}" for i, slug in enumerate(order)]
    return "\n".join(lines) + "\n"


FILES = {
    "nations.yaml": "CAN: Canada\nNED: Netherlands\nUSA: United States\nSWE: Sweden\n"
                    "CHN: China\nGER: Germany\n",
    "skaters.yaml": "".join(f"- slug: {slug}\n  name: {name}\n  nation: {nat}\n  gender: women\n"
                            for slug, name, nat in SKATERS),
    "seasons/2010-11/season.yaml": 'title: "2010–11 World Cup"\nstart: 2010-10-22\n'
                                   "end: 2010-10-24\n",
    "seasons/2010-11/calgary.yaml": "city: Calgary\nnation: CAN\nclassification: full\nraces:\n"
    + _race("2010-10-22", "500m", ["anna-berg-can", "eva-bergstrom", "anna-berg-usa",
                                   "anna-berg-ned"])
    + _race("2010-10-23", "1000m", ["eva-bergstrom", "anna-berg-can", "anna-berg-usa",
                                    "anna-berg-ned"]),
    "seasons/2011-12/season.yaml": 'title: "2011–12 World Cup"\nstart: 2011-10-21\n'
                                   "end: 2011-10-23\n",
    "seasons/2011-12/dresden.yaml": "city: Dresden\nnation: GER\nclassification: full\nraces:\n"
    + _race("2011-10-21", "500m", ["eva-bergstrom", "anna-berg-can", "bo-chen",
                                   "anna-berg-ned"])
    # a relay podium is counted apart, as on the skater's page: not one of her podiums
    + "  - date: 2011-10-22\n    category: women\n    distance: 3000m relay\n    results:\n"
      "      - {place: 1, team: NED, members: [anna-berg-ned]}\n",
}


@pytest.fixture(scope="module")
def namesakes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    from site_gen.engine.build import build_site

    root = tmp_path_factory.mktemp("namesakes")
    write_files(root / "content", FILES)
    build_site(root / "content", root / "public", base_url="/", jobs=1)
    with static_server(root / "public") as origin:
        yield root / "public", origin + "/"


def _results(pg, url: str) -> list[tuple[str, str, str]]:
    """(label, href, context line) of each result."""
    pg.goto(url)
    pg.locator(".search-status", has_text="result").wait_for()
    return [(li.locator("a").inner_text(), li.locator("a").get_attribute("href"),
             li.locator(".excerpt").inner_text())
            for li in pg.locator(".search-results li").all()]


def test_names_keep_their_words_in_order() -> None:
    assert name_words("Ahn Hyun-soo", "Viktor Ahn", "ahn-hyun-soo") == "ahn hyun soo viktor ahn"
    assert name_words("Li Li") == "li li"  # a word said twice stays: 'lili' finds her
    assert name_words("Kim Min-jung", "kim-min-jung-kor") == "kim min jung kor"
    assert name_words("Seoul", "seoul-2", "2011-12", "") == "seoul 2 2011 12"


def test_skaters_carry_their_podiums(namesakes: tuple[Path, str]) -> None:
    index = json.loads((namesakes[0] / "api/search.json").read_bytes())
    rows = {e[2]: dict(zip(FIELDS, e, strict=False)) for e in index["entries"]}
    can, ned = rows["/skaters/anna-berg-can/"], rows["/skaters/anna-berg-ned/"]
    assert (can["podiums"], can["wins"], can["seasons"]) == (3, 1, [0, 1])
    assert (ned["podiums"], ned["wins"], ned["seasons"]) == (0, 0, [0, 1])
    assert "aka" not in can and "podiums" not in rows["/nations/can/"]


def test_joined_names_find_the_skater(chromium_browser, site_url: str) -> None:
    """Fans type hyphenated and split given names joined: 'hyunsoo' (Ahn Hyun-soo),
    'xiaolei' (Cheng Xiao Lei, as the source article writes her)."""
    with browser_page(chromium_browser, 1280, 900) as pg:
        for query, label in [("hyunsoo", "Ahn Hyun-soo"), ("ahnhyunsoo", "Ahn Hyun-soo"),
                             ("Ahn%20Hyunsoo", "Ahn Hyun-soo"), ("viktorahn", "Ahn Hyun-soo"),
                             ("xiaolei", "Cheng Xiao Lei"), ("cheng%20xiaolei", "Cheng Xiao Lei"),
                             ("jiajun", "Li Jiajun"), ("gihyun", "Ko Gi-hyun")]:
            found = _results(pg, site_url + "search/?q=" + query)
            assert found and found[0][0] == label, (query, found)
        assert _results(pg, site_url + "search/?q=hyunsooz") == []


def test_the_most_decorated_of_equal_matches_comes_first(chromium_browser,
                                                         site_url: str) -> None:
    """'hyun' is a whole word of three names: by podiums (14, 3, 2), not alphabetically."""
    with browser_page(chromium_browser, 1280, 900) as pg:
        found = _results(pg, site_url + "search/?q=hyun")
        assert [f[0] for f in found] == ["Ahn Hyun-soo", "Ko Gi-hyun", "Kim Hyun-kon"]
        assert found[0][2] == ("South Korea · Russia · 2003–04 · 14 podiums (6 wins) · "
                               "also Viktor Ahn")


def test_namesakes_are_ranked_and_told_apart(chromium_browser,
                                             namesakes: tuple[Path, str]) -> None:
    url = namesakes[1] + "search/?q="
    expected = [("Anna Berg", "/skaters/anna-berg-can/",
                 "Canada · 2010–11 to 2011–12 · 3 podiums (1 win)"),
                ("Anna Berg", "/skaters/anna-berg-usa/", "United States · 2010–11 · 2 podiums"),
                ("Anna Berg", "/skaters/anna-berg-ned/",
                 "Netherlands · 2010–11 to 2011–12 · no podiums")]
    with browser_page(chromium_browser, 1280, 900) as pg:
        # a whole word ('berg') before the start of one ('Bergström', more podiums)
        assert _results(pg, url + "berg") == [
            *expected, ("Eva Bergström", "/skaters/eva-bergstrom/",
                        "Sweden · 2010–11 to 2011–12 · 3 podiums (2 wins)")]
        assert _results(pg, url + "annaberg") == expected
        assert _results(pg, url + "anna%20berg") == expected
        assert [f[0] for f in _results(pg, url + "bergstrom")] == ["Eva Bergström"]
        # the whole name before a longer one that starts with it
        assert [f[1] for f in _results(pg, url + "bo")] == ["/skaters/bo-chen/"]
