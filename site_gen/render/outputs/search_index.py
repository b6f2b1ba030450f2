"""The static search index, ``api/search.json``: built from the model, read by static/search.js.

One compact, deterministic JSON file (sorted, no timestamps), one line per entry::

    {"version": 2,
     "fields": ["type", "label", "url", "text", "nations", "seasons", "distances", "podiums",
                "wins", "aka"],
     "nations": [["CAN", "Canada"], …],          # code, name: the nation filter
     "seasons": ["2003-04", …],                  # the season filter, oldest first
     "distances": [["men/500m", "Men 500m"], …], # category/distance slug, label
     "entries": [
    ["skater","Ahn Hyun-soo","/skaters/ahn-hyun-soo/","ahn hyun soo viktor ahn",["KOR","RUS"],[0],
     [0,2],14,6,["Viktor Ahn"]],
    …]}

``text`` holds the entry's names folded like slugs (``Bédard`` → ``bedard``), lowercase, word by
word in order (a name repeated is given once). A query matches when each of its words, or all of
them written together, starts at the start of a word and runs on over the next ones with spaces
and hyphens left out: 'hyun', 'hyunsoo' and 'ahnhyunsoo' all find 'ahn hyun soo'. ``seasons``
and ``distances`` index the tables above. Only skaters have ``podiums`` and ``wins`` (as their page
counts them: places 1-3 and 1 in individual races), by which equally good matches are ranked,
and ``aka`` (their other names, optional).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from site_gen.model.site import CATEGORIES, Distance, Race
from site_gen.model.slugs import fold
from site_gen.render import credits

if TYPE_CHECKING:
    from site_gen.render.contexts import Ctx
    from site_gen.routing.routes import Route
    from site_gen.routing.urls import UrlFor

FIELDS = ("type", "label", "url", "text", "nations", "seasons", "distances", "podiums", "wins",
          "aka")
TYPES = ("skater", "nation", "venue", "competition", "season")  # also the order of results
_WORD = re.compile(r"[a-z0-9]+")
DistKey = tuple[str, Distance]


def words(*texts: str) -> str:
    """The folded, lowercase words of ``texts``, each once: 'Éric Bédard' → 'eric bedard'."""
    seen = dict.fromkeys(w for t in texts for w in _WORD.findall(fold(t).lower()))
    return " ".join(seen)


def name_words(*names: str) -> str:
    """The words of each name in order, a name repeated (or only repeating one) given once:
    'Ahn Hyun-soo', 'Viktor Ahn', 'ahn-hyun-soo' → 'ahn hyun soo viktor ahn'."""
    phrases = [" ".join(_WORD.findall(fold(n).lower())) for n in names]
    phrases = list(dict.fromkeys(p for p in phrases if p))
    return " ".join(p for p in phrases
                    if not any(o != p and (o + " ").startswith(p + " ") for o in phrases))


def dist_key(category: str, distance: Distance) -> str:
    return f"{category}/{distance.slug}"


def _dist_sort(key: DistKey) -> tuple[int, tuple[int, int]]:
    return (CATEGORIES.index(key[0]) if key[0] in CATEGORIES else len(CATEGORIES),
            key[1].sort_key)


class _Tables:
    """Season and distance numbering shared by all entries."""

    def __init__(self, ctx: Ctx) -> None:
        site = ctx.site
        self.seasons = [s.id for s in site.seasons]
        self.season_no = {sid: i for i, sid in enumerate(self.seasons)}
        keys = {(r.category, r.distance) for s in site.seasons for r in s.races}
        self.distances = sorted(keys, key=_dist_sort)
        self.dist_no = {k: i for i, k in enumerate(self.distances)}

    def of_races(self, races: Iterable[Race]) -> tuple[list[int], list[int]]:
        races = list(races)
        seasons = sorted({self.season_no[r.season] for r in races})
        dists = sorted({self.dist_no[(r.category, r.distance)] for r in races})
        return seasons, dists


def entries(ctx: Ctx, url: UrlFor, tables: _Tables) -> list[list[Any]]:
    site = ctx.site
    out: list[list[Any]] = []
    for sk in site.skaters.values():
        names = list(dict.fromkeys(st.name for st in sk.names))
        seasons, dists = tables.of_races(site.index.skater_results.get(sk.slug, ()))
        places = [r.place for _, r in site.index.skater_entries.get(sk.slug, ()) if not r.is_team]
        others = [n for n in names if n != sk.name]
        out.append(["skater", sk.name, url("skater", sk.slug), name_words(*names, sk.slug),
                    sorted({st.nation for st in sk.names}), seasons, dists,
                    sum(1 for p in places if p in (1, 2, 3)), places.count(1),
                    *([others] if others else [])])
    for code, races in site.index.nation_races.items():
        name = site.nations[code].name if code in site.nations else code
        out.append(["nation", name, url("nation", code), name_words(name, code), [code],
                    *tables.of_races(races)])
    for slug, comps in site.index.venue_competitions.items():
        city = comps[0].city
        rinks = (c.rink or "" for c in comps)
        out.append(["venue", city, url("venue", slug), name_words(city, slug, *rinks),
                    sorted({c.nation for c in comps}),
                    *tables.of_races(r for c in comps for r in c.races)])
    for season in site.seasons:
        for comp in season.competitions:
            label = f"{comp.label} {season.label}"
            out.append(["competition", label, url("competition", season.id, comp.slug),
                        name_words(comp.city, comp.slug, season.id, comp.rink or ""), [comp.nation],
                        *tables.of_races(comp.races)])
        out.append(["season", f"{season.label} season", url("season", season.id),
                    name_words(season.id, "season"), [], *tables.of_races(season.races)])
    out.sort(key=lambda e: (TYPES.index(e[0]), words(e[1]), e[2]))
    return out


def search_index(ctx: Ctx, url: UrlFor) -> bytes:
    tables = _Tables(ctx)
    items = entries(ctx, url, tables)
    codes = sorted({c for e in items for c in e[4]})
    head = {
        "version": 2, "fields": list(FIELDS),
        "nations": [[c, ctx.site.nations[c].name if c in ctx.site.nations else c] for c in codes],
        "seasons": tables.seasons,
        "distances": [[dist_key(c, d), f"{c.title()} {d.label}"] for c, d in tables.distances],
        "sources": credits.as_json(credits.of_seasons(ctx.site)),
    }
    lines = [_dumps(e) for e in items]
    return (_dumps(head)[:-1] + ',"entries":[\n' + ",\n".join(lines) + "\n]}\n").encode()


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def writer(ctx: Ctx, route: Route, url: UrlFor) -> bytes:
    return search_index(ctx, url)
