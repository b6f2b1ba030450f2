"""The published-URL manifest: a URL, once published, keeps working (issue 6).

``content/published-urls.txt`` lists every URL path the build publishes, one a line, sorted, the
base path left out (``/skaters/ahn-hyun-soo/``). It is committed beside the content:

* a build that would no longer publish a listed URL fails, naming the URL and how to keep it
  (a redirect: ``former_slugs:`` in skaters.yaml) — unless ``--allow-removal`` is given;
* a file of a skater whose old slug now redirects (``/api/skaters/OLD.json``, ``…/OLD/results.csv``,
  the card, the feed) is kept as an alias: the new skater's file served at the old URL;
* after a successful build the manifest is rewritten when the set of URLs changed (new pages,
  or a deliberate removal), so maintainers commit it with the content change that caused it.

``route_problems`` is what ``check`` calls: two routes to one path, a redirect hiding a page,
and published URLs that would disappear.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from .errors import DataError, Problem
from .model import Site
from .routes import Route, build_routes, collisions

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
                        return Route(path, "redirect", "redirect.html",
                                     (target.path, name),
                                     target.deps, f"{MANIFEST}: {url}")
                    return Route(path, target.kind, target.template, target.args, target.deps,
                                 f"{MANIFEST}: {url}")
    return None


def _advice(url: str, paths: set[str]) -> str:
    """How to keep ``url``: what its disappearance means, by the kind of URL."""
    parts = url.strip("/").removesuffix(".json").split("/")
    removal = "or build with --allow-removal to remove it deliberately"
    if parts[0] == "skaters" or parts[:2] == ["api", "skaters"]:
        slug = parts[-1] if parts[0] == "api" else parts[1]
        return (f"if the skater was renamed, list the old slug under the skater in "
                f"skaters.yaml (former_slugs: [{slug}]); {removal}")
    sid = parts[-1] if parts[:2] == ["api", "seasons"] else \
        parts[1] if parts[0] == "seasons" and len(parts) > 1 else None
    if sid is not None and f"seasons/{sid}/" not in paths:
        return f"the season {sid} is gone: restore the folder seasons/{sid}/, {removal}"
    if parts[0] == "seasons" and len(parts) == 3 and url.endswith("/"):
        return (f"a stop's URL is the name of its file: restore seasons/{sid}/{parts[2]}.yaml "
                f"(renaming it changes the URL), {removal}")
    if parts[0] == "nations" and len(parts) > 1:
        return (f"no result names the nation code {parts[1].upper()} any more: restore the code "
                f"in the results, {removal}")
    return f"restore the page, {removal}"


def keep_published(content: Path, routes: list[Route],
                   allow_removal: bool = False) -> tuple[list[Route], list[Problem]]:
    """Routes plus aliases for published files of renamed skaters; problems for lost URLs."""
    published = read_manifest(content)
    by_path = {r.path: r for r in routes}
    moved = _redirected_slugs(routes)
    extra: list[Route] = []
    problems: list[Problem] = []
    for url, line in sorted(published.items(), key=lambda x: x[1]):
        if url.lstrip("/") in by_path:
            continue
        alias = _alias(url, moved, by_path)
        if alias is not None:
            extra.append(alias)
        elif not allow_removal:
            problems.append(Problem(str(manifest_path(content)), line, 1,
                                    f"published URL {url} would disappear without a redirect: "
                                    f"{_advice(url, set(by_path))}", "error", "published"))
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
    routes = build_routes(site)
    clashes = collisions(routes)
    routes, lost = keep_published(content, routes, allow_removal)
    return clashes + lost


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
