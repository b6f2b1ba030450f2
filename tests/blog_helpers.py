"""Helpers for the bloggers tests (issue 6): read meta tags, JSON-LD and tables of built pages."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any


class PageParts(HTMLParser):
    """Meta tags, <link>s, JSON-LD scripts, <a> links and the tables (by caption) of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.links: list[dict[str, str]] = []
        self.anchors: list[dict[str, str]] = []
        self.jsonld: list[str] = []
        self.title = ""
        self.tables: dict[str, list[list[str]]] = {}
        self._in: str | None = None
        self._buf: list[str] = []
        self._table: list[list[str]] | None = None
        self._row: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta" and ("property" in a or "name" in a):
            self.meta.setdefault(a.get("property") or a["name"], a.get("content", ""))
        elif tag == "link":
            self.links.append(a)
        elif tag == "a":
            self.anchors.append(a)
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._in, self._buf = "jsonld", []
        elif tag == "title":
            self._in, self._buf = "title", []
        elif tag == "table":
            self._table = []
        elif tag == "caption" or (tag in ("td", "th") and self._row is not None):
            self._in, self._buf = tag, []
        elif tag == "tr" and self._table is not None:
            self._row = []

    def handle_endtag(self, tag: str) -> None:
        text = "".join(self._buf).strip()
        if tag == "script" and self._in == "jsonld":
            self.jsonld.append("".join(self._buf))
        elif tag == "title" and self._in == "title":
            self.title = text
        elif tag == "caption" and self._table is not None:
            self.tables[" ".join(text.split())] = self._table
        elif tag in ("td", "th") and self._row is not None:
            self._row.append(" ".join(text.split()))
        elif tag == "tr" and self._table is not None and self._row is not None:
            self._table.append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None
        if tag in ("script", "title", "caption", "td", "th"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self._buf.append(data)


def page(path: Path) -> PageParts:
    p = PageParts()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def jsonld(path: Path) -> list[Any]:
    return [json.loads(text) for text in page(path).jsonld]


def link(parts: PageParts, rel: str, type_: str) -> dict[str, str]:
    found = [a for a in parts.links if a.get("rel") == rel and a.get("type") == type_]
    assert found, f"no <link rel={rel} type={type_}>"
    return found[0]
