"""Embeds: the copy-paste iframe snippet of a skater card and its oEmbed JSON (oembed.com)."""

from __future__ import annotations

import json
from html import escape
from typing import TYPE_CHECKING, Any

from site_gen.render.previews import IMAGE_HEIGHT, IMAGE_WIDTH, skater_image

if TYPE_CHECKING:
    from site_gen.model.site import Site
    from site_gen.render.contexts import Ctx
    from site_gen.routing.routes import Route
    from site_gen.routing.urls import UrlFor

CARD_WIDTH, CARD_HEIGHT = 360, 270  # room for a name change, titles and a relay line (card.html)
THEME = "light"  # the snippet says which: the card does not follow the reader's dark mode


def snippet(url: UrlFor, site: Site, slug: str) -> str:
    """The <iframe> HTML a blogger pastes to show the card of a skater."""
    name = site.skaters[slug].name
    src = escape(f"{url.absolute('skater_card', slug)}?theme={THEME}", quote=True)
    title = escape(f"{name} — {site.title}", quote=True)
    return (f'<iframe src="{src}" title="{title}" width="{CARD_WIDTH}" height="{CARD_HEIGHT}" '
            f'style="border:0;max-width:100%" loading="lazy"></iframe>')


def oembed(ctx: Ctx, slug: str, url: UrlFor) -> dict[str, Any]:
    sk = ctx.site.skaters[slug]
    return {
        "version": "1.0", "type": "rich",
        "title": f"{sk.name} — World Cup results",
        "provider_name": ctx.site.title, "provider_url": url.absolute("home"),
        "url": url.absolute("skater", slug),
        "html": snippet(url, ctx.site, slug),
        "width": CARD_WIDTH, "height": CARD_HEIGHT,
        "thumbnail_url": skater_image(ctx.site, slug, url),
        "thumbnail_width": IMAGE_WIDTH, "thumbnail_height": IMAGE_HEIGHT,
    }


def oembed_writer(ctx: Ctx, route: Route, url: UrlFor) -> bytes:
    data = oembed(ctx, route.args[0], url)
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")

