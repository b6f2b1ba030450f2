"""``import`` writes a season or nothing: the season folder is staged whole beside itself and
swapped in, the registries as temporary files renamed with it; a refused write leaves every
file as it was, no temporary file behind, and says so in one line."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

import site_gen.engine.output_folder
from site_gen.cli import main

from .conftest import SOURCE_ARTICLE

SEASON = "seasons/2003-04"


@pytest.fixture
def edited(make_site) -> Path:
    """The real content with two stops corrected by hand and a stop the article lacks: an
    import with --force rewrites three files, removes one and adds a skater."""
    content = make_site()
    for stop in ("calgary", "mlada-boleslav"):
        path = content / SEASON / f"{stop}.yaml"
        path.write_text(path.read_text(encoding="utf-8") + "# corrected by hand\n",
                        encoding="utf-8")
    (content / SEASON / "extra.yaml").write_bytes(
        (content / SEASON / "bormio.yaml").read_bytes())
    return content


def snapshot(content: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file's bytes, mtime and mode."""
    return {p.relative_to(content).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns,
                                                p.stat().st_mode)
            for p in sorted(content.rglob("*")) if p.is_file()}


def hidden(content: Path) -> list[str]:
    """Temporary files and staging folders anywhere in the content folder."""
    return sorted(str(p.relative_to(content)) for p in content.rglob(".*"))


@pytest.mark.parametrize(("code", "said"), [(errno.ENOSPC, "no space left on device"),
                                            (errno.EACCES, "permission denied")])
@pytest.mark.parametrize("fail_at", [1, 2])
def test_a_refused_write_leaves_the_season_as_it_was(
        edited: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        code: int, said: str, fail_at: int) -> None:
    before = snapshot(edited)
    real = site_gen.engine.output_folder.write_if_changed
    calls: list[str] = []

    def failing(path: str, data: bytes) -> bool:
        calls.append(str(path))
        if len(calls) == fail_at:
            raise OSError(code, os.strerror(code), str(path))
        return real(path, data)

    monkeypatch.setattr(site_gen.engine.output_folder, "write_if_changed", failing)
    status = main(["import", str(SOURCE_ARTICLE), "--content", str(edited), "--force"])
    err = capsys.readouterr().err
    assert status == 1
    assert err.strip().count("\n") == 0, err
    assert err.startswith(f"error: cannot write {edited}/{SEASON}/") and f": {said}" in err
    assert ".build-" not in err and "Traceback" not in err
    assert snapshot(edited) == before  # bytes, mtimes and modes of every file and folder
    assert hidden(edited) == []


def test_a_refused_registry_write_writes_no_season(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
        ) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "nations.yaml").write_text("KOR: South Korea\n", encoding="utf-8")
    before = snapshot(content)
    real_file = site_gen.engine.output_folder.Change.file

    def failing(self: site_gen.engine.output_folder.Change, path: Path, data: bytes) -> None:
        real_file(self, path, data)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(site_gen.engine.output_folder.Change, "file", failing)
    status = main(["import", str(SOURCE_ARTICLE), "--content", str(content)])
    err = capsys.readouterr().err
    assert status == 1
    assert err == f"error: cannot write {content}/nations.yaml: no space left on device\n"
    assert snapshot(content) == before
    assert hidden(content) == []
    assert not (content / SEASON).exists()


def test_a_forced_import_swaps_the_season_in_whole(edited: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["import", str(SOURCE_ARTICLE), "--content", str(edited), "--force"])
    out = capsys.readouterr().out
    assert status == 0
    assert f"wrote {edited}/{SEASON}/calgary.yaml" in out
    assert f"removed {edited}/{SEASON}/extra.yaml" in out
    assert not (edited / SEASON / "extra.yaml").exists()
    assert "# corrected by hand" not in (edited / SEASON / "calgary.yaml").read_text()
    assert (edited / SEASON / "intro.md").is_file()  # a file import does not write stays
    assert hidden(edited) == []  # no staging folder, marker or temporary file


def test_an_article_cut_off_mid_season_imports_with_a_warning(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A copy that stopped before the last stop: the calendar ends days before the infobox's
    last date and the standings are gone."""
    lines = SOURCE_ARTICLE.read_text(encoding="utf-8").splitlines(keepends=True)
    cut = tmp_path / "cut.txt"
    cut.write_text("".join(lines[:56]), encoding="utf-8")  # the men's stops but Bormio
    status = main(["import", str(cut), "--content", str(tmp_path / "content")])
    err = capsys.readouterr().err
    assert status == 0
    assert f"{cut}:" in err and "warning: the calendar ends on 2004-02-08, 6 days" in err
    assert "before the infobox Dates end (2004-02-14)" in err
    assert "no '==Overall standings==' section" in err


def test_the_whole_article_imports_without_a_warning(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(SOURCE_ARTICLE), "--content", str(tmp_path / "content")]) == 0
    assert "warning" not in capsys.readouterr().err
