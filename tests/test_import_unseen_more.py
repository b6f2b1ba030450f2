"""``import`` on three more real seasons as editors leave them (tests/articles/20xx-yy_*.txt).

2009–10 (Olympic season, four stops in six weeks) has wiki links left in cells, piped ones whose
``|`` is not a cell border, ``<ref>`` notes, ``{{sortname}}``, ``<sup>`` notes, non-breaking
spaces and hyphens, and a tie for second with a dash for the empty third place. 2014–15 (Viktor Ahn
for Russia) has invisible direction marks and zero-width spaces in names and a city, and an em
dash in the infobox. 2022–23 (mixed relay) has bold cells, a tie written with '&', a
``{{flagicon}}`` and an ``&nbsp;`` entity. Each imports into a real content folder, passes
``check`` and builds; what an importer cannot read is an error at its line and column.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from site_gen.importer.article import parse_article
from site_gen.importer.article_import import import_article

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = Path(__file__).resolve().parent / "articles"
OLYMPIC = ARTICLES / "2009-10_olympic_wikilinks.txt"
RUSSIA = ARTICLES / "2014-15_ahn_russia.txt"
MIXED = ARTICLES / "2022-23_mixed_relay_ties.txt"
PLAIN = re.compile(r"^[^\W\d_][\w '.-]*$")  # a name as the site shows it: no markup, no marks

AHN = """
- slug: ahn-hyun-soo
  name: Ahn Hyun-soo
  nation: KOR
  gender: men
  changes:
    - {season: 2011-12, name: Viktor Ahn, nation: RUS}
"""


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def content_folder(tmp_path: Path) -> Path:
    """The registry of tests/articles/, with Ahn Hyun-soo (Viktor Ahn for Russia from 2011-12)."""
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(ARTICLES / "registry_nations.yaml", content / "nations.yaml")
    with (content / "nations.yaml").open("a", encoding="utf-8") as f:
        f.write("RUS: Russia\n")
    skaters = (ARTICLES / "registry_skaters.yaml").read_text(encoding="utf-8")
    (content / "skaters.yaml").write_text(skaters + AHN, encoding="utf-8")
    return content


def podiums(season_json: Path) -> dict[tuple[str, str, str, str], list[tuple[int, str, str]]]:
    """(stop, date, category, distance) → [(place, nation, name or team)] of the built JSON."""
    data = json.loads(season_json.read_text(encoding="utf-8"))
    return {(c["slug"], r["date"], r["category"], r["distance"]):
            [(x["place"], x["nation"], x.get("name") or x["team"]) for x in r["results"]]
            for c in data["competitions"] for r in c["races"]}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The three articles imported (through the CLI) into one folder, checked and built."""
    tmp = tmp_path_factory.mktemp("unseen_more")
    content = content_folder(tmp)
    for article in (OLYMPIC, RUSSIA, MIXED):
        done = run("import", str(article), "--content", "content", cwd=tmp)
        assert done.returncode == 0, done.stderr
    check = run("check", "--content", "content", cwd=tmp)
    assert check.returncode == 0 and "0 errors" in check.stderr, check.stderr
    warned = [x for x in check.stderr.splitlines() if ": warning: " in x]
    assert all(x.startswith("content/skaters.yaml:") for x in warned), warned  # the registry's
    built = run("build", "--content", "content", "--out", "public", cwd=tmp)
    assert built.returncode == 0, built.stderr
    return content, tmp / "public"


def test_every_name_and_city_is_plain_text(site: tuple[Path, Path]) -> None:
    content, _public = site
    skaters = yaml.safe_load((content / "skaters.yaml").read_text(encoding="utf-8"))
    odd = [s["name"] for s in skaters if not PLAIN.match(s["name"])]
    assert odd == []
    slugs = [s["slug"] for s in skaters]
    assert len(slugs) == len(set(slugs))
    for name in ("lee-jung-su", "zhou-yang", "park-seung-hi", "kwak-yoon-gy", "shim-suk-hee",
                 "francois-louis-tremblay", "park-ji-won", "suzanne-schulting"):
        assert slugs.count(name) == 1, name  # one skater, however the cells wrote them
    names = {s["slug"]: s["name"] for s in skaters}
    assert names["francois-louis-tremblay"] == "François-Louis Tremblay"  # not U+2011
    assert names["kwak-yoon-gy"] == "Kwak Yoon-gy" and names["shim-suk-hee"] == "Shim Suk-hee"
    assert "viktor-ahn" not in names  # 'RUS Viktor Ahn' is the registry's Ahn Hyun-soo
    cities = sorted({yaml.safe_load(p.read_text(encoding="utf-8"))["city"]
                     for p in (content / "seasons").glob("*/*.yaml") if p.name != "season.yaml"})
    assert cities == ["Beijing", "Dordrecht", "Dresden", "Erzurum", "Marquette", "Montreal",
                      "Salt Lake City", "Seoul", "Shanghai"]
    stops = sorted(p.relative_to(content / "seasons").as_posix()
                   for p in (content / "seasons").glob("*/*.yaml"))
    assert stops == [
        "2009-10/beijing.yaml", "2009-10/marquette.yaml", "2009-10/montreal.yaml",
        "2009-10/season.yaml", "2009-10/seoul.yaml",
        "2014-15/dresden.yaml", "2014-15/erzurum.yaml", "2014-15/montreal.yaml",
        "2014-15/salt-lake-city.yaml", "2014-15/season.yaml", "2014-15/seoul.yaml",
        "2014-15/shanghai.yaml",
        "2022-23/dordrecht.yaml", "2022-23/dresden.yaml", "2022-23/montreal.yaml",
        "2022-23/salt-lake-city.yaml", "2022-23/season.yaml"]


def test_the_olympic_season_podiums(site: tuple[Path, Path]) -> None:
    races = podiums(site[1] / "api" / "seasons" / "2009-10.json")
    assert len(races) == 32
    assert races[("beijing", "2009-09-25", "women", "1500m")] == [
        (1, "CHN", "Zhou Yang"), (2, "KOR", "Lee Eun-byul"), (3, "CHN", "Wang Meng")]
    assert races[("seoul", "2009-10-02", "men", "1500m")] == [
        (1, "KOR", "Lee Jung-su"), (2, "USA", "J. R. Celski"), (3, "KOR", "Lee Ho-suk")]
    assert races[("montreal", "2009-11-01", "women", "1000m")] == [  # <ref name=… /> dropped
        (1, "CHN", "Wang Meng"), (2, "USA", "Katherine Reutter"), (3, "KOR", "Park Seung-hi")]
    assert races[("marquette", "2009-11-06", "men", "1500m")] == [  # {{sortname}}
        (1, "USA", "Apolo Anton Ohno"), (2, "KOR", "Lee Jung-su"), (3, "CAN", "Charles Hamelin")]
    assert races[("marquette", "2009-11-07", "women", "500m")] == [  # tie; '—' for no one
        (1, "CHN", "Wang Meng"), (2, "CAN", "Marianne St-Gelais"),
        (2, "BUL", "Evgenia Radanova")]
    assert races[("marquette", "2009-11-08", "men", "1000m")][2] == (3, "KOR", "Kwak Yoon-gy")
    assert races[("seoul", "2009-10-03", "men", "500m")][1] == (
        2, "CAN", "François-Louis Tremblay")


def test_viktor_ahn_for_russia_and_invisible_marks(site: tuple[Path, Path]) -> None:
    races = podiums(site[1] / "api" / "seasons" / "2014-15.json")
    assert len(races) == 47
    assert races[("salt-lake-city", "2014-11-15", "men", "1500m")] == [
        (1, "KOR", "Kwak Yoon-gy"), (2, "NED", "Sjinkie Knegt"), (3, "RUS", "Viktor Ahn")]
    assert races[("montreal", "2014-11-08", "women", "1500m")][0] == (1, "KOR", "Shim Suk-hee")
    assert races[("shanghai", "2014-12-13", "men", "1500m")] == [  # 'December 13, 2014'
        (1, "KOR", "Sin Da-woon"), (2, "RUS", "Viktor Ahn"), (3, "KOR", "Kwak Yoon-gy")]
    ahn = json.loads((site[1] / "api" / "skaters" / "ahn-hyun-soo.json").read_text("utf-8"))
    assert ahn["podiums"] == {"1": 3, "2": 4, "3": 3}
    season = yaml.safe_load((site[0] / "seasons" / "2014-15" / "season.yaml").read_text("utf-8"))
    assert (str(season["start"]), str(season["end"])) == ("2014-11-07", "2015-02-15")


def test_the_mixed_relay_season(site: tuple[Path, Path]) -> None:
    races = podiums(site[1] / "api" / "seasons" / "2022-23.json")
    assert len(races) == 36
    assert races[("montreal", "2022-10-29", "men", "1500m")][0] == (1, "KOR", "Park Ji-won")
    assert races[("montreal", "2022-10-30", "men", "1000m")][1] == (2, "CAN", "Steven Dubois")
    assert races[("salt-lake-city", "2022-11-06", "men", "1000m")] == [  # 'A & NED B'
        (1, "KOR", "Park Ji-won"), (2, "NED", "Sjinkie Knegt"), (3, "CAN", "Steven Dubois"),
        (3, "NED", "Jens van 't Wout")]
    assert races[("dordrecht", "2023-02-12", "women", "1000m")][0] == (
        1, "NED", "Suzanne Schulting")  # '12&nbsp;February 2023', '{{flagicon|NED}}'
    assert races[("montreal", "2022-10-30", "mixed", "2000m relay")] == [
        (1, "NED", "Netherlands"), (2, "KOR", "South Korea"), (3, "CAN", "Canada")]


# -- what the importer cannot read: one error at its line and column, nothing written ----------

ROW_33 = "| December 13, 2014 | CHN Shanghai | 1500m | KOR Sin Da-woon | RUS Viktor Ahn |"
ROW_56 = "| 15 February 2015 | TUR Erzurum | 1000m | CAN Charles Hamelin |"
ROW_99 = "| 15 February 2015 | TUR Erzurum | 1000m | KOR Shim Suk-hee |"
ROW_36 = "| 1 November 2009 | CAN Montreal | 5000m relay | CAN Canada |"
ROW_40 = "| 6 November 2009 | USA Marquette | 1500m | USA {{sortname|Apolo Anton|Ohno}} |"
ROW_41 = "| 7 November 2009 | USA Marquette | 500m | USA Apolo Anton Ohno | CAN Charles Hamelin |"


@pytest.mark.parametrize(("article", "old", "new", "expected"), [
    (RUSSIA, ROW_33, ROW_33.replace("RUS Viktor", "rus Viktor"),
     "33:64: error: 'rus Viktor Ahn' has no nation code (nation codes are written in capitals: "
     "'RUS Viktor Ahn')"),
    (RUSSIA, ROW_56, ROW_56.replace("CAN Charles Hamelin", "van Kerkhof"),  # 'van' is no 'VAN'
     "56:44: error: 'van Kerkhof' has no nation code (expected e.g. 'KOR Ahn Hyun-soo')"),
    (RUSSIA, "| RUS Semion Elistratov |\n\n", "| RUS Semion Elistratov |\n"
                     "| 15 February 2015 | TUR Erzurum | 5000m relay | ''Cancelled'' | | |\n\n",
     "57:50: error: the race is marked 'Cancelled': a race that was not held has no podium; "
     "delete its row"),
    (RUSSIA, ROW_99, ROW_99.replace("| 15 February", "| 14–15 February"),
     "99:3: error: '14–15 February 2015' is a date range: a race has one date, the day it was "
     "skated (e.g. '15 February 2015')"),
    (OLYMPIC, ROW_36, ROW_36.replace("1 November 2009", "30 October – 1 November 2009"),
     "36:3: error: '30 October – 1 November 2009' is a date range: a race has one date, the day "
     "it was skated (e.g. '1 November 2009')"),
    (OLYMPIC, ROW_36, ROW_36.replace("CAN Canada", "CAN Canada (Hamelin, Tremblay)"),
     "36:61: error: 'CAN Canada (Hamelin, Tremblay)' names more than the team: write it as "
     "'CAN Canada' (relay members are not imported)"),
    (OLYMPIC, ROW_41, ROW_41.replace("Ohno |", "Ohno (DQ) |"),
     "41:65: error: 'USA Apolo Anton Ohno (DQ)' has '(' in its name: a name is written in "
     "letters, spaces, hyphens, apostrophes and full stops (a tie as 'KOR Ahn Hyun-soo / CHN Li "
     "Jiajun')"),
    (OLYMPIC, ROW_41, ROW_41.replace("CAN Charles", "CAN [[Charles"),
     "41:71: error: 'CAN [[Charles Hamelin' has wiki markup ('[') left in it: write the name as "
     "plain text"),
    (OLYMPIC, ROW_41, ROW_41.replace("USA Marquette", "USA Marquette, Michigan"),
     "41:34: error: place 'USA Marquette, Michigan' has ',' in its city name: write the city "
     "alone, in letters (e.g. 'CAN Calgary')"),
    (OLYMPIC, ROW_40, ROW_40.replace("USA Marquette", "usa Marquette"),
     "40:21: error: place 'usa Marquette' has no nation code (nation codes are written in "
     "capitals: 'USA Marquette')"),
    (MIXED, "| HUN Shaoang Liu | NED Jens", "| HUN Shaoang Liu | =NED Jens",
     "32:80: error: '=NED Jens van 't Wout' is marked as tied with '=': write the skaters who "
     "share a place in one cell, e.g. 'KOR Ahn Hyun-soo / CHN Li Jiajun'"),
])
def test_what_cannot_be_read_is_an_error_at_its_place(tmp_path: Path, article: Path, old: str,
                                                       new: str, expected: str) -> None:
    content = content_folder(tmp_path)
    before = {p.name: p.read_bytes() for p in content.iterdir()}
    text = article.read_text(encoding="utf-8")
    assert text.count(old) == 1
    (tmp_path / "a.txt").write_text(text.replace(old, new), encoding="utf-8")
    done = run("import", "a.txt", "--content", "content", cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    errors = [x for x in done.stderr.splitlines() if ": error: " in x]
    assert errors == [f"a.txt:{expected}"]
    assert "1 error; nothing was written." in done.stderr
    assert {p.name: p.read_bytes() for p in content.iterdir()} == before


# -- what editors write that the importer reads: the same podium as the plain row ---------------

PODIUM_41 = [{"place": 1, "skater": "apolo-anton-ohno"}, {"place": 2, "skater": "charles-hamelin"},
             {"place": 3, "skater": "jon-eley"}]


@pytest.mark.parametrize(("new", "podium"), [
    ("| 7 November 2009 | USA [[Marquette, Michigan|Marquette]] | 500&nbsp;m | '''USA Apolo Anton "
     "Ohno''' | {{flagicon|CAN}} Charles Hamelin | GBR Jon Eley<ref>{{cite web|url=x|title=y}}"
     "</ref> |", PODIUM_41),
    ("| 7 November 2009 | USA Marquette | 500m | USA Apolo Anton Ohno | CAN Charles Hamelin | "
     "N/A |", PODIUM_41[:2]),
    ("| 7 November 2009 | USA Marquette | 500m | USA Apolo Anton Ohno | CAN Charles Hamelin, "
     "GBR Jon Eley | – |", [*PODIUM_41[:2], {"place": 2, "skater": "jon-eley"}]),
    ("| 7 November 2009 | USA Marquette | 500m | USA Apolo Anton Ohno | CAN Charles Hamelin and "
     "GBR Jon Eley | |", [*PODIUM_41[:2], {"place": 2, "skater": "jon-eley"}]),
    ("| 7 November 2009 | USA Marquette | 500m | =USA Apolo Anton Ohno / =CAN Charles Hamelin | "
     "| GBR Jon Eley |", [PODIUM_41[0], {"place": 1, "skater": "charles-hamelin"}, PODIUM_41[2]]),
])
def test_markup_and_tie_spellings_are_read(tmp_path: Path, new: str,
                                           podium: list[dict[str, object]]) -> None:
    content = content_folder(tmp_path)
    text = OLYMPIC.read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text.replace(ROW_41 + " GBR Jon Eley |", new),
                                    encoding="utf-8")
    import_article(tmp_path / "a.txt", content)
    stop = yaml.safe_load((content / "seasons" / "2009-10" / "marquette.yaml").read_text("utf-8"))
    assert stop["city"] == "Marquette"
    race = next(r for r in stop["races"] if str(r["date"]) == "2009-11-07"
                and r["category"] == "men")
    assert race["distance"] == "500m" and race["results"] == podium


def test_a_piped_link_is_one_cell_and_its_label_is_the_name() -> None:
    row = ("| 25 September 2009 | CHN [[Beijing]] | 1500m | CHN [[Zhou Yang (speed skater)|Zhou "
           "Yang]] | KOR [[Lee Eun-byul]] | CHN [[Wang Meng]] |")
    text = OLYMPIC.read_text(encoding="utf-8")
    assert row in text
    parsed, problems = parse_article(text, str(OLYMPIC))
    assert problems == [] and parsed is not None
    race = next(r for r in parsed.races if r.line == 49)
    assert (race.city, [(e.place, e.nation, e.name) for e in race.entries]) == (
        "Beijing", [(1, "CHN", "Zhou Yang"), (2, "KOR", "Lee Eun-byul"), (3, "CHN", "Wang Meng")])
    assert [e.col for e in race.entries] == [49, 94, 117]  # each at its nation code


def test_wiki_table_and_infobox_lines_and_distance_spellings(tmp_path: Path) -> None:
    """'| dates = …' of a wiki infobox gives the season's dates (it was read past as a table
    row); '|-' between rows is no row; '1 000 m', '1.500 m' and the ISU's 'mixed team relay'."""
    content = content_folder(tmp_path)
    text = MIXED.read_text(encoding="utf-8")
    for old, new in [
        ("- Dates: 28 October 2022 – 12 February 2023", "| dates = 28 October 2022 – 12 February "
                                                        "2023"),
        ("| GER Dresden | 1000m | KOR", "| GER Dresden | 1 000 m | KOR"),
        ("| GER Dresden | 1500m | KOR Park Ji-won |", "| GER Dresden | 1.500\u00a0m | KOR Park "
                                                     "Ji-won |"),
        ("| 2000 m mixed relay |", "| 2000m mixed team relay |"),
        ("| 5 February 2023 | GER Dresden | 5000m relay |", "|-\n| 5 February 2023 | GER "
                                                           "Dresden | 5000m relay |"),
    ]:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    import_article(tmp_path / "a.txt", content)
    season = content / "seasons" / "2022-23"
    assert yaml.safe_load((season / "season.yaml").read_text("utf-8"))["end"].isoformat() == \
        "2023-02-12"
    dresden = yaml.safe_load((season / "dresden.yaml").read_text("utf-8"))
    assert sorted((r["category"], r["distance"]) for r in dresden["races"]) == [
        ("men", "1000m"), ("men", "1500m"), ("men", "5000m relay"), ("men", "500m"),
        ("mixed", "2000m relay"), ("women", "1000m"), ("women", "1500m"), ("women", "3000m relay"),
        ("women", "500m")]
    montreal = yaml.safe_load((season / "montreal.yaml").read_text("utf-8"))
    assert [r["results"][0] for r in montreal["races"] if r["category"] == "mixed"] == [
        {"place": 1, "team": "NED"}]
