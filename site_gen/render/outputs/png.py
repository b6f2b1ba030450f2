"""A fast PNG encoder for many images that differ from one base image only in a band of rows.

Share images are 1200×630 pixels in a palette of at most 16 colours: each is stored with
4 bits a pixel, and the rows above and below the band are compressed once, as independent
deflate blocks, and spliced around the band's. The zlib checksum of the whole is combined
from the parts' (``adler32_combine``, as in zlib). Decoders see an ordinary PNG.
"""

from __future__ import annotations

import struct
import zlib

from PIL import Image

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_ADLER_BASE = 65521


def _chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))


def adler32_combine(first: int, second: int, second_len: int) -> int:
    """The Adler-32 of A+B from those of A and B and the length of B (zlib's algorithm)."""
    rem = second_len % _ADLER_BASE
    sum1 = first & 0xFFFF
    sum2 = (rem * sum1) % _ADLER_BASE
    sum1 += (second & 0xFFFF) + _ADLER_BASE - 1
    sum2 += ((first >> 16) & 0xFFFF) + ((second >> 16) & 0xFFFF) + _ADLER_BASE - rem
    sum1 %= _ADLER_BASE
    sum2 %= _ADLER_BASE
    return sum1 | (sum2 << 16)


def _deflate(data: bytes, level: int, last: bool, strategy: int = zlib.Z_DEFAULT_STRATEGY,
             mem_level: int = 9) -> bytes:
    """Raw deflate blocks that start with an empty window and end on a byte boundary."""
    c = zlib.compressobj(level, zlib.DEFLATED, -15, mem_level, strategy)
    return c.compress(data) + c.flush(zlib.Z_FINISH if last else zlib.Z_FULL_FLUSH)


# Run-length matches only look one byte back: a small hash table (memLevel 4) is set up faster
# than the default's and, measured on share images, gives smaller files too.


class BandedPng:
    """Encodes images of ``base``'s size and palette whose rows outside [top, bottom) are
    ``base``'s, such as ``base.copy()`` drawn on only inside the band."""

    def __init__(self, base: Image.Image, top: int, bottom: int, colours: int) -> None:
        if base.mode != "P" or not 0 < colours <= 16 or not 0 <= top < bottom <= base.height:
            raise ValueError("a palette image, at most 16 colours, and a band inside it")
        self.width, self.height = base.size
        self.top, self.bottom = top, bottom
        self.row = (self.width + 1) // 2  # bytes of a row at 4 bits a pixel
        head, tail = self._rows(base, 0, top), self._rows(base, bottom, self.height)
        self.head = _deflate(head, 9, last=False)
        self.tail = _deflate(tail, 9, last=True)
        self.head_adler = zlib.adler32(head)
        self.tail_adler, self.tail_len = zlib.adler32(tail), len(tail)
        palette = (base.getpalette() or [])[:3 * colours]
        header = struct.pack(">IIBBBBB", self.width, self.height, 4, 3, 0, 0, 0)
        self.prefix = _SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"PLTE", bytes(palette))
        # the band is copied 2 pixels (one byte) in from the left of a wider image: packed,
        # its rows are scanlines that start with filter type 0, with no joining in Python
        self.wide = Image.new("P", (self.width + 2, bottom - top), 0)

    def _rows(self, img: Image.Image, top: int, bottom: int) -> bytes:
        """Scanlines with filter type 0 (none) before each row."""
        if top == bottom:
            return b""
        packed = img.crop((0, top, self.width, bottom)).tobytes("raw", "P;4")
        step = self.row
        return b"".join(b"\0" + packed[i:i + step] for i in range(0, len(packed), step))

    def encode(self, img: Image.Image) -> bytes:
        self.wide.paste(img.crop((0, self.top, self.width, self.bottom)), (2, 0))
        band = self.wide.tobytes("raw", "P;4")
        adler = adler32_combine(zlib.adler32(band, self.head_adler), self.tail_adler,
                                self.tail_len)
        middle = _deflate(band, 1, False, zlib.Z_RLE, mem_level=4)
        data = b"\x78\x01" + self.head + middle + self.tail + struct.pack(">I", adler)
        return self.prefix + _chunk(b"IDAT", data) + _chunk(b"IEND", b"")
