"""Tables as a fan reads them, in a real browser: at 1280 px and on a 360 px phone.

A small inline site with long relay teams (four members of long names each), a penalty and a
DNF, Norway and Switzerland, and a neutral code with no flag, built once for the module.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .conftest import browser_page, served_files, static_server

LONG = ["Maximilian", "Alexandra", "Konstantin", "Wilhelmina", "Bartholomew", "Evangeline"]
FAMILY = ["Alexandersson-Kowalczyk", "Hohenzollern-Sigmaringen", "Vanderbilt-Oppenheimer"]
TEAMS = ["NOR", "SUI", "KOR", "CAN"]
# (slug, name, nation): four men a relay team, plus two women whose nation codes sort the other
# way round from their names (AIN before SUI, Zoe after Anna)
MEN = [(f"m-{t.lower()}-{i}", f"{LONG[i % 6]} {FAMILY[(i + j) % 3]}", t)
       for j, t in enumerate(TEAMS) for i in range(4)]
WOMEN = [("zoe-adams", "Zoe Adams", "AIN"), ("anna-zimmermann", "Anna Zimmermann", "SUI"),
         ("bea-kim", "Bea Kim", "KOR")]


def _relay(date: str, category: str, distance: str, teams: list[str]) -> str:
    lines = [f"  - date: {date}\n    category: {category}\n    distance: {distance}\n"
             "    results:"]
    for place, team in enumerate(teams, 1):
        members = ", ".join(s for s, _, t in MEN if t == team)
        lines.append(f'      - {{place: {place}, team: {team}, time: "6:4{place}.123", '
                     f"members: [{members}]}}")
    return "\n".join(lines) + "\n"


def _individual(date: str) -> str:
    men = [s for s, _, _ in MEN]
    lines = [f"  - date: {date}\n    category: men\n    distance: 1500m\n    results:"]
    for place, slug in enumerate(men[:4], 1):
        lines.append(f'      - {{place: {place}, skater: {slug}, time: "2:1{place}.051"}}')
    lines.append(f"      - {{skater: {men[4]}, status: PEN}}")
    lines.append(f"      - {{skater: {men[5]}, status: DNF}}")
    return "\n".join(lines) + "\n"


def _women(date: str, order: list[str]) -> str:
    lines = [f"  - date: {date}\n    category: women\n    distance: 500m\n    results:"]
    for place, slug in enumerate(order, 1):
        lines.append(f'      - {{place: {place}, skater: {slug}, time: "43.{place}00"}}')
    return "\n".join(lines) + "\n"


FILES = {
    "site.yaml": 'title: "Tables test"\n',
    "nations.yaml": "NOR: Norway\nSUI: Switzerland\nKOR: South Korea\nCAN: Canada\n"
                    "AIN: Individual Neutral Athletes\n",
    "skaters.yaml": "".join(f"- slug: {s}\n  name: {n}\n  nation: {t}\n  gender: {g}\n"
                            for people, g in ((MEN, "men"), (WOMEN, "women"))
                            for s, n, t in people),
    "seasons/2010-11/season.yaml": 'title: "2010–11 World Cup"\nstart: 2010-10-22\n'
                                   "end: 2010-10-31\n",
    "seasons/2010-11/oslo.yaml": "city: Oslo\nnation: NOR\nclassification: full\nraces:\n"
                                 + _individual("2010-10-22")
                                 + _relay("2010-10-23", "men", "5000m relay", TEAMS)
                                 + _women("2010-10-23", ["zoe-adams", "anna-zimmermann",
                                                         "bea-kim"]),
    "seasons/2010-11/geneva.yaml": "city: Geneva\nnation: SUI\nclassification: full\nraces:\n"
                                   + _relay("2010-10-30", "men", "5000m relay", TEAMS[::-1])
                                   + _women("2010-10-31", ["anna-zimmermann", "bea-kim",
                                                           "zoe-adams"]),
}


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with served_files(tmp_path_factory.mktemp("tables"), FILES) as origin:
        yield origin




# every table's box: its caption, how wide the table is against its box, and whether each column
# header and each cell of the first body row lies inside the box (what a reader sees unscrolled)
BOXES = """() => [...document.querySelectorAll('.table-scroll')].map(box => {
  const t = box.querySelector('table'), r = box.getBoundingClientRect();
  const inside = c => { const b = c.getBoundingClientRect();
                        return b.width > 0 && b.left >= r.left - 1 && b.right <= r.right + 1; };
  return {caption: t.caption ? t.caption.textContent.trim() : '', scroll: box.scrollWidth,
          width: box.clientWidth, tall: box.scrollHeight - box.clientHeight,
          maxHeight: getComputedStyle(box).maxHeight,
          heads: [...t.tHead.rows[0].cells].map(c => [c.textContent.trim(), inside(c)]),
          cells: [...t.tBodies[0].rows[0].cells].map(c => [c.textContent.trim(), inside(c)])};
})"""


def _boxes(pg, path: str, url: str, ready: str | None = None) -> list[dict]:
    pg.goto(url + path)
    if ready:
        pg.locator(ready).first.wait_for()
    boxes = pg.evaluate(BOXES)
    assert boxes, path
    return boxes


def _fit(boxes: list[dict]) -> None:
    for b in boxes:
        assert b["scroll"] <= b["width"] + 1, b  # no part of the table off to the side
        assert all(inside for _, inside in b["heads"] + b["cells"]), b
        assert b["maxHeight"] == "none" and b["tall"] <= 1, b  # no scroll box inside the page


@pytest.mark.parametrize("path", ["seasons/2010-11/", "seasons/2010-11/oslo/",
                                  "seasons/2010-11/men/5000m-relay/", "leaders/",
                                  "seasons/2010-11/leaders/"])
def test_tables_fit_their_box_on_a_desktop(desktop, url: str, path: str) -> None:
    """Relay members wrap under their team instead of making a podium table three screens wide
    (Third was never in view), and a leaders table fits its half of the page (Podiums was cut)."""
    boxes = _boxes(desktop, path, url)
    _fit(boxes)
    if "relay" in path or path.endswith("oslo/"):
        lines = desktop.eval_on_selector(".members", "m => m.getClientRects().length"
                                         " && m.offsetHeight / parseFloat(getComputedStyle(m)"
                                         ".lineHeight)")
        assert lines >= 1.5  # four long names take more than one line


@pytest.mark.parametrize("path, only", [
    ("", ""), ("seasons/2010-11/", ""), ("seasons/2010-11/oslo/", ""),
    ("seasons/2010-11/men/5000m-relay/", ""), ("leaders/", ""), ("nations/nor/", ""),
    # the skaters' tallies of this site have names of 23 letters: they may scroll in their box
    # rather than break a name mid-word ('Zimmer-mann'), see test_no_word_is_split_…
    ("seasons/2010-11/standings/", "Podium places by nation"),
    ("skaters/m-nor-0/", "World Cup results of")])  # 23-letter names: see the real site below
def test_every_column_is_in_view_on_a_phone(phone, url: str, path: str, only: str) -> None:
    """At 360 px: Third on the calendar, Time and Gap of a relay's full results, Podiums of the
    tallies, Place and Time of a skater's results, without scrolling sideways."""
    boxes = [b for b in _boxes(phone, path, url) if b["caption"].startswith(only)]
    assert boxes
    _fit(boxes)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360


def test_head_to_head_shows_both_places_on_a_phone(phone, url: str) -> None:
    boxes = _boxes(phone, "head-to-head/?a=m-nor-0&b=m-sui-0", url, "#h2h-result tbody tr")
    _fit(boxes)
    heads = [h for h, _ in boxes[0]["heads"]]
    assert heads[3:5] == [n for s, n, _ in MEN if s in ("m-nor-0", "m-sui-0")]


def test_a_race_card_on_a_phone_keeps_its_podium_in_order(phone, url: str) -> None:
    """On a phone a calendar row is a card: date and race on top, then winner, second and third
    one under the other, each by its medal colour."""
    phone.goto(url + "seasons/2010-11/")
    row = phone.locator("table.podiums tbody tr").first
    cells = row.locator("td")
    boxes = [cells.nth(i).bounding_box() for i in range(5)]
    assert boxes[0]["y"] == pytest.approx(boxes[1]["y"], abs=2)  # date beside the race
    assert boxes[1]["y"] < boxes[2]["y"] < boxes[3]["y"] < boxes[4]["y"]
    dots = [cells.nth(i).evaluate("c => getComputedStyle(c, '::before').backgroundColor")
            for i in (2, 3, 4)]
    assert len(set(dots)) == 3


def _column(pg, caption: str, index: int) -> list[str]:
    return pg.eval_on_selector(
        f"table:has(caption:text('{caption}'))",
        f"t => [...t.tBodies[0].rows].map(r => r.cells[{index}].textContent.trim())")


def test_sorting_by_skater_sorts_by_name_not_nation_code(desktop, url: str) -> None:
    desktop.goto(url + "seasons/2010-11/leaders/")
    table = desktop.locator("table:has(caption:text-is('Podium places by skater, 2010–11'))")
    table.get_by_role("button", name="Skater").click()
    names = table.locator("tbody tr td:nth-child(2) a").all_text_contents()
    assert names == sorted(names, key=str.casefold)  # not AIN's Zoe Adams first
    assert names.index("Anna Zimmermann") < names.index("Bea Kim") < names.index("Zoe Adams")
    table.get_by_role("button", name="Skater").click()
    assert table.locator("tbody tr td:nth-child(2) a").all_text_contents() == names[::-1]


def test_sorting_a_race_keeps_penalties_and_dnf_last(desktop, url: str) -> None:
    desktop.goto(url + "seasons/2010-11/oslo/")
    caption = "Men 1500m — full results"
    place = desktop.locator(f"table:has(caption:text('{caption}')) thead th").first
    place.get_by_role("button").click()
    assert _column(desktop, caption, 0) == ["1", "2", "3", "4", "PEN", "DNF"]
    # an empty cell still sorts last in both directions (a DNF has no time)
    time = desktop.locator(f"table:has(caption:text('{caption}')) thead th").nth(2)
    time.get_by_role("button").click()
    time.get_by_role("button").click()
    assert _column(desktop, caption, 2)[-2:] == ["", ""]


def test_a_penalty_or_dnf_stands_in_the_place_column(phone, url: str) -> None:
    """Where a results list prints it, and spelt out for a screen reader or a mouse."""
    phone.goto(url + "seasons/2010-11/oslo/")
    caption = "Men 1500m — full results"
    rows = phone.eval_on_selector(
        f"table:has(caption:text('{caption}'))", """t => [...t.rows].map(r => [...r.cells].map(
            c => [c.textContent.trim(), c.querySelector('abbr') ? c.querySelector('abbr').title
            : null, c.getBoundingClientRect().right <= innerWidth]))""")
    head = [c[0] for c in rows[0]]
    assert head[0] == "Place" and "Note" not in head  # no column left empty
    assert [r[0][:2] for r in rows[-2:]] == [["PEN", "Penalty"], ["DNF", "Did not finish"]]
    assert all(cell[2] for r in rows for cell in r)


def test_every_world_cup_nation_has_a_flag_and_any_other_code_a_plain_badge(
        desktop, url: str) -> None:
    from site_gen.synth.tables import NATIONS

    desktop.goto(url + "seasons/2010-11/oslo/")
    nor = desktop.locator(".nat-nor").first
    assert nor.evaluate("b => getComputedStyle(b, '::before').content") == '""'
    codes = [c.lower() for c, _, _ in NATIONS] + ["xyz"]
    flags = desktop.evaluate("""codes => codes.map(code => {
        const b = document.createElement('span');
        b.className = 'nat-' + code; b.textContent = code.toUpperCase();
        document.querySelector('main').append(b);
        const f = getComputedStyle(b, '::before');
        return [code, f.content, [f.backgroundImage, f.backgroundColor, f.backgroundSize,
                f.backgroundPosition].join(' / '), b.getBoundingClientRect().width,
                f.width]; })""", codes)
    drawn = {code: image for code, content, image, _, _ in flags if content != "none"}
    assert sorted(drawn) == sorted(codes[:-1])  # NOR and SUI were grey boxes
    assert len(set(drawn.values())) == len(drawn), "two nations share a flag"
    assert "154, 163, 174" not in "".join(drawn.values())  # the old grey fallback
    code, content, _, width, _ = flags[-1]
    assert content == "none"  # an unknown code: its letters only, no empty box
    assert 20 < width < 40
    ain = desktop.locator(".results .nat-ain").first  # a neutral flag: a readable badge
    assert ain.evaluate("b => getComputedStyle(b, '::before').content") == "none"
    assert ain.text_content() == "AIN" and ain.get_attribute("title") == (
        "Individual Neutral Athletes")
    # the podium tables' badges are named once, in the page's key
    key = desktop.locator("p.key").text_content()
    assert "AIN Individual Neutral Athletes" in key


# words of headings, numbers and names rendered over more than one line ('Podiu ms', 'Budape st')
SPLIT_WORDS = """() => { const bad = [];
  for (const c of document.querySelectorAll('table.data th, table.data td')) {
    const walk = document.createTreeWalker(c, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      for (const m of n.data.matchAll(/[^\\s-]+/g)) {
        if (m[0].length > 15) continue;  // a name too long for any phone column may break
        const r = document.createRange();
        r.setStart(n, m.index); r.setEnd(n, m.index + m[0].length);
        if (new Set([...r.getClientRects()].map(x => Math.round(x.top))).size > 1) bad.push(m[0]);
      }
    }
  } return bad; }"""


@pytest.mark.parametrize("path", ["", "seasons/", "seasons/2010-11/standings/", "leaders/",
                                  "venues/", "skaters/m-nor-0/", "nations/nor/"])
def test_no_word_is_split_across_lines_on_a_phone(phone, url: str, path: str) -> None:
    """Table headings, numbers and names wrap between words, never inside one."""
    phone.goto(url + path)
    assert phone.evaluate(SPLIT_WORDS) == [], path


def test_the_served_stylesheet_has_the_same_rules_as_the_source(phone, url: str) -> None:
    """static/site.css is served without comments and layout whitespace (assets.minify_css),
    and the browser reads exactly the same rules from it as from the commented source."""
    from site_gen.render.assets import minify_css

    from .conftest import ROOT

    source = (ROOT / "static" / "site.css").read_bytes()
    served = phone.request.get(url + "static/site.css").body()
    assert served == minify_css(source) and len(served) < len(source) - 1000
    rules = """css => { const s = document.createElement('style'); s.textContent = css;
      document.head.append(s); const out = [...s.sheet.cssRules].map(r => r.cssText);
      s.remove(); return out; }"""
    phone.goto(url)
    original = phone.evaluate(rules, source.decode("utf-8"))
    assert len(original) > 100
    assert phone.evaluate(rules, served.decode("utf-8")) == original


def test_a_nations_relay_card_on_a_phone_reads_stop_race_date_then_place(phone, url: str) -> None:
    """The nation's relay results (date, stop, race, place: no time column) lay out as the
    skater's race cards: stop, race and date down the left, the place on the right."""
    phone.goto(url + "nations/nor/")
    boxes = phone.evaluate("""() => {
      const t = [...document.querySelectorAll('table')].find(
        t => t.caption && t.caption.textContent.startsWith('Relay results of'));
      return [...t.tBodies[0].rows[0].cells].map(c => {
        const b = c.getBoundingClientRect(); return [b.left, b.top, b.right]; }); }""")
    date, stop, race, place = boxes
    assert stop[0] == race[0] == date[0]  # one left column
    assert stop[1] < race[1] < date[1]  # stop, then race, then date
    assert place[0] >= race[2] - 1  # the place beside them, not over the race


def test_keyboard_focus_in_the_header_is_clearly_visible(desktop, url: str) -> None:
    """The focus ring on the dark header is the header's text colour (the page's blue accent
    was 1.9:1 against it), so a keyboard user sees where they are."""
    desktop.goto(url)
    desktop.keyboard.press("Tab")  # the skip link
    desktop.keyboard.press("Tab")
    colours = desktop.evaluate("""() => { const a = document.activeElement;
      return [a.closest('.site-header') !== null, getComputedStyle(a).outlineColor,
              getComputedStyle(document.querySelector('.site-header')).color]; }""")
    inside, outline, text = colours
    assert inside and outline == text, colours


REAL = ["", "skaters/", "nations/", "venues/", "nations/kor/", "skaters/ahn-hyun-soo/",
        "seasons/2003-04/standings/", "leaders/", "seasons/2003-04/leaders/",
        "seasons/2003-04/calgary/", "seasons/2003-04/", "venues/mlada-boleslav/",
        "seasons/2003-04/men/500m/", "nations/can/"]


def test_every_table_of_the_real_site_fits_a_phone(chromium_browser, built_site) -> None:
    """The 2003-04 site at 360 px: no table wider than its box (headings in a smaller type than
    the counts under them, so a word never has to break)."""
    with static_server(built_site) as base, browser_page(chromium_browser, 360, 800) as pg:
        for path in REAL:
            pg.goto(f"{base}/{path}")
            over = pg.evaluate("""() => [...document.querySelectorAll('table.data')]
              .filter(t => t.scrollWidth > t.parentElement.clientWidth + 1)
              .map(t => t.caption ? t.caption.textContent : '?')""")
            assert over == [], path
            assert pg.evaluate(SPLIT_WORDS) == [], path
