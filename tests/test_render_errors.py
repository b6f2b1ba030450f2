"""Errors that are bugs look like bugs: a template's error names the template and its line; an
exception in our own code (a context builder) is an internal error with its traceback and a
request to report it, never a 'template error'."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from site_gen.cli import main
from site_gen.engine.build import build_site
from site_gen.errors import REPORT, DataError, InternalError
from site_gen.render.theme import TEMPLATES
from site_gen.routing.kinds import KINDS

from .conftest import CONTENT


@pytest.mark.parametrize("template, after, slip, message", [
    ("base.html", 2, "{{ no_such_variable }}", "'no_such_variable' is undefined"),
    ("feed.xml", 1, "{{ 1 // 0 }}", "ZeroDivisionError: integer division or modulo by zero"),
])
def test_a_template_error_names_the_template_and_its_line(
        tmp_path: Path, template: str, after: int, slip: str, message: str) -> None:
    """Also in a template the page's own template extends (base.html), and in XML."""
    templates = shutil.copytree(TEMPLATES, tmp_path / "templates")
    lines = (templates / template).read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(after, slip + "\n")
    (templates / template).write_text("".join(lines), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        build_site(CONTENT, tmp_path / "public", jobs=1, templates=templates, record_urls=False)
    problem = caught.value.problems[0]
    assert (problem.file, problem.line, problem.code) == (f"templates/{template}", after + 1,
                                                         "template")
    assert problem.message.startswith("template error on /") and message in problem.message


def _broken_builder(monkeypatch: pytest.MonkeyPatch) -> None:
    def venue_context(ctx: object, venue: str) -> dict[str, object]:
        return {"stops": 1 // 0}

    monkeypatch.setitem(KINDS, "venue", replace(KINDS["venue"], context=venue_context))


@pytest.mark.parametrize("jobs", [1, 2], ids=["here", "on-workers"])
def test_an_exception_in_a_context_builder_is_an_internal_error_with_its_traceback(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int) -> None:
    _broken_builder(monkeypatch)
    out = tmp_path / "public"
    with pytest.raises(InternalError) as caught:
        build_site(CONTENT, out, jobs=jobs, record_urls=False)
    error = caught.value
    assert "rendering /venues/" in error.message and "(venue)" in error.message
    assert "ZeroDivisionError" in error.message
    assert "Traceback" in error.details and "in venue_context" in error.details
    assert "template" not in error.message
    assert not out.exists()


def test_the_cli_shows_an_internal_error_with_its_traceback_and_asks_for_a_report(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
        ) -> None:
    _broken_builder(monkeypatch)
    content = shutil.copytree(CONTENT, tmp_path / "content")  # a build records its URLs there
    code = main(["build", "--content", str(content), "--out", str(tmp_path / "public"),
                 "--jobs", "1"])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback (most recent call last)" in err and "in venue_context" in err
    assert "internal error: rendering /venues/" in err and REPORT in err
    assert "template error" not in err and ":0:" not in err
