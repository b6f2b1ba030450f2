"""The one place that computes URLs. A page's output file is derived from its URL path."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from site_gen.model.site import Distance


def normalize_base_url(base: str) -> str:
    """'https://example.org/stats' → 'https://example.org/stats/'; '/' stays '/'."""
    base = (base or "/").strip()
    parts = urlsplit(base)
    if parts.scheme and parts.scheme not in ("http", "https"):
        raise ValueError(f"--base-url must be http(s) or a path, not '{base}'")
    if parts.scheme and not parts.netloc:
        raise ValueError(f"--base-url '{base}' has no host")
    if parts.query or parts.fragment:
        raise ValueError("--base-url cannot have a query or fragment")
    if not parts.scheme and not base.startswith("/"):
        raise ValueError("--base-url must be an absolute URL or start with '/'")
    return base if base.endswith("/") else base + "/"


# Paths are relative to the site root, without a leading '/': '' is the home page.
def home() -> str:
    return ""


def seasons() -> str:
    return "seasons/"


def season(sid: str) -> str:
    return f"seasons/{sid}/"


def competition(sid: str, slug: str) -> str:
    return f"seasons/{sid}/{slug}/"


def distance(sid: str, category: str, dist: Distance) -> str:
    return f"seasons/{sid}/{category}/{dist.slug}/"


def standings(sid: str) -> str:
    return f"seasons/{sid}/standings/"


def leaders(sid: str | None = None) -> str:
    return f"seasons/{sid}/leaders/" if sid else "leaders/"


def skaters() -> str:
    return "skaters/"


def skater(slug: str) -> str:
    return f"skaters/{slug}/"


def skater_card(slug: str) -> str:
    return f"skaters/{slug}/card/"


def nations() -> str:
    return "nations/"


def nation(code: str) -> str:
    return f"nations/{code.lower()}/"


def venues() -> str:
    return "venues/"


def venue(slug: str) -> str:
    return f"venues/{slug}/"


def page(slug: str) -> str:
    return f"{slug}/"


def head_to_head() -> str:
    return "head-to-head/"


def search() -> str:
    return "search/"


def api_skater(slug: str) -> str:
    return f"api/skaters/{slug}.json"


def api_season(sid: str) -> str:
    return f"api/seasons/{sid}.json"


def api_skaters_index() -> str:
    return "api/skaters.json"


def search_index() -> str:
    return "api/search.json"


def static(name: str) -> str:
    return f"static/{name}"


# Files for bloggers: downloads, share images, embeds and feeds (issue 6).
def skater_results_csv(slug: str) -> str:
    return f"skaters/{slug}/results.csv"


def skater_share(slug: str) -> str:
    return f"skaters/{slug}/share.png"


def skater_oembed(slug: str) -> str:
    return f"skaters/{slug}/oembed.json"


def skater_feed(slug: str) -> str:
    return f"skaters/{slug}/feed.xml"


def skater_podiums_csv(slug: str) -> str:
    return f"skaters/{slug}/podiums.csv"


def nation_csv(code: str, table: str) -> str:
    """table: medals (per season) or relays."""
    return f"nations/{code.lower()}/{table}.csv"


def leaders_csv(table: str) -> str:
    """table: podiums (all-time, by skater) or medals (all-time, by nation)."""
    return f"leaders/{table}.csv"


def season_csv(sid: str, table: str) -> str:
    """table: results, standings, medals (by nation) or podiums (by skater)."""
    return f"seasons/{sid}/{table}.csv"


def share_default() -> str:
    return "share.png"


def feed() -> str:
    return "feed.xml"


def output_file(path: str) -> str:
    """URL path → file in the output folder: pretty URLs become PATH/index.html."""
    return path + "index.html" if path == "" or path.endswith("/") else path


class UrlFor:
    """Prefixes site paths with the base path (links) or the full base URL (absolute links)."""

    def __init__(self, base_url: str = "/") -> None:
        self.base_url = normalize_base_url(base_url)
        parts = urlsplit(self.base_url)
        self.base_path = parts.path if parts.path.endswith("/") else parts.path + "/"
        self.origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme else ""

    def __call__(self, kind: str, *args: object) -> str:
        return self.base_path + path_for(kind, *args)

    def absolute(self, kind: str, *args: object) -> str:
        """Absolute URL when --base-url has a host, else a root-relative one."""
        return self.origin + self(kind, *args)

    def path(self, site_path: str) -> str:
        return self.base_path + site_path


def path_for(kind: str, *args: object) -> str:
    fn = _KINDS.get(kind)
    if fn is None:
        raise KeyError(f"no URL kind '{kind}'")
    return fn(*args)


_KINDS: dict[str, Callable[..., str]] = {
    fn.__name__: fn
    for fn in (home, seasons, season, competition, distance, standings, leaders, skaters, skater,
               skater_card, nations, nation, venues, venue, page, head_to_head, search,
               api_skater, api_season, api_skaters_index, search_index, static,
               skater_results_csv, skater_share, skater_oembed, skater_feed, season_csv,
               skater_podiums_csv, nation_csv, leaders_csv,
               share_default, feed)
}
