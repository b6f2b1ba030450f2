"""The maintainer's edit loop under ``serve``: editor habits, out-of-band fixes, bad arguments."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from site_gen.serve.watcher import Watcher

from .serve_helpers import CHANGE_TIMEOUT, ROOT, EventStream, ServeProcess, save, wait_for


@pytest.mark.parametrize("port", ["70000", "-1"])
def test_port_out_of_range_is_one_line_and_exit_2(make_site: Callable[..., Path],
                                                   port: str) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "serve", "--content", str(make_site()),
         "--port", port],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert f"--port {port}" in done.stderr and "65535" in done.stderr


def test_vims_write_probe_file_is_not_a_change(tmp_path: Path) -> None:
    """vim creates and deletes ``4913`` before each save: no rebuild, no reload for it."""
    batches: list[list[Path]] = []
    watcher = Watcher([tmp_path], batches.append)
    watcher.start()
    try:
        assert watcher.ready.wait(timeout=30)
        probe = tmp_path / "4913"
        probe.write_text("", encoding="utf-8")
        save(tmp_path / "calgary.yaml", "city: Calgary\n")
        wait_for(lambda: batches, CHANGE_TIMEOUT, "the save to be seen")
        probe.unlink()
        save(tmp_path / "beijing.yaml", "city: Beijing\n")
        wait_for(lambda: any(p.name == "beijing.yaml" for b in batches for p in b),
                 CHANGE_TIMEOUT, "the second save to be seen")
    finally:
        watcher.stop()
        watcher.join(timeout=10)
    assert sorted(p.name for b in batches for p in b) == ["beijing.yaml", "calgary.yaml"]


def test_a_stop_saved_under_a_typo_can_be_renamed(make_site: Callable[..., Path]) -> None:
    """serve does not publish: a stop saved as calgray.yaml and renamed is no 'published URL
    would disappear' error, and content/published-urls.txt is never written by serve."""
    content = make_site()
    urls = content / "published-urls.txt"
    before = urls.read_bytes()
    server = ServeProcess(content)
    try:
        server.wait_ready()
        season = content / "seasons" / "2003-04"
        typo = season / "calgray.yaml"
        save(typo, (season / "calgary.yaml").read_text(encoding="utf-8").replace(
            "city: Calgary", "city: Edmonton"))
        server.wait_state(lambda st: server.request("/seasons/2003-04/calgray/")[0] == 200,
                          "the new stop's page")
        typo.rename(season / "edmonton.yaml")
        server.wait_state(lambda st: server.request("/seasons/2003-04/edmonton/")[0] == 200,
                          "the renamed stop's page")
        assert server.state()["error"] is None
        assert server.request("/seasons/2003-04/calgray/")[0] == 404
        assert urls.read_bytes() == before
    finally:
        server.close()


def test_build_allow_removal_in_another_terminal_clears_the_error(
        make_site: Callable[..., Path], tmp_path: Path) -> None:
    """A published stop deleted while serving: the build fails and says to build with
    --allow-removal; once that is done in another terminal, serve picks the new list up."""
    content = make_site()
    server = ServeProcess(content)
    try:
        server.wait_ready()
        (content / "seasons" / "2003-04" / "bormio.yaml").unlink()
        server.wait_state(lambda st: bool(st["error"]) and "bormio" in str(st["error"]),
                          "the published-URL error")
        done = subprocess.run(
            [sys.executable, str(ROOT / "build.py"), "build", "--content", str(content),
             "--out", str(tmp_path / "public"), "--allow-removal"],
            cwd=ROOT, capture_output=True, text=True, timeout=120,
        )
        assert done.returncode == 0, done.stderr
        server.wait_state(lambda st: st["error"] is None, "the error to clear")
        assert server.request("/seasons/2003-04/bormio/")[0] == 404
    finally:
        server.close()


def test_a_renamed_season_folder_is_one_message_in_the_overlay(
        make_site: Callable[..., Path]) -> None:
    """The URLs a renamed season folder would drop are one message (how many, what to do),
    as in the terminal of `build`; renaming it back clears the error."""
    content = make_site()
    server = ServeProcess(content)
    try:
        server.wait_ready()
        folder = content / "seasons" / "2003-04"
        folder.rename(folder.with_name("2004-05"))
        state = server.wait_state(lambda st: bool(st["error"]), "the published-URL error")
        lost = [p for p in state["error"]["problems"] if p["code"] == "published"]
        assert len(lost) == 1, [p["message"] for p in lost]
        m = re.match(r"(\d+) published URLs would disappear without a redirect", lost[0]["message"])
        assert m and int(m.group(1)) > 20, lost[0]["message"]
        assert "2004-05" in lost[0]["message"] and "--allow-removal" in lost[0]["message"]
        folder.with_name("2004-05").rename(folder)
        server.wait_state(lambda st: st["error"] is None, "the error to clear")
    finally:
        server.close()


def test_a_save_that_changes_nothing_reloads_no_page(make_site: Callable[..., Path]) -> None:
    """Saving a file unchanged rebuilds nothing: open pages are not reloaded (the build token
    stays) and the terminal says so; a real edit still reloads them."""
    content = make_site()
    server = ServeProcess(content)
    try:
        token = server.wait_ready()["build"]
        calgary = content / "seasons" / "2003-04" / "calgary.yaml"
        text = calgary.read_text(encoding="utf-8")
        save(calgary, text)
        wait_for(lambda: "nothing changed, open pages stay" in server.output, CHANGE_TIMEOUT,
                 "the no-change build")
        assert server.state()["build"] == token
        save(calgary, text.replace("city: Calgary\n", "city: Calgary\nrink: Olympic Oval\n"))
        server.wait_state(lambda st: st["build"] != token, "a reload for the real edit")
    finally:
        server.close()


def test_a_skater_removed_while_results_name_him_is_an_error_per_result(
        make_site: Callable[..., Path]) -> None:
    """Deleting a skater from skaters.yaml: one located error per result naming him, in the
    terminal and the overlay; his page stays served; restoring the entry clears it."""
    content = make_site()
    registry = content / "skaters.yaml"
    original = registry.read_text(encoding="utf-8")
    start = original.index("- slug: lee-seung-jae")
    end = original.index("\n- slug:", start) + 1
    expected = {
        (stop.name, number, line.index("lee-seung-jae") + 1)
        for stop in sorted((content / "seasons").rglob("*.yaml"))
        for number, line in enumerate(stop.read_text(encoding="utf-8").splitlines(), 1)
        if "skater: lee-seung-jae" in line
    }
    assert len(expected) > 1
    server = ServeProcess(content)
    try:
        good = server.wait_ready()["build"]
        save(registry, original[:start] + original[end:])
        state = server.wait_state(
            lambda st: bool(st["error"]) and all("unknown skater 'lee-seung-jae'" in p["message"]
                                                 for p in st["error"]["problems"]),
            "the unknown-skater errors")
        problems = state["error"]["problems"]
        assert {(Path(p["file"]).name, p["line"], p["col"]) for p in problems} == expected
        assert all(p["source"] for p in problems)
        assert state["build"] == good
        assert server.request("/skaters/lee-seung-jae/")[0] == 200  # the last good site
        wait_for(lambda: "still serving the last good site" in server.output, CHANGE_TIMEOUT,
                 "the failure in the terminal")
        for name, line, col in expected:
            assert f"{name}:{line}:{col}: error: unknown skater" in server.output
        save(registry, original)
        server.wait_state(lambda st: st["error"] is None and st["build"] != good,
                          "the error to clear and pages to reload")
        assert "Traceback" not in server.output
    finally:
        server.close()


def test_two_open_pages_both_see_the_error_and_both_reload_after_the_fix(
        make_site: Callable[..., Path]) -> None:
    """Two pages listening to /__livereload: a bad save shows the error on both (the last good
    build stays current), the fix sends both a new build token, so both reload."""
    content = make_site()
    calgary = content / "seasons" / "2003-04" / "calgary.yaml"
    original = calgary.read_text(encoding="utf-8")
    server = ServeProcess(content)
    pages: list[EventStream] = []
    try:
        server.wait_ready()
        pages += [EventStream(server.port), EventStream(server.port)]
        good = {page.next_state(lambda st: True)["build"] for page in pages}
        assert len(good) == 1
        save(calgary, original.replace("city: Calgary", "city: [Calgary", 1))
        for page in pages:
            state = page.next_state(lambda st: st["error"] is not None)
            assert state["build"] in good
            assert "calgary.yaml:" in state["error"]["problems"][0]["text"]
        save(calgary, original)
        for page in pages:
            state = page.next_state(lambda st: st["error"] is None)
            assert state["build"] not in good, "each page reloads"
    finally:
        for page in pages:
            page.close()
        server.close()


def test_data_warnings_are_said_when_they_change(make_site: Callable[..., Path]) -> None:
    """A save that makes a warning (a link to no page in a season's intro) prints it with its
    place while the site is served; the next save that leaves it prints nothing again; fixing
    it says so."""
    content = make_site()
    intro = content / "seasons" / "2003-04" / "intro.md"
    text = intro.read_text(encoding="utf-8")
    warning = f"{intro}:{len(text.splitlines()) + 2}:11: warning: link to /skaters/nobody/"
    server = ServeProcess(content)
    try:
        server.wait_ready()
        save(intro, text + "\nSee [him](/skaters/nobody/).\n")
        wait_for(lambda: "1 warning" in server.output, CHANGE_TIMEOUT, "the warning")
        line = next(x for x in server.output.splitlines() if 'warning: link' in x)
        assert line.startswith(warning), line
        save(intro, text + "\nSee [him](/skaters/nobody/) again.\n")
        wait_for(lambda: server.output.count("files:") >= 3, CHANGE_TIMEOUT, "the next build")
        assert server.output.count(warning) == 1
        save(intro, text)
        wait_for(lambda: "no more warnings" in server.output, CHANGE_TIMEOUT, "the fix")
    finally:
        server.close()
