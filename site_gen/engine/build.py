"""The build, top to bottom: load → validate → stats → routes → render → write → publish."""

from __future__ import annotations

import functools
import gc
import hashlib
import json
import logging
import os
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from site_gen.check.run import cached_lint
from site_gen.engine.dependency_keys import SITE
from site_gen.engine.fingerprint import (
    hash_bytes,
    hash_files,
    input_digests,
    pages_digest,
    route_digests,
)
from site_gen.engine.output_lock import output_lock
from site_gen.engine.progress import Progress
from site_gen.engine.worker_pool import RenderJob, render_all
from site_gen.errors import DataError, Problem
from site_gen.load.cache import LoadCache, default_cache_file, file_hash
from site_gen.load.gc_pause import collector_paused
from site_gen.load.located_yaml import shared_parses
from site_gen.render.assets import static_bytes
from site_gen.render.theme import Theme
from site_gen.routing import published
from site_gen.routing.markdown_links import link_problems, site_paths
from site_gen.routing.routes import Route

if TYPE_CHECKING:  # the modules that load and render are imported when a build has work:
    from site_gen.model.site import (
        Site,  # a build with nothing to do starts in a fraction of the time
    )
    from site_gen.model.stats import Stats
from site_gen.engine.output_folder import (
    STATE_DIR,
    WRITE_ERRNOS,
    OutputError,
    cleanup_leftovers,
    discard,
    make_twin,
    publish,
    remove_listed,
    remove_stale,
    safe_join,
    stage,
    twin_link,
    write_failure,
    write_if_changed,
)

log = logging.getLogger(__name__)
MANIFEST = f"{STATE_DIR}/manifest.json"
WHOLE = "*whole-site*"  # manifest key: digest of every output and option
INPUTS = "*inputs*"  # manifest key: digest of every input file, the code and the options
WARNINGS = "*warnings*"  # manifest key: the data warnings of that build, replayed when skipped
STATIC_FILE = "static"  # a manifest entry is [digest, size]; a copy of static/ has this digest


@dataclass
class BuildReport:
    pages: int = 0
    rendered: int = 0
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    statics: int = 0  # files of static/ copied because they changed
    seconds: float = 0.0
    warnings: list[Problem] = field(default_factory=list)
    rendered_paths: list[str] = field(default_factory=list)

    def summary(self) -> str:
        copied = f", {self.statics} static copied" if self.statics else ""
        return (f"{self.pages} files: {self.written} written, {self.unchanged} unchanged, "
                f"{self.removed} removed, {self.rendered} rendered{copied} in "
                f"{self.seconds:.2f} s")


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """Changing the generator's code invalidates every page."""
    h = hashlib.sha256()
    for path in sorted(Path(__file__).resolve().parents[1].rglob("*.py")):
        h.update(path.read_bytes())
    return h.hexdigest()[:32]


def copy_static(theme: Theme, staging: Path) -> tuple[set[str], list[str]]:
    """Copy the static files into the output: (every file, the files that changed)."""
    produced, changed = set(), []
    for rel, path in theme.static_files().items():
        if write_if_changed(safe_join(staging, rel), static_bytes(path)):
            changed.append(rel)
        produced.add(rel)
    return produced, changed


def prepare(content: Path, cache: LoadCache | None = None, jobs: int = 1
            ) -> tuple[Site, Stats, list[Route], list[Problem]]:
    """Load, validate and plan: raises DataError with every problem."""
    from site_gen.load.site_loader import collect_site
    from site_gen.model.stats import compute_stats
    from site_gen.routing.routes import build_routes, collisions

    with collector_paused():
        site, collected = collect_site(content, cache, jobs)
        if site is None:
            raise DataError(collected.problems)
        routes = build_routes(site)
        clashes = collisions(routes)
        if clashes:
            raise DataError(collected.problems + clashes)
        return site, compute_stats(site), routes, collected.warnings


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector re-scans every live object as allocations pile up: with a big
    site loaded, that was a third of planning a rebuild. It is paused while planning and, while
    rendering, runs with the loaded site frozen out of its sight (``_render_phase``)."""
    with collector_paused():
        try:
            yield
        finally:
            gc.unfreeze()


def _render_phase() -> None:
    gc.freeze()
    gc.enable()


@dataclass(frozen=True)
class BuildOptions:
    """Everything a build is asked for, besides its content and output folders."""

    theme: Theme  # where templates and static files come from
    base_url: str | None = None  # None: the url of site.yaml, else /
    jobs: int = 1
    allow_removal: bool = False
    record_urls: bool = True
    # a big rebuild while other threads run (serve) may start fresh render workers, which
    # import the main module again (worker_pool.render_all): only the CLI's entry points allow it
    fresh_workers: bool = False


def build_site(content: Path, out: Path, base_url: str | None = None, jobs: int | None = None, *,
               templates: Path | None = None, static: Path | None = None,
               allow_removal: bool = False, record_urls: bool = True,
               progress: Progress | None = None, wait: bool = False,
               fresh_workers: bool = False) -> BuildReport:
    """Build ``content`` into ``out``. On any error ``out`` is left exactly as it was.
    ``record_urls``: add the site's URLs to content/published-urls.txt (a deployable build);
    ``serve`` does not, so a page that lived only while editing is never 'published'.
    Another build of ``out`` running is OutputBusy, or is waited for (``wait``)."""
    content, out = Path(content), Path(out)
    options = BuildOptions(Theme.for_content(content, templates, static), base_url,
                           jobs or os.cpu_count() or 1, allow_removal, record_urls,
                           fresh_workers)
    try:
        with output_lock(out, wait), _collector_paused():
            return _build(content, out, options, progress)
    except OSError as exc:
        if exc.errno not in WRITE_ERRNOS:
            raise
        raise write_failure(exc, out) from None


def _build(content: Path, out: Path, options: BuildOptions, progress: Progress | None
           ) -> BuildReport:
    started = time.perf_counter()
    jobs, theme = options.jobs, options.theme
    previous = _read_manifest(out)
    cleanup_leftovers(out)  # staging folders of killed builds
    files = hash_files(content)
    urls_hash = file_hash(published.manifest_path(content))
    key = inputs_key(files, urls_hash, options)
    if previous.get(INPUTS) == key and intact(out, previous):  # not a byte of input changed
        pages = sum(1 for k, v in previous.items() if not k.startswith("*") and v[0] != STATIC_FILE)
        return BuildReport(pages=pages, unchanged=pages,
                           seconds=time.perf_counter() - started,
                           warnings=[Problem(**w) for w in previous.get(WARNINGS, [])])
    from site_gen.render.renderer import Renderer, template_digest

    cache = _load_cache(out)
    with shared_parses():  # the lints read what the load has just parsed
        site, stats, routes, warnings = prepare(content, cache, jobs)
        base_url = options.base_url or site.url or "/"  # --base-url, else site.yaml's url
        # a URL, once published, stays
        routes, urls_text = published.apply(content, routes, options.allow_removal)
        warnings = warnings + link_problems(site, site_paths(routes, theme.static_files())) + \
            cached_lint(site, content, files, cache)  # what check warns about: dates, nations, …
    if progress:
        n = len(site.seasons)
        progress.stage(f"loaded {n} season{'s' * (n != 1)}, {len(site.skaters)} skaters; "
                       f"{len(routes)} files to publish")
    renderer = Renderer(site, stats, routes, base_url, theme.templates, cache)
    renderer.load_templates()
    inputs = input_digests(files, content, site, cache, jobs)
    cache.prune()
    cache.save(default_cache_file(out), code_digest())
    tdigest = {t: template_digest(renderer.env, t) for t in {r.template for r in routes} if t}
    common = hash_bytes(f"{code_digest()}|{base_url}|{inputs[SITE]}|"
                         f"{[s.id for s in site.seasons]}|{list(site.index.nation_races)}".encode())
    digests = route_digests(routes, inputs, tdigest, common, pages_digest(site))
    whole = hash_bytes("\n".join([theme.digest(theme.static), *digests]).encode())
    if previous.get(WHOLE) == whole and intact(out, previous):  # nothing changed: touch nothing
        return BuildReport(pages=len(routes), unchanged=len(routes),
                           seconds=time.perf_counter() - started, warnings=warnings)
    fresh = not out.is_dir()  # the staging folder starts empty: nothing in it to remove
    staging = stage(out, previous.get(WHOLE))
    twin = None
    try:
        # the manifest says what the output holds, as far as one stat a file confirms it: a
        # file deleted or resized since (by hand, by a sync tool) is rendered again
        sizes = {r.output: _size(staging, r.output) for r in routes}
        todo = [i for i, r in enumerate(routes)
                if previous.get(r.output) != [digests[i], sizes[r.output]]]
        if len(todo) > 1000:
            stats.compute_tables()  # once, before render workers fork
        _render_phase()
        # a build that renders every file links each into its twin: the next build's spare
        twin = make_twin(out) if len(todo) == len(routes) else None
        results = render_all(RenderJob(renderer, routes, staging, twin), todo, jobs, progress,
                             options.fresh_workers)
        sizes.update((routes[i].output, size) for i, _, size in results)
        statics, new_statics = copy_static(theme, staging)
        produced = {r.output for r in routes} | statics
        listed = {k for k in previous if not k.startswith("*")}
        # the previous manifest names every file the last build wrote: no need to walk them all
        removed = ([] if fresh else remove_listed(staging, listed - produced) if listed
                   else remove_stale(staging, produced))
        manifest: dict[str, Any] = {r.output: [d, sizes[r.output]]
                                    for r, d in zip(routes, digests, strict=True)}
        manifest.update((path, [STATIC_FILE, _size(staging, path)]) for path in sorted(statics))
        manifest[WHOLE] = whole
        # the key as the next build will see it: after this build has recorded its URLs
        if options.record_urls:
            urls_hash = hash_bytes(urls_text.encode())
        manifest[INPUTS] = inputs_key(files, urls_hash, options)
        manifest[WARNINGS] = [w.as_dict() for w in warnings]
        write_if_changed(staging / MANIFEST, json.dumps(manifest).encode())
        changed = [routes[i].output for i, new, _ in results if new] + new_statics + removed
        small = len(changed) <= len(routes) // 4  # else a fresh spare costs less to make
        if twin is not None:
            for rel in [*statics, MANIFEST]:
                twin_link(staging, twin, rel)
        publish(staging, out, background=len(routes) > 5000, whole=whole,
                changed=[*changed, MANIFEST] if small else None, twin=twin)
        if options.record_urls:
            published.record(content, routes, urls_text)
    except BaseException:
        discard(staging)
        if twin is not None:
            discard(twin)
        raise
    written = sum(1 for _, changed, _ in results if changed)
    return BuildReport(pages=len(routes), rendered=len(todo), written=written,
                       unchanged=len(routes) - written, removed=len(removed),
                       statics=len(new_statics),
                       seconds=time.perf_counter() - started, warnings=warnings,
                       rendered_paths=[routes[i].path for i in todo])


_CACHES: dict[Path, LoadCache] = {}  # per output folder, kept while the process lives (serve)


def _load_cache(out: Path) -> LoadCache:
    key = out.absolute()
    if key not in _CACHES:
        _CACHES.clear()
        _CACHES[key] = LoadCache.open(default_cache_file(out), code_digest())
    return _CACHES[key]


def inputs_key(files: dict[str, str], published_urls: str, options: BuildOptions) -> str:
    """Digest of everything a build reads: a build with the same key has nothing to do."""
    h = hashlib.sha256(f"{code_digest()}|{options.base_url}|{options.allow_removal}".encode())
    h.update(repr(sorted(files.items())).encode())
    h.update(published_urls.encode())
    h.update(options.theme.digest().encode())
    return h.hexdigest()[:32]


def _size(root: Path, rel: str) -> int:
    """The size of root/rel, -1 if it is missing (or no regular file)."""
    try:
        st = os.stat(f"{root}/{rel}")
    except OSError:
        return -1
    return st.st_size if stat.S_ISREG(st.st_mode) else -1


def intact(out: Path, manifest: dict[str, Any]) -> bool:
    """Whether every file the manifest lists is in ``out`` with its recorded size."""
    return out.is_dir() and all(
        isinstance(v, list) and len(v) == 2 and _size(out, k) == v[1]
        for k, v in manifest.items() if not k.startswith("*"))


def _read_manifest(out: Path) -> dict[str, Any]:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


__all__ = ["BuildOptions", "BuildReport", "OutputError", "build_site", "prepare"]
