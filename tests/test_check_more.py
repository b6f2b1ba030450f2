"""What a data maintainer reads from ``build`` and ``check``: lost published URLs grouped by
what was removed, and the lints for slips a season's data entry makes (dates of name changes,
podium times out of order, registry entries nobody raced as), each at its file:line:col."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

from site_gen.routing.published import MANIFEST, read_manifest

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def errors_of(text: str) -> list[str]:
    return [line for line in text.splitlines() if ": error: " in line]


# -- published URLs that would disappear ------------------------------------------------------


def test_a_renamed_season_folder_is_one_error_naming_the_new_folder(make_site,
                                                                     tmp_path: Path) -> None:
    content = make_site()
    (content / "seasons/2003-04").rename(content / "seasons/2004-05")
    published = read_manifest(content)
    lost = sorted((line, url) for url, line in published.items() if "2003-04" in url)
    assert len(lost) == 24

    done = run("build", "--content", "content", "--out", "out", cwd=tmp_path)
    assert done.returncode == 1
    [error] = errors_of(done.stderr)
    first = lost[0][0]
    assert error.startswith(f"content/{MANIFEST}:{first}:1: error: 24 published URLs would "
                            "disappear without a redirect (/api/seasons/2003-04.json, "
                            "/seasons/2003-04/, /seasons/2003-04/beijing/ and 21 more: "
                            "`check` lists them all): the season 2003-04 is gone: restore the "
                            "folder seasons/2003-04/ (the folder seasons/2004-05/ is new: if "
                            "it is seasons/2003-04/ renamed, rename it back;"), error
    assert error.endswith("or build with --allow-removal if the removal is deliberate")
    assert done.stderr.rstrip().endswith("1 error; nothing was written.")
    assert not (tmp_path / "out").exists()

    # check (text): the same one error, then every URL at its line in the manifest
    done = run("check", "--content", "content", cwd=tmp_path)
    assert done.returncode == 1
    [error] = errors_of(done.stdout)
    assert "24 published URLs would disappear without a redirect (listed below): the season " \
           "2003-04 is gone" in error
    listed = re.findall(rf"^    content/{re.escape(MANIFEST)}:(\d+): (\S+)$", done.stdout, re.M)
    assert [(int(n), url) for n, url in listed] == lost
    assert done.stderr.startswith("1 error, ")

    # check --format json: one entry a URL, each at its own line, for scripts
    done = run("check", "--content", "content", "--format", "json", cwd=tmp_path)
    found = [p for p in json.loads(done.stdout) if p["code"] == "published"]
    assert [(p["line"], p["col"]) for p in found] == [(n, 1) for n, _ in lost]
    assert all(p["message"].startswith(f"published URL {url} would disappear")
               for p, (_, url) in zip(found, lost, strict=True))

    done = run("build", "--content", "content", "--out", "out", "--allow-removal", cwd=tmp_path)
    assert done.returncode == 0, done.stderr


def test_a_renamed_stop_file_names_its_new_file(make_site, tmp_path: Path) -> None:
    content = make_site()
    season = content / "seasons/2003-04"
    (season / "calgary.yaml").rename(season / "calgary-oval.yaml")
    done = run("build", "--content", "content", "--out", "out", cwd=tmp_path)
    assert done.returncode == 1
    line = read_manifest(content)["/seasons/2003-04/calgary/"]
    assert errors_of(done.stderr) == [
        f"content/{MANIFEST}:{line}:1: error: published URL /seasons/2003-04/calgary/ would "
        "disappear without a redirect: a stop's URL is the name of its file: restore "
        "seasons/2003-04/calgary.yaml (renaming it changes the URL); "
        "seasons/2003-04/calgary-oval.yaml is new: if it is that stop renamed, rename it back, "
        "or build with --allow-removal if the removal is deliberate"]


def test_a_renamed_skater_is_one_error_saying_where_former_slugs_goes(make_site,
                                                                        tmp_path: Path) -> None:
    content = make_site()
    for path in content.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("choi-eun-kyung", "choi-eunkyung").replace(
            "Choi Eun-kyung", "Choi Eunkyung"), encoding="utf-8")  # no old name: no redirect
    published = read_manifest(content)
    lines = sorted(n for url, n in published.items() if "choi-eun-kyung" in url)
    assert len(lines) == 8  # the page, card, CSVs, share image, oEmbed, feed and the JSON

    done = run("build", "--content", "content", "--out", "out", cwd=tmp_path)
    assert done.returncode == 1
    assert errors_of(done.stderr) == [
        f"content/{MANIFEST}:{lines[0]}:1: error: 8 published URLs would disappear without a "
        "redirect (/api/skaters/choi-eun-kyung.json, /skaters/choi-eun-kyung/, "
        "/skaters/choi-eun-kyung/card/ and 5 more: `check` lists them all): the skater "
        "choi-eun-kyung is gone from skaters.yaml: if the skater was renamed, list the old slug "
        "under the new entry choi-eunkyung (former_slugs: [choi-eun-kyung]), which keeps every "
        "old URL as a redirect; or build with --allow-removal if the removal is deliberate"]

    registry = content / "skaters.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace(
        "- slug: choi-eunkyung\n", "- slug: choi-eunkyung\n  former_slugs: [choi-eun-kyung]\n"),
        encoding="utf-8")
    done = run("build", "--content", "content", "--out", "out", cwd=tmp_path)
    assert done.returncode == 0, done.stderr


def test_unrelated_lost_urls_are_not_grouped(make_site, tmp_path: Path) -> None:
    """Two pages that share no folder, stop or skater keep one message each."""
    content = make_site()
    with (content / MANIFEST).open("a", encoding="utf-8") as f:
        f.write("/history/\n/nations/xyz/\n/nations/xyz/medals.csv\n")
    done = run("build", "--content", "content", "--out", "out", cwd=tmp_path)
    assert done.returncode == 1
    found = errors_of(done.stderr)
    assert len(found) == 2, found
    assert "published URL /history/ would disappear without a redirect: the page /history/ " \
           "is gone: restore it" in found[0]
    assert "2 published URLs would disappear without a redirect (/nations/xyz/, " \
           "/nations/xyz/medals.csv: `check` lists them all): no result names the nation code " \
           "XYZ any more" in found[1]
    assert "2 errors; nothing was written." in done.stderr


# -- lints for a season's data entry, on a mini-site written here -----------------------------

SITE = {
    "nations.yaml": """\
        KOR: South Korea
        CAN: Canada
        RUS: Russia
        """,
    "skaters.yaml": """\
        - slug: ahn-hyun-soo
          name: Ahn Hyun-soo
          nation: KOR
          changes:
            - {season: 2011-12, name: Viktor Ahn, nation: RUS}
        - slug: charles-hamelin
          name: Charles Hamelin
          nation: CAN
        - slug: kim-boutin
          name: Kim Boutin
          nation: CAN
        - slug: kwak-yoon-gy
          name: Kwak Yoon-gy
          nation: KOR
        """,
    "seasons/2010-11/montreal.yaml": """\
        city: Montréal
        nation: CAN
        races:
          - date: 2010-10-22
            category: men
            distance: 500m
            results:
              - {place: 1, skater: ahn-hyun-soo, time: "41.200"}
              - {place: 2, skater: charles-hamelin, time: "41.350"}
          - date: 2010-10-22
            category: women
            distance: 500m
            results:
              - {place: 1, skater: kim-boutin, time: "43.100"}
        """,
    "seasons/2011-12/calgary.yaml": """\
        city: Calgary
        nation: CAN
        races:
          - date: 2011-10-21
            category: men
            distance: 1500m
            results:
              - {place: 1, skater: charles-hamelin, time: "2:14.100"}
              - {place: 2, skater: ahn-hyun-soo, time: "2:14.250"}
              - {place: 3, skater: kwak-yoon-gy, time: "2:14.300"}
          - date: 2011-10-21
            category: women
            distance: 1500m
            results:
              - {place: 1, skater: kim-boutin, time: "2:22.500"}
        """,
    "seasons/2012-13/calgary.yaml": """\
        city: Calgary
        nation: CAN
        races:
          - date: 2012-10-19
            category: men
            distance: 500m
            results:
              - {place: 1, skater: charles-hamelin}
        """,
}
CAL11 = "seasons/2011-12/calgary.yaml"


def mini(tmp_path: Path, edits: dict[str, tuple[str, str]] | None = None) -> Path:
    """The mini-site in tmp_path/content, with ``{file: (old, new)}`` replaced once."""
    from .conftest import write_files

    files = {}
    for rel, text in SITE.items():
        text = textwrap.dedent(text)
        if rel in (edits or {}):
            old, new = (edits or {})[rel]
            assert old in text, old
            text = text.replace(old, new, 1)
        files[rel] = text
    return write_files(tmp_path / "content", files)


def at(content: Path, rel: str, needle: str, nth: int = 1) -> tuple[int, int]:
    """(line, col) of the ``nth`` occurrence of ``needle`` in a content file, 1-based."""
    text = (content / rel).read_text(encoding="utf-8")
    index = -1
    for _ in range(nth):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def lints(content: Path) -> list[tuple[str, int, int, str, str]]:
    from site_gen.check.run import run_check

    problems = run_check(content)
    assert not [p for p in problems if p.severity == "error"], problems
    return [(str(Path(p.file).relative_to(content)), p.line, p.col, p.code, p.message)
            for p in problems]


def test_the_mini_site_is_clean(tmp_path: Path) -> None:
    assert lints(mini(tmp_path)) == []


def test_a_registry_entry_nobody_raced_as_is_warned(tmp_path: Path) -> None:
    """An orphan: a leftover entry, or one skater entered twice under two slugs."""
    entries = ("- slug: kim-boutim\n  name: Kim Boutim\n  nation: CAN\n"
               "- slug: lee-ho-suk\n  name: Lee Ho-suk\n  nation: KOR\n")
    content = mini(tmp_path, {"skaters.yaml": ("- slug: kwak", entries + "- slug: kwak")})
    twice = at(content, "skaters.yaml", "kim-boutim")
    leftover = at(content, "skaters.yaml", "lee-ho-suk")
    expected = [
        f"content/skaters.yaml:{twice[0]}:{twice[1]}: warning: Kim Boutim (kim-boutim) has no "
        "result in any season: no race, relay team or standings line names 'kim-boutim'; "
        "kim-boutin has results and a similar slug: if it is the same skater, remove this "
        "entry; else add their results",
        f"content/skaters.yaml:{leftover[0]}:{leftover[1]}: warning: Lee Ho-suk (lee-ho-suk) "
        "has no result in any season: no race, relay team or standings line names "
        "'lee-ho-suk'; add their results, or remove the entry if it is a leftover"]
    done = run("check", "--content", "content", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines() == expected
    assert done.stderr == "0 errors, 2 warnings\n"
    assert run("check", "--content", "content", "--strict", cwd=tmp_path).returncode == 1
    done = run("check", "--content", "content", "--format", "json", cwd=tmp_path)
    assert [(p["file"], p["line"], p["col"], p["code"]) for p in json.loads(done.stdout)] == [
        ("content/skaters.yaml", *twice, "orphan"), ("content/skaters.yaml", *leftover, "orphan")]


def test_a_relay_member_is_no_orphan(tmp_path: Path) -> None:
    relay = ("  - date: 2011-10-23\n    category: men\n    distance: 5000m relay\n    results:\n"
             "      - {place: 1, team: KOR, members: [lee-ho-suk, kwak-yoon-gy]}\n")
    entry = "- slug: lee-ho-suk\n  name: Lee Ho-suk\n  nation: KOR\n"
    content = mini(tmp_path, {"skaters.yaml": ("- slug: kwak", entry + "- slug: kwak"),
                              CAL11: ("races:\n", "races:\n" + relay)})
    assert lints(content) == []


# -- name or nation changes dated where no result shows them ----------------------------------


def test_a_change_before_the_first_result_is_warned_at_its_season(tmp_path: Path) -> None:
    """Ahn first raced in 2010-11: a change from 2009-10 means no result shows 'Ahn Hyun-soo
    (KOR)' (a typo for 2011-12 would make his 2010-11 results Russian too)."""
    content = mini(tmp_path, {"skaters.yaml": ("season: 2011-12", "season: 2009-10")})
    line, col = at(content, "skaters.yaml", "2009-10")
    first = at(content, "seasons/2010-11/montreal.yaml", "ahn-hyun-soo")[0]
    assert lints(content) == [(
        "skaters.yaml", line, col, "change-season",
        "Ahn Hyun-soo's change to name Viktor Ahn and nation RUS is from 2009-10, before their "
        f"first result (2010-11, {content}/seasons/2010-11/montreal.yaml:{first}), so no result "
        "shows the entry's own Ahn Hyun-soo (KOR): if the season is a typo, write the first "
        "season they raced as Viktor Ahn (RUS); if they never raced as Ahn Hyun-soo (KOR), give "
        "the entry Viktor Ahn (RUS) and drop the change")]


def test_changes_after_the_last_result_are_warned_unless_the_data_stops_first(
        tmp_path: Path) -> None:
    """Kim Boutin's last result is from 2011-12 and the data goes on to 2012-13: a change from
    2012-13 shows nowhere. Kwak's change from 2101-02 is to a season that has not begun.
    Hamelin's from 2013-14 is past the data but may be real (a registry kept ahead of the
    seasons entered so far, as content/ keeps Viktor Ahn's 2011-12): not warned."""
    content = mini(tmp_path)
    registry = content / "skaters.yaml"
    text = registry.read_text(encoding="utf-8")
    for name, change in (("Kim Boutin", "{season: 2012-13, nation: KOR}"),
                         ("Kwak Yoon-gy", "{season: 2101-02, name: Kwak Y.}"),
                         ("Charles Hamelin", "{season: 2013-14, nation: KOR}")):
        text = re.sub(rf"(  name: {name}\n  nation: \w+\n)", rf"\1  changes:\n    - {change}\n",
                      text)
    registry.write_text(text, encoding="utf-8")
    boutin, kwak = at(content, "skaters.yaml", "2012-13"), at(content, "skaters.yaml", "2101-02")
    last = at(content, CAL11, "kim-boutin")[0]
    done = run("check", "--content", "content", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stdout.splitlines() == [
        f"content/skaters.yaml:{boutin[0]}:{boutin[1]}: warning: Kim Boutin's change to nation "
        f"KOR is from 2012-13, after their last result (2011-12, content/{CAL11}:{last}) though "
        "the data goes on to 2012-13, so no result shows Kim Boutin (KOR): if the season is a "
        "typo, write the first season they raced as Kim Boutin (KOR); else add their results "
        "from 2012-13 on",
        f"content/skaters.yaml:{kwak[0]}:{kwak[1]}: warning: Kwak Yoon-gy's change to name "
        "Kwak Y. is from 2101-02, a season that has not begun (the data goes on to 2012-13): is "
        "the season a typo? Write the first season they raced as Kwak Y. (KOR)"]


# -- podium times out of place order ----------------------------------------------------------

MEN_1500 = ('{place: 1, skater: charles-hamelin, time: "2:14.100"}',
            '{place: 2, skater: ahn-hyun-soo, time: "2:14.250"}',
            '{place: 3, skater: kwak-yoon-gy, time: "2:14.300"}')


def test_a_podium_time_out_of_place_order_is_warned_at_the_time(tmp_path: Path) -> None:
    content = mini(tmp_path, {CAL11: ('"2:14.250"', '"2:14.050"')})  # 2nd faster than 1st
    line, col = at(content, CAL11, '"2:14.050"')
    first = at(content, CAL11, '"2:14.100"')[0]
    done = run("check", "--content", "content", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stdout.splitlines() == [
        f"content/{CAL11}:{line}:{col}: warning: in the men's 1500m at Calgary, place 2 "
        "(Viktor Ahn) is timed 2:14.050, faster than place 1 (Charles Hamelin, 2:14.100 at "
        f"line {first}): the podium skates one final, where the better place has the better "
        "time; swap the places or correct the time"]
    done = run("check", "--content", "content", "--format", "json", cwd=tmp_path)
    [problem] = json.loads(done.stdout)
    assert (problem["file"], problem["line"], problem["col"], problem["code"]) == \
        (f"content/{CAL11}", line, col, "podium-times")


def test_one_warning_a_race_naming_the_slowest_better_place(tmp_path: Path) -> None:
    """A winner's time mistyped slow puts both others 'out of order': one warning, at 2nd."""
    content = mini(tmp_path, {CAL11: ('"2:14.100"', '"2:41.100"')})
    [(file, line, _col, code, message)] = lints(content)
    assert (file, line, code) == (CAL11, at(content, CAL11, '"2:14.250"')[0], "podium-times")
    assert "place 2 (Viktor Ahn) is timed 2:14.250, faster than place 1 (Charles Hamelin, " \
           "2:41.100" in message


def test_podium_times_leave_other_finals_statuses_and_ties_alone(tmp_path: Path) -> None:
    """Place 4 may have won a faster B final; a penalised skater's time says nothing of his
    place; a tie shares a place; a time not written like a time has its own warning."""
    fourth = '\n      - {place: 4, skater: lee-ho-suk, time: "2:13.900"}'
    penalised = '\n      - {skater: kim-boutin-x, status: PEN, time: "2:10.000"}'
    entries = ("- slug: lee-ho-suk\n  name: Lee Ho-suk\n  nation: KOR\n"
               "- slug: kim-boutin-x\n  name: Kim Other\n  nation: KOR\n")
    tie = MEN_1500[2].replace("place: 3", "place: 2").replace("2:14.300", "2:14.200")
    content = mini(tmp_path, {
        "skaters.yaml": ("- slug: kwak", entries + "- slug: kwak"),
        CAL11: (MEN_1500[2], tie + fourth + penalised + "\n    classification: full")})
    assert lints(content) == []
    content = mini(tmp_path / "odd", {CAL11: ('"2:14.250"', '"2:1.250"')})
    assert [code for *_, code, _m in lints(content)] == ["time-format"]


def test_places_with_a_gap_are_an_error_at_the_result(tmp_path: Path) -> None:
    """Already a loader error (not a lint): places run 1..n, ties sharing a place."""
    content = mini(tmp_path, {CAL11: ("place: 3, skater: kwak", "place: 4, skater: kwak")})
    line, col = at(content, CAL11, "{place: 4")
    done = run("check", "--content", "content", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        f"content/{CAL11}:{line}:{col}: error: places must run 1..n with ties sharing a place: "
        "found 4 where 3 or 2 (a tie) was expected"]


# -- every lint message says where, what is wrong and what to write instead -------------------


def test_a_race_after_the_seasons_end_says_which_date_to_correct(tmp_path: Path) -> None:
    content = mini(tmp_path)
    (content / "seasons/2011-12/season.yaml").write_text(
        "title: 2011–12 World Cup\nstart: 2011-10-01\nend: 2011-10-20\n", encoding="utf-8")
    found = lints(content)
    line, col = at(content, CAL11, "2011-10-21")
    assert found[0] == (CAL11, line, col, "outside-season",
                        "the men's 1500m at Calgary is dated 2011-10-21, after the season ends "
                        f"(2011-10-20, {content}/seasons/2011-12/season.yaml): correct the "
                        "race's date, or the season's 'end:'")


def test_a_distance_numbered_once_says_to_drop_the_number(tmp_path: Path) -> None:
    content = mini(tmp_path, {CAL11: ("distance: 1500m\n", "distance: 1500m\n    number: 2\n")})
    line, col = at(content, CAL11, "2\n    results")
    assert lints(content) == [(CAL11, line, col, "numbering",
                               "the men's 1500m at Calgary is numbered [2]: leave 'number: 2' "
                               "out of a distance raced once at a stop, or add its other race")]


def test_a_skater_in_the_other_genders_race_is_warned_at_the_slug(tmp_path: Path) -> None:
    content = mini(tmp_path, {
        "skaters.yaml": ("  name: Kim Boutin\n  nation: CAN\n",
                         "  name: Kim Boutin\n  nation: CAN\n  gender: women\n"),
        CAL11: ("skater: kwak-yoon-gy", "skater: kim-boutin")})
    line, col = at(content, CAL11, "kim-boutin")
    assert (CAL11, line, col, "gender",
            "Kim Boutin (women) has a result in the men's 2011-12 races: correct the skater "
            "here, or their 'gender:' in skaters.yaml") in lints(content)


def test_a_slug_clash_says_what_to_do_if_they_are_one_skater(tmp_path: Path) -> None:
    twin = "- slug: kim-boutin-kor\n  name: Kim Boutin\n  nation: KOR\n"
    content = mini(tmp_path, {"skaters.yaml": ("- slug: kwak", twin + "- slug: kwak")})
    clashes = [m for _f, _l, _c, code, m in lints(content) if code == "slug-clash"]
    assert clashes == [
        "skaters kim-boutin, kim-boutin-kor have names that give one slug 'kim-boutin': if they "
        "are one person, keep one entry and list the other's slug under its former_slugs; if "
        f"they are different people, say so here: namesakes: [{other}]"
        for other in ("kim-boutin-kor", "kim-boutin")]


def test_namesakes_said_to_be_different_people_pass_strict(tmp_path: Path) -> None:
    """Two people of one name (told apart by their slugs) stop the slug-clash warning once one
    of them lists the other under namesakes; a third of that name is still reported."""
    twin = ("- slug: kim-boutin-kor\n  name: Kim Boutin\n  nation: KOR\n"
            "  namesakes: [kim-boutin]\n")
    content = mini(tmp_path, {"skaters.yaml": ("- slug: kwak", twin + "- slug: kwak")})
    assert [code for *_, code, _m in lints(content) if code == "slug-clash"] == []
    third = twin.replace("kim-boutin-kor", "kim-boutin-can")
    edit = ("- slug: kwak", twin + third + "- slug: kwak")
    content = mini(tmp_path / "3", {"skaters.yaml": edit})
    assert len([m for *_, code, m in lints(content) if code == "slug-clash"]) == 3


def test_a_namesake_must_be_a_slug(tmp_path: Path) -> None:
    twin = "- slug: kim-boutin-kor\n  name: Kim Boutin\n  nation: KOR\n  namesakes: [Kim B]\n"
    content = mini(tmp_path, {"skaters.yaml": ("- slug: kwak", twin + "- slug: kwak")})
    from site_gen.check.run import run_check

    [error] = [p for p in run_check(content) if p.severity == "error"]
    assert error.message == "namesake 'Kim B' must be a lowercase slug"
    assert error.file.endswith("skaters.yaml") and error.col == 15


def test_a_whole_category_on_one_day_says_to_date_each_race(tmp_path: Path) -> None:
    races = "".join(
        f"  - date: 2011-10-{day}\n    category: {cat}\n    distance: {dist}\n    results:\n"
        f"      - {{place: 1, skater: {who}}}\n"
        for day, cat, dist, who in (
            ("21", "men", "500m", "charles-hamelin"), ("22", "men", "1000m", "charles-hamelin"),
            ("23", "men", "3000m", "charles-hamelin"), ("21", "women", "500m", "kim-boutin"),
            ("21", "women", "1000m", "kim-boutin"), ("21", "women", "3000m", "kim-boutin")))
    content = mini(tmp_path, {CAL11: ("races:\n", "races:\n" + races)})
    found = [(line, m) for _f, line, _c, code, m in lints(content) if "all 4" in m]
    assert found == [(at(content, CAL11, "2011-10-21", 2)[0],
                      "all 4 women's races at Calgary are dated 2011-10-21, while the men's span "
                      "2011-10-21 to 2011-10-23: date each race the day it was skated (a stop "
                      "races one distance for both on the same day)")]


def test_a_namesake_must_be_a_skater_of_the_registry(tmp_path: Path) -> None:
    twin = ("- slug: kim-boutin-kor\n  name: Kim Boutin\n  nation: KOR\n"
            "  namesakes: [kim-boutn]\n")
    content = mini(tmp_path, {"skaters.yaml": ("- slug: kwak", twin + "- slug: kwak")})
    from site_gen.check.run import run_check

    [error] = [p for p in run_check(content) if p.severity == "error"]
    assert error.message == ("namesake 'kim-boutn' is no skater of skaters.yaml "
                             "(did you mean 'kim-boutin'?)")
    assert error.file.endswith("skaters.yaml") and error.col == 15


def test_a_skater_is_not_their_own_namesake(tmp_path: Path) -> None:
    twin = ("- slug: kim-boutin-kor\n  name: Kim Boutin\n  nation: KOR\n"
            "  namesakes: [kim-boutin-kor]\n")
    content = mini(tmp_path, {"skaters.yaml": ("- slug: kwak", twin + "- slug: kwak")})
    from site_gen.check.run import run_check

    [error] = [p for p in run_check(content) if p.severity == "error"]
    assert error.message.startswith("'kim-boutin-kor' is this skater")


def test_check_and_build_parse_each_content_file_once(make_site, tmp_path: Path,
                                                      monkeypatch) -> None:
    """The loader and the lints read the same files: each is parsed once per check or build,
    and the lints still see a stop's problem (a date outside its season) at its place."""
    from site_gen.check.run import run_check
    from site_gen.engine.build import build_site
    from site_gen.load import located_yaml

    content = make_site()
    calgary = content / "seasons/2003-04/calgary.yaml"
    calgary.write_text(calgary.read_text(encoding="utf-8")
                       .replace("date: 2003-10-17", "date: 2013-10-17", 1), encoding="utf-8")
    parsed: list[str] = []
    real = located_yaml.parse_text

    def counting(text: str, file: str, problems=None):  # type: ignore[no-untyped-def]
        parsed.append(file)
        return real(text, file, problems)

    monkeypatch.setattr(located_yaml, "parse_text", counting)
    files = sorted(str(p) for p in content.rglob("*.yaml"))
    problems = [p.format() for p in run_check(content)]
    assert any("calgary.yaml:" in p and "2013-10-17" in p for p in problems), problems
    assert sorted(parsed) == files
    parsed.clear()
    report = build_site(content, tmp_path / "public", jobs=1)
    assert any("2013-10-17" in w.format() for w in report.warnings)
    assert sorted(parsed) == files
