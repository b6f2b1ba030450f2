"""Output folder: atomic publication, stale page removal, incremental rebuilds."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from site_gen.engine.build import build_site
from site_gen.engine.output_folder import OutputError
from site_gen.errors import DataError

CAL = "seasons/2003-04/calgary.yaml"


def snapshot(root: Path, with_mtime: bool = False) -> dict[str, object]:
    out: dict[str, object] = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            rel = path.relative_to(root).as_posix()
            out[rel] = (path.read_bytes(), path.stat().st_mtime_ns) if with_mtime \
                else path.read_bytes()
    return out


def site_files(root: Path) -> dict[str, object]:
    return {k: v for k, v in snapshot(root).items() if not k.startswith(".site-gen/")}


def test_data_error_leaves_previous_site_untouched(make_site, tmp_path: Path) -> None:
    content = make_site()
    out = tmp_path / "public"
    build_site(content, out, jobs=1)
    before = snapshot(out, with_mtime=True)
    (content / CAL).write_text((content / CAL).read_text().replace("1500m", "700m", 1))
    with pytest.raises(DataError):
        build_site(content, out, jobs=1)
    assert snapshot(out, with_mtime=True) == before
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".public")]
    # beside the output live the load cache, the spare generation and the lock, nothing else
    assert set(leftovers) <= {".public.cache", ".public.spare", ".public.lock"}


def test_output_is_world_readable(make_site, tmp_path: Path) -> None:
    out = tmp_path / "public"
    build_site(make_site(), out, jobs=1)
    assert out.stat().st_mode & 0o755 == 0o755


def test_removed_skater_page_disappears(make_site, tmp_path: Path) -> None:
    content = make_site()
    out = tmp_path / "public"
    build_site(content, out, jobs=1)
    assert (out / "skaters/li-ye/index.html").exists()
    cal = (content / CAL).read_text().replace("skater: li-ye}", "skater: steve-robillard}")
    (content / CAL).write_text(cal)
    registry = (content / "skaters.yaml").read_text()
    start = registry.index("- slug: li-ye\n")
    end = registry.index("\n- slug:", start + 1)
    (content / "skaters.yaml").write_text(registry[:start] + registry[end + 1:])
    build_site(content, out, jobs=1, allow_removal=True)
    assert not (out / "skaters/li-ye").exists()
    assert not (out / "api/skaters/li-ye.json").exists()


def test_no_change_rebuild_renders_nothing(make_site, tmp_path: Path) -> None:
    content = make_site()
    out = tmp_path / "public"
    first = build_site(content, out, jobs=1)
    assert first.rendered == first.pages
    before = snapshot(out, with_mtime=True)
    again = build_site(content, out, jobs=1)
    assert again.rendered == 0 and again.written == 0
    assert snapshot(out, with_mtime=True) == before


def test_one_stop_edit_rerenders_only_its_pages(make_site, tmp_path: Path) -> None:
    content = make_site()
    out = tmp_path / "public"
    build_site(content, out, jobs=1)
    untouched = out / "skaters/charles-hamelin/index.html"  # races only in Bormio
    mtime = untouched.stat().st_mtime_ns
    cal = (content / CAL).read_text()
    (content / CAL).write_text(cal.replace("{place: 3, skater: apolo-anton-ohno}",
                                           "{place: 3, skater: rusty-smith}", 1))
    report = build_site(content, out, jobs=1)
    assert "seasons/2003-04/calgary/" in report.rendered_paths
    assert "skaters/rusty-smith/" in report.rendered_paths  # now third
    assert "skaters/apolo-anton-ohno/" in report.rendered_paths  # no longer third
    assert "skaters/ahn-hyun-soo/" not in report.rendered_paths  # in the race, result unchanged
    assert "skaters/charles-hamelin/" not in report.rendered_paths
    assert untouched.stat().st_mtime_ns == mtime
    assert "rusty-smith" in (out / "api/skaters/rusty-smith.json").read_text()
    assert "calgary" in (out / "api/skaters/rusty-smith.json").read_text()


def test_template_edit_rerenders_only_its_pages(make_site, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(Path(__file__).resolve().parent.parent / "templates", templates)
    content = make_site()
    out = tmp_path / "public"
    build_site(content, out, jobs=1, templates=templates)
    venue = templates / "venue.html"
    venue.write_text(venue.read_text().replace("<h1>", "<h1 class=\"edited\">", 1))
    report = build_site(content, out, jobs=1, templates=templates)
    assert sorted(report.rendered_paths) == sorted(
        f"venues/{p.name}/" for p in (out / "venues").iterdir() if p.is_dir())
    assert 'class="edited"' in (out / "venues/calgary/index.html").read_text()


def replace_in(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in the file; fails if it is not there (an edit that
    silently did nothing would test nothing)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name}: {old!r} not found"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_incremental_equals_clean_build_after_edits(make_site, tmp_path: Path) -> None:
    content = make_site()
    out = tmp_path / "incremental"
    build_site(content, out, jobs=1)
    cal, registry = content / CAL, content / "skaters.yaml"
    edits = [  # (file, old, new, a file of the output that must change)
        (cal, "{place: 3, skater: apolo-anton-ohno}", "{place: 3, skater: rusty-smith}",
         "api/skaters/rusty-smith.json"),  # change a result
        (cal, "      - {place: 3, team: KOR}\n", "", "seasons/2003-04/calgary/index.html"),
        (cal, "date: 2003-10-17", "date: 2003-10-16", "seasons/2003-04/index.html"),
        (cal, "distance: 1500m\n    results", "distance: 1500m\n    number: 1\n    results",
         "seasons/2003-04/men/1500m/index.html"),  # a second men's 1500 m at the stop
        (registry, "name: Li Ye\n", "name: Li Ye Jr\n", "skaters/li-ye/index.html"),
    ]
    for i, (path, old, new, changed) in enumerate(edits):
        before = (out / changed).read_bytes()
        replace_in(path, old, new)
        if i == 3:  # the second 1500 m: a race after the last one, before the file's last key
            replace_in(cal, "\n# what the results cover",
                       "  - date: 2003-10-19\n    category: men\n    distance: 1500m\n"
                       "    number: 2\n    results:\n      - {place: 1, skater: li-ye}\n"
                       "\n# what the results cover")
        report = build_site(content, out, jobs=1)
        assert 0 < report.rendered < report.pages, (old, report.rendered)  # incremental
        assert (out / changed).read_bytes() != before, (old, changed)
        clean = tmp_path / f"clean-{i}"
        build_site(content, clean, jobs=1)
        assert site_files(out) == site_files(clean), f"after replacing {old!r}"
    assert "Li Ye Jr" in (out / "skaters/li-ye/index.html").read_text()
    season = json.loads((out / "api/seasons/2003-04.json").read_text(encoding="utf-8"))
    (calgary,) = [c for c in season["competitions"] if c["slug"] == "calgary"]
    assert [(r["number"], r["date"], r["results"][0]["name"]) for r in calgary["races"]
            if (r["category"], r["distance"]) == ("men", "1500m")] == [
        (1, "2003-10-16", "Lee Seung-jae"), (2, "2003-10-19", "Li Ye Jr")]


def test_refuses_to_replace_a_file_with_the_site(tmp_path: Path, make_site) -> None:
    out = tmp_path / "public"
    out.write_text("not a folder")
    with pytest.raises(OutputError, match="exists and is not a folder"):
        build_site(make_site(), out, jobs=1)
    assert out.read_text() == "not a folder"
    assert set(os.listdir(tmp_path)) - {".public.cache", ".public.lock"} == {"public", "content"}
