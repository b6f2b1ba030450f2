"""Links written in Markdown: they follow --base-url, and a broken one is a located warning."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from site_gen.load.markdown import render_with_links, split_title
from site_gen.routing.markdown_links import rebase, site_path

from .crawl import broken_links

ROOT = Path(__file__).resolve().parent.parent
INTRO = "seasons/2003-04/intro.md"
ABOUT = "pages/about.md"


def _build(content: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content",
                           str(content), "--out", str(out), *extra], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def test_links_are_found_at_their_line_and_column() -> None:
    text = ("# Title\n\nSee [a](/x/ \"t\") and\n![i](/static/a.svg) [b][r]\n\n"
            "[r]: /skaters/é/\n")
    title, body, first_line = split_title(text, "fallback")
    html, links = render_with_links(body, first_line)
    assert title == "Title" and "<h1>" not in html
    assert links == (("/x/", 3, 9), ("/static/a.svg", 4, 6), ("/skaters/%C3%A9/", 6, 6))


def test_site_links_follow_the_base_url_and_broken_ones_are_warned(
    make_site: Callable[..., Path], tmp_path: Path
) -> None:
    intro = (ROOT / "content" / INTRO).read_text(encoding="utf-8")
    content = make_site({
        INTRO: intro + "\nSee the [standings](/seasons/2003-04/standings/), "
                       "[Ahn](/skaters/ahn-hyunsoo/), [all skaters](../../skaters/) and\n"
                       "the [old stops](../standings/) ![icon](/static/favicon.svg).\n",
        ABOUT: "# About\n\nBy [us](https://example.com/) · [the feed](/feed.xml) · "
               "[Calgary](/seasons/2003-04/calgary/#men) · [top](#about)\n"
               "[bad][ref]\n\n[ref]: /nations/xyz/\n",
    })
    out = tmp_path / "public"
    result = _build(content, out, "--base-url", "https://example.org/stats/")
    assert result.returncode == 0, result.stderr
    intro_lines = len(intro.splitlines())
    warned = sorted(line for line in result.stderr.splitlines() if "warning: link to" in line)
    assert warned == sorted([
        f"{content / INTRO}:{intro_lines + 2}:57: warning: link to /skaters/ahn-hyunsoo/: this "
        "site has no such page or file (did you mean /skaters/ahn-hyun-soo/?)",
        f"{content / INTRO}:{intro_lines + 3}:17: warning: link to ../standings/: this site "
        "has no such page or file (did you mean /seasons/2003-04/standings/?)",
        f"{content / ABOUT}:6:8: warning: link to /nations/xyz/: this site has no such page "
        "or file",
    ]), result.stderr
    season = (out / "seasons/2003-04/index.html").read_text(encoding="utf-8")
    assert 'href="/stats/seasons/2003-04/standings/"' in season
    assert 'src="/stats/static/favicon.svg"' in season
    assert 'href="../../skaters/"' in season  # relative links are left as written
    about = (out / "about/index.html").read_text(encoding="utf-8")
    assert 'href="https://example.com/"' in about and 'href="/stats/feed.xml"' in about
    # the only broken links of the whole site are the two the warnings name
    assert sorted(broken_links(out, "/stats/")) == sorted([
        "seasons/2003-04/index.html → /stats/skaters/ahn-hyunsoo/",
        "seasons/2003-04/index.html → ../standings/",
        "about/index.html → /stats/nations/xyz/",
    ])



@pytest.mark.parametrize(("target", "expected"), [
    ("/skaters/x/", "skaters/x/"),
    ("/seasons/2003-04/calgary", "seasons/2003-04/calgary"),  # a folder: hosts add the '/'
    ("/feed.xml?x=1#top", "feed.xml"),
    ("../standings/", "seasons/standings/"),  # relative to the season page it is shown on
    ("../../", ""),
    ("/", ""),
    ("/a/../b/%C3%A9/", "b/é/"),
    ("#men", None),
    ("https://example.org/skaters/x/", None),
    ("//cdn.example.org/x.js", None),
    ("mailto:someone@example.org", None),
])
def test_site_path_of_a_link(target: str, expected: str | None) -> None:
    assert site_path(target, "seasons/2003-04/") == expected


def test_rebase_moves_only_root_links_of_markdown_tags() -> None:
    html = ('<p><a href="/a/">x</a> <img src="/b.png" alt="" /> <a href="//c/">y</a> '
            '<a href="d/">z</a> &lt;a href=&quot;/e/&quot;&gt;</p>')
    assert rebase(html, "/stats/") == (
        '<p><a href="/stats/a/">x</a> <img src="/stats/b.png" alt="" /> <a href="//c/">y</a> '
        '<a href="d/">z</a> &lt;a href=&quot;/e/&quot;&gt;</p>')
    assert rebase(html, "/") == html


def test_check_reports_broken_markdown_links_as_json(make_site: Callable[..., Path]) -> None:
    content = make_site({ABOUT: "# About\n\nSee [nobody](/skaters/nobody/).\n"})
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "check", "--content",
                             str(content), "--format", "json"], cwd=ROOT, capture_output=True,
                            text=True, timeout=300)
    found = [p for p in json.loads(result.stdout) if p["code"] == "link"]
    assert found == [{"file": str(content / ABOUT), "line": 3, "col": 14, "severity": "warning",
                      "code": "link", "message": "link to /skaters/nobody/: this site has no "
                      "such page or file"}]


def test_a_link_to_a_kept_old_url_is_no_warning_in_check_or_build(
        make_site: Callable[..., Path], tmp_path: Path) -> None:
    """A renamed skater's old files stay published (published.py): a Markdown link to one is
    a link to a real file for `check` as for `build`."""
    registry = (ROOT / "content/skaters.yaml").read_text(encoding="utf-8").replace(
        "- slug: li-ye\n", "- slug: li-ye-chn\n  former_slugs: [li-ye]\n", 1)
    stop = (ROOT / "content/seasons/2003-04/calgary.yaml").read_text(encoding="utf-8")
    content = make_site({"skaters.yaml": registry,
                         "seasons/2003-04/calgary.yaml": stop.replace("skater: li-ye}",
                                                                      "skater: li-ye-chn}"),
                         ABOUT: "# About\n\nHis [data](/api/skaters/li-ye.json).\n"})
    built = _build(content, tmp_path / "public")
    assert built.returncode == 0 and "warning: link" not in built.stderr, built.stderr
    assert (tmp_path / "public/api/skaters/li-ye.json").is_file()
    checked = subprocess.run([sys.executable, str(ROOT / "build.py"), "check", "--content",
                              str(content)], cwd=ROOT, capture_output=True, text=True,
                             timeout=300)
    assert "warning: link" not in checked.stdout + checked.stderr, checked.stdout


def test_a_typo_in_a_links_first_letters_still_finds_the_page() -> None:
    """The nearest page is looked for among those sharing a word of the link, wherever the typo
    is ('hn-hyun-soo' for 'ahn-hyun-soo'), also among thousands of pages."""
    from site_gen.routing.markdown_links import _nearest

    known = {f"skaters/skater-{i}-{i % 7}/" for i in range(5000)} | {"skaters/ahn-hyun-soo/"}
    assert _nearest("skaters/hn-hyun-soo/", known, {}) == "skaters/ahn-hyun-soo/"
    assert _nearest("skaters/ahn-hyun-so/", known, {}) == "skaters/ahn-hyun-soo/"


def test_a_renamed_skaters_likely_new_slug_is_found_among_many_new_ones() -> None:
    """After importing a season (many new skaters), a lost skater's advice still names the
    new entry it most likely became."""
    from site_gen.routing.published import _closest

    new = tuple(f"new-skater-{i}" for i in range(300)) + ("marianne-st-gelais-hamelin",)
    assert _closest("marianne-st-gelais", new) == "marianne-st-gelais-hamelin"
