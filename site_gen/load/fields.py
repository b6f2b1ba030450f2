"""Typed access to located YAML mappings, reporting every problem with its place."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from site_gen.errors import Collector
from site_gen.load.located_yaml import Node

_TYPE_NAMES = {str: "text", int: "a whole number", float: "a number", list: "a list",
               dict: "a mapping", date: "a date (YYYY-MM-DD)"}


def describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    for typ, name in _TYPE_NAMES.items():
        if type(value) is typ:
            return name
    return type(value).__name__


def _date_problem(node: Node) -> str:
    """What is wrong with a value that should be a date, and how to write it."""
    if isinstance(node.value, (dict, list)) or node.value is None:
        return f"must be a date written YYYY-MM-DD, found {describe(node.value)}"
    text = node.shown.strip()
    if not re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
        return f"must be a date written YYYY-MM-DD, found '{text}'"
    try:
        day = date(*map(int, text.split("-")))
    except ValueError as exc:  # 2003-02-30, 2003-13-01
        return f"must be a real date written YYYY-MM-DD, found '{text}' ({exc})"
    if isinstance(node.value, str) and text == day.isoformat():
        return f"must be a date, found the text '{text}': write it without quotes"
    return f"must be written YYYY-MM-DD, found '{text}': write {day.isoformat()}"


MAX_INT = 10_000  # places, numbers of races: far beyond any real value

class Fields:
    """One YAML mapping checked against the keys it may have."""

    def __init__(self, node: Node, allowed: Iterable[str], what: str, out: Collector) -> None:
        self.node, self.what, self.out = node, what, out
        self.ok = isinstance(node.value, dict)
        self.map: dict[str, Node] = node.value if self.ok else {}
        if not self.ok:
            out.error(node.file, node.line, node.col,
                      f"{what} must be a mapping, found {describe(node.value)}", "schema")
            return
        allowed = tuple(allowed)
        for key, value in self.map.items():
            if key not in allowed:
                close = difflib.get_close_matches(key.lower(), allowed, n=1, cutoff=0.6)
                hint = f"did you mean '{close[0]}'? " if close else ""
                out.error(value.file, value.line, value.col,
                          f"unknown field '{key}' in {what} ({hint}expected one of: "
                          f"{', '.join(allowed)})", "schema")

    def has(self, key: str) -> bool:
        return key in self.map and self.map[key].value is not None

    def at(self, key: str) -> Node:
        return self.map.get(key, self.node)

    def _missing(self, key: str) -> None:
        n = self.node
        self.out.error(n.file, n.line, n.col, f"{self.what} is missing '{key}'", "schema")

    def _wrong(self, key: str, expected: str) -> None:
        n = self.map[key]
        found = describe(n.value)
        if not isinstance(n.value, (dict, list)) and n.value is not None:
            found += f" '{n.shown}'"
        self.out.error(n.file, n.line, n.col, f"'{key}' must be {expected}, found {found}",
                       "schema")

    def text(self, key: str, required: bool = True, max_len: int = 300) -> str | None:
        if not self.has(key):
            if required and self.ok:
                self._missing(key)
            return None
        node = self.map[key]
        if isinstance(node.value, (dict, list)):
            self._wrong(key, "text")
            return None
        text = node.shown.strip()  # as written: 'NO' (not false), '1.50' (not 1.5)
        if not text:
            self._wrong(key, "non-empty text")
            return None
        if len(text) > max_len:
            self._wrong(key, f"at most {max_len} characters")
            return None
        return text

    def choice(self, key: str, options: tuple[str, ...], default: str) -> str:
        """One of ``options`` (``default`` when the key is absent or wrong: the error is
        reported)."""
        if not self.has(key):
            return default
        value = self.map[key].value
        if not isinstance(value, str) or value not in options:
            self._wrong(key, f"one of: {', '.join(options)}")
            return default
        return value

    def flag(self, key: str) -> bool:
        """A yes/no field; absent = no."""
        if not self.has(key):
            return False
        value = self.map[key].value
        if not isinstance(value, bool):
            self._wrong(key, "true or false")
            return False
        return value

    def slug(self, key: str, example: str) -> str | None:
        """A slug (lowercase ASCII words joined by '-'); ``example`` is suggested if not."""
        from site_gen.model.slugs import MAX_SLUG, is_slug, slugify

        slug = self.text(key)
        if slug is not None and not is_slug(slug):
            n = self.map[key]
            self.out.error(n.file, n.line, n.col, f"slug '{slug[:60]}' must be lowercase ASCII "
                           f"words joined by '-', at most {MAX_SLUG} characters "
                           f"(e.g. '{slugify(slug)[:MAX_SLUG] or example}')", "schema")
            return None
        return slug

    def integer(self, key: str, required: bool = True, minimum: int = 1) -> int | None:
        if not self.has(key):
            if required and self.ok:
                self._missing(key)
            return None
        value = self.map[key].value
        if isinstance(value, bool) or not isinstance(value, int):
            self._wrong(key, "a whole number")
            return None
        if not minimum <= value <= MAX_INT:
            self._wrong(key, f"a whole number from {minimum} to {MAX_INT}")
            return None
        return value

    def number(self, key: str) -> float | None:
        if not self.has(key):
            return None
        value = self.map[key].value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self._wrong(key, "a number")
            return None
        if not -1e9 < value < 1e9:  # also NaN and .inf, which JSON cannot hold
            n = self.map[key]
            self.out.error(n.file, n.line, n.col, f"'{key}' must be a number between -1e9 "
                           f"and 1e9, found {value}", "schema")
            return None
        return value

    def day(self, key: str, required: bool = True) -> date | None:
        if not self.has(key):
            if required and self.ok:
                self._missing(key)
            return None
        n = self.map[key]
        if type(n.value) is not date:
            self.out.error(n.file, n.line, n.col, f"'{key}' {_date_problem(n)}", "schema")
            return None
        return n.value

    def items(self, key: str, required: bool = False) -> list[Node]:
        if not self.has(key):
            if required and self.ok:
                self._missing(key)
            return []
        value = self.map[key].value
        if not isinstance(value, list):
            self._wrong(key, "a list")
            return []
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        out = []
        for item in self.items(key):
            if isinstance(item.value, (dict, list)) or item.value is None:
                self.out.error(item.file, item.line, item.col,
                               f"each entry of '{key}' must be text", "schema")
            else:
                out.append(item.shown)
        return tuple(out)
