"""Statistics derived from the model once per build: podium counts, medal tables, leaders.

One definition of a skater's podiums everywhere (pages, CSV, JSON, card): their **individual**
podiums are places 1-3 in individual races; their **relay** podiums are places 1-3 of relay
teams the data names them in (a team without members counts for its nation only). The two are
always counted and shown apart, never added up silently.

Starts come from ``full`` races only (every skater who started listed): a podium-only race says
nothing of who else skated, so a count of starts that includes it would be a podium count under
another name. Where a scope has no full race, its starts are None ("not recorded"), never 0.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple

from site_gen.model import site as model
from site_gen.model.site import (
    CATEGORIES,
    Distance,
    Race,
    Result,
    Season,
    Site,
    Skater,
    StandingsTable,
)
from site_gen.model.slugs import name_key

Medals = tuple[int, int, int]  # golds, silvers, bronzes


def has_share_image(site: model.Site, slug: str) -> bool:
    """Whether the site draws a skater's share image: for skaters with at least one podium
    (individual or relay); every other skater's link preview is the site's default image."""
    return any(r.place in (1, 2, 3) for _, r in site.index.skater_entries.get(slug, ()))


def _medals(counter: Counter[int]) -> Medals:
    return (counter[1], counter[2], counter[3])


@dataclass(frozen=True)
class Tally:
    """Podium counts of one skater or nation in some scope."""

    key: str
    gold: int
    silver: int
    bronze: int
    starts: int | None = None  # results in full races; None when none of theirs is full

    @property
    def total(self) -> int:
        return self.gold + self.silver + self.bronze

    @property
    def medals(self) -> Medals:
        return (self.gold, self.silver, self.bronze)

    @property
    def sort_key(self) -> tuple[int, int, int, int, str]:
        """Medal-table order: most wins, then seconds, thirds."""
        return (-self.gold, -self.silver, -self.bronze, -self.total, self.key)

    @property
    def podium_key(self) -> tuple[int, int, int, int, str]:
        """'Most podiums' order: most podiums, then wins, seconds."""
        return (-self.total, -self.gold, -self.silver, -self.bronze, self.key)

    @property
    def win_key(self) -> tuple[int, int, int, int, str]:
        """'Most wins' order: most wins, then podiums, seconds."""
        return (-self.gold, -self.total, -self.silver, -self.bronze, self.key)


def _keys(r: Result, by: str) -> tuple[str, ...]:
    if by == "nation":
        return (r.nation,)
    if by == "relay":
        return r.members if r.is_team else ()
    return (r.skater,) if r.skater else ()


def tallies(races: list[Race] | tuple[Race, ...], by: str) -> list[Tally]:
    """Podium tallies in medal-table order, by 'skater' (their individual results), 'relay'
    (relay teams naming the skater, by skater) or 'nation' (every result of its skaters and
    teams)."""
    counts: dict[str, Counter[int]] = defaultdict(Counter)
    starts: dict[str, int | None] = {}
    for race in races:
        for r in race.results:
            for key in dict.fromkeys(_keys(r, by)):
                _count(starts, key, race.full)
                if r.place in (1, 2, 3):
                    counts[key][r.place] += 1
    out = [Tally(k, *_medals(counts[k]), starts=starts[k]) for k in starts]
    return sorted(out, key=lambda t: t.sort_key)


def coverage(races: Iterable[Race]) -> str:
    """'full' when every race has a full classification, 'podium' when none has, else
    'mixed': what a table of these races may say about starts."""
    kinds = {race.classification for race in races}
    return kinds.pop() if len(kinds) == 1 else ("mixed" if kinds else "podium")


class SeasonRow(NamedTuple):
    """A skater's season: individual races (results, best place, podiums) and, apart, relays
    they are named in."""

    season: str
    medals: Medals
    starts: int | None  # None: no full race of theirs that season (podiums only)
    best: int | None
    relay: Medals
    relay_starts: int | None


@dataclass(frozen=True)
class SkaterStats:
    podiums: Medals  # all seasons, individual races
    relay: Medals  # all seasons, relay teams the skater is named in
    starts: int | None  # individual results in full races; None when there are none
    relay_starts: int | None  # relay results in full races naming the skater
    # category, distance, medals, starts (None: podiums only)
    by_distance: tuple[tuple[str, Distance, Medals, int | None], ...]
    by_season: tuple[SeasonRow, ...]
    partial: bool = False  # individual results of both kinds: starts count the full ones only
    relay_partial: bool = False  # the same for relay results naming the skater
    has_individual: bool = False  # any individual result
    has_relays: bool = False  # any relay result naming the skater

    @property
    def podium_count(self) -> int:
        return sum(self.podiums)

    @property
    def span(self) -> str:
        """'2003–04', or '2003–04 to 2010–11': the seasons with a result."""
        first, last = self.by_season[0].season, self.by_season[-1].season
        label = model.season_label
        return label(first) if first == last else f"{label(first)} to {label(last)}"

    @property
    def relay_count(self) -> int:
        return sum(self.relay)


def _skater_stats(entries: tuple[tuple[Race, Result], ...]) -> SkaterStats:
    dist: dict[tuple[str, Distance], Counter[int]] = defaultdict(Counter)
    dist_starts: dict[tuple[str, Distance], int | None] = {}
    # (season, relay?) → places; starts (full races only); best individual place per season
    season: dict[tuple[str, bool], Counter[int]] = defaultdict(Counter)
    season_starts: dict[tuple[str, bool], int | None] = {}
    best: dict[str, int] = {}
    kinds: dict[bool, set[bool]] = {False: set(), True: set()}  # relay? → full? seen
    for race, r in entries:
        key, skey = (race.category, race.distance), (race.season, r.is_team)
        _count(dist_starts, key, race.full)
        _count(season_starts, skey, race.full)
        kinds[r.is_team].add(race.full)
        if r.place is not None and not r.is_team:
            best[race.season] = min(best.get(race.season, r.place), r.place)
        if r.place in (1, 2, 3):
            dist[key][r.place] += 1
            season[skey][r.place] += 1
    by_distance = tuple(
        (c, d, _medals(dist[(c, d)]), dist_starts[(c, d)])
        for c, d in sorted(dist_starts, key=lambda k: (CATEGORIES.index(k[0]), k[1].sort_key))
    )
    by_season = tuple(
        SeasonRow(s, _medals(season[(s, False)]), season_starts.get((s, False)), best.get(s),
                  _medals(season[(s, True)]), season_starts.get((s, True)))
        for s in sorted({sid for sid, _ in season_starts}))
    ind = tuple(sum(row.medals[i] for row in by_season) for i in range(3))
    rel = tuple(sum(row.relay[i] for row in by_season) for i in range(3))
    return SkaterStats((ind[0], ind[1], ind[2]), (rel[0], rel[1], rel[2]),
                       _known_sum(r.starts for r in by_season),
                       _known_sum(r.relay_starts for r in by_season), by_distance, by_season,
                       partial=len(kinds[False]) == 2, relay_partial=len(kinds[True]) == 2,
                       has_individual=bool(kinds[False]), has_relays=bool(kinds[True]))


def _count(counter: dict[Any, int | None], key: Any, full: bool) -> None:
    """One more result under ``key``: a start when its race is full, else only 'seen'."""
    if full:
        counter[key] = (counter.get(key) or 0) + 1
    else:
        counter.setdefault(key, None)


def _known_sum(values: Iterable[int | None]) -> int | None:
    """The sum of the known counts; None when none is known."""
    known = [v for v in values if v is not None]
    return sum(known) if known else None


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


StandingsRow = tuple[Season, StandingsTable, Result]


def _table_order(t: StandingsTable) -> tuple[int, int, tuple[int, int]]:
    """Men before women before mixed; overall first, then distances (relays last)."""
    return (CATEGORIES.index(t.category), 1 if t.distance else 0,
            t.distance.sort_key if t.distance else (0, 0))


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
    def titles(self) -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
        """Skater or team → per season, the official standings they won ('overall',
        '1000m'), overall first: from the standings in the data, never from podium counts."""
        out: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)
        for s in self.site.seasons:
            for category in CATEGORIES:
                for t in s.champions(category):
                    label = t.label.lower() if t.distance is None else t.label
                    winners = {p for r in t.results if r.place == 1 for p in r.people}
                    for slug in sorted(winners):
                        won = out[slug]
                        if not won or won[-1][0] != s.id:
                            won.append((s.id, []))
                        won[-1][1].append(label)
        return {slug: tuple((sid, tuple(labels)) for sid, labels in won)
                for slug, won in out.items()}

    @cached_property
    def _all_races(self) -> list[Race]:
        return [r for s in self.site.seasons for r in s.races]

    @cached_property
    def season_relay_table(self) -> dict[str, tuple[Tally, ...]]:
        """Season → skaters named in relay teams, by their relay podiums."""
        return {s.id: tuple(tallies(s.races, "relay")) for s in self.site.seasons}

    @cached_property
    def alltime_skaters(self) -> tuple[Tally, ...]:
        return tuple(tallies(self._all_races, "skater"))

    @cached_property
    def alltime_relays(self) -> tuple[Tally, ...]:
        return tuple(tallies(self._all_races, "relay"))

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
        return {code: tuple(sorted(members.values(), key=lambda s: name_key(s.name, s.slug)))
                for code, members in out.items()}

    @cached_property
    def skater_standings(self) -> dict[str, tuple[StandingsRow, ...]]:
        """Skater → every line of an official standings table naming them (a relay team's
        when it names its members), by season, each season's men before women before mixed,
        overall first."""
        out: dict[str, list[StandingsRow]] = defaultdict(list)
        for season in self.site.seasons:
            for table in sorted(season.standings, key=_table_order):
                for r in table.results:
                    for slug in dict.fromkeys(r.people):
                        out[slug].append((season, table, r))
        return {slug: tuple(rows) for slug, rows in out.items()}

    def compute_tables(self) -> None:
        """The tables many pages share, now: before forking render workers, so they do not
        each redo them (a skater's own statistics are computed by the worker rendering them)."""
        for name in ("season_skater_table", "season_relay_table", "nation_medals",
                     "alltime_skaters", "alltime_relays", "alltime_nations", "skater_standings"):
            getattr(self, name)


def compute_stats(site: Site) -> Stats:
    return Stats(site)
