"""A maintainer's mistakes in content/ and on the command line: each is reported at its
``file:line:col`` with what is wrong and what is expected, every problem in one run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from site_gen.check.run import run_check
from site_gen.cli import main

from .conftest import CONTENT

CAL = "seasons/2003-04/calgary.yaml"


def edit(tmp_path: Path, rel: str, old: str, new: str) -> Path:
    """A copy of content/ with ``old`` replaced by ``new`` (once) in ``rel``."""
    content = tmp_path / "content"
    if not content.exists():
        shutil.copytree(CONTENT, content)
    path = content / rel
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    assert old in text, old
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return content


def reported(content: Path) -> list[str]:
    """check's problems as 'rel/file:line:col: severity: message'."""
    return [p.format().replace(f"{content}/", "") for p in run_check(content)]


@pytest.mark.parametrize("out", [".", "public", "..", "/"])
def test_out_that_would_replace_the_content_is_refused(tmp_path: Path, out: str, capsys) -> None:
    project = tmp_path / "project"
    content = project / "content"
    shutil.copytree(CONTENT, content)
    target = {".": content, "public": content / "public", "..": project, "/": Path("/")}[out]
    with pytest.raises(SystemExit) as info:
        main(["build", "--content", str(content), "--out", str(target)])
    assert info.value.code == 2
    assert f"--out {target}" in capsys.readouterr().err
    assert sorted(p.name for p in content.iterdir()) == sorted(p.name for p in CONTENT.iterdir())


def test_out_holding_other_files_is_refused(real_content: Path, tmp_path: Path, capsys) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "todo.txt").write_text("keep me\n", encoding="utf-8")
    with pytest.raises(SystemExit) as info:
        main(["build", "--content", str(real_content), "--out", str(notes)])
    assert info.value.code == 2
    assert "holds files that no build wrote" in capsys.readouterr().err
    assert [p.name for p in notes.iterdir()] == ["todo.txt"]


def test_build_lists_each_problem_once(tmp_path: Path, capsys) -> None:
    content = edit(tmp_path, CAL, "races:\n", "races:\n  men: []\nxraces:\n")
    assert main(["build", "--content", str(content), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert err.count(f"{CAL}:4:3: error: 'races' must be a list, found a mapping") == 1
    assert not (tmp_path / "out").exists()


def test_every_yaml_problem_of_a_file_is_listed_with_the_schema_errors(tmp_path: Path) -> None:
    content = edit(tmp_path, CAL, "    category: men\n    distance: 1500m\n",
                   "    category: men\n    category: women\n    distance: 1500m\n")
    edit(tmp_path, CAL, "distance: 500m", "distance: 700m")
    edit(tmp_path, CAL, "city: Calgary\n", 'city: "Cal\\agary"\nrink: {<<: {a: 1}}\n')
    found = reported(content)
    assert f"{CAL}:1:7: error: text contains the control character U+0007" in found
    assert f"{CAL}:2:8: error: YAML merge keys ('<<') are not supported: write the fields " \
           "out" in found
    assert f"{CAL}:8:5: error: duplicate key 'category' (first at line 7); a mapping names " \
           "each key once" in found
    assert any(p.startswith(f"{CAL}:17:15: error: unknown distance '700m'") for p in found)


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("    distance: 1500m", "    distanse: 1500m",
     f"{CAL}:7:15: error: unknown field 'distanse' in a race (did you mean 'distance'? "
     "expected one of: date, category"),
    ("city: Calgary", "City: Calgary",
     f"{CAL}:1:7: error: unknown field 'City' in a competition (did you mean 'city'? "),
    ("nation: CAN", "nation: NO", f"{CAL}:2:9: error: unknown nation code 'NO' (add it to "),
    ("{place: 1, skater: lee-seung-jae}", "{place: 1, skater: lee-seung-jae, nation: off}",
     f"{CAL}:9:51: error: unknown nation code 'off' (add it to nations.yaml)"),
    ("{place: 1, skater: lee-seung-jae}", '{place: "1", skater: lee-seung-jae}',
     f"{CAL}:9:17: error: 'place' must be a whole number, found text '1'"),
    ("{place: 1, skater: lee-seung-jae}", "{place: 1.5, skater: lee-seung-jae}",
     f"{CAL}:9:17: error: 'place' must be a whole number, found a number '1.5'"),
    ("{place: 1, skater: lee-seung-jae}", "{place: 0x1, skater: lee-seung-jae, points: yes}",
     f"{CAL}:9:53: error: 'points' must be a number, found true/false 'yes'"),
])
def test_message_names_the_value_as_written_and_the_likely_key(
        tmp_path: Path, old: str, new: str, expected: str) -> None:
    found = reported(edit(tmp_path, CAL, old, new))
    assert any(p.startswith(expected) for p in found), found


def test_text_fields_keep_the_text_as_written(tmp_path: Path) -> None:
    from site_gen.load.site_loader import load_site

    content = edit(tmp_path, CAL, "city: Calgary\n", "city: Calgary\nrink: 1.50\n")
    edit(tmp_path, CAL, "{place: 1, skater: lee-seung-jae}",
         "{place: 1, skater: lee-seung-jae, time: 41.500, note: NO}")
    comp = next(c for c in load_site(content).seasons[0].competitions if c.slug == "calgary")
    first = comp.races[0].results[0]
    assert (comp.rink, first.time, first.note) == ("1.50", "41.500", "NO")


@pytest.mark.parametrize(("place", "found"), [
    ('"1"', "text '1'"), ("0", "a whole number '0'"), ("-1", "a whole number '-1'"),
    ("1.5", "a number '1.5'"), ("true", "true/false 'true'")])
def test_a_wrong_place_is_one_error_not_a_cascade(tmp_path: Path, place: str, found: str) -> None:
    content = edit(tmp_path, CAL, "{place: 1, skater: lee-seung-jae}",
                   f"{{place: {place}, skater: lee-seung-jae}}")
    problems = reported(content)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{CAL}:9:17: error: 'place' must be a whole number")
    assert problems[0].endswith(f"found {found}")


@pytest.mark.parametrize(("written", "message"), [
    ('"2003-10-17"', "must be a date, found the text '2003-10-17': write it without quotes"),
    ("2003-1-17", "must be written YYYY-MM-DD, found '2003-1-17': write 2003-01-17"),
    ("2003-02-30", "must be a real date written YYYY-MM-DD, found '2003-02-30' (day is out of "
                   "range for month)"),
    ("17.10.2003", "must be a date written YYYY-MM-DD, found '17.10.2003'"),
])
def test_a_date_problem_says_how_to_write_it(tmp_path: Path, written: str, message: str) -> None:
    content = edit(tmp_path, CAL, "date: 2003-10-17", f"date: {written}")
    assert reported(content) == [f"{CAL}:5:11: error: 'date' {message}"]


@pytest.mark.parametrize(("rel", "expected"), [
    ("seasons/oslo.yaml", "seasons/oslo.yaml: error: a stop file must be inside a season "
                          "folder, e.g. seasons/2003-04/oslo.yaml"),
    ("seasons/2003-04/oslo.yml", "seasons/2003-04/oslo.yml: error: stop files end in .yaml: "
                                 "rename it oslo.yaml"),
    ("oslo.yaml", "oslo.yaml: warning: this file is not read: the content folder holds "
                  "site.yaml, nations.yaml, skaters.yaml, venues.yaml; stop files go in "
                  "seasons/YYYY-YY/"),
    ("seasons/2003-04/europe/oslo.yaml",
     "seasons/2003-04/europe/oslo.yaml: error: a stop file must be directly in its season "
     "folder: move it to seasons/2003-04/oslo.yaml"),
])
def test_a_yaml_file_the_loader_never_reads_is_reported(
        tmp_path: Path, rel: str, expected: str) -> None:
    content = edit(tmp_path, rel, "", "city: Oslo\nnation: NOR\nraces: []\n")
    assert reported(content) == [expected]


def test_a_stop_in_the_wrong_season_folder_is_warned(tmp_path: Path) -> None:
    content = edit(tmp_path, "seasons/2005-06/calgary.yaml", "",
                   (CONTENT / CAL).read_text(encoding="utf-8"))
    found = [p for p in reported(content) if "outside season" in p]
    assert found == ["seasons/2005-06/calgary.yaml:5:11: warning: all 10 races at Calgary are "
                     "dated 2003-10-17 to 2003-10-19, outside season 2005-06 (2005-07-01 – "
                     "2006-06-30): is the date right and the file in the right season folder?"]


def test_one_race_outside_the_seasons_year_is_warned_at_its_date(tmp_path: Path) -> None:
    content = edit(tmp_path, "seasons/2005-06/calgary.yaml", "",
                   (CONTENT / CAL).read_text(encoding="utf-8").replace(
                       "2003-10-17", "2005-10-17").replace("2003-10-18", "2005-10-18")
                   .replace("2003-10-19", "2005-10-19", 1))
    found = [p for p in reported(content) if "outside season" in p]
    # the five races left on 2003-10-19, each at its date (not the whole stop)
    assert len(found) == 5
    assert all("is dated 2003-10-19, outside season 2005-06" in p for p in found)


@pytest.mark.parametrize(("written", "warned"), [
    ('"41.234"', False), ('"2:17.051"', False), ("41.500", False), ('"7:01.5"', False),
    ('"1:2.3"', True), ('"62.3"', True), ('"1:75.000"', True), ('"abc"', True), ("-5", True)])
def test_a_time_not_written_like_a_time_is_warned(
        tmp_path: Path, written: str, warned: bool) -> None:
    content = edit(tmp_path, CAL, "{place: 1, skater: lee-seung-jae}",
                   f"{{place: 1, skater: lee-seung-jae, time: {written}}}")
    shown = written.strip('"')
    expected = [f"{CAL}:9:49: warning: time '{shown}' is not written like \"41.234\" or "
                "\"2:17.051\" (minutes, then seconds below 60 with two digits, then a fraction)"]
    assert reported(content) == (expected if warned else [])


@pytest.mark.parametrize("second", ["2001-02", "2011-12"])
def test_changes_must_be_listed_oldest_first(tmp_path: Path, second: str) -> None:
    first = "{season: 2011-12, name: Viktor Ahn, nation: RUS}"
    content = edit(tmp_path, "skaters.yaml", first, f"{first}\n    - {{season: {second}, "
                   "name: Ahn X}")
    lines = (content / "skaters.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "name: Ahn X}" in text)
    assert reported(content) == [
        f"skaters.yaml:{line}:16: error: change from season {second} must come after the change "
        "from 2011-12: list changes oldest first, one per season"]


RELAY_WIN = "{place: 1, team: CHN}"


@pytest.mark.parametrize(("members", "expected"), [
    ("[li-jiajun, li-ye, li-jiajun]",
     f"{CAL}:41:59: error: li-jiajun is listed twice in this team's members"),
    ("[ahn-hyun-soo, li-jiajun]",
     f"{CAL}:41:41: warning: Ahn Hyun-soo skated for KOR in 2003-04 (skaters.yaml), not for "
     "the CHN relay team: correct the member, or record the change under ahn-hyun-soo in "
     "skaters.yaml"),
])
def test_relay_members_are_checked(tmp_path: Path, members: str, expected: str) -> None:
    content = edit(tmp_path, CAL, RELAY_WIN, f"{{place: 1, team: CHN, members: {members}}}")
    assert reported(content) == [expected]


@pytest.mark.parametrize(("rel", "old", "new", "expected"), [
    (CAL, "    category: men\n", "\tcategory: men\n",
     f"{CAL}:6:1: error: invalid YAML: found a tab character that violates indentation "
     "(indent with spaces, never tabs)"),
    ("nations.yaml", None, "- KOR\n- CAN\n",
     "nations.yaml:1:1: error: nations.yaml maps IOC codes to names, e.g. 'KOR: South Korea', "
     "found a list"),
    ("skaters.yaml", None, "# all gone\n",
     "skaters.yaml: warning: skaters.yaml lists no skaters: results name skaters by their "
     "slug there"),
])
def test_a_broken_file_says_what_it_should_hold(
        tmp_path: Path, rel: str, old: str | None, new: str, expected: str) -> None:
    """``old`` None: the whole file becomes ``new``."""
    path = tmp_path / "content" / rel
    content = edit(tmp_path, rel, old or "", new)
    if old is None:
        path.write_text(new, encoding="utf-8")
    assert expected in reported(content)


@pytest.mark.parametrize(("text", "expected"), [
    ("", [f"{CAL}: error: the file is empty: a stop file gives city, nation and races "
          "(see docs/content.md)"]),
    ("# nothing yet\n", [f"{CAL}: error: the file is empty: a stop file gives city, nation "
                         "and races (see docs/content.md)"]),
    ("city: Calgary\nnation: CAN\nraces: {men: []}\n",
     [f"{CAL}:3:8: error: 'races' must be a list, found a mapping"]),
])
def test_an_empty_stop_is_one_clear_error(tmp_path: Path, text: str, expected: list[str]) -> None:
    content = edit(tmp_path, CAL, "", "")
    (content / CAL).write_text(text, encoding="utf-8")
    assert reported(content) == expected


def test_a_date_outside_the_declared_season_is_warned_once(tmp_path: Path) -> None:
    """After season.yaml's end and outside the July-June year: one warning, not two."""
    content = edit(tmp_path, CAL, "date: 2003-10-17", "date: 2004-08-01")
    found = [p for p in reported(content) if "is dated 2004-08-01" in p]
    assert len(found) == 1 and "after the season ends (2004-02-14" in found[0]


def test_a_mixed_relay_reads_without_a_possessive_in_messages(tmp_path: Path) -> None:
    race = ("  - date: 2003-10-19\n    category: mixed\n    distance: 3000m relay\n"
            "    results:\n      - {place: 1, team: CAN}\n")
    content = edit(tmp_path, CAL, "races:\n", "races:\n" + race)
    found = [p for p in reported(content) if "relay-distance" in p or "mixed" in p]
    assert found == ["seasons/2003-04/calgary.yaml:6:15: warning: the mixed relay is listed as "
                     "3000m relay; the mixed relay is usually 2000m relay"]


def test_check_counts_read_in_the_singular(tmp_path: Path, capsys) -> None:
    content = edit(tmp_path, CAL, "category: men", "category: mens")
    assert main(["check", "--content", str(content)]) == 1
    assert capsys.readouterr().err == "1 error, 0 warnings\n"
