"""``import RESULTS.csv``: a race's full classification into a stop (issue 17, part 8)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from tests.test_import import ROOT, run, snapshot

CONTENT = ROOT / "content"
PLACE = ("--season", "2003-04", "--stop", "calgary", "--category", "men", "--distance", "500m")
# the podium of the men's 500m at Calgary as the 2003-04 content has it, then the rest
TABLE = """\
Rank,Name,Nation,Time,Status,Points
1,Jonathan GUILMETTE,CAN,42.112,,100
2,Jean-Francois MONETTE,CAN,42.250,,80
3,LI Ye,CHN,42.300,,70
4,AHN Hyun Soo,KOR,42.511,,60
5,Newman SKATER,USA,43.001,,50
,Other PERSON,JPN,,PEN,
DNF,Third MAN,ITA,,,
"""


def setup(tmp_path: Path, name: str, text: str) -> tuple[Path, Path]:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    table = tmp_path / name
    table.write_text(text, encoding="utf-8")
    return content, table


def race(content: Path) -> dict[str, object]:
    stop = yaml.safe_load((content / "seasons/2003-04/calgary.yaml").read_text())
    return next(r for r in stop["races"] if (r["category"], r["distance"]) == ("men", "500m"))


def test_a_full_classification_goes_into_its_race(tmp_path: Path) -> None:
    content, table = setup(tmp_path, "results.csv", TABLE)
    stop = content / "seasons/2003-04/calgary.yaml"
    others = [r for r in yaml.safe_load(stop.read_text())["races"] if r["distance"] != "500m"]
    done = run("import", str(table), "--content", str(content), *PLACE, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    imported = race(content)
    assert imported["classification"] == "full"
    assert imported["results"] == [
        {"place": 1, "skater": "jonathan-guilmette", "time": "42.112"},
        {"place": 2, "skater": "jean-francois-monette", "time": "42.250"},
        {"place": 3, "skater": "li-ye", "time": "42.300"},
        {"place": 4, "skater": "ahn-hyun-soo", "time": "42.511"},
        {"place": 5, "skater": "newman-skater", "time": "43.001"},
        {"skater": "other-person", "status": "PEN"},
        {"skater": "third-man", "status": "DNF"}]
    text = stop.read_text()
    assert "# what the results cover: the source article gives" in text  # kept as written
    assert [r for r in yaml.safe_load(text)["races"] if r["distance"] != "500m"] == others
    assert "Newman Skater (USA)" in done.stdout
    checked = run("check", "--content", str(content), cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout
    again = run("import", str(table), "--content", str(content), *PLACE, cwd=tmp_path)
    assert again.returncode == 0 and "nothing changed" in again.stdout


def test_a_tsv_with_other_headings_and_extra_columns(tmp_path: Path) -> None:
    rows = [line.split(",") for line in TABLE.splitlines()[:5]]
    text = "Pos\tBib\tAthlete\tNOC\tFinal Time\n" + "".join(
        f"{r[0]}\t{n}\t{r[1]}\t{r[2]}\t{r[3]}\n" for n, r in enumerate(rows[1:], 10))
    content, table = setup(tmp_path, "results.tsv", text)
    done = run("import", str(table), "--content", str(content), *PLACE, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert [r["skater"] for r in race(content)["results"]] == [
        "jonathan-guilmette", "jean-francois-monette", "li-ye", "ahn-hyun-soo"]


def test_every_bad_cell_is_an_error_at_its_row_and_column(tmp_path: Path) -> None:
    text = TABLE.replace("4,AHN", "fourth,AHN").replace(",PEN,", ",LATE,") \
        .replace("USA", "US")
    content, table = setup(tmp_path, "results.csv", text)
    before = snapshot(content)
    done = run("import", str(table), "--content", str(content), *PLACE, cwd=tmp_path)
    assert done.returncode == 1
    assert f"{table}:5:1: error: rank 'fourth' is neither a place nor a status" in done.stderr
    assert f"{table}:6:3: error: nation 'US' is not a three-letter IOC code" in done.stderr
    assert f"{table}:7:5: error: unknown status 'LATE'" in done.stderr
    assert "Traceback" not in done.stderr and snapshot(content) == before


def test_a_header_without_a_name_column(tmp_path: Path) -> None:
    content, table = setup(tmp_path, "results.csv", TABLE.replace("Name", "Who"))
    done = run("import", str(table), "--content", str(content), *PLACE, cwd=tmp_path)
    assert done.returncode == 1 and f"{table}:1: error: the header row has no name column" \
        in done.stderr


def test_a_table_that_contradicts_the_podium_is_refused_unless_forced(tmp_path: Path) -> None:
    content, table = setup(tmp_path, "results.csv", TABLE.replace("3,LI Ye,CHN", "3,Li Jiajun,CHN"))
    stop = content / "seasons/2003-04/calgary.yaml"
    line = next(n for n, row in enumerate(stop.read_text().splitlines(), 1)
                if "place: 3, skater: li-ye}" in row and n < 25)
    done = run("import", str(table), "--content", str(content), *PLACE, cwd=tmp_path)
    assert done.returncode == 1
    assert f"calgary.yaml:{line}:9: error: place 3: li-ye here; the table does not give it" \
        in done.stderr
    forced = run("import", str(table), "--content", str(content), *PLACE, "--force",
                 cwd=tmp_path)
    assert forced.returncode == 0 and "kept the files it replaced in" in forced.stdout
    assert race(content)["results"][2]["skater"] == "li-jiajun"


@pytest.mark.parametrize(("options", "message"), [
    (PLACE[:6], "a results table needs --distance"),
    ((*PLACE[:7], "700m"), "unknown distance '700m'"),
    ((*PLACE[:3], "nowhere", *PLACE[4:]), "no stop 'nowhere' in season 2003-04"),
])
def test_where_the_table_goes_must_be_a_race_of_the_content(
        tmp_path: Path, options: tuple[str, ...], message: str) -> None:
    content, table = setup(tmp_path, "results.csv", TABLE)
    done = run("import", str(table), "--content", str(content), *options, cwd=tmp_path)
    assert done.returncode in (1, 2) and message in done.stderr, done.stderr


def test_a_bad_time_is_an_error_at_its_cell_and_nothing_is_written(tmp_path: Path) -> None:
    text = TABLE.replace("42.511", "abc").replace("43.001", "1:2:3:4")
    content, table = setup(tmp_path, "results.csv", text)
    before = snapshot(content)
    done = run("import", str(table), "--content", str(content), *PLACE, "--force",
               cwd=tmp_path)
    assert done.returncode == 1
    assert f"{table}:5:4: error: time 'abc' is not written like \"41.234\"" in done.stderr
    assert f"{table}:6:4: error: time '1:2:3:4' is not written like" in done.stderr
    assert snapshot(content) == before


def test_a_header_row_without_rows_is_an_error_at_the_table(tmp_path: Path) -> None:
    content, table = setup(tmp_path, "results.csv", TABLE.splitlines()[0] + "\n\n")
    before = snapshot(content)
    done = run("import", str(table), "--content", str(content), *PLACE, "--force",
               cwd=tmp_path)
    assert done.returncode == 1
    assert f"{table}:1:1: error: the table has no rows" in done.stderr
    assert "calgary.yaml" not in done.stderr and snapshot(content) == before


def test_an_unclosed_quote_is_reported_where_it_opens(tmp_path: Path) -> None:
    content, table = setup(tmp_path, "results.csv", TABLE.replace('2,Jean', '2,"Jean'))
    done = run("import", str(table), "--content", str(content), *PLACE, cwd=tmp_path)
    assert done.returncode == 1
    assert f"{table}:3:2: error: cannot read the row: unexpected end of data (the csv " \
        "module, at line 8)" in done.stderr
    assert "three-letter" not in done.stderr and "calgary.yaml" not in done.stderr


def test_text_after_a_closing_quote_is_reported_at_its_cell(tmp_path: Path) -> None:
    content, table = setup(tmp_path, "results.csv", TABLE.replace(",CHN,", ',"CHN"x,'))
    done = run("import", str(table), "--content", str(content), *PLACE, cwd=tmp_path)
    assert done.returncode == 1
    assert f"{table}:4:3: error: cannot read the row: ',' expected after '\"'" in done.stderr


def test_cell_errors_and_podium_conflicts_are_reported_together(tmp_path: Path) -> None:
    text = TABLE.replace("3,LI Ye,CHN", "3,Li Jiajun,CHN").replace("43.001", "43.0x1") \
        .replace("4,AHN Hyun Soo,KOR", "4,AHN Hyun Soo,KO")
    content, table = setup(tmp_path, "results.csv", text)
    stop = content / "seasons/2003-04/calgary.yaml"
    line = next(n for n, row in enumerate(stop.read_text().splitlines(), 1)
                if "place: 3, skater: li-ye}" in row and n < 25)
    before = snapshot(content)
    done = run("import", str(table), "--content", str(content), *PLACE, cwd=tmp_path)
    assert done.returncode == 1
    assert f"calgary.yaml:{line}:9: error: place 3: li-ye here" in done.stderr
    assert f"{table}:5:3: error: nation 'KO' is not a three-letter IOC code" in done.stderr
    assert f"{table}:6:4: error: time '43.0x1' is not written like" in done.stderr
    assert "3 errors; nothing was written." in done.stderr and snapshot(content) == before


def test_a_row_without_its_skater_is_no_podium_conflict(tmp_path: Path) -> None:
    content, table = setup(tmp_path, "results.csv", TABLE.replace("3,LI Ye,CHN", "3,LI Ye,CH"))
    done = run("import", str(table), "--content", str(content), *PLACE, cwd=tmp_path)
    assert done.returncode == 1 and f"{table}:4:3: error: nation 'CH'" in done.stderr
    assert "li-ye here" not in done.stderr and "1 error;" in done.stderr


def test_a_heading_given_twice_is_an_error_naming_both_columns(tmp_path: Path) -> None:
    text = "".join(f"{line},{'Name' if n == 0 else 'x'}\n"
                   for n, line in enumerate(TABLE.splitlines()))
    content, table = setup(tmp_path, "results.csv", text.replace("LI Ye,CHN", "LI Ye,CH"))
    before = snapshot(content)
    done = run("import", str(table), "--content", str(content), *PLACE, cwd=tmp_path)
    assert done.returncode == 1
    assert f"{table}:1:7: error: the header row has more than one name column: 'Name' " \
        "(column 2), 'Name' (column 7); keep one" in done.stderr
    assert f"{table}:4:3: error: nation 'CH'" in done.stderr  # the cells are read too
    assert snapshot(content) == before


def test_every_bad_option_is_reported_together(tmp_path: Path) -> None:
    content, table = setup(tmp_path, "results.csv", TABLE.replace("USA", "US"))
    done = run("import", str(table), "--content", str(content), *PLACE[:5], "boys",
               "--distance", "700m", "--date", "notadate", cwd=tmp_path)
    assert done.returncode == 1
    for message in ("--category: error: unknown category 'boys'",
                    "--distance: error: unknown distance '700m'",
                    "--date: error: 'notadate' is not a date written YYYY-MM-DD",
                    f"{table}:6:3: error: nation 'US' is not a three-letter IOC code",
                    "4 errors; nothing was written."):
        assert message in done.stderr, done.stderr


def test_a_full_table_of_a_podium_is_imported_with_a_warning(tmp_path: Path) -> None:
    content, table = setup(tmp_path, "results.csv", "".join(TABLE.splitlines(True)[:4]))
    done = run("import", str(table), "--content", str(content), *PLACE, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"{table}:1: warning: the table has 3 rows, imported as the race's full " \
        "classification" in done.stderr
    assert race(content)["classification"] == "full" and len(race(content)["results"]) == 3
    checked = run("check", "--content", str(content), cwd=tmp_path)
    assert "'classification: full' but lists 3" in checked.stdout  # the import said it first
    whole = setup(tmp_path / "whole", "results.csv", TABLE)
    done = run("import", str(whole[1]), "--content", str(whole[0]), *PLACE, cwd=tmp_path)
    assert done.returncode == 0 and "warning" not in done.stderr, done.stderr
