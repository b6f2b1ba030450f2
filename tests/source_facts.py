"""Facts read straight from the source article, independently of the importer, with the
known corrections applied — the oracle the built site is checked against."""

from __future__ import annotations

import re
from pathlib import Path

from site_gen.model.slugs import slugify

Podium = tuple[str, ...]  # entrant per place: skater slug, or nation code for relays


def race_podiums(article: Path) -> dict[tuple[str, str, str], Podium]:
    """(city slug, category, distance label) → podium, corrected."""
    out: dict[tuple[str, str, str], Podium] = {}
    category = None
    for line in article.read_text(encoding="utf-8").splitlines():
        if line.startswith("==Overall"):
            break
        m = re.match(r"^===\s*(Men|Women)\s*===$", line)
        if m:
            category = m.group(1).lower()
        if not line.startswith("| ") or line.startswith("| Date"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        city = slugify(cells[1].split(" ", 1)[1])
        distance = cells[2]
        relay = "relay" in distance
        if category == "women" and distance == "5000m relay":
            distance = "3000m relay"  # the source mislabels the women's relay
        entrants = tuple(
            c.split(" ", 1)[0] if relay else slugify(c.split(" ", 1)[1]) for c in cells[3:] if c
        )
        assert category is not None
        out[(city, category, distance)] = entrants
    return out


def standings(article: Path) -> dict[tuple[str, str], Podium]:
    out: dict[tuple[str, str], Podium] = {}
    text = article.read_text(encoding="utf-8").split("==Overall standings==", 1)[1]
    category = None
    for line in text.splitlines():
        m = re.match(r"^===\s*(Men|Women)\s*===$", line)
        if m:
            category = m.group(1).lower()
        if not line.startswith("| ") or line.startswith("| Distance"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        relay = "relay" in cells[0]
        assert category is not None
        out[(category, cells[0].lower())] = tuple(
            c.split(" ", 1)[0] if relay else slugify(c.split(" ", 1)[1]) for c in cells[1:]
        )
    return out
