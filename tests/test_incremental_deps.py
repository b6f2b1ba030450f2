"""Incremental rebuilds: finer dependency keys (fingerprint.py, routes.py) and the spare
output folder (engine/output_folder.py), checked with real builds of the real 2003-04 content."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import site_gen.engine.output_folder
from site_gen.engine.build import BuildReport, build_site
from site_gen.errors import DataError

from .conftest import ROOT

CAL = "seasons/2003-04/calgary.yaml"
STOP = "seasons/2003-04/calgary/"
# pages listing every stop, and season pages showing only podiums and standings
NO_TIMES = ("", "leaders/", "skaters/", "nations/", "api/search.json",
            "seasons/2003-04/", "seasons/2003-04/standings/")

# One edit of calgary.yaml each: (old text, new text); old is replaced once.
# The real races list podiums only; pages show full results (times, notes) from 4 finishers.
# (a race listing a fourth place says its classification is full, after its results)
FOURTH_1500 = ("{place: 3, skater: apolo-anton-ohno}\n",
               "{place: 3, skater: apolo-anton-ohno}\n      - {place: 4, skater: song-suk-woo}\n"
               "    classification: full\n")
FOURTH_500 = ("{place: 3, skater: li-ye}\n",
              "{place: 3, skater: li-ye}\n      - {place: 4, skater: li-jiajun}\n"
              "    classification: full\n")
ADD_TIME = ("{place: 1, skater: lee-seung-jae}",  # the men's 1500m winner
            '{place: 1, skater: lee-seung-jae, time: "2:20.123"}')
CHANGE_TIME = ('time: "2:20.123"', 'time: "2:19.987"')
ADD_NOTE = ("{place: 3, skater: li-ye}",  # third in the men's 500m
            '{place: 3, skater: li-ye, note: "advanced after a penalty"}')
ADD_RINK = ("nation: CAN\n", "nation: CAN\nrink: Olympic Oval\n")
STOP_CORRECTION = ("races:\n", 'corrections:\n  - "The rink was renamed in 2004."\nraces:\n')
RACE_CORRECTION = ("labels this race '5000m relay'", "labels this race '5000 m relay'")
CITY = ("city: Calgary\n", "city: Calgary Alberta\n")  # new venue slug: calgary-alberta
CITY_CASE = ("city: Calgary\n", "city: CALGARY\n")  # same venue slug
# venues.yaml writes a stop's city as pages show it (a stop file's spelling is looked up there)
VENUE_CITY = ("{slug: calgary, city: Calgary,", "{slug: calgary, city: CALGARY,")
DATE = ("date: 2003-10-17", "date: 2003-10-16")  # the stop's first day
PODIUM = ("{place: 1, skater: byun-chun-sa}\n      - {place: 2, skater: wang-meng}\n"
          "      - {place: 3, skater: evgenia-radanova}",  # women's 1500m: KOR and BUL swap
          "{place: 1, skater: evgenia-radanova}\n      - {place: 2, skater: wang-meng}\n"
          "      - {place: 3, skater: byun-chun-sa}")
TIE = ("{place: 3, skater: evgenia-radanova}", "{place: 2, skater: evgenia-radanova}")


def snapshot(root: Path, with_stat: bool = False) -> dict[str, Any]:
    """Every file under root (the .site-gen state included): bytes, or (bytes, inode, mtime)."""
    out: dict[str, Any] = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            rel = path.relative_to(root).as_posix()
            if with_stat:
                st = path.stat()
                out[rel] = (path.read_bytes(), st.st_ino, st.st_mtime_ns)
            else:
                out[rel] = path.read_bytes()
    return out


def nation_pages(paths: list[str]) -> list[str]:
    return [p for p in paths if re.fullmatch(r"nations/[a-z]+/", p)]


class Workspace:
    """A copy of content/ built into tmp/public, with helpers to edit, rebuild and compare."""

    def __init__(self, content: Path, tmp: Path) -> None:
        self.content, self.tmp = content, tmp
        self.out = tmp / "public"
        self.spare = tmp / ".public.spare"
        self.cleans = 0

    def edit(self, change: tuple[str, str], rel: str = CAL) -> None:
        path = self.content / rel
        text = path.read_text(encoding="utf-8")
        old, new = change
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def build(self, **kwargs: Any) -> BuildReport:
        return build_site(self.content, self.out, jobs=1, **kwargs)

    def clean(self, **kwargs: Any) -> dict[str, Any]:
        """Snapshot of a build of the same content into a fresh folder."""
        self.cleans += 1
        folder = self.tmp / f"clean-{self.cleans}"
        build_site(self.content, folder, jobs=1, **kwargs)
        return snapshot(folder)

    def page(self, path: str) -> str:
        rel = path + "index.html" if path == "" or path.endswith("/") else path
        return (self.out / rel).read_text(encoding="utf-8")


@pytest.fixture
def ws(make_site, tmp_path: Path) -> Workspace:
    """The real content, built once into tmp/public."""
    w = Workspace(make_site(), tmp_path)
    w.build()
    return w


def link_tree_spy(monkeypatch: pytest.MonkeyPatch, allowed: bool) -> list[Path]:
    """Record calls of write._link_tree (the whole-output `cp -al`); raise unless allowed."""
    calls: list[Path] = []
    real = site_gen.engine.output_folder._link_tree

    def spy(src: Path, dst: Path) -> bool:
        calls.append(src)
        if not allowed:
            raise AssertionError(f"_link_tree({src}) called: the spare was not used")
        return real(src, dst)

    monkeypatch.setattr(site_gen.engine.output_folder, "_link_tree", spy)
    return calls


# a. times and notes ---------------------------------------------------------------------------

@pytest.mark.parametrize("change, skater, dist, shown", [
    (ADD_TIME, "lee-seung-jae", "men/1500m", "2:20.123"),
    (ADD_NOTE, "li-ye", "men/500m", "advanced after a penalty"),
], ids=["time", "note"])
def test_time_or_note_edit_rerenders_only_pages_showing_times(
        ws: Workspace, change: tuple[str, str], skater: str, dist: str, shown: str) -> None:
    """A result's time or note re-renders its stop, distance, skater, API and results.csv,
    never the pages listing every stop nor the season's podium and standings pages."""
    ws.edit(FOURTH_1500)
    ws.edit(FOURTH_500)
    ws.build()
    ws.edit(change)
    rendered = ws.build().rendered_paths
    for path in (STOP, f"seasons/2003-04/{dist}/", f"skaters/{skater}/",
                 f"api/skaters/{skater}.json", "seasons/2003-04/results.csv"):
        assert path in rendered
    for path in NO_TIMES:
        assert path not in rendered
    assert nation_pages(rendered) == []
    assert "seasons/2003-04/bormio/" not in rendered  # another stop
    assert "skaters/ahn-hyun-soo/" not in rendered  # in the same race, own result unchanged
    assert shown in ws.page(STOP)
    assert shown in ws.page(f"seasons/2003-04/{dist}/")
    if change is ADD_TIME:
        assert shown in ws.page(f"skaters/{skater}/")
        assert shown in ws.page(f"api/skaters/{skater}.json")
        assert shown in ws.page("seasons/2003-04/results.csv")


def test_changing_an_existing_time_rerenders_only_pages_showing_times(ws: Workspace) -> None:
    """Changing a time already there is as narrow as adding one."""
    ws.edit(FOURTH_1500)
    ws.edit(ADD_TIME)
    ws.build()
    ws.edit(CHANGE_TIME)
    rendered = ws.build().rendered_paths
    assert {STOP, "seasons/2003-04/men/1500m/", "skaters/lee-seung-jae/",
            "api/skaters/lee-seung-jae.json", "seasons/2003-04/results.csv"} <= set(rendered)
    assert not set(NO_TIMES) & set(rendered)
    assert nation_pages(rendered) == []
    assert "2:19.987" in ws.page("api/skaters/lee-seung-jae.json")
    assert "2:19.987" in ws.page(STOP)
    assert "2:20.123" not in ws.page(STOP)


# b. rinks -------------------------------------------------------------------------------------

def test_rink_edit_rerenders_stop_and_search_index_only(ws: Workspace) -> None:
    """The rink shows on the stop's page and in the search index, not on pages listing
    every stop."""
    ws.edit(ADD_RINK)
    rendered = ws.build().rendered_paths
    assert STOP in rendered
    assert "api/search.json" in rendered
    for path in ("", "leaders/", "skaters/", "nations/", "venues/", "venues/calgary/",
                 "seasons/2003-04/", "seasons/2003-04/standings/", "seasons/2003-04/bormio/"):
        assert path not in rendered  # nor the season's pages, which show no rinks
    assert nation_pages(rendered) == []
    assert "Olympic Oval" in ws.page(STOP)
    assert "olympic oval" in ws.page("api/search.json")  # folded words


def test_stop_correction_rerenders_its_stop_not_pages_listing_every_stop(ws: Workspace) -> None:
    """A stop's own corrections show only on its page."""
    ws.edit(STOP_CORRECTION)
    rendered = ws.build().rendered_paths
    assert STOP in rendered
    assert "The rink was renamed in 2004." in ws.page(STOP)
    for path in ("", "leaders/", "skaters/", "nations/", "venues/calgary/", "api/search.json",
                 "head-to-head/", "seasons/2003-04/", "seasons/2003-04/bormio/"):
        assert path not in rendered
    assert nation_pages(rendered) == []


# c. podiums -----------------------------------------------------------------------------------

@pytest.mark.parametrize("change, nations", [
    (PODIUM, ("kor", "bul")),
    (TIE, ("bul",)),  # third becomes a tie for second: same order of results
], ids=["swap", "tie"])
def test_podium_change_rerenders_home_leaders_and_nation_pages(
        ws: Workspace, change: tuple[str, str], nations: tuple[str, ...]) -> None:
    """Podium counts show on home, leaders and the nation pages of the nations involved."""
    pages = ("leaders/", *(f"nations/{code}/" for code in nations))
    before = {p: ws.page(p) for p in pages}
    ws.edit(change)
    rendered = ws.build().rendered_paths
    for path in ("", "nations/", *pages, STOP, "seasons/2003-04/", "seasons/2003-04/leaders/",
                 "skaters/evgenia-radanova/"):
        assert path in rendered
    for path, text in before.items():
        assert ws.page(path) != text, path


# d. incremental == clean ----------------------------------------------------------------------

@pytest.mark.slow
def test_every_edit_leaves_output_identical_to_a_clean_build(
        ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """After each edit of a sequence, the incremental output (manifest included) is
    byte-identical to a clean build of the same content; the spare does the staging."""
    season = "seasons/2003-04/season.yaml"
    steps: list[tuple[str, str, tuple[str, str], dict[str, Any]]] = [
        ("fourth finishers", CAL, FOURTH_1500, {}),
        ("fourth finishers", CAL, FOURTH_500, {}),
        ("time", CAL, ADD_TIME, {}),
        ("time changed", CAL, CHANGE_TIME, {}),
        ("relay time", CAL, ("{place: 1, team: CHN}", '{place: 1, team: CHN, time: "7:01.5"}'),
         {}),
        ("note", CAL, ADD_NOTE, {}),
        ("status", CAL, ("{place: 4, skater: song-suk-woo}\n",
                         "{place: 4, skater: song-suk-woo}\n"
                         "      - {skater: charles-hamelin, status: DQ}\n"), {}),
        ("rink", CAL, ADD_RINK, {}),
        ("race correction", CAL, RACE_CORRECTION, {}),
        ("stop correction", CAL, STOP_CORRECTION, {}),
        ("city, same venue", CAL, CITY_CASE, {}),
        ("city", CAL, ("city: CALGARY\n", "city: Calgary Alberta\n"), {"allow_removal": True}),
        ("date", CAL, DATE, {}),
        ("place", CAL, PODIUM, {}),
        ("standings", season, ("{place: 1, skater: li-jiajun}\n        - {place: 2, skater: "
                               "ahn-hyun-soo}", "{place: 1, skater: ahn-hyun-soo}\n        - "
                               "{place: 2, skater: li-jiajun}"), {}),
        ("intro", "seasons/2003-04/intro.md", ("ended on\n", "ended, after six stops, on\n"),
         {}),
    ]
    calls = link_tree_spy(monkeypatch, allowed=True)
    # a build that changes more than a quarter of the files keeps no spare (a fresh one costs
    # less): a city's new name is on every skater page of its season (the placings chart's
    # axis), so the next build links the output anew
    big: list[str] = []  # steps after a build that kept no spare
    kept = True
    for i, (name, rel, change, kwargs) in enumerate(steps):
        if i == 1:
            linked = len(calls)  # the first rebuild may have had no spare to claim
        elif i > 1 and not kept:
            big.append(name)
        ws.edit(change, rel)
        report = ws.build(**kwargs)
        kept = report.written + report.removed <= report.pages // 4
        assert report.rendered_paths, name
        incremental = snapshot(ws.out)
        clean = ws.clean(**kwargs)
        assert sorted(incremental) == sorted(clean), name
        differing = [rel for rel in clean if incremental[rel] != clean[rel]]
        assert differing == [], f"after the {name} edit"
    assert len(calls) == linked + len(big)  # later rebuilds claim the spare they were left
    assert "date" in big and set(big) <= {"city", "date"}  # only after renames of Calgary
    assert "Olympic Oval" in ws.page("seasons/2003-04/calgary/")
    assert "7:01.5" in ws.page("nations/chn/relays.csv")
    assert not (ws.out / "venues/calgary").exists()
    assert (ws.out / "venues/calgary-alberta/index.html").is_file()


def test_a_podium_moving_between_individual_races_and_relays_updates_the_card(
        ws: Workspace) -> None:
    """Ahn's card, share image and oEmbed show individual and relay podiums apart: an edit that
    moves a third place from his relays to his races and a second the other way (the same
    podiums in all) re-renders them, and the output equals a clean build."""
    kor = ("{place: 3, team: KOR}", "{place: 3, team: KOR, members: [ahn-hyun-soo, "
           "lee-seung-jae, song-suk-woo, kim-hyun-kon]}")
    ws.edit(kor)
    ws.build()
    ws.edit(("{place: 2, team: ITA}\n      - {place: 3, team: KOR, members",
             "{place: 3, team: ITA}\n      - {place: 2, team: KOR, members"))
    ws.edit(("{place: 2, skater: ahn-hyun-soo}\n      - {place: 3, skater: apolo-anton-ohno}",
             "{place: 3, skater: ahn-hyun-soo}\n      - {place: 2, skater: apolo-anton-ohno}"))
    report = ws.build()
    for path in ("skaters/ahn-hyun-soo/card/", "skaters/ahn-hyun-soo/share.png",
                 "skaters/ahn-hyun-soo/oembed.json"):
        assert path in report.rendered_paths, path
    clean = ws.clean()
    assert [rel for rel, data in snapshot(ws.out).items() if clean.get(rel) != data] == []


def test_a_result_moving_to_another_season_updates_the_card(make_site, tmp_path: Path) -> None:
    """A card's description names the seasons raced: a result moved to another season (the
    same podiums in all) re-renders it, and the output equals a clean build."""
    stop = ("city: Montreal\nnation: CAN\nraces:\n  - date: 2004-10-22\n    category: men\n"
            "    distance: 500m\n    results:\n      - {place: 1, skater: li-jiajun}\n"
            "      - {place: 2, skater: li-ye}\n      - {place: 3, skater: song-suk-woo}\n")
    ws = Workspace(make_site({
        "skaters.yaml": (ROOT / "content/skaters.yaml").read_text(encoding="utf-8")
        + "- slug: new-kid\n  name: New Kid\n  nation: CHN\n  gender: men\n",
        "seasons/2004-05/season.yaml": "title: 2004–05 World Cup\n",
        "seasons/2004-05/montreal.yaml": stop}), tmp_path)
    ws.edit(("{place: 3, skater: li-ye}", "{place: 3, skater: new-kid}"))
    ws.build(allow_removal=True)
    assert "2003–04." in ws.page("skaters/new-kid/card/")
    ws.edit(("{place: 3, skater: new-kid}", "{place: 3, skater: li-ye}"))
    ws.edit(("{place: 3, skater: song-suk-woo}", "{place: 3, skater: new-kid}"),
            "seasons/2004-05/montreal.yaml")
    report = ws.build(allow_removal=True)
    assert "skaters/new-kid/card/" in report.rendered_paths
    assert "2004–05." in ws.page("skaters/new-kid/card/")
    clean = ws.clean(allow_removal=True)
    assert [rel for rel, data in snapshot(ws.out).items() if clean.get(rel) != data] == []


def test_a_static_file_edit_is_counted_as_written(ws: Workspace, tmp_path: Path) -> None:
    """An edited stylesheet is a copied file in the build's report (serve reloads on it)."""
    static = shutil.copytree(ROOT / "static", tmp_path / "static")
    ws.build(static=static)
    css = static / "site.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n.x { color: red; }\n", encoding="utf-8")
    report = ws.build(static=static)
    assert (report.rendered, report.written, report.statics) == (0, 0, 1)
    assert report.summary().endswith(f"0 rendered, 1 static copied in {report.seconds:.2f} s")
    assert ".x{color:red}" in (ws.out / "static/site.css").read_text(encoding="utf-8")


def test_a_second_stop_in_a_city_relabels_the_first_everywhere(ws: Workspace) -> None:
    """A new file beijing-2.yaml makes the existing Beijing stop 'Beijing (1)': every page
    naming it (its skaters' result tables, charts and feeds) follows, as a clean build does."""
    first = (ws.content / "seasons/2003-04/beijing.yaml").read_text(encoding="utf-8")
    (ws.content / "seasons/2003-04/beijing-2.yaml").write_text(
        first.replace("2003-12-0", "2004-01-1"), encoding="utf-8")
    report = ws.build()
    assert "skaters/ahn-hyun-soo/" in report.rendered_paths
    assert ">Beijing (1)</a>" in ws.page("skaters/ahn-hyun-soo/")
    incremental, clean = snapshot(ws.out), ws.clean()
    assert [rel for rel in clean if incremental.get(rel) != clean[rel]] == []


def test_race_correction_rerenders_season_pages_not_pages_listing_every_stop(
        ws: Workspace) -> None:
    """A race correction shows on the stop, season and distance pages only."""
    ws.edit(RACE_CORRECTION)
    rendered = ws.build().rendered_paths
    for path in (STOP, "seasons/2003-04/", "seasons/2003-04/women/3000m-relay/"):
        assert path in rendered
        assert "5000 m relay" in ws.page(path)
    for path in ("", "leaders/", "skaters/", "nations/", "api/search.json"):
        assert path not in rendered
    assert nation_pages(rendered) == []


# e. cities ------------------------------------------------------------------------------------

@pytest.mark.parametrize("rel, change, shown, kwargs", [
    ("venues.yaml", VENUE_CITY, "CALGARY", {}),
    (CAL, CITY, "Calgary Alberta", {"allow_removal": True}),  # venues/calgary/ goes away
], ids=["same-venue", "new-venue"])
def test_city_change_rerenders_head_to_head(ws: Workspace, rel: str, change: tuple[str, str],
                                            shown: str, kwargs: dict[str, Any]) -> None:
    """The head-to-head page embeds every stop's city (and so do pages listing every stop)."""
    ws.edit(change, rel)
    rendered = ws.build(**kwargs).rendered_paths
    assert "head-to-head/" in rendered
    assert shown in ws.page("head-to-head/")
    for path in ("", "venues/", "nations/can/", "feed.xml", "api/search.json"):
        assert path in rendered
    assert "search/" not in rendered  # depends on nothing but its template


# f. the spare output folder -------------------------------------------------------------------

def test_spare_folder_is_used_and_keeps_untouched_files(
        ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """After an edited rebuild the old generation is kept as .public.spare; the next rebuild
    claims it instead of hard-linking the whole output, gives the clean output, and leaves
    every file whose bytes did not change with its inode and mtime."""
    first = snapshot(ws.out, with_stat=True)
    ws.edit(ADD_TIME)
    second_report = ws.build()
    second = snapshot(ws.out, with_stat=True)
    assert ws.spare.is_dir()
    assert not (ws.out / site_gen.engine.output_folder.DELTA).exists()
    calls = link_tree_spy(monkeypatch, allowed=False)
    ws.edit(ADD_NOTE)
    third_report = ws.build()
    assert calls == []
    assert ws.spare.is_dir()  # the second generation, ready for the next build
    assert not (ws.out / site_gen.engine.output_folder.DELTA).exists()
    assert snapshot(ws.out) == ws.clean()
    third = snapshot(ws.out, with_stat=True)
    assert sorted(third) == sorted(second) == sorted(first)
    for before, after in ((first, second), (second, third), (first, third)):
        kept = [rel for rel, (data, _, _) in after.items() if before[rel][0] == data]
        assert len(kept) > len(after) * 3 // 4
        for rel in kept:
            assert after[rel][1:] == before[rel][1:], rel  # same inode, same mtime
    # the second build's pages, untouched by the third, come from the output, not the spare
    assert second["skaters/lee-seung-jae/index.html"][0] != first[
        "skaters/lee-seung-jae/index.html"][0]
    assert third["skaters/lee-seung-jae/index.html"] == second["skaters/lee-seung-jae/index.html"]
    touched = {p for r in (second_report, third_report) for p in r.rendered_paths}
    for path in ("", "leaders/", "nations/kor/", "skaters/charles-hamelin/", "api/search.json"):
        assert path not in touched
        rel = path + "index.html" if path == "" or path.endswith("/") else path
        assert third[rel] == first[rel], rel


def assert_spare_not_used(ws: Workspace) -> None:
    """The next build after an edit ignores the spare (a stray file in it stays out of the
    site) and gives what a clean build gives."""
    (ws.spare / "stray.html").write_text("from the spare", encoding="utf-8")
    ws.edit(ADD_NOTE)
    ws.build()
    assert not (ws.out / "stray.html").exists()
    assert snapshot(ws.out) == ws.clean()


@pytest.mark.parametrize("spoil", ["wrong-for", "no-delta"])
def test_spare_that_does_not_follow_the_output_is_not_used(ws: Workspace, spoil: str) -> None:
    """A spare whose delta.json is missing or names another output is thrown away (a stray
    file in it never reaches the site): the build still gives exactly the clean output."""
    ws.edit(ADD_TIME)
    ws.build()
    delta = ws.spare / site_gen.engine.output_folder.DELTA
    if spoil == "wrong-for":
        info = json.loads(delta.read_text(encoding="utf-8"))
        info["for"] = "0" * 32
        delta.write_text(json.dumps(info), encoding="utf-8")
    else:
        delta.unlink()
    assert_spare_not_used(ws)


def test_spare_two_generations_old_is_not_used(ws: Workspace) -> None:
    """A spare left from an older output (its delta.json names that output) would miss the
    last build's changes: it is thrown away and the output equals a clean build."""
    ws.edit(ADD_TIME)
    ws.build()
    old = ws.tmp / "old-spare"
    shutil.copytree(ws.spare, old, symlinks=True)
    ws.edit(PODIUM)  # changes the stop, its distance pages, home, leaders, nations...
    ws.build()
    if ws.spare.exists():
        shutil.rmtree(ws.spare)
    old.rename(ws.spare)  # the spare of the output before this one
    assert_spare_not_used(ws)


def test_spare_files_changed_since_are_relinked_from_the_output(ws: Workspace) -> None:
    """The spare is one generation old: files the last build changed come from the output
    (a spoiled copy of one in the spare does not reach the site)."""
    ws.edit(ADD_TIME)
    ws.build()
    # a file the last build changed: the claim re-links it from the output
    (ws.spare / "seasons/2003-04/calgary/index.html").write_bytes(b"stale")
    ws.edit(ADD_NOTE)
    ws.build()
    assert snapshot(ws.out) == ws.clean()


# h. failed builds -----------------------------------------------------------------------------

def test_failed_build_leaves_output_and_spare_untouched(
        ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """A DataError leaves every byte and mtime of the output as it was; the next good build
    still uses the spare and equals a clean build."""
    ws.edit(ADD_TIME)
    ws.build()
    before = snapshot(ws.out, with_stat=True)
    spare_before = snapshot(ws.spare, with_stat=True)
    good = (ws.content / CAL).read_text(encoding="utf-8")
    ws.edit(("city: Calgary\n", "city: [Calgary\n"))  # broken YAML
    with pytest.raises(DataError):
        ws.build()
    assert snapshot(ws.out, with_stat=True) == before
    assert snapshot(ws.spare, with_stat=True) == spare_before
    leftovers = {p.name for p in ws.tmp.iterdir() if p.name.startswith(".public")}
    assert leftovers == {".public.cache", ".public.spare", ".public.lock"}
    (ws.content / CAL).write_text(good, encoding="utf-8")
    calls = link_tree_spy(monkeypatch, allowed=False)
    ws.edit(ADD_NOTE)
    report = ws.build()
    assert calls == []
    assert STOP in report.rendered_paths
    assert snapshot(ws.out) == ws.clean()


def test_output_files_are_world_readable_after_spare_rebuilds(ws: Workspace) -> None:
    """The claimed spare is published with the same permissions as a fresh output."""
    for change in (ADD_TIME, ADD_NOTE, ADD_RINK):
        ws.edit(change)
        ws.build()
    assert ws.out.stat().st_mode & 0o755 == 0o755
    unreadable = [p for p in ws.out.rglob("*") if p.stat().st_mode & 0o444 != 0o444]
    assert unreadable == []


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_spare_stays_out_of_version_control_and_off_the_site(ws: Workspace) -> None:
    """--out inside a git repository (a site published from docs/, say): the spare beside it
    carries a .gitignore of its own, which never reaches the published output."""
    subprocess.run(["git", "init", "-q", str(ws.tmp)], check=True)
    ws.edit(ADD_TIME)
    ws.build()
    assert ws.spare.is_dir()
    ws.edit(ADD_NOTE)
    ws.build()  # claims the spare, keeps the previous output as the new one
    assert (ws.spare / ".gitignore").is_file()
    assert not (ws.out / ".gitignore").exists()
    status = subprocess.run(["git", "-C", str(ws.tmp), "status", "--porcelain",
                             "--untracked-files=all", "--ignored=no"],
                            capture_output=True, text=True, check=True).stdout
    assert ".public.spare" not in status
    assert "public/index.html" in status  # the output itself is not ignored
