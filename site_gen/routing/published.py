"""The published-URL manifest: a URL, once published, keeps working (issue 6).

``content/published-urls.txt`` lists every URL path the build publishes, one a line, sorted, the
base path left out (``/skaters/ahn-hyun-soo/``). It is committed beside the content:

* a build that would no longer publish a listed URL fails, naming the URL and how to keep it
  (a redirect: ``former_slugs:`` in skaters.yaml) — unless ``--allow-removal`` is given;
* a file of a skater whose old slug now redirects (``/api/skaters/OLD.json``, ``…/OLD/results.csv``,
  the card, the feed) is kept as an alias: the new skater's file served at the old URL;
* a published share image the site no longer draws (drawn only for skaters with a podium) is
  kept: drawn as before at its URL;
* after a successful build the manifest is rewritten when the set of URLs changed (new pages,
  or a deliberate removal), so maintainers commit it with the content change that caused it.

``route_problems`` is what ``check`` calls: two routes to one path, a redirect hiding a page,
and published URLs that would disappear — one problem a URL, each at its manifest line, with
advice that names what is gone (a season folder, a stop file, a skater) and the new name it may
have been renamed to. ``summarize`` turns the URLs of one such loss into one message for people.
"""

from __future__ import annotations

import difflib
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from site_gen.errors import DataError, Problem
from site_gen.model.site import Site
from site_gen.routing import urls
from site_gen.routing.routes import Route, build_routes, collisions, skater_summary_deps

log = logging.getLogger(__name__)
MANIFEST = "published-urls.txt"
HEADER = ("# Every URL this site has published (see site_gen/published.py). Written by `build`;\n"
          "# commit it with the content. A URL must not disappear: add a redirect instead.\n")


def manifest_path(content: Path) -> Path:
    return Path(content) / MANIFEST


def url_of(route: Route) -> str:
    return "/" + route.path


def read_manifest(content: Path) -> dict[str, int]:
    """Published URL → line number in the manifest (empty when there is none yet)."""
    try:
        text = manifest_path(content).read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    return {line.strip(): n for n, line in enumerate(text.splitlines(), 1)
            if line.strip() and not line.startswith("#")}


def manifest_text(routes: list[Route]) -> str:
    return HEADER + "".join(f"{u}\n" for u in sorted({url_of(r) for r in routes}))


def _redirected_slugs(routes: list[Route]) -> dict[str, tuple[str, str]]:
    """Old skater slug → (current slug, name), from the redirect stubs."""
    out = {}
    for r in routes:
        if r.kind == "redirect" and r.path.startswith("skaters/") and r.path.count("/") == 2:
            out[r.path.split("/")[1]] = (r.args[0].strip("/").split("/")[-1], r.args[1])
    return out


def _alias(url: str, moved: dict[str, tuple[str, str]],
           by_path: dict[str, Route]) -> Route | None:
    """The current route that serves an old skater file, copied to its published URL."""
    path = url.lstrip("/")
    for old, (new, name) in moved.items():
        # the slug is swapped by position: a short slug ('kate') also occurs inside 'skaters/'
        for prefix, current, suffix in ((f"skaters/{old}/", f"skaters/{new}/", ""),
                                        (f"api/skaters/{old}", f"api/skaters/{new}", ".json")):
            if path.startswith(prefix) and (not suffix or path == prefix + suffix):
                target = by_path.get(current + path[len(prefix):])
                if target is not None and target.kind != "redirect":
                    if target.template and target.path.endswith("/"):  # an HTML page: redirect
                        return Route(path, "redirect", (target.path, name),
                                     target.deps, f"{MANIFEST}: {url}")
                    return Route(path, target.kind, target.args, target.deps,
                                 f"{MANIFEST}: {url}")
    return None


def _kept_share(url: str, moved: dict[str, tuple[str, str]],
                by_path: dict[str, Route]) -> Route | None:
    """A published share image the site no longer draws (its skater has no podium now, the
    image is drawn only for skaters with one) stays: drawn as before, at its URL, for the
    skater or, under a former slug, for the skater it was renamed to."""
    parts = url.strip("/").split("/")
    if len(parts) != 3 or parts[0] != "skaters" or parts[2] != "share.png":
        return None
    slug = moved[parts[1]][0] if parts[1] in moved else parts[1]
    page = by_path.get(urls.path_for("skater", slug))
    if page is None or page.kind != "skater":
        return None
    return Route(url.lstrip("/"), "skater_share", (slug,), skater_summary_deps(slug),
                 f"{MANIFEST}: {url}")


@dataclass(frozen=True)
class _Added:
    """What the build publishes that the manifest does not list yet: a renamed folder, stop
    file or skater shows up here, beside the URLs that would disappear."""

    seasons: tuple[str, ...] = ()
    stops: dict[str, tuple[str, ...]] = field(default_factory=dict)  # season → stop slugs
    skaters: tuple[str, ...] = ()


def _added(routes: list[Route], published: dict[str, int]) -> _Added:
    new = [r for r in routes if url_of(r) not in published]
    stops: dict[str, list[str]] = {}
    for r in new:
        if r.kind == "competition":
            stops.setdefault(r.args[0], []).append(r.args[1])
    return _Added(tuple(r.args[0] for r in new if r.kind == "season"),
                  {sid: tuple(v) for sid, v in stops.items()},
                  tuple(r.args[0] for r in new if r.kind == "skater"))


def _owner(url: str, paths: set[str]) -> tuple[str, ...]:
    """What a published URL belongs to: ('season', sid), ('stop', sid, slug), ('skater',
    slug), ('distance', sid, category, distance), ('nation', code), ('venue', slug) or
    ('page', url). Every URL of one removed folder, stop file or skater has one owner."""
    parts = url.strip("/").removesuffix(".json").split("/")
    if parts[0] == "skaters" and len(parts) > 1:
        return ("skater", parts[1])
    if parts[:2] == ["api", "skaters"] and len(parts) == 3:
        return ("skater", parts[2])
    sid = parts[2] if parts[:2] == ["api", "seasons"] and len(parts) == 3 else \
        parts[1] if parts[0] == "seasons" and len(parts) > 1 else None
    if sid is not None and f"seasons/{sid}/" not in paths:
        return ("season", sid)
    if sid is not None and url.endswith("/") and len(parts) in (3, 4):
        return ("stop", sid, parts[2]) if len(parts) == 3 else ("distance", sid, *parts[2:])
    if parts[0] in ("nations", "venues") and len(parts) > 1:
        return (parts[0][:-1], parts[1])
    return ("page", url)


def _closest(word: str, candidates: tuple[str, ...]) -> str | None:
    """The likely new name of a renamed one; among many new names only those of about its
    length are compared (difflib over thousands of slugs for each lost skater took minutes)."""
    if len(candidates) == 1:
        return candidates[0]
    if len(candidates) > 50:  # those sharing a part of the slug, the closest in length first
        parts = set(word.split("-"))
        candidates = tuple(sorted((c for c in candidates if parts & set(c.split("-"))),
                                  key=lambda c: (abs(len(c) - len(word)), c))[:200])
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.5)
    return close[0] if close else None


def _advice(owner: tuple[str, ...], added: _Added) -> str:
    """What is gone and how to keep its URLs: the fix in the content, then --allow-removal.
    It names the owner, so every URL of one removed folder, stop or skater has one advice."""
    removal = "or build with --allow-removal if the removal is deliberate"
    kind, key = owner[0], owner[1]
    if kind == "skater":
        new = _closest(key, added.skaters)
        under = f"the new entry {new}" if new else "the skater"
        return (f"the skater {key} is gone from skaters.yaml: if the skater was renamed, list "
                f"the old slug under {under} (former_slugs: [{key}]), which keeps every old "
                f"URL as a redirect; {removal}")
    if kind == "season":
        new = _closest(key, added.seasons)
        renamed = (f" (the folder seasons/{new}/ is new: if it is seasons/{key}/ renamed, "
                   "rename it back; a season's URLs come from its folder name)" if new else "")
        return f"the season {key} is gone: restore the folder seasons/{key}/{renamed}, {removal}"
    if kind == "stop":
        new = _closest(owner[2], added.stops.get(key, ()))
        renamed = (f"; seasons/{key}/{new}.yaml is new: if it is that stop renamed, rename "
                   "it back" if new else "")
        return (f"a stop's URL is the name of its file: restore seasons/{key}/{owner[2]}.yaml "
                f"(renaming it changes the URL){renamed}, {removal}")
    if kind == "distance":
        return (f"no {owner[2]} {owner[3]} race is left in seasons/{key}/: restore the race "
                f"(its category and distance) in its stop file, {removal}")
    if kind == "nation":
        return (f"no result names the nation code {key.upper()} any more: restore the code "
                f"in the results, {removal}")
    if kind == "venue":
        return (f"no stop is held in a city whose slug is {key} any more: restore the "
                f"stop's 'city:', {removal}")
    return f"the page {key} is gone: restore it, {removal}"


LOST = re.compile(r"published URL (\S+) would disappear without a redirect: (.*)", re.DOTALL)


def summarize(problems: list[Problem], listing: bool = False) -> list[Problem]:
    """Published URLs that would disappear, grouped by their advice (which names the removed
    season folder, stop file, skater…): one problem a group, at its first URL's line in the
    manifest, saying how many, a few of them and the fixes. ``listing``: every URL is listed
    below it; else it says where they are listed. A URL lost alone and other problems are
    kept as they are; the per-URL problems stay what ``check --format json`` gives."""
    groups: dict[str, list[tuple[Problem, str]]] = {}
    out = []
    for p in sorted(set(problems)):
        m = LOST.fullmatch(p.message) if p.code == "published" else None
        if m is None:
            out.append(p)
        else:
            groups.setdefault(m.group(2), []).append((p, m.group(1)))
    for advice, lost in groups.items():
        first = lost[0][0]
        if len(lost) == 1:
            out.append(first)
            continue
        urls = [u for _, u in lost]
        if listing:
            shown = "listed below"
            below = "".join(f"\n    {p.file}:{p.line}: {u}" for p, u in lost)
        else:
            more = f" and {len(urls) - 3} more" if len(urls) > 3 else ""
            shown, below = f"{', '.join(urls[:3])}{more}: `check` lists them all", ""
        message = (f"{len(urls)} published URLs would disappear without a redirect ({shown}): "
                   f"{advice}{below}")
        out.append(Problem(first.file, first.line, first.col, message, first.severity,
                           first.code))
    return sorted(out)


def keep_published(content: Path, routes: list[Route],
                   allow_removal: bool = False) -> tuple[list[Route], list[Problem]]:
    """Routes plus aliases for published files of renamed skaters; problems for lost URLs."""
    published = read_manifest(content)
    by_path = {r.path: r for r in routes}
    moved = _redirected_slugs(routes)
    extra: list[Route] = []
    problems: list[Problem] = []
    added: _Added | None = None
    paths = set(by_path)
    advice: dict[tuple[str, ...], str] = {}  # one a removed folder, stop or skater
    for url, line in sorted(published.items(), key=lambda x: x[1]):
        if url.lstrip("/") in paths:
            continue
        alias = _alias(url, moved, by_path) or _kept_share(url, moved, by_path)
        if alias is not None:
            extra.append(alias)
        elif not allow_removal:
            added = added or _added(routes, published)
            owner = _owner(url, paths)
            if owner not in advice:
                advice[owner] = _advice(owner, added)
            problems.append(Problem(str(manifest_path(content)), line, 1,
                                    f"published URL {url} would disappear without a redirect: "
                                    f"{advice[owner]}", "error", "published"))
    return routes + extra, problems


def apply(content: Path, routes: list[Route], allow_removal: bool = False
          ) -> tuple[list[Route], str]:
    """The build's step: ``keep_published`` that raises DataError when a URL would be lost.
    Returns the routes and their ``manifest_text``."""
    text = manifest_text(routes)
    try:
        if manifest_path(content).read_text(encoding="utf-8") == text:
            return routes, text  # every published URL is a route: nothing to keep
    except (OSError, UnicodeDecodeError):
        pass
    routes, lost = keep_published(content, routes, allow_removal)
    if lost:
        raise DataError(lost)
    return routes, manifest_text(routes)


def route_problems(site: Site, content: Path, allow_removal: bool = False) -> list[Problem]:
    """For ``check``: route collisions and published URLs the build would drop."""
    return checked_routes(site, content, allow_removal)[1]


def checked_routes(site: Site, content: Path, allow_removal: bool = False
                   ) -> tuple[list[Route], list[Problem]]:
    """The routes a build would write (published aliases included) and the problems of
    ``route_problems``."""
    routes = build_routes(site)
    clashes = collisions(routes)
    routes, lost = keep_published(content, routes, allow_removal)
    return routes, clashes + lost


def record(content: Path, routes: list[Route], text: str | None = None) -> bool:
    """Rewrite the manifest when the published URLs changed; True if it was written.
    ``text`` is ``manifest_text(routes)`` when the caller has it already."""
    path = manifest_path(content)
    text = manifest_text(routes) if text is None else text
    try:
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            return False
        tmp = path.with_name(f".{MANIFEST}.{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("%s: could not record published URLs: %s", path, exc)
        return False
    log.info("%s: published URLs updated; commit it with the content", path)
    return True
