"""The vocabulary of dependency keys: every key a route may name (routes.py), declared once
with what its digest covers (computed in fingerprint.py).

A key is one of three things:

- a content file's path (as in ``Problem.file``, e.g. a stop's ``comp.source``): its bytes;
- a declared key (``declare``): a file of the content folder, whose bytes are its digest — a
  new input file is one line here, ``registry=True`` when the loader reads it into every
  competition as ``venues.yaml`` — or a digest fingerprint.py derives from several inputs;
- a declared family's key (``Family``): a prefix and an argument, ``skater:SLUG``.

A route naming any other key is a bug in the route table: ``unknown`` finds such keys and
``resolve`` fails route planning with them, instead of hashing them to a constant (which left
the route never re-rendered when what it shows changed).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from site_gen.errors import InternalError


@dataclass(frozen=True)
class Declared:
    key: str
    covers: str
    file: str | None = None  # a content-relative file whose bytes are the digest
    registry: bool = False  # read into every competition as it loads (names, cities)


@dataclass(frozen=True)
class Family:
    prefix: str
    covers: str

    def __call__(self, arg: str) -> str:
        return self.prefix + arg


DECLARED: dict[str, Declared] = {}
FAMILIES: list[Family] = []


def declare(key: str, covers: str, file: str | None = None, registry: bool = False) -> str:
    DECLARED[key] = Declared(key, covers, file, registry)
    return key


def family(prefix: str, covers: str) -> Family:
    FAMILIES.append(Family(prefix, covers))
    return FAMILIES[-1]


# files of the content folder: each key's digest is the file's bytes
SITE = declare("site", "site.yaml: the site's title, description and URL", "site.yaml")
REGISTRY = declare("registry", "skaters.yaml: every skater's names and nations", "skaters.yaml",
                   registry=True)
NATIONS = declare("nations", "nations.yaml: the nations' names", "nations.yaml", registry=True)
VENUES = declare("venues", "venues.yaml: each venue's city as pages write it and its other "
                 "spellings", "venues.yaml", registry=True)

# digests derived from several inputs (fingerprint.input_digests)
OUTLINE = declare("*outline*", "every input but Markdown pages, competitions without times, "
                  "notes, rinks and corrections (pages listing every stop)")
RINKS = declare("*rinks*", "the rink of every stop (the search index lists them)")
SOURCES = declare("*sources*", "every season's sources (season.yaml): downloads credit them")
SEASON_META = family("season:", "a season's season.yaml and intro.md")
SEASON_OUTLINE = family("season-outline:", "a season's season.yaml and intro.md, its stops "
                        "without times, notes, rinks and stop corrections")
SEASON_STOPS = family("season-stops:", "a season's stops as a skater's placings chart shows "
                      "them: labels, and the distances each raced with podium-only results")
SKATER = family("skater:", "a skater's registry entry and their own results")
SUMMARY = family("skater-summary:", "a skater's names, nations, podium and start counts, "
                 "first and last season")


def files() -> list[Declared]:
    """The declared keys that are a content file's bytes."""
    return [d for d in DECLARED.values() if d.file is not None]


def registries() -> tuple[str, ...]:
    """The keys of the registry files: a dependency of every page showing competitions (the
    loader writes skaters', nations' and venues' names into them)."""
    return tuple(d.key for d in DECLARED.values() if d.registry)


def is_declared(key: str) -> bool:
    """Whether the key is of a declared kind (a content file's path is checked by ``unknown``
    against the digests: a path of a file that is not there is unknown too)."""
    return key in DECLARED or any(key.startswith(f.prefix) for f in FAMILIES)


def unknown(deps: Iterable[str], digests: dict[str, str]) -> list[str]:
    """The keys of ``deps`` that no input provides."""
    return [d for d in deps if d not in digests]


def resolve(routes: Iterable[tuple[str, tuple[str, ...]]], digests: dict[str, str]) -> None:
    """Fail with every key that routes (path, deps) name and no input provides."""
    first: dict[str, str] = {}  # unknown key → the first route naming it
    counts: dict[str, int] = {}
    checked: set[tuple[str, ...]] = set()  # routes share their deps: each set checked once
    for path, deps in routes:
        if deps in checked and not first:
            continue
        checked.add(deps)
        for d in unknown(deps, digests):
            first.setdefault(d, path)
            counts[d] = counts.get(d, 0) + 1
    if first:
        lines = [f"{d!r}, named by /{path}" + (f" and {counts[d] - 1} more routes"
                                               if counts[d] > 1 else "")
                 + ("" if is_declared(d) else " (not a declared kind of key)")
                 for d, path in first.items()]
        raise InternalError("routes depend on keys no input provides (declare them in "
                            "engine/dependency_keys.py):\n  " + "\n  ".join(lines))
