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

from .article_tables import LABELS
from .articletext import (
    Cell,
    clean,
    distance_and_number,
    name_form,
    name_key,
    nation_and_rest,
    normalise_name,
    parse_date,
    split_ties,
)
from .model import Distance, known_distances, parse_distance

DISTANCE_HELP = ", ".join(known_distances()) + ", 2000m mixed relay, '1500m (1)'"

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

    def podium(self, cells: list[Cell], relay: bool | None) -> tuple[Entry, ...]:
        """The entries of the podium cells; ``relay`` None when the distance is unknown."""
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
                found = nation_and_rest(part)
                if found is None:
                    example = "KOR South Korea" if relay else "KOR Ahn Hyun-soo"
                    self.error(cell.line, col, f"'{part}' has no nation code "
                                               f"(expected e.g. '{example}')")
                    continue
                nation, name = found
                self.nation(nation, cell.line, col)
                if not name and relay is False:
                    self.error(cell.line, col, f"'{part}' has no skater name")
                    continue
                alt, form = None, 2
                if not relay:
                    form = name_form(name)
                    name, alt = normalise_name(name, nation)
                keys = {(nation, "" if relay else name_key(n)) for n in (name, alt) if n}
                if twice := next((seen[k] for k in sorted(keys) if k in seen), None):
                    who = nation if relay else f"{name} ({nation})"
                    self.error(cell.line, col, f"{who} is on this podium twice "
                                               f"(also as {twice})")
                seen.update(dict.fromkeys(keys, label))
                entries.append(Entry(place, nation, name, alt, cell.line, col, form))
        if not entries and not any(split_ties(c.text) for c in cells):
            self.error(cells[0].line, cells[0].col, "the podium is empty")
        return tuple(entries)

    def race_date(self, cell: Cell, season: str | None) -> date | None:
        """The date of a race in ``season`` ('2003-04'; None: an article without a title)."""
        try:
            when = parse_date(clean(cell.text), season=int(season[:4]) if season else None)
        except ValueError as exc:
            self.error(cell.line, cell.col, str(exc))
            return None
        if season and when.year not in (int(season[:4]), int(season[:4]) + 1):
            self.error(cell.line, cell.col, f"the date {when} is not in season {season}")
            return None
        return when

    def place(self, cell: Cell) -> tuple[str, str] | None:
        place = nation_and_rest(clean(cell.text))
        if place is None:
            self.error(cell.line, cell.col, f"place '{cell.text}' has no nation code "
                                            "(expected e.g. 'CAN Calgary')")
            return None
        self.nation(place[0], cell.line, cell.col)
        if not place[1]:
            self.error(cell.line, cell.col, f"place '{cell.text}' has no city")
            return None
        return place
