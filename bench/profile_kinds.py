"""Where a full build's CPU goes: per output kind, per template and per macro, in one process.

    python bench/profile_kinds.py [--seasons 5] [--content DIR] [--macros] [--top 25] [--json]

Loads the site as a build does (``synth --seasons N`` into a temporary folder unless
``--content`` is given), then renders every route in the build's order with ``--jobs 1``'s
renderer, timing each in CPU time (``time.process_time``), and writes its bytes to a folder on
tmpfs (timed apart). The table gives, per output kind: files, CPU seconds to render, ms a file,
share of the total, MB; then the same per template. ``--macros`` renders again under cProfile
(a fresh renderer, so ``once()`` starts empty as in a build) and sums the time of each
template's macros and blocks (inclusive: a macro calling another counts both), found through
Jinja's line mapping of the compiled code. Figures are CPU time of this one process: compare
runs on the same machine, before and after a change.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import os
import pstats
import re
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from site_gen.engine.build import prepare  # noqa: E402
from site_gen.render.renderer import Renderer  # noqa: E402
from site_gen.render.theme import Theme  # noqa: E402
from site_gen.routing.routes import Route  # noqa: E402
from site_gen.synth.generate import write_synthetic  # noqa: E402

Totals = dict[str, list[float]]  # key → [files, render s, bytes, write s]


def renderer_for(content: Path) -> tuple[Renderer, list[Route], float]:
    """The build's renderer of ``content``, and the CPU seconds loading and planning took."""
    start = time.process_time()
    gc.disable()
    site, stats, routes, _ = prepare(content)
    renderer = Renderer(site, stats, routes, "/", Theme.for_content(content).templates)
    renderer.load_templates()
    stats.compute_tables()
    gc.freeze()
    gc.enable()
    return renderer, routes, time.process_time() - start


def render_all(renderer: Renderer, routes: list[Route], out: Path) -> tuple[Totals, Totals]:
    by_kind: Totals = defaultdict(lambda: [0, 0.0, 0, 0.0])
    by_template: Totals = defaultdict(lambda: [0, 0.0, 0, 0.0])
    clock = time.process_time
    made: set[str] = set()
    for route in routes:
        t0 = clock()
        data = renderer.render(route)
        t1 = clock()
        path = os.path.join(out, route.output)
        folder = os.path.dirname(path)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        with open(path, "wb") as f:
            f.write(data)
        t2 = clock()
        for key, table in ((route.kind, by_kind), (route.template or "(no template)",
                                                   by_template)):
            row = table[key]
            row[0] += 1
            row[1] += t1 - t0
            row[2] += len(data)
            row[3] += t2 - t1
    return by_kind, by_template


_MACRO = re.compile(r"{%-?\s*macro\s+(\w+)")


def _macro_at(source_lines: list[str], line: int) -> str:
    for text in reversed(source_lines[:line]):
        m = _MACRO.search(text)
        if m:
            return m.group(1)
    return "?"


def macro_profile(content: Path) -> list[tuple[str, float, float, int]]:
    """(template: macro or block, inclusive s, own s, calls), most inclusive time first."""
    renderer, routes, _ = renderer_for(content)
    profiler = cProfile.Profile()
    profiler.enable()
    for route in routes:
        renderer.render(route)
    profiler.disable()
    env = renderer.env
    by_file = {}
    for name in env.list_templates():
        template = env.get_template(name)
        if template.filename:
            by_file[template.filename] = (name, template)
    out: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    raw: dict[Any, Any] = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    for (filename, lineno, func), (calls, _, own, inclusive, _) in raw.items():
        if filename not in by_file:
            continue
        name, template = by_file[filename]
        if func == "macro":
            assert template.filename is not None
            source = Path(template.filename).read_text(encoding="utf-8").splitlines()
            what = _macro_at(source, template.get_corresponding_lineno(lineno))
        else:
            what = func.removeprefix("block_") if func.startswith("block_") else func
        row = out[f"{name}: {what}"]
        row[0] += inclusive
        row[1] += own
        row[2] += calls
    return sorted(((k, v[0], v[1], int(v[2])) for k, v in out.items()),
                  key=lambda r: -r[1])


def table(title: str, rows: Totals, total: float) -> str:
    lines = [f"{title:<22} {'files':>7} {'render s':>9} {'ms/file':>8} {'share':>6} "
             f"{'MB':>7} {'write s':>8}"]
    for key, (n, cpu, size, write) in sorted(rows.items(), key=lambda kv: -kv[1][1]):
        lines.append(f"{key:<22} {int(n):>7} {cpu:>9.2f} {1000 * cpu / n:>8.3f} "
                     f"{100 * cpu / total:>5.1f}% {size / 1e6:>7.1f} {write:>8.2f}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seasons", type=int, default=5)
    parser.add_argument("--content", type=Path, help="an existing content folder instead")
    parser.add_argument("--macros", action="store_true", help="also per macro (cProfile)")
    parser.add_argument("--top", type=int, default=25, help="macros listed")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    shm = "/dev/shm" if os.path.isdir("/dev/shm") else None
    work = Path(tempfile.mkdtemp(prefix="site-gen-profile-", dir=shm))
    try:
        content = args.content or work / "content"
        if args.content is None:
            write_synthetic(content, seasons=args.seasons)
        renderer, routes, load = renderer_for(content)
        by_kind, by_template = render_all(renderer, routes, str(work / "out"))
        del renderer
        render = sum(r[1] for r in by_kind.values())
        write = sum(r[3] for r in by_kind.values())
        macros = macro_profile(content) if args.macros else []
        if args.json:
            print(json.dumps({"load": load, "render": render, "write": write,
                              "kinds": by_kind, "templates": by_template,
                              "macros": macros[:args.top]}, indent=1))
            return 0
        print(f"{len(routes)} files; CPU s: load and plan {load:.2f}, render {render:.2f}, "
              f"write {write:.2f}")
        print(table("kind", by_kind, render))
        print()
        print(table("template", by_template, render))
        if macros:
            print(f"\n{'template: macro or block':<44} {'incl s':>7} {'own s':>7} {'calls':>8}")
            for key, inclusive, own, calls in macros[:args.top]:
                print(f"{key:<44} {inclusive:>7.2f} {own:>7.2f} {calls:>8}")
            print("(under cProfile: times are inflated, compare them with each other)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
