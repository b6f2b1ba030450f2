"""Share images (1200×630 PNG) drawn at build time with Pillow: one per skater, one site default.

The font is DejaVu Sans where the system has it (accented Latin, Greek, Cyrillic), else the
Latin-only font shipped inside Pillow; text the font cannot draw is folded to ASCII ('Éric
Bédard' → 'Eric Bedard') or replaced (a Hangul name by its slug), never drawn as empty boxes.
The PNG carries no timestamp or metadata: the same input (and fonts) gives the same bytes.

A big site draws thousands of these, so a skater's image is its common part (drawn once) plus
text set from cached glyphs, encoded by ``png.BandedPng`` (only the rows with text are
compressed per image).
"""

from __future__ import annotations

import functools
import io
import unicodedata
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw, ImageFont

from site_gen.model.site import season_label
from site_gen.model.slugs import fold
from site_gen.render.outputs.png import BandedPng
from site_gen.render.previews import IMAGE_HEIGHT, IMAGE_WIDTH

if TYPE_CHECKING:
    from site_gen.render.contexts import Ctx
    from site_gen.routing.routes import Route
    from site_gen.routing.urls import UrlFor

WIDTH, HEIGHT = IMAGE_WIDTH, IMAGE_HEIGHT
INK = (15, 23, 42)
MUTED = (71, 85, 105)
PAPER = (248, 250, 252)
ACCENT = (2, 132, 199)
MEDALS = ((212, 160, 23), (148, 163, 184), (180, 110, 60))

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


SYSTEM_FONTS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",  # Debian, Ubuntu
                "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",  # Fedora
                "/usr/share/fonts/TTF/DejaVuSans.ttf")  # Arch


@cache
def _font(size: int) -> Font:
    for path in SYSTEM_FONTS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:  # not installed here
            continue
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, ImportError, OSError):  # Pillow without FreeType: the small bitmap font
        return ImageFont.load_default()


def _mask_key(char: str) -> tuple[tuple[int, int], bytes]:
    mask = _font(40).getmask(char)
    return mask.size, bytes(mask)


@cache
def has_glyph(char: str) -> bool:
    """Whether the font draws ``char`` (not its 'missing glyph' box)."""
    return char.isspace() or _mask_key(char) != _mask_key("\U0010fffd")  # a private-use char


def drawable(text: str, fallback: str = "") -> str:
    """``text`` as the image can show it: as it is; else folded to ASCII where that keeps most
    of its letters ('Éric Bédard' → 'Eric Bedard' with a Latin-only font); else ``fallback``."""
    if all(has_glyph(c) for c in text):
        return text
    folded = fold(text)
    if 2 * sum(c.isalpha() for c in folded) >= sum(c.isalpha() for c in text) and \
            all(has_glyph(c) for c in folded):
        return folded
    return fallback


def _fit(draw: _Draw, text: str, size: int, width: int) -> Font:
    """The largest font (down to 28 px) that fits ``text`` in ``width`` pixels."""
    while size > 28 and draw.textlength(text, font=_font(size)) > width:
        size -= 4
    return _font(size)


def _clip(text: str, width: int, measure: Callable[[str], float]) -> str:
    """``text``, cut with an ellipsis where it is still wider than ``width``."""
    if measure(text) <= width:
        return text
    while text and measure(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


class _Glyph:
    __slots__ = ("mask", "left", "top", "advance")

    def __init__(self, char: str, font: Font) -> None:
        left, top, right, bottom = (int(v) for v in font.getbbox(char))
        self.left, self.top, self.advance = left, top, font.getlength(char)
        self.mask: Image.Image | None = None
        if right > left and bottom > top:
            self.mask = Image.new("1", (right - left, bottom - top), 0)
            ImageDraw.Draw(self.mask).text((-left, -top), char, font=font, fill=1)


@cache
def _glyph(char: str, size: int) -> _Glyph:
    return _Glyph(char, _font(size))


def _settable(text: str) -> bool:
    """Text that looks right set glyph by glyph: no combining marks, no joining scripts."""
    return all(not unicodedata.combining(c) and c.isprintable() and ord(c) < 0x0590
               for c in text)


def _measure(draw: _Draw, font: Font, text: str) -> float:
    return draw.textlength(text, font=font)


def _length(text: str, size: int) -> float:
    return sum(_glyph(c, size).advance for c in text)


def _fit_size(text: str, size: int, width: int) -> int:
    """The largest size (down to 28 px) that fits ``text`` in ``width`` pixels."""
    while size > 28 and _length(text, size) > width:
        size -= 4
    return size


def _set_text(img: Image.Image, xy: tuple[int, int], text: str, size: int,
              fill: tuple[int, int, int]) -> tuple[int, int]:
    """Draw ``text`` from cached glyphs (no kerning); returns the rows it covered."""
    x, y = xy
    top, bottom = img.height, 0
    pen = float(x)
    for char in text:
        g = _glyph(char, size)
        if g.mask is not None:
            left, up = round(pen) + g.left, y + g.top
            img.paste(_INDEX[fill], (left, up, left + g.mask.width, up + g.mask.height), g.mask)
            top, bottom = min(top, up), max(bottom, up + g.mask.height)
        pen += g.advance
    return top, bottom


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
def _skater_base(site_title: str, last: str = "races") -> Image.Image:
    """Everything a skater's image has in common, drawn once per build process and label of
    the last count ('races', or 'podiums' where the data does not count races)."""
    img, draw = _canvas(site_title)
    draw.text((70, 70), "ISU Short Track World Cup", font=_font(36), fill=ACCENT)
    for i, (label, colour) in enumerate(zip(("wins", "second", "third"), MEDALS, strict=True)):
        draw.ellipse((70 + 250 * i, 395, 114 + 250 * i, 439), fill=colour)
        draw.text((_COUNT_X[i], 452), label, font=_font(28), fill=MUTED)
    draw.text((_COUNT_X[3], 452), last, font=_font(28), fill=MUTED)
    return img


_BAND = (120, 470)  # the rows a skater's text is set in (name, nation, history, counts)


@cache
def _skater_encoder(site_title: str, last: str) -> BandedPng:
    return BandedPng(_skater_base(site_title, last), *_BAND, colours=len(_INDEX))


def skater_image(name: str, nation: str, history: str, podiums: tuple[int, int, int],
                 starts: int | None, site_title: str) -> bytes:
    """``starts``: individual races skated, or None where they are not all known: the last
    count is then the podiums, labelled so."""
    last = "races" if starts is not None else "podiums"
    img = _skater_base(site_title, last).copy()
    texts = [((70, 130), name, 96, INK), ((70, 260), nation, 44, MUTED)]
    if history:
        texts.append(((70, 316), history, 30, MUTED))
    texts += [((x, 382), str(count), 64, INK)
              for x, count in zip(_COUNT_X, (*podiums, sum(podiums) if starts is None else starts),
                                  strict=True)]
    if not all(_settable(text) for _, text, _, _ in texts):
        draw = _Draw(img)
        for xy, text, size, fill in texts:
            font = _fit(draw, text, size, WIDTH - 140)
            text = _clip(text, WIDTH - 140, functools.partial(_measure, draw, font))
            draw.text(xy, text, font=font, fill=fill)
        return _png(img)
    top, bottom = _BAND
    for xy, text, size, fill in texts:
        size = _fit_size(text, size, WIDTH - 140)
        text = _clip(text, WIDTH - 140, functools.partial(_length, size=size))
        rows = _set_text(img, xy, text, size, fill)
        top, bottom = min(top, rows[0]), max(bottom, rows[1])
    if (top, bottom) != _BAND:  # text outside the band: encode the whole image
        return _png(img)
    return _skater_encoder(site_title, last).encode(img)


def default_image(site_title: str, description: str) -> bytes:
    img, draw = _canvas(site_title)
    draw.text((70, 90), "ISU Short Track World Cup", font=_font(40), fill=ACCENT)
    draw.text((70, 160), site_title, font=_fit(draw, site_title, 80, WIDTH - 140), fill=INK)
    text = description or "Every race, podium and standing, with statistics for every skater."
    draw.text((70, 300), text, font=_fit(draw, text, 36, WIDTH - 140), fill=MUTED)
    return _png(img)


def skater_writer(ctx: Ctx, route: Route, url: UrlFor) -> bytes:
    slug = route.args[0]
    sk = ctx.site.skaters[slug]
    stats = ctx.stats.skaters.get(slug)
    nation = ctx.site.nations.get(sk.nation)
    history = ", ".join(f"{st.name} ({st.nation})"
                        + (f" from {season_label(st.season)}" if st.season else "")
                        for st in sk.names) if sk.changes else ""
    # individual races, as the podium counts beside it, where every one of them is known
    starts = (None if stats.partial else stats.starts) if stats else 0
    where = drawable(nation.name, sk.nation) if nation else sk.nation
    relay = sum(stats.relay) if stats else 0  # counted apart, as on the page and the card
    if relay:
        where += f" · {relay} relay podium{'s' * (relay != 1)}"
    return skater_image(drawable(sk.name, sk.slug.replace("-", " ").title()), drawable(where),
                        drawable(history), stats.podiums if stats else (0, 0, 0), starts,
                        drawable(ctx.site.title))


def default_writer(ctx: Ctx, route: Route, url: UrlFor) -> bytes:
    return default_image(drawable(ctx.site.title), drawable(ctx.site.description))

