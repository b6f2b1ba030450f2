"""Property: any valid site — seasons, stops, races and results in shapes no fixture has — builds
every page and file, and every internal link of the output resolves.

Sites are drawn from the schema (docs/content.md): one to three seasons of one to three
stops (sometimes two in one city), individual races and relays of every category, places with
ties and gaps filled by statuses, times or none, relay teams with or without members, skaters
who change name or nation, standings or none. CI runs a bounded, fixed set of examples;
HYPOTHESIS_EXAMPLES=N explores more.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_gen.engine.build import build_site

from .crawl import broken_links

EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "12"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None,
                    derandomize="HYPOTHESIS_EXAMPLES" not in os.environ,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

NATIONS = {"KOR": "South Korea", "CAN": "Canada", "CHN": "China", "NED": "Netherlands",
           "RUS": "Russia", "ROC": "ROC"}
CITIES = [("Seoul", "KOR"), ("Calgary", "CAN"), ("Beijing", "CHN"), ("Dordrecht", "NED"),
          ("Mladá Boleslav", "CAN")]
NAMES = ["Ahn Hyun-soo", "Éric Bédard", "Wang Meng", "Suzanne Schulting", "Li Ye", "O'Neil & Co",
         "<b>Bold</b>", "Jean-François Monette", "Kim A-lang", "Semen Elistratov"]
INDIVIDUAL = ["500m", "1000m", "1500m", "3000m"]
RELAY = {"men": "5000m relay", "women": "3000m relay", "mixed": "2000m relay"}


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a YAML double-quoted scalar


@st.composite
def sites(draw: st.DrawFn) -> dict[str, str]:
    names = draw(st.lists(st.sampled_from(NAMES), min_size=2, max_size=8, unique=True))
    first_year = draw(st.integers(2003, 2030))
    n_seasons = draw(st.integers(1, 3))
    skaters = []
    for i, name in enumerate(names):
        nation = draw(st.sampled_from(list(NATIONS)[:5]))
        entry = (f"- slug: s{i}\n  name: {_q(name)}\n  nation: {nation}\n"
                 f"  gender: {'men' if i % 2 == 0 else 'women'}\n")
        if n_seasons > 1 and draw(st.booleans()):
            later = f"{first_year + 1}-{(first_year + 2) % 100:02d}"
            entry += (f"  changes:\n    - {{season: {later}, name: {_q(name + ' Jr')}, "
                      f"nation: {draw(st.sampled_from(list(NATIONS)))}}}\n")
        skaters.append((f"s{i}", i % 2 == 0, entry))
    files = {"nations.yaml": "".join(f"{c}: {_q(n)}\n" for c, n in NATIONS.items()),
             "skaters.yaml": "".join(e for _, _, e in skaters)}
    for s in range(n_seasons):
        year = first_year + s
        sid = f"{year}-{(year + 1) % 100:02d}"
        season = [f"title: {sid} World Cup"]
        stops = draw(st.lists(st.sampled_from(CITIES), min_size=1, max_size=3))
        seen: dict[str, int] = {}
        for k, (city, nation) in enumerate(stops):
            base = city.lower().replace(" ", "-").replace("á", "a")
            seen[base] = seen.get(base, 0) + 1
            slug = base if seen[base] == 1 else f"{base}-{seen[base]}"
            day = dt.date(year, 10, 1) + dt.timedelta(days=20 * k)
            kinds = []
            for _ in range(draw(st.integers(1, 4))):
                category = draw(st.sampled_from(["men", "women", "mixed"]))
                relay = category == "mixed" or draw(st.booleans())
                kinds.append((category, RELAY[category] if relay else
                              draw(st.sampled_from(INDIVIDUAL)), relay))
            races = []
            for j, kind in enumerate(kinds):  # a distance raced twice is numbered 1, 2
                number = kinds[:j + 1].count(kind) if kinds.count(kind) > 1 else 0
                races.append(_race(draw, day + dt.timedelta(days=j % 3), *kind, number,
                                   skaters))
            files[f"seasons/{sid}/{slug}.yaml"] = (f"city: {_q(city)}\nnation: {nation}\nraces:\n"
                                                   + "".join(races))
        if draw(st.booleans()):
            men = [slug for slug, is_man, _ in skaters if is_man][:3]
            season += ["standings:", "  men:", "    - distance: overall", "      results:"]
            season += [f"        - {{place: {p + 1}, skater: {slug}, points: {100 - 10 * p}}}"
                       for p, slug in enumerate(men)]
        files[f"seasons/{sid}/season.yaml"] = "\n".join(season) + "\n"
    return files


def _race(draw: st.DrawFn, day: dt.date, category: str, distance: str, relay: bool,
          number: int, skaters: list[tuple[str, bool, str]]) -> str:
    lines = [f"  - date: {day.isoformat()}", f"    category: {category}",
             f"    distance: {distance}", *([f"    number: {number}"] if number else []),
             "    results:"]
    if relay:
        teams = draw(st.lists(st.sampled_from(list(NATIONS)), min_size=1, max_size=4,
                              unique=True))
        for place, code in enumerate(teams, 1):
            members = ""
            if draw(st.booleans()):
                chosen = draw(st.lists(st.sampled_from([s for s, _, _ in skaters]), max_size=2,
                                       unique=True))
                members = f", members: [{', '.join(chosen)}]" if chosen else ""
            time = f', time: "{6 + place}:{draw(st.integers(10, 59))}.{place}"' \
                if draw(st.booleans()) else ""
            lines.append(f"      - {{place: {place}, team: {code}{members}{time}}}")
        return "\n".join(lines + _classification(draw, len(teams))) + "\n"
    pool = [slug for slug, is_man, _ in skaters if is_man == (category == "men")]
    entrants = draw(st.permutations(pool))[:draw(st.integers(1, max(1, len(pool))))] \
        if pool else []
    if not entrants:
        return ""  # no skater of this category: no race
    place = placed = 0
    for i, slug in enumerate(entrants):
        status = draw(st.sampled_from([None, None, None, "DQ", "PEN", "DNF"])) if i else None
        if status:
            lines.append(f"      - {{skater: {slug}, status: {status}}}")
            continue
        tie = place > 0 and draw(st.integers(0, 5)) == 0  # the same place as the one before
        place = place if tie else placed + 1  # after a tie for 1st comes 3rd
        placed += 1
        timed = draw(st.booleans())
        time = f', time: "{40 + place}.{draw(st.integers(100, 999))}"' if timed else ""
        lines.append(f"      - {{place: {place}, skater: {slug}{time}}}")
    return "\n".join(lines + _classification(draw, place)) + "\n"


def _classification(draw: st.DrawFn, last_place: int) -> list[str]:
    """A race placing beyond third must say it is full (after its results, a key of the race);
    one within the podium is either."""
    full = last_place > 3 or draw(st.booleans())
    return ["    classification: full"] if full else []


def _write(root: Path, files: dict[str, Any]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@SETTINGS
@given(sites())
def test_any_valid_site_builds_every_page_with_every_link_resolving(
        files: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory(prefix="random-site-") as tmp:
        content = _write(Path(tmp) / "content", files)
        out = Path(tmp) / "public"
        report = build_site(content, out, jobs=1)
        assert report.pages == report.rendered > 0
        assert broken_links(out) == []
