"""Lints of what a race's results cover (``classification``: podium or full, model/site.py)."""

from __future__ import annotations

from site_gen.check.located import Located, get
from site_gen.errors import Problem
from site_gen.model.site import SHORT_FULL, Site


def short_full_race(site: Site, located: Located) -> list[Problem]:
    """A race marked 'full' (every starter listed) with three results or fewer: most likely a
    podium copied under a stop marked full, whose absent skaters would count as not starting."""
    out = []
    for season in located.seasons:
        for race in season.races:
            comp = site.index.competitions.get((season.id, race.stop))
            key = (race.category, race.distance.slug, race.number)
            loaded = next((r for r in comp.races if r.key == key), None) if comp else None
            if loaded is not None and loaded.full and len(race.results) <= SHORT_FULL:
                where = get(race.node, "results") or race.node
                count = len(race.results)
                out.append(where.problem(
                    f"the {race.label} at {race.city} is marked 'classification: full' but "
                    f"lists {count} result{'s' * (count != 1)}: if only its podium is known, "
                    "mark it 'classification: podium'", severity="warning", code="short-full"))
    return out
