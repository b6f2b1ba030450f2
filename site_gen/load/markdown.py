"""Markdown content rendered safely: no raw HTML, no javascript: links.

Links are collected with their place while rendering, so the build can warn about a link to a
page the site does not have (``routing.markdown_links``), and links from the site root follow
``--base-url``."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING
from urllib.parse import unquote

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# (target as markdown-it normalised it, line, column), both 1-based
Link = tuple[str, int, int]


@functools.cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt  # imported when first needed: most rebuilds never do

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    return md.enable("table")


def render_markdown(text: str) -> str:
    """Render Markdown; raw HTML is escaped and unsafe link schemes are refused by markdown-it."""
    return render_with_links(text)[0]


def render_with_links(text: str, first_line: int = 1) -> tuple[str, tuple[Link, ...]]:
    """The HTML and every link and image target with its place; ``first_line`` is the line of
    the file that ``text`` starts on."""
    md = _parser()
    tokens = md.parse(text)
    lines = text.splitlines()
    links: list[Link] = []
    for token in tokens:
        if token.type != "inline" or not token.children or not token.map:
            continue
        for child in token.children:
            target = _target(child)
            if target is not None:
                line, col = _place(lines, token.map, target)
                links.append((target, line + first_line - 1, col))
    return md.renderer.render(tokens, md.options, {}), tuple(links)


def _target(token: Token) -> str | None:
    if token.type == "link_open":
        value = token.attrs.get("href")
    elif token.type == "image":
        value = token.attrs.get("src")
    else:
        return None
    return str(value) if value is not None else None


def _place(lines: list[str], block: list[int], target: str) -> tuple[int, int]:
    """1-based line and column of ``target`` as written: in the block's lines, else anywhere
    (a reference definition), else the block's first line."""
    start, end = block
    for numbers in (range(start, min(end, len(lines))), range(len(lines))):
        for written in dict.fromkeys((target, unquote(target))):
            for number in numbers:
                col = lines[number].find(written)
                if col >= 0:
                    return number + 1, col + 1
    return start + 1, 1


def split_title(text: str, fallback: str) -> tuple[str, str, int]:
    """Take a leading '# Title' line off the text; return (title, rest, the line rest starts
    on)."""
    lines = text.lstrip("\ufeff").splitlines()
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if line.startswith("# "):
            return line[2:].strip(), "\n".join(lines[i + 1 :]), i + 2
        break
    return fallback, text, 1
