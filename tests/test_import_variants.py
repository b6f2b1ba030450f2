"""``import`` on season articles unlike the known one: layouts and defects of real later seasons.

Each test writes (or reads from tests/articles/) a real article file and imports it in process
into a real content folder holding the registry of tests/articles/ (the CLI is test_import.py's).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from site_gen.errors import DataError
from site_gen.importer.article_import import import_article
from site_gen.importer.article_text import normalise_name

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = Path(__file__).resolve().parent / "articles"

BASE = """\
= 2019–20 ISU Short Track Speed Skating World Cup =

Infobox
- Dates: 1 November 2019 – 9 February 2020

==Calendar==

=== Men ===

====Canada====
| Date | Place | Distance | Winner | Second | Third |
| 9 November 2019 | CAN Montreal | 1500m | KOR Hwang Dae-heon | CAN Steven Dubois | CHN Wu Dajing |
| 10 November 2019 | CAN Montreal | 500m | HUN Shaoang Liu | KOR Hwang Dae-heon | CHN Wu Dajing |
| 10 November 2019 | CAN Montreal | 5000m relay | KOR South Korea | HUN Hungary | CAN Canada |

=== Women ===

====Canada====
| Date | Place | Distance | Winner | Second | Third |
| 9 November 2019 | CAN Montreal | 1500m | NED Suzanne Schulting | KOR Choi Min-jeong | |
| 10 November 2019 | CAN Montreal | 3000m relay | KOR South Korea | NED Netherlands | CHN China |

=== Mixed ===

====Canada====
| Date | Place | Distance | Winner | Second | Third |
| 10 November 2019 | CAN Montreal | 2000m relay | CHN China | HUN Hungary | KOR South Korea |
"""
STANDINGS = """
==Overall standings==

===Men===
"""


def content_folder(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    content.mkdir(parents=True)
    shutil.copy(ARTICLES / "registry_nations.yaml", content / "nations.yaml")
    shutil.copy(ARTICLES / "registry_skaters.yaml", content / "skaters.yaml")
    return content


def write_article(tmp_path: Path, text: str | bytes) -> Path:
    article = tmp_path / "article.txt"
    if isinstance(text, bytes):
        article.write_bytes(text)
    else:
        article.write_text(text, encoding="utf-8")
    return article


def import_text(tmp_path: Path, text: str | bytes, season: str = "2019-20") -> Path:
    """Import ``text`` (written as a file) into a fresh content folder; returns the season."""
    content = content_folder(tmp_path)
    import_article(write_article(tmp_path, text), content)
    return content / "seasons" / season


def import_errors(tmp_path: Path, text: str) -> list[str]:
    """The located errors of a failed import (``LINE:COL: message``), having checked none wrote."""
    content = content_folder(tmp_path)
    with pytest.raises(DataError) as caught:
        import_article(write_article(tmp_path, text), content)
    assert not (content / "seasons").exists()
    return [f"{p.line}:{p.col}: {p.message}" for p in caught.value.problems
            if p.severity == "error"]


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def races(path: Path) -> dict[tuple[str, str], list[dict]]:
    return {(r["category"], r["distance"]): r["results"] for r in load(path)["races"]}


def new_skaters(season: Path) -> list[dict]:
    """The skaters the import appended to the registry of tests/articles/."""
    known = yaml.safe_load((ARTICLES / "registry_skaters.yaml").read_text(encoding="utf-8"))
    everyone = yaml.safe_load((season.parent.parent / "skaters.yaml").read_text("utf-8"))
    return everyone[len(known):]


def test_the_base_article_imports(tmp_path: Path) -> None:
    season = import_text(tmp_path, BASE)
    assert sorted(p.name for p in season.iterdir()) == ["montreal.yaml", "season.yaml"]
    assert races(season / "montreal.yaml")[("mixed", "2000m relay")][0] == {
        "place": 1, "team": "CHN"}


# -- stops --------------------------------------------------------------------------------------


def test_two_stops_in_one_city_in_one_table(tmp_path: Path) -> None:
    """2022–23 had two World Cups in Almaty a week apart, listed in one table per category."""
    content = content_folder(tmp_path)
    import_article(ARTICLES / "2022-23_almaty_twice.txt", content)
    season = content / "seasons" / "2022-23"
    assert sorted(p.name for p in season.iterdir()) == [
        "almaty-2.yaml", "almaty.yaml", "montreal.yaml", "season.yaml"]
    first, second = load(season / "almaty.yaml"), load(season / "almaty-2.yaml")
    assert (second["city"], second["nation"]) == ("Almaty", "KAZ")
    assert [r["date"] for r in first["races"]] == [
        date(2022, 12, 9), date(2022, 12, 10), date(2022, 12, 11), date(2022, 12, 11)]
    assert [(r["date"], r["category"]) for r in second["races"]] == [
        (date(2022, 12, 16), "men"), (date(2022, 12, 17), "women"),
        (date(2022, 12, 18), "men"), (date(2022, 12, 18), "mixed")]
    assert races(season / "almaty-2.yaml")[("men", "1500m")][2] == {
        "place": 3, "skater": "pietro-sighel"}


def test_a_race_listed_in_two_tables_is_an_error_not_a_second_stop(tmp_path: Path) -> None:
    """A mixed relay in the Men's table and in the Mixed one: reported, worded for mixed."""
    text = BASE.replace("| 10 November 2019 | CAN Montreal | 5000m relay |",
                        "| 10 November 2019 | CAN Montreal | 2000m mixed relay | CHN China | | |\n"
                        "| 10 November 2019 | CAN Montreal | 5000m relay |")
    assert import_errors(tmp_path, text) == [
        "28:0: the mixed 2000m relay at Montreal is listed twice (also at line 14); a distance "
        "raced twice is written '2000m relay (1)' and '2000m relay (2)'"]


# -- text layout --------------------------------------------------------------------------------


def test_a_byte_order_mark_windows_line_endings_and_trailing_spaces(tmp_path: Path) -> None:
    text = "\ufeff" + BASE.replace("\n", "   \r\n")
    season = import_text(tmp_path, text.encode("utf-8"))
    meta = load(season / "season.yaml")
    assert meta["title"] == "2019–20 ISU Short Track Speed Skating World Cup"
    assert (meta["start"], meta["end"]) == (date(2019, 11, 1), date(2020, 2, 9))


def test_blank_lines_inside_a_table(tmp_path: Path) -> None:
    text = BASE.replace("| 9 November 2019 | CAN Montreal | 1500m | KOR",
                        "\n| 9 November 2019 | CAN Montreal | 1500m | KOR")
    text = text.replace("| 10 November 2019 | CAN Montreal | 5000m", "\n\n| 10 November 2019 "
                        "| CAN Montreal | 5000m")
    assert races(import_text(tmp_path, text) / "montreal.yaml") == races(
        import_text(tmp_path / "plain", BASE) / "montreal.yaml")


@pytest.mark.parametrize(("title", "season"), [
    ("2019/20 ISU Short Track Speed Skating World Cup", "2019-20"),
    ("2019-2020 ISU Short Track Speed Skating World Cup", "2019-20"),
])
def test_season_title_spellings(tmp_path: Path, title: str, season: str) -> None:
    text = BASE.replace("2019–20 ISU Short Track Speed Skating World Cup", title)
    assert (import_text(tmp_path, text, season) / "montreal.yaml").is_file()


# -- dates --------------------------------------------------------------------------------------


def test_dates_with_ordinals_or_without_a_year(tmp_path: Path) -> None:
    """A year left out is the season's: autumn months the first year, winter ones the next."""
    text = BASE.replace("| 9 November 2019 | CAN Montreal | 1500m | KOR",
                        "| 9th November | CAN Montreal | 1500m | KOR")
    text = text.replace("| 9 November 2019 | CAN Montreal | 1500m | NED",
                        "| November 9th, 2019 | CAN Montreal | 1500m | NED")
    text += "| 8 February | GER Dresden | 2000m relay | NED Netherlands | | |\n"
    season = import_text(tmp_path, text)
    assert [r["date"] for r in load(season / "montreal.yaml")["races"]][:2] == [
        date(2019, 11, 9), date(2019, 11, 9)]
    assert load(season / "dresden.yaml")["races"][0]["date"] == date(2020, 2, 8)


def test_a_race_outside_the_season_is_an_error(tmp_path: Path) -> None:
    text = BASE.replace("| 10 November 2019 | CAN Montreal | 3000m relay |",
                        "| 10 November 2021 | CAN Montreal | 3000m relay |")
    assert import_errors(tmp_path, text) == ["21:3: the date 2021-11-10 is not in season 2019-20"]


# -- columns ------------------------------------------------------------------------------------


def test_reference_columns_are_read_past(tmp_path: Path) -> None:
    text = BASE.replace("| Distance | Winner | Second | Third |\n| 9 November 2019 | CAN Montreal "
                        "| 1500m | KOR", "| Distance | Winner | Second | Third | Ref |\n"
                        "| 9 November 2019 | CAN Montreal | 1500m | KOR", 1)
    text = text.replace("| CHN Wu Dajing |\n", "| CHN Wu Dajing | [1] |\n")
    text = text.replace("| CAN Canada |\n", "| CAN Canada | |\n")
    assert races(import_text(tmp_path, text) / "montreal.yaml") == races(
        import_text(tmp_path / "plain", BASE) / "montreal.yaml")


def test_standings_tables_with_fewer_podium_columns_and_ties(tmp_path: Path) -> None:
    text = BASE + STANDINGS + (
        "| Distance | Winner | Second |\n"
        "| 1500m | KOR Hwang Dae-heon | CAN Charles Hamelin |\n\n"
        "| Distance | Winner |\n"
        "| Overall | KOR Hwang Dae-heon / HUN Shaoang Liu |\n")
    men = load(import_text(tmp_path, text) / "season.yaml")["standings"]["men"]
    assert men == [
        {"distance": "1500m", "results": [{"place": 1, "skater": "hwang-dae-heon"},
                                          {"place": 2, "skater": "charles-hamelin"}]},
        {"distance": "overall", "results": [{"place": 1, "skater": "hwang-dae-heon"},
                                            {"place": 1, "skater": "shaoang-liu"}]}]


@pytest.mark.parametrize(("header", "message"), [
    ("| Distance | Second | Third |", "needs the columns Distance | Winner | Second | Third "
                                     "(missing: Winner)"),
    ("| Distance | Winner | Third |", "(missing: Second)"),
    ("| Date | Distance | Winner | Second | Third |", "(missing: none; unexpected: Date)"),
    ("| Distance | Winner | Notes | Points |", "unknown column 'Points' in the table header"),
])
def test_standings_headers_that_cannot_be_read(tmp_path: Path, header: str, message: str) -> None:
    errors = import_errors(tmp_path, BASE + STANDINGS + header + "\n| 500m | CAN A B | | |\n")
    assert len(errors) == 1 and errors[0].startswith("32:") and message in errors[0], errors


# -- skaters and teams --------------------------------------------------------------------------


def test_a_registry_skater_under_a_name_and_a_nation_of_two_stints(tmp_path: Path) -> None:
    """skaters.yaml: Shaoang Liu (CHN), from 2019-20 Liu Shaoang (HUN); the article: 'HUN
    Shaoang Liu'. The same person, not a new 'shaoang-liu-hun'."""
    season = import_text(tmp_path, BASE)
    assert races(season / "montreal.yaml")[("men", "500m")][0] == {
        "place": 1, "skater": "shaoang-liu"}
    assert "shaoang" not in str(new_skaters(season))


def test_an_isu_spelling_then_the_usual_one_is_one_new_skater(tmp_path: Path) -> None:
    text = BASE.replace("| CAN Steven Dubois | CHN Wu Dajing |",
                        "| HUN LIU Shaolin Sándor | NED VAN 'T WOUT Jens |")
    text = text.replace("| HUN Shaoang Liu |", "| HUN Shaolin Sándor Liu |")
    text += STANDINGS + ("| Distance | Winner | Second | Third |\n"
                         "| 500m | HUN SHAOLIN SÁNDOR LIU | NED Jens van 't Wout | |\n")
    season = import_text(tmp_path, text)
    men = races(season / "montreal.yaml")
    assert [r["skater"] for r in men[("men", "1500m")]] == [
        "hwang-dae-heon", "shaolin-sandor-liu", "jens-van-t-wout"]
    assert men[("men", "500m")][0]["skater"] == "shaolin-sandor-liu"
    standings = load(season / "season.yaml")["standings"]["men"][0]["results"]
    assert [r["skater"] for r in standings] == ["shaolin-sandor-liu", "jens-van-t-wout"]
    names = [s["name"] for s in new_skaters(season)]
    assert names.count("Shaolin Sándor Liu") == 1 and "Liu Shaolin Sándor" not in names
    assert normalise_name("VAN 'T WOUT Jens") == ("Van 't Wout Jens", "Jens van 't Wout")


def test_the_usual_spelling_is_the_name_even_when_it_comes_last(tmp_path: Path) -> None:
    """Races in ISU capitals, the standings as usually written: skaters.yaml gets the usual."""
    text = BASE.replace("| CAN Steven Dubois | CHN Wu Dajing |",
                        "| KOR PARK Ji Won | CAN MCDONALD Kevin |")
    text += STANDINGS + ("| Distance | Winner | Second | Third |\n"
                         "| 1500m | KOR Park Ji-won | CAN Kevin McDonald | |\n")
    season = import_text(tmp_path, text)
    assert [r["skater"] for r in races(season / "montreal.yaml")[("men", "1500m")]] == [
        "hwang-dae-heon", "park-ji-won", "kevin-mcdonald"]
    added = {s["slug"]: s["name"] for s in new_skaters(season)}
    assert (added["park-ji-won"], added["kevin-mcdonald"]) == ("Park Ji-won", "Kevin McDonald")


@pytest.mark.parametrize(("cell", "name", "slug"), [
    ("NED VAN 'T WOUT Jens", "Jens van 't Wout", "jens-van-t-wout"),
    ("NED DE LAAT Rianne", "Rianne de Laat", "rianne-de-laat"),
    ("USA SMITH Rusty", "Rusty Smith", "rusty-smith"),
    ("HUN LIU Shaolin Sándor", "Shaolin Sándor Liu", "shaolin-sandor-liu"),
    ("KOR PARK Ji Won", "Park Ji-won", "park-ji-won"),  # Korean and Chinese: surname first
    ("KOR KIM A Lang", "Kim A-lang", "kim-a-lang"),  # a two-syllable Korean given name: hyphen
    ("KOR KIM Kyoungjin", "Kim Kyoungjin", "kim-kyoungjin"),
    ("CHN LI Wenlong", "Li Wenlong", "li-wenlong"),
    ("CAN DUBOIS STEVEN", "Dubois Steven", "dubois-steven"),  # all capitals: order unknown
])
def test_the_name_of_an_isu_spelling_alone(tmp_path: Path, cell: str, name: str,
                                           slug: str) -> None:
    """ISU writes 'SURNAME Given'; the site shows the order usual for the skater's nation."""
    season = import_text(tmp_path, BASE.replace("| CAN Steven Dubois |", f"| {cell} |"))
    assert races(season / "montreal.yaml")[("men", "1500m")][1]["skater"] == slug
    assert {s["slug"]: s["name"] for s in new_skaters(season)}[slug] == name


def test_one_skater_twice_on_a_podium_in_two_spellings(tmp_path: Path) -> None:
    text = BASE.replace("| KOR Hwang Dae-heon | CAN Steven Dubois |",
                        "| HUN LIU Shaolin Sándor | HUN Shaolin Sándor Liu |")
    assert import_errors(tmp_path, text) == [
        "12:69: Shaolin Sándor Liu (HUN) is on this podium twice (also as Winner)"]


def test_a_relay_team_named_by_its_code(tmp_path: Path) -> None:
    """2020–21 and 2021–22 articles list the Russian team as 'ROC ROC': no team name to keep."""
    text = BASE.replace("| HUN Hungary | CAN Canada |", "| ROC ROC | CAN Canada |")
    relay = races(import_text(tmp_path, text) / "montreal.yaml")[("men", "5000m relay")]
    assert relay[1] == {"place": 2, "team": "ROC"}


def test_a_registry_skater_in_another_word_order(tmp_path: Path) -> None:
    """'Dae-heon Hwang' is skaters.yaml's Hwang Dae-heon; 'CHN Hwang Dae-heon' is not."""
    text = BASE.replace("| KOR Hwang Dae-heon | CAN Steven Dubois | CHN Wu Dajing |",
                        "| KOR Dae-heon Hwang | CAN Steven Dubois | CHN Hwang Dae-heon |")
    season = import_text(tmp_path, text)
    assert [r["skater"] for r in races(season / "montreal.yaml")[("men", "1500m")]] == [
        "hwang-dae-heon", "steven-dubois", "hwang-dae-heon-chn"]


def test_a_skater_under_a_neutral_flag_is_the_registry_one(tmp_path: Path) -> None:
    """2020–21: Russians raced as ROC; skaters.yaml has Semion Elistratov as RUS."""
    content = content_folder(tmp_path)
    with (content / "skaters.yaml").open("a", encoding="utf-8") as registry:
        registry.write("\n- slug: semion-elistratov\n  name: Semion Elistratov\n  nation: RUS\n")
    text = BASE.replace("| CAN Steven Dubois | CHN Wu Dajing |",
                        "| CAN Steven Dubois | ROC Semion Elistratov |")
    text = text.replace("| KOR Hwang Dae-heon | CHN Wu Dajing |",
                        "| KOR Hwang Dae-heon | RUS Semion Elistratov |")
    import_article(write_article(tmp_path, text), content)
    men = races(content / "seasons" / "2019-20" / "montreal.yaml")
    assert men[("men", "1500m")][2] == {"place": 3, "skater": "semion-elistratov",
                                        "nation": "ROC"}
    assert men[("men", "500m")][2] == {"place": 3, "skater": "semion-elistratov"}
    assert "elistratov-roc" not in (content / "skaters.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("old", "new", "where"), [
    ("==Calendar==\n", "", "10:1: this calendar table is before any section heading"),
    ("==Calendar==\n", "==World Cup events==\n", "11:1: this calendar table is under "
                                                  "'== World Cup events =='"),
])
def test_a_calendar_outside_the_calendar_section_is_pointed_at(tmp_path: Path, old: str,
                                                               new: str, where: str) -> None:
    errors = import_errors(tmp_path, BASE.replace(old, new))
    assert errors == [f"{where}, so it is not read: head its section '==Calendar=='"]


# -- every problem of a row, each at its column -------------------------------------------------

UNKNOWN = "(not in nations.yaml nor in the importer's IOC table; add it to nations.yaml)"
ROW_500M = ("| 10 November 2019 | CAN Montreal | 500m | HUN Shaoang Liu | KOR Hwang Dae-heon "
            "| CHN Wu Dajing |")


@pytest.mark.parametrize(("row", "expected"), [
    ("| 10 Novembr 2019 | CAN Montreal | 700m | XYZ Shaoang Liu | KOR A B / QQQ C D | |", [
        "13:3: unknown month 'Novembr' in date '10 Novembr 2019'",
        "13:36: unknown distance '700m' (expected one of ",
        f"13:43: unknown nation code 'XYZ' {UNKNOWN}",
        f"13:71: unknown nation code 'QQQ' {UNKNOWN}"]),
    ("| 10 November 2019 | CNA Montreal | 500m | HUN Shaoang Liu | KOR Hwang Dae-heon | |", [
        f"13:22: unknown nation code 'CNA' {UNKNOWN}"]),  # not also 'listed as CNA here'
    ("| 10 November 2019 | CAN Montreal | 500m | HUN Shaoang Liu | | XYZ Wu Dajing |", [
        "13:64: Third 'XYZ Wu Dajing' is given but an earlier podium cell is empty",
        f"13:64: unknown nation code 'XYZ' {UNKNOWN}"]),
])
def test_every_problem_of_a_calendar_row_is_reported(tmp_path: Path, row: str,
                                                     expected: list[str]) -> None:
    """An unknown distance or a bad date no longer hides the podium's unknown nation codes."""
    text = BASE.replace(ROW_500M, row)
    errors = import_errors(tmp_path, text)
    assert len(errors) == len(expected) and all(
        e.startswith(x) for e, x in zip(errors, expected, strict=True)), errors


def test_a_relay_of_an_unknown_distance_is_not_asked_for_skater_names(tmp_path: Path) -> None:
    text = BASE.replace("| 5000m relay | KOR South Korea |", "| 5000m rely | KOR |")
    errors = import_errors(tmp_path, text)
    assert len(errors) == 1 and errors[0].startswith("14:37: unknown distance '5000m rely'")


def test_a_bad_row_does_not_make_a_race_listed_twice(tmp_path: Path) -> None:
    """The row's own error is enough: no 'listed twice' with the good row it repeats."""
    text = BASE.replace(ROW_500M, f"{ROW_500M}\n{ROW_500M.replace('HUN Shaoang', 'XYZ Shaoang')}")
    assert import_errors(tmp_path, text) == [f"14:44: unknown nation code 'XYZ' {UNKNOWN}"]


def standings(*rows: str) -> str:
    """BASE with a standings table of these rows (its header at line 32, rows from 33)."""
    return BASE + STANDINGS + "| Distance | Winner | Second | Third |\n" + \
        "".join(f"{row}\n" for row in rows)


def test_every_problem_of_a_standings_row_is_reported(tmp_path: Path) -> None:
    text = standings("| 500m | HUN Shaoang Liu | | |", "| 700m | XYZ A B | QQQ C D | |",
                     "| 500m | HUN Shaoang Liu | ZZZ E F | |")
    errors = import_errors(tmp_path, text)
    assert errors[0].startswith("34:3: unknown distance '700m'")
    assert errors[1:] == [f"34:10: unknown nation code 'XYZ' {UNKNOWN}",
                          f"34:20: unknown nation code 'QQQ' {UNKNOWN}",
                          f"35:28: unknown nation code 'ZZZ' {UNKNOWN}"]  # not also 'twice'


def test_every_unknown_column_of_a_header_is_reported(tmp_path: Path) -> None:
    errors = import_errors(tmp_path, BASE + STANDINGS + "| Distance | Winnr | Secnd | Third |\n"
                                                        "| 500m | CAN A B | | |\n")
    assert errors == ["32:14: unknown column 'Winnr' in the table header",
                      "32:22: unknown column 'Secnd' in the table header"]


def test_both_bad_dates_of_the_infobox_are_reported(tmp_path: Path) -> None:
    text = BASE.replace("1 November 2019 – 9 February 2020", "1 Novembr 2019 – 9 Febuary 2020")
    assert import_errors(tmp_path, text) == [
        "4:10: infobox Dates: unknown month 'Novembr' in date '1 Novembr 2019'",
        "4:27: infobox Dates: unknown month 'Febuary' in date '9 Febuary 2020'"]


def test_an_article_without_a_title_still_has_its_nation_codes_checked(tmp_path: Path) -> None:
    text = BASE.replace("= 2019–20 ISU Short Track Speed Skating World Cup =", "")
    text = text.replace("| HUN Shaoang Liu |", "| XYZ Shaoang Liu |")
    assert import_errors(tmp_path, text) == [
        "1:1: the article has no title line (e.g. '= 2003–04 ISU Short Track Speed Skating "
        "World Cup =')", f"13:44: unknown nation code 'XYZ' {UNKNOWN}"]


@pytest.mark.parametrize(("row", "expected"), [
    # a stray trailing cell: the row's own bad cells are still said, at their columns
    (ROW_500M.replace("| HUN Shaoang", "| XYZ Shaoang").replace("500m", "700m") + " x |", [
        "13:1: row has 7 cells; the table header at line 11 has 6",
        "13:37: unknown distance '700m' (expected one of ",
        f"13:44: unknown nation code 'XYZ' {UNKNOWN}"]),
    # a short row: its missing Third is not said again, nor an empty podium
    ("| 10 Novembr 2019 | CAN Montreal | 500m | XYZ Shaoang Liu | KOR Hwang Dae-heon |", [
        "13:1: row has 5 cells; the table header at line 11 has 6",
        "13:3: unknown month 'Novembr' in date '10 Novembr 2019'",
        f"13:43: unknown nation code 'XYZ' {UNKNOWN}"]),
    ("| 10 November 2019 | CNA Montreal | 500m |", [
        "13:1: row has 3 cells; the table header at line 11 has 6",
        f"13:22: unknown nation code 'CNA' {UNKNOWN}"]),
    # a row of the wrong length takes no part in 'listed twice', even when its cells are good
    (ROW_500M + f"\n{ROW_500M} |", ["14:1: row has 7 cells; the table header at line 11 has 6"]),
])
def test_a_row_of_the_wrong_length_still_has_its_cells_checked(tmp_path: Path, row: str,
                                                               expected: list[str]) -> None:
    errors = import_errors(tmp_path, BASE.replace(ROW_500M, row))
    assert len(errors) == len(expected) and all(
        e.startswith(x) for e, x in zip(errors, expected, strict=True)), errors


def test_a_standings_row_of_the_wrong_length_still_has_its_cells_checked(tmp_path: Path) -> None:
    text = standings("| 700m | XYZ A B | | | |", "| 500m |", "| 1000m | HUN Shaoang Liu | | | |")
    errors = import_errors(tmp_path, text)
    assert errors[0] == "33:1: row has 5 cells; the table header at line 32 has 4"
    assert errors[1].startswith("33:3: unknown distance '700m'")
    assert errors[2:] == [f"33:10: unknown nation code 'XYZ' {UNKNOWN}",
                          "34:1: row has 1 cell; the table header at line 32 has 4",
                          "35:1: row has 5 cells; the table header at line 32 has 4"]


@pytest.mark.parametrize(("header", "reading"), [
    ("| Date | Plaec | Distance | Winner | Second | Third |", "11:10: unknown column 'Plaec' in "
     "the table header (its rows are checked as if it were 'Place')"),
    ("| Date | Place | Distance | Winner | Secnd | Third |", "11:38: unknown column 'Secnd' in "
     "the table header (its rows are checked as if it were 'Second')"),
])
def test_a_header_with_one_misspelt_column_has_its_rows_checked(tmp_path: Path, header: str,
                                                                 reading: str) -> None:
    text = BASE.replace("| Date | Place | Distance | Winner | Second | Third |", header, 1)
    text = text.replace(ROW_500M, ROW_500M.replace("HUN Shao", "XYZ Shao"))
    assert import_errors(tmp_path, text) == [
        reading, f"13:44: unknown nation code 'XYZ' {UNKNOWN}"]


@pytest.mark.parametrize("header", [
    "| Date | Place | Distance | Winner | Second | Thrid |",  # Third, or a notes column?
    "| Date | Plaec | Distanse | Winner | Second | Third |",  # two unknown columns
    "| Date | Place | Distance | Points | Second | Third |",  # Winner lacks, but where?
])
def test_a_header_without_one_reading_has_its_rows_left_unchecked(tmp_path: Path,
                                                                  header: str) -> None:
    text = BASE.replace("| Date | Place | Distance | Winner | Second | Third |", header, 1)
    text = text.replace(ROW_500M, ROW_500M.replace("HUN Shao", "XYZ Shao"))
    errors = import_errors(tmp_path, text)
    assert errors and all("in the table header" in e for e in errors), errors


def test_another_article_of_a_season_names_the_stops_it_would_leave(tmp_path: Path) -> None:
    """A second, different article of 2022-23: without --force every file it would change and
    every stop of the season it does not have is named, nothing written; with --force the
    season is the new article's (the stops it does not have are removed, and said so)."""
    content = content_folder(tmp_path)
    import_article(ARTICLES / "2022-23_mixed_relay_ties.txt", content)
    season = content / "seasons" / "2022-23"
    before = {p.name: p.read_bytes() for p in season.iterdir()}
    with pytest.raises(DataError) as info:
        import_article(ARTICLES / "2022-23_almaty_twice.txt", content)
    named = {Path(p.file).name: p.message for p in info.value.problems}
    left = sorted(set(before) - {"almaty.yaml", "almaty-2.yaml", "montreal.yaml", "season.yaml"})
    assert left and all("is a stop this article does not have" in named[n] for n in left)
    assert {p.name: p.read_bytes() for p in season.iterdir()} == before
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "import",
                           str(ARTICLES / "2022-23_almaty_twice.txt"), "--content", str(content),
                           "--force"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in season.iterdir()) == [
        "almaty-2.yaml", "almaty.yaml", "montreal.yaml", "season.yaml"]
    for name in left:
        assert f"removed {season / name} (a stop the article does not have)" in done.stdout
    assert "published" not in done.stdout  # never built: nothing published


def test_removing_a_published_stop_says_the_next_build_will_refuse(tmp_path: Path) -> None:
    content = content_folder(tmp_path)
    import_article(ARTICLES / "2022-23_mixed_relay_ties.txt", content)
    built = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content",
                            str(content), "--out", str(tmp_path / "public")], cwd=ROOT,
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "import",
                           str(ARTICLES / "2022-23_almaty_twice.txt"), "--content", str(content),
                           "--force"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("its pages were published: the next build refuses to drop them") \
        == done.stdout.count("removed ") > 0


def test_import_says_which_skaters_and_nations_it_added(tmp_path: Path) -> None:
    content = content_folder(tmp_path)
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "import",
                           str(ARTICLES / "2014-15_ahn_russia.txt"), "--content", str(content)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    added = [line for line in done.stdout.splitlines() if line.startswith("added ")]
    skaters = yaml.safe_load((content / "skaters.yaml").read_text(encoding="utf-8"))
    new = [f"{s['name']} ({s['nation']})" for s in skaters[-len(added[-1].split(", ")):]]
    assert added[-1].endswith(": " + ", ".join(new)), added
    assert re.match(r"added \d+ skaters? to skaters\.yaml: ", added[-1])
