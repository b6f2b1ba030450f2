"""schema.org JSON-LD: Person for skaters, SportsEvent for competitions, WebPage otherwise.

``script_json`` makes the JSON safe inside ``<script type="application/ld+json">``: ``<``, ``>``
and ``&`` are written as ``\\u003c`` … so neither ``</script>`` nor ``<!--`` can end or confuse the
script element, and the text still parses as the same JSON.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

if TYPE_CHECKING:
    from site_gen.render.contexts import Ctx
    from site_gen.routing.urls import UrlFor

CONTEXT = "https://schema.org"
SPORT = "Short track speed skating"
_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                          "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script_json(data: Any) -> Markup:
    """JSON text safe to place between <script type="application/ld+json"> tags."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return Markup(text.translate(_ESCAPES))


def _country(ctx: Ctx, code: str) -> dict[str, Any]:
    nation = ctx.site.nations.get(code)
    return {"@type": "Country", "name": nation.name if nation else code, "identifier": code}


def person(ctx: Ctx, slug: str, url: UrlFor, image: str) -> dict[str, Any]:
    sk = ctx.site.skaters[slug]
    others = [st.name for st in sk.names if st.name != sk.name]
    nations = [code for code in dict.fromkeys(st.nation for st in sk.names)]
    data: dict[str, Any] = {
        "@context": CONTEXT, "@type": "Person", "name": sk.name,
        "url": url.absolute("skater", slug), "image": image,
        "nationality": [_country(ctx, c) for c in nations] if len(nations) > 1
        else _country(ctx, nations[0]),
        "knowsAbout": SPORT,
        "subjectOf": {"@type": "Dataset", "name": f"World Cup results of {sk.name}",
                      "url": url.absolute("skater_results_csv", slug),
                      "encodingFormat": "text/csv"},
    }
    if others:
        data["alternateName"] = others
    if sk.gender in ("men", "women"):
        data["gender"] = "Male" if sk.gender == "men" else "Female"
    return data


def sports_event(ctx: Ctx, sid: str, slug: str, url: UrlFor) -> dict[str, Any]:
    comp = ctx.site.index.competitions[(sid, slug)]
    season = ctx.site.index.seasons[sid]
    nation = ctx.site.nations.get(comp.nation)
    place: dict[str, Any] = {
        "@type": "Place", "name": comp.rink or comp.city,
        "address": {"@type": "PostalAddress", "addressLocality": comp.city,
                    "addressCountry": nation.name if nation else comp.nation},
    }
    return {
        "@context": CONTEXT, "@type": "SportsEvent",
        "name": f"{season.label} ISU Short Track Speed Skating World Cup, {comp.label}",
        "sport": SPORT, "startDate": comp.start.isoformat(), "endDate": comp.end.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": place, "url": url.absolute("competition", sid, slug),
        "organizer": {"@type": "SportsOrganization", "name": "International Skating Union",
                      "url": "https://www.isu.org/"},
        "superEvent": {"@type": "SportsEvent", "name": season.title,
                       "url": url.absolute("season", sid)},
    }


def web_page(ctx: Ctx, title: str, description: str, page_url: str, url: UrlFor,
             home: bool = False) -> dict[str, Any]:
    site = {"@type": "WebSite", "name": ctx.site.title, "url": url.absolute("home")}
    if home:
        return {"@context": CONTEXT, **site, "description": description}
    return {"@context": CONTEXT, "@type": "WebPage", "name": title, "description": description,
            "url": page_url, "isPartOf": site}
