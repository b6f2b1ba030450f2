"""Dependency keys (engine/dependency_keys.py): a route naming a key no input provides fails
route planning, and a declared input file is a dependency like any other."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from site_gen.engine import dependency_keys as depkeys
from site_gen.engine.build import build_site
from site_gen.engine.fingerprint import route_digests
from site_gen.errors import InternalError
from site_gen.routing.kinds import KINDS
from site_gen.routing.routes import Route

from .test_incremental_random import build_output, first_differences


def _venue_deps(monkeypatch: pytest.MonkeyPatch, deps: tuple[str, ...]) -> None:
    """Give the venue pages these dependencies in the table of route kinds."""
    monkeypatch.setitem(KINDS, "venue", replace(KINDS["venue"], deps=lambda plan, slug: deps))


@pytest.mark.parametrize("key, declared", [
    ("records", False),  # an input never declared: a typo, or a new file forgotten in depkeys
    (depkeys.SKATER("no-such-skater"), True),  # a declared family, an argument the site lacks
    ("/nowhere/seasons/2003-04/calgary.yaml", False),  # a file that is not in the content
])
def test_a_route_naming_a_key_no_input_provides_fails_route_planning(
        make_site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, key: str,
        declared: bool) -> None:
    _venue_deps(monkeypatch, (depkeys.OUTLINE, key))
    out = tmp_path / "public"
    with pytest.raises(InternalError) as caught:
        build_site(make_site(), out, jobs=1, record_urls=False)
    message = str(caught.value)
    assert f"{key!r}, named by /venues/" in message
    assert ("not a declared kind of key" in message) is not declared
    assert not out.exists()  # planning failed: nothing was written


def test_route_digests_never_hash_an_unknown_key_to_a_constant() -> None:
    route = Route("x/", "home", (), ("registry", "skater:nobody"))
    with pytest.raises(InternalError, match="skater:nobody"):
        route_digests([route], {"registry": "r"}, {}, "common", ("", ""))
    assert route_digests([route], {"registry": "r", "skater:nobody": "s"}, {}, "c", ("", ""))


def test_a_declared_input_file_is_one_line_and_rerenders_what_depends_on_it(
        make_site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Declaring a new input file (here a records.yaml) makes its bytes a key: the routes
    naming it re-render when it changes, and only they."""
    monkeypatch.setitem(depkeys.DECLARED, "records",
                        depkeys.Declared("records", "records.yaml: records", "records.yaml"))
    _venue_deps(monkeypatch, ("records",))
    content = make_site({"records.yaml": "calgary: {record: 41.2}\n"})
    out = tmp_path / "public"
    build_site(content, out, jobs=1, record_urls=False)
    (content / "records.yaml").write_text("calgary: {record: 40.9}\n", encoding="utf-8")
    rendered = build_site(content, out, jobs=1, record_urls=False).rendered_paths
    assert "venues/calgary/" in rendered
    assert "seasons/2003-04/" not in rendered and "skaters/ahn-hyun-soo/" not in rendered


def test_a_registry_file_edit_rebuilds_as_a_clean_build(make_site, tmp_path: Path) -> None:
    """venues.yaml writes the city of every stop in it: the stop, season, distance and CSV pages
    depend on it (they were left stale, with cached per-stop digests, when it was not declared)."""
    root = tmp_path / "site"
    shutil.copytree(make_site(), root / "content")
    venues = root / "content/venues.yaml"
    text = venues.read_text(encoding="utf-8")
    old = "- {slug: calgary, city: Calgary, nation: CAN}"
    assert old in text
    build_output(root, "public")
    venues.write_text(text.replace(old, "- {slug: calgary, city: Calgary Town, nation: CAN, "
                                        "spellings: [Calgary]}"), encoding="utf-8")
    got = build_output(root, "public")
    assert "Calgary Town" in got["seasons/2003-04/men/1000m/index.html"].decode()
    want = build_output(root, "clean")
    assert got == want, first_differences(got, want)
