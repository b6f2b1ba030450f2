"""The venues an import matches its cities against: venues.yaml, and the cities of the stop
files already there that venues.yaml does not list. A city of the article found there is
written as the registry writes it; one not found becomes a new venue, appended to venues.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from site_gen.errors import Collector
from site_gen.importer.yaml_writer import flow
from site_gen.load.located_yaml import Node, YamlProblem, parse_file
from site_gen.load.venues import Venue, VenueBook, read_venues, venue_key
from site_gen.model.slugs import fold, slugify


@dataclass
class VenueMatcher:
    book: VenueBook
    root: Node | None  # venues.yaml as read (None: no file)
    new: dict[str, Venue] = field(default_factory=dict)  # by slug, to append to venues.yaml
    renamed: dict[str, Venue] = field(default_factory=dict)  # entries written with accents now

    def venue(self, city: str, nation: str, file: str, line: int, col: int,
              out: Collector) -> Venue | None:
        """The venue of an article's city, a new one if unknown; None (an error) on a clash."""
        known = self.renamed.get(slugify(city)) or self.book.find(city) or next(
            (v for v in self.new.values() if venue_key(v.city) == venue_key(city)), None)
        if known is not None:
            if known.nation != nation:
                where = f"venues.yaml line {known.line}" if known.line else "another stop file"
                out.error(file, line, col, f"{city} is listed as {nation} here and as "
                          f"{known.nation} in {where}", "article")
                return None
            if city != known.city and fold(city) == known.city:  # the accented spelling wins
                known = replace(known, city=city)
                (self.new if known.line == 0 else self.renamed)[known.slug] = known
            if known.line == 0 and known.slug not in self.new:  # a stop file's: record it
                self.new[known.slug] = known
            return known
        slug = slugify(city)
        taken = next((v for v in self.book.venues if v.slug == slug), self.new.get(slug))
        if taken is not None:
            out.error(file, line, col, f"city '{city}' gives the venue URL /venues/{slug}/ of "
                      f"{taken.city} ({taken.nation}), another venue: add '{city}' to that "
                      "venue's spellings in venues.yaml if it is the same city", "article")
            return None
        self.new[slug] = Venue(slug, city, nation)
        return self.new[slug]

    def text(self, path: Path) -> str | None:
        """venues.yaml with the new venues appended (existing text untouched); None if none."""
        if not self.new and not self.renamed:
            return None
        lines = "".join(f"- {flow(_entry(v))}\n" for v in sorted(self.new.values(),
                                                                   key=lambda v: v.slug))
        if self.root is None or not self.root.value:
            return "# The venue registry: one entry per city (see README.md).\n\n" + lines
        old = path.read_text(encoding="utf-8").splitlines(keepends=True)
        for venue in self.renamed.values():  # one line an entry, as import writes them
            line = old[venue.line - 1]
            if line.lstrip().startswith("- {"):
                old[venue.line - 1] = line[:line.index("- {")] + f"- {flow(_entry(venue))}\n"
        text = "".join(old)
        return text + ("" if text.endswith("\n") or not text else "\n") + lines


def _entry(venue: Venue) -> dict[str, object]:
    entry: dict[str, object] = {"slug": venue.slug, "city": venue.city, "nation": venue.nation}
    if venue.spellings:
        entry["spellings"] = list(venue.spellings)
    return entry


def read_venue_matcher(content: Path, out: Collector) -> VenueMatcher:
    """venues.yaml (problems reported) and the cities of the stop files it lacks."""
    path = content / "venues.yaml"
    root = None
    if path.exists():
        try:
            root = parse_file(path, str(path))
        except YamlProblem as exc:
            out.extend(exc.problems)
    book = read_venues(root, out)
    by_key = dict(book.by_key)
    for stop in sorted((content / "seasons").glob("*/*.yaml")):
        if stop.name == "season.yaml":
            continue
        try:
            node = parse_file(stop, str(stop))
        except YamlProblem:
            continue  # check reports it; the import does not depend on it
        fields = node.value if isinstance(node.value, dict) else {}
        city, nation = (fields.get(k) for k in ("city", "nation"))
        if city is None or nation is None or not isinstance(city.value, str):
            continue
        by_key.setdefault(venue_key(city.value), Venue(slugify(city.value), city.value,
                                                       str(nation.value)))
    return VenueMatcher(VenueBook(by_key, book.file), root)
