"""The route table: every output file is a Route with its URL path, kind and inputs; each
kind's URL, template and inputs are declared once, in kinds.py."""

from __future__ import annotations

from typing import Any

from site_gen.engine.dependency_keys import (
    NATIONS,
    OUTLINE,
    SEASON_META,
    SEASON_OUTLINE,
    SEASON_STOPS,
    SKATER,
    SOURCES,
    SUMMARY,
    registries,
)
from site_gen.errors import Problem
from site_gen.model.site import Site
from site_gen.model.slugs import is_slug, slugify
from site_gen.model.stats import has_share_image
from site_gen.routing import urls
from site_gen.routing.kinds import KINDS


class Route:
    """One output file: its URL path, what renders it (its kind, with args) and its inputs.

    A plain slotted class, not a frozen dataclass: a big site has tens of thousands of routes
    and builds them on every rebuild. Treat it as immutable."""

    __slots__ = ("path", "kind", "template", "args", "deps", "origin", "output")

    def __init__(self, path: str, kind: str, args: tuple[Any, ...] = (),
                 deps: tuple[str, ...] = (OUTLINE,), origin: str = "") -> None:
        self.path = path  # URL path relative to the site root ('' = home)
        self.kind = kind  # its row in the table of route kinds (kinds.py)
        self.template = KINDS[kind].template
        self.args = args
        self.deps = deps  # the dependency keys of this output (dependency_keys.py)
        self.origin = origin  # where the route comes from, for collision messages
        self.output = urls.output_file(path)

    def __repr__(self) -> str:
        return f"Route({self.path!r}, {self.kind!r}, {self.args!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Route) and all(
            getattr(self, k) == getattr(other, k) for k in self.__slots__)

    __hash__ = None  # type: ignore[assignment]


def skater_deps(slug: str) -> tuple[str, ...]:
    """A skater's pages depend on their registry entry and their own results (and the stops
    those were in), not on whole files: an edit re-renders only the skaters it touches."""
    return (NATIONS, SKATER(slug))


def skater_summary_deps(slug: str) -> tuple[str, ...]:
    """Card, share image and oEmbed show only names, nations and podium counts."""
    return (NATIONS, SUMMARY(slug))


class Plan:
    """A site's routes: each made from its kind's row in the table (kinds.py), with the inputs
    its kind's ``deps`` chooses by what the page shows (the methods below)."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self._registries = registries()
        self._files: dict[str, tuple[str, ...]] = {}
        self._in_standings = _standings_seasons(site)

    def route(self, kind: str, *args: Any, origin: str = "") -> Route:
        row = KINDS[kind]
        assert row.url is not None, kind
        return Route(row.url(*args), kind, args, row.deps(self, *args), origin)

    def outline(self, sid: str) -> tuple[str, ...]:
        """A season's podiums, places and counts."""
        return (*self._registries, SEASON_OUTLINE(sid))

    def files(self, sid: str) -> tuple[str, ...]:
        """A season's files: pages with times."""
        files = self._files.get(sid)
        if files is None:
            season = self.site.index.seasons[sid]
            files = self._files[sid] = (*self._registries, SEASON_META(sid),
                                        *sorted({c.source for c in season.competitions}))
        return files

    def stop(self, sid: str, slug: str) -> tuple[str, ...]:
        return (*self.outline(sid), self.site.index.competitions[(sid, slug)].source)

    def page(self, slug: str) -> tuple[str, ...]:
        return (next(p.source for p in self.site.pages if p.slug == slug),)

    def skater(self, slug: str) -> tuple[str, ...]:
        return skater_deps(slug)

    def skater_summary(self, slug: str) -> tuple[str, ...]:
        return skater_summary_deps(slug)

    def skater_download(self, slug: str) -> tuple[str, ...]:
        """A skater's data files, which credit every season's sources."""
        return (*skater_deps(slug), SOURCES)

    def skater_card(self, slug: str) -> tuple[str, ...]:
        """The summary, and the official standings that name them (the titles it shows)."""
        return (*skater_summary_deps(slug),
                *(SEASON_META(sid) for sid in self._in_standings.get(slug, ())))

    def skater_page(self, slug: str) -> tuple[str, ...]:
        """Also the official standings that name them, and the placings charts' axes."""
        raced = sorted({race.season for race, _ in self.site.index.skater_entries.get(slug, ())})
        return (*skater_deps(slug), *(SEASON_META(sid) for sid in self._in_standings.get(slug, ())),
                *(SEASON_STOPS(sid) for sid in raced))

    def relay_files(self, code: str) -> tuple[str, ...]:
        """A nation's relays, with times and notes."""
        index = self.site.index
        return (*self._registries, *sorted({index.competitions[(r.season, r.competition)].source
                                            for r in index.nation_races[code] if r.distance.relay}),
                SOURCES)  # a download credits its sources


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
    plan = Plan(site)
    route = plan.route
    r: list[Route] = []
    add = r.append
    for kind in ("home", "seasons", "leaders", "skaters", "nations", "venues", "head_to_head",
                 "search", "not_found"):
        add(route(kind))
    for pg in site.pages:
        add(route("page", pg.slug, origin=pg.source))
    for season in site.seasons:
        sid = season.id
        for kind in ("season", "standings", "season_leaders", "api_season"):
            add(route(kind, sid))
        for comp in season.competitions:
            add(route("competition", sid, comp.slug, origin=comp.source))
        for category, dist in season.distances():
            add(route("distance", sid, category, dist))
    for slug in site.skaters:
        add(route("skater", slug, origin="skaters.yaml"))
        add(route("skater_card", slug))
        add(route("api_skater", slug))
    add(route("api_skaters_index"))
    add(route("search_index"))
    for code in site.index.nation_races:
        add(route("nation", code))
    for venue in site.index.venue_competitions:
        add(route("venue", venue))
    r.extend(blogger_routes(plan))
    r.extend(redirect_routes(plan))
    for kind in ("sitemap", "feed", "robots"):
        add(route(kind))
    return r


def blogger_routes(plan: Plan) -> list[Route]:
    """Downloads, share images, embeds and feeds (issue 6): CSV, PNG, oEmbed JSON, Atom."""
    site, route = plan.site, plan.route
    r: list[Route] = [route("share_default")]
    for table in ("podiums", "medals"):
        r.append(route("leaders_csv", table))
    for code in site.index.nation_races:
        r.append(route("nation_csv", code, "medals"))
        r.append(route("nation_csv", code, "relays"))
    for season in site.seasons:
        for table in ("results", "standings", "medals", "podiums"):
            r.append(route("season_csv", season.id, table))
    for slug in site.skaters:
        for kind in ("skater_results_csv", "skater_podiums_csv", "skater_share", "skater_oembed",
                     "skater_feed"):
            if kind != "skater_share" or has_share_image(site, slug):  # drawn for a podium
                r.append(route(kind, slug))
    return r


def redirect_routes(plan: Plan) -> list[Route]:
    """Old URLs of renamed skaters: former slugs and the slugs of their other names."""
    site = plan.site
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
    redirect = KINDS["redirect"]
    for skater in site.skaters.values():
        derived = {slug for slug in slugs_of[skater.slug] if slug and is_slug(slug)
                   and slug not in site.skaters and slug not in listed
                   and name_slugs[slug] == {skater.slug}}
        old = derived | set(skater.former_slugs)
        old.discard(skater.slug)
        target = (urls.path_for("skater", skater.slug), skater.name)
        for slug in sorted(old):
            out.append(Route(urls.path_for("skater", slug), "redirect", target,
                             redirect.deps(plan, *target),
                             f"skaters.yaml: former name or slug of {skater.slug}"))
    return out


RESERVED = (urls.path_for("static", ""),)  # written by copy_static


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
