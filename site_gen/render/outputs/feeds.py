"""Atom feeds: ids as tag: URIs (RFC 4151), so they are absolute even when --base-url is a path.

An id is ``tag:AUTHORITY,2004:PATH`` — AUTHORITY is the host of --base-url, or the site title's
slug when the site is built without one; PATH is the page's URL path. Ids depend only on the
site and the page, never on the build time, so feed readers see each entry once.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from site_gen.model.slugs import slugify

if TYPE_CHECKING:
    from site_gen.model.site import Competition, Race, Result, Site
    from site_gen.render.contexts import Ctx
    from site_gen.routing.urls import UrlFor

TAG_DATE = "2004"  # the tag's date: fixed, so ids never change


def tag_uri(url: UrlFor, site: Site, kind: str, *args: object) -> str:
    """The Atom id of the page or file of route kind ``kind`` (routing/kinds.py)."""
    return f"tag:{_authority(url.base_url, site.title)},{TAG_DATE}:{url(kind, *args)}"


@functools.cache
def _authority(base_url: str, title: str) -> str:
    return urlsplit(base_url).hostname or slugify(title) or "site"


def skater_feed(ctx: Ctx, slug: str) -> dict[str, Any]:
    """One entry per competition the skater has results in, newest first."""
    sk = ctx.site.skaters[slug]
    by_comp: dict[tuple[str, str], list[tuple[Race, Result]]] = {}
    for race, r in ctx.site.index.skater_entries.get(slug, ()):
        by_comp.setdefault((race.season, race.competition), []).append((race, r))
    comps: list[Competition] = [ctx.site.index.competitions[k] for k in by_comp]
    comps.sort(key=lambda c: (c.end, c.season, c.slug), reverse=True)
    entries = [(c, by_comp[(c.season, c.slug)]) for c in comps]
    return {"title": f"{sk.name} — World Cup results", "skater": sk, "entries": entries,
            "crumbs": []}
