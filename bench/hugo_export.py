"""Export a content folder as the JSON pages of the Hugo baseline site (bench/hugo/).

Reads the YAML with plain PyYAML (independent of the project's loader) and writes one entry per
page: the same page kinds and URLs as our site (season, standings, competition, distance, skater,
nation, venue and the four indexes), each a title and tables of rows. Cells are text or
``{"t": text, "h": url}`` links; ``bench/hugo/layouts`` renders them as plain HTML tables.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from site_gen.model.slugs import slugify

try:
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as Loader  # type: ignore[assignment]

Row = list[Any]
Table = dict[str, Any]


def _read(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=Loader)


def _link(text: str, url: str) -> dict[str, str]:
    return {"t": text, "h": url}


def _table(caption: str, cols: list[str], rows: list[Row]) -> Table:
    return {"caption": caption, "cols": cols, "rows": rows}


class _Export:
    def __init__(self, content: Path) -> None:
        self.nations: dict[str, str] = _read(content / "nations.yaml")
        self.skaters = {s["slug"]: s for s in _read(content / "skaters.yaml")}
        self.pages: list[dict[str, Any]] = []
        self.by_skater: dict[str, list[Row]] = defaultdict(list)
        self.by_nation: dict[str, list[Row]] = defaultdict(list)
        self.by_venue: dict[str, list[Row]] = defaultdict(list)
        self.venue_names: dict[str, str] = {}
        self.content = content

    def name(self, slug: str, season: str) -> tuple[str, str]:
        sk = self.skaters[slug]
        name, nation = sk["name"], sk["nation"]
        for change in sk.get("changes") or []:
            if str(change["season"]) <= season:
                name, nation = change.get("name", name), change.get("nation", nation)
        return name, nation

    def nation(self, code: str) -> dict[str, str]:
        return _link(code, f"/nations/{code.lower()}/")

    def add(self, path: str, title: str, tables: list[Table], kind: str = "page") -> None:
        self.pages.append({"path": path, "kind": kind, "title": title, "tables": tables})

    def result_rows(self, results: list[dict[str, Any]], season: str) -> list[Row]:
        rows = []
        for r in results:
            place = r.get("place") or r.get("status") or ""
            if "team" in r:
                members = ", ".join(self.name(m, season)[0] for m in r.get("members") or [])
                who: Any = _link(self.nations[r["team"]], f"/nations/{r['team'].lower()}/")
                rows.append([place, who, self.nation(r["team"]), members, r.get("time", "")])
            else:
                name, code = self.name(r["skater"], season)
                who = _link(name, f"/skaters/{r['skater']}/")
                rows.append([place, who, self.nation(code), "", r.get("time", "")])
        return rows

    def season(self, folder: Path) -> None:
        sid = folder.name
        meta = _read(folder / "season.yaml")
        cols = ["Place", "Name", "Nation", "Members", "Time"]
        calendar: list[Row] = []
        distances: dict[tuple[str, str], list[Table]] = defaultdict(list)
        for path in sorted(folder.glob("*.yaml")):
            if path.name == "season.yaml":
                continue
            comp, slug = _read(path), path.stem
            url = f"/seasons/{sid}/{slug}/"
            venue = slugify(comp["city"])
            self.venue_names[venue] = comp["city"]
            self.by_venue[venue].append([_link(sid, f"/seasons/{sid}/"), _link(comp["city"], url)])
            tables = []
            for race in comp["races"]:
                dslug = str(race["distance"]).replace(" ", "-")
                caption = f"{race['date']} {race['category']} {race['distance']}"
                rows = self.result_rows(race["results"], sid)
                tables.append(_table(caption, cols, rows))
                distances[(race["category"], dslug)].append(_table(comp["city"], cols, rows))
                durl = f"/seasons/{sid}/{race['category']}/{dslug}/"
                for r, row in zip(race["results"], rows, strict=True):
                    line = [_link(sid, f"/seasons/{sid}/"), _link(comp["city"], url),
                            _link(f"{race['category']} {race['distance']}", durl), row[0],
                            row[4]]
                    for who in ([r["skater"]] if "skater" in r else r.get("members") or []):
                        self.by_skater[who].append(line)
                    self.by_nation[r.get("team") or self.name(r["skater"], sid)[1]].append(line)
            podium = [" / ".join(row[1]["t"] for row in t["rows"][:3]) for t in tables[:2]]
            calendar.append([str(comp["races"][0]["date"]), _link(comp["city"], url), *podium])
            self.add(url.strip("/"), f"{comp['city']} {sid}", tables)
        for (category, dslug), tables in distances.items():
            self.add(f"seasons/{sid}/{category}/{dslug}", f"{sid} {category} {dslug}", tables)
        standings = []
        for category, items in (meta.get("standings") or {}).items():
            for table in items:
                rows = [[r["place"], _link(r["skater"], f"/skaters/{r['skater']}/")
                         if "skater" in r else self.nation(r["team"]), r.get("points", "")]
                        for r in table["results"]]
                standings.append(_table(f"{category} {table['distance']}",
                                        ["Place", "Name", "Points"], rows))
        self.add(f"seasons/{sid}/standings", f"{sid} standings", standings)
        self.add(f"seasons/{sid}", meta.get("title", sid),
                 [_table("Calendar", ["Date", "Stop", "Winners"], calendar)], "section")

    def run(self) -> list[dict[str, Any]]:
        seasons = sorted(p for p in (self.content / "seasons").iterdir() if p.is_dir())
        for folder in seasons:
            self.season(folder)
        cols = ["Season", "Stop", "Race", "Place", "Time"]
        self.add("seasons", "Seasons", [_table("Seasons", ["Season"], [
            [_link(p.name, f"/seasons/{p.name}/")] for p in seasons])], "section")
        skater_rows = []
        for slug, sk in self.skaters.items():
            self.add(f"skaters/{slug}", sk["name"],
                     [_table("Results", cols, self.by_skater.get(slug, []))])
            self.add(f"skaters/{slug}/card", sk["name"], [_table(
                "Card", ["Name", "Nation", "Results"],
                [[sk["name"], self.nation(sk["nation"]), len(self.by_skater.get(slug, []))]])])
            skater_rows.append([_link(sk["name"], f"/skaters/{slug}/"), self.nation(sk["nation"])])
        self.add("skaters", "Skaters", [_table("Skaters", ["Name", "Nation"], skater_rows)],
                 "section")
        for code, name in self.nations.items():
            self.add(f"nations/{code.lower()}", name,
                     [_table("Results", cols, self.by_nation.get(code, []))])
        self.add("nations", "Nations", [_table("Nations", ["Code"], [
            [self.nation(c)] for c in self.nations])], "section")
        for venue, rows in self.by_venue.items():
            self.add(f"venues/{venue}", self.venue_names[venue],
                     [_table("Stops", ["Season", "Stop"], rows)])
        self.add("venues", "Venues", [_table("Venues", ["Venue"], [
            [_link(self.venue_names[v], f"/venues/{v}/")] for v in self.by_venue])], "section")
        return self.pages


def export(content: Path, site: Path) -> int:
    """Write ``site/assets/pages.json`` for the Hugo site at ``site``; returns the page count."""
    pages = _Export(content).run()
    (site / "assets").mkdir(parents=True, exist_ok=True)
    text = json.dumps(pages, ensure_ascii=False, separators=(",", ":"), default=str)
    (site / "assets" / "pages.json").write_text(text, encoding="utf-8")
    return len(pages) + 1  # + home
