"""A skater's podiums read the same on every page: individual races, and relay teams that name
the skater counted apart (skater page, card, JSON, skater index, nation page, leaders,
standings, home, CSV). Also: the home table ranks by podiums, the A–Z index and the
head-to-head list fold accents, and head to head does not count team-mates as opponents.

A tiny inline season is built once for the module: seven skaters, eight individual races and two
relays whose teams name their members.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from site_gen.engine.build import build_site

from .blog_helpers import page
from .conftest import browser_page, static_server, write_files

SKATERS = [  # slug, name, nation, gender
    ("anna", "Anna Kim", "KOR", "women"), ("bora", "Bora Lee", "KOR", "women"),
    ("chen", "Chen Lu", "CHN", "women"), ("sam", "Sam Solo", "USA", "women"),
    ("eric", "Éric Bédard", "CAN", "men"), ("pat", "Pat Many", "CAN", "men"),
    ("will", "Will Best", "USA", "men"), ("zhu", "Zhu Mi Lei", "CHN", "men"),
]
RACES = [  # category, distance, podium (a relay: nation and its named members)
    ("women", "500m", ["anna", "chen", "bora"]),
    ("women", "1000m", ["anna", "bora", "chen"]),
    ("women", "1500m", ["chen", "anna", "bora"]),
    ("women", "3000m", ["bora", "chen", "sam"]),
    ("women", "3000m relay", [("KOR", ["anna", "bora"]), ("CHN", ["chen"]), ("CAN", [])]),
    ("men", "500m", ["zhu", "pat", "eric"]),
    ("men", "1000m", ["will", "pat", "zhu"]),
    ("men", "1500m", ["eric", "pat", "will"]),
    ("men", "3000m", ["zhu", "pat", "eric"]),
    ("men", "5000m relay", [("CAN", ["eric", "pat"]), ("CHN", ["zhu"]), ("USA", ["will"])]),
]
# expected (1st, 2nd, 3rd): individual races, and relays naming the skater
INDIVIDUAL = {"anna": (2, 1, 0), "bora": (1, 1, 2), "chen": (1, 2, 1), "sam": (0, 0, 1),
              "eric": (1, 0, 2), "pat": (0, 4, 0), "will": (1, 0, 1), "zhu": (2, 0, 1)}
RELAY = {"anna": (1, 0, 0), "bora": (1, 0, 0), "chen": (0, 1, 0), "sam": (0, 0, 0),
         "eric": (1, 0, 0), "pat": (1, 0, 0), "will": (0, 0, 1), "zhu": (0, 1, 0)}
NAMES = {slug: name for slug, name, _, _ in SKATERS}


def _stop() -> str:
    # every starter listed (three a race): starts are counted beside the podiums
    lines = ["city: Calgary", "nation: CAN", "classification: full", "races:"]
    for i, (category, distance, podium) in enumerate(RACES):
        lines += [f"  - date: 2003-10-{17 + i % 3}", f"    category: {category}",
                  f"    distance: {distance}", "    results:"]
        for place, who in enumerate(podium, 1):
            if isinstance(who, tuple):
                members = f", members: [{', '.join(who[1])}]" if who[1] else ""
                lines.append(f"      - {{place: {place}, team: {who[0]}{members}}}")
            else:
                lines.append(f"      - {{place: {place}, skater: {who}}}")
    return "\n".join(lines) + "\n"


FILES = {
    "site.yaml": 'title: "Counts test"\n',
    "nations.yaml": "KOR: South Korea\nCHN: China\nCAN: Canada\nUSA: United States\n",
    "skaters.yaml": "".join(f"- {{slug: {s}, name: {n}, nation: {c}, gender: {g}}}\n"
                            for s, n, c, g in SKATERS),
    "seasons/2003-04/season.yaml": 'title: "2003–04 World Cup"\n',
    "seasons/2003-04/calgary.yaml": _stop(),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("counts")
    content = write_files(root / "content", FILES)
    out = root / "public"
    build_site(content, out, base_url="/", jobs=1)
    return out


def html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def text(fragment: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment)).strip()


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def rows_by_name(table: list[list[str]]) -> dict[str, list[str]]:
    """Table body rows keyed by the skater cell without its nation code ('KOR Anna Kim')."""
    return {row[1].split(" ", 1)[1]: row for row in table[1:]}


def triple(row: list[str], start: int) -> tuple[int, int, int]:
    return (int(row[start]), int(row[start + 1]), int(row[start + 2]))


@pytest.mark.parametrize("slug", sorted(INDIVIDUAL))
def test_json_counts_all_podiums_and_races_and_relays_apart(site: Path, slug: str) -> None:
    data = json.loads((site / f"api/skaters/{slug}.json").read_text(encoding="utf-8"))
    g, s, b = INDIVIDUAL[slug]
    assert data["individual_podiums"] == {"1": g, "2": s, "3": b}
    rg, rs, rb = RELAY[slug]
    assert data["relay_podiums"] == {"1": rg, "2": rs, "3": rb}
    # CONTRACT.md: a relay counts for the skaters the data names in the team
    assert data["podiums"] == {"1": g + rg, "2": s + rs, "3": b + rb}


@pytest.mark.parametrize("slug", sorted(INDIVIDUAL))
def test_skater_page_and_card_say_the_same(site: Path, slug: str) -> None:
    g, s, b = INDIVIDUAL[slug]
    summary = text(re.search(r'<p class="summary">.*?</p>', html(site, f"skaters/{slug}"),
                             re.S)[0])
    assert summary.startswith(f"{g} win{'s' if g != 1 else ''} · {s} second place"), summary
    assert "individual race" in summary
    rg, rs, rb = RELAY[slug]
    if any(RELAY[slug]):
        assert f"Relays, named in the team: {rg} win" in summary
        assert f"{rs} second place" in summary.split("Relays")[1]
    card = text(html(site, f"skaters/{slug}/card"))
    assert f"{g} wins {s} second {b} third" in card
    if any(RELAY[slug]):
        assert f"1 relay: {rg} win{'s' if rg != 1 else ''}, {rs} second, " \
               f"{rb} third" in card


def test_leaders_rank_individual_races_and_list_relays_apart(site: Path) -> None:
    """One ranking of skaters a page, in the medal table's order that "#" says."""
    for path, span in (("leaders", "all seasons"), ("seasons/2003-04/leaders", "2003–04")):
        html = (site / path / "index.html").read_text(encoding="utf-8")
        tables = page(site / path / "index.html").tables
        own, relay = (tables[f"{kind} places by skater, {span}"] for kind in ("Podium",
                                                                            "Relay podium"))
        podiums, relays = rows_by_name(own), rows_by_name(relay)
        at, relay_at = own[0].index("1st"), relay[0].index("1st")  # after Starts, if shown
        for slug, medals in INDIVIDUAL.items():
            assert triple(podiums[NAMES[slug]], at) == medals, (path, slug)
            if any(RELAY[slug]):
                assert triple(relays[NAMES[slug]], relay_at) == RELAY[slug], (path, slug)
        # by wins first: Zhu (2-0-1) outranks Pat Many (0-4-0), whatever the podiums
        order = [row[1] for row in tables[f"Podium places by skater, {span}"][1:]]
        assert order.index("CHN Zhu Mi Lei") < order.index("CAN Pat Many")
        assert not any(c.startswith(("Most wins", "Most podiums")) for c in tables)
        assert html.count('<abbr title="Rank: most wins, then second places, then third '
                          'places">#</abbr>') == len(tables)
        # a season's nations are ranked once in its section: on the standings page
        assert (f"Podium places by nation, {span}" in tables) == (path == "leaders")


def test_standings_and_csv_count_the_same(site: Path) -> None:
    assert "Podium places by skater, 2003–04" not in page(
        site / "seasons/2003-04/standings/index.html").tables  # on the leaders page only
    tables = page(site / "seasons/2003-04/leaders/index.html").tables
    own = rows_by_name(tables["Podium places by skater, 2003–04"])
    relay = rows_by_name(tables["Relay podium places by skater, 2003–04"])
    for slug, medals in INDIVIDUAL.items():
        assert triple(own[NAMES[slug]], 3) == medals, slug
        if any(RELAY[slug]):
            assert triple(relay[NAMES[slug]], 3) == RELAY[slug], slug
        else:
            assert NAMES[slug] not in relay
    for path in ("seasons/2003-04/podiums.csv", "leaders/podiums.csv"):
        rows = {r["skater"]: r for r in read_csv(site / path)}
        for slug, medals in INDIVIDUAL.items():
            r = rows[slug]
            assert (int(r["first"]), int(r["second"]), int(r["third"])) == medals, path
            assert (int(r["relay_first"]), int(r["relay_second"]),
                    int(r["relay_third"])) == RELAY[slug], path
    skater = read_csv(site / "skaters/anna/podiums.csv")
    season = next(r for r in skater if r["table"] == "season")
    assert (season["first"], season["relay_first"], season["results"]) == ("2", "1", "3")


def test_home_ranks_as_every_page_and_says_what_it_counts(site: Path) -> None:
    tables = page(site / "index.html").tables
    top = tables["Podium places by skater, 2003–04"]
    assert len(top) == 6
    medals = [tuple(-int(x) for x in row[2:5]) for row in top[1:]]
    assert medals == sorted(medals)  # "#": most wins, then seconds, then thirds
    assert "Relay podium places by skater, 2003–04" in tables


def test_index_and_nation_pages_show_relay_podiums_apart(site: Path) -> None:
    index = html(site, "skaters")
    anna = re.search(r'<a href="/skaters/anna/">Anna Kim</a>(.*?)</li>', index)[1]
    assert text(anna) == "3 podiums 1 relay podium"
    sam = re.search(r'<a href="/skaters/sam/">Sam Solo</a>(.*?)</li>', index)[1]
    assert text(sam) == "1 podium"  # singular
    korea = html(site, "nations/kor")
    assert re.search(r'>Anna Kim</a> <span class="count"[^>]*>2–1–0</span> '
                     r'<span class="count"[^>]*>relays 1–0–0</span>', korea)


def test_accented_names_are_filed_and_sorted_by_their_letter(site: Path) -> None:
    index = html(site, "skaters")
    b_section = index[index.index('id="letter-B"'):]  # by family name: Bédard
    b_section = b_section[:b_section.index("</section>")]
    assert "Éric Bédard" in b_section
    assert 'id="letter-other"' not in index  # no '#' section for an accented initial
    options = re.findall(r'<option value="([^"]+)">', html(site, "head-to-head"))
    assert options.index("Éric Bédard (CAN)") < options.index("Pat Many (CAN)")
    assert options[-1] == "Zhu Mi Lei (CHN)"


@pytest.fixture(scope="module")
def origin(site: Path) -> Iterator[str]:
    with static_server(site) as url:
        yield url + "/"


def _compare(browser: object, origin: str, a: str, b: str) -> tuple[str, int, str]:
    with browser_page(browser, 1280, 900) as pg:
        pg.goto(f"{origin}head-to-head/?a={a}&b={b}")  # type: ignore[attr-defined]
        pg.locator(".h2h-summary").wait_for()  # type: ignore[attr-defined]
        summary = pg.locator(".h2h-summary").inner_text()  # type: ignore[attr-defined]
        rows = pg.locator("#h2h-result table").first.locator(  # type: ignore[attr-defined]
            "tbody tr").count()
        together = pg.locator("#h2h-result").inner_text()  # type: ignore[attr-defined]
    return summary, rows, together


def test_head_to_head_counts_teammates_apart(chromium_browser: object, origin: str) -> None:
    summary, rows, result = _compare(chromium_browser, origin, "anna", "bora")
    # three individual races against each other; the KOR relay they won together is no duel
    assert summary.endswith("in 3 races against each other."), summary
    assert rows == 3
    assert "They also skated 1 relay in the same team (not counted above)." in result
    assert "level" not in result


def test_head_to_head_counts_opposing_relay_teams(chromium_browser: object, origin: str) -> None:
    summary, rows, result = _compare(chromium_browser, origin, "anna", "chen")
    # three individual races and the relay (KOR 1st, CHN 2nd) they skated in opposing teams
    assert summary.endswith("in 4 races against each other."), summary
    assert "Anna Kim finished ahead 3×" in summary
    assert "same team" not in result


def test_link_preview_description_counts_as_the_page_does(site: Path) -> None:
    """The description shared with a link says what the page's summary says: podiums in
    individual races, and relay podiums apart."""
    found = re.search(r'<meta name="description" content="([^"]*)"', html(site, "skaters/pat"))
    assert found is not None
    assert found[1] == ("Pat Many (Canada): 0 wins, 4 second places and 0 third places in 4 "
                        "individual races; 1 relay podium in 1 relay, 2003–04.")


def test_share_image_counts_as_the_page_does(site: Path) -> None:
    """The share image draws individual podiums and races, and relay podiums apart beside the
    nation (the image as drawn from those words, pixel for pixel)."""
    from site_gen.render.outputs import share_images as share

    png = (site / "skaters/pat/share.png").read_bytes()
    assert png == share.skater_image("Pat Many", "Canada · 1 relay podium", "", INDIVIDUAL["pat"],
                                     4, "Counts test")
    assert png != share.skater_image("Pat Many", "Canada", "", INDIVIDUAL["pat"], 4,
                                     "Counts test")
    assert (site / "skaters/sam/share.png").read_bytes() == share.skater_image(
        "Sam Solo", "United States", "", INDIVIDUAL["sam"], 1, "Counts test")


def test_chart_summary_best_place_is_the_individual_best(site: Path) -> None:
    """The placings chart's text says the best place of individual races, as the 'Best'
    column beside it: Pat was second four times, and won only with the relay team."""
    summary = re.search(r'<p class="visually-hidden">(Pat Many in [^<]*)</p>',
                        html(site, "skaters/pat"))
    assert summary is not None and "best place 2nd" in summary[1], summary
