"""Slugs: Unicode folded to lowercase ASCII words joined by '-'."""

from __future__ import annotations

import re
import unicodedata

# Letters that NFKD does not decompose into ASCII.
_SPECIAL = str.maketrans(
    {
        "ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
        "ł": "l", "Ł": "L", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "œ": "oe",
        "Œ": "OE", "ı": "i",
    }
)
_NON_WORD = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Fold to plain ASCII, keeping spacing and punctuation (``Bédard`` → ``Bedard``)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return decomposed.encode("ascii", "ignore").decode("ascii")


def slugify(text: str) -> str:
    """``Jean-François Monette`` → ``jean-francois-monette``; may return '' (callers check)."""
    if text.isascii():  # nothing to fold: the common case, and 10x faster
        return _NON_WORD.sub("-", text.lower()).strip("-")
    return _NON_WORD.sub("-", fold(text).lower()).strip("-")


SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SLUG = 100  # a slug is a file name in the output (plus '.json'): far below the 255-byte limit


def is_slug(text: str) -> bool:
    return len(text) <= MAX_SLUG and bool(SLUG_RE.match(text))


def name_key(name: str, slug: str = "") -> tuple[str, str]:
    """Alphabetical order of names, accents folded: 'Éric Bédard' among the E's."""
    return (fold(name).casefold(), slug)
