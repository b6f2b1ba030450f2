"""CSV downloads of the results and counts tables, safe to open in a spreadsheet.

Every file is UTF-8 with a byte order mark (so spreadsheets read accented names right), CRLF line
ends (RFC 4180), one header row. A text cell that a spreadsheet would run as a formula (it starts
with = + - @, a tab or a carriage return) gets a leading apostrophe; numbers stay numbers.
Every download ends each row with its attribution, the columns ``source`` and ``licence``
(credits.py): a reader of any CSV library gets them as two more fields, and no row breaks.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from site_gen.model.site import Race, Result, Source
from site_gen.render import credits

if TYPE_CHECKING:
    from site_gen.model.stats import Tally
    from site_gen.render.contexts import Ctx
    from site_gen.routing.routes import Route
    from site_gen.routing.urls import UrlFor

Cell = str | int | float | None
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Cell) -> str:
    """A cell as text; text that would start a formula is neutralised with a leading '."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Cell]],
           credit: Sequence[Source] | None = None) -> bytes:
    """The file; ``credit``: the sources its rows come from, in the last two columns of every
    row (a download always gives them, empty when the data names no source)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    extra: tuple[str, ...] = ()
    if credit is not None:
        header, extra = (*header, *credits.CSV_COLUMNS), credits.csv_cells(credit)
    writer.writerow([safe_cell(h) for h in header])
    writer.writerows([*(safe_cell(c) for c in row), *extra] for row in rows)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def counted_csv(header: Sequence[str], rows: list[list[Cell]], counts: Iterable[str],
                credit: Sequence[Source] | None = None) -> bytes:
    """``to_csv`` without the ``counts`` columns (starts) that no row knows: podium-only data
    has no count of starts, and a header must not promise one."""
    empty = [i for i, name in enumerate(header)
             if name in set(counts) and all(row[i] is None for row in rows)]
    keep = [i for i in range(len(header)) if i not in empty]
    return to_csv([header[i] for i in keep], ([row[i] for i in keep] for row in rows), credit)


RESULT_HEADER = ("season", "stop", "city", "date", "category", "distance", "race_number",
                 "place", "name", "nation", "skater", "time", "status", "points", "note",
                 "classification", "date_inferred")


def _result_row(ctx: Ctx, race: Race, r: Result) -> list[Cell]:
    comp = ctx.site.index.competitions[(race.season, race.competition)]
    return [race.season, race.competition, comp.city, race.date.isoformat(), race.category,
            race.distance.label, race.number or None, r.place, r.name, r.nation, r.skater,
            r.time, r.status, r.points, r.note, race.classification, race.date_inferred]


def season_results(ctx: Ctx, sid: str) -> bytes:
    season = ctx.site.index.seasons[sid]
    rows = [_result_row(ctx, race, r) for race in season.races for r in race.results]
    return to_csv(RESULT_HEADER, rows, season.sources)


def season_standings(ctx: Ctx, sid: str) -> bytes:
    """The official standings tables of the standings page, one row per line of a table."""
    season = ctx.site.index.seasons[sid]
    rows = [[sid, t.category, t.label, r.place, r.name, r.nation, r.skater, r.points]
            for t in season.standings for r in t.results]
    return to_csv(("season", "category", "table", "place", "name", "nation", "skater",
                   "points"), rows, season.sources)


def season_medals(ctx: Ctx, sid: str) -> bytes:
    """The medal table by nation of the standings page (nations with a podium)."""
    table = [t for t in ctx.stats.season_medal_table[sid] if t.total]
    rows: list[list[Cell]] = [
        [i, t.key, ctx.site.nations[t.key].name, t.gold, t.silver, t.bronze, t.total]
        for i, t in enumerate(table, 1)]
    return to_csv(("rank", "nation", "nation_name", "first", "second", "third", "podiums"), rows,
                  ctx.site.index.seasons[sid].sources)


PODIUMS_HEADER = ("rank", "skater", "name", "nation", "starts", "first", "second", "third",
                  "podiums", "relay_starts", "relay_first", "relay_second", "relay_third",
                  "relay_podiums")
STARTS = ("starts", "relay_starts", "results", "relay_results")  # counts of full races only


def _podium_rows(ctx: Ctx, table: tuple[Tally, ...], relays: tuple[Tally, ...],
                 sid: str | None) -> list[list[Cell]]:
    """Skaters in the order of the individual table (ranked), then those with relay results
    only (no rank); individual counts first, the relay teams naming them apart."""
    relay = {t.key: t for t in relays}
    rows: list[list[Cell]] = []
    ranked = [(i, t.key) for i, t in enumerate(table, 1)]
    own = {t.key: t for t in table}
    rest = [(None, t.key) for t in relays if t.key not in own]
    for rank, slug in ranked + rest:
        sk = ctx.site.skaters[slug]
        st = sk.stint(sid) if sid else sk
        cells: list[Cell] = [rank, slug, st.name, st.nation]
        for t in (own.get(slug), relay.get(slug)):
            cells += [t.starts, t.gold, t.silver, t.bronze, t.total] if t else [None, 0, 0, 0, 0]
        rows.append(cells)
    return rows


def season_podiums(ctx: Ctx, sid: str) -> bytes:
    """Podiums by skater of the standings page: every skater with a start, individual races
    and, apart, relays naming them."""
    return counted_csv(PODIUMS_HEADER, _podium_rows(ctx, ctx.stats.season_skater_table[sid],
                                                    ctx.stats.season_relay_table[sid], sid),
                       STARTS, ctx.site.index.seasons[sid].sources)


def skater_rows(ctx: Ctx, slug: str) -> list[tuple[Race, Result]]:
    """The skater's results in page order (as the 'All results' table of the skater page)."""
    return list(ctx.site.index.skater_entries.get(slug, ()))


def skater_results(ctx: Ctx, slug: str) -> bytes:
    rows = []
    for race, r in skater_rows(ctx, slug):
        row = _result_row(ctx, race, r)
        rows.append([*row[:10], "relay" if r.is_team else "individual", *row[11:]])
    header = (*RESULT_HEADER[:10], "event", *RESULT_HEADER[11:])
    return to_csv(header, rows, credits.of_skater(ctx.site, slug))


def skater_podiums(ctx: Ctx, slug: str) -> bytes:
    """The skater page's two counts tables: by season (individual races, and apart the relays
    naming the skater) and by distance (a relay distance is its own row)."""
    stats = ctx.stats.skaters.get(slug)
    rows: list[list[Cell]] = []
    if stats:
        for row in stats.by_season:
            g, s, b = row.medals
            rg, rs, rb = row.relay
            rows.append(["season", row.season, None, None, row.starts, row.best, g, s, b,
                         g + s + b, row.relay_starts, rg, rs, rb, rg + rs + rb])
        for category, dist, (g, s, b), starts in stats.by_distance:
            rows.append(["distance", None, category, dist.label, starts, None, g, s, b, g + s + b,
                         None, None, None, None, None])
    return counted_csv(("table", "season", "category", "distance", "results", "best", "first",
                        "second", "third", "podiums", "relay_results", "relay_first",
                        "relay_second", "relay_third", "relay_podiums"), rows, STARTS,
                       credits.of_skater(ctx.site, slug))


def nation_medals(ctx: Ctx, code: str) -> bytes:
    """Podium places of a nation per season (individual and relay results)."""
    rows: list[list[Cell]] = [[sid, g, s, b, g + s + b]
                              for sid, (g, s, b) in ctx.stats.nation_medals.get(code, ())]
    return to_csv(("season", "first", "second", "third", "podiums"), rows,
                  credits.of_seasons(ctx.site, (str(row[0]) for row in rows)))


def nation_relays(ctx: Ctx, code: str) -> bytes:
    """Every relay result of a nation's team."""
    rows = [_result_row(ctx, race, r) for race in ctx.site.index.nation_races.get(code, ())
            if race.distance.relay for r in race.results if r.is_team and r.nation == code]
    return to_csv(RESULT_HEADER, rows, credits.of_seasons(ctx.site, (str(row[0]) for row in rows)))


def alltime_podiums(ctx: Ctx) -> bytes:
    return counted_csv(PODIUMS_HEADER, _podium_rows(ctx, ctx.stats.alltime_skaters,
                                                    ctx.stats.alltime_relays, None), STARTS,
                       credits.of_seasons(ctx.site))


def alltime_medals(ctx: Ctx) -> bytes:
    rows: list[list[Cell]] = [
        [i, t.key, ctx.site.nations[t.key].name, t.gold, t.silver, t.bronze, t.total]
        for i, t in enumerate((t for t in ctx.stats.alltime_nations if t.total), 1)]
    return to_csv(("rank", "nation", "nation_name", "first", "second", "third", "podiums"), rows,
                  credits.of_seasons(ctx.site))


SEASON_TABLES = {"results": season_results, "standings": season_standings,
                 "medals": season_medals, "podiums": season_podiums}


def season_writer(ctx: Ctx, route: Route, url: UrlFor) -> bytes:
    sid, table = route.args
    return SEASON_TABLES[table](ctx, sid)


def skater_writer(ctx: Ctx, route: Route, url: UrlFor) -> bytes:
    return skater_results(ctx, route.args[0])


def skater_podiums_writer(ctx: Ctx, route: Route, url: UrlFor) -> bytes:
    return skater_podiums(ctx, route.args[0])


def nation_writer(ctx: Ctx, route: Route, url: UrlFor) -> bytes:
    code, table = route.args
    return (nation_medals if table == "medals" else nation_relays)(ctx, code)


def leaders_writer(ctx: Ctx, route: Route, url: UrlFor) -> bytes:
    return (alltime_podiums if route.args[0] == "podiums" else alltime_medals)(ctx)
