"""``import RESULTS.csv --season S --stop STOP --category C --distance D``: a race's full
classification, as copied from an ISU results page, into a race of a stop (docs/import.md).

The table has a header row naming its columns (rank, name, nation, time, status, in any order
and under their usual other names; other columns are left alone). Skaters are matched as an
article's are. The race's results are replaced by the table's and it is marked
``classification: full``; the rest of the stop file is kept as written.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
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
from site_gen.model.site import STATUSES, parse_distance

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


def read_table(path: Path, text: str, out: Collector) -> list[Row]:
    """The table's rows; each problem at ``file:row:column`` (the column's number)."""
    delimiter = "\t" if path.suffix.lower() == ".tsv" or "\t" in text.split("\n", 1)[0] else ","
    rows = list(csv.reader(text.splitlines(), delimiter=delimiter))
    file = str(path)
    if not rows:
        out.error(file, 1, 0, "empty table: expected a header row (rank, name, nation, time, "
                  "status) and a row per skater", "table")
        return []
    header = [cell.strip().lower() for cell in rows[0]]
    where = {key: next((i for i, h in enumerate(header) if h in words), None)
             for key, words in COLUMNS.items()}
    missing = [key for key in REQUIRED if where[key] is None]
    if missing:
        out.error(file, 1, 0, f"the header row has no {', '.join(missing)} column (it has: "
                  f"{', '.join(h[:20] for h in header)[:120]}); expected rank, name, nation, "
                  "time, status", "table")
        return []
    found = []
    for line, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        got = {key: (cells[i].strip() if i is not None and i < len(cells) else "")
               for key, i in where.items()}

        def bad(key: str, message: str, line: int = line) -> None:
            col = where[key]
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
        entry = _entry(got, line, (where["name"] or 0) + 1, rank or 0, bad)
        found.append(Row(line, entry, rank, got["time"], status))
    return found


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


def lost_podium(path: Path, race: Node, results: list[dict[str, Any]]) -> list[Problem]:
    """Results of the race that the table does not give (a hand correction, another source)."""
    given = {(r.get("place"), r.get("skater"), r.get("team")) for r in results}
    problems = []
    for item in race.value["results"].value:
        old = {k: v.value for k, v in item.value.items()} if isinstance(item.value, dict) else {}
        if (old.get("place"), old.get("skater"), old.get("team")) not in given:
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


def choose(choice: RaceChoice, out: Collector) -> None:
    if parse_distance(choice.distance) is None:
        out.error("--distance", 0, 0, f"unknown distance '{choice.distance[:20]}'", "usage")
    if choice.category not in ("men", "women", "mixed"):
        out.error("--category", 0, 0, f"unknown category '{choice.category[:20]}' (expected "
                  "men, women or mixed)", "usage")
    if out.errors:
        raise DataError(out.problems)


def import_results(table: Path, content: Path, choice: RaceChoice, force: bool = False
                   ) -> ImportReport:
    """Import one results table into its race; raises DataError with every problem."""
    from site_gen.importer.article_import import ImportReport, registry_texts, write_files
    from site_gen.importer.identity import hints
    from site_gen.importer.registry import read_registry
    from site_gen.importer.verify import verify

    out = Collector()
    choose(choice, out)
    try:
        text = table.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.reason if isinstance(exc, UnicodeDecodeError) else exc.strerror
        raise DataError([Problem(str(table), 0, 0, f"cannot read: {reason}")]) from None
    registry = read_registry(content, out)
    rows = read_table(table, text, out)
    rel = f"seasons/{choice.season}/{choice.stop}.yaml"
    stop = content / rel
    if not stop.is_file():
        out.error(str(stop), 0, 0, f"no stop '{choice.stop[:40]}' in season "
                  f"{choice.season[:20]} (--season, --stop name a stop file)", "usage")
    found = find_race(stop, choice, out) if stop.is_file() else None
    unknown = sorted({r.entry.nation for r in rows if r.entry and not registry.knows(
        r.entry.nation)})
    for row in rows:
        if row.entry is not None and row.entry.nation in unknown:
            out.error(str(table), row.line, 0, f"unknown nation code '{row.entry.nation}'",
                      "table")
    out.raise_if_errors()
    assert found is not None
    _root, race = found
    gender = choice.category if choice.category != "mixed" else None
    results = results_of([r for r in rows if r.entry], registry, choice.season, gender)
    if not force and (lost := lost_podium(stop, race, results)):
        raise DataError(lost)
    docs = {}
    docs[rel], starts = replaced(stop.read_text(encoding="utf-8"), race, results)
    docs.update(registry_texts(content, registry))
    origins = {rel: [(start, row.line, row.entry.col if row.entry else 0)
                     for start, row in zip(starts, rows, strict=True)]}
    if problems := verify(content, docs, [], str(table), origins):
        raise DataError(problems)
    written, backup = write_files(content, docs, [], choice.season, force)
    return ImportReport(written, [], [f"{n.name} ({n.nation})"
                                      for n in registry.new_skaters.values()],
                        sorted(registry.new_nations), backup,
                        hints=hints(registry, choice.season, set()))
