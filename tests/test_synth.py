"""``synth``: deterministic synthetic content that loads cleanly and builds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from site_gen.cli import main
from site_gen.engine.build import build_site
from site_gen.errors import DataError
from site_gen.load.site_loader import collect_site, load_site
from site_gen.routing.routes import build_routes
from site_gen.synth import generate as synth
from site_gen.synth.generate import write_synthetic

from .conftest import ROOT
from .crawl import broken_links


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


@pytest.fixture(scope="module")
def two_seasons(tmp_path_factory: pytest.TempPathFactory) -> Path:
    content = tmp_path_factory.mktemp("synth") / "content"
    write_synthetic(content, seasons=2, seed=7)
    return content


def test_same_seed_same_bytes(two_seasons: Path, tmp_path: Path) -> None:
    assert main(["synth", "--seasons", "2", "--content", str(tmp_path / "c"), "--seed", "7"]) == 0
    assert _files(tmp_path / "c") == _files(two_seasons)


def test_different_seed_different_data(two_seasons: Path, tmp_path: Path) -> None:
    write_synthetic(tmp_path / "c", seasons=2, seed=8)
    other = _files(tmp_path / "c")
    assert other.keys() & _files(two_seasons).keys()
    assert other["skaters.yaml"] != _files(two_seasons)["skaters.yaml"]


def test_shape(two_seasons: Path) -> None:
    seasons = sorted(p.name for p in (two_seasons / "seasons").iterdir())
    assert seasons == ["2003-04", "2004-05"]
    for season in seasons:
        stops = [p for p in (two_seasons / "seasons" / season).glob("*.yaml")
                 if p.name != "season.yaml"]
        assert len(stops) == 8
    text = (two_seasons / "skaters.yaml").read_text(encoding="utf-8")
    assert text.count("- slug: ") == 800  # 400 new skaters a season


def test_stops_say_their_results_are_full(two_seasons: Path) -> None:
    """Every skater who started is listed: starts and head to head count from them."""
    from site_gen.load.site_loader import load_site

    site = load_site(two_seasons)
    races = [r for s in site.seasons for r in s.races]
    assert races and all(r.full for r in races)
    assert all(len(r.results) > 3 for r in races)


def test_rewrite_replaces_old_seasons(tmp_path: Path) -> None:
    write_synthetic(tmp_path, seasons=3, seed=1)
    write_synthetic(tmp_path, seasons=1, seed=1)
    assert [p.name for p in (tmp_path / "seasons").iterdir()] == ["2003-04"]


def test_refuses_a_folder_with_other_content(tmp_path: Path) -> None:
    (tmp_path / "nations.yaml").write_text("KOR: South Korea\n")
    with pytest.raises(DataError, match="refusing"):
        write_synthetic(tmp_path, seasons=1, seed=0)
    assert (tmp_path / "nations.yaml").read_text() == "KOR: South Korea\n"


def test_loads_without_problems(two_seasons: Path) -> None:
    site, out = collect_site(two_seasons)
    assert [p.format() for p in out.problems] == []
    assert site is not None
    assert len(site.seasons) == 2
    assert all(len(s.competitions) == 8 for s in site.seasons)
    race = site.seasons[0].competitions[0].races[0]
    assert [r.place for r in race.results if r.place][:3] == [1, 2, 3]
    assert all(slug in site.index.skater_results for slug in site.skaters)


def test_mixed_relay_and_changes(tmp_path: Path) -> None:
    """From 2019-20 on there is a mixed relay; a few skaters change name or nation."""
    write_synthetic(tmp_path, seasons=17, seed=3)
    for folder in sorted((tmp_path / "seasons").iterdir())[:-2]:  # load only the last two
        shutil.rmtree(folder)
    site, out = collect_site(tmp_path)
    assert site is not None and not out.problems
    assert [s.id for s in site.seasons] == ["2018-19", "2019-20"]
    assert not any(r.category == "mixed" for r in site.seasons[0].races)
    mixed = [r for r in site.seasons[1].races if r.category == "mixed"]
    assert len(mixed) == 8 and all(len(r.results[0].members) == 4 for r in mixed)
    assert any(sk.changes for sk in site.skaters.values())


@pytest.mark.slow
def test_synth_passes_check_with_its_changes_shown(tmp_path: Path) -> None:
    """`check` finds nothing: every name or nation change is shown by a result before and
    after it (none dated after a skater's last race), and every registry entry raced."""
    from site_gen.check.run import run_check

    write_synthetic(tmp_path, seasons=8, seed=0)
    assert [p.format() for p in run_check(tmp_path)] == []
    site = load_site(tmp_path)
    changed = [sk for sk in site.skaters.values() if sk.changes]
    assert len(changed) >= 3
    for sk in changed:
        seasons = {race.season for race, _ in site.index.skater_entries[sk.slug]}
        for stint in sk.names[1:]:
            assert min(seasons) < stint.season <= max(seasons), (sk.slug, stint, seasons)


def test_small_synth_builds_without_warnings(tmp_path: Path) -> None:
    write_synthetic(tmp_path / "content", seasons=1, seed=7)
    report = build_site(tmp_path / "content", tmp_path / "public", base_url="/")
    assert [p.format() for p in report.warnings] == []
    statics = sum(1 for p in (ROOT / "static").rglob("*") if p.is_file())
    assert report.written == report.pages > 0 and report.statics == statics
    assert (tmp_path / "public" / "seasons" / "2003-04" / "index.html").exists()
    slug = next(p.name for p in (tmp_path / "public" / "skaters").iterdir() if p.is_dir())
    assert (tmp_path / "public" / "skaters" / slug / "index.html").exists()


@pytest.mark.slow
def test_later_seasons_build_cleanly_with_every_link_resolving(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The features of later seasons (mixed relays with members, renamed skaters and their
    redirects) build without warnings, and every internal link of every page resolves."""
    monkeypatch.setattr(synth, "MIXED_FROM", synth.FIRST_YEAR + 1)  # two seasons suffice
    write_synthetic(tmp_path / "content", seasons=3, seed=5)  # five renamed skaters
    out = tmp_path / "public"
    report = build_site(tmp_path / "content", out, base_url="/", jobs=1)
    assert [p.format() for p in report.warnings] == []
    assert (out / "seasons" / "2004-05" / "mixed" / "2000m-relay" / "index.html").is_file()
    assert any(r.kind == "redirect" for r in build_routes(load_site(tmp_path / "content")))
    assert broken_links(out) == []
