"""The files of static/ as the site serves them: CSS and JavaScript without comments and layout
whitespace (the sources stay commented and readable), everything else as it is. Every page
carries its stylesheet and script in its weight (scripts/page_weight.py)."""

from __future__ import annotations

import re
from pathlib import Path

_COMMENT = re.compile(rb"/\*.*?\*/", re.S)
_AROUND = re.compile(rb"\s*([{};,>])\s*")  # none of these is ever inside a CSS string here
_STRING = re.compile(rb"""("[^"]*"|'[^']*')""")


def _minify_css_code(code: bytes) -> bytes:
    # a colon is followed by a space only in a declaration (in a selector it never is); a
    # block's last declaration needs no semicolon
    code = _AROUND.sub(rb"\1", re.sub(rb"\s+", b" ", code))
    return re.sub(rb":\s+", b":", code).replace(b";}", b"}")


def minify_css(text: bytes) -> bytes:
    """Drop comments, whitespace around braces, semicolons, commas, child combinators and after
    colons, and a block's last semicolon, outside strings; rules stay as written."""
    parts = _STRING.split(_COMMENT.sub(b"", text))
    return b"".join(p if i % 2 else _minify_css_code(p)
                    for i, p in enumerate(parts)).strip() + b"\n"


def minify_js(text: bytes) -> bytes:
    """Drop indentation, blank lines and lines that are only a ``//`` comment; every other line
    and line break stays, so the code means what it did. A script where a line break may lie
    inside a string (a template literal, a backslash at a line's end) is served as it is."""
    lines = text.split(b"\n")
    if b"`" in text or any(line.rstrip().endswith(b"\\") for line in lines):
        return text
    kept = [line.strip() for line in lines]
    return b"\n".join(line for line in kept if line and not line.startswith(b"//")) + b"\n"


def static_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    if path.suffix == ".css":
        return minify_css(data)
    return minify_js(data) if path.suffix == ".js" else data
