"""``import ARTICLE.txt``: a season article → the YAML files of content/ (see docs/import.md).

The import is faithful: it writes what the article says, and ``check`` reports what looks wrong.
Every defect of the article is collected with its line; when there is any, nothing is written.
Writing is deterministic, so importing the same article twice changes nothing.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

from site_gen.engine.output_folder import WRITE_ERRNOS, Change, write_failure
from site_gen.errors import Collector, DataError, Problem, cut
from site_gen.importer.article import Article, Entry, RaceRow, parse_article, truncation_warnings
from site_gen.importer.article_text import name_key, normalise_name
from site_gen.importer.backup import back_up, lost_facts
from site_gen.importer.identity import Hint, apply_same_as, hints, point_results
from site_gen.importer.registry import Registry, read_registry
from site_gen.importer.registry_edits import edit_entries
from site_gen.importer.venues import VenueMatcher, read_venue_matcher
from site_gen.importer.verify import Origins, block_starts, entry_origins, verify
from site_gen.importer.yaml_writer import dump
from site_gen.load.site_loader import MAX_NAME
from site_gen.load.venues import MAX_CITY, venue_key
from site_gen.model.site import CATEGORIES, of_category
from site_gen.model.slugs import MAX_SLUG, is_slug, slugify

SAME_STOP_DAYS = 3  # a category's table joins a stop in the same city within this many days


@dataclass
class _Stop:
    city: str
    nation: str
    line: int
    rows: list[RaceRow] = field(default_factory=list)
    slug: str = ""

    @property
    def first(self) -> date:
        return min(r.date for r in self.rows)

    @property
    def last(self) -> date:
        return max(r.date for r in self.rows)


def _segments(races: tuple[RaceRow, ...]) -> list[list[RaceRow]]:
    """Runs of rows of one table and one city, in article order.

    A run ends where the dates jump more than ``SAME_STOP_DAYS`` past the run's latest day: one
    table may hold two stops in one city (2022–23: Almaty on 9–11 and 16–18 December).
    """
    runs: list[list[RaceRow]] = []
    for row in races:
        last = runs[-1][-1] if runs else None
        if last and (last.table, last.nation, venue_key(last.city)) == \
                (row.table, row.nation, venue_key(row.city)) and \
                (row.date - max(r.date for r in runs[-1])).days <= SAME_STOP_DAYS:
            runs[-1].append(row)
        else:
            runs.append([row])
    return runs


def group_stops(article: Article, out: Collector, venues: VenueMatcher | None = None
                ) -> list[_Stop]:
    """World Cup stops: each category's table joins the stop in its city held the same days.
    With ``venues``, a stop's city is written as the venue registry writes it."""
    stops: list[_Stop] = []
    runs = sorted(_segments(article.races), key=lambda run: (min(r.date for r in run), run[0].line))
    for run in runs:
        first, last = min(r.date for r in run), max(r.date for r in run)
        city = venue_key(run[0].city)
        target = None
        for stop in stops:
            if venue_key(stop.city) != city:
                continue
            if stop.nation != run[0].nation:
                out.error(article.file, run[0].line, 0, f"{run[0].city} is listed as "
                          f"{run[0].nation} here and as {stop.nation} at line {stop.line}",
                          "article")
                target = stop
                break
            if (first - stop.last).days <= SAME_STOP_DAYS and \
                    (stop.first - last).days <= SAME_STOP_DAYS:
                target = stop  # a race listed twice is then reported, not made a second stop
                break
        if target is None:
            target = _Stop(run[0].city, run[0].nation, run[0].line)
            stops.append(target)
        target.rows.extend(run)
    stops.sort(key=lambda s: (s.first, s.line))
    counts: dict[str, int] = {}
    for stop in stops:
        venue = venues.venue(stop.city, stop.nation, article.file, stop.line, 0, out) \
            if venues is not None else None
        if venue is not None:
            stop.city = venue.city
        base = venue.slug if venue is not None else slugify(stop.city)
        if not is_slug(base) or len(stop.city) > MAX_CITY:  # the loader would refuse it
            out.error(article.file, stop.line, 0, f"city '{cut(stop.city)}' gives no usable "
                      f"URL slug (1 to {MAX_SLUG} ASCII letters or digits, a name of at most "
                      f"{MAX_CITY} characters): write it in Latin letters", "article")
            base = "stop"
        counts[base] = counts.get(base, 0) + 1
        stop.slug = base if counts[base] == 1 else f"{base}-{counts[base]}"
    for stop in stops:
        _check_duplicates(article.file, stop, out)
    return stops


def _check_duplicates(file: str, stop: _Stop, out: Collector) -> None:
    seen: dict[tuple[str, Any, int], RaceRow] = {}
    for row in sorted(stop.rows, key=lambda r: r.line):
        other = seen.get((row.category, row.distance, row.number))
        plain = seen.get((row.category, row.distance, 0)) if row.number else None
        what = f"the {of_category(row.category)} {row.distance.label} at {stop.city}"
        if other:
            out.error(file, row.line, 0, f"{what} is listed twice (also at line {other.line});"
                      f" a distance raced twice is written '{row.distance.label} (1)' and "
                      f"'{row.distance.label} (2)'", "article")
        elif plain or (not row.number and any(
                k[:2] == (row.category, row.distance) for k in seen)):
            first = plain or next(r for k, r in seen.items()
                                  if k[:2] == (row.category, row.distance))
            out.error(file, row.line, 0, f"{what} is numbered at one line and not at the other "
                      f"(line {first.line})", "article")
        seen[(row.category, row.distance, row.number)] = row


class _Importer:
    def __init__(self, article: Article, registry: Registry, venues: VenueMatcher,
                 out: Collector, same_as: Sequence[tuple[str, str]] = ()) -> None:
        self.a, self.reg, self.venues, self.out = article, registry, venues, out
        self.same_as = list(same_as)
        self.origins: Origins = {}  # where each race of the files written comes from
        self.season_ids: set[str] = set()

    def limits(self, entry: Entry) -> None:
        """What the loader would refuse in skaters.yaml, at the article's place."""
        if len(entry.name) > MAX_NAME:
            self.out.error(self.a.file, entry.line, entry.col, f"the name '{cut(entry.name)}' "
                           f"has {len(entry.name)} characters: a skater's name has at most "
                           f"{MAX_NAME}", "article")

    def race_skater(self, entry: Entry, category: str) -> str:
        self.limits(entry)
        ident = self.reg.find(entry) or self.reg.add(entry, _gender(category))
        self.reg.spelled(ident, entry)
        self.season_ids.add(ident)
        return ident

    def standings_skater(self, entry: Entry, category: str) -> str:
        """A standings line names someone who raced this season, maybe under another nation."""
        self.limits(entry)
        found = self.reg.find(entry, self.season_ids)
        if not found:
            by_name = self.reg.find_by_name(entry, self.season_ids)
            found = by_name[0] if len(by_name) == 1 else \
                self.reg.find(entry) or self.reg.add(entry, _gender(category))
        self.reg.spelled(found, entry)
        return found

    def result(self, entry: Entry, ident: str | None) -> dict[str, Any]:
        if ident is None:
            out: dict[str, Any] = {"place": entry.place, "team": entry.nation}
            if name := team_name(entry.name, entry.nation, self.reg.nation_name(entry.nation)):
                out["name"] = name
            return out
        out = {"place": entry.place, "skater": ident}
        if entry.nation != self.reg.nation_of(ident, self.a.season):
            out["nation"] = entry.nation
        return out

    def run(self) -> dict[str, str]:
        """{path relative to content: text} of the season and its stops."""
        stops = group_stops(self.a, self.out, self.venues)
        if self.out.errors:
            return {}
        races: dict[int, list[dict[str, Any]]] = {}
        for row in self.a.races:
            idents = [None if row.distance.relay else self.race_skater(e, row.category)
                      for e in row.entries]
            races[row.line] = [self.result(e, i) for e, i in zip(row.entries, idents, strict=True)]
        standings: dict[str, list[dict[str, Any]]] = {}
        for srow in self.a.standings:
            relay = srow.distance is not None and srow.distance.relay
            results = [self.result(e, None if relay else self.standings_skater(e, srow.category))
                       for e in srow.entries]
            label = srow.distance.label if srow.distance else "overall"
            standings.setdefault(srow.category, []).append({"distance": label,
                                                            "results": results})
        slugs = self.reg.assign_slugs()
        merged = apply_same_as(self.reg, self.same_as, self.a.season, self.out)
        for results in [*races.values(), *(t["results"] for ts in standings.values() for t in ts)]:
            for result in results:
                if "skater" in result:
                    result["skater"] = slugs.get(result["skater"], result["skater"])
            point_results(results, merged)
        return self.documents(stops, races, standings)

    def documents(self, stops: list[_Stop], races: dict[int, list[dict[str, Any]]],
                  standings: dict[str, list[dict[str, Any]]]) -> dict[str, str]:
        header = f"Imported from {Path(self.a.file).name} by `site-gen import`."
        season: dict[str, Any] = {"title": self.a.title}
        if self.a.start and self.a.end:
            season.update(start=self.a.start, end=self.a.end)
        if standings:
            season["standings"] = {c: standings[c] for c in CATEGORIES if c in standings}
        season["sources"] = [article_source(self.a.title)]  # said last, as in the loader
        folder = f"seasons/{self.a.season}"
        docs = {f"{folder}/season.yaml": dump(season, header)}
        for stop in stops:
            items = []
            rows = sorted(stop.rows, key=lambda r: (r.date, CATEGORIES.index(r.category), r.line))
            for row in rows:
                race: dict[str, Any] = {"date": row.date, "category": row.category,
                                        "distance": row.distance.label}
                if row.number:
                    race["number"] = row.number
                race["results"] = races[row.line]
                items.append(race)
            # an article gives each race's podium, nothing below it (said last: the lines of
            # the races stay where a maintainer's notes and messages put them)
            doc = {"city": stop.city, "nation": stop.nation, "races": items,
                   "classification": "podium"}
            docs[f"{folder}/{stop.slug}.yaml"] = text = dump(doc, header)
            self.origins[f"{folder}/{stop.slug}.yaml"] = [
                (start, row.line, 0) for start, row in
                zip(block_starts(text, "  - date:"), rows, strict=True)]
        return docs


WIKIPEDIA = "https://en.wikipedia.org/wiki/"
ARTICLE_LICENCE = "CC BY-SA 4.0"  # the encyclopaedia's text licence (credits.py links it)


def article_source(title: str) -> dict[str, str]:
    """The ``sources:`` entry of an imported season: the English Wikipedia article the format
    copies, by its title, under the encyclopaedia's licence."""
    return {"title": f"{title} (English Wikipedia)",
            "url": WIKIPEDIA + quote(title.replace(" ", "_"), safe="_()',"),
            "licence": ARTICLE_LICENCE}


def team_name(name: str, code: str, nation: str) -> str | None:
    """A relay team's own name, if it is not just its nation's: 'KOREA' is South Korea's
    team, 'TEAM CANADA A' is written 'Team Canada A'."""
    if name in ("", code, nation):
        return None
    if name == name.upper():
        if name_key(name) in name_key(nation):
            return None
        name = normalise_name(name)[0]
    return name[:MAX_NAME]


def _gender(category: str) -> str | None:
    return category if category in ("men", "women") else None


def registry_texts(content: Path, reg: Registry) -> dict[str, str]:
    """nations.yaml and skaters.yaml with the new entries appended (existing text untouched)."""
    docs: dict[str, str] = {}
    if reg.new_nations:
        lines = [f"{code}: {dump({code: name}).split(': ', 1)[1].strip()}"
                 for code, name in sorted(reg.new_nations.items())]
        docs["nations.yaml"] = _append(content / "nations.yaml", reg.nations_root,
                                       "\n".join(lines) + "\n")
    skaters = content / "skaters.yaml"
    edited = edit_entries(skaters.read_text(encoding="utf-8"), reg.entries, reg.additions,
                          reg.removed) \
        if (reg.additions or reg.removed) and reg.skaters_root is not None else None
    if reg.new_skaters:
        entries = []
        for new in reg.new_skaters.values():
            entry = {"slug": new.slug, "name": new.name, "nation": new.nation}
            if new.gender:
                entry["gender"] = new.gender
            if new.sort_name:
                entry["sort_name"] = new.sort_name
            entries.append(entry)
        path = content / "skaters.yaml"
        spaced = path.exists() and "\n\n- " in path.read_text(encoding="utf-8")
        blocks = [dump([entry], flow_leaves=False) for entry in entries]
        addition = ("\n" + "\n".join(blocks)) if spaced else "".join(blocks)
        docs["skaters.yaml"] = _append(path, reg.skaters_root, addition, edited)
    elif edited is not None:
        docs["skaters.yaml"] = edited
    return docs


def _append(path: Path, root: Any, addition: str, text: str | None = None) -> str:
    if root is None or not root.value:
        return addition
    text = path.read_text(encoding="utf-8") if text is None else text
    return text + ("" if text.endswith("\n") else "\n") + addition


def _stale(content: Path, docs: dict[str, str]) -> list[Path]:
    """Stop files of the article's seasons that it does not give (another article's stops, or
    a stop added by hand): --force replaces a season as a whole, so they go."""
    folders = {rel.rsplit("/", 1)[0] for rel in docs if rel.startswith("seasons/")}
    return sorted(path for folder in folders for path in (content / folder).glob("*.yaml")
                  if path.relative_to(content).as_posix() not in docs)


def _conflicts(content: Path, docs: dict[str, str]) -> list[Problem]:
    """Season files already there that the article would change or leave behind: an earlier
    import corrected by hand, another article of the season, or a registry change since (the
    registries themselves only ever get entries appended)."""
    problems = []
    force = "nothing was written; import with --force to replace the season with the article's"
    for rel, text in docs.items():
        path = content / rel
        if rel.startswith("seasons/") and path.exists() and \
                path.read_text(encoding="utf-8", errors="replace") != text:
            problems.append(Problem(str(path), 0, 0, "already exists and differs from what this "
                                    "article gives (a hand correction, another article of the "
                                    f"season, or a registry change since?): {force}",
                                    code="exists"))
            problems.extend(lost_facts(path, text))  # what --force would lose, fact by fact
    for path in _stale(content, docs):
        problems.append(Problem(str(path), 0, 0, "is a stop this article does not have (another "
                                f"article's, or added by hand?): {force} (this file is then "
                                "removed)", code="exists"))
    return problems


def _replaced(content: Path, docs: dict[str, str]) -> list[Path]:
    """The files of ``docs`` already there with other text (their backup comes first)."""
    return [content / rel for rel, text in docs.items() if (content / rel).exists()
            and (content / rel).read_text(encoding="utf-8", errors="replace") != text]


def _write(content: Path, docs: dict[str, str], removed: list[Path]) -> list[Path]:
    """Write the season (its folder staged whole and swapped in, as a build publishes) and the
    registries as one change: a failure leaves every file as it was."""
    folders: dict[Path, dict[str, bytes]] = {path.parent: {} for path in removed}
    for rel, text in docs.items():
        folders.setdefault((content / rel).parent, {})[(content / rel).name] = text.encode()
    written = []
    with Change() as change:
        for folder, files in sorted(folders.items()):
            if folder != content:
                gone = {p.name for p in removed if p.parent == folder}
                written += [folder / name for name in change.folder(folder, files, gone)]
                continue
            for name, data in files.items():  # the registries: one file each
                if not (folder / name).exists() or (folder / name).read_bytes() != data:
                    change.file(folder / name, data)
                    written.append(folder / name)
        change.commit()
    return [content / rel for rel in docs if content / rel in written]  # in docs' order


def write_files(content: Path, docs: dict[str, str], removed: list[Path], season: str,
                force: bool) -> tuple[list[Path], Path | None]:
    """Write ``docs`` and remove ``removed`` as one change; with ``force``, the files replaced
    or removed are first kept in a backup folder (whose path is returned)."""
    backup = None
    try:
        backup = back_up(content, _replaced(content, docs) + removed, season) if force else None
        return _write(content, docs, removed), backup
    except OSError as exc:  # nothing was replaced: no backup of it is kept
        if backup is not None:
            shutil.rmtree(backup, ignore_errors=True)
        if exc.errno not in WRITE_ERRNOS:
            raise
        raise write_failure(exc, content) from None


@dataclass
class ImportReport:
    written: list[Path]  # files written (unchanged ones are not)
    removed: list[Path]  # stop files of the season the article does not give (with --force)
    new_skaters: list[str]  # "Name (NAT)" of the skaters added to skaters.yaml
    new_nations: list[str]  # codes added to nations.yaml
    backup: Path | None = None  # where --force kept the files it replaced or removed
    new_venues: list[str] = field(default_factory=list)  # "City (NAT)" added to venues.yaml
    warnings: list[Problem] = field(default_factory=list)  # e.g. an article that seems cut off
    hints: list[Hint] = field(default_factory=list)  # new skaters who may be registry ones


def import_article(article: Path, content: Path, force: bool = False,
                   same_as: Sequence[tuple[str, str]] = ()) -> ImportReport:
    """Import one article into ``content``: what was written, removed and added.

    Raises DataError with every problem when the article (or the registry) has an error, or
    when it would replace season files that say something else (unless ``force``).
    """
    display = str(article)
    try:
        text = article.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataError([Problem(display, 0, 0, f"not UTF-8 text ({exc.reason})")]) from None
    except OSError as exc:
        raise DataError([Problem(display, 0, 0, f"cannot read: {exc.strerror}")]) from None
    out = Collector()
    registry = read_registry(content, out)
    known = registry.knows if not out.errors else None  # unread registry: codes go unchecked
    parsed, problems = parse_article(text, display, known)
    out.extend(problems)
    if parsed is None:
        raise DataError(out.problems)
    venues = read_venue_matcher(content, out)
    importer = _Importer(parsed, registry, venues, out, same_as)
    docs = importer.run()
    out.raise_if_errors()
    docs.update(registry_texts(content, registry))
    if (venues_text := venues.text(content / "venues.yaml")) is not None:
        docs["venues.yaml"] = venues_text
    if not force and (conflicts := _conflicts(content, docs)):
        raise DataError(conflicts)
    removed = _stale(content, docs)
    if "skaters.yaml" in docs:
        importer.origins["skaters.yaml"] = entry_origins(docs["skaters.yaml"],
                                                         registry.new_skaters.values())
    if problems := verify(content, docs, removed, display, importer.origins):
        raise DataError(problems)  # check would reject what the import writes
    written, backup = write_files(content, docs, removed, parsed.season, force)
    return ImportReport(written, removed,
                        [f"{n.name} ({n.nation})" for n in registry.new_skaters.values()],
                        sorted(registry.new_nations), backup,
                        [f"{v.city} ({v.nation})" for v in venues.new.values() if not v.line],
                        truncation_warnings(parsed),
                        hints(registry, parsed.season, importer.season_ids))
