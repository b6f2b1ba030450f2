"""A skater page shows the skater's place (and points) in every official World Cup standings
table of a season that names them, linked to the season's standings, titles first; editing
season.yaml's standings re-renders the pages of the skaters it names."""

from __future__ import annotations

import re
from pathlib import Path

from site_gen.engine.build import build_site

from .blog_helpers import page


def test_ahn_hyun_soo_page_names_his_2003_04_titles(built_site: Path) -> None:
    html = (built_site / "skaters/ahn-hyun-soo/index.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "World Cup titles: 2003–04 Men overall, 2003–04 Men 1000m, 2003–04 Men 1500m." in text
    table = page(built_site / "skaters/ahn-hyun-soo/index.html").tables[
        "World Cup standings of Ahn Hyun-soo"]
    assert table[1:] == [["2003–04", "Men overall", "1st"], ["2003–04", "Men 500m", "2nd"],
                         ["2003–04", "Men 1000m", "1st"], ["2003–04", "Men 1500m", "1st"]]
    # each row leads to its own table on the standings page
    standings = (built_site / "seasons/2003-04/standings/index.html").read_text(encoding="utf-8")
    for anchor in ("st-men-overall", "st-men-500m", "st-men-1000m", "st-men-1500m"):
        assert f'href="/seasons/2003-04/standings/#{anchor}"' in html
        assert f'<div id="{anchor}">' in standings


def test_a_skater_with_standings_and_no_race_result_sees_them(make_site, tmp_path: Path) -> None:
    content = make_site({"skaters.yaml": (Path(__file__).parent.parent / "content/skaters.yaml")
                         .read_text(encoding="utf-8")
                         + "- slug: only-points\n  name: Only Points\n  nation: KOR\n"})
    season = content / "seasons/2003-04/season.yaml"
    text = season.read_text(encoding="utf-8")
    old = "{place: 2, skater: ahn-hyun-soo}"
    season.write_text(text.replace(old, "{place: 2, skater: only-points}", 1), encoding="utf-8")
    build_site(content, tmp_path / "public", jobs=1)
    table = page(tmp_path / "public/skaters/only-points/index.html").tables[
        "World Cup standings of Only Points"]
    assert table[1][2] == "2nd"


def test_points_are_shown_when_given_and_edits_rerender(make_site, tmp_path: Path) -> None:
    content = make_site()
    season = content / "seasons/2003-04/season.yaml"
    text = season.read_text(encoding="utf-8")
    out = tmp_path / "public"
    build_site(content, out, jobs=1)
    li = (out / "skaters/li-jiajun/index.html").read_text(encoding="utf-8")
    assert "World Cup standings of Li Jiajun" in li
    old = "{place: 1, skater: li-jiajun}\n        - {place: 2, skater: ahn-hyun-soo}"
    assert old in text
    season.write_text(text.replace(old, "{place: 1, skater: ahn-hyun-soo, points: 612}\n"
                                        "        - {place: 2, skater: li-jiajun, points: 580}"),
                      encoding="utf-8")
    build_site(content, out, jobs=1)  # incremental: the standings edit must reach both pages
    ahn = page(out / "skaters/ahn-hyun-soo/index.html").tables[
        "World Cup standings of Ahn Hyun-soo"]
    assert ahn[0] == ["Season", "Standings", "Place", "Points"]
    assert ["2003–04", "Men 500m", "1st", "612"] in ahn
    li_table = page(out / "skaters/li-jiajun/index.html").tables[
        "World Cup standings of Li Jiajun"]
    assert ["2003–04", "Men 500m", "2nd", "580"] in li_table
