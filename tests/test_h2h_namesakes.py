"""Head to head with two skaters of one name (namesakes, told apart by their slugs): a link
opens the skaters it names, each shown by name and nation; the bare shared name finds neither."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .conftest import browser_page, served_files

FILES = {
    "site.yaml": 'title: "Namesakes"\n',
    "nations.yaml": "KOR: South Korea\nCHN: China\nCAN: Canada\n",
    "skaters.yaml": "- {slug: kim-kor, name: Kim Min-jung, nation: KOR, gender: women,"
                    " namesakes: [kim-chn, kim-kor-2]}\n"
                    "- {slug: kim-chn, name: Kim Min-jung, nation: CHN, gender: women}\n"
                    "- {slug: kim-kor-2, name: Kim Min-jung, nation: KOR, gender: women}\n"
                    "- {slug: anna, name: Anna Roy, nation: CAN, gender: women}\n",
    "seasons/2003-04/season.yaml": 'title: "2003–04"\n',
    "seasons/2003-04/calgary.yaml": """city: Calgary
nation: CAN
races:
  - date: 2003-10-17
    category: women
    distance: 500m
    results:
      - {place: 1, skater: kim-chn}
      - {place: 2, skater: anna}
      - {place: 3, skater: kim-kor}
  - date: 2003-10-18
    category: women
    distance: 1500m
    results:
      - {place: 1, skater: kim-kor-2}
      - {place: 2, skater: kim-kor}
  - date: 2003-10-18
    category: women
    distance: 1000m
    results:
      - {place: 1, skater: anna}
      - {place: 2, skater: kim-chn}
""",
}


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with served_files(tmp_path_factory.mktemp("namesakes"), FILES) as origin:
        yield origin.rstrip("/")


def _result(pg) -> tuple[list[str], str]:  # type: ignore[no-untyped-def]
    # the answer: a table, or an error ('Loading…' comes first)
    pg.locator("#h2h-result table, #h2h-result p.error").first.wait_for()
    inputs = [pg.locator(f"#h2h input[name={n}]").input_value() for n in "ab"]
    return inputs, pg.locator("#h2h-result").inner_text()


def test_a_link_opens_the_namesake_it_names(chromium_browser, url: str) -> None:
    with browser_page(chromium_browser, 1280, 900) as pg:
        pg.goto(f"{url}/head-to-head/?a=kim-chn&b=anna")
        inputs, text = _result(pg)
        assert inputs == ["Kim Min-jung (CHN)", "Anna Roy"]
        assert "met on the podium 2 times" in text, text  # the CHN skater twice, the KOR one once
        pg.goto(f"{url}/head-to-head/?a=kim-kor&b=kim-chn")
        inputs, text = _result(pg)
        assert inputs == ["Kim Min-jung (KOR, kim-kor)", "Kim Min-jung (CHN)"]
        assert "different" not in text and "met on the podium 1 time" in text, text


def test_the_shared_name_alone_asks_which_one(chromium_browser, url: str) -> None:
    with browser_page(chromium_browser, 1280, 900) as pg:
        pg.goto(f"{url}/head-to-head/")
        pg.fill("#h2h input[name=a]", "Kim Min-jung")
        pg.fill("#h2h input[name=b]", "Anna Roy")
        pg.locator("#h2h button").click()
        _inputs, text = _result(pg)
        assert "Kim Min-jung is the name of 3 skaters" in text, text


def test_namesakes_of_one_nation_are_told_apart_by_their_slug(chromium_browser, url: str) -> None:
    """Two Kim Min-jungs of KOR: the list offers each once with its slug, and either label
    picked from it compares the skater it names."""
    with browser_page(chromium_browser, 1280, 900) as pg:
        pg.goto(f"{url}/head-to-head/")
        options = pg.eval_on_selector_all("#h2h-skaters option", "os => os.map(o => o.value)")
        assert sorted(o for o in options if o.startswith("Kim")) == [
            "Kim Min-jung (CHN)", "Kim Min-jung (KOR, kim-kor)", "Kim Min-jung (KOR, kim-kor-2)"]
        pg.fill("#h2h input[name=a]", "Kim Min-jung (KOR, kim-kor-2)")
        pg.fill("#h2h input[name=b]", "Kim Min-jung (KOR, kim-kor)")
        pg.locator("#h2h button").click()
        _inputs, text = _result(pg)
        assert "met on the podium 1 time" in text and "is the name of" not in text, text
        assert "a=kim-kor-2&b=kim-kor" in pg.url
