"""The plain-text season article (the format of ``../shared/source/``) → a located structure.

The article has a ``= title =`` line, an ``Infobox`` of ``- Key: Value`` lines, a ``==Calendar==``
section with one ``=== Men ===`` / ``===Women===`` / ``=== Mixed ===`` section per category holding
one ``| Date | Place | Distance | Winner | Second | Third |`` table per stop, and an optional
``==Overall standings==`` section with ``| Distance | Winner | Second | Third |`` tables. Parsing
is tolerant of spacing and strict about content: every defect is collected with its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .article_tables import LABELS, Column, header_columns, is_header
from .articletext import (
    Cell,
    clean,
    distance_and_number,
    heading,
    name_key,
    nation_and_rest,
    normalise_name,
    parse_date,
    parse_date_range,
    season_id,
    split_row,
    split_ties,
)
from .errors import Collector, Problem
from .model import Distance, known_distances, parse_distance
from .yamlsrc import CONTROL_CHARS

CATEGORY_NAMES = {
    "men": "men", "men's": "men", "mens": "men", "male": "men",
    "women": "women", "women's": "women", "womens": "women", "ladies": "women", "female": "women",
    "mixed": "mixed", "mixed relay": "mixed", "mixed team": "mixed",
}
DISTANCE_HELP = ", ".join(known_distances()) + ", 2000m mixed relay, '1500m (1)'"


@dataclass(frozen=True)
class Entry:
    """One podium cell entry: a skater (name as the site writes it) or a relay team."""

    place: int
    nation: str
    name: str
    alt_name: str | None  # given-name-first form of an ISU name ("OHNO Apolo" → "Apolo Ohno")
    line: int
    col: int


@dataclass(frozen=True)
class RaceRow:
    line: int
    category: str
    date: date
    nation: str
    city: str
    distance: Distance
    number: int
    entries: tuple[Entry, ...]
    table: int  # index of the table in the article
    place_col: int = 0  # column of the Place cell


@dataclass(frozen=True)
class StandingsRow:
    line: int
    category: str
    distance: Distance | None  # None = overall
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Article:
    file: str
    title: str
    season: str
    start: date | None
    end: date | None
    races: tuple[RaceRow, ...]
    standings: tuple[StandingsRow, ...]


@dataclass
class _Table:
    kind: str  # "calendar" or "standings"
    category: str
    header_line: int
    columns: list[Column]
    index: int

    def cells(self, cells: list[Cell]) -> tuple[dict[str | int, Cell], list[Cell]]:
        """A row's cells by column, and its podium cells (Winner, Second, Third as given)."""
        by = {c: cell for c, cell in zip(self.columns, cells, strict=True) if c is not None}
        return by, [by[k] for k in (1, 2, 3) if k in by]


class _Parser:
    def __init__(self, file: str) -> None:
        self.file = file
        self.out = Collector()
        self.title = ""
        self.title_line = 0
        self.dates: tuple[date, date] | None = None
        self.dates_line = 0
        self.section = "intro"
        self.section_heading = ""
        self.skipped: tuple[int, str] | None = None  # a calendar-like table outside the calendar
        self.category: str | None = None
        self.category_heading = ""
        self.table: _Table | None = None
        self.resume: _Table | None = None  # the table a blank line interrupted
        self.tables = 0
        self.in_infobox = False
        self.races: list[RaceRow] = []
        self.standings: list[StandingsRow] = []

    def error(self, line: int, col: int, message: str) -> None:
        self.out.error(self.file, line, col, message, code="article")

    # -- lines ---------------------------------------------------------------------------------

    def feed(self, number: int, line: str) -> None:
        bad = CONTROL_CHARS.search(line)
        if bad:  # they would end up in the YAML and the pages; report, parse on without them
            self.error(number, bad.start() + 1, f"control character U+{ord(bad.group()):04X}")
            line = CONTROL_CHARS.sub(" ", line)
        stripped = line.strip()
        if not stripped:
            self.resume = self.table or self.resume
            self.table, self.in_infobox = None, False
            return
        if stripped.startswith("|"):
            self.in_infobox = False
            self.row(number, line)
            return
        self.table = self.resume = None
        found = heading(stripped)
        if found:
            self.in_infobox = False
            self.heading(number, *found)
        elif stripped.lower().rstrip(":") in ("infobox", "{{infobox"):
            self.in_infobox = True
        elif self.in_infobox:
            self.infobox(number, line)

    def heading(self, number: int, level: int, text: str) -> None:
        if level == 1:
            if not self.title:
                self.title, self.title_line = clean(text), number
            return
        if level == 2:
            low = text.lower()
            self.section_heading = text
            self.section = ("standings" if "standing" in low else
                            "calendar" if any(w in low for w in ("calendar", "result")) else
                            "other")
            self.category, self.category_heading = None, ""
        elif level == 3 and self.section in ("calendar", "standings"):
            self.category = CATEGORY_NAMES.get(clean(text).lower().rstrip(":"))
            self.category_heading = text

    def infobox(self, number: int, line: str) -> None:
        m = re.match(r"^\s*[-*|]?\s*([A-Za-z ]+?)\s*[:=]\s*(.*)$", line)
        if not m or m.group(1).lower() not in ("dates", "date"):
            return
        try:
            self.dates = parse_date_range(clean(m.group(2)))
            self.dates_line = number
        except ValueError as exc:
            self.error(number, line.index(m.group(2)) + 1, f"infobox Dates: {exc}")

    # -- tables --------------------------------------------------------------------------------

    def row(self, number: int, line: str) -> None:
        cells = split_row(line, number)
        if cells is None:
            return
        if self.table is None and self.resume is not None and not is_header(cells):
            self.table = self.resume  # rows go on after a blank line
        self.resume = None
        if self.table is None:
            self.start_table(number, cells)
        elif self.table.kind != "skip":
            if len(cells) != len(self.table.columns):
                self.error(number, 1, f"row has {len(cells)} cells; the table header at line "
                                      f"{self.table.header_line} has {len(self.table.columns)}")
            elif self.table.kind == "calendar":
                self.calendar_row(self.table, cells)
            else:
                self.standings_row(self.table, cells)

    def start_table(self, number: int, cells: list[Cell]) -> None:
        self.tables += 1
        kind = self.section if self.section in ("calendar", "standings") else "skip"
        self.table = _Table("skip", "", number, [], self.tables)
        if kind == "skip":
            if self.skipped is None and is_header(cells) and \
                    any(clean(c.text).lower() == "date" for c in cells):
                where = f"under '== {self.section_heading} =='" if self.section_heading else \
                    "before any section heading"
                self.skipped = (number, where)
            return
        if self.category is None:
            where = (f"under '=== {self.category_heading} ===', which is not a category"
                     if self.category_heading else "before any category heading")
            self.error(number, 1, f"table {where}: expected === Men ===, === Women === or "
                                  "=== Mixed === above it")
            return
        columns, problems = header_columns(cells, kind)
        for col, message in problems:
            self.error(number, col, message)
        if problems:
            return
        self.table = _Table(kind, self.category, number, columns, self.tables)

    def distance(self, cell: Cell, category: str) -> tuple[Distance, int, str] | None:
        text, number = distance_and_number(clean(cell.text))
        if re.search(r"\bmixed\b", text, re.IGNORECASE):
            category = "mixed"
        dist = parse_distance(text.replace(",", ""))
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

    def podium(self, cells: list[Cell], relay: bool) -> tuple[Entry, ...] | None:
        entries: list[Entry] = []
        seen: dict[tuple[str, str], str] = {}
        ok, filled = True, 0
        for place, cell in enumerate(cells, start=1):
            parts = split_ties(cell.text)
            label = LABELS[place - 1]
            if parts and place != filled + 1:
                why = "an earlier podium cell is empty" if place > filled + 1 else \
                    "a tie above already takes this place"
                self.error(cell.line, cell.col, f"{label} '{cell.text}' is given but {why}")
                ok = False
            filled += len(parts)
            for part in parts:
                found = nation_and_rest(part)
                if found is None:
                    example = "KOR South Korea" if relay else "KOR Ahn Hyun-soo"
                    self.error(cell.line, cell.col, f"'{part}' has no nation code "
                                                    f"(expected e.g. '{example}')")
                    ok = False
                    continue
                nation, name = found
                if not name and not relay:
                    self.error(cell.line, cell.col, f"'{part}' has no skater name")
                    ok = False
                    continue
                alt = None
                if not relay:
                    name, alt = normalise_name(name)
                keys = {(nation, "" if relay else name_key(n)) for n in (name, alt) if n}
                if twice := next((seen[k] for k in sorted(keys) if k in seen), None):
                    who = nation if relay else f"{name} ({nation})"
                    self.error(cell.line, cell.col, f"{who} is on this podium twice "
                                                    f"(also as {twice})")
                    ok = False
                seen.update(dict.fromkeys(keys, label))
                entries.append(Entry(place, nation, name, alt, cell.line, cell.col))
        if ok and not entries:
            self.error(cells[0].line, cells[0].col, "the podium is empty")
            ok = False
        return tuple(entries) if ok else None

    def calendar_row(self, table: _Table, cells: list[Cell]) -> None:
        by, podium_cells = table.cells(cells)
        line = cells[0].line
        season = season_id(self.title)
        try:
            when: date | None = parse_date(clean(by["date"].text),
                                           season=int(season[:4]) if season else None)
        except ValueError as exc:
            self.error(line, by["date"].col, str(exc))
            when = None
        if when and season and when.year not in (int(season[:4]), int(season[:4]) + 1):
            self.error(line, by["date"].col, f"the date {when} is not in season {season}")
            when = None
        place = nation_and_rest(clean(by["place"].text))
        if place is None:
            self.error(line, by["place"].col, f"place '{by['place'].text}' has no nation code "
                                              "(expected e.g. 'CAN Calgary')")
        elif not place[1]:
            self.error(line, by["place"].col, f"place '{by['place'].text}' has no city")
            place = None
        found = self.distance(by["distance"], table.category)
        podium = self.podium(podium_cells, relay=bool(found and found[0].relay))
        if when is None or place is None or found is None or podium is None:
            return
        dist, number, category = found
        self.races.append(RaceRow(line, category, when, place[0], place[1], dist, number,
                                  podium, table.index, by["place"].col))

    def standings_row(self, table: _Table, cells: list[Cell]) -> None:
        by, podium_cells = table.cells(cells)
        text = clean(by["distance"].text)
        found: tuple[Distance | None, int, str] | None
        if text.lower() in ("overall", "overall standings", "total"):
            found = (None, 0, table.category)
        else:
            found = self.distance(by["distance"], table.category)
        relay = bool(found and found[0] and found[0].relay)
        podium = self.podium(podium_cells, relay=relay)
        if found is None or podium is None:
            return
        line = cells[0].line
        for other in self.standings:
            if other.category == found[2] and other.distance == found[0]:
                self.error(line, 1, f"the standings give '{text}' twice "
                                    f"(also at line {other.line})")
                return
        self.standings.append(StandingsRow(line, found[2], found[0], podium))

    # -- the whole ------------------------------------------------------------------------------

    def finish(self) -> Article | None:
        season = season_id(self.title) if self.title else None
        if not self.title:
            self.error(1, 1, "the article has no title line (e.g. '= 2003–04 ISU Short Track "
                             "Speed Skating World Cup =')")
        elif season is None:
            self.error(self.title_line, 1, f"the title '{self.title}' names no season "
                                           "(expected e.g. '2003–04')")
        if season and self.dates:
            first = int(season[:4])
            if self.dates[0].year not in (first, first + 1) or \
                    self.dates[1].year not in (first, first + 1):
                self.error(self.dates_line, 1, f"the infobox Dates ({self.dates[0]} – "
                                               f"{self.dates[1]}) are not in season {season}")
        if not self.races and not self.out.errors and self.skipped:
            self.error(self.skipped[0], 1, f"this calendar table is {self.skipped[1]}, so it is "
                                           "not read: head its section '==Calendar=='")
        elif not self.races and not self.out.errors:
            self.error(1, 1, "the article has no calendar table (a '==Calendar==' section "
                             "with '=== Men ===' and a '| Date | Place | Distance | Winner | "
                             "Second | Third |' table)")
        if season is None:
            return None
        start, end = self.dates if self.dates else (None, None)
        return Article(self.file, self.title, season, start, end, tuple(self.races),
                       tuple(self.standings))


def parse_article(text: str, file: str) -> tuple[Article | None, list[Problem]]:
    """Parse an article: its valid rows (None without a season title) and every problem."""
    parser = _Parser(file)
    text = text.removeprefix("\ufeff")  # a byte order mark, as Windows editors save UTF-8
    for number, line in enumerate(text.splitlines(), start=1):
        parser.feed(number, line)
    article = parser.finish()
    return article, parser.out.problems
