"""A status beside a place ('4th YC') is shown wherever the result is: the stop's full results,
the skater's results, the nation's relays and head to head; a status alone stands for the
place."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from site_gen.engine.build import build_site

from .conftest import browser_page, static_server

CAL = "seasons/2003-04/calgary.yaml"


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _site(make_site: Callable[..., Path], tmp_path: Path) -> Path:
    content = make_site()
    stop = content / CAL
    text = stop.read_text(encoding="utf-8")
    text = text.replace("{place: 3, skater: apolo-anton-ohno}\n",
                        "{place: 3, skater: apolo-anton-ohno}\n"
                        "      - {place: 4, skater: song-suk-woo, status: YC}\n"
                        "      - {skater: charles-hamelin, status: DNF}\n"
                        "    classification: full\n", 1)
    text = text.replace("{place: 3, team: KOR}", "{place: 3, team: KOR, status: YC}", 1)
    stop.write_text(text, encoding="utf-8")
    out = tmp_path / "public"
    build_site(content, out, jobs=1)
    return out


def test_a_status_beside_a_place_is_shown_everywhere(make_site, tmp_path: Path,
                                                     chromium_browser) -> None:
    out = _site(make_site, tmp_path)
    song = _text((out / "skaters/song-suk-woo/index.html").read_text(encoding="utf-8"))
    assert "4th YC" in song
    hamelin = _text((out / "skaters/charles-hamelin/index.html").read_text(encoding="utf-8"))
    assert " DNF " in hamelin
    kor = _text((out / "nations/kor/index.html").read_text(encoding="utf-8"))
    assert "3rd YC" in kor
    stop = _text((out / "seasons/2003-04/calgary/index.html").read_text(encoding="utf-8"))
    assert " 4 YC " in stop
    with static_server(out) as url, browser_page(chromium_browser, 1280, 900) as pg:
        pg.goto(f"{url}/head-to-head/?a=song-suk-woo&b=lee-seung-jae")
        pg.locator("#h2h-result tbody tr").first.wait_for()
        cells = pg.locator("#h2h-result tbody tr").first.locator("td").all_inner_texts()
        assert "4th YC" in cells and "1st" in cells, cells
