"""Machine-readable JSON (docs/contract.md lists the fields others depend on).

A skater's ``podiums`` count every result the contract credits them with: places 1-3 in
individual races and in relay teams that name them as members ("Relay results count for the
nation's team, not for individual skaters unless the data names the team's members").
``individual_podiums`` and ``relay_podiums`` split them, as every page shows them (``stats``).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from site_gen.model.site import Race, Result
from site_gen.render import credits

if TYPE_CHECKING:
    from site_gen.render.contexts import Ctx
    from site_gen.routing.routes import Route
    from site_gen.routing.urls import UrlFor


def dumps(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


def result_json(r: Result, url: UrlFor) -> dict[str, Any]:
    out: dict[str, Any] = {"place": r.place, "name": r.name, "nation": r.nation}
    if r.is_team:
        out["team"] = r.name
        if r.members:
            out["members"] = list(r.members)
    else:
        out["slug"] = r.skater
        out["url"] = url("skater", r.skater)
    for key in ("time", "status", "points"):
        if getattr(r, key) is not None:
            out[key] = getattr(r, key)
    return out


def race_json(race: Race, url: UrlFor) -> dict[str, Any]:
    out: dict[str, Any] = {
        "date": race.date.isoformat(), "category": race.category,
        "distance": race.distance.label, "relay": race.distance.relay,
        # 'podium': only the top places are known; 'full': every skater who started
        "classification": race.classification, "date_inferred": race.date_inferred,
        "url": url("distance", race.season, race.category, race.distance),
        "results": [result_json(r, url) for r in race.results],
    }
    if race.number:
        out["number"] = race.number
    if race.corrections:
        out["corrections"] = list(race.corrections)
    return out


def season_json(ctx: Ctx, sid: str, url: UrlFor) -> dict[str, Any]:
    s = ctx.site.index.seasons[sid]
    return {
        "season": s.id, "title": s.title, "url": url("season", sid),
        "start": s.start.isoformat() if s.start else None,
        "end": s.end.isoformat() if s.end else None,
        "competitions": [
            {"slug": c.slug, "city": c.city, "nation": c.nation,
             "url": url("competition", sid, c.slug), "venue": url("venue", c.venue),
             "start": c.start.isoformat(), "end": c.end.isoformat(),
             "races": [race_json(r, url) for r in c.races]}
            for c in s.competitions
        ],
        "standings": [
            {"category": t.category, "distance": t.label,
             "results": [result_json(r, url) for r in t.results]}
            for t in s.standings
        ],
        "sources": credits.as_json(s.sources),  # title, url, licence: credit them on reuse
    }


def skater_json(ctx: Ctx, slug: str, url: UrlFor) -> dict[str, Any]:
    sk = ctx.site.skaters[slug]
    stats = ctx.stats.skaters.get(slug)
    results = []
    for race, r in ctx.site.index.skater_entries.get(slug, ()):
        row: dict[str, Any] = {
            "season": race.season, "competition": race.competition,
            "date": race.date.isoformat(), "category": race.category,
            "distance": race.distance.label, "place": r.place,
            "url": url("distance", race.season, race.category, race.distance),
            "competition_url": url("competition", race.season, race.competition),
            "nation": r.nation, "name": r.name, "classification": race.classification,
        }
        if race.date_inferred:
            row["date_inferred"] = True
        if race.number:
            row["number"] = race.number
        if r.is_team:
            row["relay"] = True
        for key in ("time", "status", "points"):
            if getattr(r, key) is not None:
                row[key] = getattr(r, key)
        results.append(row)
    medals = stats.podiums if stats else (0, 0, 0)
    relay = stats.relay if stats else (0, 0, 0)
    return {
        "slug": sk.slug, "name": sk.name, "nation": sk.nation, "url": url("skater", slug),
        "current_name": sk.current_name, "current_nation": sk.current_nation,
        "names": [{"from": st.season or None, "name": st.name, "nation": st.nation}
                  for st in sk.names],
        "results": results,
        # all of them (CONTRACT.md), then apart as the pages show them: leaders and standings
        # rank individual races; relay results (with "relay": true) name the skater's team
        "podiums": {str(n): medals[n - 1] + relay[n - 1] for n in (1, 2, 3)},
        "individual_podiums": {str(n): medals[n - 1] for n in (1, 2, 3)},
        "relay_podiums": {str(n): relay[n - 1] for n in (1, 2, 3)},
        # individual races with a full classification listing the skater; null when none
        # (podium-only data: a skater off the podium is absent, not absent from the race)
        "starts": stats.starts if stats else None,
        "relay_starts": stats.relay_starts if stats else None,
        "sources": credits.as_json(credits.of_skater(ctx.site, slug)),
    }


def skaters_index_json(ctx: Ctx, url: UrlFor) -> dict[str, Any]:
    return {"skaters": [
        {"slug": s.slug, "name": s.name, "nation": s.nation, "url": url("skater", s.slug),
         "api": url("api_skater", s.slug),
         "other_names": [st.name for st in s.changes if st.name != s.name]}
        for s in ctx.site.skaters.values()
    ], "sources": credits.as_json(credits.of_seasons(ctx.site))}


def skater_writer(ctx: Ctx, route: Route, url: UrlFor) -> bytes:
    return dumps(skater_json(ctx, route.args[0], url))


def season_writer(ctx: Ctx, route: Route, url: UrlFor) -> bytes:
    return dumps(season_json(ctx, route.args[0], url))


def index_writer(ctx: Ctx, route: Route, url: UrlFor) -> bytes:
    return dumps(skaters_index_json(ctx, url))
