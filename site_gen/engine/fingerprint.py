"""Digests of the inputs each route depends on (the dependency keys declared in dependency_keys.py).

A route is re-rendered when the digest of any of its keys changes, so a key must cover
everything the route shows and should cover little else:

- a content file's path: its bytes;
- ``OUTLINE``: every input, with competition files reduced to what pages listing every stop
  show (no times, notes, rinks or corrections), so fixing a time re-renders only its stop;
- ``RINKS``: the rink of every stop (the search index lists them);
- ``season-outline:SEASON``: a season's files, competitions without times, notes, rinks and stop
  corrections (pages that show podiums, standings and tallies of one season);
- ``season-stops:SEASON``: a season's stops as a skater's placings chart shows them (labels, and the
  distances each raced with podium-only results);
- ``skater:SLUG`` / ``skater-summary:SLUG``: the skater's registry entry and their own results
  (the summary: their names, nations, podium and start counts, first and last season).

Besides its keys, every route's digest covers the code, options and site outline (``common``),
its kind and its template; an HTML page's and the sitemap's also the Markdown pages' slugs and
titles (``pages_digest``: the menu, the footer, the sitemap's URLs), which nothing else shows.

Per-competition digests are kept in the load cache by the file's hash, so an edit re-hashes
only the files it touched.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from site_gen.engine import dependency_keys as depkeys
from site_gen.engine import parallel
from site_gen.engine.dependency_keys import (
    NATIONS,
    OUTLINE,
    REGISTRY,
    RINKS,
    SEASON_META,
    SEASON_OUTLINE,
    SEASON_STOPS,
    SKATER,
    SOURCES,
    SUMMARY,
)
from site_gen.load.content_files import file_digest, scan
from site_gen.model.site import Competition, Site
from site_gen.routing.routes import Route

if TYPE_CHECKING:
    from site_gen.load.cache import LoadCache


def hash_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


def hash_text(text: str) -> str:
    return hash_bytes(text.encode())


def hash_files(content: Path) -> dict[str, str]:
    """Digest of every content file, taken BEFORE loading: a save racing the build can then only
    make the next build do more, never record new bytes for pages rendered from old ones."""
    files: dict[str, str] = {}
    for path in scan(content)[0]:  # what is no regular file inside is the loader's error
        if path != content / "published-urls.txt":  # written by the build
            files[str(path)] = file_digest(path)
    return files


# wins, seconds, thirds, starts (full races only): in individual races, then in relay teams
# naming the skater
Counts = tuple[int, int, int, int, int, int, int, int]


class CompDigests:
    """What one competition contributes to the digests: its outline, and per skater in it,
    a digest of their rows and their podium and start counts."""

    __slots__ = ("outline", "season_outline", "rows", "counts", "season", "stop")

    def __init__(self, comp: Competition) -> None:
        self.season = comp.season  # a skater's summary names the seasons they raced
        # what a skater's placings chart shows of every stop of a season they raced: its
        # label, and which distances it raced with podium-only results (a break in a line)
        self.stop = hash_text(repr((comp.label, comp.start, sorted(
            (r.category, r.distance.slug, r.number, r.classification) for r in comp.races))))
        self.outline = hash_text(repr(_outline(comp, season_pages=False)))
        self.season_outline = hash_text(repr(_outline(comp, season_pages=True)))
        rows: dict[str, list[str]] = {}
        counts: dict[str, list[int]] = {}
        head = repr((comp.slug, comp.label, comp.nation, comp.start, comp.end))
        for race in comp.races:
            seen: set[str] = set()
            for r in race.results:
                for slug in r.people:
                    if slug in seen:
                        continue
                    seen.add(slug)
                    rows.setdefault(slug, [head]).append(
                        repr((race.date, race.date_inferred, race.category, race.distance,
                              race.number, race.classification, r)))
                    c = counts.setdefault(slug, [0] * 8)
                    at = 0 if r.skater else 4  # pages count relays apart (stats.py)
                    c[at + 3] += race.full
                    if r.place in (1, 2, 3):
                        c[at + r.place - 1] += 1
        self.rows = {slug: hash_text("\n".join(v)) for slug, v in rows.items()}
        self.counts: dict[str, Counts] = {slug: tuple(c)  # type: ignore[misc]
                                          for slug, c in counts.items()}


def _outline(comp: Competition, season_pages: bool) -> Competition:
    """The competition as pages that show only its podiums, places and counts see it: no
    times, notes, rink or stop corrections (a stop's own page depends on its file); race
    corrections only for the season's pages (under their podium tables)."""
    races = tuple(replace(race, line=0, corrections=race.corrections if season_pages else (),
                          results=tuple(replace(r, time=None, note=None) if r.time or r.note
                                        else r for r in race.results))
                  for race in comp.races)
    return replace(comp, races=races, rink=None, corrections=())


def comp_digests(site: Site, files: dict[str, str], cache: LoadCache | None, jobs: int = 1
                 ) -> list[CompDigests]:
    """Each competition's digests: from the cache, else computed (on ``jobs`` processes)."""
    registry = "".join(files.get(d.key, "") for d in depkeys.files())
    comps = [c for s in site.seasons for c in s.competitions]
    if cache is None:
        return [CompDigests(c) for c in comps]
    # a stop's number ('Seoul (2)') comes from the other stops of its season, not its file
    keys = [("digests", c.source, files.get(c.source, ""), registry, str(c.number))
            for c in comps]
    missing = [i for i, key in enumerate(keys) if not cache.has(key)]
    computed = parallel.run_all([functools.partial(CompDigests, comps[i]) for i in missing], jobs)
    for i, value in zip(missing, computed, strict=True):
        cache.put(keys[i], value, [])
    return [cache.value(key) for key in keys]


def input_digests(files: dict[str, str], content: Path, site: Site,
                  cache: LoadCache | None = None, jobs: int = 1) -> dict[str, str]:
    """Digest of every dependency key (dependency_keys.py): each content file's, each declared key's
    and each family's for every argument the site has."""
    keys = dict(files)
    for declared in depkeys.files():
        keys[declared.key] = files.get(str(content / str(declared.file)), "")
    comps = [c for s in site.seasons for c in s.competitions]
    digests = comp_digests(site, keys, cache, jobs)
    by_source = dict(zip((c.source for c in comps), digests, strict=True))
    for season in site.seasons:
        folder = str(content / "seasons" / season.id)
        meta = [files.get(f"{folder}/season.yaml", ""), files.get(f"{folder}/intro.md", "")]
        keys[SEASON_META(season.id)] = hash_text("".join(meta))
        keys[SEASON_OUTLINE(season.id)] = hash_text("".join(
            [*meta, *(by_source[c.source].season_outline for c in season.competitions)]))
        keys[SEASON_STOPS(season.id)] = hash_text("".join(
            by_source[c.source].stop for c in season.competitions))
    outlines = {source: d.outline for source, d in by_source.items()}
    pages = str(content / "pages") + "/"  # a page's text is on its page alone (title: footer)
    keys[OUTLINE] = hash_text("".join(f"{k}={outlines.get(k, v)}\n" for k, v in files.items()
                                      if not k.startswith(pages)))
    keys[RINKS] = hash_text(repr([(c.source, c.rink) for c in comps]))
    keys[SOURCES] = hash_text(repr([(s.id, s.sources) for s in site.seasons]))
    keys.update(skater_fingerprints(site, digests, keys, cache))
    return keys


def registry_digests(site: Site, files: dict[str, str], cache: LoadCache | None
                     ) -> dict[str, str]:
    """Per skater, a digest of their registry entry; computed once per registry version."""
    def compute() -> dict[str, str]:
        return {slug: hash_text(repr(sk)) for slug, sk in site.skaters.items()}
    if cache is None:
        return compute()
    return cache.memo(("registry-digests", files.get(REGISTRY, ""), files.get(NATIONS, "")),
                      compute)


def skater_fingerprints(site: Site, digests: list[CompDigests], files: dict[str, str],
                        cache: LoadCache | None) -> dict[str, str]:
    """Per skater, a digest of everything their pages show (see routes.skater_deps)."""
    rows: dict[str, list[str]] = {}
    counts: dict[str, list[int]] = {}
    seasons: dict[str, set[str]] = {}
    for d in digests:
        for slug, row in d.rows.items():
            rows.setdefault(slug, []).append(row)
            seasons.setdefault(slug, set()).add(d.season)
        for slug, more in d.counts.items():
            c = counts.setdefault(slug, [0] * 8)
            for i, n in enumerate(more):
                c[i] += n
    keys = {}
    registry = registry_digests(site, files, cache)
    for slug in site.skaters:
        raced = sorted(seasons.get(slug, ()))
        summary = hash_text(f"{registry[slug]}{counts.get(slug)}{raced[:1]}{raced[-1:]}")
        keys[SUMMARY(slug)] = summary
        keys[SKATER(slug)] = hash_text(summary + "".join(rows.get(slug, ())))
    return keys


def pages_digest(site: Site) -> tuple[str, str]:
    """What every HTML page's layout shows of the Markdown pages (the menu's About, the
    footer's titles), and what the sitemap shows (their URLs): dependencies of those alone."""
    titles = [(p.slug, "" if p.slug == "about" else p.title) for p in site.pages]  # About: fixed
    return hash_text(repr(titles)), hash_text(repr([p.slug for p in site.pages]))


def route_digests(routes: list[Route], inputs: dict[str, str], templates: dict[str, str],
                  common: str, pages: tuple[str, str]) -> list[str]:
    """Per route, a digest of everything it is rendered from: its inputs, then the code and
    options (``common``), its kind and its template (with what it includes); for an HTML page
    also ``pages``, what its layout lists of every page (the footer's page titles). Its path and
    args are left out: the manifest keys digests by output file, and a route's args are derived
    from its own inputs. Each distinct set of inputs and each kind is hashed once, not each file.
    A key no input provides fails (depkeys.resolve): it is a bug in the route table."""
    depkeys.resolve(((r.path, r.deps) for r in routes), inputs)
    by_deps: dict[tuple[str, ...], str] = {}
    by_kind: dict[tuple[str, str | None], str] = {}
    out = []
    for route in routes:
        deps = by_deps.get(route.deps)
        if deps is None:
            deps = by_deps[route.deps] = hash_text(
                "\n".join(f"{d}={inputs[d]}" for d in route.deps))[:16]
        kind = by_kind.get((route.kind, route.template))
        if kind is None:
            html = pages[0] if (route.template or "").endswith(".html") else \
                pages[1] if route.kind == "sitemap" else ""
            kind = by_kind[(route.kind, route.template)] = hash_text(
                f"{common}\n{html}\n{route.kind}\n{templates.get(route.template or '', '')}"
            )[:16]
        out.append(deps + kind)
    return out
