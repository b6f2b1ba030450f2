"""Share images (1200×630 PNG) drawn at build time with Pillow: one per skater, one site default.

The font is the one shipped inside Pillow (``ImageFont.load_default(size=…)``), so no system font
is needed, and the PNG carries no timestamp or metadata: the same input gives the same bytes.
"""

from __future__ import annotations

import io
from functools import cache
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw, ImageFont

if TYPE_CHECKING:
    from .pages import Ctx
    from .routes import Route
    from .urls import UrlFor

WIDTH, HEIGHT = 1200, 630
INK = (15, 23, 42)
MUTED = (71, 85, 105)
PAPER = (248, 250, 252)
ACCENT = (2, 132, 199)
MEDALS = ((212, 160, 23), (148, 163, 184), (180, 110, 60))

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@cache
def _font(size: int) -> Font:
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, ImportError, OSError):  # Pillow without FreeType: the small bitmap font
        return ImageFont.load_default()


def _fit(draw: _Draw, text: str, size: int, width: int) -> Font:
    """The largest font (down to 28 px) that fits ``text`` in ``width`` pixels."""
    while size > 28 and draw.textlength(text, font=_font(size)) > width:
        size -= 4
    return _font(size)


def _palette() -> list[int]:
    colours = [PAPER, INK, MUTED, ACCENT, *MEDALS]
    return [c for rgb in colours for c in rgb] + [0] * (3 * (256 - len(colours)))


# Drawing in a small fixed palette ("P" mode) makes encoding ~5x cheaper than RGB and the
# files smaller; the colours are indexes into _palette().
_INDEX = {PAPER: 0, INK: 1, MUTED: 2, ACCENT: 3, MEDALS[0]: 4, MEDALS[1]: 5, MEDALS[2]: 6}


@cache
def _base(site_title: str) -> Image.Image:
    img = Image.new("P", (WIDTH, HEIGHT), 0)
    img.putpalette(_palette())
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, WIDTH, 14), fill=_INDEX[ACCENT])
    draw.rectangle((0, HEIGHT - 90, WIDTH, HEIGHT), fill=_INDEX[INK])
    draw.text((70, HEIGHT - 62), site_title, font=_font(34), fill=_INDEX[PAPER])
    return img


class _Draw:
    """ImageDraw taking RGB colours from this module's palette."""

    def __init__(self, img: Image.Image) -> None:
        self._d = ImageDraw.Draw(img)

    def text(self, xy: tuple[int, int], text: str, font: Font, fill: tuple[int, int, int]) -> None:
        self._d.text(xy, text, font=font, fill=_INDEX[fill])

    def ellipse(self, box: tuple[int, int, int, int], fill: tuple[int, int, int]) -> None:
        self._d.ellipse(box, fill=_INDEX[fill])

    def textlength(self, text: str, font: Font) -> float:
        return self._d.textlength(text, font=font)


def _canvas(site_title: str) -> tuple[Image.Image, _Draw]:
    img = _base(site_title).copy()
    return img, _Draw(img)


def _png(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="PNG", compress_level=3)  # fast, and small for flat palette images
    return buf.getvalue()


_COUNT_X = (130, 380, 630, 830)  # x of the three podium counts and the results count


@cache
def _skater_base(site_title: str) -> Image.Image:
    """Everything a skater's image has in common, drawn once per build process."""
    img, draw = _canvas(site_title)
    draw.text((70, 70), "ISU Short Track World Cup", font=_font(36), fill=ACCENT)
    for i, (label, colour) in enumerate(zip(("wins", "second", "third"), MEDALS, strict=True)):
        draw.ellipse((70 + 250 * i, 395, 114 + 250 * i, 439), fill=colour)
        draw.text((_COUNT_X[i], 452), label, font=_font(28), fill=MUTED)
    draw.text((_COUNT_X[3], 452), "results", font=_font(28), fill=MUTED)
    return img


def skater_image(name: str, nation: str, history: str, podiums: tuple[int, int, int],
                 starts: int, site_title: str) -> bytes:
    img = _skater_base(site_title).copy()
    draw = _Draw(img)
    draw.text((70, 130), name, font=_fit(draw, name, 96, WIDTH - 140), fill=INK)
    draw.text((70, 260), nation, font=_fit(draw, nation, 44, WIDTH - 140), fill=MUTED)
    if history:
        draw.text((70, 316), history, font=_fit(draw, history, 30, WIDTH - 140), fill=MUTED)
    for x, count in zip(_COUNT_X, (*podiums, starts), strict=True):
        draw.text((x, 382), str(count), font=_font(64), fill=INK)
    return _png(img)


def default_image(site_title: str, description: str) -> bytes:
    img, draw = _canvas(site_title)
    draw.text((70, 90), "ISU Short Track World Cup", font=_font(40), fill=ACCENT)
    draw.text((70, 160), site_title, font=_fit(draw, site_title, 80, WIDTH - 140), fill=INK)
    text = description or "Every race, podium and standing, with statistics for every skater."
    draw.text((70, 300), text, font=_fit(draw, text, 36, WIDTH - 140), fill=MUTED)
    return _png(img)


def _skater_writer(ctx: Ctx, route: Route, url: UrlFor) -> bytes:
    slug = route.args[0]
    sk = ctx.site.skaters[slug]
    stats = ctx.stats.skaters.get(slug)
    nation = ctx.site.nations.get(sk.nation)
    history = ", ".join(f"{st.name} ({st.nation})" + (f" from {st.season}" if st.season else "")
                        for st in sk.names) if sk.changes else ""
    starts = sum(n for *_, n in stats.by_distance) if stats else 0
    return skater_image(sk.name, nation.name if nation else sk.nation, history,
                        stats.podiums if stats else (0, 0, 0), starts, ctx.site.title)


def _default_writer(ctx: Ctx, route: Route, url: UrlFor) -> bytes:
    return default_image(ctx.site.title, ctx.site.description)


WRITERS = {"skater_share": _skater_writer, "share_default": _default_writer}
