"""``import RESULTS.csv --season S --stop STOP --category C --distance D``: a race's full
classification, as copied from an ISU results page, into a race of a stop (docs/import.md).

The table has a header row naming its columns (rank, name, nation, time, status, in any order
and under their usual other names; other columns are left alone). Skaters are matched as an
article's are. The race's results are replaced by the table's and it is marked
``classification: full``; the rest of the stop file is kept as written.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from site_gen.errors import Collector, DataError, Problem
from site_gen.importer.article_rows import Entry
from site_gen.importer.article_text import name_form, normalise_name, odd_character, sort_name
from site_gen.importer.registry import Registry
from site_gen.importer.registry_edits import last_line
from site_gen.importer.yaml_writer import flow
from site_gen.load.located_yaml import Node, YamlProblem, parse_file
from site_gen.load.site_loader import MAX_NAME
from site_gen.model.site import SHORT_FULL, STATUSES, parse_distance, time_problem

if TYPE_CHECKING:
    from site_gen.importer.article_import import ImportReport

COLUMNS = {  # the header's words for each column we read
    "rank": ("rank", "place", "pos", "position", "rk", "#"),
    "name": ("name", "skater", "athlete", "competitor"),
    "nation": ("nation", "nat", "noc", "country", "nationality"),
    "time": ("time", "result", "final time"),
    "status": ("status", "remark", "remarks", "note", "irm"),
}
REQUIRED = ("rank", "name", "nation")


@dataclass(frozen=True)
class RaceChoice:
    season: str
    stop: str
    category: str
    distance: str
    number: int = 0
    date: str = ""  # YYYY-MM-DD: which of two races of one distance


@dataclass(frozen=True)
class Row:
    line: int
    entry: Entry | None  # None: only a status, no place
    rank: int | None
    time: str
    status: str
    nation_col: int = 0  # the nation column's number
    bad: frozenset[str] = frozenset()  # the columns of its cells that are errors


def _cells(file: str, text: str, delimiter: str, out: Collector
           ) -> tuple[list[tuple[int, list[str]]], bool]:
    """The table's rows with the line each starts at, and whether it was read to its end: a
    row the csv module cannot read (an unclosed quote) is an error at its line and cell, and
    ends the table."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return rows, True
        except csv.Error as exc:
            rest = "".join(text.splitlines(keepends=True)[start - 1:])
            out.error(file, start, _bad_cell(rest, delimiter), f"cannot read the row: {exc} "
                      f"(the csv module, at line {reader.line_num}): a quote that opens a cell "
                      'must close it, and a quote inside one is written twice ("")', "table")
            return rows, False
        rows.append((start, cells))
        start = reader.line_num + 1


def _bad_cell(text: str, delimiter: str) -> int:
    """The number of the cell where the csv module gives up on ``text`` (a row and what
    follows): the cell whose quote is never closed, or has text after its closing quote."""
    col, opened, quoted, at_start, i = 1, 1, False, True, 0
    while i < len(text):
        char = text[i]
        if quoted:
            if char == '"' and text[i + 1:i + 2] == '"':
                i += 1
            elif char == '"':
                quoted = False
                if text[i + 1:i + 2] not in (delimiter, "\r", "\n", ""):
                    return col
        elif char == '"' and at_start:
            quoted, opened = True, col
        elif char == delimiter:
            col, at_start, i = col + 1, True, i + 1
            continue
        elif char in "\r\n":
            return col
        at_start = False
        i += 1
    return opened if quoted else col


def read_table(path: Path, text: str, out: Collector) -> tuple[list[Row], bool]:
    """The table's rows, and whether they are all of it (not cut short by a row the csv
    module cannot read); each problem at ``file:row:column`` (the column's number)."""
    delimiter = "\t" if path.suffix.lower() == ".tsv" or "\t" in text.split("\n", 1)[0] else ","
    file = str(path)
    before = len(out.errors)
    rows, whole = _cells(file, text, delimiter, out)
    if not rows:
        if len(out.errors) == before:
            out.error(file, 1, 0, "empty table: expected a header row (rank, name, nation, "
                      "time, status) and a row per skater", "table")
        return [], whole
    header = [cell.strip().lower() for cell in rows[0][1]]
    columns = {key: [i for i, h in enumerate(header) if h in words]
               for key, words in COLUMNS.items()}
    for key, found_at in columns.items():
        if len(found_at) > 1:
            named = ", ".join(f"'{rows[0][1][i].strip()[:20]}' (column {i + 1})"
                              for i in found_at)
            out.error(file, 1, found_at[1] + 1, f"the header row has more than one {key} "
                      f"column: {named}; keep one", "table")
    where = {key: (found_at[0] if found_at else None) for key, found_at in columns.items()}
    missing = [key for key in REQUIRED if where[key] is None]
    if missing:
        out.error(file, 1, 0, f"the header row has no {', '.join(missing)} column (it has: "
                  f"{', '.join(h[:20] for h in header)[:120]}); expected rank, name, nation, "
                  "time, status", "table")
        return [], whole
    found = []
    for line, cells in rows[1:]:
        if not any(c.strip() for c in cells):
            continue
        found.append(_row(file, line, cells, where, out))
    if not found and len(out.errors) == before:
        out.error(file, 1, 1, "the table has no rows: below its header row, a row per skater "
                  "(rank, name, nation, time, status)", "table")
    return found, whole


def _row(file: str, line: int, cells: list[str], where: dict[str, int | None],
         out: Collector) -> Row:
    """One skater's row, each bad cell an error at its column."""
    got = {key: (cells[i].strip() if i is not None and i < len(cells) else "")
           for key, i in where.items()}
    wrong: set[str] = set()

    def bad(key: str, message: str) -> None:
        col = where[key]
        wrong.add(key)
        out.error(file, line, (col or 0) + 1, f"{message} (column '{key}')", "table")

    rank: int | None = None
    status = got["status"].upper()
    if got["rank"].rstrip(".").isdigit():
        rank = int(got["rank"].rstrip("."))
    elif got["rank"].upper() in STATUSES:
        status = status or got["rank"].upper()
    elif got["rank"]:
        bad("rank", f"rank '{got['rank'][:20]}' is neither a place nor a status "
            f"({', '.join(STATUSES)})")
    if status and status not in STATUSES:
        bad("status", f"unknown status '{status[:20]}' (expected one of: "
            f"{', '.join(STATUSES)})")
        status = ""
    if rank is None and not status and not got["rank"]:
        bad("rank", "no rank and no status: a full classification lists every starter "
            "with a place or a status")
    if got["time"] and (problem := time_problem(got["time"])) is not None:
        bad("time", problem)
    entry = _entry(got, line, (where["name"] or 0) + 1, rank or 0, bad)
    return Row(line, entry, rank, got["time"], status, (where["nation"] or 0) + 1,
               frozenset(wrong))


def _entry(got: dict[str, str], line: int, col: int, place: int, bad: Any) -> Entry | None:
    nation, written = got["nation"].upper(), got["name"]
    if len(nation) != 3 or not nation.isalpha():
        bad("nation", f"nation '{got['nation'][:20]}' is not a three-letter IOC code")
        return None
    if not written or (char := odd_character(written)) is not None:
        bad("name", f"name '{written[:40]}' " + (f"has '{char}', which no name has"
                                                 if written else "is empty"))
        return None
    name, alt = normalise_name(written, nation)
    if len(name) > MAX_NAME:
        bad("name", f"the name '{name[:40]}…' has {len(name)} characters: a skater's name has "
            f"at most {MAX_NAME}")
        return None
    return Entry(place, nation, name, alt, line, col, name_form(written),
                 sort_name(written, nation))


def find_race(path: Path, choice: RaceChoice, out: Collector) -> tuple[Node, Node] | None:
    """The stop file's root and the race the options name."""
    try:
        root = parse_file(path, str(path))
    except YamlProblem as exc:
        out.extend([exc.problem])
        return None
    distance = parse_distance(choice.distance)
    races = root.value.get("races") if isinstance(root.value, dict) else None
    items = races.value if races is not None and isinstance(races.value, list) else []
    chosen = []
    for item in items:
        race = item.value if isinstance(item.value, dict) else {}

        def text(key: str, race: dict[str, Node] = race) -> str:
            return str(race[key].value) if key in race else ""

        if text("category") == choice.category and parse_distance(text("distance")) == \
                distance and (not choice.number or text("number") == str(choice.number)) \
                and (not choice.date or text("date") == choice.date):
            chosen.append(item)
    what = f"the {choice.category} {choice.distance}"
    if len(chosen) != 1:
        out.error(str(path), 0, 0, f"{what} is {'raced more than once' if chosen else 'not'} "
                  f"in this stop{': say which with --number or --date' if chosen else ''}"
                  "; the results table goes into a race the stop file lists", "usage")
        return None
    results = chosen[0].value.get("results")
    if results is None or not isinstance(results.value, list) or not results.value or \
            path.read_text(encoding="utf-8").splitlines()[results.line - 1].rstrip() \
            .endswith("["):
        out.error(str(path), chosen[0].line, chosen[0].col, f"{what}'s results must be a "
                  "block list ('- {place: 1, skater: …}' lines) to be replaced", "usage")
        return None
    return root, chosen[0]


def replaced(text: str, race: Node, results: list[dict[str, Any]]) -> tuple[str, list[int]]:
    """The stop file with the race's results replaced and ``classification: full`` on it, and
    the line of each result written."""
    lines = text.splitlines(keepends=True)
    fields: dict[str, Node] = race.value
    items = fields["results"].value
    first, last = items[0].line, last_line(fields["results"])
    item_indent = " " * (items[0].col - 3)
    new = [f"{item_indent}- {flow(r)}\n" for r in results]
    head = lines[:first - 1]
    indent = " " * (race.col - 1)
    if "classification" in fields:
        at = fields["classification"].line - 1
        head[at] = f"{indent}classification: full\n"
    else:
        head.insert(first - 2, f"{indent}classification: full\n")
    starts = [len(head) + 1 + i for i in range(len(new))]
    return "".join(head + new + lines[last:]), starts


def lost_podium(path: Path, race: Node, results: list[dict[str, Any]],
                unsure: Collection[object] = ()) -> list[Problem]:
    """Results of the race that the table does not give (a hand correction, another source);
    not those whose place or skater is in ``unsure`` (a row of the table with an error)."""
    given = {(r.get("place"), r.get("skater"), r.get("team")) for r in results}
    problems = []
    for item in race.value["results"].value:
        old = {k: v.value for k, v in item.value.items()} if isinstance(item.value, dict) else {}
        if (old.get("place"), old.get("skater"), old.get("team")) not in given and \
                not {old.get("place"), old.get("skater")} & set(unsure):
            problems.append(Problem(str(path), item.line, item.col, f"place {old.get('place')}"
                                    f": {old.get('skater') or old.get('team')} here; the table "
                                    "does not give it (import with --force to replace the "
                                    "race's results)", code="exists"))
    return problems


def results_of(rows: list[Row], reg: Registry, season: str, gender: str | None
               ) -> list[dict[str, Any]]:
    """The race's results: skaters matched or added as an article's are."""
    idents = []
    for row in rows:
        assert row.entry is not None
        ident = reg.find(row.entry) or reg.add(row.entry, gender)
        reg.spelled(ident, row.entry)
        idents.append(ident)
    slugs = reg.assign_slugs()
    results = []
    for row, ident in zip(rows, idents, strict=True):
        assert row.entry is not None
        result: dict[str, Any] = {}
        if row.rank is not None:
            result["place"] = row.rank
        result["skater"] = slugs.get(ident, ident)
        if row.entry.nation != reg.nation_of(ident, season):
            result["nation"] = row.entry.nation
        if row.time:
            result["time"] = row.time
        if row.status:
            result["status"] = row.status
        results.append(result)
    return results


DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


def choose(choice: RaceChoice, out: Collector) -> bool:
    """Whether the options can name a race; every bad one is an error."""
    before = len(out.errors)
    if parse_distance(choice.distance) is None:
        out.error("--distance", 0, 0, f"unknown distance '{choice.distance[:20]}'", "usage")
    if choice.category not in ("men", "women", "mixed"):
        out.error("--category", 0, 0, f"unknown category '{choice.category[:20]}' (expected "
                  "men, women or mixed)", "usage")
    if choice.date:
        try:
            valid = DATE_RE.fullmatch(choice.date) is not None and bool(
                date.fromisoformat(choice.date))
        except ValueError:
            valid = False
        if not valid:
            out.error("--date", 0, 0, f"'{choice.date[:20]}' is not a date written "
                      "YYYY-MM-DD", "usage")
    if choice.number < 0:
        out.error("--number", 0, 0, f"'{choice.number}' is not a race's number (1 or 2)",
                  "usage")
    return len(out.errors) == before


def import_results(table: Path, content: Path, choice: RaceChoice, force: bool = False
                   ) -> ImportReport:
    """Import one results table into its race; raises DataError with every problem: the
    options', the table's cells', and the results of the race it would lose, together."""
    from site_gen.importer.article_import import ImportReport, registry_texts, write_files
    from site_gen.importer.identity import hints
    from site_gen.importer.registry import read_registry
    from site_gen.importer.verify import verify

    out = Collector()
    chosen = choose(choice, out)
    try:
        text = table.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.reason if isinstance(exc, UnicodeDecodeError) else exc.strerror
        out.error(table, 0, 0, f"cannot read: {reason}")
        raise DataError(out.problems) from None
    registry = read_registry(content, out)
    registry_read = not out.errors
    rows, whole = read_table(table, text, out)
    rel = f"seasons/{choice.season}/{choice.stop}.yaml"
    stop = content / rel
    if not stop.is_file():
        out.error(str(stop), 0, 0, f"no stop '{choice.stop[:40]}' in season "
                  f"{choice.season[:20]} (--season, --stop name a stop file)", "usage")
    found = find_race(stop, choice, out) if stop.is_file() and chosen else None
    unknown = sorted({r.entry.nation for r in rows if r.entry and not registry.knows(
        r.entry.nation)})
    for row in rows:
        if row.entry is not None and row.entry.nation in unknown:
            out.error(str(table), row.line, row.nation_col, "unknown nation code "
                      f"'{row.entry.nation}' (column 'nation')", "table")
    named = [r for r in rows if r.entry]
    gender = choice.category if choice.category != "mixed" else None
    results = results_of(named, registry, choice.season, gender) if registry_read else []
    if found is not None and registry_read and whole and not force:
        # a row without its skater, or without its place: what it gives is not known
        unsure = {r.rank for r in rows if r.entry is None and r.rank} | {
            result["skater"] for r, result in zip(named, results, strict=True)
            if r.bad & {"rank", "status"}}
        out.extend(lost_podium(stop, found[1], results, unsure))
    if whole and rows and len(rows) <= SHORT_FULL:
        out.warning(table, 1, 0, f"the table has {len(rows)} row{'s' * (len(rows) != 1)}, "
                    "imported as the race's full classification (every starter): if it is "
                    "only the podium, the absent skaters count as not starting; a results "
                    "table gives every skater who started", "short-full")
    out.raise_if_errors()
    assert found is not None
    race = found[1]
    docs = {}
    docs[rel], starts = replaced(stop.read_text(encoding="utf-8"), race, results)
    docs.update(registry_texts(content, registry))
    origins = {rel: [(start, row.line, row.entry.col if row.entry else 0)
                     for start, row in zip(starts, rows, strict=True)]}
    if problems := verify(content, docs, [], str(table), origins):
        raise DataError(out.warnings + problems)
    written, backup = write_files(content, docs, [], choice.season, force)
    return ImportReport(written, [], [f"{n.name} ({n.nation})"
                                      for n in registry.new_skaters.values()],
                        sorted(registry.new_nations), backup, warnings=out.warnings,
                        hints=hints(registry, choice.season, set()))
