"""The people of the synthetic data set (``synth``): skaters with their careers and changes,
names in a style that fits each nation, and the registry file they end up in."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field

from site_gen.model.slugs import slugify
from site_gen.synth.tables import ASIAN, FAM_HEAD, FAM_TAIL, FAMILY_EAST, GIVEN, SYLL_EAST


@dataclass
class SynthSkater:
    slug: str
    name: str
    nation: str
    gender: str
    first: int  # season index of the first and last season
    last: int
    skill: float
    spec: tuple[float, float, float]
    changes: list[tuple[int, str, str]] = field(default_factory=list)

    def stint(self, season: int) -> tuple[str, str]:
        name, nation = self.name, self.nation
        for at, new_name, new_nation in self.changes:
            if at <= season:
                name, nation = new_name, new_nation
        return name, nation


def quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


class Names:
    """Unique skater names (by slug), in a style that fits the nation."""

    def __init__(self, rng: random.Random) -> None:
        self.rng, self.used = rng, set[str]()

    def _one(self, nation: str, gender: str) -> str:
        r = self.rng
        if nation in ASIAN:
            given = r.choice(SYLL_EAST).capitalize() + "-" + r.choice(SYLL_EAST)
            return f"{r.choice(FAMILY_EAST)} {given}"
        family = r.choice(FAM_HEAD) + r.choice(FAM_TAIL)
        if r.random() < 0.08:
            family += "-" + r.choice(FAM_HEAD) + r.choice(FAM_TAIL)
        return f"{r.choice(GIVEN[gender])} {family}"

    def new(self, nation: str, gender: str) -> str:
        while True:
            name = self._one(nation, gender)
            if slugify(name) not in self.used:
                self.used.add(slugify(name))
                return name

    def family_change(self, name: str, nation: str, gender: str) -> str:
        given = name.split(" ")[0] if nation not in ASIAN else None
        for _ in range(50):
            other = self._one(nation, gender)
            candidate = f"{given} {other.split(' ', 1)[1]}" if given else other
            if slugify(candidate) not in self.used:
                self.used.add(slugify(candidate))
                return candidate
        return self.new(nation, gender)


def shown_changes(sk: SynthSkater, raced: set[int]) -> None:
    """Keep the changes some result shows: one from a season they never raced in again is
    dropped, and one before their first result becomes who they are (as a maintainer would
    write them: ``check`` warns of both)."""
    for change in list(sk.changes):
        at, name, nation = change
        if not any(s >= at for s in raced):
            sk.changes.remove(change)
        elif not any(s < at for s in raced):
            sk.changes.remove(change)
            sk.name, sk.nation = name, nation


def skaters_yaml(skaters: list[SynthSkater], sid: list[str]) -> str:
    out = []
    for sk in sorted(skaters, key=lambda k: k.slug):
        out += [f"- slug: {sk.slug}", f"  name: {quote(sk.name)}", f"  nation: {sk.nation}",
                f"  gender: {sk.gender}"]
        if sk.changes:
            out.append("  changes:")
            out += [f"    - {{season: {sid[at]}, name: {quote(name)}, nation: {nation}}}"
                    for at, name, nation in sk.changes]
    return "\n".join(out) + "\n"
