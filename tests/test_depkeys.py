"""Dependency keys (depkeys.py): a route naming a key no input provides fails route planning,
and a declared input file is a dependency like any other."""

from __future__ import annotations

from pathlib import Path

import pytest

import site_gen.routes
from site_gen import depkeys
from site_gen.build import build_site
from site_gen.errors import InternalError
from site_gen.fingerprint import route_digests
from site_gen.model import Site
from site_gen.routes import Route


def _venue_deps(monkeypatch: pytest.MonkeyPatch, deps: tuple[str, ...]) -> None:
    """Make build_routes give the venue pages these dependencies."""
    real = site_gen.routes.build_routes

    def build_routes(site: Site) -> list[Route]:
        return [Route(r.path, r.kind, r.template, r.args, deps, r.origin)
                if r.kind == "venue" else r for r in real(site)]

    monkeypatch.setattr(site_gen.routes, "build_routes", build_routes)


@pytest.mark.parametrize("key, declared", [
    ("venues", False),  # an input never declared: a typo, or a new file forgotten in depkeys
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
    route = Route("x/", "home", "home.html", (), ("registry", "skater:nobody"))
    with pytest.raises(InternalError, match="skater:nobody"):
        route_digests([route], {"registry": "r"}, {}, "common", ("", ""))
    assert route_digests([route], {"registry": "r", "skater:nobody": "s"}, {}, "c", ("", ""))


def test_a_declared_input_file_is_one_line_and_rerenders_what_depends_on_it(
        make_site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Declaring a registry file (here venues.yaml) makes its bytes a key: the routes naming it
    re-render when it changes, and only they."""
    monkeypatch.setitem(depkeys.DECLARED, "venues",
                        depkeys.Declared("venues", "venues.yaml: the venues", "venues.yaml"))
    _venue_deps(monkeypatch, ("venues",))
    content = make_site({"venues.yaml": "calgary: {name: Calgary}\n"})
    out = tmp_path / "public"
    build_site(content, out, jobs=1, record_urls=False)
    (content / "venues.yaml").write_text("calgary: {name: Calgary, rink: Oval}\n",
                                         encoding="utf-8")
    rendered = build_site(content, out, jobs=1, record_urls=False).rendered_paths
    assert "venues/calgary/" in rendered
    assert "seasons/2003-04/" not in rendered and "skaters/ahn-hyun-soo/" not in rendered
