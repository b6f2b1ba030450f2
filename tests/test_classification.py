"""Statistics say only what the data shows: a race lists its podium only ('podium', what an
article gives, the default) or every skater who started ('full'). Starts, races and meetings
are counted from full races only; podium-only data is said to be so.

Two sites: the real 2003-04 content (podium-only, built once per session), and the same
content with a 2004-05 season whose stop lists full results (skaters with both kinds).
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest

from site_gen.engine.build import build_site

from .conftest import CONTENT, ROOT, browser_page, static_server, write_files

FULL_STOP = """\
    city: Calgary
    nation: CAN
    classification: full
    races:
      - date: 2004-10-15
        category: men
        distance: 500m
        results:
          - {place: 1, skater: ahn-hyun-soo, time: "41.100"}
          - {place: 2, skater: li-jiajun, time: "41.200"}
          - {place: 3, skater: apolo-anton-ohno, time: "41.300"}
          - {place: 4, skater: song-suk-woo, time: "41.400"}
          - {skater: eric-bedard, status: DNF}
      - date: 2004-10-16
        category: men
        distance: 1000m
        results:
          - {place: 1, skater: li-jiajun}
          - {place: 2, skater: song-suk-woo}
          - {place: 3, skater: eric-bedard}
          - {place: 4, skater: ahn-hyun-soo}
    """
# the six races whose dates the content reasons from the men's programme (no source gives them)
INFERRED = {("beijing", "women", "500m"), ("beijing", "women", "1000m"),
            ("beijing", "women", "3000m"), ("beijing", "women", "3000m relay"),
            ("bormio", "women", "3000m"), ("bormio", "women", "3000m relay")}
COUNT_OF_RACES = re.compile(r"\b\d+ (?:individual |relay )?(?:races?|starts?)\b")


def text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip())


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def csv_rows(site: Path, path: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(read(site, path).lstrip("\ufeff"), newline="")))


def headers(html: str, caption: str) -> list[str]:
    """The column headings of the table with this caption."""
    table = re.search(r"<caption>" + re.escape(caption) + r"</caption>(.*?)</table>", html, re.S)
    assert table, caption
    return [text(h) for h in re.findall(r"<th\b[^>]*>(.*?)</th>", table.group(1), re.S)]


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content plus a 2004-05 stop with full results."""
    import shutil

    root = tmp_path_factory.mktemp("mixed")
    content = root / "content"
    shutil.copytree(CONTENT, content)
    write_files(content, {"seasons/2004-05/calgary.yaml": FULL_STOP})
    out = root / "public"
    build_site(content, out, base_url="/", jobs=1)
    return out


# ---------- the podium-only site ------------------------------------------------------------

def test_season_json_gives_every_race_its_classification_and_inferred_dates(
        built_site: Path) -> None:
    data = json.loads(read(built_site, "api/seasons/2003-04.json"))
    races = [(c["slug"], r) for c in data["competitions"] for r in c["races"]]
    assert len(races) == 60
    assert {r["classification"] for _, r in races} == {"podium"}
    inferred = {(slug, r["category"], r["distance"]) for slug, r in races if r["date_inferred"]}
    assert inferred == INFERRED
    assert {r["date"] for slug, r in races if slug == "bormio" and r["date_inferred"]} == \
        {"2004-02-14"}


def test_podium_only_skaters_have_no_count_of_races_anywhere(built_site: Path) -> None:
    slugs = [p.stem for p in (built_site / "api/skaters").glob("*.json")]
    assert len(slugs) == 32
    for slug in slugs:
        data = json.loads(read(built_site, f"api/skaters/{slug}.json"))
        assert data["starts"] is None and data["relay_starts"] is None, slug
        assert {r["classification"] for r in data["results"]} == {"podium"}
        for path in (f"skaters/{slug}/index.html", f"skaters/{slug}/card/index.html"):
            found = COUNT_OF_RACES.findall(text(read(built_site, path)))
            assert not found, (path, found)
        oembed = json.loads(read(built_site, f"skaters/{slug}/oembed.json"))
        assert not COUNT_OF_RACES.search(json.dumps(oembed, ensure_ascii=False)), slug
        head = read(built_site, f"skaters/{slug}/index.html").split("</head>")[0]
        assert not COUNT_OF_RACES.search(head), slug  # link previews


DESCRIPTION = re.compile(r'<meta (?:name="description"|property="og:description"|'
                         r'name="twitter:description") content="([^"]*)"')


def test_link_previews_claim_full_results_only_where_races_have_them(
        built_site: Path, mixed: Path) -> None:
    """Every page's descriptions (meta, Open Graph, Twitter) on the podium-only site never
    say 'full results'; a stop with full results says so."""
    pages = sorted(built_site.rglob("index.html"))
    assert len(pages) > 100
    for page in pages:
        for desc in DESCRIPTION.findall(page.read_text(encoding="utf-8")):
            assert "full results" not in desc, (page, desc)
    stop = read(mixed, "seasons/2004-05/calgary/index.html")
    assert "podiums and full results of 2 races" in " ".join(DESCRIPTION.findall(stop))
    beijing = DESCRIPTION.findall(read(built_site, "seasons/2003-04/beijing/index.html"))
    assert beijing and all(": podiums of 10 races" in d for d in beijing), beijing


def test_ahn_is_credited_with_podiums_not_races(built_site: Path) -> None:
    page = read(built_site, "skaters/ahn-hyun-soo/index.html")
    summary = text(re.search(r'<p class="summary">.*?</p>', page, re.S).group(0))
    assert summary == ("6 wins · 6 second places · 2 third places: 14 individual podiums in "
                       "2003–04.")
    note = text(re.search(r'<p class="note podium-only">.*?</p>', page, re.S).group(0))
    assert note.startswith("Only podiums are recorded for 2003–04: places below third are not "
                           "known")
    assert headers(page, "Results by season")[:3] == ["Season", "Best", "1st"]
    assert "Starts" not in headers(page, "Podiums by distance")
    card = text(read(built_site, "skaters/ahn-hyun-soo/card/index.html"))
    assert "14 podiums" in card and "races" not in card
    head = read(built_site, "skaters/ahn-hyun-soo/index.html").split("</head>")[0]
    assert "(14 individual podiums), 2003–04" in head


def test_no_table_or_csv_of_the_podium_only_site_has_a_starts_column(built_site: Path) -> None:
    for path in ("seasons/2003-04/standings/index.html", "nations/index.html",
                 "skaters/ahn-hyun-soo/index.html", "leaders/index.html",
                 "nations/kor/index.html", "seasons/2003-04/index.html",
                 "seasons/2003-04/bormio/index.html", "seasons/2003-04/men/500m/index.html"):
        html = read(built_site, path)
        ths = {text(h) for h in re.findall(r"<th\b[^>]*>(.*?)</th>", html, re.S)}
        assert not ths & {"Starts", "Races", "Results", "Relays"}, (path, ths)
        assert html.count('class="note podium-only"') == 1, path  # said once
    counts = {"starts", "relay_starts", "results", "relay_results"}
    for path in sorted(built_site.rglob("*.csv")):
        header = path.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
        assert not counts & set(header), (path, header)


def test_inferred_dates_are_marked_where_they_are_shown(built_site: Path) -> None:
    beijing = read(built_site, "seasons/2003-04/beijing/index.html")
    rows = [text(r) for r in re.findall(r"<tr>.*?</tr>", beijing, re.S)]
    marked = [r for r in rows if "date inferred" in r]
    assert len(marked) == 4 and all(r.startswith(("6 Dec", "7 Dec")) for r in marked), marked
    assert not [r for r in rows if "date inferred" not in r and "Wang Meng" in r
                and r.startswith("6 Dec")]
    corrections = text(beijing)
    assert "is inferred from the men's programme" in corrections
    results = csv_rows(built_site, "seasons/2003-04/results.csv")
    assert {(r["stop"], r["category"], r["distance"]) for r in results
            if r["date_inferred"] == "yes"} == INFERRED


def test_placings_chart_keeps_every_stop_and_breaks_lines_at_unknown_places(
        built_site: Path) -> None:
    page = read(built_site, "skaters/li-jiajun/index.html")
    chart = re.search(r'<figure class="chart">.*?</figure>', page, re.S).group(0)
    stops = re.findall(r'text-anchor="middle">([^<]+)</text><text class="muted"', chart)
    assert stops == ["Calgary", "Marquette", "Jeonju", "Beijing", "Mladá Boleslav", "Bormio"]
    # Jeonju 500m 1st, then off the podium at Beijing and first again nowhere: no line joins
    # Jeonju's 500m to Mladá Boleslav's across Beijing
    assert "<polyline" not in chart
    assert "Not on the podium, place not recorded: Calgary 500m" in text(chart)
    assert "4 results at 3 stops" in text(chart)


# ---------- a skater with both kinds --------------------------------------------------------

def test_starts_come_from_full_races_and_are_labelled_so(mixed: Path) -> None:
    ahn = json.loads(read(mixed, "api/skaters/ahn-hyun-soo.json"))
    assert ahn["starts"] == 2
    assert ahn["individual_podiums"] == {"1": 7, "2": 6, "3": 2}  # podiums from both seasons
    bedard = json.loads(read(mixed, "api/skaters/eric-bedard.json"))
    assert bedard["starts"] == 2  # a DNF is a start
    page = read(mixed, "skaters/ahn-hyun-soo/index.html")
    summary = text(re.search(r'<p class="summary">.*?</p>', page, re.S).group(0))
    assert summary == ("7 wins · 6 second places · 2 third places in 2003–04 to 2004–05; 2 "
                       "individual starts in races with full results.")
    by_season = re.search(r"<caption>Results by season</caption>.*?</table>", page, re.S)
    rows = [[text(c) for c in re.findall(r"<td\b[^>]*>(.*?)</td>", r, re.S)]
            for r in re.findall(r"<tr>(.*?)</tr>", by_season.group(0), re.S)]
    assert [r[:2] for r in rows if r] == [["2003–04", "–"], ["2004–05", "2"]]
    card = text(read(mixed, "skaters/ahn-hyun-soo/card/index.html"))
    assert "15 podiums" in card and "races" not in card
    season = json.loads(read(mixed, "api/seasons/2004-05.json"))
    assert {r["classification"] for c in season["competitions"] for r in c["races"]} == {"full"}


def test_full_season_tables_and_csv_count_starts(mixed: Path) -> None:
    standings = read(mixed, "seasons/2004-05/standings/index.html")
    leaders = read(mixed, "seasons/2004-05/leaders/index.html")
    assert "Starts" in headers(leaders, "Podium places by skater, 2004–05")
    assert 'class="note podium-only"' not in standings
    season = {r["skater"]: r for r in csv_rows(mixed, "seasons/2004-05/podiums.csv")}
    assert season["song-suk-woo"]["starts"] == "2" and season["song-suk-woo"]["podiums"] == "1"
    assert "starts" not in csv_rows(mixed, "seasons/2003-04/podiums.csv")[0]
    alltime = {r["skater"]: r for r in csv_rows(mixed, "leaders/podiums.csv")}
    assert alltime["li-jiajun"]["starts"] == "2"
    assert alltime["choi-eun-kyung"]["starts"] == ""  # podium-only: not recorded, not 0
    nations = read(mixed, "nations/index.html")
    assert headers(nations, "Nations with World Cup results")[2] == "Starts"
    mine = {r["season"]: r for r in csv_rows(mixed, "skaters/ahn-hyun-soo/podiums.csv")
            if r["table"] == "season"}
    assert (mine["2003-04"]["results"], mine["2004-05"]["results"]) == ("", "2")


@pytest.fixture(scope="module")
def origin(mixed: Path) -> Iterator[str]:
    with static_server(mixed) as url:
        yield url + "/"


def _h2h(browser: object, origin: str, a: str, b: str) -> tuple[str, str]:
    with browser_page(browser, 1280, 900) as pg:
        pg.goto(f"{origin}head-to-head/?a={a}&b={b}")  # type: ignore[attr-defined]
        pg.locator(".h2h-summary:not(:text('Loading'))").wait_for()  # type: ignore[attr-defined]
        return (pg.locator(".h2h-summary").inner_text(),  # type: ignore[attr-defined]
                pg.locator("#h2h-result").inner_text())  # type: ignore[attr-defined]


def podiums_together(site: Path, season: str, a: str, b: str) -> int:
    """Races of the season whose listed results name both skaters (from its JSON)."""
    data = json.loads(read(site, f"api/seasons/{season}.json"))
    return sum(1 for c in data["competitions"] for r in c["races"]
               if {a, b} <= {res.get("slug") for res in r["results"]})


def test_head_to_head_counts_full_races_and_says_what_podiums_cannot(
        chromium_browser: object, origin: str, mixed: Path) -> None:
    summary, result = _h2h(chromium_browser, origin, "ahn-hyun-soo", "li-jiajun")
    assert summary == ("Ahn Hyun-soo finished ahead 1×, Li Jiajun 1× in 2 races against each "
                       "other with full results.")
    assert ("Ahn Hyun-soo and Li Jiajun met on the podium 0 times in 2003–04: results below "
            "the podium are not recorded for that season") in result
    assert "never raced" not in result
    summary, result = _h2h(chromium_browser, origin, "ahn-hyun-soo", "apolo-anton-ohno")
    assert summary.startswith("Ahn Hyun-soo finished ahead 1×, Apolo Anton Ohno 0× in 1 race")
    met = re.search(r"met on the podium (\d+) times in 2003–04", result)
    together = podiums_together(mixed, "2003-04", "ahn-hyun-soo", "apolo-anton-ohno")
    assert together > 0 and met and int(met.group(1)) == together
    assert "Ahn Hyun-soo and Apolo Anton Ohno on the podium together" in result


# ---------- the data says which it is --------------------------------------------------------

def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_a_place_below_the_podium_needs_full_said(make_site, tmp_path: Path) -> None:
    podium = FULL_STOP.replace("    classification: full\n", "")
    content = make_site({"seasons/2004-05/calgary.yaml": podium})
    done = run("build", "--content", str(content), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if "podium-only" in line]
    assert lines == [  # the first place below the podium of each race
        f"{content}/seasons/2004-05/calgary.yaml:{n}:17: error: place 4 in a race whose results "
        "are podium-only (the default): if every skater who started is listed, write "
        "'classification: full' as the race or its stop's field" for n in (11, 20)]
    assert not (tmp_path / "out").exists()


def test_a_classification_is_podium_or_full(make_site, tmp_path: Path) -> None:
    content = make_site({"seasons/2004-05/calgary.yaml":
                         FULL_STOP.replace("classification: full", "classification: complete")})
    done = run("check", "--content", str(content), cwd=tmp_path)
    assert done.returncode == 1
    assert (f"{content}/seasons/2004-05/calgary.yaml:3:17: error: 'classification' must be one "
            "of: podium, full, found text 'complete'") in done.stdout + done.stderr


def test_check_warns_about_a_full_race_of_three(make_site, tmp_path: Path) -> None:
    below = ('      - {place: 4, skater: song-suk-woo, time: "41.400"}\n'
             "      - {skater: eric-bedard, status: DNF}\n")
    short = textwrap.dedent(FULL_STOP).replace(below, "")
    content = make_site({"seasons/2004-05/calgary.yaml": short})
    done = run("check", "--content", str(content), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines() == [
        f"{content}/seasons/2004-05/calgary.yaml:9:7: warning: the men's 500m at Calgary is "
        "marked 'classification: full' but lists 3 results: if only its podium is known, "
        "mark it 'classification: podium'"]


@pytest.mark.parametrize("page", ["index.html", "skaters/index.html"])
def test_home_and_the_skater_index_say_once_what_their_counts_are(
        built_site: Path, mixed: Path, page: str) -> None:
    """Their podium figures count podiums: they say so when any race is podium-only."""
    notes = re.findall(r'<p class="note podium-only">(.*?)</p>', read(built_site, page))
    assert len(notes) == 1 and text(notes[0]).startswith("Only podiums are recorded: places")
    mixed_notes = re.findall(r'<p class="note podium-only">(.*?)</p>', read(mixed, page))
    assert len(mixed_notes) == 1 and "for some of these races" in mixed_notes[0]
