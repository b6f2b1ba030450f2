"""Issue 6, link previews, embeds and feeds: OpenGraph, Twitter, JSON-LD, oEmbed, Atom."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest
from PIL import Image

from site_gen.engine.build import build_site
from site_gen.load.site_loader import load_site
from site_gen.render.jsonld import script_json

from .blog_helpers import jsonld, link, page
from .conftest import CONTENT

BASE = "https://example.org/stats/"

# one page of every kind that has the site layout
PAGES = {
    "home": "index.html", "seasons": "seasons/index.html", "season": "seasons/2003-04/index.html",
    "competition": "seasons/2003-04/calgary/index.html",
    "distance": "seasons/2003-04/men/500m/index.html",
    "standings": "seasons/2003-04/standings/index.html",
    "leaders": "leaders/index.html", "season_leaders": "seasons/2003-04/leaders/index.html",
    "skaters": "skaters/index.html", "skater": "skaters/ahn-hyun-soo/index.html",
    "nations": "nations/index.html", "nation": "nations/kor/index.html",
    "venues": "venues/index.html", "venue": "venues/calgary/index.html",
    "page": "about/index.html", "head_to_head": "head-to-head/index.html",
    "search": "search/index.html", "not_found": "404.html",
}
LD_TYPES = {"home": "WebSite", "skater": "Person", "competition": "SportsEvent"}


@pytest.fixture(scope="module")
def hosted(tmp_path_factory: pytest.TempPathFactory, real_content: Path) -> Path:
    """The site built for https://example.org/stats/ (absolute URLs in previews)."""
    out = tmp_path_factory.mktemp("hosted") / "public"
    build_site(real_content, out, base_url=BASE, jobs=2)
    return out


def local(root: Path, url: str) -> Path:
    assert url.startswith(BASE), url
    rel = url[len(BASE):]
    return root / (rel + "index.html" if rel == "" or rel.endswith("/") else rel)


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_previews_on_every_page_kind(hosted: Path, kind: str) -> None:
    parts = page(hosted / PAGES[kind])
    meta = parts.meta
    for key in ("description", "og:title", "og:description", "og:url", "og:image", "og:type",
                "og:site_name", "twitter:card", "twitter:title", "twitter:description",
                "twitter:image"):
        assert meta.get(key), f"{kind}: no {key}"
    assert 40 <= len(meta["og:description"]) <= 300
    assert meta["description"] == meta["og:description"]
    assert meta["twitter:card"] == "summary_large_image"
    canonical = [a["href"] for a in parts.links if a.get("rel") == "canonical"]
    assert canonical == [meta["og:url"]]
    assert local(hosted, meta["og:url"]).is_file()
    image = local(hosted, meta["og:image"])
    with Image.open(image) as img:
        assert img.format == "PNG" and img.size == (1200, 630)
        assert img.size == (int(meta["og:image:width"]), int(meta["og:image:height"]))
    if kind == "skater":
        assert meta["og:image"] == BASE + "skaters/ahn-hyun-soo/share.png"
        assert meta["og:type"] == "profile"
    else:
        assert meta["og:image"] == BASE + "share.png"
    (data,) = jsonld(hosted / PAGES[kind])
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == LD_TYPES.get(kind, "WebPage")
    assert data["url"].startswith(BASE)


def test_person_and_sports_event(hosted: Path) -> None:
    (person,) = jsonld(hosted / PAGES["skater"])
    assert person["name"] == "Ahn Hyun-soo" and person["alternateName"] == ["Viktor Ahn"]
    assert [c["identifier"] for c in person["nationality"]] == ["KOR", "RUS"]
    assert person["image"] == BASE + "skaters/ahn-hyun-soo/share.png"
    (event,) = jsonld(hosted / PAGES["competition"])
    assert event["startDate"] == "2003-10-17" and event["endDate"] >= event["startDate"]
    assert event["location"]["address"]["addressLocality"] == "Calgary"
    assert event["url"] == BASE + "seasons/2003-04/calgary/"


@pytest.mark.parametrize("text", ["</script><script>alert(1)</script>", "<!-- x", "a & b",
                                  "\u2028", 'q"uote'])
def test_json_ld_is_safe_inside_a_script(text: str) -> None:
    out = str(script_json({"name": text}))
    assert "</" not in out and "<!--" not in out and "<" not in out
    assert json.loads(out) == {"name": text}


def test_skater_share_images_are_deterministic(built_site: Path, hosted: Path) -> None:
    site = load_site(CONTENT)
    for slug in site.skaters:
        a = (built_site / "skaters" / slug / "share.png").read_bytes()
        assert a == (hosted / "skaters" / slug / "share.png").read_bytes(), slug
    assert (built_site / "share.png").read_bytes() == (hosted / "share.png").read_bytes()


def test_oembed_and_embed_snippet(hosted: Path) -> None:
    parts = page(hosted / PAGES["skater"])
    href = link(parts, "alternate", "application/json+oembed")["href"]
    assert href == BASE + "skaters/ahn-hyun-soo/oembed.json"
    data = json.loads(local(hosted, href).read_text(encoding="utf-8"))
    assert data["version"] == "1.0" and data["type"] == "rich"
    assert data["width"] > 0 and data["height"] > 0
    card = BASE + "skaters/ahn-hyun-soo/card/"
    assert f'src="{card}?theme=light"' in data["html"]  # light unless the blogger says dark
    assert local(hosted, data["thumbnail_url"]).is_file()
    html = (hosted / PAGES["skater"]).read_text(encoding="utf-8")
    snippet = data["html"].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") \
        .replace('"', "&#34;")
    assert snippet in html, "the page shows the same snippet as the oEmbed JSON"


def test_card_is_self_contained(hosted: Path) -> None:
    html = (hosted / "skaters/ahn-hyun-soo/card/index.html").read_text(encoding="utf-8")
    parts = page(hosted / "skaters/ahn-hyun-soo/card/index.html")
    assert "<style>" in html and "<script src" not in html  # one inline line reads ?theme=
    assert not [a for a in parts.links if a.get("rel") == "stylesheet"]
    assert "src=" not in html, "no image or script request"
    assert all(a.get("target") == "_blank" for a in parts.anchors)
    assert "Ahn Hyun-soo" in html and "6" in html


def feed_entries(path: Path) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(path.read_bytes())
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


@pytest.mark.parametrize("root_kind", ["built_site", "hosted"])
def test_site_feed(request: pytest.FixtureRequest, root_kind: str) -> None:
    root: Path = request.getfixturevalue(root_kind)
    parsed = feed_entries(root / "feed.xml")
    assert parsed.feed.id.startswith("tag:")
    assert len(parsed.entries) == 6
    ids = [e.id for e in parsed.entries]
    assert len(set(ids)) == 6 and all(i.startswith("tag:") for i in ids)
    updated = [e.updated for e in parsed.entries]
    assert updated == sorted(updated, reverse=True), "newest first"
    if root_kind == "hosted":
        assert ids[0].startswith("tag:example.org,2004:/stats/seasons/2003-04/")
        assert parsed.entries[0].link.startswith(BASE)


def test_every_skater_feed(built_site: Path) -> None:
    site = load_site(CONTENT)
    for slug in site.skaters:
        parsed = feed_entries(built_site / "skaters" / slug / "feed.xml")
        assert parsed.entries, slug
        updated = [e.updated for e in parsed.entries]
        assert updated == sorted(updated, reverse=True)
    ahn = feed_entries(built_site / "skaters/ahn-hyun-soo/feed.xml")
    assert "Men 1500m: 1st" in ahn.entries[0].summary
    html = page(built_site / PAGES["skater"])
    assert link(html, "alternate", "application/atom+xml")  # the site feed, then the skater's
    hrefs = [a["href"] for a in html.links if a.get("type") == "application/atom+xml"]
    assert "/skaters/ahn-hyun-soo/feed.xml" in hrefs
