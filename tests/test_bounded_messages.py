"""Messages stay small: a value echoed in a message is cut, and what ``serve`` hands to the
pages (the live-reload status) carries a bounded number of problems and source lines."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from site_gen.engine.build import build_site
from site_gen.errors import ECHO, DataError, Problem, bounded, cut
from site_gen.serve.error_payload import MAX_SHOWN, data_error_payload

from .conftest import ROOT

STOP = "seasons/2003-04/calgary.yaml"


def with_slug(content: Path, slug: str, times: int = 1) -> None:
    path = content / STOP
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("skater: li-ye}", f"skater: {slug}}}", times), encoding="utf-8")


def test_cut_keeps_short_values_and_cuts_long_ones() -> None:
    assert cut("calgary") == "calgary"
    assert cut("x" * 1000) == "x" * ECHO + "…"
    assert len(Problem("f", 1, 1, "unknown skater '" + "y" * 10**6 + "' (add it)").message) < 200


def test_a_huge_unknown_slug_is_echoed_cut(make_site, tmp_path: Path) -> None:
    content = make_site()
    with_slug(content, "a" * 10**6)  # a 1 MB slug
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content",
                           str(content), "--out", str(tmp_path / "public"), "--jobs", "1"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert len(done.stderr) < 5000, len(done.stderr)
    assert "a" * ECHO + "…" in done.stderr
    assert f"{content / STOP}:19:" in done.stderr  # the place is still given


@pytest.mark.parametrize("size", [3 * 10**6, 15 * 10**6])  # its source line shown, or not
def test_live_reload_status_is_bounded(make_site, tmp_path: Path, size: int) -> None:
    content = make_site()
    with_slug(content, "b" * size)  # a value of megabytes on one line
    with pytest.raises(DataError) as failed:
        build_site(content, tmp_path / "public", jobs=1)
    payload = data_error_payload(failed.value, [content])
    sent = len(json.dumps(payload))
    assert sent < 10_000, sent
    source = payload["problems"][0]["source"]
    if size < 4 * 10**6:  # a window of the line, the caret under the value's column
        line, caret = source.split("\n")
        assert line.startswith("      - {place: 3, skater: bbb") and line.endswith("b…")
        assert caret == " " * line.index("bbb") + "^"


def test_live_reload_status_carries_at_most_a_bounded_number_of_problems() -> None:
    problems = [Problem("f.yaml", n, 1, f"problem {n}") for n in range(1, 1001)]
    payload = data_error_payload(DataError(problems), [])
    assert len(payload["problems"]) == MAX_SHOWN
    assert f"{1000 - MAX_SHOWN} more" in payload["title"]


def test_an_apostrophe_in_a_word_is_not_a_quote() -> None:
    """A possessive or a name with an apostrophe never opens or closes a quoted value: only the
    long value is cut, the message around it stays whole."""
    path = "/tmp/" + "x" * 200 + "/season.yaml"
    message = (f"Ahn Hyun-soo's change is from 2009-10, before ({path}): see 'O'Brien' and "
               f"'{'y' * 300}', the season's 'end:'")
    shown = bounded(message)
    assert path in shown and "'O'Brien'" in shown and "the season's 'end:'" in shown
    assert f"'{'y' * ECHO}…'" in shown and "y" * (ECHO + 1) not in shown
