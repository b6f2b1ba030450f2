"""Issue 6, downloads: every CSV parses with the csv module, matches its page's table, is safe."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from site_gen.engine.build import build_site
from site_gen.model.site import season_label
from site_gen.render.outputs.csv_files import safe_cell, to_csv
from site_gen.render.renderer import ordinal

from .blog_helpers import page

SEASON = "seasons/2003-04"


def read_csv(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM, for spreadsheets"
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def body(table: list[list[str]]) -> list[list[str]]:
    return table[1:]  # the first row is the header


@pytest.mark.parametrize(("value", "expected"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1", "'+1"), ("-1", "'-1"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("Wang Meng", "Wang Meng"),
    ("41.234", "41.234"), (-1, "-1"), (250.0, "250"), (12.5, "12.5"), (None, ""), (3, "3"),
])
def test_cells_are_spreadsheet_safe(value: object, expected: str) -> None:
    assert safe_cell(value) == expected  # type: ignore[arg-type]


def test_to_csv_quotes_and_round_trips() -> None:
    rows = [["a,b", 'say "hi"', "line\nbreak", "=1+1"]]
    data = to_csv(("w", "x", "y", "z"), rows)
    parsed = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert parsed == [["w", "x", "y", "z"], ["a,b", 'say "hi"', "line\nbreak", "'=1+1"]]


def test_skater_results_match_the_page(built_site: Path) -> None:
    rows = read_csv(built_site / "skaters/ahn-hyun-soo/results.csv")
    table = page(built_site / "skaters/ahn-hyun-soo/index.html").tables[
        "World Cup results of Ahn Hyun-soo"]
    assert len(rows) == len(body(table)) == 14
    for row, cells in zip(rows, body(table), strict=True):
        date, stop, dist, place, time = cells  # no 'Skated as': all under his registry name
        assert (row["nation"], row["name"]) == ("KOR", "Ahn Hyun-soo")
        assert row["city"] == stop
        assert f"{row['category'].title()} {row['distance']}" == dist
        assert (ordinal(int(row["place"])) if row["place"] else row["status"]) == place
        assert row["time"] == time
        assert date.endswith(row["date"][:4])
    data = json.loads((built_site / "api/skaters/ahn-hyun-soo.json").read_text())
    assert [r["place"] for r in data["results"]] == [int(r["place"]) for r in rows]


def test_standings_page_tables_match(built_site: Path) -> None:
    tables = page(built_site / SEASON / "standings/index.html").tables
    medals = read_csv(built_site / SEASON / "medals.csv")
    expected = [[r["rank"], f"{r['nation']} {r['nation_name']}", r["first"], r["second"],
                 r["third"], r["podiums"]] for r in medals]
    assert body(tables["Podium places by nation, 2003–04"]) == expected
    podiums = read_csv(built_site / SEASON / "podiums.csv")
    assert "starts" not in podiums[0]  # 2003-04 lists podiums only: no starts, on either side
    expected = [[r["rank"], f"{r['nation']} {r['name']}", r["first"], r["second"],
                 r["third"], r["podiums"]] for r in podiums]
    leaders = page(built_site / SEASON / "leaders/index.html").tables
    assert body(leaders["Podium places by skater, 2003–04"]) == expected
    standings = read_csv(built_site / SEASON / "standings.csv")
    captions = [c for c in tables if " — " in c]
    assert captions
    for caption in captions:
        category, label = re.sub(r"\d+$", "", caption).split(" — ")  # note marks
        rows = [r for r in standings if r["category"] == category.lower() and r["table"] == label]
        with_points = any(r["points"] for r in rows)  # the page leaves out an empty column
        assert body(tables[caption]) == [
            [r["place"], f"{r['nation']} {r['name']}", *([r["points"]] if with_points else [])]
            for r in rows], caption
    assert len(standings) == sum(len(body(tables[c])) for c in captions)


def test_season_results_match_the_season_json(built_site: Path) -> None:
    rows = read_csv(built_site / SEASON / "results.csv")
    data = json.loads((built_site / "api/seasons/2003-04.json").read_text())
    expected = [(c["slug"], race["date"], race["distance"], r["name"], r["place"])
                for c in data["competitions"] for race in c["races"] for r in race["results"]]
    assert [(r["stop"], r["date"], r["distance"], r["name"],
             int(r["place"]) if r["place"] else None) for r in rows] == expected


@pytest.mark.parametrize(("page_path", "csv_paths"), [
    (f"{SEASON}/standings/index.html", ["standings", "medals"]),
    (f"{SEASON}/leaders/index.html", ["podiums"]),
    (f"{SEASON}/index.html", ["results", "standings"]),
])
def test_download_links_beside_tables(built_site: Path, page_path: str,
                                      csv_paths: list[str]) -> None:
    hrefs = [a["href"] for a in page(built_site / page_path).anchors]
    for name in csv_paths:
        assert f"/{SEASON}/{name}.csv" in hrefs
        assert (built_site / SEASON / f"{name}.csv").is_file()
    skater = [a["href"] for a in page(built_site / "skaters/wang-meng/index.html").anchors]
    assert "/skaters/wang-meng/results.csv" in skater


def test_formula_in_the_data_is_neutralised(make_site, tmp_path: Path) -> None:
    content = make_site()
    stop = content / SEASON / "calgary.yaml"
    text = stop.read_text(encoding="utf-8")
    stop.write_text(text.replace("{place: 1, skater: lee-seung-jae}",
                                 '{place: 1, skater: lee-seung-jae, note: "=HYPERLINK(1)"}', 1),
                    encoding="utf-8")
    out = tmp_path / "public"
    build_site(content, out, jobs=1)
    notes = [r["note"] for r in read_csv(out / SEASON / "results.csv") if r["note"]]
    assert notes == ["'=HYPERLINK(1)"]
    skater = read_csv(out / "skaters/lee-seung-jae/results.csv")
    assert [r["note"] for r in skater if r["note"]] == ["'=HYPERLINK(1)"]


def test_skater_podium_tables_match_the_page_and_json(built_site: Path) -> None:
    rows = read_csv(built_site / "skaters/ahn-hyun-soo/podiums.csv")
    tables = page(built_site / "skaters/ahn-hyun-soo/index.html").tables
    assert "results" not in rows[0]  # podium-only: no count of races, on either side
    by_distance = [[f"{r['category'].title()} {r['distance']}", r["first"],
                    r["second"], r["third"], r["podiums"]]
                   for r in rows if r["table"] == "distance"]
    assert body(tables["Podiums by distance"]) == by_distance
    data = json.loads((built_site / "api/skaters/ahn-hyun-soo.json").read_text())
    season = [r for r in rows if r["table"] == "season"]
    assert [(r["first"], r["second"], r["third"]) for r in season] == [
        tuple(str(data["individual_podiums"][n]) for n in "123")]
    html = (built_site / "skaters/ahn-hyun-soo/index.html").read_text()
    assert 'href="/skaters/ahn-hyun-soo/podiums.csv"' in html


def test_nation_and_leaders_tables_have_their_csv(built_site: Path) -> None:
    medals = read_csv(built_site / "nations/kor/medals.csv")
    table = page(built_site / "nations/kor/index.html").tables[
        "Podium places of South Korea per season"]
    assert body(table) == [[season_label(r["season"]), r["first"], r["second"], r["third"],
                            r["podiums"]]
                           for r in medals]
    relays = read_csv(built_site / "nations/chn/relays.csv")
    assert {r["nation"] for r in relays} == {"CHN"} and len(relays) == len(
        body(page(built_site / "nations/chn/index.html").tables["Relay results of China"]))
    podiums = read_csv(built_site / "leaders/podiums.csv")
    season = read_csv(built_site / SEASON / "podiums.csv")
    assert [r["skater"] for r in podiums] == [r["skater"] for r in season]  # one season so far
    assert read_csv(built_site / "leaders/medals.csv")[0]["nation"] == "KOR"
    leaders = (built_site / "leaders/index.html").read_text()
    assert 'href="/leaders/podiums.csv"' in leaders and 'href="/leaders/medals.csv"' in leaders
