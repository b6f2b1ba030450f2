"""Markdown content rendered safely: no raw HTML, no javascript: links."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


@functools.cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt  # imported when first needed: most rebuilds never do

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    return md.enable("table")


def render_markdown(text: str) -> str:
    """Render Markdown; raw HTML is escaped and unsafe link schemes are refused by markdown-it."""
    return _parser().render(text)


def split_title(text: str, fallback: str) -> tuple[str, str]:
    """Take a leading '# Title' line off the text; return (title, rest)."""
    lines = text.lstrip("\ufeff").splitlines()
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if line.startswith("# "):
            return line[2:].strip(), "\n".join(lines[i + 1 :])
        break
    return fallback, text
