"""The season model: frozen dataclasses, built once by ``load`` and never mutated."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

CATEGORIES = ("men", "women", "mixed")
INDIVIDUAL_METERS = (500, 1000, 1500, 3000)
RELAY_METERS = (2000, 3000, 5000)
USUAL_RELAY = {"men": 5000, "women": 3000, "mixed": 2000}
# "the men's 500m", "the mixed 2000m relay": a category as it reads before a distance
OF_CATEGORY = {"men": "men's", "women": "women's", "mixed": "mixed"}


def of_category(category: str) -> str:
    """'men's', 'women's', 'mixed': a category as it reads before a distance."""
    return OF_CATEGORY.get(category, f"{category}'s")
STATUSES = ("PEN", "DNF", "DNS", "DQ", "YC")
# What a race's results cover: only the top places (what a season article gives), or every
# skater who started (placed, or with a status). Podium-only data never yields counts of starts.
CLASSIFICATIONS = ("podium", "full")
SEASON_RE = re.compile(r"^(\d{4})-(\d{2})$")
# Neutral flags a nation's skaters competed under (ROC in 2020–22, AIN from 2023–24): the same
# person, and no change of nation, as under the nation's own code.
NEUTRAL = {"ROC": ("RUS",), "OAR": ("RUS",), "AIN": ("RUS", "BLR")}


# a race time: seconds with a fraction ('41.234'), or minutes and two-digit seconds ('2:17.051')
TIME_RE = re.compile(r"(?:(\d{1,2}):([0-5]\d)|([1-5]?\d))(\.\d{1,3})")


def seconds(time: str | None) -> float | None:
    """A race time ('2:17.051', '41.234') in seconds; None when it is not written as one
    (``check`` warns about those: '1:75.000', '62.3', '41')."""
    m = TIME_RE.fullmatch((time or "").strip())
    if m is None:
        return None
    return int(m[1] or 0) * 60 + float((m[2] or m[3]) + m[4])


def time_problem(time: str) -> str | None:
    """Why ``time`` is not a race time (``check`` warns, a results table import refuses it);
    None when ``seconds`` reads it."""
    if seconds(time) is not None:
        return None
    return (f"time '{time[:20]}' is not written like \"41.234\" or \"2:17.051\" (minutes, "
            "then seconds below 60 with two digits, then a fraction)")


# a race marked 'full' with this many results or fewer is most likely a podium copied as full
SHORT_FULL = 3


def season_label(sid: str) -> str:
    """'2003–04' with an en dash, as written in titles."""
    return sid.replace("-", "–")


def with_flags(code: str) -> set[str]:
    """A nation and the neutral flags its skaters raced under: ``RUS`` → {RUS, ROC, OAR, AIN}."""
    return {code, *(flag for flag, of in NEUTRAL.items() if code in of)}


def same_nation(code: str) -> set[str]:
    """``ROC`` → {ROC, RUS}; ``RUS`` → {RUS, ROC, OAR, AIN}; ``KOR`` → {KOR}."""
    return with_flags(code) | set(NEUTRAL.get(code, ()))


@dataclass(frozen=True, order=True)
class Distance:
    meters: int
    relay: bool

    @property
    def label(self) -> str:
        return f"{self.meters}m relay" if self.relay else f"{self.meters}m"

    @property
    def slug(self) -> str:
        return f"{self.meters}m-relay" if self.relay else f"{self.meters}m"

    @property
    def sort_key(self) -> tuple[int, int]:
        return (1 if self.relay else 0, self.meters)


_DIST_RE = re.compile(r"^\s*(\d+)\s*m\s*(?:(mixed)\s+)?(relay)?\s*$", re.IGNORECASE)


def parse_distance(text: str) -> Distance | None:
    """'500m' / '5000m relay' / '2000m mixed relay' → Distance, or None if not a known distance."""
    m = _DIST_RE.match(str(text))
    if not m:
        return None
    meters, relay = int(m.group(1)), bool(m.group(3))
    if bool(m.group(2)) and not relay:
        return None
    if meters not in (RELAY_METERS if relay else INDIVIDUAL_METERS):
        return None
    return Distance(meters, relay)


def known_distances() -> list[str]:
    return [f"{m}m" for m in INDIVIDUAL_METERS] + [f"{m}m relay" for m in RELAY_METERS]


@dataclass(frozen=True)
class Nation:
    code: str
    name: str


@dataclass(frozen=True)
class Stint:
    """From ``season`` on, the skater competed as ``name`` for ``nation``."""

    season: str
    name: str
    nation: str


@dataclass(frozen=True)
class Skater:
    slug: str
    name: str
    nation: str
    gender: str | None = None
    changes: tuple[Stint, ...] = ()
    former_slugs: tuple[str, ...] = ()
    namesakes: tuple[str, ...] = ()  # skaters of the same name who are other people (check)
    sort_name: str | None = None  # 'Hwang, Dae-heon': the family name first, where known
    spellings: tuple[str, ...] = ()  # other spellings of their name that import matches

    def stint(self, season: str) -> Stint:
        current = Stint("", self.name, self.nation)
        for change in self.changes:
            if change.season <= season:
                current = change
        return current

    @property
    def current_name(self) -> str:
        return self.changes[-1].name if self.changes else self.name

    @property
    def current_nation(self) -> str:
        return self.changes[-1].nation if self.changes else self.nation

    @property
    def names(self) -> tuple[Stint, ...]:
        return (Stint("", self.name, self.nation), *self.changes)


@dataclass(frozen=True)
class Result:
    """One line of a race or standings table: a skater or a nation's relay team."""

    place: int | None
    nation: str
    name: str  # skater's name at the time, or the team's name
    skater: str | None = None  # skater slug; None for a relay team
    members: tuple[str, ...] = ()  # relay team members (skater slugs), when known
    member_names: tuple[str, ...] = ()  # their names that season, in the same order
    time: str | None = None
    status: str | None = None
    points: float | None = None
    note: str | None = None

    @property
    def people(self) -> tuple[str, ...]:
        """The skaters a result names: its skater, or a team's listed members."""
        return (self.skater,) if self.skater else self.members

    @property
    def is_team(self) -> bool:
        return self.skater is None


@dataclass(frozen=True)
class Race:
    season: str
    competition: str  # competition slug
    date: date
    category: str
    distance: Distance
    number: int  # 0 when the distance is raced once at the stop, else 1, 2, …
    results: tuple[Result, ...]
    corrections: tuple[str, ...] = ()
    line: int = 0
    classification: str = "podium"  # CLASSIFICATIONS
    date_inferred: bool = False  # the date is reasoned from other races, not given by a source

    @property
    def label(self) -> str:
        return f"{self.distance.label} ({self.number})" if self.number else self.distance.label

    @property
    def full(self) -> bool:
        """True when every skater who started is listed: starts and meetings can be counted."""
        return self.classification == "full"

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.category, self.distance.slug, self.number)

    @property
    def has_details(self) -> bool:
        """True when the results say more than the podium shows: more than three lines, a
        result off the podium (a place below third, a status), a time, a note or relay members."""
        return len(self.results) > 3 or any(
            r.place not in (1, 2, 3) or r.time or r.status or r.note or r.members
            for r in self.results)

    @property
    def gaps(self) -> tuple[str, ...] | None:
        """Per result, its time behind the winner ('+0.336'; '' for the winner and a result
        without a place or a time); None when the winner has no time to measure from."""
        base = next((s for r in self.results if r.place == 1
                     and (s := seconds(r.time)) is not None), None)
        if base is None:
            return None
        mine = [seconds(r.time) if r.place and r.place != 1 else None for r in self.results]
        return tuple("" if s is None else f"{s - base:+.3f}" for s in mine)

    def podium(self) -> dict[int, list[Result]]:
        out: dict[int, list[Result]] = {1: [], 2: [], 3: []}
        for r in self.results:
            if r.place in out:
                out[r.place].append(r)
        return out


@dataclass(frozen=True)
class Competition:
    season: str
    slug: str
    city: str
    nation: str
    venue: str  # venue (city) slug
    races: tuple[Race, ...]
    rink: str | None = None
    corrections: tuple[str, ...] = ()
    source: str = ""
    number: int = 0  # 0 when the only stop in its city that season, else 1, 2, … by date

    @property
    def label(self) -> str:
        """'Seoul', or 'Seoul (2)' for the second of two stops in Seoul in one season."""
        return f"{self.city} ({self.number})" if self.number else self.city

    @cached_property  # (written to the instance dict: fine on a frozen dataclass)
    def start(self) -> date:
        return min(r.date for r in self.races)

    @cached_property
    def end(self) -> date:
        return max(r.date for r in self.races)

    @cached_property
    def podium_only(self) -> frozenset[tuple[str, Distance]]:
        """(category, distance) of its races that list their podium only (every skater's
        placings chart asks, for each stop of the season)."""
        return frozenset((r.category, r.distance) for r in self.races if not r.full)

    @property
    def categories(self) -> tuple[str, ...]:
        present = {r.category for r in self.races}
        return tuple(c for c in CATEGORIES if c in present)


@dataclass(frozen=True)
class StandingsTable:
    category: str
    distance: Distance | None  # None = overall
    results: tuple[Result, ...]
    corrections: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.distance.label if self.distance else "Overall"


@dataclass(frozen=True)
class Link:
    """A link or image written in a Markdown file, with its place."""

    target: str
    file: str
    line: int
    col: int


@dataclass(frozen=True)
class Source:
    """Where a season's data comes from, to credit it: a title, its address, the licence its
    text is under and the date it was read (when known)."""

    title: str
    url: str
    licence: str
    retrieved: date | None = None


@dataclass(frozen=True)
class Season:
    id: str  # "2003-04"
    title: str
    start: date | None
    end: date | None
    competitions: tuple[Competition, ...]
    standings: tuple[StandingsTable, ...] = ()
    intro_html: str = ""
    corrections: tuple[str, ...] = ()
    intro_links: tuple[Link, ...] = ()  # links written in intro.md (routing/markdown_links.py)
    sources: tuple[Source, ...] = ()

    @property
    def label(self) -> str:
        return season_label(self.id)

    def champions(self, category: str) -> list[StandingsTable]:
        """The category's official standings tables, overall first, then by distance."""
        tables = [t for t in self.standings if t.category == category]
        return sorted(tables, key=lambda t: (t.distance is not None,
                                             t.distance.sort_key if t.distance else (0, 0)))

    @property
    def races(self) -> tuple[Race, ...]:
        return tuple(r for c in self.competitions for r in c.races)

    def distances(self) -> list[tuple[str, Distance]]:
        keys = {(r.category, r.distance) for r in self.races}
        return sorted(keys, key=lambda k: (CATEGORIES.index(k[0]), k[1].sort_key))


@dataclass(frozen=True)
class Page:
    """A Markdown page from content/pages/."""

    slug: str
    title: str
    html: str
    source: str = ""
    links: tuple[Link, ...] = ()  # links written in its Markdown (routing/markdown_links.py)


@dataclass(frozen=True)
class Site:
    nations: dict[str, Nation]
    skaters: dict[str, Skater]
    seasons: tuple[Season, ...]  # oldest first
    pages: tuple[Page, ...] = ()
    title: str = "Short Track World Cup Statistics"
    description: str = ""
    index: SiteIndex = field(default=None, repr=False, compare=False)  # type: ignore[assignment]
    url: str = ""  # the public address from site.yaml: a build's default --base-url


@dataclass(frozen=True)
class SiteIndex:
    """Lookups computed once after loading."""

    skater_results: dict[str, tuple[Race, ...]]  # skater slug → races they have a result in
    skater_entries: dict[str, tuple[tuple[Race, Result], ...]]  # skater → (race, their result)
    nation_races: dict[str, tuple[Race, ...]]  # nation code → races with a result of that nation
    venue_competitions: dict[str, tuple[Competition, ...]]  # venue slug → stops there
    competitions: dict[tuple[str, str], Competition]  # (season, slug) → competition
    seasons: dict[str, Season]
