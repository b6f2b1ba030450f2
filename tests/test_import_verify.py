"""The importer never writes content that ``check`` rejects (issue 17, part 4)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from tests.test_import import run, snapshot
from tests.test_import_identity import AN, content_copy
from tests.test_import_merge import write


def test_what_the_loader_would_refuse_is_reported_at_the_article_line(tmp_path: Path) -> None:
    content = content_copy(tmp_path)
    before = snapshot(content)
    long_name = "V" * 117 + " AN"  # 120 characters: a name the loader takes, a slug it does not
    text = AN.replace("RUS Victor AN", f"RUS {long_name}")
    done = run("import", str(write(tmp_path, "long.txt", text)), "--content", str(content),
               cwd=tmp_path)
    assert done.returncode == 1, done.stdout
    line = next(n for n, row in enumerate(textwrap.dedent(text).splitlines(), 1)
                if long_name in row)
    col = textwrap.dedent(text).splitlines()[line - 1].index("RUS V") + 1
    errors = [e for e in done.stderr.splitlines() if ": error: " in e]
    assert errors and f"long.txt:{line}:{col}: error: slug 'vvvv" in errors[0]
    assert "skaters.yaml:" in errors[0] and "which this import would write" in errors[0]
    assert "Traceback" not in done.stderr and snapshot(content) == before


def test_an_error_already_in_the_content_refuses_the_import(tmp_path: Path) -> None:
    content = content_copy(tmp_path)
    stop = content / "seasons" / "2003-04" / "calgary.yaml"
    stop.write_text(stop.read_text().replace("distance: 500m", "distance: 700m", 1))
    line = next(n for n, row in enumerate(stop.read_text().splitlines(), 1) if "700m" in row)
    before = snapshot(content)
    done = run("import", str(write(tmp_path, "an.txt", AN)), "--content", str(content),
               cwd=tmp_path)
    assert done.returncode == 1
    assert f"{stop}:{line}:" in done.stderr and "unknown distance '700m'" in done.stderr
    assert snapshot(content) == before
