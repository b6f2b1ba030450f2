"""Inline SVG charts drawn at build time, each with a text alternative.

Colours come from CSS classes (static/site.css), so the charts follow light and dark mode.
Registered as Jinja globals by :func:`register` (called from render.make_env).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import jinja2
from markupsafe import Markup, escape

from .model import Competition, Race, Result, season_label
from .previews import plural

MEDALS = (("g", "1st"), ("s", "2nd"), ("b", "3rd"))


def _num(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _figure(caption: str, summary: str, svg: str, legend: bool = False) -> Markup:
    """<figure> with the SVG (role=img, labelled by the summary) and a visible caption."""
    key = ""
    if legend:
        key = ('<ul class="legend" aria-hidden="true"><li class="g">1st</li>'
               '<li class="s">2nd</li><li class="b">3rd</li></ul>')
    return Markup(f'<figure class="chart"><figcaption>{escape(caption)}</figcaption>'
                  f'{svg}{key}<p class="visually-hidden">{escape(summary)}</p></figure>')


def _svg(width: int, height: int, label: str, body: list[str]) -> str:
    return (f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
            f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">'
            + "".join(body) + "</svg>")


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def skater_placings(rows: Sequence[tuple[Race, Result, Competition]], season: str,
                    name: str) -> Markup:
    """Dots for every placing of one season, stop by stop (left to right), 1st at the top."""
    items = [(race, r, comp) for race, r, comp in rows if race.season == season]
    if not items:
        return Markup("")
    stops: list[Competition] = []
    for _, _, comp in items:
        if comp not in stops:
            stops.append(comp)
    placed = [r.place for _, r, _ in items if r.place is not None]
    worst = max([4, *placed])
    left, right, top, bottom = 44, 12, 14, 40
    col = 110
    width = left + right + col * len(stops)
    plot_h = 170
    height = top + plot_h + bottom

    def y(place: int) -> float:
        return top + (place - 1) / (worst - 1) * plot_h

    body: list[str] = []
    ticks = sorted({1, 2, 3, worst} | ({worst // 2} if worst > 8 else set()))
    for t in ticks:
        body.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{_num(y(t))}" '
                    f'y2="{_num(y(t))}"/>')
        body.append(f'<text class="muted" x="{left - 6}" y="{_num(y(t) + 4)}" '
                    f'text-anchor="end">{_ordinal(t)}</text>')
    points: list[tuple[float, float]] = []
    for i, comp in enumerate(stops):
        mine = [(race, r) for race, r, c in items if c is comp]
        cx0 = left + col * i
        body.append(f'<text x="{_num(cx0 + col / 2)}" y="{height - 22}" text-anchor="middle">'
                    f'{escape(comp.label)}</text>')
        body.append(f'<text class="muted" x="{_num(cx0 + col / 2)}" y="{height - 8}" '
                    f'text-anchor="middle">{comp.start.strftime("%b")}</text>')
        step = col / (len(mine) + 1)
        for j, (race, r) in enumerate(mine):
            cx = cx0 + step * (j + 1)
            what = f"{comp.label}, {race.category} {race.label}"
            if r.place is None:
                body.append(f'<text class="muted" x="{_num(cx)}" y="{_num(top + plot_h + 4)}" '
                            f'text-anchor="middle"><title>{escape(what)}: '
                            f'{escape(r.status or "no place")}</title>×</text>')
                continue
            cls = {1: "g", 2: "s", 3: "b"}.get(r.place, "dot")
            points.append((cx, y(r.place)))
            body.append(f'<circle class="{cls}" cx="{_num(cx)}" cy="{_num(y(r.place))}" r="6">'
                        f'<title>{escape(what)}: {_ordinal(r.place)}</title></circle>')
    if len(points) > 1:
        path = " ".join(f"{_num(x)},{_num(yy)}" for x, yy in points)
        body.insert(len(ticks) * 2, f'<polyline class="line" points="{path}"/>')
    medals = sum(1 for p in placed if p <= 3)
    summary = (f"{name} in {season_label(season)}: {plural(len(items), 'result')} at "
               f"{plural(len(stops), 'stop')}, {plural(medals, 'podium')}"
               + (f", best place {_ordinal(min(placed))}" if placed else "") + ". "
               + "; ".join(f"{comp.label}: " + ", ".join(
                   f"{race.category} {race.label} {_ordinal(r.place) if r.place else r.status}"
                   for race, r, c in items if c is comp) for comp in stops) + ".")
    label = f"Placings of {name} at each stop of {season_label(season)}"
    return _figure(label, summary, _svg(width, height, label, body), legend=True)


def _label(label_of: Any, key: str) -> str:
    """A display name: ``label_of`` may be a mapping to objects with a name, or a callable."""
    if label_of is None:
        return key
    if isinstance(label_of, Mapping):
        item = label_of.get(key, key)
        return str(getattr(item, "name", item))
    return str(label_of(key))


def medal_bars(rows: Iterable[Any], caption: str, label_of: Any = None,
               limit: int = 12) -> Markup:
    """Horizontal stacked bars (1st, 2nd, 3rd) — one row per nation or skater.

    ``rows`` are Tally objects or ``(key, (golds, silvers, bronzes))`` pairs.
    """
    pairs = [(r.key, (r.gold, r.silver, r.bronze)) if hasattr(r, "gold") else r for r in rows]
    data = [(key, tuple(m)) for key, m in pairs if sum(m)][:limit]
    if not data:
        return Markup("")
    names = [_label(label_of, k) for k, _ in data]
    longest = max(len(n) for n in names)
    left = min(170, 12 + 7 * longest)
    right, row_h, top = 40, 24, 6
    width = 560
    height = top + row_h * len(data) + 6
    most = max(sum(m) for _, m in data)
    scale = (width - left - right) / most
    body: list[str] = []
    parts = []
    for i, ((_, medals), name) in enumerate(zip(data, names, strict=True)):
        yy = top + i * row_h
        body.append(f'<text x="{left - 8}" y="{yy + 16}" text-anchor="end">{escape(name)}</text>')
        x = float(left)
        for (cls, word), n in zip(MEDALS, medals, strict=True):
            if n:
                w = n * scale
                body.append(f'<rect class="{cls}" x="{_num(x)}" y="{yy + 3}" width="{_num(w)}" '
                            f'height="{row_h - 7}"><title>{escape(name)}: {n} × {word}</title>'
                            f'</rect>')
                x += w
        body.append(f'<text x="{_num(x + 6)}" y="{yy + 16}">{sum(medals)}</text>')
        g, s, b = medals
        parts.append(f"{name} {g} first, {s} second, {b} third ({g + s + b} podiums)")
    summary = f"{caption}: " + "; ".join(parts) + "."
    return _figure(caption, summary, _svg(width, height, caption, body), legend=True)


def medal_columns(rows: Sequence[tuple[str, tuple[int, int, int]]], caption: str) -> Markup:
    """Vertical stacked columns per season (a nation's podium places season by season)."""
    data = [(k, tuple(m)) for k, m in rows]
    if not data or not any(sum(m) for _, m in data):
        return Markup("")
    left, top, bottom, col = 36, 16, 26, 64
    plot_h = 150
    width = left + col * len(data) + 10
    height = top + plot_h + bottom
    most = max(sum(m) for _, m in data)
    body = [f'<line class="axis" x1="{left}" x2="{width - 6}" y1="{top + plot_h}" '
            f'y2="{top + plot_h}"/>',
            f'<text class="muted" x="{left - 6}" y="{top + 4}" text-anchor="end">{most}</text>']
    parts = []
    for i, (sid, medals) in enumerate(data):
        x = left + i * col + 12
        y = float(top + plot_h)
        for (cls, word), n in zip(MEDALS, medals, strict=True):
            if n:
                h = n / most * plot_h
                y -= h
                body.append(f'<rect class="{cls}" x="{x}" y="{_num(y)}" width="{col - 24}" '
                            f'height="{_num(h)}"><title>{escape(sid)}: {n} × {word}</title></rect>')
        body.append(f'<text x="{x + (col - 24) / 2}" y="{_num(y - 4)}" '
                    f'text-anchor="middle">{sum(medals)}</text>')
        body.append(f'<text class="muted" x="{x + (col - 24) / 2}" y="{height - 8}" '
                    f'text-anchor="middle">{escape(sid)}</text>')
        g, s, b = medals
        parts.append(f"{sid}: {g} first, {s} second, {b} third")
    summary = f"{caption}: " + "; ".join(parts) + "."
    return _figure(caption, summary, _svg(width, height, caption, body), legend=True)


def register(env: jinja2.Environment) -> None:
    env.globals.update(skater_placings=skater_placings, medal_bars=medal_bars,
                       medal_columns=medal_columns)
