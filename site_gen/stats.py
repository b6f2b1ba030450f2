"""Statistics derived from the model once per build: podium counts, medal tables, leaders."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property

from .model import CATEGORIES, Distance, Race, Result, Site, Skater

Medals = tuple[int, int, int]  # golds, silvers, bronzes


def _medals(counter: Counter[int]) -> Medals:
    return (counter[1], counter[2], counter[3])


@dataclass(frozen=True)
class Tally:
    """Podium counts of one skater or nation in some scope."""

    key: str
    gold: int
    silver: int
    bronze: int
    starts: int = 0

    @property
    def total(self) -> int:
        return self.gold + self.silver + self.bronze

    @property
    def sort_key(self) -> tuple[int, int, int, int, str]:
        return (-self.gold, -self.silver, -self.bronze, -self.total, self.key)


def tallies(races: list[Race] | tuple[Race, ...], by: str) -> list[Tally]:
    """Podium tallies by 'skater' (individual results only) or 'nation' (every result)."""
    counts: dict[str, Counter[int]] = defaultdict(Counter)
    starts: Counter[str] = Counter()
    for race in races:
        for r in race.results:
            key = r.skater if by == "skater" else r.nation
            if key is None:
                continue
            starts[key] += 1
            if r.place in (1, 2, 3):
                counts[key][r.place] += 1
    out = [Tally(k, *_medals(counts[k]), starts=starts[k]) for k in starts]
    return sorted(out, key=lambda t: t.sort_key)


@dataclass(frozen=True)
class SkaterStats:
    podiums: Medals  # all seasons, individual races (plus relays the skater is named in)
    by_distance: tuple[tuple[str, Distance, Medals, int], ...]  # category, distance, medals, starts
    by_season: tuple[tuple[str, Medals, int, int | None], ...]  # season, medals, starts, best


def _skater_stats(entries: tuple[tuple[Race, Result], ...]) -> SkaterStats:
    total: Counter[int] = Counter()
    dist: dict[tuple[str, Distance], Counter[int]] = defaultdict(Counter)
    dist_starts: Counter[tuple[str, Distance]] = Counter()
    season: dict[str, Counter[int]] = defaultdict(Counter)
    season_starts: Counter[str] = Counter()
    best: dict[str, int] = {}
    for race, r in entries:
        key = (race.category, race.distance)
        dist_starts[key] += 1
        season_starts[race.season] += 1
        if r.place is not None:
            best[race.season] = min(best.get(race.season, r.place), r.place)
            if r.place <= 3:
                total[r.place] += 1
                dist[key][r.place] += 1
                season[race.season][r.place] += 1
    by_distance = tuple(
        (c, d, _medals(dist[(c, d)]), dist_starts[(c, d)])
        for c, d in sorted(dist_starts, key=lambda k: (CATEGORIES.index(k[0]), k[1].sort_key))
    )
    by_season = tuple((s, _medals(season[s]), season_starts[s], best.get(s))
                      for s in sorted(season_starts))
    return SkaterStats(_medals(total), by_distance, by_season)


class SkaterStatsMap(Mapping[str, SkaterStats]):
    """Every skater's statistics, each computed when first asked for: an incremental build
    that re-renders two skaters' pages computes two, not thousands."""

    def __init__(self, entries: dict[str, tuple[tuple[Race, Result], ...]]) -> None:
        self._entries = entries
        self._done: dict[str, SkaterStats] = {}

    def __getitem__(self, slug: str) -> SkaterStats:
        hit = self._done.get(slug)
        if hit is None:
            hit = self._done[slug] = _skater_stats(self._entries[slug])
        return hit

    def __contains__(self, slug: object) -> bool:
        return slug in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


class Stats:
    """Statistics of one site, each table computed when first used (see ``compute_tables``)."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.skaters = SkaterStatsMap(site.index.skater_entries)

    @cached_property
    def season_medal_table(self) -> dict[str, tuple[Tally, ...]]:
        """Season → nations."""
        return {s.id: tuple(tallies(s.races, "nation")) for s in self.site.seasons}

    @cached_property
    def season_skater_table(self) -> dict[str, tuple[Tally, ...]]:
        """Season → skaters."""
        return {s.id: tuple(tallies(s.races, "skater")) for s in self.site.seasons}

    @cached_property
    def nation_medals(self) -> dict[str, tuple[tuple[str, Medals], ...]]:
        """Nation → medals per season."""
        out: dict[str, list[tuple[str, Medals]]] = defaultdict(list)
        for sid, table in self.season_medal_table.items():
            for t in table:
                out[t.key].append((sid, (t.gold, t.silver, t.bronze)))
        return {k: tuple(v) for k, v in sorted(out.items())}

    @cached_property
    def _all_races(self) -> list[Race]:
        return [r for s in self.site.seasons for r in s.races]

    @cached_property
    def alltime_skaters(self) -> tuple[Tally, ...]:
        return tuple(tallies(self._all_races, "skater"))

    @cached_property
    def alltime_nations(self) -> tuple[Tally, ...]:
        return tuple(tallies(self._all_races, "nation"))

    @cached_property
    def nation_members(self) -> dict[str, tuple[Skater, ...]]:
        """Nation → the skaters who ever skated for it (by the registry, or under it in a
        result: a neutral flag such as ROC), by name."""
        out: dict[str, dict[str, Skater]] = defaultdict(dict)
        for sk in self.site.skaters.values():
            for st in sk.names:
                out[st.nation][sk.slug] = sk
        for slug, entries in self.site.index.skater_entries.items():
            for _race, r in entries:
                if r.nation and slug in self.site.skaters:
                    out[r.nation][slug] = self.site.skaters[slug]
        return {code: tuple(sorted(members.values(), key=lambda s: (s.name.casefold(), s.slug)))
                for code, members in out.items()}

    def compute_tables(self) -> None:
        """The tables many pages share, now: before forking render workers, so they do not
        each redo them (a skater's own statistics are computed by the worker rendering them)."""
        for name in ("season_skater_table", "nation_medals", "alltime_skaters",
                     "alltime_nations"):
            getattr(self, name)


def compute_stats(site: Site) -> Stats:
    return Stats(site)
