"""Load content/ into a validated, immutable Site; every problem is collected with its place."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from site_gen.errors import Collector, DataError, Problem
from site_gen.load.cache import LoadCache, file_hash
from site_gen.load.content_files import scan
from site_gen.load.fields import Fields, describe
from site_gen.load.gc_pause import collector_paused
from site_gen.load.located_yaml import Node
from site_gen.load.markdown import render_with_links, split_title
from site_gen.load.results import FOLLOW_ON, Registry, nation_code, suggest
from site_gen.load.season import (
    prefetch,
    read_markdown,
    read_season,
    read_yaml,
    season_id_problem,
)
from site_gen.load.venues import VenueBook, read_venues
from site_gen.model.site import (
    Competition,
    Link,
    Nation,
    Page,
    Race,
    Result,
    Season,
    Site,
    SiteIndex,
    Skater,
    Stint,
)
from site_gen.model.slugs import MAX_SLUG, is_slug, slugify

SKATER_KEYS = ("slug", "name", "nation", "gender", "changes", "former_slugs", "namesakes",
               "sort_name", "spellings")
REGISTRY_FILES = ("nations.yaml", "skaters.yaml", "venues.yaml")
CHANGE_KEYS = ("season", "name", "nation")
SITE_KEYS = ("title", "description", "url")
MAX_NAME = 120  # characters of a skater's name (the importer checks it too)
CODE_RE = re.compile(r"^[A-Z]{3}$")


def _nations(content: Path, out: Collector) -> dict[str, Nation]:
    root = read_yaml(content / "nations.yaml", str(content / "nations.yaml"), out)
    if root is None:
        return {}
    if not isinstance(root.value, dict) or not root.value:
        out.error(root.file, root.line, root.col, "nations.yaml maps IOC codes to names, e.g. "
                  f"'KOR: South Korea', found {describe(root.value)}", "schema")
        return {}
    nations = {}
    for code, node in root.value.items():
        if not CODE_RE.match(code):
            out.error(node.file, node.line, node.col,
                      f"nation code '{code}' must be three capital letters (IOC code)", "schema")
        elif not isinstance(node.value, str) or not node.value.strip():
            out.error(node.file, node.line, node.col, f"nation {code} needs a name", "schema")
        else:
            nations[code] = Nation(code, node.value.strip())
    return dict(sorted(nations.items()))


def _skater(node: Node, reg: Registry, out: Collector) -> Skater | None:
    f = Fields(node, SKATER_KEYS, "a skater", out)
    slug, name = f.slug("slug", "skater-name"), f.text("name", max_len=MAX_NAME)
    nation = nation_code(f.at("nation"), reg, out) if f.has("nation") else f.text("nation")
    gender = f.text("gender", required=False)
    if gender not in (None, "men", "women"):
        n = f.at("gender")
        out.error(n.file, n.line, n.col, "gender must be 'men' or 'women'", "schema")
    changes: list[Stint] = []
    for item in f.items("changes"):
        c = Fields(item, CHANGE_KEYS, "a name or nation change", out)
        season = c.text("season")
        if season and season_id_problem(season):
            n = c.at("season")
            out.error(n.file, n.line, n.col, f"season '{season}' must look like 2011-12", "schema")
            season = None
        new_nation = nation_code(c.at("nation"), reg, out) if c.has("nation") else None
        if season and changes and season <= changes[-1].season:
            n = c.at("season")
            out.error(n.file, n.line, n.col, f"change from season {season} must come after the "
                      f"change from {changes[-1].season}: list changes oldest first, one per "
                      "season", "schema")
            season = None
        if season:
            prev = changes[-1] if changes else Stint("", name or "", nation or "")
            changes.append(Stint(season, c.text("name", required=False) or prev.name,
                                 new_nation or prev.nation))
    former = _slugs(f, "former_slugs", "former slug", out)
    namesakes = _slugs(f, "namesakes", "namesake", out)  # other people of the same name
    sort_name = f.text("sort_name", required=False, max_len=MAX_NAME)
    spellings = f.texts("spellings")
    if not (slug and name and nation):
        return None
    return Skater(slug, name, nation, gender, tuple(sorted(changes, key=lambda s: s.season)),
                  tuple(former), tuple(namesakes), sort_name, spellings)


def _slugs(f: Fields, key: str, what: str, out: Collector) -> list[str]:
    found = []
    for item in f.items(key):
        if not isinstance(item.value, str) or not is_slug(item.value):
            out.error(item.file, item.line, item.col,
                      f"{what} '{item.value}' must be a lowercase slug", "schema")
        else:
            found.append(item.value)
    return found


def _skaters(content: Path, reg: Registry, out: Collector
             ) -> tuple[dict[str, Skater], set[str]]:
    """The skaters of skaters.yaml, and the slugs of the entries that have errors."""
    root = read_yaml(content / "skaters.yaml", str(content / "skaters.yaml"), out)
    if root is None:
        return {}, set()
    if root.value is None or root.value == []:
        out.warning(root.file, 0, 0, "skaters.yaml lists no skaters: results name skaters "
                    "by their slug there", "empty-registry")
        return {}, set()
    if not isinstance(root.value, list):
        out.error(root.file, root.line, root.col, "skaters.yaml must be a list of skaters",
                  "schema")
        return {}, set()
    skaters: dict[str, Skater] = {}
    where: dict[str, int] = {}
    for node in root.value:
        sk = _skater(node, reg, out)
        if sk is None:
            continue
        if sk.slug in skaters:
            out.error(node.file, node.line, node.col,
                      f"skater slug '{sk.slug}' is already used at line {where[sk.slug]}; "
                      "two skaters need two different slugs", "schema")
            continue
        skaters[sk.slug], where[sk.slug] = sk, node.line
    declared = [str(n.value["slug"].value) for n in root.value
                if isinstance(n.value, dict) and "slug" in n.value]  # loaded or not
    for node in root.value:  # namesakes name other entries of this file
        fields = node.value if isinstance(node.value, dict) else {}
        listed, own = fields.get("namesakes"), fields.get("slug")
        for item in listed.value if listed and isinstance(listed.value, list) else ():
            if not isinstance(item.value, str) or not is_slug(item.value):
                continue
            if own is not None and item.value == own.value:
                out.error(item.file, item.line, item.col, f"'{item.value}' is this skater: "
                          "namesakes lists the other skaters of the same name", "schema")
            elif item.value not in declared:
                others = [d for d in declared if own is None or d != own.value]
                out.error(item.file, item.line, item.col, f"namesake '{item.value}' is no skater"
                          f" of skaters.yaml{suggest(item.value, others)}", "schema")
    return dict(sorted(skaters.items())), set(declared) - set(skaters)


def _pages(content: Path, out: Collector) -> tuple[Page, ...]:
    pages = []
    for path in sorted((content / "pages").glob("*/**/*.md")):
        out.warning(str(path), 0, 0, "this page is not read: pages are the .md files directly "
                    f"in pages/ (move it to pages/{path.name})", "stray-file")
    for path in sorted((content / "pages").glob("*.md")):
        text = read_markdown(path, str(path), out)
        if text is None:
            continue
        slug = slugify(path.stem)
        if not is_slug(slug):
            out.error(str(path), 0, 0, f"file name '{path.name}' must give a URL slug of 1 to "
                      f"{MAX_SLUG} ASCII letters or digits (e.g. 'about.md')", "schema")
            continue
        fallback = path.stem.replace("-", " ").replace("_", " ").strip().capitalize()
        title, body, first_line = split_title(text, fallback or slug)
        html, links = render_with_links(body, first_line)
        pages.append(Page(slug, title, html, str(path),
                          tuple(Link(t, str(path), line, col) for t, line, col in links)))
    return tuple(pages)


def _site_meta(content: Path, out: Collector) -> dict[str, str]:
    path = content / "site.yaml"
    if not path.exists():
        return {}
    root = read_yaml(path, str(path), out)
    if root is None:
        return {}
    f = Fields(root, SITE_KEYS, "site.yaml", out)
    meta = {k: v for k in SITE_KEYS if (v := f.text(k, required=False))}
    if "url" in meta:
        from site_gen.routing.urls import normalize_base_url

        n = f.at("url")
        try:
            meta["url"] = normalize_base_url(meta["url"])
            if not meta["url"].startswith(("http://", "https://")):
                raise ValueError("it must be an absolute http(s) address")
        except ValueError as exc:
            out.error(n.file, n.line, n.col, f"'url' is the site's public address, e.g. "
                      f"https://example.org/stats/ ({str(exc).replace('--base-url', 'url')})",
                      "schema")
            del meta["url"]
    return meta


def build_index(seasons: tuple[Season, ...]) -> SiteIndex:
    by_skater: dict[str, list[Race]] = defaultdict(list)
    entries: dict[str, list[tuple[Race, Result]]] = defaultdict(list)
    by_nation: dict[str, list[Race]] = defaultdict(list)
    by_venue: dict[str, list[Competition]] = defaultdict(list)
    comps = {}
    for season in seasons:
        for comp in season.competitions:
            comps[(season.id, comp.slug)] = comp
            by_venue[comp.venue].append(comp)
            for race in comp.races:
                skaters = set()
                for r in race.results:
                    for slug in r.people:
                        if slug not in skaters:
                            skaters.add(slug)
                            entries[slug].append((race, r))
                for slug in sorted(skaters):
                    by_skater[slug].append(race)
                for code in sorted({r.nation for r in race.results}):
                    by_nation[code].append(race)
    return SiteIndex(
        skater_results={k: tuple(v) for k, v in sorted(by_skater.items())},
        skater_entries={k: tuple(v) for k, v in sorted(entries.items())},
        nation_races={k: tuple(v) for k, v in sorted(by_nation.items())},
        venue_competitions={k: tuple(v) for k, v in sorted(by_venue.items())},
        competitions=comps,
        seasons={s.id: s for s in seasons},
    )


def _venue_clashes(seasons: list[Season], out: Collector) -> None:
    """Two spellings of a city giving one venue slug would silently share one venue page."""
    first: dict[str, Competition] = {}
    for season in seasons:
        for comp in season.competitions:
            other = first.setdefault(comp.venue, comp)
            if other.city != comp.city:
                out.error(comp.source, 0, 0,
                          f"city '{comp.city}' and city '{other.city}' ({other.source}) give "
                          f"the same venue URL /venues/{comp.venue}/: spell the city the same "
                          "way in both files, or list it in venues.yaml with its other "
                          "spellings", "schema")


ROOT_FILES = ("site.yaml", "nations.yaml", "skaters.yaml", "venues.yaml")


def _stray_files(content: Path, out: Collector) -> None:
    """YAML files where the loader never looks: their data would silently be left out."""
    seasons = content / "seasons"
    for path in sorted(seasons.glob("*.y*ml")):
        if path.is_file() and path.suffix in (".yaml", ".yml"):
            out.error(str(path), 0, 0, "a stop file must be inside a season folder, e.g. "
                      f"seasons/2003-04/{path.stem}.yaml", "schema")
    for path in sorted(seasons.glob("*/*.yml")):
        out.error(str(path), 0, 0, f"stop files end in .yaml: rename it {path.stem}.yaml",
                  "schema")
    for path in sorted(seasons.glob("*/*/**/*.y*ml")):
        if path.is_file() and path.suffix in (".yaml", ".yml"):
            season = path.relative_to(seasons).parts[0]
            out.error(str(path), 0, 0, "a stop file must be directly in its season folder: "
                      f"move it to seasons/{season}/{path.stem}.yaml", "schema")
    for path in sorted(content.glob("*.y*ml")):
        if path.name not in ROOT_FILES and path.suffix in (".yaml", ".yml"):
            out.warning(str(path), 0, 0, "this file is not read: the content folder holds "
                        f"{', '.join(ROOT_FILES)}; stop files go in seasons/YYYY-YY/",
                        "stray-file")


def _venues(content: Path, nations: dict[str, Nation], out: Collector) -> VenueBook:
    path = content / "venues.yaml"
    root = read_yaml(path, str(path), out) if path.exists() else None
    return read_venues(root, out, nations)


def _unreadable_registry(content: Path, out: Collector) -> list[Problem]:
    """The problems of a registry file that could not be read at all (bad YAML, not UTF-8)."""
    files = {str(content / name) for name in REGISTRY_FILES}
    return [p for p in out.errors if p.file in files and (p.code == "syntax" or not p.line)]


def _fold_follow_ons(content: Path, out: Collector) -> None:
    """Results naming a skater whose registry entry has an error are counted, not listed."""
    follow = [p for p in out.problems if p.code == FOLLOW_ON]
    if not follow:
        return
    slugs = sorted({p.message.split("'")[1] for p in follow})
    shown = ", ".join(slugs[:3]) + (", …" if len(slugs) > 3 else "")
    out.problems = [p for p in out.problems if p.code != FOLLOW_ON]
    file = str(content / "skaters.yaml")
    line, col = max(((p.line, p.col) for p in out.errors if p.file == file), default=(0, -1))
    out.error(file, line, col + 1, f"and {len(follow)} result"
              f"{'s' * (len(follow) != 1)} naming skaters whose entries above have errors "
              f"({shown}): fix those entries first", FOLLOW_ON)


def _registry(content: Path, digest: str, out: Collector) -> Registry:
    nations = _nations(content, out)
    skaters, broken = _skaters(content, Registry(nations, {}), out)
    return Registry(nations, skaters, digest, _venues(content, nations, out),
                    frozenset(broken))


def collect_site(content: Path, cache: LoadCache | None = None, jobs: int = 1
                 ) -> tuple[Site | None, Collector]:
    """Load everything, returning the site (None if unusable) and every problem found.

    With a cache, files whose bytes (and registry) did not change are not parsed again, and
    with ``jobs`` > 1 the changed ones are parsed on that many processes."""
    with collector_paused():
        return _collect_site(content, cache, jobs)


def _collect_site(content: Path, cache: LoadCache | None, jobs: int
                  ) -> tuple[Site | None, Collector]:
    out = Collector()
    content = Path(content)
    if not content.is_dir():
        out.error(str(content), 0, 0, "content folder not found", "io")
        return None, out
    out.extend(scan(content)[1])  # a pipe, a device, a link leading outside: nothing is read
    if out.errors:
        return None, out
    def registry_digest() -> str:
        return "".join(file_hash(content / name) for name in REGISTRY_FILES)

    digest = registry_digest()
    if cache is None:
        reg = _registry(content, digest, out)
    else:
        key = ("registry", str(content), digest)
        reg = cache.get(key, lambda sub: _registry(content, digest, sub), out,
                        lambda: registry_digest() == digest)
    if unreadable := _unreadable_registry(content, out):
        out.problems = unreadable  # the cause alone: every result would follow from it
        return None, out
    if cache is not None and not out.errors:
        prefetch(content, reg, cache, jobs)
    meta = _site_meta(content, out)
    _stray_files(content, out)
    seasons = []
    for folder in sorted(p for p in (content / "seasons").glob("*") if p.is_dir()):
        season = read_season(folder, str(folder), reg, out, cache)
        if season is not None:
            seasons.append(season)
    if not seasons and not out.errors:
        out.error(str(content / "seasons"), 0, 0, "no season folders found under seasons/",
                  "schema")
    _venue_clashes(seasons, out)
    _fold_follow_ons(content, out)
    ordered = tuple(seasons)
    site = Site(reg.nations, reg.skaters, ordered, _pages(content, out),
                meta.get("title", Site.title), meta.get("description", ""),
                build_index(ordered), meta.get("url", ""))
    return (None if out.errors else site), out


def load_site(content: Path) -> Site:
    """The validated site; raises DataError listing every problem if any is an error."""
    site, out = collect_site(content)
    out.raise_if_errors()
    assert site is not None
    return site


__all__ = ["DataError", "collect_site", "load_site"]
