"""What a fan reads first (issue 18), without a browser: the key that names a page's nations
once, the scripts and stylesheets served lean, the season page's weight."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from site_gen.render.assets import minify_css, minify_js, static_bytes

from .conftest import ROOT

BADGE = re.compile(r'<span class="nat-([a-z]+)"( title="[^"]*")?>([A-Z]+)</span>')


@pytest.mark.parametrize("path", ["seasons/2003-04/", "seasons/2003-04/calgary/",
                                  "seasons/2003-04/men/500m/",
                                  "seasons/2003-04/women/3000m-relay/"])
def test_a_page_names_the_nations_of_its_podium_tables_once(built_site: Path,
                                                            path: str) -> None:
    """The badges of a page's podium tables carry no title (the season page's heaviest part):
    one key above them names every one of their nations, once, in words that a screen reader
    reads and a phone shows."""
    html = (built_site / path / "index.html").read_text(encoding="utf-8")
    tables = re.findall(r'<table class="data podiums">.*?</table>', html, re.S)
    badges = [b for t in tables for b in BADGE.findall(t)]
    assert badges, path
    assert [b for b in badges if b[1]] == []  # no title
    keys = re.findall(r'<p class="meta key">Nations: (.*?)</p>', html)
    assert len(keys) == 1, path
    pairs = re.findall(r"([A-Z]{3}) ([^,]+)", re.sub(r"<[^>]+>", "", keys[0]))
    assert [code for code, _ in pairs] == sorted({code for _, _, code in badges})
    nations = dict(re.findall(r"^([A-Z]{3}): (.+)$",
                              (ROOT / "content" / "nations.yaml").read_text(encoding="utf-8"),
                              re.M))
    assert [name for _, name in pairs] == [nations[code] for code, _ in pairs]
    assert BADGE.findall(keys[0])  # the key shows each badge as the tables do


def test_pages_without_podium_tables_have_no_key(built_site: Path) -> None:
    for path in ("skaters/ahn-hyun-soo/", "leaders/", "nations/kor/"):
        assert "Nations: " not in (built_site / path / "index.html").read_text(encoding="utf-8")


def test_the_stylesheet_is_served_without_spaces_it_does_not_need() -> None:
    css = b"""/* a comment */
    a:hover , b > c { color:  red ;  content: "a: b , c > d ;}" ; }
    @media (min-width: 40rem) { .x { --f: ; gap: var(--f) .25em; } }
    """
    assert minify_css(css) == (b'a:hover,b>c{color:red;content:"a: b , c > d ;}"}'
                               b"@media (min-width:40rem){.x{--f:;gap:var(--f) .25em}}\n")
    # a space before a colon is a descendant combinator: kept
    assert minify_css(b"table.data :is(th, td) { x: 1 }") == b"table.data :is(th,td){x:1}\n"


def test_scripts_are_served_without_indentation_or_comment_lines() -> None:
    js = (b'"use strict";\n// a comment\n  function f() {\n\n'
          b'    return "// not a comment"; // kept\n  }\n')
    assert minify_js(js) == (b'"use strict";\nfunction f() {\n'
                             b'return "// not a comment"; // kept\n}\n')
    for risky in (b"const s = `a\n  // b\n`;\n", b'const s = "a\\\n  // b";\n'):
        assert minify_js(risky) == risky  # a line break that may lie inside a string
    served = static_bytes(ROOT / "static" / "site.js")
    source = (ROOT / "static" / "site.js").read_bytes()
    assert len(served) < len(source) * 0.85
    assert [line.strip() for line in source.splitlines()
            if line.strip() and not line.strip().startswith(b"//")] == served.splitlines()
