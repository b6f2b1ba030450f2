"""Table headers of the season article: which column holds what, and what a table must have.

A calendar table has ``| Date | Place | Distance | Winner | Second | Third |`` and a standings
table ``| Distance | Winner | Second | Third |``, in any order and under several names. Podium
columns may stop early (``| Distance | Winner |``); a reference or notes column is read past.
"""

from __future__ import annotations

from site_gen.importer.article_text import Cell, clean

COLUMNS: dict[str, str | int] = {
    "date": "date", "dates": "date", "day": "date",
    "place": "place", "venue": "place", "location": "place", "city": "place",
    "distance": "distance", "event": "distance", "race": "distance",
    "winner": 1, "gold": 1, "first": 1, "1st": 1,
    "second": 2, "silver": 2, "2nd": 2, "runner-up": 2,
    "third": 3, "bronze": 3, "3rd": 3,
}
IGNORED = frozenset(("ref", "refs", "ref.", "reference", "references", "source", "sources",
                     "note", "notes", "report", "remarks"))
CALENDAR_COLUMNS = ("date", "place", "distance", 1, 2, 3)
STANDINGS_COLUMNS = ("distance", 1, 2, 3)
LABELS = ("Winner", "Second", "Third")

Column = str | int | None  # None: a column read past


def title(column: str | int) -> str:
    return LABELS[column - 1] if isinstance(column, int) else column.title()


def is_header(cells: list[Cell]) -> bool:
    """Every cell names a column: a header row, not a row of results."""
    return all(clean(c.text).lower() in COLUMNS or clean(c.text).lower() in IGNORED
               for c in cells)


def header_columns(cells: list[Cell], kind: str) -> tuple[list[Column], list[tuple[int, str]]]:
    """The columns of a ``kind`` ("calendar" / "standings") header; problems as (col, message)."""
    columns: list[Column] = []
    problems: list[tuple[int, str]] = []
    for cell in cells:  # every unknown or repeated column is named
        name = clean(cell.text).lower()
        column = None if name in IGNORED else COLUMNS.get(name)
        if (column is None and name not in IGNORED) or (column is not None and column in columns):
            what = "unknown" if column is None else "repeated"
            problems.append((cell.col, f"{what} column '{cell.text}' in the table header"))
        columns.append(column)
    if problems:  # what is missing then is most likely misspelt: not said twice
        return [], problems
    wanted = CALENDAR_COLUMNS if kind == "calendar" else STANDINGS_COLUMNS
    podium = [c for c in (1, 2, 3) if c in columns]
    missing = [c for c in wanted if c not in columns and not (c in (2, 3) and c > len(podium))]
    extra = [c for c in columns if c is not None and c not in wanted]
    if missing or extra:
        return [], [(1, f"a {kind} table needs the columns "
                        f"{' | '.join(title(c) for c in wanted)} (missing: "
                        f"{', '.join(title(c) for c in missing) or 'none'}"
                        f"{''.join(f'; unexpected: {title(c)}' for c in extra[:1])})")]
    return columns, []


def plausible_columns(cells: list[Cell], kind: str) -> tuple[list[Column], int, str] | None:
    """The one reading of a header with a single unknown column, if there is only one.

    The unknown column is read as the one column the header must have and lacks (a podium
    column only in its place, right after the one before it: ``| Winner | Secnd | Third |``).
    A header that would do without it (``| Winner | Second | Thrid |``: a notes column?) or
    lacks more has no one reading. Returns the columns, the unknown cell's column and what it
    is read as; None when the reading is not unambiguous.
    """
    names = [clean(c.text).lower() for c in cells]
    unknown = [i for i, n in enumerate(names) if n not in IGNORED and n not in COLUMNS]
    if len(unknown) != 1:
        return None
    at = unknown[0]
    known = [None if n in IGNORED or i == at else COLUMNS[n] for i, n in enumerate(names)]
    wanted = CALENDAR_COLUMNS if kind == "calendar" else STANDINGS_COLUMNS
    lacking = [c for c in wanted if c not in known]
    podium = [c for c in (1, 2, 3) if c in known]
    required = [c for c in lacking if not (c in (2, 3) and c > len(podium))]
    if len(required) != 1:
        return None
    guess = required[0]
    if isinstance(guess, int) and (at == 0 or known[at - 1] != guess - 1):
        return None
    columns = [guess if i == at else c for i, c in enumerate(known)]
    if header_columns([Cell(title(c) if c is not None else "notes", 0, 0)
                       for c in columns], kind)[1]:
        return None  # still not a header of this kind
    return columns, cells[at].col, title(guess)
