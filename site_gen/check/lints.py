"""Cross-file lints: facts that load fine one by one but disagree with each other.

Each lint takes the loaded Site (for meaning: registry, nation changes) and the located nodes
(for places) and returns warnings. Add a lint by writing a function and listing it in LINTS.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import date

from site_gen.check.classification import short_full_race
from site_gen.check.located import Located, LocRace, LocSeason, get, items, text
from site_gen.check.registry_lints import change_seasons
from site_gen.errors import Problem
from site_gen.load.located_yaml import Node
from site_gen.model.site import (
    USUAL_RELAY,
    Distance,
    Site,
    of_category,
    same_nation,
    seconds,
    time_problem,
)
from site_gen.model.slugs import slugify


def _warn(node: Node, message: str, code: str) -> Problem:
    return node.problem(message, severity="warning", code=code)


def _results(located: Located) -> Iterator[tuple[LocSeason, str, Node]]:
    """(season, category, result node) of every race and standings line."""
    for season in located.seasons:
        for race in season.races:
            for result in race.results:
                yield season, race.category, result
        for table in season.tables:
            for result in table.results:
                yield season, table.category, result


def nation_mismatch(site: Site, located: Located) -> list[Problem]:
    """A result listed under another nation than the skater's for that season."""
    out = []
    for season, _category, result in _results(located):
        listed, slug = get(result, "nation"), text(get(result, "skater"))
        skater = site.skaters.get(slug)
        if listed is None or skater is None:
            continue
        expected = skater.stint(season.id).nation
        if expected not in same_nation(text(listed)):  # a neutral flag (ROC for RUS) is fine
            out.append(_warn(listed, f"{skater.name} is listed as {text(listed)} here, but "
                             f"skaters.yaml has {expected} for {season.id} and records no "
                             f"change to {text(listed)}: write nation: {expected}, or record "
                             f"the change under {skater.slug} in skaters.yaml",
                             "nation-mismatch"))
    return out


def member_nation(site: Site, located: Located) -> list[Problem]:
    """A relay member who skated for another nation than the team's that season."""
    out = []
    for season, _category, result in _results(located):
        team = text(get(result, "team"))
        for member in items(get(result, "members")):
            skater = site.skaters.get(text(member))
            if not team or skater is None:
                continue
            nation = skater.stint(season.id).nation
            if nation not in same_nation(team):
                out.append(_warn(member, f"{skater.name} skated for {nation} in {season.id} "
                                 f"(skaters.yaml), not for the {team} relay team: correct the "
                                 f"member, or record the change under {skater.slug} in "
                                 "skaters.yaml", "member-nation"))
    return out


def unusual_relay(site: Site, located: Located) -> list[Problem]:
    """A relay over another distance than the category's usual one (e.g. a women's 5000m)."""
    out = []
    for season in located.seasons:
        rows: list[tuple[str, Distance | None, Node]] = [
            (r.category, r.distance, r.node) for r in season.races]
        rows += [(t.category, t.distance, t.node) for t in season.tables]
        for category, dist, node in rows:
            usual = USUAL_RELAY.get(category)
            if dist is None or not dist.relay or usual is None or dist.meters == usual:
                continue
            where = get(node, "distance") or node
            whose = of_category(category)
            out.append(_warn(where, f"the {whose} relay is listed as {dist.label}; the {whose} "
                             f"relay is usually {usual}m relay", "relay-distance"))
    return out


def team_names(site: Site, located: Located) -> list[Problem]:
    """One nation's relay team under two names ('Korea' and 'South Korea')."""
    seen: dict[str, dict[str, list[Node]]] = defaultdict(lambda: defaultdict(list))
    for _season, _category, result in _results(located):
        code = text(get(result, "team"))
        if not code or code not in site.nations:
            continue
        name_node = get(result, "name")
        seen[code][text(name_node) if name_node else site.nations[code].name].append(
            name_node or result)
    out: list[Problem] = []
    for code, names in sorted(seen.items()):
        official = site.nations[code].name
        if len(names) < 2 and official in names:
            continue
        for name, nodes in sorted(names.items()):
            if name == official:
                continue
            others = ", ".join(f"'{n}'" for n in sorted(names) if n != name)
            message = (f"the {code} relay team is listed as '{name}' here and as {others} "
                       f"elsewhere (nations.yaml: '{official}')" if others else
                       f"the {code} relay team is listed as '{name}' here, but nations.yaml "
                       f"names it '{official}'")
            message += f": drop 'name:' (the team is named from nations.yaml) or write '{official}'"
            out.extend(_warn(node, message, "team-name") for node in nodes)
    return out


def standings_without_results(site: Site, located: Located) -> list[Problem]:
    """A standings line for a skater who has no race result that season."""
    out = []
    for season in located.seasons:
        raced = {text(get(r, "skater")) for race in season.races for r in race.results}
        raced |= {text(m) for race in season.races for r in race.results
                  for m in items(get(r, "members"))}
        for table in season.tables:
            for result in table.results:
                slug = text(get(result, "skater"))
                if slug and slug not in raced:
                    out.append(_warn(get(result, "skater") or result,
                                     f"{slug} is in the {season.id} standings but has no race "
                                     f"result that season: add their results, or correct the "
                                     "skater here", "standings-no-results"))
    return out


def _declared(season: LocSeason) -> tuple[date | None, date | None]:
    """The start and end season.yaml gives (None where it gives none, or not a date)."""
    start = season.start.value if season.start else None
    end = season.end.value if season.end else None
    return (start if isinstance(start, date) else None, end if isinstance(end, date) else None)


def outside_season(site: Site, located: Located) -> list[Problem]:
    """A race dated before the season's start or after its end (season.yaml)."""
    out = []
    for season in located.seasons:
        start, end = _declared(season)
        for race in season.races:
            node = get(race.node, "date") or race.node
            if start is not None and race.date < start:
                out.append(_warn(node, f"the {race.label} at {race.city} is dated {race.date}, "
                                 f"before the season starts ({start}, {season.file}): correct "
                                 "the race's date, or the season's 'start:'", "outside-season"))
            if end is not None and race.date > end:
                out.append(_warn(node, f"the {race.label} at {race.city} is dated {race.date}, "
                                 f"after the season ends ({end}, {season.file}): correct the "
                                 "race's date, or the season's 'end:'", "outside-season"))
    return out


def time_format(site: Site, located: Located) -> list[Problem]:
    """A time not written like 41.234 or 2:17.051 (1:2.3, 62.3 s past a minute, 'abc')."""
    out = []
    for _season, _category, result in _results(located):
        node = get(result, "time")
        if node is not None and node.value is not None and \
                (problem := time_problem(node.shown)) is not None:
            out.append(_warn(node, problem, "time-format"))
    return out


def wrong_season(site: Site, located: Located) -> list[Problem]:
    """A race dated outside its season folder's July-to-June year (a stop in the wrong folder)."""
    out = []
    for season in located.seasons:
        first = int(season.id[:4])
        start, end = date(first, 7, 1), date(first + 1, 6, 30)
        declared_start, declared_end = _declared(season)
        by_stop: dict[str, list[LocRace]] = defaultdict(list)
        for race in season.races:
            if (declared_start and race.date < declared_start) or \
                    (declared_end and race.date > declared_end):
                continue  # reported against season.yaml's dates (outside_season)
            if not start <= race.date <= end:
                by_stop[race.stop].append(race)
        for stop, races in by_stop.items():
            where = f"({start} – {end}): is the date right and the file in the right season folder?"
            first_race = races[0]
            if len(races) == len([r for r in season.races if r.stop == stop]) > 1:
                # a whole stop in the wrong folder: one warning, not one a race
                days = sorted(r.date for r in races)
                out.append(_warn(get(first_race.node, "date") or first_race.node,
                                 f"all {len(races)} races at {first_race.city} are dated "
                                 f"{days[0]} to {days[-1]}, outside season {season.id} {where}",
                                 "wrong-season"))
                continue
            out.extend(_warn(get(r.node, "date") or r.node, f"the {r.label} at {r.city} is "
                             f"dated {r.date}, outside season {season.id} {where}",
                             "wrong-season") for r in races)
    return out


def _stops(located: Located) -> Iterator[list[LocRace]]:
    for season in located.seasons:
        by_stop: dict[str, list[LocRace]] = defaultdict(list)
        for race in season.races:
            by_stop[race.stop].append(race)
        yield from by_stop.values()


def category_days(site: Site, located: Located) -> list[Problem]:
    """At one stop, the men's and women's race of one distance on different days; or a whole
    category on one day while another spans several."""
    out = []
    for races in _stops(located):
        by_key: dict[tuple[bool, int, int], dict[str, LocRace]] = defaultdict(dict)
        days: dict[str, set[date]] = defaultdict(set)
        for race in races:
            kind = (race.distance.relay, 0 if race.distance.relay else race.distance.meters,
                    race.number)
            by_key[kind].setdefault(race.category, race)
            days[race.category].add(race.date)
        for pair in by_key.values():
            men, women = pair.get("men"), pair.get("women")
            if men and women and men.date != women.date:
                out.append(_warn(get(women.node, "date") or women.node,
                                 f"the {women.label} at {women.city} is dated {women.date}, the "
                                 f"{men.label} on {men.date}: a stop races one distance for "
                                 "both on the same day", "stop-days"))
        spread = {c: d for c, d in days.items() if len(d) > 1}
        for category, dates in days.items():
            count = sum(1 for r in races if r.category == category)
            if len(dates) == 1 and count >= 3 and spread:
                other, other_days = sorted(spread.items())[0]
                first = next(r for r in races if r.category == category)
                out.append(_warn(get(first.node, "date") or first.node,
                                 f"all {count} {of_category(category)} races at {first.city} "
                                 f"are dated {first.date}, while the {of_category(other)} span "
                                 f"{min(other_days)} to {max(other_days)}: date each race the "
                                 "day it was skated (a stop races one distance for both on the "
                                 "same day)", "stop-days"))
    return out


def numbering(site: Site, located: Located) -> list[Problem]:
    """A distance numbered (1), (2)… at a stop with a number missing."""
    out = []
    for races in _stops(located):
        numbers: dict[tuple[str, object], list[LocRace]] = defaultdict(list)
        for race in races:
            if race.number:
                numbers[(race.category, race.distance)].append(race)
        for group in numbers.values():
            have = sorted(r.number for r in group)
            if have != list(range(1, len(have) + 1)) or len(have) == 1:
                race = group[-1]
                what = (f"leave 'number: {have[0]}' out of a distance raced once at a stop, or "
                        "add its other race" if len(have) == 1 else
                        "number its races 1, 2, … in the order they were skated")
                out.append(_warn(get(race.node, "number") or race.node,
                                 f"the {of_category(race.category)} {race.distance.label} at "
                                 f"{race.city} is numbered {have}: {what}", "numbering"))
    return out


def _namesakes(site: Site, slugs: list[str]) -> bool:
    """Every two of these skaters are said to be different people (``namesakes:`` of one)."""
    return all(b in site.skaters[a].namesakes or a in site.skaters[b].namesakes
               for i, a in enumerate(slugs) for b in slugs[i + 1:])


def registry_clashes(site: Site, located: Located) -> list[Problem]:
    """Two registry skaters whose names give one slug; and skaters racing the other gender."""
    out = []
    owners: dict[str, list[tuple[str, Node]]] = defaultdict(list)
    for node in located.skaters:
        slug = text(get(node, "slug"))
        skater = site.skaters.get(slug)
        if skater is None:
            continue
        for name in {slugify(s.name) for s in skater.names}:
            owners[name].append((slug, node))
    for name, entries in sorted(owners.items()):
        slugs = [s for s, _ in entries]
        if len(entries) > 1 and not _namesakes(site, slugs):
            for slug, node in entries:
                others = [s for s in slugs if s != slug]
                out.append(_warn(node, f"skaters {', '.join(slugs)} have names that give one "
                                 f"slug '{name}': if they are one person, keep one entry and "
                                 "list the other's slug under its former_slugs; if they are "
                                 f"different people, say so here: namesakes: [{', '.join(others)}]",
                                 "slug-clash"))
    for season, category, result in _results(located):
        skater = site.skaters.get(text(get(result, "skater")))
        if skater and skater.gender and category in ("men", "women") and \
                skater.gender != category:
            where = "standings" if result.file == season.file else "races"
            out.append(_warn(get(result, "skater") or result,
                             f"{skater.name} ({skater.gender}) has a result in the "
                             f"{of_category(category)} {season.id} {where}: correct the skater "
                             "here, or their 'gender:' in skaters.yaml", "gender"))
    return out


def _who(site: Site, season: str, result: Node) -> str:
    slug, team = text(get(result, "skater")), text(get(result, "team"))
    skater = site.skaters.get(slug)
    return skater.stint(season).name if skater else f"the {team} team" if team else "?"


def podium_times(site: Site, located: Located) -> list[Problem]:
    """A podium whose times are out of place order. The first three skate one final, where the
    better place has the better time; lower places may come from other finals or rounds (a
    faster B final), and a penalised or disqualified skater has a status, so only the ranked
    podium is compared. One warning a race, at the first time out of order."""
    out = []
    for season in located.seasons:
        for race in season.races:
            ranked: list[tuple[int, float, Node, Node]] = []  # place, seconds, time, result
            for result in race.results:
                place, time = get(result, "place"), get(result, "time")
                if place is None or type(place.value) is not int or not 1 <= place.value <= 3 \
                        or get(result, "status") is not None or time is None:
                    continue
                if (secs := seconds(time.shown)) is not None:
                    ranked.append((place.value, secs, time, result))
            ranked.sort(key=lambda r: r[0])
            for rank, secs, when, result in ranked:
                slower = [r for r in ranked if r[0] < rank and r[1] > secs]
                if not slower:
                    continue
                o_rank, _, o_time, o_result = max(slower, key=lambda r: r[1])
                out.append(_warn(when, f"in the {race.label} at {race.city}, place {rank} "
                                 f"({_who(site, season.id, result)}) is timed {when.shown}, "
                                 f"faster than place {o_rank} ({_who(site, season.id, o_result)}"
                                 f", {o_time.shown} at line {o_time.line}): the podium skates "
                                 "one final, where the better place has the better time; swap "
                                 "the places or correct the time", "podium-times"))
                break
    return out


LINTS: tuple[Callable[[Site, Located], list[Problem]], ...] = (
    nation_mismatch, unusual_relay, team_names, standings_without_results, outside_season,
    category_days, numbering, registry_clashes, wrong_season,
    time_format, member_nation, podium_times, change_seasons, short_full_race,
)
