"""The banded PNG encoder and the share images drawn with it, decoded by Pillow."""

from __future__ import annotations

import io
import random
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image, ImageDraw

from site_gen.render.outputs import share_images as share
from site_gen.render.outputs.png import BandedPng, adler32_combine


def decode(data: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(data))
    img.load()
    return img


def palette_image(width: int, height: int, colours: int) -> Image.Image:
    img = Image.new("P", (width, height), 0)
    img.putpalette([v for i in range(colours) for v in (i * 30, 255 - i * 20, i * 7)])
    ImageDraw.Draw(img).rectangle((0, 0, width - 1, 2), fill=colours - 1)
    return img


@given(st.binary(max_size=3000), st.binary(max_size=3000))
def test_adler32_combine_equals_the_checksum_of_the_whole(a: bytes, b: bytes) -> None:
    assert adler32_combine(zlib.adler32(a), zlib.adler32(b), len(b)) == zlib.adler32(a + b)


def test_banded_image_decodes_to_the_same_pixels() -> None:
    rng = random.Random(7)
    for width, height, top, bottom in ((1200, 630, 120, 470), (33, 20, 0, 20), (8, 9, 3, 4),
                                       (31, 17, 5, 17)):
        base = palette_image(width, height, 7)
        enc = BandedPng(base, top, bottom, colours=7)
        for _ in range(3):
            img = base.copy()
            for _ in range(40):  # noise only inside the band
                img.putpixel((rng.randrange(width), rng.randrange(top, bottom)), rng.randrange(7))
            back = decode(enc.encode(img))
            assert back.size == (width, height)
            assert back.tobytes() == img.tobytes()
            assert back.getpalette()[:21] == img.getpalette()[:21]


def test_share_image_shows_the_name_and_counts() -> None:
    a = decode(share.skater_image("Ahn Hyun-soo", "Korea", "", (3, 2, 1), 40, "Site"))
    b = decode(share.skater_image("Apolo Anton Ohno", "United States", "", (3, 2, 1), 40,
                                  "Site"))
    assert a.format == "PNG" and a.size == (share.WIDTH, share.HEIGHT)
    name_rows = (0, 130, share.WIDTH, 250)
    assert a.crop(name_rows).tobytes() != b.crop(name_rows).tobytes()
    counts_rows = (0, 380, share.WIDTH, 450)
    assert a.crop(counts_rows).tobytes() == b.crop(counts_rows).tobytes()
    c = decode(share.skater_image("Ahn Hyun-soo", "Korea", "", (4, 2, 1), 40, "Site"))
    assert a.crop(counts_rows).tobytes() != c.crop(counts_rows).tobytes()
    ink = share._INDEX[share.INK]
    assert ink in a.crop(name_rows).tobytes()  # the name is drawn in ink


def test_long_names_shrink_to_fit_and_other_scripts_still_draw() -> None:
    long = decode(share.skater_image("W" * 60, "X", "", (0, 0, 0), 1, "Site"))
    right_margin = long.crop((share.WIDTH - 60, 120, share.WIDTH, 260)).tobytes()
    assert set(right_margin) == {0}  # nothing drawn past the margin
    for name in ("안현수", "Виктор Ан", "שלום", "Éric Bédard"):
        img = decode(share.skater_image(name, "Korea", "", (1, 0, 0), 2, "Site"))
        assert img.size == (share.WIDTH, share.HEIGHT)
        assert set(img.crop((0, 130, share.WIDTH, 250)).tobytes()) != {0}, name


def test_share_image_bytes_are_deterministic() -> None:
    args = ("Yang Yang (A)", "China", "Yang Yang (CHN)", (5, 1, 0), 12, "Site")
    assert share.skater_image(*args) == share.skater_image(*args)


@pytest.fixture
def fonts(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[tuple[str, ...]], None]]:
    """fonts(paths): draw share images with the first of ``paths`` there is (else Pillow's
    own font); the font caches are cleared before and after."""
    def use(paths: tuple[str, ...]) -> None:
        monkeypatch.setattr(share, "SYSTEM_FONTS", paths)
        share._font.cache_clear()
        share.has_glyph.cache_clear()

    yield use
    share._font.cache_clear()
    share.has_glyph.cache_clear()


def test_text_the_font_cannot_draw_is_folded_or_replaced(fonts) -> None:
    """Never a row of 'missing glyph' boxes: with DejaVu Sans (accented Latin, Greek, Cyrillic)
    'Éric Bédard' is drawn as it is; with Pillow's Latin-only font, as 'Eric Bedard'; a Hangul
    name (neither font has Hangul) becomes the fallback, e.g. the slug."""
    dejavu = tuple(f for f in share.SYSTEM_FONTS if Path(f).is_file())
    if not dejavu:
        pytest.skip("DejaVu Sans is not installed (Debian: fonts-dejavu-core, in .ci/setup)")
    fonts(dejavu)
    assert share.drawable("Éric Bédard") == "Éric Bédard"
    assert share.drawable("Виктор Ан", "viktor-an") == "Виктор Ан"
    assert share.drawable("변천사", "Byun Chun Sa") == "Byun Chun Sa"
    assert share.has_glyph("é") and not share.has_glyph("\U0010fffd")
    fonts(())  # Pillow's own font has no accents
    assert share.drawable("Éric Bédard") == "Eric Bedard"
    assert share.drawable("Виктор Ан", "viktor-an") == "viktor-an"
    assert share.drawable("변천사", "Byun Chun Sa") == "Byun Chun Sa"
    assert share.has_glyph("A") and not share.has_glyph("é")
