"""The route kinds, each declared once: its URL, its template and context builder (or its
writer, for an output without a template) and the inputs it depends on.

Read by the templates' ``url()`` (urls.UrlFor), the route builder (routes.build_routes) and the
renderer (render/renderer.py). The builders and writers are the render stage's pure functions
of the model (render/contexts.py, render/outputs/); they import nothing of routing, so this
table can name them without an import cycle.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from site_gen.engine.dependency_keys import NATIONS, OUTLINE, REGISTRY, RINKS, SOURCES
from site_gen.model.site import Distance
from site_gen.render import contexts as pages
from site_gen.render.outputs import csv_files, embeds, feeds, json_api, search_index

if TYPE_CHECKING:
    from site_gen.render.contexts import Ctx
    from site_gen.routing.routes import Plan, Route
    from site_gen.routing.urls import UrlFor

Builder = Callable[..., dict[str, Any]]  # (ctx, *route args) → the template's context
Writer = Callable[["Ctx", "Route", "UrlFor"], bytes]  # an output without a template
Deps = Callable[..., tuple[str, ...]]  # (plan, *route args) → its dependency keys


def _outline(plan: Plan, *args: object) -> tuple[str, ...]:
    """Pages listing every stop: an outline of all the data without times, notes and rinks."""
    return (OUTLINE,)


def _none(plan: Plan, *args: object) -> tuple[str, ...]:
    return ()


@dataclass(frozen=True)
class Kind:
    url: Callable[..., str] | None  # URL path from its arguments; None: the route gives it
    template: str | None = None
    context: Builder | None = None  # with a template
    writer: Writer | None = None  # without one
    deps: Deps = _outline
    lists_routes: bool = False  # its context has every route (sitemap, feed)

    def __post_init__(self) -> None:
        if (self.template is None) != (self.context is None) or (self.template and self.writer):
            raise TypeError("a kind has a template and its context builder, or a writer")

    @property
    def copied(self) -> bool:
        """Files copied as they are (static/), not routes."""
        return self.template is None and self.writer is None


def _share_image(ctx: Ctx, route: Route, url: UrlFor) -> bytes:
    from site_gen.render.outputs import (
        share_images,  # Pillow is imported only by a build that draws an image
    )

    return share_images.skater_writer(ctx, route, url)


def _default_share_image(ctx: Ctx, route: Route, url: UrlFor) -> bytes:
    from site_gen.render.outputs import (
        share_images,  # Pillow is imported only by a build that draws an image
    )

    return share_images.default_writer(ctx, route, url)


def _distance_url(sid: str, category: str, dist: Distance) -> str:
    return f"seasons/{sid}/{category}/{dist.slug}/"


def _leaders_url(sid: str | None = None) -> str:
    return f"seasons/{sid}/leaders/" if sid else "leaders/"


# Paths are relative to the site root, without a leading '/': '' is the home page. A pretty
# URL (ending in '/') is written as PATH/index.html (urls.output_file).
KINDS: dict[str, Kind] = {
    "home": Kind(lambda: "", "home.html", pages.home),
    "seasons": Kind(lambda: "seasons/", "seasons.html", pages.seasons),
    "leaders": Kind(_leaders_url, "leaders.html", pages.leaders),
    "skaters": Kind(lambda: "skaters/", "skaters.html", pages.skaters),
    "nations": Kind(lambda: "nations/", "nations.html", pages.nations),
    "venues": Kind(lambda: "venues/", "venues.html", pages.venues),
    "head_to_head": Kind(lambda: "head-to-head/", "head_to_head.html", pages.head_to_head),
    "search": Kind(lambda: "search/", "search.html", pages.simple("Search"), deps=_none),
    "not_found": Kind(lambda: "404.html", "404.html", pages.simple("Page not found"),
                      deps=_none),
    "page": Kind(lambda slug: f"{slug}/", "page.html", pages.page,
                 deps=lambda plan, slug: plan.page(slug)),
    # a season: podiums, places and counts; its data (api_season, distance) has the times
    "season": Kind(lambda sid: f"seasons/{sid}/", "season.html", pages.season,
                   deps=lambda plan, sid: plan.outline(sid)),
    "standings": Kind(lambda sid: f"seasons/{sid}/standings/", "standings.html",
                      pages.standings, deps=lambda plan, sid: plan.outline(sid)),
    "season_leaders": Kind(_leaders_url, "leaders.html", pages.leaders,
                           deps=lambda plan, sid: plan.outline(sid)),
    "api_season": Kind(lambda sid: f"api/seasons/{sid}.json", writer=json_api.season_writer,
                       deps=lambda plan, sid: plan.files(sid)),
    "competition": Kind(lambda sid, slug: f"seasons/{sid}/{slug}/", "competition.html",
                        pages.competition, deps=lambda plan, sid, slug: plan.stop(sid, slug)),
    "distance": Kind(_distance_url, "distance.html", pages.distance,
                     deps=lambda plan, sid, category, dist: plan.files(sid)),
    "skater": Kind(lambda slug: f"skaters/{slug}/", "skater.html", pages.skater,
                   deps=lambda plan, slug: plan.skater_page(slug)),
    "skater_card": Kind(lambda slug: f"skaters/{slug}/card/", "card.html", pages.skater_card,
                        deps=lambda plan, slug: plan.skater_card(slug)),
    "api_skater": Kind(lambda slug: f"api/skaters/{slug}.json", writer=json_api.skater_writer,
                       deps=lambda plan, slug: plan.skater_download(slug)),
    "api_skaters_index": Kind(lambda: "api/skaters.json", writer=json_api.index_writer,
                              deps=lambda plan: (REGISTRY, NATIONS, SOURCES)),
    "search_index": Kind(lambda: "api/search.json", writer=search_index.writer,
                         deps=lambda plan: (OUTLINE, RINKS)),
    "nation": Kind(lambda code: f"nations/{code.lower()}/", "nation.html", pages.nation),
    "venue": Kind(lambda slug: f"venues/{slug}/", "venue.html", pages.venue),
    # files for bloggers (issue 6): downloads, share images, embeds and feeds
    "share_default": Kind(lambda: "share.png", writer=_default_share_image, deps=_none),
    # table: podiums (all-time, by skater) or medals (all-time, by nation)
    "leaders_csv": Kind(lambda table: f"leaders/{table}.csv", writer=csv_files.leaders_writer),
    # table: medals (per season) or relays (with times and notes)
    "nation_csv": Kind(lambda code, table: f"nations/{code.lower()}/{table}.csv",
                       writer=csv_files.nation_writer,
                       deps=lambda plan, code, table: plan.relay_files(code)
                       if table == "relays" else (OUTLINE,)),
    # table: results (with times), standings, medals (by nation) or podiums (by skater)
    "season_csv": Kind(lambda sid, table: f"seasons/{sid}/{table}.csv",
                       writer=csv_files.season_writer,
                       deps=lambda plan, sid, table: plan.files(sid)
                       if table == "results" else plan.outline(sid)),
    "skater_results_csv": Kind(lambda slug: f"skaters/{slug}/results.csv",
                               writer=csv_files.skater_writer,
                               deps=lambda plan, slug: plan.skater_download(slug)),
    "skater_podiums_csv": Kind(lambda slug: f"skaters/{slug}/podiums.csv",
                               writer=csv_files.skater_podiums_writer,
                               deps=lambda plan, slug: plan.skater_download(slug)),
    "skater_share": Kind(lambda slug: f"skaters/{slug}/share.png", writer=_share_image,
                         deps=lambda plan, slug: plan.skater_summary(slug)),
    "skater_oembed": Kind(lambda slug: f"skaters/{slug}/oembed.json",
                          writer=embeds.oembed_writer,
                          deps=lambda plan, slug: plan.skater_summary(slug)),
    "skater_feed": Kind(lambda slug: f"skaters/{slug}/feed.xml", "skater_feed.xml",
                        feeds.skater_feed, deps=lambda plan, slug: plan.skater_download(slug)),
    # an old URL of a renamed skater (the route gives it): args are the target and its name
    "redirect": Kind(None, "redirect.html", pages.redirect,
                     deps=lambda plan, target, name: (REGISTRY,)),
    "sitemap": Kind(lambda: "sitemap.xml", "sitemap.xml", pages.sitemap, lists_routes=True),
    "feed": Kind(lambda: "feed.xml", "feed.xml", pages.feed, lists_routes=True),
    "robots": Kind(lambda: "robots.txt", "robots.txt", pages.sitemap),
    "static": Kind(lambda name: f"static/{name}"),  # the theme's files, copied
}
