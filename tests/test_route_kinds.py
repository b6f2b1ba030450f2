"""The table of route kinds (routing/kinds.py): each kind declared once, every one used by the
built site, and nothing links to or renders a kind the table does not declare."""

from __future__ import annotations

import re
from pathlib import Path

from site_gen.load.site_loader import load_site
from site_gen.render.theme import TEMPLATES
from site_gen.routing.kinds import KINDS
from site_gen.routing.routes import build_routes

from .conftest import ROOT

# url('season', …), abs_url(…), url.absolute(…), tag_uri(…), in templates and in our code
_NAMED = re.compile(r"""\b(?:url|abs_url|absolute|tag_uri|path_for)\(\s*["']([a-z_0-9]+)["']""")


def test_every_kind_is_used_by_the_built_site_and_every_route_is_declared(
        built_site: Path, real_content: Path) -> None:
    routes = build_routes(load_site(real_content))
    used = {r.kind for r in routes}
    assert used <= set(KINDS), used - set(KINDS)
    unused = {name for name, kind in KINDS.items() if not kind.copied} - used
    assert not unused, f"kinds no route of the site uses: {sorted(unused)}"
    for route in routes:
        kind = KINDS[route.kind]
        assert route.template == kind.template
        if kind.url is not None:  # a redirect is at the old URL it replaces
            assert route.path == kind.url(*route.args), route
        assert (built_site / route.output).is_file(), route
    for name, kind in KINDS.items():
        if kind.copied:  # static/: the theme's files, not routes
            assert kind.url is not None and any((built_site / kind.url("")).iterdir()), name


def test_the_literal_output_names_live_in_the_table() -> None:
    paths = {name: kind.url() for name, kind in KINDS.items()
             if name in ("sitemap", "robots", "not_found", "feed") and kind.url}
    assert paths == {"sitemap": "sitemap.xml", "robots": "robots.txt", "not_found": "404.html",
                     "feed": "feed.xml"}
    code = "\n".join(p.read_text() for p in (ROOT / "site_gen").rglob("*.py")
                     if p.name != "kinds.py")
    for name in paths.values():
        assert f'"{name}"' not in code and f"'{name}'" not in code, name


def test_templates_and_code_name_only_declared_kinds() -> None:
    files = [*TEMPLATES.rglob("*.*"), *(ROOT / "site_gen").rglob("*.py")]
    named = {m.group(1) for f in files for m in _NAMED.finditer(f.read_text())}
    assert len(named) > 20
    undeclared = {name for name in named if name not in KINDS or KINDS[name].url is None}
    assert not undeclared
