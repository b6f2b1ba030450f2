"""Import that merges: venues and names the same whatever the order, the cause of an error
first, what a re-import would lose, and the backup --force keeps (issue 17)."""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml

from site_gen.importer.article_text import normalise_name, sort_name
from tests.test_import import ROOT, run

CONTENT = ROOT / "content"

HEAD = """\
    = {title} ISU Short Track Speed Skating World Cup =

    Infobox
    - Dates: {dates}

    ==Calendar==

    === Men ===

    | Date | Place | Distance | Winner | Second | Third |
    """

# Montréal with its accent; names in ISU capitals, a particle before them; a relay team KOREA
ISU = HEAD.format(title="2019–20", dates="1 November 2019 – 3 November 2019") + """\
    |1 November 2019|CAN Montréal|1500m|KOR HWANG Dae Heon|NED de LAAT Itzhak|RUS Semen ELISTRATOV|
    | 2 November 2019 | CAN Montréal | 5000m relay | KOR KOREA | CAN CANADA | NED Netherlands |

    === Women ===

    | Date | Place | Distance | Winner | Second | Third |
    |1 November 2019|CAN Montréal|500m|CAN Kim BOUTIN|ITA Arianna FONTANA|NED van KERKHOF Yara|
    """

# Montreal without it; the same skaters as usually written
USUAL = HEAD.format(title="2020–21", dates="6 November 2020 – 8 November 2020") + """\
    |6 November 2020|CAN Montreal|1500m|NED Itzhak de Laat|KOR Hwang Dae-heon|RUS Semen Elistratov|

    === Women ===

    | Date | Place | Distance | Winner | Second | Third |
    |6 November 2020|CAN Montreal|500m|ITA Arianna Fontana|NED Yara van Kerkhof|CAN Kim Boutin|
    """


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def imported(tmp_path: Path, order: tuple[str, ...]) -> Path:
    """A copy of content/ with the articles imported in ``order``; checked to build."""
    folder = tmp_path / "-".join(order)
    folder.mkdir()
    content = folder / "content"
    shutil.copytree(CONTENT, content)
    texts = {"isu": ISU, "usual": USUAL}
    for name in order:
        done = run("import", str(write(folder, f"{name}.txt", texts[name])), "--content",
                   str(content), cwd=folder)
        assert done.returncode == 0, done.stdout + done.stderr
    checked = run("check", "--content", str(content), cwd=folder)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    return content


def registry(content: Path, name: str) -> dict[str, dict[str, object]]:
    return {e["slug"]: e for e in yaml.safe_load((content / name).read_text(encoding="utf-8"))}


def test_either_order_gives_one_registry_one_venue_and_no_capitals(tmp_path: Path) -> None:
    first = imported(tmp_path, ("isu", "usual"))
    second = imported(tmp_path, ("usual", "isu"))
    for name in ("skaters.yaml", "venues.yaml"):
        assert registry(first, name) == registry(second, name)
    skaters = registry(first, "skaters.yaml")
    added = {s: e for s, e in skaters.items() if s not in registry(CONTENT, "skaters.yaml")}
    assert sorted(e["name"] for e in added.values()) == [
        "Arianna Fontana", "Hwang Dae-heon", "Itzhak de Laat", "Kim Boutin", "Semen Elistratov",
        "Yara van Kerkhof"]
    assert "itzhak-de-laat" in added and "de-laat-itzhak" not in skaters
    assert added["hwang-dae-heon"]["sort_name"] == "Hwang, Dae-heon"
    assert added["itzhak-de-laat"]["sort_name"] == "Laat, Itzhak de"
    montreal = registry(first, "venues.yaml")["montreal"]
    assert (montreal["city"], montreal["nation"]) == ("Montréal", "CAN")
    for content in (first, second):
        stops = sorted((content / "seasons").glob("20[12]*/montreal.yaml"))
        assert len(stops) == 2
        relay = yaml.safe_load(stops[0].read_text(encoding="utf-8"))["races"][-1]["results"]
        assert relay[:2] == [{"place": 1, "team": "KOR"}, {"place": 2, "team": "CAN"}]


def test_build_gives_both_spellings_one_venue_page(tmp_path: Path) -> None:
    content = imported(tmp_path, ("usual", "isu"))
    out = tmp_path / "public"
    done = run("build", "--content", str(content), "--out", str(out), "--jobs", "1",
               cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    page = (out / "venues" / "montreal" / "index.html").read_text(encoding="utf-8")
    assert "2019–20" in page and "2020–21" in page


@pytest.mark.parametrize(("written", "nation", "name", "sort"), [
    ("Victor AN", "RUS", "Victor An", "An, Victor"),
    ("de LAAT Itzhak", "NED", "Itzhak de Laat", "Laat, Itzhak de"),
    ("van KERKHOF Yara", "NED", "Yara van Kerkhof", "Kerkhof, Yara van"),
    ("HWANG Dae Heon", "KOR", "Hwang Dae-heon", "Hwang, Dae-heon"),
    ("Kim Boutin", "CAN", "Kim Boutin", None),
    ("J. R. CELSKI", "USA", "J. R. Celski", None),
])
def test_isu_capitals_anywhere_in_the_name(written: str, nation: str, name: str,
                                           sort: str | None) -> None:
    assert normalise_name(written, nation)[0] == name
    assert sort_name(written, nation) == sort


def test_a_city_in_two_nations_is_an_error_at_the_article_line(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    text = USUAL.replace("CAN Montreal", "USA Calgary")
    done = run("import", str(write(tmp_path, "a.txt", text)), "--content", str(content),
               cwd=tmp_path)
    assert done.returncode == 1
    line = textwrap.dedent(text).splitlines().index(next(
        r for r in textwrap.dedent(text).splitlines() if "USA Calgary" in r)) + 1
    assert re.search(rf"a\.txt:{line}: error: Calgary is listed as USA here and as CAN in venues"
                     r"\.yaml line \d+", done.stderr), done.stderr
    assert not (content / "seasons" / "2020-21").exists()


def test_a_name_the_loader_would_refuse_is_an_error_at_its_cell(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    before = (content / "skaters.yaml").read_bytes()
    text = USUAL.replace("KOR Hwang Dae-heon", "KOR " + "Hwang " * 40)
    done = run("import", str(write(tmp_path, "a.txt", text)), "--content", str(content),
               cwd=tmp_path)
    assert done.returncode == 1
    line = next(i for i, row in enumerate(textwrap.dedent(text).splitlines(), 1)
                if "Hwang Hwang" in row)
    assert f"a.txt:{line}:" in done.stderr and "a skater's name has at most 120" in done.stderr
    assert (content / "skaters.yaml").read_bytes() == before


def test_an_unreadable_skaters_file_is_reported_alone(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    path = content / "skaters.yaml"
    path.write_text(path.read_text().replace("  nation: KOR\n", "\tnation: KOR\n", 1))
    done = run("check", "--content", str(content), cwd=tmp_path)
    assert done.returncode == 1
    errors = [line for line in done.stdout.splitlines() if ": error: " in line]
    assert len(errors) == 1 and "tab" in errors[0] and "skaters.yaml:" in errors[0]


def test_results_of_a_broken_entry_are_counted_after_its_error(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    path = content / "skaters.yaml"
    path.write_text(path.read_text().replace("  nation: KOR\n", "  nation: KORR\n", 1))
    done = run("check", "--content", str(content), cwd=tmp_path)
    errors = [line for line in done.stdout.splitlines() if ": error: " in line]
    assert len(errors) == 2, done.stdout
    assert "unknown nation code 'KORR'" in errors[0]
    count = sum(1 for p in (content / "seasons").rglob("*.yaml")
                for line in p.read_text().splitlines() if "ahn-hyun-soo" in line)
    assert f"and {count} results naming skaters whose entries above have errors " \
           "(ahn-hyun-soo)" in errors[1]


def test_build_prints_the_warning_count_and_the_first_few(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    for number in range(7):
        (content / f"stray{number}.yaml").write_text("a: 1\n")
    done = run("build", "--content", str(content), "--out", str(tmp_path / "public"),
               "--jobs", "1", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr.count(": warning: ") == 5
    assert "7 warnings, 2 more not shown: `check` lists them all" in done.stderr


def test_reimport_names_what_it_would_lose_and_force_keeps_a_backup(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    article = write(tmp_path, "usual.txt", USUAL)
    assert run("import", str(article), "--content", str(content), cwd=tmp_path).returncode == 0
    stop = content / "seasons" / "2020-21" / "montreal.yaml"
    edited = stop.read_text().replace("{place: 2, skater: hwang-dae-heon}",
                                      "{place: 2, skater: semen-elistratov}")
    stop.write_text(edited)
    line = next(i for i, text in enumerate(edited.splitlines(), 1)
                if "place: 2, skater: semen" in text)
    done = run("import", str(article), "--content", str(content), cwd=tmp_path)
    assert done.returncode == 1 and stop.read_text() == edited
    assert f"montreal.yaml:{line}:9: error: the men 1500m of 2020-11-06, place 2: " \
           "semen-elistratov here; the article gives hwang-dae-heon" in done.stderr
    forced = run("import", str(article), "--content", str(content), "--force", cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    kept = re.search(r"kept the files it replaced in (\S+)", forced.stdout)
    assert kept, forced.stdout
    backup = Path(kept.group(1))
    backup = backup if backup.is_absolute() else tmp_path / backup
    assert backup.parent == content / "import-backups" and backup.name.startswith("2020-21-")
    assert (backup / "seasons" / "2020-21" / "montreal.yaml").read_text() == edited
    assert "{place: 2, skater: hwang-dae-heon}" in stop.read_text()
    checked = run("check", "--content", str(content), cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout  # the backup is not read


def test_build_counts_the_data_lints_too(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    stop = content / "seasons" / "2003-04" / "calgary.yaml"
    text = stop.read_text().replace("date: 2003-10-18", "date: 2013-10-18", 1)
    stop.write_text(text)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "2013-10-18" in row)
    out = tmp_path / "public"
    done = run("build", "--content", str(content), "--out", str(out), "--jobs", "1",
               cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    checked = run("check", "--content", str(content), cwd=tmp_path)
    warned = [row for row in checked.stdout.splitlines() if ": warning: " in row]
    assert any(f"calgary.yaml:{line}:" in row for row in warned), checked.stdout
    assert f"{len(warned)} warning{'s' * (len(warned) != 1)}" in done.stderr, done.stderr
    assert f"calgary.yaml:{line}:" in done.stderr  # among the first shown
    (content / "pages" / "about.md").write_text("# About\n\nEdited.\n")  # no YAML changed
    again = run("build", "--content", str(content), "--out", str(out), "--jobs", "1",
                cwd=tmp_path)
    assert again.returncode == 0 and f"{len(warned)} warning" in again.stderr, again.stderr


def test_a_build_after_one_stop_edit_reads_only_that_file_again_for_the_lints(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The lints' located reading of an unchanged file comes from the build's cache: a
    one-stop edit parses that stop again, not the whole content, and still warns about it."""
    import site_gen.check.run as check_run
    from site_gen.engine.build import build_site

    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    out = tmp_path / "public"
    build_site(content, out, jobs=1)
    parsed: list[str] = []
    real = check_run.read_located
    monkeypatch.setattr(check_run, "read_located", lambda path: parsed.append(path.name)
                        or real(path))
    stop = content / "seasons" / "2003-04" / "calgary.yaml"
    stop.write_text(stop.read_text().replace("date: 2003-10-18", "date: 2013-10-18", 1))
    report = build_site(content, out, jobs=1)
    assert parsed == ["calgary.yaml"]
    assert any("2013-10-18" in w.message and w.file.endswith("calgary.yaml")
               for w in report.warnings), report.warnings
