"""Edit-to-reload latency of ``serve``: from saving a file to an open page getting its reload event.

    python bench/reload_latency.py [--sites real synth20] [--edits rink skater.html base.html]
                                   [--runs 10] [--work DIR] [--json]

For each site a copy of the content goes to a work folder (``real`` = content/, ``synthN`` =
``python build.py synth --seasons N``), beside it a copy of the templates (a project's own
``templates/``), ``python build.py serve`` runs on it on a free loopback port, and a Server-Sent
Events client listens to ``/__livereload`` exactly as a browser's page does. Each run makes one
edit (``--edits``; each edit its own server): ``rink`` changes the ``rink:`` of one competition
file (a visible change on its page, which is fetched); ``skater.html`` changes the heading of the
skater page's embed section and ``base.html`` the footer of every page (the first skater's page
is fetched). The clock starts just before the save and stops when the stream announces a new
build (``reload``); ``+ page`` adds fetching the edited page, as the reloading browser would.
The server's own build report gives the pages re-rendered per edit. Medians and maxima are printed.
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
STARTUP_TIMEOUT = 7200.0
EDIT_TIMEOUT = 1800.0
REPORT = re.compile(r"(\d+) files: (\d+) written, (\d+) unchanged, (\d+) removed, (\d+) rendered"
                    r"(?:, \d+ static copied)? in ([\d.]+) s")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare(site: str, work: Path) -> Path:
    content = work / site / "content"
    shutil.rmtree(content.parent, ignore_errors=True)
    shutil.copytree(ROOT / "templates", content.parent / "templates")  # the project's own
    if site == "real":
        shutil.copytree(ROOT / "content", content)
    else:
        seasons = int(site.removeprefix("synth"))
        subprocess.run([sys.executable, str(ROOT / "build.py"), "synth", "--seasons",
                        str(seasons), "--content", str(content)], cwd=ROOT, check=True)
    return content


def competition_file(content: Path) -> Path:
    season = sorted(p for p in (content / "seasons").iterdir() if p.is_dir())[0]
    return sorted(p for p in season.glob("*.yaml") if p.name != "season.yaml")[0]


def with_rink(text: str, rink: str) -> str:
    if re.search(r"(?m)^rink:.*$", text):
        return re.sub(r"(?m)^rink:.*$", f"rink: {rink}", text, count=1)
    return re.sub(r"(?m)^(city:.*)$", lambda m: f"{m.group(1)}\nrink: {rink}", text, count=1)


def first_skater(content: Path) -> str:
    text = (content / "skaters.yaml").read_text(encoding="utf-8")
    m = re.search(r"(?m)slug:\s*([a-z0-9-]+)", text)
    assert m, "no skater"
    return m.group(1)


# edit → (file to edit, text with a marker, the page that shows it)
Edit = tuple[Path, Callable[[str, str], str], str]


def edit_of(kind: str, content: Path) -> Edit:
    if kind == "rink":
        target = competition_file(content)
        url = "/" + target.relative_to(content).with_suffix("").as_posix() + "/"
        return target, with_rink, url
    skater = f"/skaters/{first_skater(content)}/"
    templates = content.parent / "templates"
    if kind == "skater.html":
        return (templates / "skater.html",
                lambda text, mark: text.replace("Embed and cite<", f"Embed and cite ({mark})<", 1),
                skater)
    if kind == "base.html":
        return (templates / "base.html",
                lambda text, mark: text.replace("Atom feed</a> ·", f"Atom feed</a> {mark} ·", 1),
                skater)
    raise ValueError(kind)


class Server:
    def __init__(self, content: Path) -> None:
        self.port = free_port()
        self.lines: list[str] = []
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "serve", "--content", str(content),
             "--port", str(self.port)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    def get(self, path: str) -> bytes:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=EDIT_TIMEOUT)
        try:
            conn.request("GET", path)
            return conn.getresponse().read()
        finally:
            conn.close()

    def wait_ready(self) -> None:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit("serve exited:\n" + "\n".join(self.lines))
            try:
                self.get("/__livereload/status")
                return
            except OSError:
                time.sleep(0.2)
        raise SystemExit("serve did not start")

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=120)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


class Stream:
    """The page's side: a Server-Sent Events connection to /__livereload."""

    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=EDIT_TIMEOUT)
        self.sock.sendall(b"GET /__livereload HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        self.file = self.sock.makefile("rb")
        while self.file.readline().strip():
            pass

    def next_state(self) -> dict[str, Any]:
        name, data = "", ""
        for raw in self.file:
            line = raw.decode().rstrip("\r\n")
            if not line:
                if name == "state":
                    return json.loads(data)
                name, data = "", ""
            elif line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                data += line[5:].strip()
        raise SystemExit("event stream closed")

    def close(self) -> None:
        self.file.close()
        self.sock.close()


def measure(site: str, work: Path, runs: int, edit: str = "rink") -> dict[str, Any]:
    content = prepare(site, work)
    target, change, url = edit_of(edit, content)
    server = Server(content)
    started = time.perf_counter()
    try:
        server.wait_ready()
        startup = time.perf_counter() - started
        stream = Stream(server.port)
        state = stream.next_state()
        original = target.read_text(encoding="utf-8")
        reload_s, page_s, build_s, rendered, pages = [], [], [], [], 0
        for run in range(runs):
            marker = f"Latency Arena {run}"
            seen = len(server.lines)
            t0 = time.perf_counter()
            target.write_text(change(original, marker), encoding="utf-8")
            while True:
                new = stream.next_state()
                if new["error"]:
                    raise SystemExit(f"build failed: {new['error']}")
                if new["build"] != state["build"]:
                    break
            t1 = time.perf_counter()
            body = server.get(url)
            t2 = time.perf_counter()
            state = new
            if marker.encode() not in body:
                raise SystemExit(f"{url} does not show the edit")
            reload_s.append(t1 - t0)
            page_s.append(t2 - t0)
            for line in server.lines[seen:]:
                if m := REPORT.search(line):
                    pages = int(m.group(1))
                    rendered.append(int(m.group(5)))
                    build_s.append(float(m.group(6)))
            time.sleep(0.3)  # let the watcher settle between runs (not part of any figure)
        stream.close()
    finally:
        server.stop()
    return {
        "site": site, "edit": edit, "file": str(target.relative_to(content.parent)),
        "runs": runs,
        "startup_s": round(startup, 2), "pages": pages,
        "reload_median_s": round(statistics.median(reload_s), 3),
        "reload_max_s": round(max(reload_s), 3),
        "page_median_s": round(statistics.median(page_s), 3),
        "rendered_median": int(statistics.median(rendered)) if rendered else None,
        "build_median_s": round(statistics.median(build_s), 3) if build_s else None,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", nargs="+", default=["real", "synth20"],
                        help="real (content/) and/or synthN (N synthetic seasons)")
    parser.add_argument("--edits", nargs="+", default=["rink"],
                        choices=["rink", "skater.html", "base.html"],
                        help="what each run edits (a server each)")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--work", type=Path, default=None, help="work folder (default: temp)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stop the server child on the way out
    for site in args.sites:
        if site != "real" and not re.fullmatch(r"synth\d+", site):
            parser.error(f"unknown site {site!r}")
    work = args.work or Path(tempfile.mkdtemp(prefix="reload-latency-"))
    results = []
    try:
        for site, edit in [(site, edit) for site in args.sites for edit in args.edits]:
            result = measure(site, work, args.runs, edit)
            results.append(result)
            if not args.json:
                share = (f"{result['rendered_median']} of {result['pages']} files re-rendered, "
                         f"build_site {result['build_median_s']:.3f} s"
                         if result["rendered_median"] is not None else "")
                print(f"{site}, {edit}: edit-to-reload median {result['reload_median_s']:.3f} s, "
                      f"max {result['reload_max_s']:.3f} s, + page {result['page_median_s']:.3f}"
                      f" s ({args.runs} runs; first build {result['startup_s']:.1f} s; {share})",
                      flush=True)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
