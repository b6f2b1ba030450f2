"""The content read again as located nodes (``load.located_yaml``), for the lints: races,
standings tables and registry entries, so each warning points at the value it is about."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from site_gen.load.located_yaml import Node, YamlProblem, parse_file
from site_gen.model.site import Distance, of_category, parse_distance


@dataclass(frozen=True)
class LocRace:
    season: str
    stop: str  # competition slug
    city: str
    node: Node  # the race mapping
    date: date
    category: str
    distance: Distance
    number: int
    results: tuple[Node, ...]

    @property
    def label(self) -> str:
        text = f"{of_category(self.category)} {self.distance.label}"
        return f"{text} ({self.number})" if self.number else text


@dataclass(frozen=True)
class LocTable:
    season: str
    category: str
    node: Node  # the table mapping
    distance: Distance | None
    results: tuple[Node, ...]


@dataclass(frozen=True)
class LocSeason:
    id: str
    file: str  # season.yaml
    start: Node | None
    end: Node | None
    races: tuple[LocRace, ...]
    tables: tuple[LocTable, ...]


@dataclass(frozen=True)
class Located:
    seasons: tuple[LocSeason, ...]
    skaters: tuple[Node, ...]  # skaters.yaml entries


def get(node: Node | None, key: str) -> Node | None:
    if node is not None and isinstance(node.value, dict):
        return node.value.get(key)
    return None


def items(node: Node | None) -> tuple[Node, ...]:
    return tuple(node.value) if node is not None and isinstance(node.value, list) else ()


def text(node: Node | None) -> str:
    return "" if node is None or node.value is None else str(node.value)


def read_located(path: Path) -> Node | None:
    try:
        return parse_file(path, str(path), []) if path.exists() else None
    except YamlProblem:
        return None


def _races(root: Node | None, path: Path, season: str) -> list[LocRace]:
    out = []
    city = text(get(root, "city"))
    for race in items(get(root, "races")):
        when, dist = get(race, "date"), parse_distance(text(get(race, "distance")))
        number = get(race, "number")
        if when is None or not isinstance(when.value, date) or dist is None:
            continue
        out.append(LocRace(season, path.stem, city, race, when.value, text(get(race, "category")),
                           dist, number.value if number and isinstance(number.value, int) else 0,
                           items(get(race, "results"))))
    return out


def _tables(root: Node | None, season: str) -> list[LocTable]:
    out: list[LocTable] = []
    standings = get(root, "standings")
    if standings is None or not isinstance(standings.value, dict):
        return out
    for category, tables in standings.value.items():
        for table in items(tables):
            label = text(get(table, "distance"))
            dist = None if label.lower() == "overall" else parse_distance(label)
            if dist is None and label.lower() != "overall":
                continue
            out.append(LocTable(season, category, table, dist, items(get(table, "results"))))
    return out


def locate(content: Path, read: Callable[[Path], Node | None] = read_located) -> Located:
    """The content's races, standings and registry entries as located nodes; ``read`` parses
    one file (the build's reads from its cache when the file is unchanged)."""
    seasons = []
    for folder in sorted(p for p in (content / "seasons").glob("*") if p.is_dir()):
        meta = folder / "season.yaml"
        root = read(meta)
        races = [r for path in sorted(folder.glob("*.yaml")) if path.name != "season.yaml"
                 for r in _races(read(path), path, folder.name)]
        seasons.append(LocSeason(folder.name, str(meta), get(root, "start"), get(root, "end"),
                                 tuple(races), tuple(_tables(root, folder.name))))
    return Located(tuple(seasons), items(read(content / "skaters.yaml")))
