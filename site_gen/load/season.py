"""One season folder: season.yaml, intro.md and one YAML file per World Cup stop."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from site_gen.engine import parallel
from site_gen.errors import Collector, Problem, cut
from site_gen.load.cache import LoadCache, file_hash
from site_gen.load.content_files import Unreadable, read_text
from site_gen.load.fields import Fields
from site_gen.load.located_yaml import Node, YamlProblem, parse_file
from site_gen.load.markdown import render_with_links
from site_gen.load.results import Registry, nation_code, read_results
from site_gen.model.site import (
    CATEGORIES,
    CLASSIFICATIONS,
    SEASON_RE,
    Competition,
    Distance,
    Link,
    Race,
    Season,
    Source,
    StandingsTable,
    known_distances,
    parse_distance,
)
from site_gen.model.slugs import MAX_SLUG, is_slug, slugify

COMPETITION_KEYS = ("city", "nation", "rink", "start", "end", "races", "corrections",
                    "classification")
RACE_KEYS = ("date", "category", "distance", "number", "results", "corrections",
             "classification", "date_inferred")
SEASON_KEYS = ("title", "start", "end", "standings", "corrections", "sources")
STANDINGS_KEYS = ("distance", "results", "corrections")
SOURCE_KEYS = ("title", "url", "licence", "retrieved")


def season_id_problem(name: str) -> str | None:
    m = SEASON_RE.match(name)
    if not m or (int(m.group(1)) + 1) % 100 != int(m.group(2)):
        return f"season folder '{name}' must be named like 2003-04 (two consecutive years)"
    return None


def read_yaml(path: Path, display: str, out: Collector) -> Node | None:
    found: list[Problem] = []
    try:
        root = parse_file(path, display, found)
    except YamlProblem as exc:
        out.extend(exc.problems)
        return None
    out.extend(found)
    return root


def read_markdown(path: Path, display: str, out: Collector) -> str | None:
    """A Markdown file's text, or None with a located problem (not UTF-8, too big, unreadable)."""
    try:
        return read_text(path)
    except Unreadable as exc:
        out.error(display, 0, 0, str(exc), "io")
    return None


def _category(node: Node, out: Collector) -> str | None:
    if node.value not in CATEGORIES:
        out.error(node.file, node.line, node.col,
                  f"unknown category '{node.value}' (expected one of: {', '.join(CATEGORIES)})",
                  "schema")
        return None
    return str(node.value)


def _distance(node: Node, out: Collector, allow_overall: bool = False) -> Distance | None | str:
    if allow_overall and str(node.value).strip().lower() == "overall":
        return "overall"
    d = parse_distance(str(node.value)) if isinstance(node.value, (str, int)) else None
    if d is None:
        expected = known_distances() + (["overall"] if allow_overall else [])
        out.error(node.file, node.line, node.col,
                  f"unknown distance '{node.value}' (expected one of: {', '.join(expected)})",
                  "schema")
    return d


def _beyond_podium(items: list[Node], classification: str, f: Fields, out: Collector) -> None:
    """A race not marked ``full`` gives its podium only: a place below third there means the
    maintainer forgot to say the list is complete (its starts would go uncounted)."""
    if classification == "full" or len(items) <= 3:  # (1, 2, 4: a gap, reported apart)
        return
    for item in items:
        place = item.value.get("place") if isinstance(item.value, dict) else None
        if place is not None and type(place.value) is int and place.value > 3:
            where = "this race's" if f.has("classification") else "the race or its stop's"
            out.error(place.file, place.line, place.col,
                      f"place {place.value} in a race whose results are podium-only (the "
                      f"default): if every skater who started is listed, write "
                      f"'classification: full' as {where} field", "schema")
            return


def _race(node: Node, season: str, comp: str, reg: Registry, out: Collector,
          stop_classification: str = "podium") -> Race | None:
    f = Fields(node, RACE_KEYS, "a race", out)
    if not f.ok:
        return None
    day = f.day("date")
    inferred = f.flag("date_inferred")
    classification = f.choice("classification", CLASSIFICATIONS, stop_classification)
    category = _category(f.at("category"), out) if f.has("category") else f.text("category")
    distance = _distance(f.at("distance"), out) if f.has("distance") else f.text("distance")
    number = f.integer("number", required=False) or 0
    items = f.items("results", required=True)
    relay = distance.relay if isinstance(distance, Distance) else None
    results = read_results(items, season, relay, reg, out, f.at("results"))
    _beyond_podium(items, classification, f, out)
    if day is None or not category or not isinstance(distance, Distance):
        return None
    return Race(season, comp, day, category, distance, number, results, f.texts("corrections"),
                node.line, classification, inferred)


def _check_races(races: list[tuple[Node, Race]], start: date | None, end: date | None,
                 out: Collector) -> None:
    seen: dict[tuple[str, str, int], Node] = {}
    for node, race in races:
        if race.key in seen:
            out.error(node.file, node.line, node.col,
                      f"duplicate race: {race.category} {race.label} is already at line "
                      f"{seen[race.key].line} (a distance raced twice needs 'number: 1' and "
                      f"'number: 2')", "schema")
        seen.setdefault(race.key, node)
    for node, race in races:
        if race.number == 0 and (race.category, race.distance.slug, 1) in seen:
            out.error(node.file, node.line, node.col,
                      f"{race.category} {race.distance.label} is raced more than once here: "
                      f"give every one of them a 'number'", "schema")
        if (start and race.date < start) or (end and race.date > end):
            out.error(node.file, node.line, node.col,
                      f"race dated {race.date.isoformat()} is outside its stop "
                      f"({start or '…'} – {end or '…'})", "schema")


def competition_key(display: str, season: str, digest: str, reg: Registry) -> tuple[str, ...]:
    return ("competition", display, season, digest, reg.digest)


def season_key(display: str, digest: str, reg: Registry) -> tuple[str, ...]:
    return ("season", display, digest, reg.digest)


def prefetch(content: Path, reg: Registry, cache: LoadCache, jobs: int) -> None:
    """Parse the season files the cache lacks on ``jobs`` processes (a first build); the
    load that follows finds them in the cache."""
    todo: list[tuple[tuple[str, ...], Path, Callable[[Collector], object]]] = []
    for path in sorted((content / "seasons").glob("*/*.yaml")):
        display, sid, digest = str(path), path.parent.name, file_hash(path)
        parse: Callable[[Collector], object]
        if path.name == "season.yaml":
            key = season_key(str(path.parent), digest, reg)
            parse = functools.partial(_season_meta, path, str(path.parent), sid, reg)
        else:
            key = competition_key(display, sid, digest, reg)
            parse = functools.partial(read_competition, path, display, sid, reg)
        if not cache.has(key):
            todo.append((key, path, parse))
    if jobs <= 1 or len(todo) < parallel.MIN_CALLS:
        return  # the load parses them one by one

    def run(key: tuple[str, ...], path: Path, parse: Callable[[Collector], object]
            ) -> tuple[object, list[Problem], bool]:
        sub = Collector()
        value = parse(sub)
        return value, sub.problems, file_hash(path) == key[-2]  # unchanged while read

    calls = [functools.partial(run, *task) for task in todo]
    for (key, _, _), (value, problems, valid) in zip(todo, parallel.run_all(calls, jobs),
                                                     strict=True):
        if valid:
            cache.put(key, value, problems)


def read_competition(path: Path, display: str, season: str, reg: Registry,
                     out: Collector, cache: LoadCache | None = None) -> Competition | None:
    if cache is not None:
        digest = file_hash(path)
        key = competition_key(display, season, digest, reg)
        return cache.get(key, lambda sub: read_competition(path, display, season, reg, sub), out,
                         lambda: file_hash(path) == digest)
    root = read_yaml(path, display, out)
    if root is None:
        return None
    slug = path.stem
    if not is_slug(slug):
        out.error(display, 0, 0, f"file name '{path.name}' must be a lowercase slug such as "
                                 f"'{slugify(slug) or 'city'}.yaml'", "schema")
    if root.value is None:
        out.error(display, 0, 0, "the file is empty: a stop file gives city, nation and races "
                  "(see docs/content.md)", "schema")
        return None
    f = Fields(root, COMPETITION_KEYS, "a competition", out)
    city = f.text("city")
    nation = nation_code(f.at("nation"), reg, out) if f.has("nation") else f.text("nation")
    start, end = f.day("start", required=False), f.day("end", required=False)
    classification = f.choice("classification", CLASSIFICATIONS, "podium")
    races: list[tuple[Node, Race]] = []
    for item in f.items("races", required=True):
        race = _race(item, season, slug, reg, out, classification)
        if race is not None:
            races.append((item, race))
    if f.ok and f.at("races").value == []:
        n = f.at("races")
        out.error(n.file, n.line, n.col, "a competition needs at least one race", "schema")
    _check_races(races, start, end, out)
    venue = slugify(city or "")
    if city and (known := reg.venues.find(city)) is not None:
        venue, city = known.slug, known.city
        if nation and nation != known.nation:
            n = f.at("nation")
            out.error(n.file, n.line, n.col, f"{city} is in {known.nation} in venues.yaml (line "
                      f"{known.line}), not {nation}", "schema")
    elif city and not venue:
        n = f.at("city")
        out.error(n.file, n.line, n.col, f"city '{city}' gives an empty URL slug", "schema")
    elif city and not is_slug(venue):
        n = f.at("city")
        out.error(n.file, n.line, n.col, f"city '{cut(city)}' gives a URL slug longer than "
                  f"{MAX_SLUG} characters", "schema")
        venue = ""
    if not (city and nation and venue and races):
        return None
    ordered = sorted(races, key=lambda nr: (nr[1].date, CATEGORIES.index(nr[1].category)))
    return Competition(season, slug, city, nation, venue, tuple(r for _, r in ordered),
                       f.text("rink", required=False), f.texts("corrections"), display)


def _standings(node: Node, season: str, reg: Registry, out: Collector) -> list[StandingsTable]:
    if not isinstance(node.value, dict):
        out.error(node.file, node.line, node.col, "'standings' must map a category to a list",
                  "schema")
        return []
    tables = []
    for category, tables_node in node.value.items():
        if _category(Node(category, node.file, tables_node.line, tables_node.col), out) is None:
            continue
        if not isinstance(tables_node.value, list):
            out.error(tables_node.file, tables_node.line, tables_node.col,
                      f"standings of '{category}' must be a list of tables", "schema")
            continue
        for item in tables_node.value:
            f = Fields(item, STANDINGS_KEYS, "a standings table", out)
            if not f.ok:
                continue
            d = _distance(f.at("distance"), out, True) if f.has("distance") else None
            if not f.has("distance"):
                f.text("distance")
            relay = d.relay if isinstance(d, Distance) else None
            results = read_results(f.items("results", required=True), season, relay, reg, out,
                                   item, need_place=True)
            if d is not None:
                tables.append(StandingsTable(category, d if isinstance(d, Distance) else None,
                                             results, f.texts("corrections")))
    return tables


def _sources(items: list[Node], out: Collector) -> tuple[Source, ...]:
    """A season's ``sources:``: each a title, an http(s) url and a licence, and optionally the
    date it was retrieved."""
    found = []
    for item in items:
        f = Fields(item, SOURCE_KEYS, "a source", out)
        title, url, licence = f.text("title"), f.text("url"), f.text("licence")
        retrieved = f.day("retrieved", required=False)
        if url and not url.startswith(("https://", "http://")):
            n = f.at("url")
            out.error(n.file, n.line, n.col, f"a source's 'url' must start with https:// or "
                      f"http://, found '{cut(url)}'", "schema")
            url = None
        if title and url and licence:
            found.append(Source(title, url, licence, retrieved))
    return tuple(found)


SeasonMeta = tuple[str, date | None, date | None, list[StandingsTable], tuple[str, ...],
                   tuple[Source, ...]]


def _season_meta(meta: Path, display: str, sid: str, reg: Registry, out: Collector
                 ) -> SeasonMeta:
    """title, start, end, standings, corrections and sources from season.yaml (optional)."""
    title = f"{sid.replace('-', '–')} World Cup"
    if not meta.exists():
        return title, None, None, [], (), ()
    root = read_yaml(meta, f"{display}/season.yaml", out)
    if root is None:
        return title, None, None, [], (), ()
    f = Fields(root, SEASON_KEYS, "a season", out)
    standings = _standings(f.at("standings"), sid, reg, out) if f.has("standings") else []
    return (f.text("title", required=False) or title, f.day("start", required=False),
            f.day("end", required=False), standings, f.texts("corrections"),
            _sources(f.items("sources"), out))


def _numbered(comps: list[Competition]) -> tuple[Competition, ...]:
    """Stops sharing a city in one season numbered 1, 2, … in date order (the rest keep 0)."""
    seen: dict[str, int] = {}
    per_venue = Counter(c.venue for c in comps)
    out = []
    for c in comps:
        if per_venue[c.venue] > 1:
            seen[c.venue] = seen.get(c.venue, 0) + 1
            c = replace(c, number=seen[c.venue])
        out.append(c)
    return tuple(out)


def read_season(folder: Path, display: str, reg: Registry, out: Collector,
                cache: LoadCache | None = None) -> Season | None:
    sid = folder.name
    problem = season_id_problem(sid)
    if problem:
        out.error(display, 0, 0, problem, "schema")
        return None
    meta = folder / "season.yaml"
    if cache is not None:
        digest = file_hash(meta)
        key = season_key(display, digest, reg)
        info = cache.get(key, lambda sub: _season_meta(meta, display, sid, reg, sub), out,
                         lambda: file_hash(meta) == digest)
    else:
        info = _season_meta(meta, display, sid, reg, out)
    title, start, end, standings, corrections, sources = info
    comps = []
    for path in sorted(folder.glob("*.yaml")):
        if path.name == "season.yaml":
            continue
        comp = read_competition(path, f"{display}/{path.name}", sid, reg, out, cache)
        if comp is not None:
            comps.append(comp)
    if not comps and not out.errors:
        out.error(display, 0, 0, "a season folder needs at least one competition file", "schema")
    intro = folder / "intro.md"
    intro_text = read_markdown(intro, f"{display}/intro.md", out) if intro.exists() else None
    intro_html, links = render_with_links(intro_text) if intro_text else ("", ())
    comps.sort(key=lambda c: (c.start, c.slug))
    return Season(sid, title, start, end, _numbered(comps), tuple(standings), intro_html,
                  corrections,
                  tuple(Link(t, f"{display}/intro.md", line, col) for t, line, col in links),
                  sources)
