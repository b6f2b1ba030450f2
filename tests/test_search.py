"""The static search index, api/search.json: built from the model, compact and deterministic."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from site_gen.engine.build import build_site, prepare
from site_gen.render.contexts import Ctx
from site_gen.render.outputs.search_index import FIELDS, search_index, words
from site_gen.routing.urls import UrlFor
from site_gen.synth.generate import write_synthetic

from .conftest import ROOT


def load(root: Path) -> dict[str, Any]:
    return json.loads((root / "api" / "search.json").read_bytes())


def entry(index: dict[str, Any], kind: str, label: str) -> dict[str, Any]:
    found = [dict(zip(FIELDS, e, strict=False)) for e in index["entries"]
             if e[0] == kind and e[1] == label]
    assert len(found) == 1, (kind, label, found)
    return found[0]


def matches(index: dict[str, Any], query: str) -> list[str]:
    """The labels a query finds, as static/search.js matches: every word (or all of them written
    together) starts at the start of a word and may run on over the next ones."""
    q = words(query).split()

    def found(text: str, x: str) -> bool:
        ws = text.split()
        return any("".join(ws[i:]).startswith(x) for i in range(len(ws)))

    return [e[1] for e in index["entries"]
            if all(found(e[3], x) for x in q) or found(e[3], "".join(q))]


@pytest.mark.parametrize(("text", "folded"), [
    ("Éric Bédard", "eric bedard"),
    ("Mladá Boleslav", "mlada boleslav"),
    ("Jean-François Monette", "jean francois monette"),
    ("Øystein Łukasz Straße Æsa", "oystein lukasz strasse aesa"),
    ("Ahn Hyun-soo Viktor Ahn", "ahn hyun soo viktor"),  # each word once
    ("<script>алёна", "script"),  # letters without an ASCII form are dropped, like slugs
])
def test_words_fold_like_slugs(text: str, folded: str) -> None:
    assert words(text) == folded


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")
def test_the_page_script_folds_queries_like_the_index() -> None:
    """static/search.js folds a query exactly as searchindex.words folds the index."""
    js = (ROOT / "static" / "search.js").read_text(encoding="utf-8")
    fold_js = js[js.index("  const SPECIAL ="):js.index("  const KINDS")]
    samples = ["Éric Bédard", "Øystein Łukasz Straße Æsa þór ðe œuvre ı", "İstanbul ﬁnal",
               "<script>алёна", "Jean-François  Monette", "Ｆｕｌｌ width ½", "O'Brien"]
    program = (fold_js + f"console.log(JSON.stringify({json.dumps(samples)}"
               ".map((t) => words(t).join(' '))));")
    done = subprocess.run(["node", "-e", program], capture_output=True, text=True, check=True,
                          timeout=60)
    assert json.loads(done.stdout) == [" ".join(words(t).split()) for t in samples]
    assert words("Éric Bédard") == "eric bedard"


def test_entries_cover_skaters_nations_venues_competitions(built_site: Path) -> None:
    index = load(built_site)
    ahn = entry(index, "skater", "Ahn Hyun-soo")
    assert ahn["url"] == "/skaters/ahn-hyun-soo/"
    assert "viktor" in ahn["text"].split() and ahn["nations"] == ["KOR", "RUS"]
    assert ahn["aka"] == ["Viktor Ahn"] and (ahn["podiums"], ahn["wins"]) == (14, 6)
    assert entry(index, "skater", "Éric Bédard")["text"] == "eric bedard"
    assert entry(index, "nation", "South Korea")["url"] == "/nations/kor/"
    venue = entry(index, "venue", "Mladá Boleslav")
    assert venue["url"] == "/venues/mlada-boleslav/" and venue["nations"] == ["CZE"]
    calgary = entry(index, "competition", "Calgary 2003–04")
    assert calgary["url"] == "/seasons/2003-04/calgary/" and calgary["nations"] == ["CAN"]
    assert entry(index, "season", "2003–04 season")["url"] == "/seasons/2003-04/"
    # every skater, nation with races, venue and stop has one entry
    kinds = [e[0] for e in index["entries"]]
    assert kinds.count("skater") == len(json.loads(
        (built_site / "api" / "skaters.json").read_bytes())["skaters"])
    assert kinds.count("venue") == len(list((built_site / "venues").glob("*/index.html")))
    assert kinds.count("competition") == len(json.loads(
        (built_site / "api/seasons/2003-04.json").read_bytes())["competitions"])


def test_queries_find_what_fans_type(built_site: Path) -> None:
    index = load(built_site)
    assert "Ahn Hyun-soo" in matches(index, "ahn")
    assert "Ahn Hyun-soo" in matches(index, "Viktor")  # a later name finds the skater
    assert "Ahn Hyun-soo" in matches(index, "hyun-soo ahn")
    assert "Éric Bédard" in matches(index, "Bedard") and "Éric Bédard" in matches(index, "BÉD")
    assert "Mladá Boleslav" in matches(index, "mlada")
    assert {"Calgary", "Calgary 2003–04"} <= set(matches(index, "calgary"))
    assert "Calgary 2003–04" in matches(index, "calgary 2003")
    assert matches(index, "zzzz") == []


def test_filters_come_from_the_model(built_site: Path) -> None:
    index = load(built_site)
    assert ["KOR", "South Korea"] in index["nations"] and ["CAN", "Canada"] in index["nations"]
    assert index["seasons"] == ["2003-04"]
    dists = [d[0] for d in index["distances"]]
    assert dists[:4] == ["men/500m", "men/1000m", "men/1500m", "men/3000m"]
    assert ["men/5000m-relay", "Men 5000m relay"] in index["distances"]
    assert "women/3000m-relay" in dists and len(dists) == len(set(dists))
    ahn = entry(index, "skater", "Ahn Hyun-soo")
    assert ahn["seasons"] == [0]
    assert {dists[i] for i in ahn["distances"]} == {"men/500m", "men/1000m", "men/1500m",
                                                    "men/3000m"}
    calgary = entry(index, "competition", "Calgary 2003–04")
    assert "men/5000m-relay" in {dists[i] for i in calgary["distances"]}
    kor = entry(index, "nation", "South Korea")
    assert kor["seasons"] == [0] and "women/3000m-relay" in {dists[i] for i in kor["distances"]}


def test_index_is_compact_and_sorted(built_site: Path) -> None:
    raw = (built_site / "api" / "search.json").read_bytes()
    lines = raw.decode().splitlines()
    assert len(lines) == len(load(built_site)["entries"]) + 2  # head, one line per entry, end
    kinds = ["skater", "nation", "venue", "competition", "season"]
    keys = [(kinds.index(e[0]), words(e[1]), e[2]) for e in load(built_site)["entries"]]
    assert keys == sorted(keys)
    assert b"\n " not in raw and b": " not in raw  # no indentation, no spaces after colons


def test_search_page_under_the_base_path(subpath_site: Path) -> None:
    out = subpath_site  # built with --base-url https://example.org/stats/
    html = (out / "search" / "index.html").read_text(encoding="utf-8")
    assert 'data-index="/stats/api/search.json"' in html
    assert '<form class="search-form" role="search" action="/stats/search/"' in html
    assert html.count('role="search"') == 1  # the header's box is left out: one search box
    assert '<script src="/stats/static/search.js" defer></script>' in html
    urls = [e[2] for e in load(out)["entries"]]
    assert urls and all(u.startswith("/stats/") for u in urls)
    assert "/stats/skaters/ahn-hyun-soo/" in urls


def test_search_page_does_not_count_itself(built_site: Path) -> None:
    html = (built_site / "search" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in html
    assert "<noscript>" in html and 'href="/skaters/"' in html  # complete without JavaScript
    assert not [e for e in load(built_site)["entries"] if "/search/" in e[2]]
    assert "/search/" not in (built_site / "sitemap.xml").read_text(encoding="utf-8")
    # only the search page loads the search script; nothing loads Pagefind any more
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "search.js" not in home and "pagefind" not in home
    assert not (built_site / "pagefind").exists()


def test_index_follows_the_content(make_site, tmp_path: Path) -> None:
    content = make_site()
    out = tmp_path / "out"
    build_site(content, out, jobs=1)
    registry = content / "skaters.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace(
        "name: Éric Bédard", "name: Éric Bédard-Łukasz"), encoding="utf-8")
    report = build_site(content, out, jobs=1)
    assert "api/search.json" in report.rendered_paths
    assert "Éric Bédard-Łukasz" in matches(load(out), "lukasz")


@pytest.mark.slow
def test_twenty_seasons_stay_small(tmp_path: Path) -> None:
    """~8000 synthetic skaters: about 1 MB at most (its time is measured by
    bench/profile_kinds.py, docs/benchmarks.md, not here)."""
    write_synthetic(tmp_path, seasons=20, seed=0)
    site, stats, _, _ = prepare(tmp_path)
    data = search_index(Ctx(site, stats), UrlFor("/"))
    assert len(site.skaters) > 7000
    assert len(data) < 1_000_000, len(data)
    assert data == search_index(Ctx(site, stats), UrlFor("/"))  # deterministic
