"""Markdown pages (content/pages/*.md): each is linked from every page, titled from its first
'# ' line or its file name, and a page where the loader never looks is warned about."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from site_gen.engine.build import build_site

from .test_incremental_deps import snapshot


def _footer(page: Path) -> list[tuple[str, str]]:
    html = page.read_text(encoding="utf-8")
    footer = html[html.index('<footer class="site-footer">'):]
    return re.findall(r'<a href="([^"]+)">([^<]+)</a>', footer)


def test_every_page_is_linked_from_the_footer_with_its_title(
        make_site: Callable[..., Path], tmp_path: Path) -> None:
    content = make_site({"pages/history.md": "# A short history\n\nSince 1976.\n",
                         "pages/data-policy.md": "We keep no cookies.\n",
                         "pages/drafts/next.md": "# Not yet\n"})
    out = tmp_path / "public"
    report = build_site(content, out, jobs=1)
    for page in (out / "index.html", out / "skaters/ahn-hyun-soo/index.html", out / "404.html"):
        assert _footer(page)[-2:] == [("/data-policy/", "Data policy"),
                                      ("/history/", "A short history")], page
    assert "<title>Data policy" in (out / "data-policy/index.html").read_text(encoding="utf-8")
    assert not (out / "next").exists() and not (out / "drafts").exists()
    [stray] = [p for p in report.warnings if p.code == "stray-file"]
    assert stray.file.endswith("pages/drafts/next.md")
    assert "move it to pages/next.md" in stray.message


def test_a_new_page_title_updates_every_footer_on_a_rebuild(
        make_site: Callable[..., Path], tmp_path: Path) -> None:
    content = make_site({"pages/history.md": "# History\n\nSince 1976.\n"})
    out = tmp_path / "public"
    build_site(content, out, jobs=1)
    (content / "pages/history.md").write_text("# Our history\n\nSince 1976.\n",
                                              encoding="utf-8")
    build_site(content, out, jobs=1)
    assert ("/history/", "Our history") in _footer(out / "seasons/2003-04/index.html")
    build_site(content, tmp_path / "clean", jobs=1)
    assert snapshot(out) == snapshot(tmp_path / "clean")


def test_a_page_title_edit_renders_only_what_shows_it(
        make_site: Callable[..., Path], tmp_path: Path) -> None:
    """A page's title is in every HTML page's footer (About's is the menu's fixed label): its
    edit re-renders HTML pages, never JSON, CSV, feeds or images; About's only its own page."""
    content = make_site({"pages/history.md": "# History\n\nSince 1976.\n"})
    out = tmp_path / "public"
    build_site(content, out, jobs=1)
    about = content / "pages/about.md"
    about.write_text(about.read_text(encoding="utf-8").replace("# ", "# All ", 1),
                     encoding="utf-8")
    assert build_site(content, out, jobs=1).rendered_paths == ["about/"]
    (content / "pages/history.md").write_text("# Our history\n\nSince 1976.\n",
                                              encoding="utf-8")
    rendered = build_site(content, out, jobs=1).rendered_paths
    assert "" in rendered and "skaters/ahn-hyun-soo/" in rendered
    assert not [p for p in rendered if p.endswith((".json", ".csv", ".png", ".xml", ".txt"))]


def test_a_new_page_renders_html_pages_and_the_sitemap_only(
        make_site: Callable[..., Path], tmp_path: Path) -> None:
    content = make_site()
    out = tmp_path / "public"
    build_site(content, out, jobs=1)
    (content / "pages/history.md").write_text("# History\n\nSince 1976.\n", encoding="utf-8")
    rendered = build_site(content, out, jobs=1).rendered_paths
    assert "history/" in rendered and "sitemap.xml" in rendered and "" in rendered
    assert not [p for p in rendered if p.endswith((".json", ".csv", ".png", "feed.xml"))]
    build_site(content, tmp_path / "clean", jobs=1)
    assert snapshot(out) == snapshot(tmp_path / "clean")
