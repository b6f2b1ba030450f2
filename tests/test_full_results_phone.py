"""Full results on a 360 px phone: one compact row a result, read in order.

The auditor's stop: a men's 1500m of 32 skaters with times, gaps, a tie, a place with a status
('4 YC'), penalties, a DNF, a DQ and notes — the Note column once took the width and squeezed the
Skater column to about 60 px ('Lee / Seung- / jae') — and a relay with its members and a note.
The phone and desktop pages and the layout checks are those of test_tables_browser.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from . import test_tables_browser as tables
from .conftest import served_files

FIRST = ["Lee", "Kim", "Park", "Choi", "Jung", "Liu", "Wang", "Zhang", "Hamelin", "Dubois",
         "Kowalczyk", "Vanderbilt", "Novak", "Rossi", "Schmidt", "Tremblay"]
GIVEN = ["Seung-jae", "Min-ho", "Ji-won", "Yoon-seo", "Hyun-woo", "Charles", "Maximilian",
         "Jean-Baptiste"]
NATIONS = ["KOR", "CHN", "CAN", "NED", "ITA", "USA", "JPN", "HUN"]
# (slug, name, nation): 32 men; the first is the auditor's Lee Seung-jae
MEN = [(f"s{i:02d}", f"{FIRST[i % 16]} {GIVEN[(i * 3 + i // 16) % 8]}", NATIONS[i % 8])
       for i in range(32)]
NOTES = {2: "advanced by the referee after a collision in the semi-final",
         4: "yellow card: impeding", 9: "fell on the last lap",
         29: "lane change in the final straight"}


def _result(i: int, slug: str) -> str:
    """Places 1–28 with a tie at 5th, '4 YC'; then PEN, PEN, DNF, DQ; a note now and then."""
    fields = [f"skater: {slug}"]
    if i < 28:
        place = 5 if i == 5 else i + 1  # two skaters 5th, then 7th…
        fields.insert(0, f"place: {place}")
        ms = 135_000 + 421 * i  # 2:15.000, 2:15.421…
        fields.append(f'time: "{ms // 60_000}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"')
        if i == 3:
            fields.append("status: YC")
    else:
        fields.append("status: " + ["PEN", "PEN", "DNF", "DQ"][i - 28])
        if i == 28:
            fields.append('time: "2:31.004"')
    if i in NOTES:
        fields.append(f'note: "{NOTES[i]}"')
    return "      - {" + ", ".join(fields) + "}"


def _relay() -> str:
    lines = ["  - date: 2012-11-04\n    category: men\n    distance: 5000m relay\n    results:"]
    for place, nat in enumerate(NATIONS[:4], 1):
        members = ", ".join(s for s, _, n in MEN if n == nat)
        note = ', note: "advanced by the referee"' if place == 4 else ""
        lines.append(f'      - {{place: {place}, team: {nat}, time: "6:4{place}.{place}21", '
                     f"members: [{members}]{note}}}")
    return "\n".join(lines) + "\n"


FILES = {
    "site.yaml": 'title: "Full results test"\n',
    "nations.yaml": "KOR: South Korea\nCHN: China\nCAN: Canada\nNED: Netherlands\nITA: Italy\n"
                    "USA: United States\nJPN: Japan\nHUN: Hungary\n",
    "skaters.yaml": "".join(f"- slug: {s}\n  name: {n}\n  nation: {t}\n  gender: men\n"
                            for s, n, t in MEN),
    "seasons/2012-13/season.yaml": 'title: "2012–13 World Cup"\nstart: 2012-11-02\n'
                                   "end: 2012-11-04\n",
    "seasons/2012-13/seoul.yaml": "city: Seoul\nnation: KOR\nclassification: full\nraces:\n"
                                  "  - date: 2012-11-03\n    category: men\n    distance: 1500m\n"
                                  "    results:\n"
                                  + "\n".join(_result(i, s) for i, (s, _, _) in enumerate(MEN))
                                  + "\n" + _relay(),
}
STOP, RACE = "seasons/2012-13/seoul/", "Men 1500m — full results"


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with served_files(tmp_path_factory.mktemp("full-results"), FILES) as origin:
        yield origin



# each result of a race as a reader sees it: per row, the text of each cell that has one, where
# that text lies (the box round its lines) and on how many lines the skater's or team's name is
CARDS = """caption => {
  const t = [...document.querySelectorAll('table')].find(
    t => t.caption && t.caption.textContent.trim() === caption);
  return [...t.tBodies[0].rows].map(row => [...row.cells].filter(c => c.textContent.trim())
    .map(c => { const r = document.createRange(); r.selectNodeContents(c);
      const b = r.getBoundingClientRect(), name = c.querySelector(':scope > a');
      return {text: c.textContent.trim().replace(/\\s+/g, ' '), visible: c.checkVisibility(),
              left: b.left, right: b.right, top: b.top, bottom: b.bottom,
              lines: name ? new Set([...name.getClientRects()].map(x => Math.round(x.top))).size
                          : 0}; })); }"""


def _apart(a: dict, b: dict) -> bool:
    return (a["right"] <= b["left"] + 0.5 or b["right"] <= a["left"] + 0.5
            or a["bottom"] <= b["top"] + 0.5 or b["bottom"] <= a["top"] + 0.5)


@pytest.mark.parametrize("caption", [RACE, "Men 5000m relay — full results"])
def test_a_result_reads_as_one_card_on_a_phone(phone, url: str, caption: str) -> None:
    """Place and name on the first line, the name whole on it (not 'Lee / Seung- / jae'), time
    and gap together under it, the note on a line of its own below: every fact in view, in the
    order of the row, nothing on anything else, no sideways scrolling."""
    phone.goto(url + STOP)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    rows = phone.evaluate(CARDS, caption)
    assert len(rows) == (32 if caption == RACE else 4)
    for cells in rows:
        assert all(c["visible"] and 0 <= c["left"] and c["right"] <= 360 for c in cells), cells
        assert all(_apart(a, b) for i, a in enumerate(cells) for b in cells[i + 1:]), cells
        place, name, *rest = cells
        assert name["lines"] == 1, name  # each name shown whole on one line
        assert place["right"] <= name["left"] and abs(place["top"] - name["top"]) < 4
        # the rest of the row (time, gap, note) under the name, in the row's order
        assert all(c["top"] >= name["bottom"] - 0.5 for c in rest), cells
        times = [c for c in rest if re.fullmatch(r"\+?[\d:.]+", c["text"])]
        notes = rest[len(times):]
        if len(times) == 2:  # time and gap on one line, the gap after the time
            assert abs(times[0]["top"] - times[1]["top"]) < 2
            assert times[0]["right"] < times[1]["left"]
        for note in notes:
            assert all(note["top"] >= t["bottom"] - 0.5 for t in times), cells
            assert note["left"] == pytest.approx(name["left"], abs=1)  # under the name, wide
    texts = [[c["text"] for c in cells] for cells in rows]
    if caption == RACE:
        lee = texts[0]
        assert lee == ["1", "KOR Lee Seung-jae", "2:15.000"]
        assert texts[3][0] == "4 YC" and [t[0] for t in texts[4:6]] == ["5", "5"]
        assert texts[2][-1] == NOTES[2] and texts[29][-1] == NOTES[29]
        assert [t[0] for t in texts[-4:]] == ["PEN", "PEN", "DNF", "DQ"]
    else:
        assert texts[3][-1] == "advanced by the referee"
        under = phone.eval_on_selector_all(  # each team's members under its name
            "table:has(caption:text('relay')) .members", """ms => ms.map(m =>
            m.getBoundingClientRect().top >= m.previousElementSibling.getBoundingClientRect()
            .bottom - 0.5)""")
        assert under == [True] * 4


def test_full_results_fit_and_keep_words_whole_on_a_phone(phone, url: str) -> None:
    boxes = [b for b in tables._boxes(phone, STOP, url) if "full results" in b["caption"]]
    assert len(boxes) == 2
    tables._fit(boxes)
    assert phone.evaluate(tables.SPLIT_WORDS) == []


def test_full_results_sort_on_a_phone(phone, url: str) -> None:
    """The header is one row of sort buttons above the cards; a card keeps its layout sorted."""
    phone.goto(url + STOP)
    table = phone.locator(f"table:has(caption:text-is('{RACE}'))")
    heads = table.locator("thead th")
    assert heads.all_text_contents() == ["Place", "Skater", "Time", "Gap", "Note"]
    table.get_by_role("button", name="Gap").click()
    table.get_by_role("button", name="Gap").click()  # the biggest gap first
    first = phone.evaluate(CARDS, RACE)[0]
    _, name, nation = MEN[27]  # 28th, the last with a place
    assert [c["text"] for c in first] == ["28", f"{nation} {name}", "2:26.367", "+11.367"]


def test_desktop_full_results_stay_a_table(desktop, url: str) -> None:
    """At 1280 px nothing changes: one line a result, the note in its own column."""
    desktop.goto(url + STOP)
    rows = desktop.evaluate(CARDS, RACE)
    for cells in rows:
        assert all(c["top"] < cells[1]["bottom"] and cells[1]["top"] < c["bottom"]
                   for c in cells), cells  # each beside the name
        assert all(a["right"] < b["left"] for a, b in zip(cells, cells[1:], strict=False)), cells
    display = desktop.eval_on_selector("table.results tbody tr", "r => getComputedStyle(r).display")
    assert display == "table-row"
