"""Inline SVG charts drawn at build time, each with a text alternative.

Colours come from CSS classes (static/site.css), so the charts follow light and dark mode.
Registered as Jinja globals by :func:`register` (called from render.make_env).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

import jinja2
from markupsafe import Markup, escape

from site_gen.model.site import Competition, Distance, Race, Result, season_label
from site_gen.render.previews import plural

MEDALS = (("g", "1st"), ("s", "2nd"), ("b", "3rd"))


@functools.lru_cache(maxsize=4096)  # coordinates repeat from chart to chart
def _num(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _figure(caption: str, summary: str, svg: str, legend: bool = False,
            keys: Sequence[str] = ()) -> Markup:
    """<figure> with the SVG (role=img, labelled by the summary) and a visible caption; the
    legend (with ``legend`` the colours 1st, 2nd, 3rd, then ``keys``: HTML of more items) is
    for the eye only."""
    key = ""
    if legend or keys:
        key = ('<ul class="legend" aria-hidden="true">'
               + ('<li class="g">1st</li><li class="s">2nd</li><li class="b">3rd</li>'
                  if legend else "")
               + "".join(f"<li>{k}</li>" for k in keys) + "</ul>")
    return Markup(f'<figure class="chart"><figcaption>{escape(caption)}</figcaption>'
                  f'{svg}{key}<p class="visually-hidden">{escape(summary)}</p></figure>')


def _svg(width: int, height: int, label: str, body: list[str]) -> str:
    return (f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
            f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">'
            + "".join(body) + "</svg>")


def _text_w(text: str) -> float:
    """About how wide a label is drawn (12 px sans-serif, wide letters counted generously)."""
    return 7.2 * len(text)


@functools.cache
def _month(month: int) -> str:
    """A month's abbreviation as ``strftime('%b')`` writes it (which is slow per call)."""
    return date(2000, month, 1).strftime("%b")


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# a marker shape (a path around 0,0) per distance: the one thing that tells distances apart
# (the place is said by the height alone)
_SHAPES = {
    500: "M-6 0a6 6 0 1 0 12 0a6 6 0 1 0-12 0z",  # circle
    1000: "M-5.5-5.5h11v11h-11z",  # square
    1500: "M0-7l6.5 11h-13z",  # triangle
    3000: "M0-7.5l7.5 7.5-7.5 7.5-7.5-7.5z",  # diamond
    0: "M0 7l6.5-11h-13z",  # relay: triangle pointing down
    -1: "M-3.5-6h7l3.5 6-3.5 6h-7l-3.5-6z",  # mixed relay: hexagon
}
Lane = tuple[str, Distance]
FIT = 1080  # widest chart that shows whole beside the page's margins at 1280 px


def _kind(lane: Lane) -> int:
    category, distance = lane
    return (-1 if category == "mixed" else 0) if distance.relay else distance.meters


def _lane_name(lane: Lane) -> str:
    return ("Mixed " if lane[0] == "mixed" else "") + lane[1].label


_STROKE = ' style="stroke-width:1.5"'  # a distance's line: thinner than the chart's default


def _marker(cls: str, x: float, y: float, kind: int, title: str = "") -> str:
    tip = f"<title>{escape(title)}</title>" if title else ""
    return (f'<path class="{cls}" transform="translate({_num(x)} {_num(y)})" '
            f'd="{_SHAPES.get(kind, _SHAPES[500])}">{tip}</path>')


def _key_icon(inner: str) -> str:
    """A legend symbol: a small SVG beside the words (over the legend's empty swatch)."""
    return ('<svg width="24" height="14" viewBox="-12 -7 24 14" aria-hidden="true" '
            'style="display:inline-block;vertical-align:-.2em;margin:0 .3em 0 -1.1em;'
            f'overflow:visible">{inner}</svg>')


def _ticks(worst: int, y: Any, marked: Iterable[int] = ()) -> list[int]:
    """Places labelled on the axis, at least 15 px apart: 1st and the worst always, then the
    places that have a marker (best first), the podium and round numbers while they fit."""
    chosen: list[int] = []
    for t in [1, worst, *sorted(set(marked)), 2, 3, *range(5, worst, 5)]:
        if 1 <= t <= worst and t not in chosen and all(abs(y(t) - y(c)) >= 15 for c in chosen):
            chosen.append(t)
    return sorted(chosen)


@functools.lru_cache(maxsize=4096)  # a few axes repeat over thousands of charts
def _axis(worst: int, marked: frozenset[int], top: int, plot_h: int
          ) -> tuple[tuple[float, ...], frozenset[int]]:
    """The y of each place (1 at ``top``, ``worst`` at ``top + plot_h``; index 0 unused) and
    the places labelled on the axis (``_ticks``)."""
    ys = (0.0, *(top + (place - 1) / (worst - 1) * plot_h for place in range(1, worst + 1)))
    return ys, frozenset(_ticks(worst, ys.__getitem__, marked))


@functools.lru_cache(maxsize=64)
def _lane_key(lane: Lane) -> str:
    """A distance's legend item: its line and marker, then its name."""
    return (_key_icon(f'<line class="line"{_STROKE} x1="-12" x2="12"/>'
                      + _marker("dot", 0, 0, _kind(lane))) + str(escape(_lane_name(lane))))


@functools.lru_cache(maxsize=1024)
def _tick_line(left: int, right_x: int, y: float, place: int) -> str:
    return (f'<line class="grid" x1="{left}" x2="{right_x}" y1="{_num(y)}" '
            f'y2="{_num(y)}"/><text class="muted" x="{left - 6}" '
            f'y="{_num(y + 4)}" text-anchor="end">{_ordinal(place)}</text>')


def _place_label(x: float, y: float, place: int) -> str:
    """The place as a small number over its marker (under it near the top of the chart): it
    stays within the marker's 14 px slot, so two beside each other never meet."""
    ty = y - 10 if y >= 20 else y + 17
    return (f'<text class="pl" x="{_num(x)}" y="{_num(ty)}" text-anchor="middle">'
            f"{place}</text>")


def skater_placings(rows: Sequence[tuple[Race, Result, Competition]], season: str,
                    name: str, season_stops: Sequence[Competition] = ()) -> Markup:
    """A skater's places in one season, 1st at the top: a column per stop (left to right: every
    stop of ``season_stops``, else those with a result), in it a lane per distance, each
    distance its own marker shape and line from stop to stop. The line breaks at a stop whose
    race of that distance lists its podium only and not the skater: their place is unknown."""
    items = [(race, r, comp) for race, r, comp in rows if race.season == season]
    if not items:
        return Markup("")
    # by identity: hashing a frozen Competition hashes every race and result in it
    by_stop: dict[int, list[tuple[Race, Result]]] = {}
    by_cell: dict[tuple[int, Lane], list[tuple[Race, Result]]] = {}  # (stop, lane) → results
    for race, r, comp in items:
        by_stop.setdefault(id(comp), []).append((race, r))
        by_cell.setdefault((id(comp), (race.category, race.distance)), []).append((race, r))
    stops = list(season_stops) or list({id(comp): comp for _, _, comp in items}.values())
    lanes: list[Lane] = sorted({(race.category, race.distance) for race, _, _ in items},
                               key=lambda k: (k[1].relay, k[0] == "mixed", k[1].meters))
    per = {lane: max(len(by_cell.get((id(comp), lane), ())) for comp in stops)
           for lane in lanes}  # most races of a lane at one stop (a distance raced twice)
    widths = [14 * per[lane] + 8 for lane in lanes]
    placed = [r.place for _, r, _ in items if r.place is not None]
    own = [r.place for _, r, _ in items if r.place is not None and not r.is_team]  # as 'Best'
    unplaced = sorted({r.status or "no place" for _, r, _ in items if r.place is None})
    worst = max([4, *placed])
    left, right, top, plot_h = 62, 12, 14, 170
    # at least its content; wider, up to 160 px, while the chart stays within FIT (a desktop
    # box): a phone scrolls it, a shadow on its right edge the cue (site.css: figure.chart)
    col = math.ceil(max(110, sum(widths) + 12, *(_text_w(c.label) + 14 for c in stops),
                        min(160, (FIT - left - right) / len(stops))))
    none_y = top + plot_h + 26  # the row of results without a place
    base = none_y if unplaced else top + plot_h
    width, height = left + right + col * len(stops), base + 40

    ys, ticks = _axis(worst, frozenset(placed), top, plot_h)
    body = [_tick_line(left, width - right, ys[t], t) for t in sorted(ticks)]
    if unplaced:
        body.append(f'<text class="muted" x="{left - 6}" y="{none_y + 4}" '
                    f'text-anchor="end">no place</text>')
    # per lane, runs of points: a podium-only race without the skater ends a run
    lines: dict[Lane, list[list[tuple[float, float]]]] = {lane: [[]] for lane in lanes}
    unknown: list[str] = []  # 'Bormio 1000m': off the podium, or not skating, unrecorded
    marks: list[str] = []
    for i, comp in enumerate(stops):
        cx0 = left + col * i
        body.append(f'<text x="{_num(cx0 + col / 2)}" y="{base + 18}" text-anchor="middle">'
                    f'{escape(comp.label)}</text><text class="muted" x="{_num(cx0 + col / 2)}" '
                    f'y="{base + 32}" text-anchor="middle">{_month(comp.start.month)}</text>')
        x = cx0 + (col - sum(widths)) / 2
        podium_only = comp.podium_only
        for lane, w in zip(lanes, widths, strict=True):
            mine = by_cell.get((id(comp), lane), ())
            if not mine and lane in podium_only:
                lines[lane].append([])
                unknown.append(f"{comp.label} {lane[1].label}")
            for j, (race, r) in enumerate(mine):
                cx = x + w / 2 + (j - (len(mine) - 1) / 2) * 14
                what = f"{comp.label}, {race.category} {race.label}"
                if r.place is None:
                    marks.append(f'<text class="muted" x="{_num(cx)}" y="{none_y + 4}" '
                                 f'text-anchor="middle"><title>{escape(what)}: '
                                 f'{escape(r.status or "no place")}</title>×</text>')
                    continue
                py = ys[r.place]
                lines[lane][-1].append((cx, py))
                marks.append(_marker("dot", cx, py, _kind(lane), f"{what}: {_ordinal(r.place)}"))
                if r.place not in ticks:  # a place too near a labelled one: said by the marker
                    marks.append(_place_label(cx, py, r.place))
            x += w
    for runs in lines.values():
        for points in runs:
            if len(points) > 1:
                path = " ".join(f"{_num(a)},{_num(b)}" for a, b in points)
                body.append(f'<polyline class="line"{_STROKE} points="{path}"/>')
    body += marks
    medals = sum(1 for _, r, _ in items if r.place in (1, 2, 3) and not r.is_team)
    relays = sum(1 for _, r, _ in items if r.place in (1, 2, 3) and r.is_team)
    podiums = (f"{plural(medals, 'individual podium')} and {plural(relays, 'relay podium')}"
               if relays else plural(medals, "podium"))  # counted apart, as on the page
    summary = (f"{name} in {season_label(season)}: {plural(len(items), 'result')} at "
               f"{plural(len(by_stop), 'stop')}, {podiums}"
               + (f", best place {_ordinal(min(own))}" if own else "") + ". "
               + "; ".join(f"{comp.label}: " + ", ".join(
                   f"{race.category} {race.label} {_ordinal(r.place) if r.place else r.status}"
                   for race, r in by_stop[id(comp)]) for comp in stops
                   if id(comp) in by_stop) + "."
               + (f" Not on the podium, place not recorded: {', '.join(unknown)}."
                  if unknown else ""))
    label = f"Placings of {name} by distance at each stop of {season_label(season)}"
    keys = [_lane_key(lane) for lane in lanes]
    if unplaced:
        keys.append(_key_icon('<text class="muted" y="4" text-anchor="middle">×</text>')
                    + str(escape("no place (" + ", ".join(unplaced) + ")")))
    if unknown:
        keys.append(_key_icon("") + "a break in a line: not on that stop’s podium, "
                    "place not recorded")
    return _figure(label, summary, _svg(width, height, label, body), keys=keys)


def _label(label_of: Any, key: str) -> str:
    """A display name: ``label_of`` may be a mapping to objects with a name, or a callable."""
    if label_of is None:
        return key
    if isinstance(label_of, Mapping):
        item = label_of.get(key, key)
        return str(getattr(item, "name", item))
    return str(label_of(key))


# name | bar (its total after it, in the bar's right padding) | …, the bars as wide as the box
_BARS = {"grid": "display:grid;grid-template-columns:auto 1fr;gap:.3rem .6rem;align-items:center;"
                 "font-size:.85rem",
         "name": "text-align:right;max-width:11rem",
         "bar": "display:flex;gap:.35rem;padding-right:2.2em",
         "fill": "display:flex;flex:none;height:1.05rem;"}
_COLOURS = (("gold", "1st"), ("silver", "2nd"), ("bronze", "3rd"))


def medal_bars(rows: Iterable[Any], caption: str, label_of: Any = None,
               limit: int = 12) -> Markup:
    """Horizontal stacked bars (1st, 2nd, 3rd) — one row per nation or skater.

    ``rows`` are Tally objects or ``(key, (golds, silvers, bronzes))`` pairs. Drawn in HTML, a
    grid of name, bar and total: the bars take the width the box has, so the chart fits a phone
    and a desktop whole, its names and totals at the text's own size. Styled inline (``_BARS``):
    the one page showing it pays for it, not every page's stylesheet.
    """
    pairs = [(r.key, (r.gold, r.silver, r.bronze)) if hasattr(r, "gold") else r for r in rows]
    data = [(key, tuple(m)) for key, m in pairs if sum(m)][:limit]
    if not data:
        return Markup("")
    most = max(sum(m) for _, m in data)
    cells: list[str] = []
    parts = []
    for key, medals in data:
        name = escape(_label(label_of, key))
        segs = "".join(f'<span style="background:var(--{c});width:{_num(100 * n / sum(medals))}%" '
                       f'title="{name}: {n} × {word}"></span>'
                       for (c, word), n in zip(_COLOURS, medals, strict=True) if n)
        cells.append(f'<span class="bar-name" style="{_BARS["name"]}">{name}</span>'
                     f'<span class="bar" style="{_BARS["bar"]}"><span class="bar-fill" '
                     f'style="{_BARS["fill"]}width:{_num(100 * sum(medals) / most)}%">'
                     f"{segs}</span><span>{sum(medals)}</span></span>")
        g, s, b = medals
        parts.append(f"{name} {g} first, {s} second, {b} third ({g + s + b} podiums)")
    summary = f"{caption}: " + "; ".join(parts) + "."
    return _figure(caption, summary, f'<div class="bars" style="{_BARS["grid"]}" '
                   'aria-hidden="true">' + "".join(cells) + "</div>", legend=True)


def medal_columns(rows: Sequence[tuple[str, tuple[int, int, int]]], caption: str) -> Markup:
    """Vertical stacked columns per season (a nation's podium places season by season).

    Columns narrow to keep the chart within ``FIT`` whatever the number of seasons; when the
    season labels no longer fit side by side they are set at a slant, each whole."""
    data = [(season_label(k), tuple(m)) for k, m in rows]  # '2003–04', as the table beside
    if len(data) < 2 or not any(sum(m) for _, m in data):
        return Markup("")  # one season: the table beside says it all, a lone bar adds nothing
    left, top, right, plot_h = 36, 16, 10, 150
    col = max(24.0, min(64.0, (FIT - left - right) / len(data)))
    bar = round(col * 0.62, 1)
    longest = max(_text_w(sid) for sid, _ in data)
    slant = longest + 6 > col
    bottom = round(longest * 0.71 + 22) if slant else 26  # sin 45° of the label, and a gap
    width = round(left + col * len(data) + right)
    height = top + plot_h + bottom
    most = max(sum(m) for _, m in data)
    # each column's total is printed over it: no scale on the axis to say it twice
    body = [f'<line class="axis" x1="{left}" x2="{width - 6}" y1="{top + plot_h}" '
            f'y2="{top + plot_h}"/>']
    parts = []
    for i, (sid, medals) in enumerate(data):
        x = left + i * col + (col - bar) / 2
        mid = _num(x + bar / 2)
        y = float(top + plot_h)
        for (cls, word), n in zip(MEDALS, medals, strict=True):
            if n:
                h = n / most * plot_h
                y -= h
                body.append(f'<rect class="{cls}" x="{_num(x)}" y="{_num(y)}" width="{_num(bar)}" '
                            f'height="{_num(h)}"><title>{escape(sid)}: {n} × {word}</title></rect>')
        body.append(f'<text x="{mid}" y="{_num(y - 4)}" text-anchor="middle">{sum(medals)}</text>')
        if slant:
            ty = top + plot_h + 14
            body.append(f'<text class="muted" x="{mid}" y="{ty}" text-anchor="end" '
                        f'transform="rotate(-45 {mid} {ty})">{escape(sid)}</text>')
        else:
            body.append(f'<text class="muted" x="{mid}" y="{height - 8}" '
                        f'text-anchor="middle">{escape(sid)}</text>')
        g, s, b = medals
        parts.append(f"{sid}: {g} first, {s} second, {b} third")
    summary = f"{caption}: " + "; ".join(parts) + "."
    return _figure(caption, summary, _svg(width, height, caption, body), legend=True)


def register(env: jinja2.Environment) -> None:
    env.globals.update(skater_placings=skater_placings, medal_bars=medal_bars,
                       medal_columns=medal_columns)
