"""Registry lints: skaters.yaml entries that no result uses, and name or nation changes dated
where no result of the skater can show them (most often a typo in the season).

Each warning points at the registry value to fix (the slug, the change's season) and names the
result it was weighed against, as ``file:line``.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from datetime import date

from site_gen.check.located import Located, get, items, text
from site_gen.errors import Problem
from site_gen.load.located_yaml import Node
from site_gen.model.site import Site


def _appearances(located: Located) -> dict[str, dict[str, Node]]:
    """Skater slug → season → the first result naming them (race, relay member, standings)."""
    seen: dict[str, dict[str, Node]] = defaultdict(dict)
    for season in located.seasons:
        results = [r for race in season.races for r in race.results]
        results += [r for table in season.tables for r in table.results]
        for result in results:
            skater = get(result, "skater")
            for node in ([skater] if skater is not None else []) + list(
                    items(get(result, "members"))):
                seen[text(node)].setdefault(season.id, node)
    return seen


def _at(node: Node) -> str:
    return f"{node.file}:{node.line}"


def orphans(site: Site, located: Located) -> list[Problem]:
    """A registry entry whose slug no race result, relay team or standings line names."""
    seen = _appearances(located)
    raced = tuple(slug for slug in site.skaters if slug in seen)
    out = []
    for entry in located.skaters:
        node = get(entry, "slug")
        skater = site.skaters.get(text(node))
        if node is None or skater is None or skater.slug in seen:
            continue
        close = difflib.get_close_matches(skater.slug, raced, n=1, cutoff=0.8)
        fix = (f"{close[0]} has results and a similar slug: if it is the same skater, remove "
               "this entry; else add their results" if close else
               "add their results, or remove the entry if it is a leftover")
        out.append(node.problem(
            f"{skater.name} ({skater.slug}) has no result in any season: no race, relay team "
            f"or standings line names '{skater.slug}'; {fix}", "warning", "orphan"))
    return out


def _what(change: Node) -> str:
    parts = [f"name {text(get(change, 'name'))}" if get(change, "name") else "",
             f"nation {text(get(change, 'nation'))}" if get(change, "nation") else ""]
    return " and ".join(p for p in parts if p) or "nothing"


def change_seasons(site: Site, located: Located, today: date | None = None) -> list[Problem]:
    """A name or nation change from a season before the skater's first result (the entry's
    own name never shows), after their last result while the data goes on past it (the
    change never shows), or from a season that has not begun."""
    seen = _appearances(located)
    last_data = max((s.id for s in located.seasons), default="")
    this_year = (today or date.today()).year
    out = []
    for entry in located.skaters:
        skater = site.skaters.get(text(get(entry, "slug")))
        raced = seen.get(skater.slug) if skater else None
        if skater is None or not raced:
            continue  # an orphan: reported as one
        first, last = min(raced), max(raced)
        for change in items(get(entry, "changes")):
            node = get(change, "season")
            season = text(node)
            if node is None or season not in {c.season for c in skater.changes}:
                continue  # not read as a change (reported by the loader)
            stint = next(c for c in skater.changes if c.season == season)
            new = f"{stint.name} ({stint.nation})"
            whose = f"{skater.name}'s change to {_what(change)} is from {season}"
            if season < first:
                out.append(node.problem(
                    f"{whose}, before their first result ({first}, {_at(raced[first])}), so "
                    f"no result shows the entry's own {skater.name} ({skater.nation}): if the "
                    f"season is a typo, write the first season they raced as {new}; if they "
                    f"never raced as {skater.name} ({skater.nation}), give the entry {new} "
                    "and drop the change", "warning", "change-season"))
            elif last < season <= last_data:
                out.append(node.problem(
                    f"{whose}, after their last result ({last}, {_at(raced[last])}) though "
                    f"the data goes on to {last_data}, so no result shows {new}: if the "
                    f"season is a typo, write the first season they raced as {new}; else add "
                    f"their results from {season} on", "warning", "change-season"))
            elif season > last_data and int(season[:4]) > this_year:
                out.append(node.problem(
                    f"{whose}, a season that has not begun (the data goes on to {last_data}): "
                    f"is the season a typo? Write the first season they raced as {new}",
                    "warning", "change-season"))
    return out
