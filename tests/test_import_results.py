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
