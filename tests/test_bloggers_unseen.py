"""Issue 6 against data the project had not seen: renames, removals, odd names, base URLs."""

from __future__ import annotations

import re
from pathlib import Path

from site_gen.engine.build import build_site
from site_gen.load.site_loader import load_site
from site_gen.routing.published import MANIFEST, route_problems


def _reslug(content: Path, old: str, new: str) -> None:
    """Rename the slug ``old`` to ``new`` in every YAML file (whole slugs only: 'kate' is
    inside 'skater')."""
    pattern = re.compile(rf"(?<![\w-]){re.escape(old)}(?![\w-])")
    for path in content.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(pattern.sub(new, text), encoding="utf-8")


def test_a_short_old_slug_inside_skaters_keeps_its_files(make_site, tmp_path: Path) -> None:
    """'kate' is a substring of 'skaters/': its files must still be found under the new slug."""
    content = make_site()
    out = tmp_path / "public"
    _reslug(content, "alanna-kraus", "kate")
    build_site(content, out, jobs=1)  # publishes /skaters/kate/…
    _reslug(content, "kate", "kate-b")
    registry = content / "skaters.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace(
        "- slug: kate-b\n", "- slug: kate-b\n  former_slugs: [kate]\n"), encoding="utf-8")
    build_site(content, out, jobs=1)
    old, new = out / "skaters/kate", out / "skaters/kate-b"
    assert 'url=/skaters/kate-b/card/"' in (old / "card/index.html").read_text(encoding="utf-8")
    for name in ("results.csv", "share.png", "feed.xml", "oembed.json"):
        assert (old / name).read_bytes() == (new / name).read_bytes(), name
    assert (out / "api/skaters/kate.json").read_bytes() == \
        (out / "api/skaters/kate-b.json").read_bytes()


def _lost(content: Path) -> dict[str, str]:
    """Published URL → the advice of its 'would disappear' error."""
    out = {}
    for p in route_problems(load_site(content), content):
        m = re.match(r"published URL (\S+) would disappear without a redirect: (.*)", p.message)
        assert m, p.message
        out[m.group(1)] = m.group(2)
    return out


def test_lost_urls_get_advice_that_fits_them(make_site) -> None:
    content = make_site()
    (content / "seasons/2003-04/calgary.yaml").rename(content / "seasons/2003-04/calgary-2.yaml")
    with (content / MANIFEST).open("a", encoding="utf-8") as f:
        f.write("/api/seasons/1999-00.json\n/seasons/1999-00/\n/nations/xyz/\n")
    lost = _lost(content)
    assert "former_slugs" not in lost["/api/seasons/1999-00.json"], "a season is no skater"
    assert "seasons/1999-00/" in lost["/api/seasons/1999-00.json"]
    assert "seasons/1999-00/" in lost["/seasons/1999-00/"]
    assert "seasons/2003-04/calgary.yaml" in lost["/seasons/2003-04/calgary/"]
    assert "XYZ" in lost["/nations/xyz/"]
    assert all("--allow-removal" in advice for advice in lost.values())


def test_skater_feed_entries_name_the_skater_as_they_skated(make_site, tmp_path: Path) -> None:
    """Viktor Ahn's races are 'Viktor Ahn at …', not under the name he had before."""
    import feedparser

    content = make_site()
    registry = content / "skaters.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace(
        "  name: Alanna Kraus\n",
        "  name: Alanna Kraus\n  changes:\n    - {season: 2003-04, name: Alanna Newname, "
        "nation: CAN}\n"), encoding="utf-8")
    out = tmp_path / "public"
    build_site(content, out, jobs=1)
    feed = feedparser.parse((out / "skaters/alanna-kraus/feed.xml").read_bytes())
    assert not feed.bozo and feed.entries
    assert all(e.title.startswith("Alanna Newname at the ") for e in feed.entries)


def test_a_name_slug_steps_aside_for_another_skaters_listed_old_slug(make_site,
                                                                      tmp_path: Path) -> None:
    """Li Ye once had the URL /skaters/foo-bar/ (former_slugs); Li Jiajun later races as
    'Foo Bar'. The convenience redirect from his name's slug gives way: the listed old URL
    keeps pointing at Li Ye, and the build does not fail on two pages for one path."""
    content = make_site()
    registry = content / "skaters.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace(
        "- slug: li-ye\n", "- slug: li-ye\n  former_slugs: [foo-bar]\n").replace(
        "  name: Li Jiajun\n", "  name: Li Jiajun\n  changes:\n"
        "    - {season: 2011-12, name: Foo Bar, nation: CHN}\n"), encoding="utf-8")
    out = tmp_path / "public"
    build_site(content, out, jobs=1)
    assert 'url=/skaters/li-ye/"' in (out / "skaters/foo-bar/index.html").read_text(
        encoding="utf-8")
