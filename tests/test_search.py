"""The Pagefind search index: on by default, reused when nothing changed, model filters."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from site_gen.build import build_site
from site_gen.cli import main
from site_gen.search import index_site

CONTENT = Path(__file__).resolve().parent.parent / "content"


def _body_pages(root: Path) -> list[Path]:
    return [p for p in root.rglob("*.html")
            if "data-pagefind-body" in p.read_text(encoding="utf-8")]


def test_index_covers_every_content_page(built_site: Path) -> None:
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text())
    pages = _body_pages(built_site)
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == len(pages)
    names = {p.relative_to(built_site).as_posix() for p in pages}
    assert "skaters/ahn-hyun-soo/index.html" in names
    assert "nations/kor/index.html" in names and "venues/calgary/index.html" in names
    assert "seasons/2003-04/calgary/index.html" in names
    # the search page, the 404 page, redirects and embeddable cards are not results
    assert not {"search/index.html", "404.html", "skaters/ahn-hyun-soo/card/index.html"} & names


def test_filters_come_from_the_model(built_site: Path) -> None:
    html = (built_site / "skaters" / "ahn-hyun-soo" / "index.html").read_text(encoding="utf-8")
    filters = re.findall(r'data-pagefind-filter="(\w+)\[content\]" content="([^"]*)"', html)
    assert ("nation", "South Korea") in filters and ("nation", "Russia") in filters
    assert ("season", "2003-04") in filters and ("distance", "1500m") in filters
    comp = (built_site / "seasons/2003-04/calgary/index.html").read_text(encoding="utf-8")
    assert 'data-pagefind-filter="nation[content]" content="Canada"' in comp
    assert 'data-pagefind-filter="distance[content]" content="5000m relay"' in comp


def test_search_page_reads_the_bundle_under_the_base_path(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_site(CONTENT, out, base_url="https://example.org/stats/", jobs=1)
    html = (out / "search" / "index.html").read_text(encoding="utf-8")
    assert 'data-bundle="/stats/pagefind/"' in html and 'data-base="/stats/"' in html
    assert '<form class="site-search" role="search" action="/stats/search/"' in html
    h2h = (out / "head-to-head" / "index.html").read_text(encoding="utf-8")
    assert 'data-index="/stats/api/skaters.json"' in h2h


def test_index_reused_when_nothing_changed_and_rebuilt_safely(tmp_path: Path) -> None:
    out = tmp_path / "public"
    build_site(CONTENT, out, jobs=1, search=True)
    index = {p.relative_to(out).as_posix(): p.read_bytes()
             for p in (out / "pagefind").rglob("*") if p.is_file()}
    assert "pagefind/pagefind.js" in index and any(k.startswith("pagefind/index/") for k in index)
    inode = (out / "pagefind" / "pagefind-entry.json").stat().st_ino

    report = build_site(CONTENT, out, jobs=1, search=True)  # nothing changed: index kept
    assert report.rendered == 0
    assert (out / "pagefind" / "pagefind-entry.json").stat().st_ino == inode
    assert {p.relative_to(out).as_posix() for p in (out / "pagefind").rglob("*")
            if p.is_file()} == set(index)

    # a changed page: the index is rebuilt into fresh files; files of the old output
    # (hard links shared with the staging folder) are never rewritten in place
    old = out / "pagefind" / "pagefind-entry.json"
    held = old.open("rb")
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    about = content / "pages" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    report = build_site(content, out, jobs=1, search=True)
    assert report.rendered > 0
    assert held.read() == index["pagefind/pagefind-entry.json"]
    held.close()
    assert (out / "pagefind" / "pagefind.js").is_file()


def test_index_site_reuse_flag(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><title>Éric Bédard</title></head>'
        '<body data-pagefind-body><h1>Éric Bédard</h1><p>Canada</p></body></html>')
    files = index_site(site, reuse=False)
    assert "pagefind/pagefind.js" in files
    assert all((site / f).is_file() for f in files)
    stale = site / "pagefind" / "stale.txt"
    stale.write_text("x")
    assert index_site(site, reuse=True) == files | {"pagefind/stale.txt"}  # kept as it is
    rebuilt = index_site(site, reuse=False)
    assert "pagefind/stale.txt" not in rebuilt and not stale.exists()


def test_cli_builds_search_by_default(tmp_path: Path, capsys) -> None:
    assert main(["build", "--content", str(CONTENT), "--out", str(tmp_path / "a"),
                 "--jobs", "1"]) == 0
    assert (tmp_path / "a" / "pagefind" / "pagefind.js").is_file()
    assert main(["build", "--content", str(CONTENT), "--out", str(tmp_path / "b"),
                 "--jobs", "1", "--no-search"]) == 0
    assert not (tmp_path / "b" / "pagefind").exists()
    assert (tmp_path / "b" / "search" / "index.html").is_file()
