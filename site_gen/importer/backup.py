"""What a re-import would lose, fact by fact, and the backup ``import --force`` keeps.

A season file that differs from what the article gives is compared as data, not as text:
each race (date, category, distance) and standings table, place by place. ``--force`` copies
every file it replaces or removes into ``CONTENT/import-backups/SEASON-YYYYMMDD-HHMMSS/``
first: outside ``seasons/``, so neither the loader nor the build reads it.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

from site_gen.errors import Problem
from site_gen.load.located_yaml import Node, YamlProblem, parse_file, parse_text

BACKUPS = "import-backups"


def _who(result: dict[str, Any]) -> str:
    if "skater" in result:
        return str(result["skater"])
    return f"{result.get('team', '?')} relay team" + (f" ({result['name']})"
                                                     if result.get("name") else "")


def _facts(root: Node) -> dict[str, dict[int, tuple[str, Node]]]:
    """{(race or table): {place: (who, node)}} of a stop file or season.yaml."""
    facts: dict[str, dict[int, tuple[str, Node]]] = {}
    value = root.value if isinstance(root.value, dict) else {}
    groups: list[tuple[str, Node]] = []
    races = value.get("races")
    for race in races.value if races is not None and isinstance(races.value, list) else ():
        plain = race.plain if isinstance(race.value, dict) else {}
        key = (f"the {plain.get('category')} {plain.get('distance')}"
               + (f" ({plain['number']})" if plain.get("number") else "")
               + f" of {plain.get('date')}")
        groups.append((key, race))
    standings = value.get("standings")
    for category, tables in (standings.value.items() if standings is not None and
                             isinstance(standings.value, dict) else ()):
        for table in tables.value if isinstance(tables.value, list) else ():
            plain = table.plain if isinstance(table.value, dict) else {}
            groups.append((f"the {category}'s {plain.get('distance')} standings", table))
    for key, node in groups:
        results = node.value.get("results") if isinstance(node.value, dict) else None
        places: dict[int, tuple[str, Node]] = {}
        for result in results.value if results is not None and \
                isinstance(results.value, list) else ():
            plain = result.plain if isinstance(result.value, dict) else {}
            if isinstance(plain.get("place"), int):
                places.setdefault(plain["place"], (_who(plain), result))
        facts[key] = places
    return facts


def lost_facts(path: Path, new_text: str) -> list[Problem]:
    """What the file at ``path`` says that ``new_text`` (the article's version) does not."""
    try:
        old = parse_file(path, str(path))
        new = parse_text(new_text, str(path))
    except YamlProblem as exc:
        return [exc.problem]
    problems = []
    before, after = _facts(old), _facts(new)
    old_city = old.value.get("city") if isinstance(old.value, dict) else None
    new_city = new.value.get("city") if isinstance(new.value, dict) else None
    if old_city is not None and new_city is not None and old_city.value != new_city.value:
        problems.append(old_city.problem(f"city '{old_city.value}' here; the article gives "
                                         f"'{new_city.value}'", code="exists"))
    for what, places in before.items():
        if what not in after:
            node = next(iter(places.values()), ("", old))[1]
            problems.append(node.problem(f"{what} is not in the article", code="exists"))
            continue
        for place, (who, node) in sorted(places.items()):
            theirs = after[what].get(place)
            if theirs is None or theirs[0] != who:
                gives = f"gives {theirs[0]}" if theirs else "has no one"
                problems.append(node.problem(f"{what}, place {place}: {who} here; the article "
                                             f"{gives}", code="exists"))
    return problems


def back_up(content: Path, paths: list[Path], season: str) -> Path | None:
    """Copy ``paths`` (under ``content``) into a new dated backup folder; None if none."""
    if not paths:
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = content / BACKUPS / f"{season}-{stamp}"
    number = 2
    while folder.exists():
        folder = content / BACKUPS / f"{season}-{stamp}-{number}"
        number += 1
    for path in paths:
        target = folder / path.relative_to(content)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    return folder
