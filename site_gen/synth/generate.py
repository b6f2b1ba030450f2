"""A deterministic synthetic data set in the content format, for benchmarks and scale tests.

Same seed → byte-identical files: one ``random.Random(seed)``, lists and insertion-ordered
dicts only, no clock. YAML is written as text (``json.dumps`` quoting is valid YAML).
"""

from __future__ import annotations

import heapq
import math
import random
import shutil
from datetime import date, timedelta
from pathlib import Path

from site_gen.errors import DataError, Problem
from site_gen.model.slugs import slugify
from site_gen.synth.people import Names, SynthSkater, quote, shown_changes, skaters_yaml
from site_gen.synth.tables import CITIES, NATIONS

FIRST_YEAR = 2003
STOPS = 8
FIELD = 32  # ranked skaters per individual race
TEAMS = 8  # teams per relay
NEW_PER_SEASON = 400
MIXED_FROM = 2019
MARKER = ".synthetic"
POINTS = (100, 80, 70, 60, 50, 44, 40, 36, 32, 29, 26, 24, 22, 20, 18, 16,
          15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1)
DISTANCES = ("500m", "1000m", "1500m")
BASE_TIME = (41.0, 85.0, 133.0)  # seconds, first place, first season
STEP_TIME = (0.06, 0.12, 0.20)  # seconds added per place
RELAY = {"men": ("5000m relay", 402.0), "women": ("3000m relay", 247.0),
         "mixed": ("2000m relay", 158.0)}


def _time(seconds: float) -> str:
    ms = round(seconds * 1000)
    minutes, rest = divmod(ms, 60_000)
    secs, frac = divmod(rest, 1000)
    return f"{minutes}:{secs:02d}.{frac:03d}" if minutes else f"{secs}.{frac:03d}"


class _World:
    def __init__(self, seed: int, seasons: int) -> None:
        self.rng = random.Random(seed)
        self.seasons = seasons
        self.names = Names(self.rng)
        self.skaters: list[SynthSkater] = []
        self.raced: dict[str, set[int]] = {}  # slug → the seasons (indexes) they raced in
        self.codes = [c for c, _, _ in NATIONS]
        self.weights = [w for _, _, w in NATIONS]

    def add_cohort(self, s: int) -> list[SynthSkater]:
        r, cohort = self.rng, []
        for i in range(NEW_PER_SEASON):
            gender = "men" if i % 2 == 0 else "women"
            nation = r.choices(self.codes, self.weights)[0]
            name = self.names.new(nation, gender)
            length = max(1, min(12, round(r.gauss(6, 2))))
            sk = SynthSkater(slugify(name), name, nation, gender, s, s + length - 1,
                         r.gauss(0, 1), (r.gauss(0, .4), r.gauss(0, .3), r.gauss(0, .4)))
            if length >= 3 and r.random() < 0.012:
                at = s + r.randint(1, length - 1)
                if at < self.seasons:
                    if r.random() < 0.5:  # a new name (same nation)
                        sk.changes.append((at, self.names.family_change(name, nation, gender),
                                           nation))
                    else:  # a new nation, sometimes with a new name too
                        new_nation = r.choice([c for c in self.codes if c != nation])
                        new_name = (self.names.new(new_nation, gender) if r.random() < 0.5
                                    else name)
                        sk.changes.append((at, new_name, new_nation))
            cohort.append(sk)
        self.skaters.extend(cohort)
        return cohort


def _calendar(r: random.Random, s: int) -> list[tuple[str, str, str, str | None, date]]:
    """Eight stops: (slug, city, nation, rink, first day), in date order."""
    year = FIRST_YEAR + s
    picks = r.sample(range(len(CITIES)), STOPS)
    if r.random() < 0.3:  # a second stop in one city this season, the week after
        at = r.randrange(STOPS - 1)
        picks[at + 1] = picks[at]
    day = date(year, 10, 14)
    day += timedelta(days=(4 - day.weekday()) % 7)  # a Friday
    stops, seen = [], dict[str, int]()
    for i, pick in enumerate(picks):
        city, nation, rink = CITIES[pick]
        slug = slugify(city)
        seen[slug] = seen.get(slug, 0) + 1
        if seen[slug] > 1:
            slug = f"{slug}-{seen[slug]}"
        gap = 7 if i and picks[i] == picks[i - 1] else 14
        if i == 4:
            gap += 21  # the winter break
        if i:
            day += timedelta(days=gap)
        stops.append((slug, city, nation, rink, day))
    return stops


def _pick(r: random.Random, pool: list[SynthSkater], n: int, k: int | None = None,
          noise: float = 0.7) -> list[SynthSkater]:
    """The n strongest of pool on the day (k = distance index for specialists)."""
    keyed = [(sk.skill + (sk.spec[k] if k is not None else 0) + r.gauss(0, noise), i)
             for i, sk in enumerate(pool)]
    return [pool[i] for _, i in heapq.nlargest(n, keyed)]


class _Season:
    """One season's generation: stops, races and the points they give."""

    def __init__(self, world: _World, s: int, cohort: list[SynthSkater]) -> None:
        self.w, self.s, self.r = world, s, world.rng
        self.sid = f"{FIRST_YEAR + s}-{(FIRST_YEAR + s + 1) % 100:02d}"
        self.active = {g: [k for k in world.skaters if k.gender == g and k.first <= s <= k.last]
                       for g in ("men", "women")}
        for sk in self.active["men"] + self.active["women"]:
            if 0 < s - sk.first <= 4:
                sk.skill += 0.25  # experience
        self.unraced = {g: [k for k in cohort if k.gender == g] for g in ("men", "women")}
        self.points: dict[tuple[str, str], dict[str, int]] = {}
        self.raced = world.raced  # every skater who has raced, all seasons
        self.mixed = FIRST_YEAR + s >= MIXED_FROM

    def _award(self, category: str, table: str, who: str, place: int | None) -> None:
        if place is not None and place <= len(POINTS):
            for key in ((category, table), (category, "overall")):
                if table.endswith("relay") and key[1] == "overall":
                    continue
                bucket = self.points.setdefault(key, {})
                bucket[who] = bucket.get(who, 0) + POINTS[place - 1]

    def _ranked(self, n: int) -> tuple[list[int | None], list[str | None]]:
        """Places (None for a status) and statuses for a field of n."""
        places: list[int | None] = list(range(1, n + 1))
        statuses: list[str | None] = [None] * n
        for status, chance in (("PEN", 0.3), ("DNF", 0.1)):
            if self.r.random() < chance:
                i = self.r.randrange(n)
                if statuses[i] is None:
                    statuses[i] = status
        place = 0
        for i in range(n):
            if statuses[i] is None:
                place += 1
                places[i] = place
            else:
                places[i] = None
        return places, statuses

    def _times(self, base: float, step: float, n: int, women: bool = False) -> list[str]:
        drift = (1 - 0.002 * self.s) * (1.06 if women else 1.0)
        raw = sorted(base * drift + step * i + self.r.uniform(0, step * 2) for i in range(n))
        return [_time(t) for t in raw]

    def individual(self, gender: str, k: int, entrants: list[SynthSkater]) -> list[str]:
        order = _pick(self.r, entrants, len(entrants), k, 0.9)
        places, statuses = self._ranked(len(order))
        times = self._times(BASE_TIME[k], STEP_TIME[k], len(order), gender == "women")
        lines, trailing = [], []
        for sk, place, status in zip(order, places, statuses, strict=True):
            self.raced.setdefault(sk.slug, set()).add(self.s)
            if place is None:
                trailing.append(f"      - {{skater: {sk.slug}, status: {status}}}")
            else:
                lines.append(f"      - {{place: {place}, skater: {sk.slug}, "
                             f"time: {quote(times[place - 1])}}}")
                self._award(gender, DISTANCES[k], sk.slug, place)
        return lines + trailing

    def entrants(self, gender: str, stops_left: int) -> list[list[SynthSkater]]:
        """Three fields of 32 for one stop: some debutants, the rest the strongest on the day."""
        unraced = self.unraced[gender]
        quota = math.ceil(len(unraced) / stops_left) if unraced else 0
        debut, self.unraced[gender] = unraced[:quota], unraced[quota:]
        regulars = [k for k in self.active[gender] if k.slug in self.raced]
        roster = _pick(self.r, regulars, 72, None, 2.5) if regulars else []
        fields = []
        for k in range(3):
            mine = debut[k::3]
            chosen = {x.slug for x in mine}
            rest = [x for x in _pick(self.r, roster, len(roster), k, 2.0) if x.slug not in chosen]
            entrants = mine + rest[: FIELD - len(mine)]
            if len(entrants) < FIELD:  # early seasons: fill with more newcomers
                extra = self.unraced[gender][: FIELD - len(entrants)]
                self.unraced[gender] = self.unraced[gender][len(extra):]
                entrants += extra
            fields.append(entrants)
        return fields

    def relay(self, category: str) -> list[str]:
        genders = ("men", "women") if category == "mixed" else (category,)
        per = 2 if category == "mixed" else 4
        by_nation: dict[str, dict[str, list[SynthSkater]]] = {}
        for g in genders:
            for sk in self.active[g]:
                by_nation.setdefault(sk.stint(self.s)[1], {}).setdefault(g, []).append(sk)
        able = [c for c in self.w.codes if c in by_nation
                and all(len(by_nation[c].get(g, [])) >= per for g in genders)]
        strength = [(sum(sorted((x.skill for x in by_nation[c][g]), reverse=True)[:per][-1]
                         for g in genders) + self.r.gauss(0, 1.2), c) for c in able]
        teams = [c for _, c in sorted(strength, reverse=True)[:TEAMS]]
        places, statuses = self._ranked(len(teams))
        label, base = RELAY[category]
        times = self._times(base, 0.9, len(teams))
        lines, trailing = [], []
        for code, place, status in zip(teams, places, statuses, strict=True):
            members = [m for g in genders for m in _pick(self.r, by_nation[code][g], per, None)]
            for m in members:
                self.raced.setdefault(m.slug, set()).add(self.s)
            team = f"team: {code}, members: [{', '.join(m.slug for m in members)}]"
            if place is None:
                trailing.append(f"      - {{{team}, status: {status}}}")
            else:
                lines.append(f"      - {{place: {place}, {team}, time: {quote(times[place - 1])}}}")
                self._award(category, label, code, place)
        return lines + trailing

    def stop(self, i: int, city: str, nation: str, rink: str | None, day: date) -> str:
        out = [f"city: {quote(city)}", f"nation: {nation}"]
        if rink:
            out.append(f"rink: {quote(rink)}")
        out.append("classification: full")  # every skater who started, placed
        out.append("races:")
        fields = {g: self.entrants(g, STOPS - i) for g in ("men", "women")}
        order = ((0, 2), (1, 0), (2, 1))  # (day offset, distance index): 1500m, 500m, 1000m
        for offset, k in order:
            for g in ("men", "women"):
                out += [f"  - date: {day + timedelta(days=offset)}", f"    category: {g}",
                        f"    distance: {DISTANCES[k]}", "    results:"]
                out += self.individual(g, k, fields[g][k])
        categories = ("men", "women", "mixed") if self.mixed else ("men", "women")
        for c in categories:
            out += [f"  - date: {day + timedelta(days=2)}", f"    category: {c}",
                    f"    distance: {RELAY[c][0]}", "    results:"]
            out += self.relay(c)
        return "\n".join(out) + "\n"

    def season_yaml(self, first: date, last: date) -> str:
        title = f"{self.sid.replace('-', '–')} ISU Short Track Speed Skating World Cup"
        out = [f"title: {quote(title)}", f"start: {first}", f"end: {last}", "standings:"]
        categories = ("men", "women", "mixed") if self.mixed else ("men", "women")
        for c in categories:
            out.append(f"  {c}:")
            tables = [RELAY[c][0]] if c == "mixed" else ["overall", *DISTANCES, RELAY[c][0]]
            for table in tables:
                scores = self.points.get((c, table), {})
                ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:40]
                who = "team" if table.endswith("relay") else "skater"
                out += [f"    - distance: {table}", "      results:"]
                out += [f"        - {{place: {n}, {who}: {key}, points: {pts}}}"
                        for n, (key, pts) in enumerate(ranked, 1)]
        return "\n".join(out) + "\n"


def _prepare(content: Path) -> None:
    if content.exists() and any(content.iterdir()) and not (content / MARKER).exists():
        raise DataError([Problem(str(content), 0, 0,
                                 "refusing to write synthetic data into a folder that holds other "
                                 f"content (no {MARKER} marker); give an empty or new folder")])
    if (content / "seasons").exists():
        shutil.rmtree(content / "seasons")
    content.mkdir(parents=True, exist_ok=True)
    (content / MARKER).write_text("written by `site-gen synth`; safe to delete\n")


def write_synthetic(content: Path, seasons: int, seed: int = 0) -> None:
    """Write ``seasons`` synthetic seasons from 2003-04 on into ``content`` (docs/benchmarks.md)."""
    content = Path(content)
    _prepare(content)
    world = _World(seed, seasons)
    sids: list[str] = []
    files: dict[str, str] = {}
    for s in range(seasons):
        season = _Season(world, s, world.add_cohort(s))
        sids.append(season.sid)
        stops = _calendar(world.rng, s)
        for i, (slug, city, nation, rink, day) in enumerate(stops):
            files[f"seasons/{season.sid}/{slug}.yaml"] = season.stop(i, city, nation, rink, day)
        files[f"seasons/{season.sid}/season.yaml"] = season.season_yaml(
            stops[0][4], stops[-1][4] + timedelta(days=2))
    for sk in world.skaters:
        shown_changes(sk, world.raced.get(sk.slug, set()))
    files["skaters.yaml"] = skaters_yaml(world.skaters, sids)
    files["nations.yaml"] = "".join(f"{c}: {quote(n)}\n" for c, n, _ in NATIONS)
    files["site.yaml"] = (f"title: {quote('Short Track World Cup Statistics (synthetic)')}\n"
                          f"description: {quote(f'{seasons} synthetic seasons, seed {seed}')}\n")
    for rel, text in files.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
