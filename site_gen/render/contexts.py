"""One small context builder per page kind (named in routing/kinds.py): pure functions of the
model and its statistics."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from site_gen.model.site import (
    CATEGORIES,
    Competition,
    Distance,
    Race,
    Result,
    Season,
    Site,
    Skater,
    of_category,
    with_flags,
)
from site_gen.model.slugs import name_key
from site_gen.model.sort_names import index_letter, sort_key
from site_gen.model.stats import Stats, Tally, coverage, has_share_image, tallies
from site_gen.render.notes import collect


@dataclass(frozen=True)
class Ctx:
    site: Site
    stats: Stats


Crumbs = list[tuple[str, tuple[Any, ...] | None]]


def _season(ctx: Ctx, sid: str) -> Season:
    return ctx.site.index.seasons[sid]


def _neighbours(items: list[Any], current: Any) -> tuple[Any, Any]:
    i = items.index(current)
    return (items[i - 1] if i > 0 else None, items[i + 1] if i + 1 < len(items) else None)


def _by_category(races: tuple[Race, ...]) -> list[tuple[str, list[Race]]]:
    return [(c, [r for r in races if r.category == c]) for c in CATEGORIES
            if any(r.category == c for r in races)]


def ranked(table: tuple[Tally, ...] | list[Tally]) -> list[Tally]:
    """Those with a podium in the site's one ranking order, the medal table's: most wins, then
    second places, then third places (the "#" of every ranking table says so)."""
    return sorted((t for t in table if t.total), key=lambda t: t.sort_key)


def race_notes(races: list[Race] | tuple[Race, ...], label: Callable[[Race], str]
               ) -> list[tuple[Race, str, tuple[str, ...]]]:
    return [(race, label(race), race.corrections) for race in races]


def _stop_label(ctx: Ctx, race: Race) -> str:
    comp = ctx.site.index.competitions[(race.season, race.competition)]
    return f"{comp.label}, race {race.number}" if race.number else comp.label


def _race_label(race: Race) -> str:
    return f"{race.category.title()} {race.label}"


def champions(s: Season) -> list[tuple[str, list[Any]]]:
    """Per category, the winners of its official standings tables (overall first): the season's
    World Cup champions, as the data gives them (never computed from podiums)."""
    out = []
    for category in CATEGORIES:
        rows = [(t, [r for r in t.results if r.place == 1]) for t in s.champions(category)]
        if rows:
            out.append((category, rows))
    return out


def home(ctx: Ctx) -> dict[str, Any]:
    seasons = ctx.site.seasons
    current = seasons[-1] if seasons else None
    sid = current.id if current else ""
    return {"title": ctx.site.title, "current": current, "seasons": list(reversed(seasons)),
            "leaders": ranked(ctx.stats.season_skater_table.get(sid, ()))[:5],
            "relay_leaders": ranked(ctx.stats.season_relay_table.get(sid, ()))[:5],
            "medal_table": ctx.stats.season_medal_table.get(sid, ())[:5],
            "champions": champions(current) if current else [],
            "crumbs": []}


def seasons(ctx: Ctx) -> dict[str, Any]:
    return {"title": "Seasons", "seasons": list(reversed(ctx.site.seasons)),
            "crumbs": [("Seasons", None)]}


def season(ctx: Ctx, sid: str) -> dict[str, Any]:
    s = _season(ctx, sid)
    ids = [x.id for x in ctx.site.seasons]
    prev, nxt = _neighbours(ids, sid)
    notes = collect([(None, "", s.corrections), *race_notes(
        s.races, lambda r: f"{_stop_label(ctx, r)}: {_race_label(r)}")])
    return {"title": s.title, "season": s, "prev": prev, "next": nxt,
            "distances": s.distances(), "champions": champions(s), "notes": notes,
            "crumbs": [("Seasons", ("seasons",)), (s.label, None)]}


def competition(ctx: Ctx, sid: str, slug: str) -> dict[str, Any]:
    s = _season(ctx, sid)
    comp = ctx.site.index.competitions[(sid, slug)]
    prev, nxt = _neighbours(list(s.competitions), comp)
    notes = collect([(None, "", comp.corrections), *race_notes(comp.races, _race_label)])
    return {"title": f"{comp.label} {s.label}", "season": s, "comp": comp,
            "groups": _by_category(comp.races), "notes": notes, "prev": prev, "next": nxt,
            "crumbs": [("Seasons", ("seasons",)), (s.label, ("season", sid)), (comp.label, None)]}


def distance(ctx: Ctx, sid: str, category: str, dist: Distance) -> dict[str, Any]:
    s = _season(ctx, sid)
    keys = s.distances()
    key = (category, dist)
    races = [r for r in s.races if r.category == category and r.distance == dist]
    prev, nxt = _neighbours(keys, key)
    table = [t for t in s.standings if t.category == category and t.distance == dist]
    of_cat = of_category(category)
    notes = collect([*race_notes(races, lambda r: _stop_label(ctx, r)),
                     *((t, "the overall standings", t.corrections) for t in table)])
    return {"title": f"{of_cat.capitalize()} {dist.label}, {s.label}", "season": s,
            "notes": notes,
            "category": category, "of_category": of_cat, "dist": dist, "races": races,
            "prev": prev, "next": nxt,
            "tally": tallies(races, "nation" if dist.relay else "skater"),
            "standings": table[0] if table else None,
            "crumbs": [("Seasons", ("seasons",)), (s.label, ("season", sid)),
                       (f"{category.title()} {dist.label}", None)]}


def standings(ctx: Ctx, sid: str) -> dict[str, Any]:
    s = _season(ctx, sid)
    groups = [(c, [t for t in s.standings if t.category == c]) for c in CATEGORIES]
    notes = collect((t, f"{t.category.title()} {t.label.lower()}", t.corrections)
                    for t in s.standings)
    return {"title": f"Standings {s.label}", "season": s, "notes": notes,
            "groups": [(c, ts) for c, ts in groups if ts],
            "medal_table": ctx.stats.season_medal_table[sid],
            "crumbs": [("Seasons", ("seasons",)), (s.label, ("season", sid)),
                       ("Standings", None)]}


def _leader_tables(races: list[Race]) -> list[tuple[str, Distance | None, list[Any]]]:
    out: list[tuple[str, Distance | None, list[Any]]] = []
    keys = sorted({(r.category, r.distance) for r in races},
                  key=lambda k: (CATEGORIES.index(k[0]), k[1].sort_key))
    for category, dist in keys:
        subset = [r for r in races if r.category == category and r.distance == dist]
        out.append((category, dist, tallies(subset, "nation" if dist.relay else "skater")[:10]))
    return out


def leaders(ctx: Ctx, sid: str | None = None) -> dict[str, Any]:
    top: int | None = None  # a season's every skater with a podium; all time, the first 20
    if sid:
        s = _season(ctx, sid)
        races = list(s.races)
        skaters, nations = ctx.stats.season_skater_table[sid], ctx.stats.season_medal_table[sid]
        relays = ctx.stats.season_relay_table[sid]
        crumbs: Crumbs = [("Seasons", ("seasons",)), (s.label, ("season", sid)),
                          ("Leaders", None)]
        title, span = f"Leaders {s.label}", s.label
    else:
        races = [r for x in ctx.site.seasons for r in x.races]
        skaters, nations = ctx.stats.alltime_skaters, ctx.stats.alltime_nations
        relays = ctx.stats.alltime_relays
        crumbs, title = [("Leaders", None)], "All-time leaders"
        span, top = "all seasons", 20
    # one ranking of skaters a page; a season's nations are ranked on its standings page
    return {"title": title, "season_id": sid, "span": span,
            "skaters": ranked(skaters)[:top], "relays": ranked(relays)[:top],
            "nations": None if sid else nations, "per_distance": _leader_tables(races),
            "races": races, "seasons": ctx.site.seasons, "crumbs": crumbs}


def skaters(ctx: Ctx) -> dict[str, Any]:
    """Filed by family name (model/sort_names.py); the genders the registry gives (a filter)."""
    groups: dict[str, list[Any]] = {}
    for sk in sorted(ctx.site.skaters.values(), key=sort_key):
        groups.setdefault(index_letter(sk), []).append(sk)
    genders = [g for g in CATEGORIES if any(sk.gender == g for sk in ctx.site.skaters.values())]
    return {"title": "Skaters", "groups": sorted(groups.items()), "stats": ctx.stats.skaters,
            "genders": genders, "crumbs": [("Skaters", None)]}


def _skated_as(sk: Skater, race: Race, r: Result) -> tuple[str, str]:
    """The name and nation a skater raced under: their own result's, or, in a relay team that
    names its members, their name that season under the team's nation."""
    if r.skater:
        return r.name, r.nation
    i = r.members.index(sk.slug)
    name = r.member_names[i] if i < len(r.member_names) else sk.stint(race.season).name
    return name, r.nation


def skater(ctx: Ctx, slug: str) -> dict[str, Any]:
    sk = ctx.site.skaters[slug]
    comps = ctx.site.index.competitions
    entries = ctx.site.index.skater_entries.get(slug, ())
    rows = [(race, r, comps[(race.season, race.competition)]) for race, r in entries]
    skated_as = [_skated_as(sk, race, r) for race, r in entries]
    return {"title": sk.name, "skater": sk, "rows": rows,
            # shown when some result was under another name or nation (a flag such as ROC)
            "skated_as": skated_as if any(a != (sk.name, sk.nation) for a in skated_as) else None,
            "stats": ctx.stats.skaters.get(slug),
            "standings": ctx.stats.skater_standings.get(slug, ()),
            "share_image": has_share_image(ctx.site, slug),  # drawn for skaters with a podium
            "crumbs": [("Skaters", ("skaters",)), (sk.name, None)]}


def nations(ctx: Ctx) -> dict[str, Any]:
    table = {t.key: t for t in ctx.stats.alltime_nations}
    listed = [ctx.site.nations[c] for c in ctx.site.index.nation_races]
    return {"title": "Nations", "nations": listed, "table": table,
            "crumbs": [("Nations", None)]}


Podiums = tuple[int, int, int]
MemberRow = tuple[Skater, str, Podiums | None, Podiums | None]


def _members(ctx: Ctx, code: str) -> list[MemberRow]:
    """A nation's skaters, each under the name they skated for it, with their podiums for it
    (1st, 2nd, 3rd; None without a result for it), individual and, apart, in relay teams that
    name them: Viktor Ahn's Russian podiums on Russia's page."""
    ours = with_flags(code)  # Russia's page counts results under ROC
    rows: list[MemberRow] = []
    for sk in ctx.stats.nation_members.get(code, ()):
        listed = [(race, r) for race, r in ctx.site.index.skater_entries.get(sk.slug, ())
                  if r.nation in ours]
        names = [st.name for st in sk.names if st.nation == code]
        # under a flag the registry does not record (ROC): the name of their first race for it
        name = names[-1] if names else sk.stint(listed[0][0].season).name
        own = [r for _, r in listed if not r.is_team]
        team = [r for _, r in listed if r.is_team]
        rows.append((sk, name, _podiums(own) if own else None, _podiums(team) if team else None))
    return sorted(rows, key=lambda row: name_key(row[1], row[0].slug))


def _podiums(results: list[Result]) -> Podiums:
    g, s, b = (sum(r.place == p for r in results) for p in (1, 2, 3))
    return (g, s, b)


def nation(ctx: Ctx, code: str) -> dict[str, Any]:
    n = ctx.site.nations[code]
    races = ctx.site.index.nation_races.get(code, ())
    relays = [(race, r) for race in races for r in race.results
              if r.is_team and r.nation == code]
    return {"title": n.name, "nation": n, "skaters": _members(ctx, code), "relays": relays,
            "medals": ctx.stats.nation_medals.get(code, ()),
            "crumbs": [("Nations", ("nations",)), (n.name, None)]}


def venues(ctx: Ctx) -> dict[str, Any]:
    rows = [(slug, comps) for slug, comps in ctx.site.index.venue_competitions.items()]
    rows.sort(key=lambda x: x[1][0].city.casefold())
    return {"title": "Venues", "venues": rows, "crumbs": [("Venues", None)]}


def venue(ctx: Ctx, slug: str) -> dict[str, Any]:
    comps: tuple[Competition, ...] = ctx.site.index.venue_competitions[slug]
    return {"title": comps[0].city, "venue": comps[0], "comps": comps,
            "crumbs": [("Venues", ("venues",)), (comps[0].city, None)]}


def page(ctx: Ctx, slug: str) -> dict[str, Any]:
    pg = next(p for p in ctx.site.pages if p.slug == slug)
    return {"title": pg.title, "page": pg, "crumbs": [(pg.title, None)]}


def simple(title: str) -> Callable[[Ctx], dict[str, Any]]:
    def build(ctx: Ctx) -> dict[str, Any]:
        return {"title": title, "crumbs": [(title, None)]}

    return build


def head_to_head(ctx: Ctx) -> dict[str, Any]:
    comps = {f"{c.season}/{c.slug}": c.label for s in ctx.site.seasons for c in s.competitions}
    names = sorted(ctx.site.skaters.values(), key=lambda s: name_key(s.name, s.slug))
    taken = Counter(f"{s.name} ({s.nation})" for s in names)
    # one label a skater (static/h2h.js finds it): namesakes of one nation add their slug
    labels = [f"{s.name} ({s.nation})" if taken[f"{s.name} ({s.nation})"] == 1
              else f"{s.name} ({s.nation}, {s.slug})" for s in names]
    podium_only = [s.id for s in ctx.site.seasons if coverage(s.races) != "full"]
    return {"title": "Head to head", "h2h_competitions": comps, "h2h_skaters": labels,
            "podium_seasons": podium_only, "crumbs": [("Head to head", None)]}


def redirect(ctx: Ctx, target: str, name: str) -> dict[str, Any]:
    return {"title": name, "target": target, "crumbs": []}


def titles(ctx: Ctx, slug: str) -> list[tuple[str, list[str]]]:
    """Per season, the official standings the skater won ('overall', '1000m'), overall first:
    from the standings in the data, never from podium counts."""
    return [(sid, list(won)) for sid, won in ctx.stats.titles.get(slug, ())]


def skater_card(ctx: Ctx, slug: str) -> dict[str, Any]:
    """Names, nations, titles and podium counts: what the card, share image and oEmbed show
    (not the result rows of the skater's page)."""
    sk = ctx.site.skaters[slug]
    return {"title": sk.name, "skater": sk, "stats": ctx.stats.skaters.get(slug),
            "titles": titles(ctx, slug), "crumbs": []}


def sitemap(ctx: Ctx) -> dict[str, Any]:
    return {"title": "sitemap", "crumbs": []}


def feed(ctx: Ctx) -> dict[str, Any]:
    comps = [c for s in ctx.site.seasons for c in s.competitions]
    comps.sort(key=lambda c: (c.end, c.season, c.slug), reverse=True)
    return {"title": ctx.site.title, "comps": comps, "crumbs": []}
