"""The route table: every output file is a Route with its URL path, kind, template and inputs."""

from __future__ import annotations

from site_gen.engine.dependency_keys import (
    NATIONS,
    OUTLINE,
    REGISTRY,
    RINKS,
    SEASON_META,
    SEASON_OUTLINE,
    SEASON_STOPS,
    SKATER,
    SUMMARY,
    registries,
)
from site_gen.errors import Problem
from site_gen.model.site import Site
from site_gen.model.slugs import is_slug, slugify
from site_gen.routing import urls


class Route:
    """One output file: its URL path, what renders it (kind, template, args) and its inputs.

    A plain slotted class, not a frozen dataclass: a big site has tens of thousands of routes
    and builds them on every rebuild. Treat it as immutable."""

    __slots__ = ("path", "kind", "template", "args", "deps", "origin", "output")

    def __init__(self, path: str, kind: str, template: str | None, args: tuple[str, ...] = (),
                 deps: tuple[str, ...] = (OUTLINE,), origin: str = "") -> None:
        self.path = path  # URL path relative to the site root ('' = home)
        self.kind = kind  # names the context builder (pages.py) or writer (api.py, feeds.py)
        self.template = template
        self.args = args
        # the dependency keys of this output (depkeys.py); the default suits pages listing
        # every stop (no times or notes)
        self.deps = deps
        self.origin = origin  # where the route comes from, for collision messages
        self.output = urls.output_file(path)

    def __repr__(self) -> str:
        return f"Route({self.path!r}, {self.kind!r}, {self.template!r}, {self.args!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Route) and all(
            getattr(self, k) == getattr(other, k) for k in self.__slots__)

    __hash__ = None  # type: ignore[assignment]


def _season_files(site: Site, sid: str) -> tuple[str, ...]:
    season = site.index.seasons[sid]
    return (SEASON_META(sid), *sorted({c.source for c in season.competitions}))


def skater_deps(slug: str) -> tuple[str, ...]:
    """A skater's pages depend on their registry entry and their own results (and the stops
    those were in), not on whole files: an edit re-renders only the skaters it touches."""
    return (NATIONS, SKATER(slug))


def skater_summary_deps(slug: str) -> tuple[str, ...]:
    """Card, share image and oEmbed show only names, nations and podium counts."""
    return (NATIONS, SUMMARY(slug))


def _standings_seasons(site: Site) -> dict[str, list[str]]:
    """Skater → the seasons whose official standings (season.yaml) name them: their page
    shows those lines."""
    out: dict[str, list[str]] = {}
    for season in site.seasons:
        named = {slug for t in season.standings for r in t.results
                 for slug in r.people}
        for slug in sorted(named):
            out.setdefault(slug, []).append(season.id)
    return out


def build_routes(site: Site) -> list[Route]:
    r: list[Route] = []
    add = r.append
    add(Route(urls.home(), "home", "home.html"))
    add(Route(urls.seasons(), "seasons", "seasons.html"))
    add(Route(urls.leaders(), "leaders", "leaders.html"))
    add(Route(urls.skaters(), "skaters", "skaters.html"))
    add(Route(urls.nations(), "nations", "nations.html"))
    add(Route(urls.venues(), "venues", "venues.html"))
    add(Route(urls.head_to_head(), "head_to_head", "head_to_head.html"))
    add(Route(urls.search(), "search", "search.html", (), ()))
    add(Route("404.html", "not_found", "404.html", (), ()))
    for pg in site.pages:
        add(Route(urls.page(pg.slug), "page", "page.html", (pg.slug,), (pg.source,),
                  pg.source))
    for season in site.seasons:
        sid = season.id
        files = (*registries(), *_season_files(site, sid))  # pages with times
        outline = (*registries(), SEASON_OUTLINE(sid))  # podiums, places, counts
        add(Route(urls.season(sid), "season", "season.html", (sid,), outline))
        add(Route(urls.standings(sid), "standings", "standings.html", (sid,), outline))
        add(Route(urls.leaders(sid), "season_leaders", "leaders.html", (sid,), outline))
        add(Route(urls.api_season(sid), "api_season", None, (sid,), files))
        for comp in season.competitions:
            add(Route(urls.competition(sid, comp.slug), "competition", "competition.html",
                      (sid, comp.slug), (*outline, comp.source), comp.source))
        for category, dist in season.distances():
            add(Route(urls.distance(sid, category, dist), "distance", "distance.html",
                      (sid, category, dist.slug), files))
    in_standings = _standings_seasons(site)
    for slug in site.skaters:
        deps = skater_deps(slug)
        raced = sorted({race.season for race, _ in site.index.skater_entries.get(slug, ())})
        page_deps = (*deps, *(SEASON_META(sid) for sid in in_standings.get(slug, ())),
                     *(SEASON_STOPS(sid) for sid in raced))  # the placings charts' axes
        add(Route(urls.skater(slug), "skater", "skater.html", (slug,), page_deps,
                  "skaters.yaml"))
        add(Route(urls.skater_card(slug), "skater_card", "card.html", (slug,),
                  skater_summary_deps(slug)))
        add(Route(urls.api_skater(slug), "api_skater", None, (slug,), deps))
    add(Route(urls.api_skaters_index(), "api_skaters_index", None, (), (REGISTRY, NATIONS)))
    add(Route(urls.search_index(), "search_index", None, (), (OUTLINE, RINKS)))
    for code in site.index.nation_races:
        add(Route(urls.nation(code), "nation", "nation.html", (code,)))
    for venue in site.index.venue_competitions:
        add(Route(urls.venue(venue), "venue", "venue.html", (venue,)))
    r.extend(blogger_routes(site))
    r.extend(redirect_routes(site))
    add(Route("sitemap.xml", "sitemap", "sitemap.xml"))
    add(Route("feed.xml", "feed", "feed.xml"))
    add(Route("robots.txt", "robots", "robots.txt"))
    return r


def blogger_routes(site: Site) -> list[Route]:
    """Downloads, share images, embeds and feeds (issue 6): CSV, PNG, oEmbed JSON, Atom."""
    r: list[Route] = [Route(urls.share_default(), "share_default", None, (), ())]
    for table in ("podiums", "medals"):
        r.append(Route(urls.leaders_csv(table), "leaders_csv", None, (table,)))
    for code in site.index.nation_races:
        r.append(Route(urls.nation_csv(code, "medals"), "nation_csv", None, (code, "medals")))
        relay_files = sorted({site.index.competitions[(race.season, race.competition)].source
                              for race in site.index.nation_races[code] if race.distance.relay})
        r.append(Route(urls.nation_csv(code, "relays"), "nation_csv", None, (code, "relays"),
                       (*registries(), *relay_files)))  # with times and notes
    for season in site.seasons:
        files = (*registries(), *_season_files(site, season.id))
        outline = (*registries(), SEASON_OUTLINE(season.id))
        for table in ("results", "standings", "medals", "podiums"):
            r.append(Route(urls.season_csv(season.id, table), "season_csv", None,
                           (season.id, table), files if table == "results" else outline))
    for slug in site.skaters:
        deps = skater_deps(slug)
        r.append(Route(urls.skater_results_csv(slug), "skater_csv", None, (slug,), deps))
        r.append(Route(urls.skater_podiums_csv(slug), "skater_podiums_csv", None, (slug,), deps))
        summary = skater_summary_deps(slug)
        r.append(Route(urls.skater_share(slug), "skater_share", None, (slug,), summary))
        r.append(Route(urls.skater_oembed(slug), "skater_oembed", None, (slug,), summary))
        r.append(Route(urls.skater_feed(slug), "skater_feed", "skater_feed.xml", (slug,), deps))
    return r


def redirect_routes(site: Site) -> list[Route]:
    """Old URLs of renamed skaters: former slugs and the slugs of their other names."""
    out = []
    # A slug derived from a name is only a convenience: it is dropped where it is a real
    # skater's slug, another skater's former slug, or where two skaters' names give it
    # (README: 'kim-min-jung-kor'). Explicit former_slugs stay strict: a clash there is a
    # collision error.
    slugs_of = {skater.slug: {slugify(s.name) for s in skater.names}
                for skater in site.skaters.values()}
    listed = {slug for skater in site.skaters.values() for slug in skater.former_slugs}
    name_slugs: dict[str, set[str]] = {}
    for owner, slugs in slugs_of.items():
        for slug in slugs:
            name_slugs.setdefault(slug, set()).add(owner)
    for skater in site.skaters.values():
        derived = {slug for slug in slugs_of[skater.slug] if slug and is_slug(slug)
                   and slug not in site.skaters and slug not in listed
                   and name_slugs[slug] == {skater.slug}}
        old = derived | set(skater.former_slugs)
        old.discard(skater.slug)
        for slug in sorted(old):
            out.append(Route(urls.skater(slug), "redirect", "redirect.html",
                             (urls.skater(skater.slug), skater.name), (REGISTRY,),
                             f"skaters.yaml: former name or slug of {skater.slug}"))
    return out


RESERVED = ("static/",)


def collisions(routes: list[Route]) -> list[Problem]:
    """Two routes writing one file is an error (e.g. a redirect hiding a real page)."""
    seen: dict[str, Route] = {}
    problems = []
    for route in routes:
        other = seen.get(route.output)
        if route.output.startswith(RESERVED):  # written by copy_static
            problems.append(Problem(route.origin or "routes", 0, 0,
                                    f"/{route.path} is reserved for the site's own files "
                                    f"({', '.join(RESERVED)}): choose another name",
                                    "error", "route"))
        elif other is not None:
            problems.append(Problem(route.origin or "routes", 0, 0,
                                    f"two pages would be written to /{route.path}: "
                                    f"{other.kind} ({other.origin or 'generated'}) and "
                                    f"{route.kind} ({route.origin or 'generated'})",
                                    "error", "route"))
        else:
            seen[route.output] = route
    return problems
