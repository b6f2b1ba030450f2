"""Issue 20: a share image is drawn only for skaters with a podium (individual or relay); every
other skater's link preview is the site's default image, their name in the title and the
description. A share image once published stays (published-urls.txt), as a renamed skater's
files do.

A tiny inline season with full results: 'ann' wins, 'rel' is on the podium only in a relay
team that names her, 'off' and 'out' never reach the podium.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from site_gen.engine.build import build_site
from site_gen.routing.published import MANIFEST, read_manifest

from .blog_helpers import page
from .conftest import write_files

BASE = "https://example.org/"


def _stop(out_place: int) -> str:
    return f"""\
        city: Calgary
        nation: CAN
        classification: full
        races:
          - date: 2003-10-17
            category: women
            distance: 500m
            results:
              - {{place: 1, skater: ann}}
              - {{place: 2, skater: bea}}
              - {{place: 3, skater: cat}}
              - {{place: {out_place}, skater: out}}
              - {{place: 5, skater: off}}
          - date: 2003-10-18
            category: women
            distance: 3000m relay
            results:
              - {{place: 1, team: KOR, members: [rel]}}
              - {{place: 2, team: CAN}}
              - {{place: 3, team: USA}}
        """


SKATERS = "".join(f"- {{slug: {s}, name: {n}, nation: {c}}}\n" for s, n, c in (
    ("ann", "Ann Ahead", "CAN"), ("bea", "Bea Second", "USA"), ("cat", "Cat Third", "CAN"),
    ("rel", "Rel Relay", "KOR"), ("off", "Off Podium", "USA"), ("out", "Out Later", "KOR")))


def _content(root: Path, out_place: int = 4, skaters: str = SKATERS) -> Path:
    return write_files(root, {
        "site.yaml": 'title: "Share test"\n',
        "nations.yaml": "KOR: South Korea\nCAN: Canada\nUSA: United States\n",
        "skaters.yaml": skaters,
        "seasons/2003-04/season.yaml": 'title: "2003–04 World Cup"\n',
        "seasons/2003-04/calgary.yaml": _stop(out_place),
    })


def test_share_images_are_drawn_for_skaters_with_a_podium_only(tmp_path: Path) -> None:
    content, out = _content(tmp_path / "content"), tmp_path / "out"
    build_site(content, out, base_url=BASE, jobs=1)
    for slug in ("ann", "bea", "cat", "rel"):  # an individual or a relay podium
        assert (out / f"skaters/{slug}/share.png").is_file(), slug
        profile = page(out / f"skaters/{slug}/index.html")
        assert profile.meta["og:image"] == f"{BASE}skaters/{slug}/share.png"
        assert any(a.get("href") == f"/skaters/{slug}/share.png" for a in profile.anchors)
    for slug, name in (("off", "Off Podium"), ("out", "Out Later")):
        assert not (out / f"skaters/{slug}/share.png").exists(), slug
        profile = page(out / f"skaters/{slug}/index.html")
        assert profile.meta["og:image"] == profile.meta["twitter:image"] == f"{BASE}share.png"
        assert profile.meta["og:image:alt"] == "Share test"
        assert name in profile.meta["og:title"] and name in profile.meta["og:description"]
        assert name in page(out / f"skaters/{slug}/card/index.html").meta["description"]
        assert not any("share.png" in (a.get("href") or "") for a in profile.anchors)
        person = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>',
                                      (out / f"skaters/{slug}/index.html").read_text(
                                          encoding="utf-8"), re.S)[1])
        assert person["image"] == f"{BASE}share.png"
        oembed = json.loads((out / f"skaters/{slug}/oembed.json").read_text(encoding="utf-8"))
        assert oembed["thumbnail_url"] == f"{BASE}share.png"
    assert (out / "share.png").is_file()
    published = read_manifest(content)
    assert "/skaters/ann/share.png" in published and "/skaters/off/share.png" not in published


def test_a_published_share_image_stays_when_its_skater_loses_the_podium(tmp_path: Path) -> None:
    """'out' is third, then the result is corrected to fourth: the image published while she
    was on the podium stays (drawn as before, with her counts now), the build records it
    still, and the page's preview is the site's image."""
    content, out = _content(tmp_path / "content", out_place=3), tmp_path / "out"
    (content / "seasons/2003-04/calgary.yaml").write_text(
        (content / "seasons/2003-04/calgary.yaml").read_text(encoding="utf-8")
        .replace("{place: 3, skater: cat}", "{place: 4, skater: cat}"), encoding="utf-8")
    build_site(content, out, base_url=BASE, jobs=1)
    assert "/skaters/out/share.png" in read_manifest(content)
    drawn = (out / "skaters/out/share.png").read_bytes()
    _content(content, out_place=4)  # the correction
    report = build_site(content, out, base_url=BASE, jobs=1)
    assert (out / "skaters/out/share.png").read_bytes() != drawn  # 0 podiums now
    assert "skaters/out/share.png" in report.rendered_paths
    assert "/skaters/out/share.png" in read_manifest(content)
    assert page(out / "skaters/out/index.html").meta["og:image"] == f"{BASE}share.png"
    # a clean build of the same content and manifest gives the same folder
    clean = tmp_path / "clean"
    build_site(content, clean, base_url=BASE, jobs=1)
    assert (clean / "skaters/out/share.png").read_bytes() == \
        (out / "skaters/out/share.png").read_bytes()


def test_a_renamed_skaters_published_share_image_stays(tmp_path: Path) -> None:
    """'out' had a podium and is renamed 'out-new' (former_slugs: [out]) after losing it:
    the old share image's URL keeps an image, as a renamed skater's other files."""
    content, out = _content(tmp_path / "content", out_place=3), tmp_path / "out"
    build_site(content, out, base_url=BASE, jobs=1)
    renamed = SKATERS.replace("{slug: out, name: Out Later, nation: KOR}",
                              "{slug: out-new, name: Out Later, nation: KOR, "
                              "former_slugs: [out]}")
    _content(content, out_place=4, skaters=renamed)
    stop = content / "seasons/2003-04/calgary.yaml"
    stop.write_text(stop.read_text(encoding="utf-8").replace("skater: out}", "skater: out-new}"),
                    encoding="utf-8")
    build_site(content, out, base_url=BASE, jobs=1)
    assert (out / "skaters/out/share.png").is_file()
    assert not (out / "skaters/out-new/share.png").exists()
    published = read_manifest(content)
    assert "/skaters/out/share.png" in published
    assert "/skaters/out-new/share.png" not in published
    assert (tmp_path / "content" / MANIFEST).is_file()
