"""Identity hints and ``import --same-as NEW=OLD`` (issue 17, part 3)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from site_gen.importer.identity import resembles
from tests.test_import import ROOT, run
from tests.test_import_merge import HEAD, write

CONTENT = ROOT / "content"


def article(season: str, year: int, men: str, women: str) -> str:
    title = f"{season[:4]}–{season[5:]}"
    day = f"21 October {year}"
    return HEAD.format(title=title, dates=f"{day} – {day}") + f"""\
    |{day}|CAN Saguenay|1500m|{men}|

    === Women ===

    | Date | Place | Distance | Winner | Second | Third |
    |{day}|CAN Saguenay|500m|{women}|
    """


# Ahn Hyun-soo is Viktor Ahn (RUS) from 2011-12 in the registry; Li Jiajun is matched as he is
AN = article("2011-12", 2011, "RUS Victor AN|CHN Li Jiajun|CAN Charles HAMELIN",
             "CAN Kristen Santos|CAN Courtney Lee Sarault|KOR CHOI Eun Kyung")
# a married name, a dropped middle name, and Charles Hamelin under another nation
MARRIED = article("2018-19", 2018, "USA Charles HAMELIN|CHN Li Jiajun|RUS Semen Elistratov",
                  "CAN Kristen Santos-Griswold|CAN Courtney SARAULT|KOR Choi Eun-kyung")


def content_copy(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    return content


def skaters(content: Path) -> dict[str, dict[str, object]]:
    entries = yaml.safe_load((content / "skaters.yaml").read_text(encoding="utf-8"))
    return {e["slug"]: e for e in entries}


def results(stop: Path) -> list[dict[str, object]]:
    races = yaml.safe_load(stop.read_text(encoding="utf-8"))["races"]
    return [r for race in races for r in race["results"]]


@pytest.mark.parametrize(("new", "old", "alike"), [
    ("Victor An", "Viktor Ahn", True),
    ("Courtney Lee Sarault", "Courtney Sarault", True),
    ("Kristen Santos", "Kristen Santos-Griswold", True),
    ("Kristen Santos-Griswold", "Kristen Santos", True),
    ("Kim Min-jung", "Kim Min-ji", False),
    ("Li Ye", "Li Jiajun", False),
    ("An", "Ahn Hyun-soo", False),  # one word is too little to go by
])
def test_names_that_resemble(new: str, old: str, alike: bool) -> None:
    assert resembles(new, old) is alike


def check_clean(content: Path, cwd: Path) -> None:
    checked = run("check", "--content", str(content), cwd=cwd)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_renamed_skater_is_pointed_out_and_same_as_merges_him(tmp_path: Path) -> None:
    content = content_copy(tmp_path)
    path = write(tmp_path, "an.txt", AN)
    done = run("import", str(path), "--content", str(content), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    hint = next(line for line in done.stdout.splitlines() if line.startswith("victor-an "))
    assert "may be ahn-hyun-soo (Viktor Ahn, RUS)" in hint
    assert "`spellings:` item `- Victor An`" in hint
    command = re.search(r"run: site-gen import (.*)$", hint)
    assert command and command.group(1).endswith("--force --same-as victor-an=ahn-hyun-soo")
    assert not any(line.startswith("li-jiajun") for line in done.stdout.splitlines())
    assert "victor-an" in skaters(content)

    merged = run("import", *command.group(1).split(), cwd=tmp_path)
    assert merged.returncode == 0, merged.stderr
    registry = skaters(content)
    assert "victor-an" not in registry
    assert registry["ahn-hyun-soo"]["spellings"] == ["Victor An"]
    stop = content / "seasons" / "2011-12" / "saguenay.yaml"
    assert results(stop)[0] == {"place": 1, "skater": "ahn-hyun-soo"}
    check_clean(content, tmp_path)
    again = run("import", str(path), "--content", str(content), cwd=tmp_path)
    assert again.returncode == 0 and "victor-an" not in again.stdout  # the spelling matches


def test_married_and_shorter_names_and_a_new_nation_are_recorded_as_changes(
        tmp_path: Path) -> None:
    content = content_copy(tmp_path)
    first = run("import", str(write(tmp_path, "an.txt", AN)), "--content", str(content),
                cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    path = write(tmp_path, "married.txt", MARRIED)
    before = (content / "skaters.yaml").read_bytes()
    hinted = run("import", str(path), "--content", str(content), cwd=tmp_path)
    assert hinted.returncode == 0, hinted.stderr
    assert "kristen-santos-griswold (Kristen Santos-Griswold, CAN) may be kristen-santos " \
           "(Kristen Santos, CAN): if so, add `changes:` item `- {season: 2018-19, name: " \
           "Kristen Santos-Griswold}`" in hinted.stdout
    assert "courtney-sarault (Courtney Sarault, CAN) may be courtney-lee-sarault (Courtney " \
           "Lee Sarault, CAN): if so, add `changes:` item `- {season: 2018-19, name: " \
           "Courtney Sarault}`" in hinted.stdout
    assert "charles-hamelin-usa (Charles Hamelin, USA) may be charles-hamelin (Charles " \
           "Hamelin, CAN): if so, add `changes:` item `- {season: 2018-19, nation: USA}`" \
           in hinted.stdout
    assert "semen-elistratov" not in hinted.stdout.split("skaters.yaml:")[-1]  # no likeness

    (content / "skaters.yaml").write_bytes(before)  # as if the hinted import had not run
    shutil.rmtree(content / "seasons" / "2018-19")
    done = run("import", str(path), "--content", str(content),
               "--same-as", "kristen-santos-griswold=kristen-santos",
               "--same-as", "courtney-sarault=courtney-lee-sarault",
               "--same-as", "charles-hamelin-usa=charles-hamelin", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "may be" not in done.stdout
    registry = skaters(content)
    assert "kristen-santos-griswold" not in registry and "courtney-sarault" not in registry
    assert registry["kristen-santos"]["changes"] == [
        {"season": "2018-19", "name": "Kristen Santos-Griswold"}]
    assert registry["courtney-lee-sarault"]["changes"] == [
        {"season": "2018-19", "name": "Courtney Sarault"}]
    assert registry["charles-hamelin"]["changes"] == [{"season": "2018-19", "nation": "USA"}]
    listed = results(content / "seasons" / "2018-19" / "saguenay.yaml")
    assert listed[0] == {"place": 1, "skater": "charles-hamelin"}  # USA is his nation now
    assert listed[3:5] == [{"place": 1, "skater": "kristen-santos"},
                           {"place": 2, "skater": "courtney-lee-sarault"}]
    check_clean(content, tmp_path)


@pytest.mark.parametrize(("pair", "message"), [
    ("nobody=ahn-hyun-soo", "'nobody' is no skater this import adds or skaters.yaml has"),
    ("victor-an=nobody", "'nobody' is no skater of skaters.yaml"),
])
def test_a_wrong_same_as_is_an_error_and_nothing_is_written(tmp_path: Path, pair: str,
                                                            message: str) -> None:
    content = content_copy(tmp_path)
    before = {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}
    done = run("import", str(write(tmp_path, "an.txt", AN)), "--content", str(content),
               "--same-as", pair, cwd=tmp_path)
    assert done.returncode == 1
    assert f"--same-as {pair}: error: {message}" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert {p: p.read_bytes() for p in content.rglob("*") if p.is_file()} == before


def test_same_as_without_an_equals_sign_is_a_usage_error(tmp_path: Path) -> None:
    done = run("import", str(write(tmp_path, "an.txt", AN)), "--content",
               str(content_copy(tmp_path)), "--same-as", "victor-an", cwd=tmp_path)
    assert done.returncode == 2 and "expected NEW=OLD" in done.stderr
