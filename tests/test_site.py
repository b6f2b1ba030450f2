"""The 2003-04 site: every page kind, every link, and the facts of the source article."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from site_gen.load.site_loader import load_site
from site_gen.model.slugs import slugify

from .blog_helpers import page
from .conftest import CONTENT, SOURCE_ARTICLE
from .crawl import broken_links, external_links
from .source_facts import race_podiums, standings


def read_json(root: Path, rel: str) -> dict:
    return json.loads((root / rel).read_text(encoding="utf-8"))


def test_model_counts() -> None:
    site = load_site(CONTENT)
    (season,) = site.seasons
    assert season.id == "2003-04"
    assert len(season.competitions) == 6
    assert len(season.races) == 60
    individual = {r.skater for race in season.races for r in race.results if r.skater}
    assert len(individual) == 32
    assert len(site.index.nation_races) == 8
    assert len(season.distances()) == 10


@pytest.mark.parametrize(
    "path",
    [
        "index.html", "seasons/index.html", "seasons/2003-04/index.html",
        "seasons/2003-04/standings/index.html", "skaters/index.html", "nations/index.html",
        "venues/index.html", "about/index.html", "leaders/index.html",
        "seasons/2003-04/leaders/index.html", "404.html", "sitemap.xml", "feed.xml",
        "robots.txt", "api/seasons/2003-04.json", "api/skaters/ahn-hyun-soo.json",
        "skaters/ahn-hyun-soo/index.html", "nations/kor/index.html",
        "venues/mlada-boleslav/index.html", "seasons/2003-04/mlada-boleslav/index.html",
        "seasons/2003-04/women/3000m-relay/index.html",
        "skaters/jean-francois-monette/index.html",
    ],
)
def test_contract_paths_exist(built_site: Path, path: str) -> None:
    assert (built_site / path).is_file()


def test_page_counts(built_site: Path) -> None:
    season = built_site / "seasons" / "2003-04"
    comps = [p for p in season.iterdir() if (p / "index.html").is_file()
             and p.name not in ("men", "women", "standings", "leaders")]
    assert len(comps) == 6
    distances = sorted(f"{c.name}/{d.name}" for c in (season / "men", season / "women")
                       for d in c.iterdir())
    assert distances == sorted([
        "men/500m", "men/1000m", "men/1500m", "men/3000m", "men/5000m-relay",
        "women/500m", "women/1000m", "women/1500m", "women/3000m", "women/3000m-relay",
    ])
    skater_pages = [p for p in (built_site / "skaters").iterdir() if p.is_dir()
                    and "http-equiv=\"refresh\"" not in (p / "index.html").read_text()]
    assert len(skater_pages) == 32
    assert len([p for p in (built_site / "nations").iterdir() if p.is_dir()]) == 8
    assert len([p for p in (built_site / "venues").iterdir() if p.is_dir()]) == 6
    assert (season / "standings" / "index.html").is_file()


def test_no_broken_internal_links(built_site: Path) -> None:
    assert broken_links(built_site) == []


def test_no_request_to_another_host(built_site: Path) -> None:
    # links to other hosts may only be plain <a> links in text, never assets: the sources the
    # data credits and their licence (About and the season page)
    assert external_links(built_site) == []
    hosts = {link.split(" → ")[1] for link in external_links(built_site, anchors=True)}
    assert hosts == {"https://en.wikipedia.org/wiki/2003%E2%80%9304_ISU_Short_Track_Speed_"
                     "Skating_World_Cup", "https://creativecommons.org/licenses/by-sa/4.0/"}


def test_sub_path_deployment(subpath_site: Path) -> None:
    out = subpath_site
    assert broken_links(out, "/stats/") == []
    home = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="/stats/skaters/"' in home
    assert 'href="/skaters/"' not in home
    assert "https://example.org/stats/" in home  # canonical/OpenGraph URLs are absolute


def test_ahn_hyun_soo_json(built_site: Path) -> None:
    data = read_json(built_site, "api/skaters/ahn-hyun-soo.json")
    assert data["slug"] == "ahn-hyun-soo"
    assert data["name"] == "Ahn Hyun-soo"
    assert data["nation"] == "KOR"
    assert data["url"] == "/skaters/ahn-hyun-soo/"
    assert data["podiums"] == {"1": 6, "2": 6, "3": 2}
    first = next(r for r in data["results"] if r["competition"] == "calgary")
    assert first == {**first, "season": "2003-04", "date": "2003-10-17", "category": "men",
                     "distance": "1500m", "place": 2, "url": "/seasons/2003-04/men/1500m/"}


def test_every_podium_agrees_with_source(built_site: Path) -> None:
    expected = race_podiums(SOURCE_ARTICLE)
    data = read_json(built_site, "api/seasons/2003-04.json")
    assert data["season"] == "2003-04"
    found = {}
    for comp in data["competitions"]:
        assert {"slug", "city", "nation", "races"} <= comp.keys()
        for race in comp["races"]:
            assert {"date", "category", "distance", "relay", "results"} <= race.keys()
            entrants = tuple(
                r["nation"] if race["relay"] else r["slug"] for r in race["results"]
            )
            for r in race["results"]:
                if race["relay"]:
                    assert "slug" not in r and r["team"]
            found[(comp["slug"], race["category"], race["distance"])] = entrants
    assert found == expected
    assert len(found) == 60


def test_standings_agree_with_source(built_site: Path) -> None:
    expected = standings(SOURCE_ARTICLE)
    data = read_json(built_site, "api/seasons/2003-04.json")
    found = {(t["category"], t["distance"].lower()):
             tuple(r["nation"] if "team" in r else r["slug"] for r in t["results"])
             for t in data["standings"]}
    assert found == expected
    women_overall = next(t for t in data["standings"]
                         if t["category"] == "women" and t["distance"] == "Overall")
    assert women_overall["results"][0]["nation"] == "KOR"  # corrected from the source's CAN


def test_skater_json_podiums_match_season_json(built_site: Path) -> None:
    data = read_json(built_site, "api/seasons/2003-04.json")
    counts: dict[str, Counter] = {}
    for comp in data["competitions"]:
        for race in comp["races"]:
            for r in race["results"]:
                if "slug" in r:
                    counts.setdefault(r["slug"], Counter())[r["place"]] += 1
    assert len(counts) == 32
    for slug, c in counts.items():
        skater = read_json(built_site, f"api/skaters/{slug}.json")
        assert skater["podiums"] == {"1": c[1], "2": c[2], "3": c[3]}, slug


def test_corrections_are_shown_where_they_apply(built_site: Path) -> None:
    calgary = (built_site / "seasons/2003-04/calgary/index.html").read_text(encoding="utf-8")
    assert "labels this race &#39;5000m relay&#39;" in calgary
    standings_page = (built_site / "seasons/2003-04/standings/index.html").read_text("utf-8")
    assert "Choi Eun-kyung as CAN" in standings_page
    bormio = (built_site / "seasons/2003-04/bormio/index.html").read_text(encoding="utf-8")
    assert "KOR Korea" in bormio


def test_skater_page_links_results(built_site: Path) -> None:
    page = (built_site / "skaters/ahn-hyun-soo/index.html").read_text(encoding="utf-8")
    assert 'href="/seasons/2003-04/calgary/"' in page
    assert 'href="/seasons/2003-04/men/1500m/"' in page
    assert "Viktor Ahn" in page  # names over time


@pytest.mark.parametrize("code", ["CHN", "KOR", "ITA"])
def test_relay_counts_for_nation(built_site: Path, code: str) -> None:
    """A nation's relay table lists each relay podium of the source article, no more."""
    places = {1: "1st", 2: "2nd", 3: "3rd"}
    expected = Counter(
        (city, f"{category.capitalize()} {distance}", places[podium.index(code) + 1])
        for (city, category, distance), podium in race_podiums(SOURCE_ARTICLE).items()
        if "relay" in distance and code in podium)
    tables = page(built_site / f"nations/{code.lower()}/index.html").tables
    (caption,) = [c for c in tables if c.startswith("Relay results of")]
    header, *rows = tables[caption]
    assert header[1:4] == ["Stop", "Race", "Place"]
    found = Counter((slugify(stop), race, place) for _, stop, race, place, *_ in rows)
    assert found == expected and sum(found.values()) >= 4


def test_markdown_pages(built_site: Path) -> None:
    about = (built_site / "about/index.html").read_text(encoding="utf-8")
    assert "<h2>Sources and corrections</h2>" in about
    season = (built_site / "seasons/2003-04/index.html").read_text(encoding="utf-8")
    assert '<div class="prose"><p>The 2003–04 ISU Short Track' in season  # intro.md, rendered
