"""What a data maintainer reads from ``build`` and ``check``: lost published URLs grouped by
what was removed, and the lints for slips a season's data entry makes (dates of name changes,
podium times out of order, registry entries nobody raced as), each at its file:line:col."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from site_gen.published import MANIFEST, read_manifest

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
