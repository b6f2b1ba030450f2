"""Who a new skater may be: identity hints and ``import --same-as NEW=OLD`` (docs/import.md).

A skater the import adds resembles a registry skater when, with words folded and common
transliteration variants made equal (``Victor``/``Viktor``, ``An``/``Ahn``), every word of the
shorter name is a word of the longer (a dropped middle name, a hyphenated married name) and the
shorter has two words at least; the nations must agree (a nation they had, or its neutral
flag), unless the names are the same apart from spelling (a nation change not yet recorded).
A registry skater the same article already names is another person, never a hint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from site_gen.errors import Collector
from site_gen.importer.article_text import name_key
from site_gen.importer.registry import NewSkater, Person, Registry
from site_gen.importer.yaml_writer import flow
from site_gen.model.site import same_nation
from site_gen.model.slugs import fold

# spelling variants of one sound, made equal before comparing words
_VARIANTS = (("ph", "f"), ("ck", "k"), ("c", "k"), ("w", "v"), ("y", "i"), ("j", "i"))


def _word(word: str) -> str:
    for old, new in _VARIANTS:
        word = word.replace(old, new)
    word = re.sub(r"(?<=.)h", "", word)  # Ahn = An, Shaolin = Saolin (a leading h stays)
    return re.sub(r"(.)\1+", r"\1", word)  # doubled letters


def words(name: str) -> frozenset[str]:
    """A name's words, folded and with transliteration variants made equal."""
    return frozenset(_word(w) for w in re.findall(r"[a-z0-9]+", fold(name).lower()))


def resembles(new: str, old: str) -> bool:
    a, b = sorted((words(new), words(old)), key=len)
    return len(a) >= 2 and a <= b


@dataclass(frozen=True)
class Hint:
    new: NewSkater
    old: Person
    fix: tuple[str, Any] | None  # the field added to OLD's entry by --same-as


def fix_for(new: NewSkater, old: Person, season: str) -> tuple[str, Any] | None:
    """What ``--same-as`` records on ``old``: a change of name and/or nation from ``season``
    (``('changes', {...})``), another spelling of a name they had (``('spellings', name)``:
    matched by later imports, never shown), or nothing when the registry already says it."""
    name, nation = old.at(season)
    variant = any(words(new.name) == words(n) for _s, n, _nat in old.stints)
    change: dict[str, Any] = {"season": season}
    if not variant and name_key(new.name) != name_key(name):
        change["name"] = new.name
    if new.nation != nation:
        change["nation"] = new.nation
    if len(change) > 1:
        return ("changes", change)
    known = {name_key(n) for _s, n, _nat in old.stints} | {name_key(s) for s in old.spellings}
    return None if name_key(new.name) in known else ("spellings", new.name)


def fix_line(fix: tuple[str, Any] | None) -> str:
    if fix is None:
        return "nothing to add"
    key, value = fix
    return f"`{key}:` item `- {flow(value) if isinstance(value, dict) else value}`"


def hints(reg: Registry, season: str, matched: set[str]) -> list[Hint]:
    """The likely registry match of each new skater (the first, by slug, of several)."""
    found = []
    for new in reg.new_skaters.values():
        for person in sorted(reg.people, key=lambda p: p.slug):
            if person.slug in matched or person.slug in reg.removed:
                continue
            names = [n for _s, n, _nat in person.stints] + list(person.spellings)
            nations = {c for _s, _n, nat in person.stints for c in same_nation(nat)}
            if any(resembles(new.name, n) and (new.nation in nations or words(new.name) ==
                                               words(n)) for n in names):
                found.append(Hint(new, person, fix_for(new, person, season)))
                break
    return found


def apply_same_as(reg: Registry, pairs: list[tuple[str, str]], season: str,
                  out: Collector) -> dict[str, tuple[str, str]]:
    """Merge each NEW skater into OLD: NEW's entry is not written (or, if an earlier import
    wrote it, removed from skaters.yaml), the change or spelling is added to OLD's entry.
    Returns {NEW's slug: (OLD's slug, NEW's nation)} for the results to point at OLD."""
    people = {p.slug: p for p in reg.people}
    adding = {n.slug: n for n in reg.new_skaters.values()}
    merged: dict[str, tuple[str, str]] = {}
    for new_slug, old_slug in pairs:
        where = f"--same-as {new_slug}={old_slug}"[:80]
        old = people.get(old_slug)
        new = adding.get(new_slug)
        if new is None and new_slug in people and new_slug != old_slug:
            person = people[new_slug]
            new = NewSkater(("", ""), person.stints[-1][1], person.stints[-1][2], None,
                            slug=new_slug)
            reg.removed.add(new_slug)  # an earlier import added it: its entry goes
            reg.additions.pop(new_slug, None)
        if old is None or new is None or new_slug == old_slug:
            what = f"'{old_slug[:40]}' is no skater of skaters.yaml" if old is None else \
                "NEW and OLD are one slug" if new_slug == old_slug else \
                f"'{new_slug[:40]}' is no skater this import adds or skaters.yaml has"
            out.error(where, 0, 0, f"{what}; expected NEW=OLD, NEW a skater this article "
                      "adds, OLD the registry skater they are", "usage")
            continue
        fix = fix_for(new, old, season)
        if fix and fix[0] == "changes" and any(s >= season for s, _n, _nat in old.stints[1:]):
            later = max(s for s, _n, _nat in old.stints[1:])
            out.error(where, 0, 0, f"{old_slug} has a change from {later}: add "
                      f"{fix_line(fix)} to its entry by hand, in season order", "usage")
            continue
        if fix:
            key, value = fix
            reg.additions.setdefault(old_slug, []).append((key, [value]))
        if new.sort_name and not old.sort_name:
            reg.additions.setdefault(old_slug, []).append(("sort_name", new.sort_name))
        reg.new_skaters.pop(new.key, None)
        merged[new_slug] = (old_slug, new.nation)
    return merged


def point_results(results: list[dict[str, Any]], merged: dict[str, tuple[str, str]]) -> None:
    """Results of a merged NEW name OLD; the nation the article gives them is then OLD's
    for that season (a change records it), so it is written only where it differs."""
    for result in results:
        target = merged.get(result.get("skater", ""))
        if target is not None:
            result["skater"] = target[0]
            if result.get("nation", target[1]) == target[1]:
                result.pop("nation", None)
