"""The venue registry, ``venues.yaml``: one entry per city, with its slug and other spellings.

A stop file names its city; the registry decides which venue (and venue page) that is and how
the city is written. Spellings are compared folded: accents, case, hyphens and spaces do not
count, and 'St.' is 'Saint' (``Montréal`` = ``Montreal``, ``St. Petersburg`` =
``Saint-Petersburg``). The file is optional: a city it does not list is its own venue.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from site_gen.errors import Collector
from site_gen.load.fields import Fields
from site_gen.load.located_yaml import Node
from site_gen.model.slugs import fold

VENUE_KEYS = ("slug", "city", "nation", "spellings")
MAX_CITY = 100
_SAINT_RE = re.compile(r"\b(?:st|ste|saint|sainte)\b\.?")


def venue_key(city: str) -> str:
    """``Montréal`` and ``MONTREAL`` → ``montreal``; ``St. Petersburg`` → ``saintpetersburg``."""
    return re.sub(r"[^a-z0-9]", "", _SAINT_RE.sub("saint", fold(city).lower()))


@dataclass(frozen=True)
class Venue:
    slug: str
    city: str  # as pages write it
    nation: str
    spellings: tuple[str, ...] = ()  # other ways sources write the city
    line: int = 0  # of its entry in venues.yaml (0: not in the file)
    col: int = 0


@dataclass(frozen=True)
class VenueBook:
    """Venues by folded spelling."""

    by_key: dict[str, Venue]
    file: str = ""

    def find(self, city: str) -> Venue | None:
        return self.by_key.get(venue_key(city))

    @property
    def venues(self) -> list[Venue]:
        return sorted({v.slug: v for v in self.by_key.values()}.values(), key=lambda v: v.slug)


def read_venues(root: Node | None, out: Collector,
                nations: Collection[str] | None = None) -> VenueBook:
    """The venues of a parsed venues.yaml (None: no file); every problem at its place. Nation
    codes are checked against ``nations`` when given."""
    if root is None or root.value is None:
        return VenueBook({}, root.file if root else "")
    if not isinstance(root.value, list):
        out.error(root.file, root.line, root.col, "venues.yaml must be a list of venues, e.g. "
                  "'- {slug: calgary, city: Calgary, nation: CAN}'", "schema")
        return VenueBook({}, root.file)
    by_key: dict[str, Venue] = {}
    slugs: dict[str, int] = {}
    for item in root.value:
        f = Fields(item, VENUE_KEYS, "a venue", out)
        slug, city = f.slug("slug", "city"), f.text("city", max_len=MAX_CITY)
        nation = f.text("nation")
        spellings = f.texts("spellings")
        if nation and nations is not None and nation not in nations:
            n = f.at("nation")
            out.error(n.file, n.line, n.col, f"unknown nation code '{nation[:10]}' (add it to "
                      "nations.yaml)", "schema")
            nation = None
        if not (slug and city and nation):
            continue
        if slug in slugs:
            out.error(item.file, item.line, item.col, f"venue slug '{slug}' is already used at "
                      f"line {slugs[slug]}: one entry per city, other spellings under "
                      "'spellings'", "schema")
            continue
        slugs[slug] = item.line
        venue = Venue(slug, city, nation, tuple(spellings), item.line, item.col)
        for spelling in (city, *spellings):
            other = by_key.setdefault(venue_key(spelling), venue)
            if other is not venue:
                out.error(item.file, item.line, item.col, f"'{spelling}' is also a spelling of "
                          f"venue '{other.slug}' (line {other.line}): a spelling names one "
                          "venue", "schema")
    return VenueBook(by_key, root.file)
