"""Links written in Markdown (content/pages/, a season's intro.md).

A link from the site root (``/seasons/2003-04/standings/``) follows ``--base-url`` like every
other link of the site, and a link to a page or file the site does not have is a warning at its
``file:line:col``, with the nearest real page when one is close."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from posixpath import normpath
from urllib.parse import unquote, urljoin, urlsplit

from markupsafe import Markup

from site_gen.errors import Problem
from site_gen.model.site import Link, Site
from site_gen.routing import urls
from site_gen.routing.routes import Route

# markdown-it writes these attributes first and quoted: only its own tags reach the page
_ROOT_LINK = re.compile(r'(<a href="|<img src=")/(?!/)')


def rebase(html: str, base_path: str) -> Markup:
    """Markdown HTML with links from the site root moved under the site's base path."""
    if base_path != "/":
        html = _ROOT_LINK.sub(lambda m: m.group(1) + base_path, html)
    return Markup(html)


def written_links(site: Site) -> list[tuple[Link, str]]:
    """Every Markdown link with the site path of the page it is shown on."""
    found = [(link, urls.path_for("page", page.slug)) for page in site.pages for link in page.links]
    found += [(link, urls.path_for("season", season.id)) for season in site.seasons
              for link in season.intro_links]
    return found


def site_path(target: str, shown_on: str) -> str | None:
    """The site path a link leads to ('' is the home page), or None if it leaves the site."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path:  # another site, mailto:, '#section'
        return None
    path = unquote(urljoin("/" + shown_on, parts.path))
    clean = normpath(path)
    if clean in (".", "/"):
        return ""
    return clean.lstrip("/") + ("/" if path.endswith("/") else "")


def site_paths(routes: list[Route], static_files: Iterable[str]) -> Iterator[str]:
    """Every URL path and file the build writes, for checking links written in Markdown."""
    for route in routes:
        yield route.path
        yield route.output
    yield from static_files


def link_problems(site: Site, paths: Iterable[str]) -> list[Problem]:
    """Warnings for links to site paths that nothing is written to; ``paths`` are every URL
    path and output file of the build."""
    known = set(paths)
    sections: dict[str, list[str]] = {}  # made when a link is broken, once a section
    problems = []
    for link, shown_on in written_links(site):
        path = site_path(link.target, shown_on)
        if path is None or path in known or path + "/" in known:
            continue
        message = f"link to {link.target}: this site has no such page or file"
        near = _nearest(path, known, sections)
        if near is not None:
            message += f" (did you mean /{near}?)"
        problems.append(Problem(link.file, link.line, link.col, message, "warning", "link"))
    return problems


def _nearest(path: str, known: set[str], sections: dict[str, list[str]]) -> str | None:
    """The closest URL in the same section (its first folder), if one is close; only URLs of
    about its length are compared (a site has thousands of skater pages)."""
    section = path.split("/", 1)[0] + "/"
    if section not in sections:
        sections[section] = sorted(p for p in known
                                   if p.startswith(section) and not p.endswith("index.html"))
    words = set(path.replace("/", "-").split("-")) - {"", section.rstrip("/")}
    pool = sorted((p for p in sections[section] if abs(len(p) - len(path)) <= 8
                   and words & set(p.replace("/", "-").split("-"))),  # a word of it in common
                  key=lambda p: (abs(len(p) - len(path)), p))[:300]
    close = difflib.get_close_matches(path, pool, n=1, cutoff=0.8)
    return close[0] if close else None
