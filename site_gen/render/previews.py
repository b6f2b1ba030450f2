"""Link previews: a description made for sharing, the share image and JSON-LD of every page.

``page_meta`` is called by the renderer for every templated route; ``templates/partials/meta.html``
turns its result into OpenGraph, Twitter card and JSON-LD tags.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from site_gen.model.site import Race, season_label
from site_gen.model.stats import coverage, has_share_image
from site_gen.render import jsonld

IMAGE_WIDTH, IMAGE_HEIGHT = 1200, 630  # share images (outputs/share_images.py)

if TYPE_CHECKING:
    from site_gen.model.site import Site
    from site_gen.render.contexts import Ctx
    from site_gen.routing.routes import Route
    from site_gen.routing.urls import UrlFor

TAIL = "results and statistics of the ISU Short Track Speed Skating World Cup"
PROFILE_KINDS = ("skater", "skater_card")


@dataclass(frozen=True)
class PageMeta:
    description: str
    image: str  # absolute URL (root-relative when --base-url has no host)
    image_alt: str
    og_type: str
    # the JSON-LD data, made when a template shows it (a card shows only the description)
    linked_data: Callable[[], Any] = field(compare=False, repr=False)
    image_width: int = IMAGE_WIDTH
    image_height: int = IMAGE_HEIGHT

    @cached_property
    def jsonld(self) -> Markup:
        return jsonld.script_json(self.linked_data())


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def skater_image(site: Site, slug: str, url: UrlFor) -> str:
    """A skater's link-preview image: their share image where the site draws one (they have a
    podium), else the site's default image; the name is in the title and description."""
    if has_share_image(site, slug):
        return url.absolute("skater_share", slug)
    return url.absolute("share_default")


def _nation_name(ctx: Ctx, code: str) -> str:
    nation = ctx.site.nations.get(code)
    return nation.name if nation else code


def _skater(ctx: Ctx, slug: str) -> str:
    sk = ctx.site.skaters[slug]
    stats = ctx.stats.skaters.get(slug)
    text = f"{sk.name} ({_nation_name(ctx, sk.nation)})"
    later = [f"{st.name} for {_nation_name(ctx, st.nation)} from {season_label(st.season)}"
             for st in sk.changes]
    if later:
        text += ", later " + "; ".join(later)
    if not stats:
        return text + ": no World Cup results recorded."
    g, s, b = stats.podiums
    parts = []  # as the page's summary counts them: individual races, then relays apart
    if stats.has_individual or not stats.has_relays:
        medals = f"{plural(g, 'win')}, {plural(s, 'second place')} and {plural(b, 'third place')}"
        if stats.starts is None:  # podium-only data: no count of races
            parts.append(f"{medals} ({plural(stats.podium_count, 'individual podium')})")
        elif stats.partial:
            parts.append(f"{medals}; {plural(stats.starts, 'start')} in seasons with full "
                         f"results")
        else:
            parts.append(f"{medals} in {plural(stats.starts, 'individual race')}")
    if stats.has_relays:
        relays = plural(stats.relay_count, 'relay podium')
        parts.append(relays if stats.relay_starts is None or stats.relay_partial
                     else f"{relays} in {plural(stats.relay_starts, 'relay')}")
    return f"{text}: {'; '.join(parts)}, {stats.span}."


_COVERED = {"podium": "podiums", "full": "podiums and full results",
            "mixed": "podiums, and full results where known"}


def _covered(races: Iterable[Race]) -> str:
    """What the results of these races give, as a description may say it."""
    return _COVERED[coverage(races)]


def description(ctx: Ctx, route: Route, data: dict[str, Any]) -> str:
    kind, args = route.kind, route.args
    if kind in PROFILE_KINDS:
        return _skater(ctx, args[0])
    if kind == "home":
        return ctx.site.description or f"Every race, podium and standing: {TAIL}."
    if kind == "season":
        s = data["season"]
        return (f"{s.title}: {plural(len(s.competitions), 'stop')}, "
                f"{plural(len(s.races), 'race')} — calendar, podiums and overall standings.")
    if kind == "competition":
        comp = data["comp"]
        return (f"{comp.label} World Cup, {data['season'].label}: {_covered(comp.races)} of "
                f"{plural(len(comp.races), 'race')}, {comp.start.isoformat()} to "
                f"{comp.end.isoformat()}.")
    if kind == "distance":
        return (f"{data['title']}: every World Cup race's {_covered(data['races'])} and the "
                f"season standings.")
    if kind == "standings":
        return (f"Overall World Cup standings {data['season'].label}, the medal table by nation "
                f"and podiums by skater.")
    if kind == "nation":
        return f"{data['nation'].name} at the ISU Short Track World Cup: skaters, relays, podiums."
    if kind == "venue":
        return f"Every ISU Short Track World Cup held in {data['venue'].city}, all seasons."
    return f"{data['title']} — {TAIL}."


def _jsonld(ctx: Ctx, route: Route, url: UrlFor, title: str, desc: str, image: str) -> Any:
    if route.kind in PROFILE_KINDS:
        return jsonld.person(ctx, route.args[0], url, image)
    if route.kind == "competition":
        return jsonld.sports_event(ctx, route.args[0], route.args[1], url)
    return jsonld.web_page(ctx, title, desc, url.absolute("home") + route.path, url,
                           home=route.kind == "home")


def page_meta(ctx: Ctx, route: Route, url: UrlFor, data: dict[str, Any]) -> PageMeta:
    desc = description(ctx, route, data)
    if route.kind in PROFILE_KINDS:
        slug = route.args[0]
        image = skater_image(ctx.site, slug, url)
        alt = (f"{ctx.site.skaters[slug].name}: World Cup podium counts"
               if has_share_image(ctx.site, slug) else ctx.site.title)
        og_type = "profile"
    else:
        image, alt = url.absolute("share_default"), ctx.site.title
        og_type = "website"
    title = str(data.get("title", ctx.site.title))
    return PageMeta(desc, image, alt, og_type,
                    functools.partial(_jsonld, ctx, route, url, title, desc, image))
