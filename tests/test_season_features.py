"""Later-season features as a fan reads them: a second stop in one city, mixed relays, full
result lists with statuses, ties, named relay members, renamed skaters and neutral flags."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from site_gen.engine.build import build_site
from site_gen.model.site import seconds

HOSTILE = "<script>alert(1)</script> O'Neil & \"Co\""

FILES = {
    "nations.yaml": """
        CAN: Canada
        CHN: China
        KOR: South Korea
        NED: Netherlands
        ROC: ROC
        RUS: Russia
        USA: United States
    """,
    "skaters.yaml": """
        - {slug: ahn-hyun-soo, name: Ahn Hyun-soo, nation: KOR, gender: men,
           changes: [{season: 2011-12, name: Viktor Ahn, nation: RUS}]}
        - {slug: lin-xiaojun, name: Lim Hyo-jun, nation: KOR, gender: men,
           changes: [{season: 2021-22, name: Lin Xiaojun, nation: CHN}],
           former_slugs: [lim-hyo-jun]}
        - {slug: semen-elistratov, name: Semen Elistratov, nation: RUS, gender: men}
        - {slug: charles-hamelin, name: Charles Hamelin, nation: CAN, gender: men}
        - {slug: hostile, name: "<script>alert(1)</script> O'Neil & \\"Co\\"", nation: USA,
           gender: men}
        - {slug: suzanne-schulting, name: Suzanne Schulting, nation: NED, gender: women}
        - {slug: wang-meng, name: Wang Meng, nation: CHN, gender: women}
    """,
    "seasons/2010-11/season.yaml": """
        title: 2010–11 World Cup
    """,
    "seasons/2010-11/calgary.yaml": """
        city: Calgary
        nation: CAN
        races:
          - date: 2010-10-22
            category: men
            distance: 500m
            results:
              - {place: 1, skater: ahn-hyun-soo}
              - {place: 2, skater: lin-xiaojun}
              - {place: 3, skater: charles-hamelin}
    """,
    "seasons/2011-12/season.yaml": """
        title: 2011–12 World Cup
        standings:
          men:
            - distance: overall
              results:
                - {place: 1, skater: ahn-hyun-soo, points: 500}
                - {place: 2, skater: lin-xiaojun, points: 400}
                - {place: 2, skater: hostile, points: 400}
    """,
    "seasons/2011-12/seoul.yaml": """
        city: Seoul
        nation: KOR
        races:
          - date: 2011-10-22
            category: men
            distance: 500m
            results:
              - {place: 1, skater: ahn-hyun-soo, time: "40.512"}
              - {place: 2, skater: lin-xiaojun, time: "40.600"}
              - {place: 2, skater: hostile, time: "40.600"}
          - date: 2011-10-23
            category: men
            distance: 5000m relay
            results:
              - {place: 1, team: RUS, members: [ahn-hyun-soo, semen-elistratov], time: "6:45.123"}
              - {place: 2, team: KOR, members: [lin-xiaojun]}
              - {team: CAN, status: PEN}
    """,
    "seasons/2011-12/calgary.yaml": """
        city: Calgary
        nation: CAN
        races:
          - date: 2011-11-05
            category: men
            distance: 1500m
            results:
              - {place: 1, skater: charles-hamelin}
              - {place: 2, skater: ahn-hyun-soo}
              - {place: 3, skater: lin-xiaojun}
    """,
    "seasons/2011-12/seoul-2.yaml": """
        city: Seoul
        nation: KOR
        races:
          - date: 2011-12-11
            category: men
            distance: 1000m
            results:
              - {place: 1, skater: ahn-hyun-soo}
              - {place: 2, skater: charles-hamelin}
              - {skater: lin-xiaojun, status: DQ}
    """,
    "seasons/2021-22/season.yaml": """
        title: 2021–22 World Cup
    """,
    "seasons/2021-22/beijing.yaml": """
        city: Beijing
        nation: CHN
        races:
          - date: 2021-10-23
            category: mixed
            distance: 2000m relay
            results:
              - {place: 1, team: CHN, members: [lin-xiaojun, wang-meng], time: "2:37.1"}
              - {place: 2, team: ROC, members: [semen-elistratov]}
              - {place: 3, team: NED, members: [suzanne-schulting]}
          - date: 2021-10-24
            category: men
            distance: 500m
            results:
              - {place: 1, skater: lin-xiaojun}
              - {place: 2, skater: semen-elistratov, nation: ROC}
              - {place: 3, skater: hostile}
    """,
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import write_files

    root = tmp_path_factory.mktemp("features")
    content = write_files(root / "content", FILES)
    out = root / "public"
    build_site(content, out, base_url="/", jobs=1)
    return out


def page(site: Path, path: str) -> str:
    return (site / path.strip("/") / "index.html").read_text(encoding="utf-8")


def main(html: str) -> str:
    return html[html.index("<main"):html.index("</main>")]


def text(html: str) -> str:
    """The visible text of an HTML fragment, whitespace collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_full_results_shown_when_a_short_list_has_times_or_statuses(site: Path) -> None:
    stop = main(page(site, "seasons/2011-12/seoul-2"))
    assert "Men 1000m — full results" in stop
    assert "DQ" in text(stop)
    relay = main(page(site, "seasons/2011-12/seoul"))
    assert "Men 5000m relay — full results" in relay
    assert "PEN" in text(relay) and "6:45.123" in relay
    dist = main(page(site, "seasons/2011-12/men/5000m-relay"))
    assert "full results" in dist and "PEN" in text(dist)
    plain = main(page(site, "seasons/2011-12/calgary"))
    assert "full results" not in plain  # a bare podium is not repeated


def test_mixed_category_reads_without_a_possessive(site: Path) -> None:
    html = page(site, "seasons/2021-22/mixed/2000m-relay")
    assert "<title>Mixed 2000m relay, 2021–22" in html
    assert "mixed's" not in html.lower()
    assert "Every mixed 2000m relay of the season" in html
    assert "Men&#39;s 500m" in page(site, "seasons/2021-22/men/500m")


def test_two_stops_in_one_city_are_told_apart(site: Path) -> None:
    second = page(site, "seasons/2011-12/seoul-2")
    assert "<title>Seoul (2) 2011–12" in second
    assert re.search(r"<h1>Seoul \(2\) <small>", second)
    assert '<li aria-current="page">Seoul (2)</li>' in second
    assert re.search(r'rel="prev" href="/seasons/2011-12/calgary/">← Calgary<', second)
    first = page(site, "seasons/2011-12/seoul")
    assert re.search(r"<h1>Seoul \(1\) <small>", first)
    assert re.search(r'rel="next" href="/seasons/2011-12/calgary/">Calgary →<', first)
    venue = text(main(page(site, "venues/seoul")))
    assert "Seoul (1)" in venue and "Seoul (2)" in venue
    season = text(main(page(site, "seasons/2011-12")))
    assert season.index("Seoul (1)") < season.index("Calgary") < season.index("Seoul (2)")
    assert "Calgary (" not in season  # a city visited once keeps its plain name
    assert "<h1>Calgary <small>" in page(site, "seasons/2011-12/calgary")


def test_relay_members_are_named_with_their_names_that_season(site: Path) -> None:
    stop = main(page(site, "seasons/2011-12/seoul"))
    members = re.findall(r'<span class="members">(.*?)</span>', stop)
    russia = ('(<a href="/skaters/ahn-hyun-soo/">Viktor Ahn</a>, '
              '<a href="/skaters/semen-elistratov/">Semen Elistratov</a>)')
    assert members.count(russia) == 2  # on the podium and in the full results
    mixed = main(page(site, "seasons/2021-22/mixed/2000m-relay"))
    assert '<a href="/skaters/lin-xiaojun/">Lin Xiaojun</a>' in mixed
    skater = main(page(site, "skaters/semen-elistratov"))
    assert "Men 5000m relay" in skater and "Mixed 2000m relay" in skater


@pytest.mark.parametrize("path", ["seasons/2011-12/men/1000m", "seasons/2011-12/standings",
                                  "seasons/2011-12/leaders"])
def test_season_tables_name_skaters_as_they_were_that_season(site: Path, path: str) -> None:
    html = main(page(site, path))
    if "standings" not in path:  # the season's skaters are ranked on its leaders page
        assert re.search(r'nat-rus"[^>]*>RUS</span> <a href="/skaters/ahn-hyun-soo/">Viktor '
                         r"Ahn<", html)
    assert ">Ahn Hyun-soo<" not in html


def test_home_leaders_use_the_latest_seasons_names(site: Path) -> None:
    html = main(page(site, ""))
    assert '<a href="/skaters/lin-xiaojun/">Lin Xiaojun</a>' in html
    assert ">Lim Hyo-jun<" not in html


@pytest.mark.parametrize("code, slug, name, podiums", [  # individual, then relay apart
    ("rus", "ahn-hyun-soo", "Viktor Ahn", "2–1–0</span> <span [^>]*>relays 1–0–0"),
    ("kor", "ahn-hyun-soo", "Ahn Hyun-soo", "1–0–0</span></li>"),
    ("kor", "lin-xiaojun", "Lim Hyo-jun", "0–2–1</span> <span [^>]*>relays 0–1–0"),
    ("chn", "lin-xiaojun", "Lin Xiaojun", "1–0–0</span> <span [^>]*>relays 1–0–0"),
])
def test_nation_pages_list_a_skater_as_they_skated_for_it(
        site: Path, code: str, slug: str, name: str, podiums: str) -> None:
    html = main(page(site, f"nations/{code}"))
    assert re.search(rf'<a href="/skaters/{slug}/">{name}</a> <span class="count"[^>]*>'
                     rf"{podiums}", html)


def test_skater_summary_counts_read_in_the_singular(site: Path) -> None:
    summary = text(re.search(r'<p class="summary">.*?</p>', page(site, "skaters/hostile"))[0])
    # podium-only races: their podiums are counted, never their races
    assert summary == ("0 wins · 1 second place · 1 third place: 2 individual podiums in "
                       "2011–12 to 2021–22.")


def test_a_skater_listed_under_a_neutral_flag_is_on_its_page(site: Path) -> None:
    """Elistratov is RUS in the registry and raced as ROC in 2021-22 (a result's nation):
    he is a member of both pages, counted on each for the results under it."""
    roc = main(page(site, "nations/roc"))
    assert "No individual skaters recorded" not in roc
    assert re.search(r'<a href="/skaters/semen-elistratov/">Semen Elistratov</a>', roc)
    assert "Semen Elistratov" in main(page(site, "nations/rus"))


def test_every_view_of_a_stop_names_the_second_stop_in_a_city_apart(site: Path) -> None:
    skater = page(site, "skaters/ahn-hyun-soo")
    cells = re.findall(r'<a href="/seasons/2011-12/(seoul(?:-2)?)/">([^<]+)</a>', main(skater))
    assert ("seoul", "Seoul (1)") in cells and ("seoul-2", "Seoul (2)") in cells
    assert ("seoul", "Seoul") not in cells and ("seoul-2", "Seoul") not in cells
    charts = re.findall(r'<figure class="chart">.*?</figure>', skater)
    [chart] = [c for c in charts if "at each stop of 2011–12</figcaption>" in c]
    assert "<title>Seoul (2), men 1000m: 1st</title>" in chart
    assert "in 2011–12: 4 results at 3 stops, 3 individual podiums and 1 relay podium" in chart
    assert "in 2010–11: 1 result at 1 stop, 1 podium, best place 1st" in skater
    second = page(site, "seasons/2011-12/seoul-2")
    assert '<meta name="description" content="Seoul (2) World Cup, 2011–12' in second
    assert "Speed Skating World Cup, Seoul (2)" in second  # JSON-LD SportsEvent name
    search = (site / "api/search.json").read_text(encoding="utf-8")
    assert "Seoul (2) 2011–12" in search and "Seoul (1) 2011–12" in search


@pytest.mark.parametrize("time, expected", [
    ("41.234", 41.234), ("1:02.500", 62.5), ("6:45.123", 405.123), (" 40.5 ", 40.5),
    ("", None), (None, None), ("DQ", None), ("1:2:3", None), ("41,2", None), ("-3.0", None),
    ("1:75.000", None), ("62.3", None), ("41", None), ("1:2.3", None),  # as check warns
])
def test_race_times_read_as_seconds(time: str | None, expected: float | None) -> None:
    assert seconds(time) == expected


def test_gaps_are_measured_from_a_timed_winner_only(site: Path) -> None:
    """The Seoul 500m has times: gaps; the second Seoul stop's 1000m has none: no Gap column
    (and no error for want of a winner's time)."""
    timed = main(page(site, "seasons/2011-12/seoul"))
    assert "Time behind the winner" in timed and "+0.088" in timed
    untimed = main(page(site, "seasons/2011-12/seoul-2"))
    assert "full results" in untimed and "Time behind the winner" not in untimed


def _skated_as(site: Path, slug: str) -> list[str] | None:
    """The 'Skated as' cells of a skater's result table, in order; None without the column."""
    html = main(page(site, f"skaters/{slug}"))
    table = html[html.index("<caption>World Cup results of"):]
    table = table[:table.index("</table>")]
    head = re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', table)
    if "Skated as" not in head:
        return None
    column = head.index("Skated as")
    rows = re.findall(r"<tr>(.*?)</tr>", table[table.index("<tbody>"):], re.S)
    return [text(re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)[column]) for row in rows]


def test_skated_as_names_a_relay_member_and_a_neutral_flag(site: Path) -> None:
    """A relay row says the member's own name that season (not the team's); a skater with no
    registry change who raced under ROC gets the column too; one who never changed does not."""
    ahn = _skated_as(site, "ahn-hyun-soo")
    assert ahn is not None and "RUS Viktor Ahn" in ahn and "KOR Ahn Hyun-soo" in ahn
    assert not any("Russia" in cell for cell in ahn)
    assert _skated_as(site, "semen-elistratov") == [
        "RUS Semen Elistratov", "ROC Semen Elistratov", "ROC Semen Elistratov"]
    assert _skated_as(site, "charles-hamelin") is None
