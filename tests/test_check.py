"""``check``: the loader's problems plus cross-file lints, each at its file:line:col."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from site_gen.check.run import run_check

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "sources" / "2003-04_ISU_Short_Track_World_Cup.txt"

BASE = {
    "nations.yaml": """\
        KOR: South Korea
        CAN: Canada
        RUS: Russia
        """,
    "skaters.yaml": """\
        - slug: ahn-hyun-soo
          name: Ahn Hyun-soo
          nation: KOR
          gender: men
          changes:
            - {season: 2011-12, name: Viktor Ahn, nation: RUS}
        - slug: charles-hamelin
          name: Charles Hamelin
          nation: CAN
          gender: men
        - slug: kim-boutin
          name: Kim Boutin
          nation: CAN
          gender: women
        - slug: marianne-st-gelais
          name: Marianne St-Gelais
          nation: CAN
          gender: women
        """,
    "seasons/2011-12/season.yaml": """\
        title: 2011–12 World Cup
        start: 2011-10-21
        end: 2011-10-23
        standings:
          men:
            - distance: overall
              results:
                - {place: 1, skater: ahn-hyun-soo}
                - {place: 2, skater: charles-hamelin}
        """,
    "seasons/2011-12/calgary.yaml": """\
        city: Calgary
        nation: CAN
        races:
          - date: 2011-10-21
            category: men
            distance: 500m
            results:
              - {place: 1, skater: ahn-hyun-soo}
              - {place: 2, skater: charles-hamelin}
          - date: 2011-10-21
            category: women
            distance: 500m
            results:
              - {place: 1, skater: kim-boutin}
          - date: 2011-10-23
            category: men
            distance: 5000m relay
            results:
              - {place: 1, team: CAN}
              - {place: 2, team: RUS}
          - date: 2011-10-23
            category: women
            distance: 3000m relay
            results:
              - {place: 1, team: CAN, members: [kim-boutin, marianne-st-gelais]}
              - {place: 2, team: KOR}
        """,
}
CALGARY = "seasons/2011-12/calgary.yaml"


def site(tmp_path: Path, changes: dict[str, tuple[str, str]] | None = None) -> Path:
    """The base content with text replacements ``{file: (old, new)}``."""
    content = tmp_path / "content"
    for rel, text in BASE.items():
        text = textwrap.dedent(text)
        if rel in (changes or {}):
            old, new = (changes or {})[rel]
            assert old in text, old
            text = text.replace(old, new, 1)
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return content


STOP = CALGARY
SEASON = "seasons/2011-12/season.yaml"


def warnings(content: Path) -> list[tuple[str, int, int, str, str]]:
    problems = run_check(content)
    assert not [p for p in problems if p.severity == "error"], problems
    return [(str(Path(p.file).relative_to(content)), p.line, p.col, p.code, p.message)
            for p in problems]


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_base_site_is_clean(tmp_path: Path) -> None:
    assert warnings(site(tmp_path)) == []


def test_nation_listed_against_the_registry(tmp_path: Path) -> None:
    old = "- {place: 1, skater: ahn-hyun-soo}\n      - {place: 2"
    content = site(tmp_path, {STOP: (old, old.replace("hyun-soo}", "hyun-soo, nation: KOR}"))})
    [(file, line, col, code, message)] = warnings(content)
    assert (file, line, col, code) == (CALGARY, 8, 50, "nation-mismatch")
    assert message == ("Ahn Hyun-soo is listed as KOR here, but skaters.yaml has RUS for 2011-12 "
                       "and records no change to KOR: write nation: RUS, or record the change "
                       "under ahn-hyun-soo in skaters.yaml")


def test_nation_of_a_recorded_change_is_fine(tmp_path: Path) -> None:
    old = "- {place: 1, skater: ahn-hyun-soo}\n      - {place: 2"
    content = site(tmp_path, {STOP: (old, old.replace("hyun-soo}", "hyun-soo, nation: RUS}"))})
    assert warnings(content) == []


def test_a_neutral_flag_of_the_skaters_nation_is_fine(tmp_path: Path) -> None:
    """Ahn skates for RUS in 2011-12 (a recorded change): listed under the neutral ROC flag,
    he is not reported; listed under KOR (neither RUS nor a flag of it), he is."""
    old = "- {place: 1, skater: ahn-hyun-soo}\n      - {place: 2"
    flagged = old.replace("hyun-soo}", "hyun-soo, nation: ROC}")
    content = site(tmp_path, {STOP: (old, flagged), "nations.yaml": ("RUS: Russia",
                                                                     "RUS: Russia\nROC: ROC")})
    assert warnings(content) == []
    content = site(tmp_path / "kor", {STOP: (old, flagged.replace("ROC", "KOR"))})
    assert [code for *_, code, _m in warnings(content)] == ["nation-mismatch"]


def test_unusual_relay_distance(tmp_path: Path) -> None:
    content = site(tmp_path, {STOP: ("distance: 3000m relay", "distance: 5000m relay")})
    assert warnings(content) == [(CALGARY, 23, 15, "relay-distance",
                                  "the women's relay is listed as 5000m relay; the women's relay "
                                  "is usually 3000m relay")]


def test_one_team_under_two_names(tmp_path: Path) -> None:
    content = site(tmp_path, {STOP: ("{place: 2, team: RUS}",  # the men's relay
                                       "{place: 2, team: KOR, name: Korea}")})
    [(file, line, col, code, message)] = warnings(content)
    assert (file, line, code) == (CALGARY, 20, "team-name")
    assert message == ("the KOR relay team is listed as 'Korea' here and as 'South Korea' "
                       "elsewhere (nations.yaml: 'South Korea'): drop 'name:' (the team is named "
                       "from nations.yaml) or write 'South Korea'")


def test_a_team_only_under_another_name_than_the_registrys(tmp_path: Path) -> None:
    content = site(tmp_path, {STOP: ("{place: 2, team: RUS}", "{place: 2, team: RUS, name: ROC}")})
    [(file, line, col, code, message)] = warnings(content)
    assert (file, code) == (CALGARY, "team-name")
    assert message == ("the RUS relay team is listed as 'ROC' here, but nations.yaml names it "
                       "'Russia': drop 'name:' (the team is named from nations.yaml) or write "
                       "'Russia'")


def test_standings_entry_without_results(tmp_path: Path) -> None:
    content = site(tmp_path, {CALGARY: ("members: [kim-boutin, marianne-st-gelais]",
                                        "members: [kim-boutin]")})
    text = (content / "seasons/2011-12/season.yaml").read_text()
    text += "  women:\n    - distance: 500m\n      results:\n" \
            "        - {place: 1, skater: marianne-st-gelais}\n"
    (content / "seasons/2011-12/season.yaml").write_text(text)
    assert warnings(content) == [("seasons/2011-12/season.yaml", 13, 30, "standings-no-results",
                                  "marianne-st-gelais is in the 2011-12 standings but has no race"
                                  " result that season: add their results, or correct the skater "
                                  "here")]


def test_race_outside_the_season(tmp_path: Path) -> None:
    content = site(tmp_path, {SEASON: ("end: 2011-10-23", "end: 2011-10-22")})
    found = warnings(content)
    assert [(f, line, code) for f, line, _c, code, _m in found] == [
        (CALGARY, 15, "outside-season"), (CALGARY, 21, "outside-season")]
    assert "after the season ends (2011-10-22" in found[0][4]


def test_one_distance_on_two_days_at_a_stop(tmp_path: Path) -> None:
    old = "- date: 2011-10-21\n    category: women"
    content = site(tmp_path, {STOP: (old, old.replace("21", "22"))})
    assert warnings(content) == [(CALGARY, 10, 11, "stop-days",
                                  "the women's 500m at Calgary is dated 2011-10-22, the men's "
                                  "500m on 2011-10-21: a stop races one distance for both on the "
                                  "same day")]


def test_numbering_with_a_gap(tmp_path: Path) -> None:
    content = site(tmp_path, {STOP: ("distance: 500m\n    results:\n      - {place: 1, skater: "
                                       "ahn", "distance: 500m\n    number: 2\n    results:\n"
                                       "      - {place: 1, skater: ahn")})
    [(file, line, _col, code, message)] = warnings(content)
    assert (file, line, code) == (CALGARY, 7, "numbering")
    assert "numbered [2]" in message


def test_registry_slug_clash_and_gender(tmp_path: Path) -> None:
    extra = "- slug: kim-boutin-kor\n  name: Kim Boutin\n  nation: KOR\n"
    content = site(tmp_path, {"skaters.yaml": ("- slug: marianne", extra + "- slug: marianne"),
                              STOP: ("{place: 2, skater: charles-hamelin}",
                                     "{place: 2, skater: kim-boutin}")})
    found = warnings(content)
    assert [(f, line, code) for f, line, _c, code, _m in found] == [
        (CALGARY, 9, "gender"), (SEASON, 9, "standings-no-results"),
        ("skaters.yaml", 11, "slug-clash"),
        ("skaters.yaml", 15, "slug-clash"),
        ("skaters.yaml", 15, "orphan")]  # the second Kim Boutin has no result
    assert "Kim Boutin (women) has a result in the men's 2011-12 races" in found[0][4]
    assert "skaters kim-boutin, kim-boutin-kor have names that give one slug" in found[2][4]


def test_load_errors_come_first_and_fail(tmp_path: Path) -> None:
    content = site(tmp_path, {STOP: ("distance: 500m\n", "distance: 700m\n")})
    done = run("check", "--content", str(content), "--format", "json", cwd=tmp_path)
    assert done.returncode == 1
    [problem] = json.loads(done.stdout)
    assert problem["severity"] == "error"
    assert (problem["file"], problem["line"]) == (str(content / CALGARY), 6)
    assert "700m" in problem["message"]
    broken = site(tmp_path, {STOP: ("city: Calgary", "city: [Calgary")})
    done = run("check", "--content", str(broken), cwd=tmp_path)
    assert done.returncode == 1
    assert f"{broken / CALGARY}:" in done.stdout and "error: invalid YAML" in done.stdout


# -- the raw source article --------------------------------------------------------------------


def test_raw_source_article_reports_its_known_errors(tmp_path: Path) -> None:
    assert run("import", str(SOURCE), cwd=tmp_path).returncode == 0
    done = run("check", "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    found = {(Path(p["file"]).name, p["line"], p["code"]) for p in json.loads(done.stdout)}
    assert all(p["severity"] == "warning" for p in json.loads(done.stdout))
    expected = {
        ("season.yaml", 40, "nation-mismatch"),  # Choi Eun-kyung as CAN: 1000m
        ("season.yaml", 45, "nation-mismatch"),  # 1500m
        ("season.yaml", 55, "nation-mismatch"),  # overall
        ("calgary.yaml", 70, "relay-distance"),  # women's relay labelled 5000m
        ("bormio.yaml", 70, "relay-distance"),
        ("bormio.yaml", 74, "team-name"),  # 'Korea' vs 'South Korea'
        ("bormio.yaml", 61, "outside-season"),  # women's races on 15 February
        ("bormio.yaml", 68, "outside-season"),
        ("bormio.yaml", 61, "stop-days"),  # ...while the men raced on the 14th
        ("bormio.yaml", 68, "stop-days"),
        ("beijing.yaml", 12, "stop-days"),  # every women's race in Beijing on 5 December
        ("beijing.yaml", 19, "stop-days"),
        ("beijing.yaml", 26, "stop-days"),
        ("beijing.yaml", 33, "stop-days"),
        ("beijing.yaml", 40, "stop-days"),
    }
    assert found == expected
    text = run("check", cwd=tmp_path)
    assert "content/seasons/2003-04/bormio.yaml:74:37: warning: the KOR relay team is listed " \
           "as 'Korea' here" in text.stdout
    assert "0 errors, 15 warnings" in text.stderr
    assert run("check", "--strict", cwd=tmp_path).returncode == 1


def test_real_content_passes_strict_check() -> None:
    if not (ROOT / "content" / "seasons").is_dir():
        pytest.skip("content/ has no seasons yet")
    done = run("check", "--strict", "--content", str(ROOT / "content"), cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
