"""The plain-text season article (the format of the copy in ``sources/``) → a located structure.

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

from site_gen.errors import Collector, Problem
from site_gen.importer.article_rows import Cells, Entry, NationCheck
from site_gen.importer.article_tables import Column, header_columns, is_header, plausible_columns
from site_gen.importer.article_text import (
    Cell,
    DateRangeError,
    clean,
    heading,
    parse_date_range,
    season_id,
    split_row,
)
from site_gen.load.located_yaml import CONTROL_CHARS
from site_gen.model.site import Distance

__all__ = ["Article", "Entry", "NationCheck", "RaceRow", "StandingsRow", "parse_article",
           "truncation_warnings"]

CATEGORY_NAMES = {
    "men": "men", "men's": "men", "mens": "men", "male": "men",
    "women": "women", "women's": "women", "womens": "women", "ladies": "women", "female": "women",
    "mixed": "mixed", "mixed relay": "mixed", "mixed team": "mixed",
}


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
    guessed: bool = False  # its header (or heading) was misread: rows are checked, not used

    def cells(self, cells: list[Cell]) -> tuple[dict[str | int, Cell], list[Cell]]:
        """A row's cells by column, and its podium cells (Winner, Second, Third as given).

        A row of the wrong length is read from the left: the cells that line up with a column.
        """
        by = {c: cell for c, cell in zip(self.columns, cells, strict=False) if c is not None}
        return by, [by[k] for k in (1, 2, 3) if k in by]


class _Parser:
    def __init__(self, file: str, known: NationCheck | None) -> None:
        self.file = file
        self.reader = Cells(self.error, known)
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
        if self.in_infobox and re.match(r"^\|\s*[A-Za-z ]+=[^|]*$", stripped):
            self.infobox(number, line)  # a wiki infobox line, '| dates = …'
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
        start = line.index(m.group(2))
        try:
            self.dates = parse_date_range(clean(m.group(2)))
            self.dates_line = number
        except DateRangeError as exc:
            for piece, message in exc.problems:
                at = line.find(piece, start)
                self.error(number, (at if at >= 0 else start) + 1, f"infobox Dates: {message}")

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
            fit = len(cells) - len(self.table.columns)
            if fit:  # the cells that line up are still checked, but the row is not used
                cell_s = "cell" if len(cells) == 1 else "cells"
                self.error(number, 1, f"row has {len(cells)} {cell_s}; the table header at line "
                                      f"{self.table.header_line} has {len(self.table.columns)}")
            if self.table.kind == "calendar":
                self.calendar_row(self.table, cells, fit)
            else:
                self.standings_row(self.table, cells, fit)

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
        reading = plausible_columns(cells, kind) if problems else None
        for col, message in problems:
            if reading and col == reading[1]:
                message += f" (its rows are checked as if it were '{reading[2]}')"
            self.error(number, col, message)
        if problems and reading is None:
            return
        self.table = _Table(kind, self.category, number, reading[0] if reading else columns,
                            self.tables, guessed=reading is not None)

    def podium(self, cells: list[Cell], relay: bool | None, short: bool) -> tuple[Entry, ...]:
        """The podium of a row; a short row's cut-off podium is not also said to be empty."""
        if short and not any(c.text for c in cells):
            return ()
        return self.reader.podium(cells, relay)

    def calendar_row(self, table: _Table, cells: list[Cell], fit: int = 0) -> None:
        """A race; every cell is checked, and a row with any problem takes no further part.

        A row of ``fit`` cells more (or, negative, fewer) than the header, already reported,
        has the cells that line up checked: what a short row lacks is not said again.
        """
        by, podium_cells = table.cells(cells)
        before = len(self.out.problems)
        when = place = found = None
        if "date" in by:
            when = self.reader.race_date(by["date"], season_id(self.title))
        if "place" in by:
            place = self.reader.place(by["place"])
        if "distance" in by:
            found = self.reader.distance(by["distance"], table.category)
        podium = self.podium(podium_cells, found[0].relay if found else None, fit < 0)
        if fit or table.guessed or len(self.out.problems) > before or when is None or \
                place is None or found is None:
            return
        dist, number, category = found
        self.races.append(RaceRow(cells[0].line, category, when, place[0], place[1], dist,
                                  number, podium, table.index))

    def standings_row(self, table: _Table, cells: list[Cell], fit: int = 0) -> None:
        by, podium_cells = table.cells(cells)
        if "distance" not in by:  # a short row without even its distance: nothing to check
            return
        before = len(self.out.problems)
        text = clean(by["distance"].text)
        found: tuple[Distance | None, int, str] | None
        if text.lower() in ("overall", "overall standings", "total"):
            found = (None, 0, table.category)
        else:
            found = self.reader.distance(by["distance"], table.category)
        relay = (found[0] is not None and found[0].relay) if found else None
        podium = self.podium(podium_cells, relay, fit < 0)
        if fit or table.guessed or len(self.out.problems) > before or found is None:
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


CUT_SHORT_DAYS = 4  # a stop lasts three days: a calendar ending 4 days early misses one


def truncation_warnings(article: Article) -> list[Problem]:
    """Warnings for an article that seems cut off (a copy that stopped mid-season imports as
    a smaller season without a word): its calendar ends well before the infobox's dates, or it
    has no standings section."""
    if not article.races:
        return []
    last = max(article.races, key=lambda r: (r.date, r.line))
    found = []
    if article.end and (article.end - last.date).days >= CUT_SHORT_DAYS:
        found.append(Problem(article.file, last.line, 1, (
            f"the calendar ends on {last.date}, {(article.end - last.date).days} days before "
            f"the infobox Dates end ({article.end}): the stops after it seem missing (was the "
            "article cut short?)"), "warning", "article"))
    if not article.standings:
        found.append(Problem(article.file, last.line, 1, (
            "the article has no '==Overall standings==' section after its calendar: the season's "
            "standings seem missing (was the article cut short?)"), "warning", "article"))
    return found


def parse_article(text: str, file: str,
                  known: NationCheck | None = None) -> tuple[Article | None, list[Problem]]:
    """Parse an article: its valid rows (None without a season title) and every problem.

    ``known`` tells the nation codes the content folder knows; without it, any code goes.
    """
    parser = _Parser(file, known)
    text = text.removeprefix("\ufeff")  # a byte order mark, as Windows editors save UTF-8
    for number, line in enumerate(text.splitlines(), start=1):
        parser.feed(number, line)
    article = parser.finish()
    return article, parser.out.problems
