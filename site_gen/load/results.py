"""Result lists (races and standings) from located YAML, checked against the registries."""

from __future__ import annotations

from dataclasses import dataclass, field

from site_gen.errors import Collector
from site_gen.load.fields import MAX_INT, Fields
from site_gen.load.located_yaml import Node
from site_gen.load.venues import VenueBook
from site_gen.model.site import STATUSES, Nation, Result, Skater

FOLLOW_ON = "follow-on"  # the code of an error that follows from an error elsewhere
RESULT_KEYS = ("place", "skater", "team", "name", "nation", "members", "time", "status",
               "points", "note")


@dataclass(frozen=True)
class Registry:
    nations: dict[str, Nation]
    skaters: dict[str, Skater]
    digest: str = ""  # hash of the files the registry comes from (cache keys)
    venues: VenueBook = field(default_factory=lambda: VenueBook({}))
    broken: frozenset[str] = frozenset()  # slugs of skaters.yaml entries that have errors


def suggest(value: str, known: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(value, known, n=3, cutoff=0.6)
    return f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""


def nation_code(node: Node, reg: Registry, out: Collector, what: str = "nation") -> str | None:
    code = node.shown if not isinstance(node.value, (dict, list)) else None
    if code is None or code not in reg.nations:
        shown = f"'{code}'" if code is not None else f"as {type(node.value).__name__}"
        out.error(node.file, node.line, node.col,
                  f"unknown {what} code {shown} (add it to nations.yaml)"
                  + suggest(str(code).upper(), list(reg.nations)), "schema")
        return None
    return code


def skater_ref(node: Node, reg: Registry, out: Collector) -> Skater | None:
    if isinstance(node.value, (dict, list)):  # a mapping or list is never a slug
        out.error(node.file, node.line, node.col, "a skater is the slug of a skaters.yaml "
                  f"entry, found a {'mapping' if isinstance(node.value, dict) else 'list'}",
                  "schema")
        return None
    slug = node.shown
    if slug in reg.broken:  # counted after the entry's own error (site_loader.py)
        out.error(node.file, node.line, node.col, f"skater '{slug}' has errors in skaters.yaml",
                  FOLLOW_ON)
        return None
    if not isinstance(slug, str) or slug not in reg.skaters:
        out.error(node.file, node.line, node.col,
                  f"unknown skater '{slug}' (add it to skaters.yaml)"
                  + suggest(str(slug), list(reg.skaters)), "schema")
        return None
    return reg.skaters[slug]


def read_result(
    node: Node, season: str, relay: bool | None, reg: Registry, out: Collector,
    need_place: bool = False,
) -> Result | None:
    """One result line; ``relay`` says whether a team is expected (None: either)."""
    f = Fields(node, RESULT_KEYS, "a result", out)
    if not f.ok:
        return None
    place = f.integer("place", required=need_place)
    status = f.text("status", required=False)
    if status is not None and status.upper() not in STATUSES:
        n = f.at("status")
        out.error(n.file, n.line, n.col,
                  f"unknown status '{status}' (expected one of: {', '.join(STATUSES)})", "schema")
    status = status.upper() if status else None
    if place is None and status is None and not f.has("place") and not need_place:
        out.error(node.file, node.line, node.col, "a result needs a 'place' or a 'status'",
                  "schema")
    listed_nation = nation_code(f.at("nation"), reg, out) if f.has("nation") else None
    is_team = f.has("team")
    if is_team == f.has("skater"):
        out.error(node.file, node.line, node.col,
                  "a result names either a 'skater' or a relay 'team' (a nation code)", "schema")
        return None
    if relay is True and not is_team:
        out.error(node.file, node.line, node.col,
                  "a relay result names a 'team' (a nation code), not a skater", "schema")
        return None
    if relay is False and is_team:
        out.error(node.file, node.line, node.col,
                  "an individual race names a 'skater', not a team", "schema")
        return None
    common = dict(place=place, time=f.text("time", required=False, max_len=20), status=status,
                  points=f.number("points"), note=f.text("note", required=False))
    if is_team:
        code = nation_code(f.at("team"), reg, out, "team")
        members: list[Skater] = []
        for m in f.items("members"):
            sk = skater_ref(m, reg, out)
            if sk and sk in members:
                out.error(m.file, m.line, m.col, f"{sk.slug} is listed twice in this team's "
                          "members", "schema")
            elif sk:
                members.append(sk)
        if code is None:
            return None
        name = f.text("name", required=False) or reg.nations[code].name
        return Result(nation=code, name=name, members=tuple(sk.slug for sk in members),
                      member_names=tuple(sk.stint(season).name for sk in members),
                      **common)  # type: ignore[arg-type]
    if f.has("name") or f.has("members"):
        n = f.at("name") if f.has("name") else f.at("members")
        out.error(n.file, n.line, n.col, "'name' and 'members' are for relay teams only", "schema")
    skater = skater_ref(f.at("skater"), reg, out)
    if skater is None:
        return None
    stint = skater.stint(season)
    return Result(nation=listed_nation or stint.nation, name=stint.name, skater=skater.slug,
                  **common)  # type: ignore[arg-type]


def read_results(
    items: list[Node], season: str, relay: bool | None, reg: Registry, out: Collector,
    where: Node, need_place: bool = False,
) -> tuple[Result, ...]:
    """A whole result list: places run 1..n with ties, nobody listed twice."""
    results: list[tuple[Node, Result]] = []
    places: list[tuple[int, Node]] = []
    bad_place = False  # already reported: the order check would only repeat it
    for item in items:
        r = read_result(item, season, relay, reg, out, need_place)
        if r is not None:
            results.append((item, r))
        place = item.value.get("place") if isinstance(item.value, dict) else None
        if place is not None and type(place.value) is int and 1 <= place.value <= MAX_INT:
            places.append((place.value, item))  # checked even when the entrant is unknown
        elif place is not None and place.value is not None:
            bad_place = True
    seen: dict[str, Node] = {}
    for item, r in results:
        key = r.skater or f"team {r.nation}"
        if key in seen:
            out.error(item.file, item.line, item.col,
                      f"{r.skater or 'team ' + r.nation} is listed twice (first at line "
                      f"{seen[key].line})", "schema")
        seen.setdefault(key, item)
    placed = sorted(places, key=lambda pair: pair[0]) if not bad_place else []
    for i, (place, item) in enumerate(placed):
        previous = placed[i - 1][0] if i else None
        if place != i + 1 and place != previous:
            expected = f"{i + 1}" + (f" or {previous} (a tie)" if previous else "")
            out.error(item.file, item.line, item.col,
                      f"places must run 1..n with ties sharing a place: found {place} where "
                      f"{expected} was expected", "schema")
            break
    # keep placed results first, in order of place, then unplaced in file order
    ordered = sorted((r for _, r in results), key=lambda r: (r.place is None, r.place or 0))
    return tuple(ordered)
