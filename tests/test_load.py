"""Loading validation: every error kind is reported with its place, all together."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from site_gen.errors import DataError
from site_gen.load.site_loader import load_site

from .conftest import ROOT

CAL = "seasons/2003-04/calgary.yaml"

STOP = """\
city: Calgary
nation: CAN
races:
  - date: 2003-10-17
    category: men
    distance: 1500m
    results:
      - {place: 1, skater: lee-seung-jae}
      - {place: 2, skater: ahn-hyun-soo}
      - {place: 3, skater: apolo-anton-ohno}
"""


def problems_of(content: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        load_site(content)
    return [p.format() for p in info.value.problems]


def one(make_site, text: str, file: str = CAL) -> list[str]:
    content = make_site({file: text})
    return [p.replace(str(content) + "/", "") for p in problems_of(content)]


def test_real_content_loads() -> None:
    site = load_site(ROOT / "content")
    assert site.seasons[0].id == "2003-04"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("distance: 1500m", "distance: 700m",
         f"{CAL}:6:15: error: unknown distance '700m' (expected one of: 500m, 1000m"),
        ("category: men", "category: juniors", f"{CAL}:5:15: error: unknown category 'juniors'"),
        ("nation: CAN", "nation: XYZ", f"{CAL}:2:9: error: unknown nation code 'XYZ'"),
        ("skater: ahn-hyun-soo", "skater: ahn-hyun-so",
         f"{CAL}:9:28: error: unknown skater 'ahn-hyun-so' (add it to skaters.yaml) "
         "(did you mean 'ahn-hyun-soo'"),
        ("date: 2003-10-17", "date: 2003-02-30",
         f"{CAL}:4:11: error: 'date' must be a real date written YYYY-MM-DD, "
         "found '2003-02-30'"),
        ("    category: men\n", "    category: men\n    heat: 2\n",
         f"{CAL}:6:11: error: unknown field 'heat' in a race"),
        ("city: Calgary\n", "", f"{CAL}:1:1: error: a competition is missing 'city'"),
        ("{place: 3,", "{place: 4,", f"{CAL}:10:9: error: places must run 1..n"),
        ("{place: 2, skater: ahn-hyun-soo}", "{place: 2, skater: lee-seung-jae}",
         f"{CAL}:9:9: error: lee-seung-jae is listed twice (first at line 8)"),
        ("{place: 1,", "{place: first,", f"{CAL}:8:17: error: 'place' must be a whole number"),
        ("{place: 3, skater: apolo-anton-ohno}", "{place: 3, team: USA}",
         f"{CAL}:10:9: error: an individual race names a 'skater', not a team"),
        ("{place: 3, skater: apolo-anton-ohno}", "{skater: apolo-anton-ohno}",
         f"{CAL}:10:9: error: a result needs a 'place' or a 'status'"),
        ("{place: 3, skater: apolo-anton-ohno}", "{skater: apolo-anton-ohno, status: LATE}",
         f"{CAL}:10:44: error: unknown status 'LATE'"),
    ],
)
def test_schema_error_kinds(make_site, old: str, new: str, expected: str) -> None:
    assert old in STOP
    found = one(make_site, STOP.replace(old, new, 1))
    assert any(p.startswith(expected) for p in found), found


def test_yaml_syntax_error_has_line_and_column(make_site) -> None:
    found = one(make_site, "city: Calgary\nnation: [CAN\nraces: []\n")
    assert found == [f"{CAL}:3:6: error: invalid YAML: did not find expected ',' or ']'"]


def test_duplicate_race_and_race_outside_stop(make_site) -> None:
    text = STOP.replace("races:", "start: 2003-10-17\nend: 2003-10-19\nraces:")
    race = STOP.split("races:\n", 1)[1]
    text += race.replace("2003-10-17", "2003-10-20")
    found = one(make_site, text)
    assert any(":13:5: error: duplicate race: men 1500m is already at line 6" in p for p in found)
    assert any(":13:5: error: race dated 2003-10-20 is outside its stop" in p for p in found)


def test_relay_with_skater_is_an_error(make_site) -> None:
    text = STOP.replace("distance: 1500m", "distance: 5000m relay")
    found = one(make_site, text)
    assert any(":8:9: error: a relay result names a 'team'" in p for p in found)


def test_all_problems_reported_together(make_site) -> None:
    content = make_site({
        CAL: STOP.replace("distance: 1500m", "distance: 700m"),
        "seasons/2003-04/bormio.yaml": "city: Bormio\nnation: ITA\nraces: [1, 2]\n",
        "skaters.yaml": (ROOT / "content/skaters.yaml").read_text() + "\n- slug: Bad Slug\n"
                        "  name: X\n  nation: KOR\n",
    })
    found = problems_of(content)
    files = {p.split(":", 1)[0].replace(str(content) + "/", "") for p in found}
    assert {CAL, "seasons/2003-04/bormio.yaml", "skaters.yaml"} <= files
    assert len(found) >= 4


def test_ties_and_short_podiums_are_valid(make_site) -> None:
    text = STOP.replace("{place: 2, skater: ahn-hyun-soo}", "{place: 1, skater: ahn-hyun-soo}")
    text = text.replace("      - {place: 3, skater: apolo-anton-ohno}\n", "")
    site = load_site(make_site({CAL: text}))
    race = site.index.competitions[("2003-04", "calgary")].races[0]
    assert [r.place for r in race.results] == [1, 1]
    text = STOP.replace("{place: 3,", "{place: 2,")  # tie for second
    assert load_site(make_site({CAL: text}))


def test_full_results_with_times_and_penalties(make_site) -> None:
    text = STOP.replace(
        "      - {place: 3, skater: apolo-anton-ohno}\n",
        "      - {place: 3, skater: apolo-anton-ohno, time: '2:20.100', points: 60}\n"
        "      - {skater: li-ye, status: PEN}\n      - {skater: rusty-smith, status: dnf}\n",
    )
    site = load_site(make_site({CAL: text}))
    race = site.index.competitions[("2003-04", "calgary")].races[0]
    assert [(r.place, r.status) for r in race.results][-2:] == [(None, "PEN"), (None, "DNF")]
    assert race.results[2].time == "2:20.100" and race.results[2].points == 60


def test_cli_reports_file_line_col_and_exit_1(make_site, tmp_path: Path) -> None:
    content = make_site({CAL: STOP.replace("distance: 1500m", "distance: 700m")})
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "build", "--content", "content",
         "--out", str(out)],
        cwd=content.parent, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 1
    assert f"content/{CAL}:6:15: error: unknown distance '700m'" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not out.exists()


def test_cli_usage_error_exit_2(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--jobs", "0"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2


@pytest.mark.parametrize("was_enabled", [True, False])
def test_loading_pauses_the_cycle_collector_and_restores_it(
        make_site, monkeypatch: pytest.MonkeyPatch, was_enabled: bool) -> None:
    """No cycle collection while seasons are read (many objects, no cycles); the collector
    is as it was after, when the content loads and when it is refused."""
    import gc

    from site_gen.load import site_loader

    folders = [make_site(), make_site({"seasons/2003-04/calgary.yaml": "races: [\n"})]
    reading: list[bool] = []

    def read_season(*args: object, **kwargs: object) -> object:
        reading.append(gc.isenabled())
        return real(*args, **kwargs)

    real = site_loader.read_season
    monkeypatch.setattr(site_loader, "read_season", read_season)
    results = []
    was = gc.isenabled()
    try:
        gc.enable() if was_enabled else gc.disable()
        for folder in folders:
            site, _ = site_loader.collect_site(folder)
            results += [site is not None, gc.isenabled()]
    finally:
        gc.enable() if was else gc.disable()
    assert results == [True, was_enabled, False, was_enabled]
    assert reading == [False, False]
