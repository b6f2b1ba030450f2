"""The cells of a season article's table rows: dates, places, distances and podiums.

A ``Cells`` reader checks one cell at a time and reports every problem it finds through the
article parser's ``report``; a cell it cannot read gives ``None`` (a podium: the entries it
could read), so the row's other cells are still checked and each problem is said at its column.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from site_gen.importer.article_tables import LABELS
from site_gen.importer.article_text import (
    Cell,
    clean,
    distance_and_number,
    name_form,
    name_key,
    nation_and_rest,
    normalise_name,
    odd_character,
    parse_date,
    sort_name,
    split_ties,
)
from site_gen.importer.ioc import IOC_NAMES
from site_gen.model.site import Distance, known_distances, parse_distance

DISTANCE_HELP = ", ".join(known_distances()) + ", 2000m mixed relay, '1500m (1)'"

# a race not held: 'Cancelled', 'cancelled due to poor ice', '(not held)'
_NOT_HELD_RE = re.compile(r"^\W*(?:race\s+)?(?:cancell?ed|not\s+held|postponed|abandoned)\b",
                          re.IGNORECASE)
# a date range: '14–15 February 2015', '30 October – 1 November 2009', '14-15 February'
_RANGE_RE = re.compile(r"\d\s*[–—]\s*\d|\s[–—-]\s|\bto\b|^\d{1,2}-\d{1,2}\s+[A-Za-z]")
# '1,500 m', '1 500 m', '1.500 m'; the ISU's 'mixed team relay'
_THOUSANDS_RE = re.compile(r"(?<=\d)[\s,.'’](?=\d{3}(?!\d))")
_TEAM_RE = re.compile(r"\bteam\s+relay\b", re.IGNORECASE)
_PARTICLES = frozenset(("van", "von", "den", "der", "ter", "ten", "het"))

NationCheck = Callable[[str], bool]  # is this nation code known (nations.yaml, IOC table)?
Report = Callable[[int, int, str], None]  # (line, col, message)


@dataclass(frozen=True)
class Entry:
    """One podium cell entry: a skater (name as the site writes it) or a relay team."""

    place: int
    nation: str
    name: str
    alt_name: str | None  # the other word order of an ISU name ("OHNO Apolo" → "Ohno Apolo")
    line: int
    col: int  # of the entry's nation code
    form: int = 2  # how the article wrote the name: see name_form()
    sort_name: str | None = None  # 'Hwang, Dae-heon' when the article marks the family name


class Cells:
    """Reads the cells of the rows of one article; ``report`` is told each problem."""

    def __init__(self, report: Report, known: NationCheck | None) -> None:
        self.error = report
        self.known = known

    def nation(self, code: str, line: int, col: int) -> None:
        if self.known is not None and not self.known(code):
            self.error(line, col, f"unknown nation code '{code}' (not in nations.yaml nor in "
                                  "the importer's IOC table; add it to nations.yaml)")

    def distance(self, cell: Cell, category: str) -> tuple[Distance, int, str] | None:
        text, number = distance_and_number(clean(cell.text))
        if re.search(r"\bmixed\b", text, re.IGNORECASE):
            category = "mixed"
        dist = parse_distance(_THOUSANDS_RE.sub("", _TEAM_RE.sub("relay", text)))
        if dist is None:
            self.error(cell.line, cell.col, f"unknown distance '{cell.text}' "
                                            f"(expected one of {DISTANCE_HELP})")
            return None
        if category == "mixed" and not dist.relay:
            self.error(cell.line, cell.col, f"'{cell.text}' in the Mixed section: "
                                            "mixed races are relays")
            return None
        if number == 0 and "(" in text or number < 0:
            self.error(cell.line, cell.col, f"bad race number in '{cell.text}'")
            return None
        return dist, number, category

    def podium(self, cells: list[Cell], relay: bool | None) -> tuple[Entry, ...]:
        """The entries of the podium cells; ``relay`` None when the distance is unknown."""
        for cell in cells:
            if _NOT_HELD_RE.match(clean(cell.text)):
                self.error(cell.line, cell.col, f"the race is marked '{clean(cell.text)}': a race "
                                                "that was not held has no podium; delete its row")
                return ()
        entries: list[Entry] = []
        seen: dict[tuple[str, str], str] = {}
        filled = 0
        for place, cell in enumerate(cells, start=1):
            parts = split_ties(cell.text)
            label = LABELS[place - 1]
            if parts and place != filled + 1:
                why = "an earlier podium cell is empty" if place > filled + 1 else \
                    "a tie above already takes this place"
                self.error(cell.line, cell.col, f"{label} '{cell.text}' is given but {why}")
            filled += len(parts)
            offset = 0
            for part in parts:
                offset = max(cell.text.find(part[:3], offset), offset)
                col = cell.col + offset
                if part.startswith("=") and len(parts) == 1:
                    self.error(cell.line, col, f"'{part}' is marked as tied with '=': write the "
                                               "skaters who share a place in one cell, e.g. "
                                               "'KOR Ahn Hyun-soo / CHN Li Jiajun'")
                    continue
                if part.startswith("="):  # '=KOR A / =CHN B': the cell is the tie
                    part = part.lstrip("= ")
                    offset = max(cell.text.find(part[:3], offset), offset)
                    col = cell.col + offset
                entry = self.entry(part, place, relay, cell, offset)
                if entry is None:
                    continue
                keys = {(entry.nation, "" if relay else name_key(n))
                        for n in (entry.name, entry.alt_name) if n}
                if twice := next((seen[k] for k in sorted(keys) if k in seen), None):
                    who = entry.nation if relay else f"{entry.name} ({entry.nation})"
                    self.error(cell.line, col, f"{who} is on this podium twice "
                                               f"(also as {twice})")
                seen.update(dict.fromkeys(keys, label))
                entries.append(entry)
        if not entries and not any(split_ties(c.text) for c in cells):
            self.error(cells[0].line, cells[0].col, "the podium is empty")
        return tuple(entries)

    def entry(self, part: str, place: int, relay: bool | None, cell: Cell,
              offset: int) -> Entry | None:
        """One skater or team of a podium cell, 'KOR Ahn Hyun-soo', at ``offset`` in ``cell``;
        None if it has a problem."""
        line, col = cell.line, cell.col + offset
        found = nation_and_rest(part)
        if found is None:
            example = "KOR South Korea" if relay else "KOR Ahn Hyun-soo"
            self.error(line, col, f"'{part}' has no nation code "
                                  f"({_capitals(part) or f'expected e.g. {example!r}'})")
            return None
        nation, name = found
        self.nation(nation, line, col)
        if not name and relay is False:
            self.error(line, col, f"'{part}' has no skater name")
            return None
        if bad := odd_character(name):
            at = cell.col + max(cell.text.find(bad, offset + 3), offset)
            if bad in "[]{}<>|":
                why = f"has wiki markup ('{bad}') left in it: write the name as plain text"
            elif bad == "(" and relay:
                why = f"names more than the team: write it as '{nation} " \
                      f"{name[:name.find(bad)].strip() or nation}' (relay members are not imported)"
            else:
                why = f"has '{bad}' in its name: a name is written in letters, spaces, hyphens, " \
                      "apostrophes and full stops (a tie as 'KOR Ahn Hyun-soo / CHN Li Jiajun')"
            self.error(line, at, f"'{part}' {why}")
            return None
        alt, form, sort = None, 2, None
        if not relay:
            form, sort = name_form(name), sort_name(name, nation)
            name, alt = normalise_name(name, nation)
        return Entry(place, nation, name, alt, line, col, form, sort)

    def race_date(self, cell: Cell, season: str | None) -> date | None:
        """The date of a race in ``season`` ('2003-04'; None: an article without a title)."""
        text = clean(cell.text)
        try:
            when = parse_date(text, season=int(season[:4]) if season else None)
        except ValueError as exc:
            message = str(exc)
            if _RANGE_RE.search(text):
                end = re.split(r"\s*(?:[–—]|\s-\s|\bto\b)\s*|(?<=\d)-(?=\d)", text)[-1]
                message = f"'{text}' is a date range: a race has one date, the day it was " \
                          f"skated (e.g. '{end}')"
            self.error(cell.line, cell.col, message)
            return None
        if season and when.year not in (int(season[:4]), int(season[:4]) + 1):
            self.error(cell.line, cell.col, f"the date {when} is not in season {season}")
            return None
        return when

    def place(self, cell: Cell) -> tuple[str, str] | None:
        place = nation_and_rest(clean(cell.text))
        if place is None:
            hint = _capitals(clean(cell.text)) or "expected e.g. 'CAN Calgary'"
            self.error(cell.line, cell.col, f"place '{clean(cell.text)}' has no nation code "
                                            f"({hint})")
            return None
        self.nation(place[0], cell.line, cell.col)
        if not place[1]:
            self.error(cell.line, cell.col, f"place '{cell.text}' has no city")
            return None
        if bad := odd_character(place[1]):
            self.error(cell.line, cell.col + max(cell.text.find(bad), 0),
                       f"place '{clean(cell.text)}' has '{bad}' in its city name: write the city "
                       "alone, in letters (e.g. 'CAN Calgary')")
            return None
        return place


def _capitals(text: str) -> str:
    """A hint for a nation code written in small letters ('rus Viktor Ahn'), else ''."""
    word, _sep, rest = text.partition(" ")
    code = word.upper()
    if word != code and code in IOC_NAMES and word.lower() not in _PARTICLES and rest:
        return f"nation codes are written in capitals: '{code} {rest}'"
    return ""
