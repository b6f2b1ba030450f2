"""The load cache's append-only file and the fork pool used by first builds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from site_gen.engine import parallel
from site_gen.engine import worker_pool as render_pool
from site_gen.errors import Collector, Problem
from site_gen.load.cache import LoadCache

VERSION = "v1"


def fill(cache: LoadCache, keys: range) -> None:
    for i in keys:
        cache.memo(("k", str(i)), lambda i=i: f"value {i}")


def test_rebuilds_append_batches_and_a_new_process_reads_them_all(tmp_path: Path) -> None:
    path = tmp_path / "cache"
    first = LoadCache.open(path, VERSION)
    fill(first, range(100))
    first.save(path, VERSION)
    size = path.stat().st_size
    second = LoadCache.open(path, VERSION)
    fill(second, range(100, 102))  # one edit: two new entries
    second.save(path, VERSION)
    grown = path.stat().st_size - size
    assert 0 < grown < size // 10  # appended, not rewritten
    third = LoadCache.open(path, VERSION)
    assert {k[1] for k in third.entries} == {str(i) for i in range(102)}
    assert third.entries[("k", "101")][0] == "value 101"


def test_problems_are_kept_with_their_values(tmp_path: Path) -> None:
    path = tmp_path / "cache"
    cache = LoadCache.open(path, VERSION)
    problem = Problem("a.yaml", 3, 4, "bad", "error", "schema")

    def compute(out: Collector) -> int:
        out.problems.append(problem)
        return 7

    assert cache.get(("f",), compute, Collector()) == 7
    cache.save(path, VERSION)
    again = Collector()
    assert LoadCache.open(path, VERSION).get(("f",), lambda out: 0, again) == 7
    assert again.problems == [problem]


def test_a_torn_or_corrupt_batch_ends_the_read_without_losing_earlier_ones(tmp_path: Path) -> None:
    path = tmp_path / "cache"
    cache = LoadCache.open(path, VERSION)
    fill(cache, range(10))
    cache.save(path, VERSION)
    fill(cache, range(10, 12))
    cache.save(path, VERSION)
    data = path.read_bytes()
    path.write_bytes(data[:-5])  # a build killed while appending
    assert len(LoadCache.open(path, VERSION).entries) == 10
    corrupt = bytearray(data)
    corrupt[-3] ^= 0xFF  # a flipped byte: the CRC catches it
    path.write_bytes(bytes(corrupt))
    assert len(LoadCache.open(path, VERSION).entries) == 10
    assert LoadCache.open(path, "other code").entries == {}  # another version: nothing


def test_stale_entries_are_dropped_when_the_file_is_compacted(tmp_path: Path) -> None:
    path = tmp_path / "cache"
    cache = LoadCache.open(path, VERSION)
    fill(cache, range(8))
    cache.prune()
    cache.save(path, VERSION)
    for edit in range(LoadCache.COMPACT_AFTER + 1):
        cache = LoadCache.open(path, VERSION)
        fill(cache, range(7))  # key 7 is not used any more
        cache.memo(("edit", str(edit)), lambda e=edit: e)
        cache.prune()
        cache.save(path, VERSION)
    keys = set(LoadCache.open(path, VERSION).entries)
    assert ("k", "7") not in keys and ("edit", "0") not in keys  # compacted away
    assert ("edit", str(LoadCache.COMPACT_AFTER)) in keys and ("k", "6") in keys


def square(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


FORKED = """
import json, os
from site_gen.engine import parallel
from tests.test_cache_parallel import square
results = parallel.run_all([lambda n=n: square(n) for n in range(40)], 2)
print(json.dumps({"results": [r for r, _ in results],
                  "others": len({pid for _, pid in results} - {os.getpid()})}))
"""


def test_run_all_gives_results_in_order_from_other_processes() -> None:
    """In a fresh interpreter: this one may run other tests' threads (browsers, servers)."""
    root = Path(__file__).resolve().parent.parent
    proc = subprocess.run([sys.executable, "-c", FORKED], cwd=root, capture_output=True,
                          text=True, timeout=120, check=True)
    answer = json.loads(proc.stdout)
    assert answer["results"] == [n * n for n in range(40)]
    assert answer["others"] >= 1  # worked in forked processes


@contextmanager
def another_thread() -> Iterator[None]:
    """Another thread runs meanwhile (so forking this process is unsafe)."""
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        yield
    finally:
        stop.set()
        other.join()


def test_run_all_stays_in_this_process_while_other_threads_run() -> None:
    with another_thread():
        assert not parallel.can_fork()
        results = parallel.run_all([lambda n=n: square(n) for n in range(40)], 2)
        assert {pid for _, pid in results} == {os.getpid()}


def site_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_big_rebuild_while_threads_run_uses_fresh_workers(make_site, tmp_path: Path,
                                                          monkeypatch) -> None:
    """``serve`` rebuilds while its threads run: forking then is unsafe, so a big rebuild gets
    workers from a fork server (sent the site) and writes what a one-process build writes."""
    import multiprocessing

    from site_gen.engine import build

    content = make_site()
    reference = tmp_path / "reference"
    build.build_site(content, reference, jobs=1)
    methods: list[str | None] = []
    real = multiprocessing.get_context

    def spy(method: str | None = None):  # type: ignore[no-untyped-def]
        methods.append(method)
        return real(method)

    monkeypatch.setattr(render_pool.multiprocessing, "get_context", spy)
    monkeypatch.setattr(render_pool, "FRESH_WORKERS_FROM", 200)
    out = tmp_path / "public"
    with another_thread():  # as serve's watcher and server threads
        report = build.build_site(content, out, jobs=2, fresh_workers=True)  # as the CLI
    assert methods == ["forkserver"]
    assert report.rendered == report.pages >= 200
    assert site_files(out) == site_files(reference)


def test_a_library_build_while_threads_run_renders_here_and_sets_no_process_state(
        make_site, tmp_path: Path, monkeypatch) -> None:
    """Fresh workers import the main module again: only the CLI asks for them. Rendering
    state is handed to the workers, never left in the build's process."""
    import multiprocessing

    from site_gen.engine import build

    methods: list[str | None] = []
    real = multiprocessing.get_context
    monkeypatch.setattr(render_pool.multiprocessing, "get_context",
                        lambda method=None: methods.append(method) or real(method))
    monkeypatch.setattr(render_pool, "FRESH_WORKERS_FROM", 200)
    content = make_site()
    with another_thread():
        build.build_site(content, tmp_path / "threads", jobs=2)
    assert methods == []
    build.build_site(content, tmp_path / "forked", jobs=2)  # on forked workers
    assert site_files(tmp_path / "forked") == site_files(tmp_path / "threads")
    assert render_pool._WORKER_JOB is None and parallel._WORKER_CALLS == ()


def test_fresh_workers_that_cannot_start_leave_the_work_to_this_process(
        make_site, tmp_path: Path, monkeypatch) -> None:
    """A worker that dies starting (here: it cannot read the site it is sent) breaks the pool;
    the build renders the rest itself instead of hanging, and writes the same files."""
    from site_gen.engine import build

    content = make_site()
    reference = tmp_path / "reference"
    build.build_site(content, reference, jobs=1)
    monkeypatch.setattr(render_pool, "FRESH_WORKERS_FROM", 200)
    monkeypatch.setattr(render_pool.pickle, "dumps", lambda *a, **k: b"not a pickle")
    out = tmp_path / "public"
    with another_thread():
        report = build.build_site(content, out, jobs=2, fresh_workers=True)  # as the CLI
    assert report.rendered == report.pages
    assert site_files(out) == site_files(reference)
