"""Property: after any valid edits, an incremental build writes the very files a clean build of
the same content writes.

The site is the 2003-04 content with a second season (one stop, relay teams with members), two
Markdown pages and the templates copied beside the content (the project's own), built once.
Each example applies random edits — a result's time, note or place, a place in the standings,
a stop's rink, a skater's name, nation or name change, a nation's name, a venue's city, a
season's title, a Markdown page (its text, its title, a new page), a template — and after each
edit builds incrementally into the same folder, builds the same content into a fresh folder,
and compares the two file by file. CI runs a bounded, fixed set of examples;
HYPOTHESIS_EXAMPLES=N explores more.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import site_gen.engine.build
from site_gen.engine.build import build_site
from site_gen.render.theme import TEMPLATES

from .conftest import CONTENT
from .test_incremental_deps import snapshot

EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "10"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None,
                    derandomize="HYPOTHESIS_EXAMPLES" not in os.environ,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
NEXT_SEASON = {
    "seasons/2004-05/season.yaml": "title: 2004–05 World Cup\n",
    "pages/history.md": "# History\n\nThe World Cup began in 1997: see [the seasons](/seasons/).\n",
}
RESULT = re.compile(r"\{place: \d+, (?:skater|team): [^}]*\}")
Draw = Callable[[st.SearchStrategy], object]


def _base(root: Path) -> Path:
    """The content, templates and a first build under root."""
    content = shutil.copytree(CONTENT, root / "content")
    (content / "published-urls.txt").unlink(missing_ok=True)  # pages may come and go
    calgary = (content / "seasons/2003-04/calgary.yaml").read_text(encoding="utf-8")
    calgary = (calgary.replace("date: 2003-", "date: 2004-")  # relay teams with members
               .replace("team: CHN}", "team: CHN, members: [li-jiajun, li-ye]}", 1)
               .replace("team: KOR}", "team: KOR, members: [ahn-hyun-soo, song-suk-woo]}", 1))
    for rel, text in {**NEXT_SEASON, "seasons/2004-05/calgary.yaml": calgary}.items():
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(text, encoding="utf-8")
    shutil.copytree(TEMPLATES, root / "templates")
    build_output(root, "public")
    return root


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _base(tmp_path_factory.mktemp("incremental-random"))


@contextmanager
def _own_load_cache() -> Iterator[None]:
    """The clean build keeps the load cache the incremental builds hold in memory (as ``serve``
    does between rebuilds) where it was: it is for one output folder at a time."""
    kept = dict(site_gen.engine.build._CACHES)
    try:
        yield
    finally:
        site_gen.engine.build._CACHES.clear()
        site_gen.engine.build._CACHES.update(kept)


def build_output(root: Path, out: str) -> dict[str, bytes]:
    build_site(root / "content", root / out, jobs=1, record_urls=False)  # templates/ beside it
    return {k: v for k, v in snapshot(root / out).items()
            if not k.startswith(".site-gen/") or k.endswith("manifest.json")}


# edits: each changes one file of root (content/ or templates/) as a maintainer would --------

def _rewrite(path: Path, change: Callable[[str], str]) -> None:
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def _pick(draw: Draw, items: list[str] | list[Path]) -> object:
    return draw(st.sampled_from(sorted(items)))


def _stop(draw: Draw, root: Path) -> Path:
    stops = [p for p in (root / "content/seasons").glob("*/*.yaml") if p.name != "season.yaml"]
    return _pick(draw, stops)  # type: ignore[return-value]


def _set_key(result: str, key: str, value: str) -> str:
    """A result's flow mapping with ``key: "value"`` (replacing any it had)."""
    body = re.sub(rf', {key}: "[^"]*"', "", result)
    return body[:-1] + f', {key}: "{value}"}}'


def _edit_result(draw: Draw, root: Path, key: str, value: str) -> None:
    def change(text: str) -> str:
        found = list(RESULT.finditer(text))
        start = found[draw(st.integers(0, len(found) - 1))].start()
        end = text.index("}", start) + 1
        return text[:start] + _set_key(text[start:end], key, value) + text[end:]
    _rewrite(_stop(draw, root), change)


def edit_time(draw: Draw, root: Path) -> None:
    _edit_result(draw, root, "time", f"1:{draw(st.integers(10, 59))}.{draw(st.integers(100, 999))}")


def edit_note(draw: Draw, root: Path) -> None:
    _edit_result(draw, root, "note", draw(st.sampled_from(["PEN", "advanced", "fell <b>"])))


def _swap_two(draw: Draw, path: Path, separator: str) -> None:
    """In one part of the file between separators (a race, a standings table), two results
    swap their skaters (or teams)."""
    def change(text: str) -> str:
        parts = text.split(separator)
        if len(parts) < 2:
            return text
        i = draw(st.integers(1, len(parts) - 1))
        who = re.findall(r"(?:skater|team): [^,}]+", parts[i])
        a, b = draw(st.permutations(range(len(who))))[:2]
        parts[i] = parts[i].replace(who[a], "\0").replace(who[b], who[a]).replace("\0", who[b])
        return separator.join(parts)
    _rewrite(path, change)


def edit_places(draw: Draw, root: Path) -> None:
    _swap_two(draw, _stop(draw, root), "\n  - date:")


def edit_standings(draw: Draw, root: Path) -> None:
    _swap_two(draw, root / "content/seasons/2003-04/season.yaml", "\n    - distance:")


def edit_rink(draw: Draw, root: Path) -> None:
    rink = draw(st.sampled_from(["Olympic Oval", "Palaghiaccio", "Home Arena"]))
    _rewrite(_stop(draw, root), lambda text: re.sub(r"^rink: .*\n", "", text, flags=re.M)
             .replace("\nraces:", f"\nrink: {rink}\nraces:", 1))


def _skater_entry(draw: Draw, root: Path, change: Callable[[str], str]) -> None:
    """Change one entry of skaters.yaml (the text from its '- slug:' line)."""
    def edit(text: str) -> str:
        parts = text.split("\n- slug: ")
        i = draw(st.integers(1, len(parts) - 1))
        parts[i] = change(parts[i])
        return "\n- slug: ".join(parts)
    _rewrite(root / "content/skaters.yaml", edit)


def edit_skater_name(draw: Draw, root: Path) -> None:
    suffix = draw(st.sampled_from(["Jr", "Ål", "II"]))
    _skater_entry(draw, root, lambda e: re.sub(r"\n  name: (.*)", rf"\n  name: \1 {suffix}", e))


def edit_skater_nation(draw: Draw, root: Path) -> None:
    code = draw(st.sampled_from(["KOR", "CAN", "CHN", "ITA", "BUL"]))
    _skater_entry(draw, root, lambda e: re.sub(r"\n  nation: \w+", f"\n  nation: {code}", e))


def edit_skater_change(draw: Draw, root: Path) -> None:
    """A name and nation change from the second season on (replacing any changes)."""
    code = draw(st.sampled_from(["RUS", "CAN"]))
    _skater_entry(draw, root, lambda e: re.sub(r"\n  changes:\n(    - .*\n)+", "\n", e + "\n")
                  .rstrip("\n") + f"\n  changes:\n    - {{season: 2004-05, name: Renamed {code}, "
                  f"nation: {code}}}\n")


def edit_nation_name(draw: Draw, root: Path) -> None:
    def change(text: str) -> str:
        codes = re.findall(r"^([A-Z]{3}): ", text, flags=re.M)
        code = _pick(draw, codes)
        return re.sub(rf"^{code}: (.*)", rf"{code}: \1 Land", text, flags=re.M)
    _rewrite(root / "content/nations.yaml", change)


def edit_venue_city(draw: Draw, root: Path) -> None:
    """A venue's city as pages write it; the stop files' spelling stays one of its spellings."""
    entry = re.compile(r"- \{slug: ([^,]+), city: ([^,]+), nation: (\w+)"
                       r"(?:, spellings: \[(.*)\])?\}")

    def change(text: str) -> str:
        found = list(entry.finditer(text))
        m = found[draw(st.integers(0, len(found) - 1))]
        slug, city, nation, more = m.groups()
        spellings = ", ".join([city, *([more] if more else [])])
        new = f"- {{slug: {slug}, city: {city} Town, nation: {nation}, spellings: [{spellings}]}}"
        return text[:m.start()] + new + text[m.end():]
    _rewrite(root / "content/venues.yaml", change)


def edit_season_title(draw: Draw, root: Path) -> None:
    season = _pick(draw, list((root / "content/seasons").glob("*/season.yaml")))
    _rewrite(season, lambda text: re.sub(r"^title: (.*)", r"title: \1 (edited)", text,
                                          flags=re.M))  # type: ignore[arg-type]


def edit_markdown(draw: Draw, root: Path) -> None:
    pages = root / "content/pages"
    what = draw(st.sampled_from(["text", "title", "new", "intro"]))
    if what == "new":
        n = len(list(pages.glob("*.md")))
        (pages / f"new-{n}.md").write_text(f"# New page {n}\n\nSee [Calgary]"
                                           "(/seasons/2003-04/calgary/).\n", encoding="utf-8")
        return
    page = root / "content/seasons/2003-04/intro.md" if what == "intro" else \
        _pick(draw, list(pages.glob("*.md")))
    if what == "title":
        _rewrite(page, lambda text: re.sub(r"^# (.*)", r"# \1 again", text, flags=re.M))  # type: ignore[arg-type]
    else:
        _rewrite(page, lambda text: text + "\nOne more paragraph.\n")  # type: ignore[arg-type]


def edit_template(draw: Draw, root: Path) -> None:
    """A visible change (an HTML comment) before a closing tag of one template."""
    tag = re.compile(r"</(h1|h2|p|footer|table)>")
    templates = [p for p in (root / "templates").rglob("*.html") if tag.search(p.read_text())]
    n = draw(st.integers(0, 99))
    _rewrite(_pick(draw, templates), lambda text: tag.sub(  # type: ignore[arg-type]
        lambda m: f"<!--e{n}-->{m.group()}", text, count=1))


EDITS = [edit_time, edit_note, edit_places, edit_standings, edit_rink, edit_skater_name,
         edit_skater_nation, edit_skater_change, edit_nation_name, edit_venue_city,
         edit_season_title,
         edit_markdown, edit_template]


def first_differences(got: dict[str, bytes], want: dict[str, bytes]) -> list[str]:
    paths = sorted(set(got) | set(want))
    return [f"{p} ({'extra' if p not in want else 'missing' if p not in got else 'differs'})"
            for p in paths if got.get(p) != want.get(p)][:10]


@pytest.mark.slow
@SETTINGS
@given(st.data())
def test_random_edits_rebuild_as_a_cleanbuild_output(base: Path, data: st.DataObject) -> None:
    edits = data.draw(st.lists(st.sampled_from(EDITS), min_size=1, max_size=2),
                      label="edits")
    with tempfile.TemporaryDirectory(prefix="incremental-random-") as tmp:
        root = Path(shutil.copytree(base, Path(tmp) / "site", symlinks=True))
        for step, edit in enumerate(edits):
            edit(data.draw, root)
            got = build_output(root, "public")
            with _own_load_cache():
                want = build_output(root, f"clean-{step}")
            assert got == want, (f"after {[e.__name__ for e in edits[:step + 1]]}, the "
                                 f"incremental build differs from a clean one: "
                                 f"{first_differences(got, want)}")
