"""Statistics derived from the model once per build: podium counts, medal tables, leaders."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from .model import CATEGORIES, Distance, Race, Result, Site

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


@dataclass(frozen=True)
class Stats:
    skaters: dict[str, SkaterStats]
    nation_medals: dict[str, tuple[tuple[str, Medals], ...]]  # nation → per season
    season_medal_table: dict[str, tuple[Tally, ...]]  # season → nations
    season_skater_table: dict[str, tuple[Tally, ...]]  # season → skaters
    alltime_skaters: tuple[Tally, ...]
    alltime_nations: tuple[Tally, ...]


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


def compute_stats(site: Site) -> Stats:
    idx = site.index
    skaters = {slug: _skater_stats(entries) for slug, entries in idx.skater_entries.items()}
    nation_medals: dict[str, list[tuple[str, Medals]]] = defaultdict(list)
    season_nations, season_skaters = {}, {}
    for season in site.seasons:
        races = season.races
        season_nations[season.id] = tuple(tallies(races, "nation"))
        season_skaters[season.id] = tuple(tallies(races, "skater"))
        for t in season_nations[season.id]:
            nation_medals[t.key].append((season.id, (t.gold, t.silver, t.bronze)))
    all_races = [r for s in site.seasons for r in s.races]
    return Stats(
        skaters=skaters,
        nation_medals={k: tuple(v) for k, v in sorted(nation_medals.items())},
        season_medal_table=season_nations,
        season_skater_table=season_skaters,
        alltime_skaters=tuple(tallies(all_races, "skater")),
        alltime_nations=tuple(tallies(all_races, "nation")),
    )
