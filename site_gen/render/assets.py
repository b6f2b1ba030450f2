"""The files of static/ as the site serves them: CSS without comments and layout whitespace
(the source stays commented and readable), everything else as it is."""

from __future__ import annotations

import re
from pathlib import Path

_COMMENT = re.compile(rb"/\*.*?\*/", re.S)
_AROUND = re.compile(rb"\s*([{};])\s*")  # no brace or semicolon is ever inside a CSS string here


def minify_css(text: bytes) -> bytes:
    """Drop comments, and whitespace around braces and semicolons; rules stay as written."""
    return _AROUND.sub(rb"\1", _COMMENT.sub(b"", text)).strip() + b"\n"


def static_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    return minify_css(data) if path.suffix == ".css" else data
