"""Rendering and writing many routes at once: on workers forked from the build (they inherit the
loaded site), on fresh fork-server workers sent the site once (a big rebuild in ``serve``, whose
threads make forking unsafe), or in this process."""

from __future__ import annotations

import gc
import logging
import multiprocessing
import pickle
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from site_gen.engine import parallel
from site_gen.engine.output_folder import link_over, safe_rel, write_if_changed
from site_gen.engine.parallel import can_fork, quiet_worker
from site_gen.engine.progress import Progress
from site_gen.routing.routes import Route

if TYPE_CHECKING:
    from site_gen.render.renderer import Renderer

log = logging.getLogger(__name__)

Done = list[tuple[int, bool, int]]  # per route: its index, whether its file changed, its size


@dataclass(frozen=True)
class RenderJob:
    """What rendering a build's routes needs: handed to every worker when it starts."""

    renderer: Renderer
    routes: list[Route]
    staging: Path
    twin: Path | None  # the next build's spare, linked to each file written (output_folder.py)

    def run(self, indexes: list[int]) -> Done:
        """Render and write routes: (index, whether its file changed, its size) each."""
        out = []
        for i in indexes:
            route = self.routes[i]
            rel = safe_rel(route.output)
            data = self.renderer.render(route)
            out.append((i, write_if_changed(f"{self.staging}/{rel}", data), len(data)))
            if self.twin is not None:
                link_over(f"{self.staging}/{rel}", f"{self.twin}/{rel}")
        return out


# Set in each worker process when it starts (``_start_worker``, ``_start_fresh``), never in
# the build's own process.
_WORKER_JOB: RenderJob | None = None


def _start_worker(job: RenderJob) -> None:
    global _WORKER_JOB
    quiet_worker()
    _WORKER_JOB = job


def _render_many(indexes: list[int]) -> Done:
    assert _WORKER_JOB is not None, "a render worker started without its job"
    return _WORKER_JOB.run(indexes)


FRESH_WORKERS_FROM = 2000  # files to render before a process with threads starts workers


def _start_fresh(job: bytes) -> None:
    """A worker started afresh (not forked from the build): its renderer, from the build's."""
    from site_gen.render.renderer import Renderer

    quiet_worker()  # already while it loads the site
    gc.disable()  # the cycle collector would scan the site over and over as it is unpickled
    site, stats, routes, base_url, templates, staging, twin = pickle.loads(job)
    _start_worker(RenderJob(Renderer(site, stats, routes, base_url, templates), routes,
                            staging, twin))
    gc.freeze()  # and then while it renders, as in a build's own process (build._render_phase)
    gc.enable()


def render_all(job: RenderJob, todo: list[int], jobs: int, progress: Progress | None,
               fresh_workers: bool = False) -> Done:
    """Render and write ``todo``: on workers forked from this process when no other thread
    runs (they inherit the loaded site); for a big rebuild while threads run (``serve`` after a
    base template edit), on fresh workers sent the site once if ``fresh_workers`` (they import
    the main module again, which must then run nothing: true of the CLI's entry points, not of
    every script using the library); else here."""
    size = 200 if jobs > 1 else 500
    chunks = [todo[i:i + size] for i in range(0, len(todo), size)]
    done: Done = []

    def note(part: Done) -> None:
        done.extend(part)
        if progress:
            progress.update(len(done), len(todo))

    if jobs > 1 and len(todo) >= 200 and can_fork():
        pool = parallel.fork_pool(jobs, _start_worker, (job,))
        finished = False
        try:
            for part in pool.imap_unordered(_render_many, chunks):
                note(part)
            finished = True
        finally:
            parallel.finish(pool, finished)
        return done
    if jobs > 1 and len(todo) >= FRESH_WORKERS_FROM and fresh_workers:
        chunks = _render_fresh(job, chunks, jobs, note)  # what fresh workers could not do
    for chunk in chunks:
        note(job.run(chunk))
    return done


def _render_fresh(job: RenderJob, chunks: list[list[int]], jobs: int,
                  note: Callable[[Done], None]) -> list[list[int]]:
    """Render chunks on fresh workers (a fork server's); returns the chunks left undone if
    the workers cannot start. A render error still stops the build."""
    renderer = job.renderer
    sent = pickle.dumps((renderer.ctx.site, renderer.ctx.stats, renderer.routes,
                         renderer.base_url, renderer.templates, job.staging, job.twin),
                        protocol=pickle.HIGHEST_PROTOCOL)
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["site_gen.engine.worker_pool", "site_gen.render.renderer"])
    finished: set[int] = set()
    try:
        executor = ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_fresh,
                                       initargs=(sent,))
    except OSError as exc:
        log.debug("no fresh render workers: %s", exc)
        return chunks
    try:
        futures = {executor.submit(_render_many, chunk): i for i, chunk in enumerate(chunks)}
        for future in as_completed(futures):
            note(future.result())
            finished.add(futures[future])
    except (BrokenProcessPool, OSError) as exc:  # e.g. the main module cannot be imported
        log.debug("fresh render workers failed: %s", exc)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
    return [chunk for i, chunk in enumerate(chunks) if i not in finished]
