"""The registries an import matches against: nations.yaml and skaters.yaml, plus new entries.

Skaters are matched by folded name (``HWANG Dae Heon`` = ``Hwang Dae-heon``, in any word order) and
nation, against every name and nation a registry entry has had (a neutral flag such as ROC counts
as its nation). A name not found becomes a new skater; two new or
existing skaters whose names give one slug are told apart by the nation code (``kim-min-jung-kor``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from site_gen.errors import Collector
from site_gen.importer.article import Entry
from site_gen.importer.article_text import name_key
from site_gen.importer.ioc import IOC_NAMES
from site_gen.load.located_yaml import Node, YamlProblem, parse_file
from site_gen.model.site import same_nation
from site_gen.model.slugs import fold, slugify


def name_keys(name: str) -> frozenset[str]:
    """Keys a name matches by: folded spelling, and its words in any order ('Liu Shaoang' =
    'Shaoang Liu', 'Sándor Liu Shaolin' = 'Shaolin Sándor Liu')."""
    return frozenset((name_key(name), " ".join(sorted(re.findall(r"[a-z0-9]+",
                                                                 fold(name).lower())))))


@dataclass(frozen=True)
class Person:
    """A registry skater as the importer sees it: every (season, name, nation) they had."""

    slug: str
    stints: tuple[tuple[str, str, str], ...]  # ("", name, nation) first, then changes by season
    sort_name: str = ""
    spellings: tuple[str, ...] = ()  # other spellings of their names (matched, not shown)

    def nation(self, season: str) -> str:
        return self.at(season)[1]

    def at(self, season: str) -> tuple[str, str]:
        """Their name and nation in ``season``."""
        _s, name, nation = self.stints[0]
        for start, later_name, later_nation in self.stints[1:]:
            if start <= season:
                name, nation = later_name, later_nation
        return name, nation

    @cached_property
    def keys(self) -> tuple[frozenset[str], ...]:
        """name_keys() of each stint's name, in stint order."""
        return tuple(name_keys(name) for _s, name, _nat in self.stints)

    @cached_property
    def spelling_keys(self) -> frozenset[str]:
        return frozenset(k for name in self.spellings for k in name_keys(name))


@dataclass
class NewSkater:
    key: tuple[str, str]  # (name key, nation)
    name: str
    nation: str
    gender: str | None
    form: int = 2  # how the name was written (article_text.name_form): the usual spelling wins
    slug: str = ""
    sort_name: str | None = None
    line: int = 0  # where the article first names them
    col: int = 0


@dataclass
class Registry:
    nations: dict[str, str]
    people: list[Person]
    taken: set[str]  # slugs and former slugs already used
    nations_root: Node | None = None
    skaters_root: Node | None = None
    new_nations: dict[str, str] = field(default_factory=dict)
    new_skaters: dict[tuple[str, str], NewSkater] = field(default_factory=dict)
    new_aliases: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)  # → key
    entries: dict[str, Node] = field(default_factory=dict)  # skaters.yaml entries by slug
    additions: dict[str, list[tuple[str, Any]]] = field(default_factory=dict)  # slug → fields
    removed: set[str] = field(default_factory=set)  # entries that go (merged by --same-as)

    # -- nations -----------------------------------------------------------------------------

    def knows(self, code: str) -> bool:
        """Known code, or one added from the IOC table (an unknown one is the caller's error)."""
        if code in self.nations or code in self.new_nations:
            return True
        if code in IOC_NAMES:
            self.new_nations[code] = IOC_NAMES[code]
            return True
        return False

    def nation_name(self, code: str) -> str:
        return self.nations.get(code) or self.new_nations.get(code, code)

    # -- skaters -----------------------------------------------------------------------------

    def _keys(self, entry: Entry) -> frozenset[str]:
        return name_keys(entry.name) | (name_keys(entry.alt_name) if entry.alt_name else set())

    def find(self, entry: Entry, among: set[str] | None = None) -> str | None:
        """The slug of the skater with this name and nation (optionally only ``among`` slugs)."""
        keys = self._keys(entry)
        people = [p for p in self.people if (among is None or p.slug in among)
                  and (any(k & keys for k in p.keys) or p.spelling_keys & keys)]
        for person in people:  # a name and nation they had together
            if any(k & keys and nat == entry.nation
                   for k, (_s, _n, nat) in zip(person.keys, person.stints, strict=True)):
                return person.slug
        for person in people:  # another spelling of their name, with one of their nations
            if person.spelling_keys & keys and \
                    any(nat == entry.nation for _s, _n, nat in person.stints):
                return person.slug
        nations = same_nation(entry.nation)
        for person in people:  # one of their names, one of their nations ('HUN Shaoang Liu')
            if any(nat in nations for _s, _n, nat in person.stints):  # or its neutral flag
                return person.slug
        for key in sorted(keys):
            new = self.new_aliases.get((key, entry.nation))
            if new is not None and (among is None or _ident(new) in among):
                return _ident(new)
        return None

    def find_by_name(self, entry: Entry, among: set[str]) -> list[str]:
        """Ids among ``among`` whose name matches, whatever their nation."""
        keys = self._keys(entry)
        found = [p.slug for p in self.people if p.slug in among
                 and any(k & keys for k in p.keys)]
        found += sorted({_ident(new) for (key, _nat), new in self.new_aliases.items()
                         if key in keys and _ident(new) in among})
        return found

    def add(self, entry: Entry, gender: str | None) -> str:
        """A new skater; returns a provisional id (``key\\0NATION``) for ``assign_slugs``."""
        key = (name_key(entry.name), entry.nation)
        if key not in self.new_skaters:
            self.new_skaters[key] = NewSkater(key, entry.name, entry.nation, gender, entry.form,
                                              sort_name=entry.sort_name, line=entry.line,
                                              col=entry.col)
            for alias in self._keys(entry):  # 'LIU Shaolin Sándor' is also 'Shaolin Sándor Liu'
                self.new_aliases.setdefault((alias, entry.nation), key)
        return _ident(key)

    def spelled(self, ident: str, entry: Entry) -> None:
        """A new skater named by ``entry`` is shown as the article usually writes them: a name
        written as usual ('Jens van 't Wout') wins over one read from ISU capitals."""
        name, _sep, nation = ident.partition("\0")
        new = self.new_skaters.get((name, nation)) if nation else None
        if new is not None and entry.form > new.form:
            new.name, new.form = entry.name, entry.form
        if new is not None and not new.sort_name:
            new.sort_name = entry.sort_name
        if nation or not entry.sort_name:
            return
        person = next(p for p in self.people if p.slug == ident)
        adds = self.additions.setdefault(ident, [])
        if not person.sort_name and not any(k == "sort_name" for k, _v in adds):
            adds.append(("sort_name", entry.sort_name))  # the article marks the family name

    def nation_of(self, ident: str, season: str) -> str:
        if "\0" in ident:
            return ident.split("\0")[1]
        return next(p.nation(season) for p in self.people if p.slug == ident)

    def assign_slugs(self) -> dict[str, str]:
        """Slugs for the new skaters (provisional id → slug), distinct from every taken slug."""
        bases: dict[str, int] = {}
        for new in self.new_skaters.values():
            base = slugify(new.name) or "skater"
            bases[base] = bases.get(base, 0) + 1
        taken = set(self.taken)
        names = {slugify(n) for p in self.people for _s, n, _nat in p.stints}
        mapping: dict[str, str] = {}
        for new in self.new_skaters.values():
            base = slugify(new.name) or "skater"
            slug = base
            if bases[base] > 1 or base in taken or base in names:
                slug = f"{base}-{new.nation.lower()}"
            number = 2
            while slug in taken:
                slug, number = f"{base}-{new.nation.lower()}-{number}", number + 1
            taken.add(slug)
            new.slug = slug
            mapping[_ident(new.key)] = slug
        return mapping


def _ident(key: tuple[str, str]) -> str:
    return f"{key[0]}\0{key[1]}"


def _text(node: Node | None) -> str:
    return str(node.value).strip() if node is not None and node.value is not None else ""


def read_registry(content: Path, out: Collector) -> Registry:
    """Read nations.yaml and skaters.yaml (both optional); malformed files are errors."""
    roots: dict[str, Node | None] = {}
    for name in ("nations.yaml", "skaters.yaml"):
        path = content / name
        roots[name] = None
        if path.exists():
            try:
                roots[name] = parse_file(path, str(path))
            except YamlProblem as exc:
                out.extend([exc.problem])
    nations: dict[str, str] = {}
    root = roots["nations.yaml"]
    if root is not None and isinstance(root.value, dict):
        nations = {str(k): _text(v) for k, v in root.value.items()}
    elif root is not None and root.value is not None:
        out.error(root.file, root.line, root.col, "nations.yaml must map IOC codes to names",
                  "schema")
    people: list[Person] = []
    taken: set[str] = set()
    registry_entries: dict[str, Node] = {}
    root = roots["skaters.yaml"]
    if root is not None and isinstance(root.value, list):
        for item in root.value:
            fields = item.value if isinstance(item.value, dict) else {}
            slug, name, nation = (_text(fields.get(k)) for k in ("slug", "name", "nation"))
            if not (slug and name and nation):
                out.error(item.file, item.line, item.col,
                          "a skater needs slug, name and nation", "schema")
                continue
            stints = [("", name, nation)]
            changes = fields.get("changes")
            for change in changes.value if changes and isinstance(changes.value, list) else []:
                c = change.value if isinstance(change.value, dict) else {}
                stints.append((_text(c.get("season")), _text(c.get("name")) or stints[-1][1],
                               _text(c.get("nation")) or stints[-1][2]))
            registry_entries[slug] = item
            former = fields.get("former_slugs")
            for old in former.value if former and isinstance(former.value, list) else []:
                taken.add(_text(old))
            taken.add(slug)
            spellings = fields.get("spellings")
            people.append(Person(slug, (stints[0], *sorted(stints[1:])), _text(
                fields.get("sort_name")), tuple(_text(n) for n in (
                    spellings.value if spellings and isinstance(spellings.value, list) else ()))))
    elif root is not None and root.value is not None:
        out.error(root.file, root.line, root.col, "skaters.yaml must be a list of skaters",
                  "schema")
    return Registry(nations, people, taken, roots["nations.yaml"], roots["skaters.yaml"],
                    entries=registry_entries)
