"""Issue 6 against data the project had not seen: renames, removals, odd names, base URLs."""

from __future__ import annotations

import re
from pathlib import Path

from site_gen.build import build_site


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
