"""Issue 18 (part A): the champions first, one collapsed block of source notes, the sources
credited on the pages and in every download, the card and its links.

The real content/ is built once (``built_site``); pages are looked at in Chromium at 375 and
1280 px."""

from __future__ import annotations

import csv
import html as htmllib
import io
import json
import re
from pathlib import Path

import pytest

from site_gen.engine.build import build_site
from site_gen.load.site_loader import collect_site

from .conftest import browser_page, static_server

SEASON = "seasons/2003-04"
ARTICLE = "https://en.wikipedia.org/wiki/2003%E2%80%9304_ISU_Short_Track_Speed_Skating_World_Cup"


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def text(markup: str) -> str:
    return re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", " ", markup))).strip()


@pytest.fixture(scope="module")
def served(built_site: Path):
    with static_server(built_site) as url:
        yield url


@pytest.mark.parametrize("width", [375, 1280])
def test_season_page_opens_with_its_champions(chromium_browser, served: str, width: int) -> None:
    with browser_page(chromium_browser, width, 900) as pg:
        pg.goto(f"{served}/{SEASON}/")
        heads = pg.locator("h2").all_inner_texts()
        assert heads.index("World Cup champions") < heads.index("Calendar")
        champs = pg.locator(".champions")
        men, women = champs.locator("dl").all()
        overall = men.locator("dd.overall")
        assert overall.locator("span").first.inner_text() == "Overall"
        link = overall.locator("a[href$='/skaters/ahn-hyun-soo/']")
        assert link.inner_text() == "Ahn Hyun-soo"
        assert women.locator("dd.overall a[href$='/skaters/choi-eun-kyung/']").count() == 1
        # overall, then 500m, 1000m, 1500m, relay: as season.yaml's standings give them
        assert men.locator("dd > span:first-child").all_inner_texts() == [
            "Overall", "500m", "1000m", "1500m", "5000m relay"]
        assert "Li Jiajun" in men.inner_text() and "China" in men.inner_text()
        # in view on arrival, above the fold of a phone too, before the first stop
        box = link.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 900
        calendar = pg.locator("section.stop").first.bounding_box()
        assert calendar is not None and box["y"] < calendar["y"]
        assert pg.evaluate("document.documentElement.scrollWidth") <= width


def test_champions_come_from_the_official_standings(make_site, tmp_path: Path) -> None:
    """Swapping the overall standings' first two changes the champion; a season without
    standings says it has none (never computed from podium counts)."""
    content = make_site()
    meta = content / SEASON / "season.yaml"
    yaml = meta.read_text(encoding="utf-8")
    swapped = yaml.replace("- {place: 1, skater: ahn-hyun-soo}\n        - {place: 2, skater: "
                           "song-suk-woo}", "- {place: 1, skater: song-suk-woo, points: 4321}\n"
                           "        - {place: 2, skater: ahn-hyun-soo}")
    assert swapped != yaml
    meta.write_text(swapped, encoding="utf-8")
    out = tmp_path / "out"
    build_site(content, out, jobs=1)
    season = read(out, f"{SEASON}/index.html")
    men = re.search(r'<div class="grid-2 champions">\s*<dl>.*?</dl>', season, re.S)
    assert men is not None
    overall = re.search(r'<dd class="overall">.*?</dd>', men.group(0), re.S)
    assert overall is not None and "Song Suk-woo" in overall.group(0)
    assert "4321 pts" in text(overall.group(0))
    assert "Song Suk-woo" in text(re.search(r'<dd class="overall">.*?</dd>',
                                            read(out, "index.html"), re.S).group(0))
    meta.write_text(yaml[:yaml.index("standings:")], encoding="utf-8")
    out2 = tmp_path / "out2"
    build_site(content, out2, jobs=1)
    season = read(out2, f"{SEASON}/index.html")
    assert 'champions">' not in season
    assert "No official World Cup standings are recorded for 2003–04" in text(season)
    assert "No official World Cup standings are recorded" in text(read(out2, "index.html"))


def test_home_page_shows_the_latest_champions(built_site: Path) -> None:
    home = read(built_site, "index.html")
    champs = re.search(r'<div class="grid-2 champions">.*?</div>', home, re.S)
    assert champs is not None
    overall = re.findall(r'<dd class="overall">(.*?)</dd>', champs.group(0), re.S)
    assert [text(o) for o in overall] == ["Overall KOR Ahn Hyun-soo",
                                         "Overall KOR Choi Eun-kyung"]


@pytest.mark.parametrize("page", ["beijing/", "", "women/3000m-relay/", "standings/"])
def test_each_note_once_in_one_collapsed_block(built_site: Path, page: str) -> None:
    html = read(built_site, f"{SEASON}/{page}index.html")
    blocks = re.findall(r'<details class="source-notes".*?</details>', html, re.S)
    assert len(blocks) == 1
    notes = re.findall(r'<li id="note-(\d+)">(.*?)</li>', blocks[0], re.S)
    assert re.search(r"<summary>Source notes \((\d+)\)</summary>", blocks[0]).group(1) == \
        str(len(notes))
    bodies = [text(body).split(" Applies to:")[0] for _, body in notes]
    assert len(bodies) == len(set(bodies)) > 0  # one note per fact
    assert "<details class=\"source-notes\" id=\"source-notes\" open" not in html  # collapsed
    outside = html.replace(blocks[0], "")
    for number, _ in notes:  # each note marks what it applies to, nowhere repeated
        assert f'href="#note-{number}"' in outside
    for body in bodies:
        assert text(body)[:60] not in text(outside)


def test_beijing_says_its_inferred_dates_once_and_marks_each_race(built_site: Path) -> None:
    html = read(built_site, f"{SEASON}/beijing/index.html")
    block = re.search(r'<details class="source-notes".*?</details>', html, re.S).group(0)
    assert text(block).count("dates every women's race in Beijing") == 1
    assert "Applies to: Women 500m; Women 1000m; Women 3000m; Women 3000m relay." in text(block)
    rows = re.findall(r"<tr>.*?</tr>", html.replace(block, ""), re.S)
    marked = [r for r in rows if 'href="#note-1"' in r]
    assert len(marked) == 4 and all("date inferred" in text(r) for r in marked)  # inline too


@pytest.mark.parametrize("width", [375, 1280])
def test_source_notes_stay_closed_until_asked(chromium_browser, served: str, width: int) -> None:
    with browser_page(chromium_browser, width, 800) as pg:
        pg.goto(f"{served}/{SEASON}/standings/")
        notes = pg.locator("details.source-notes")
        assert notes.count() == 1
        summary = notes.locator("summary")
        assert summary.inner_text() == "Source notes (1)"
        assert not notes.locator("li").first.is_visible()
        assert summary.bounding_box()["height"] < 60  # one line, not a screen of boxes
        pg.locator('caption a[href^="#note-"]').first.click()  # a mark opens the note it names
        assert notes.locator("li#note-1").is_visible()
        assert "Choi Eun-kyung as CAN" in notes.inner_text()
        assert "Women 1000m; Women 1500m; Women overall" in notes.inner_text()


def test_about_and_season_page_credit_the_article(built_site: Path) -> None:
    about = read(built_site, "about/index.html")
    assert f'href="{ARTICLE}"' in about and "CC BY-SA 4.0" in about
    assert "sources/" in about
    season = re.search(r'<p class="sources">.*?</p>', read(built_site, f"{SEASON}/index.html"),
                       re.S).group(0)
    assert f'href="{ARTICLE}"' in season
    assert 'rel="license"' in season and "creativecommons.org/licenses/by-sa/4.0/" in season


def _csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline=""))
    return list(reader.fieldnames or ()), list(reader)


def test_every_download_carries_source_and_licence(built_site: Path) -> None:
    csvs = sorted(built_site.rglob("*.csv"))
    assert len(csvs) > 40
    for path in csvs:
        header, rows = _csv(path)
        assert header[-2:] == ["source", "licence"], path
        assert all(r["source"] == ARTICLE and r["licence"] == "CC BY-SA 4.0"
                                   and None not in r for r in rows), path  # no stray row or cell
        # (a table without rows, a nation without relays, has nothing to credit)
    assert sum(1 for p in csvs if _csv(p)[1]) > 40
    jsons = sorted((built_site / "api").rglob("*.json"))
    assert len(jsons) > 30
    for path in jsons:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["sources"] == [{
            "title": "2003–04 ISU Short Track Speed Skating World Cup (English Wikipedia)",
            "url": ARTICLE, "licence": "CC BY-SA 4.0",
            "licence_url": "https://creativecommons.org/licenses/by-sa/4.0/"}], path


def test_sources_are_validated(make_site) -> None:
    content = make_site()
    meta = content / SEASON / "season.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace(
        "    licence: CC BY-SA 4.0\n", "    licence: CC BY-SA 4.0\n    licensee: me\n"
        "  - {title: Notes, url: ftp://example.org/x}\n"), encoding="utf-8")
    site, out = collect_site(content)
    messages = [f"{p.file}:{p.line}: {p.message}" for p in out.errors]
    assert site is None
    assert any("unknown field 'licensee' in a source" in m and "season.yaml:" in m
               for m in messages), messages
    assert any("must start with https:// or http://" in m for m in messages), messages
    assert any("a source is missing 'licence'" in m for m in messages), messages


def test_site_url_makes_a_default_build_absolute(make_site, tmp_path: Path) -> None:
    content = make_site({"site.yaml": 'title: "Url test"\nurl: https://stats.example.org/wc\n'})
    out = tmp_path / "out"
    build_site(content, out, jobs=1)  # no base URL given: site.yaml's
    page = read(out, "skaters/ahn-hyun-soo/index.html")
    assert ('<meta property="og:url" content="https://stats.example.org/wc/skaters/'
            'ahn-hyun-soo/">') in page
    oembed = json.loads(read(out, "skaters/ahn-hyun-soo/oembed.json"))
    assert 'src="https://stats.example.org/wc/skaters/ahn-hyun-soo/card/?theme=light"' in \
        oembed["html"]
    given = tmp_path / "given"
    build_site(content, given, base_url="/", jobs=1)  # an explicit base URL wins
    assert 'content="/skaters/ahn-hyun-soo/"' in read(given, "skaters/ahn-hyun-soo/index.html")
    bad = make_site({"site.yaml": "url: example.org/stats\n"})
    site, problems = collect_site(bad)
    assert site is None and any("site.yaml" in p.file and p.line == 1 and "'url'" in p.message
                                for p in problems.errors)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_card_theme_is_chosen_by_the_snippet(chromium_browser, served: str, scheme: str) -> None:
    context = chromium_browser.new_context(viewport={"width": 360, "height": 270},
                                           color_scheme=scheme)
    try:
        pg = context.new_page()
        colours = {}
        for theme in ("", "?theme=light", "?theme=dark"):
            pg.goto(f"{served}/skaters/ahn-hyun-soo/card/{theme}")
            colours[theme] = pg.evaluate("getComputedStyle(document.body).backgroundColor")
        assert colours[""] == colours["?theme=light"] == "rgb(255, 255, 255)"  # not the reader's
        assert colours["?theme=dark"] != colours["?theme=light"]
        icon = pg.locator("link[rel=icon]").get_attribute("href")
        assert pg.request.get(f"{served}{icon}").ok  # the card page has a favicon
    finally:
        context.close()
