"""The skater index files people by family name, men and women separable, in a real browser."""

from __future__ import annotations

from typing import Any

import pytest

from site_gen.model.site import Skater
from site_gen.model.sort_names import default_sort_name, index_letter, sort_key

from .conftest import browser_page


@pytest.mark.parametrize("name, expected", [
    ("Charles Hamelin", "Hamelin, Charles"),
    ("Apolo Anton Ohno", "Ohno, Apolo Anton"),
    ("Jean-François Monette", "Monette, Jean-François"),
    ("Itzhak de Laat", "Laat, Itzhak de"),
    ("Jens van 't Wout", "Wout, Jens van 't"),
    ("Sjinkie van der Berg", "Berg, Sjinkie van der"),
    ("Cher", "Cher"),
])
def test_default_sort_name(name: str, expected: str) -> None:
    assert default_sort_name(name) == expected


def test_registry_sort_name_wins() -> None:
    wang = Skater("wang-meng", "Wang Meng", "CHN", "women", sort_name="Wang, Meng")
    assert index_letter(wang) == "W"
    assert index_letter(Skater("wang-meng", "Wang Meng", "CHN")) == "M"  # the default: last word
    bedard = Skater("eric-bedard", "Éric Bédard", "CAN")
    assert index_letter(bedard) == "B" and sort_key(bedard)[0].startswith("bedard")


ORDER = ["Ahn Hyun-soo", "Charles Hamelin", "Li Jiajun", "Jean-François Monette",
         "Apolo Anton Ohno", "Wang Meng"]
LETTERS = {"Ahn Hyun-soo": "A", "Charles Hamelin": "H", "Li Jiajun": "L",
           "Jean-François Monette": "M", "Apolo Anton Ohno": "O", "Wang Meng": "W"}


def _visible(pg: Any) -> list[tuple[str, str]]:
    """(name, letter heading) of every skater shown, in reading order."""
    return pg.eval_on_selector_all(".skater-list li", """els => els
        .filter(li => li.offsetParent !== null)
        .map(li => [li.querySelector('a').textContent.trim(),
                    li.closest('section').querySelector('h2').textContent.trim()])""")


@pytest.mark.parametrize("width", [375, 1280])
def test_index_by_family_name_and_gender(chromium_browser: Any, site_url: str, width: int) -> None:
    with browser_page(chromium_browser, width, 900) as pg:
        pg.goto(site_url + "skaters/")
        shown = _visible(pg)
        names = [n for n, _ in shown]
        assert [n for n in names if n in ORDER] == ORDER
        assert {n: letter for n, letter in shown if n in LETTERS} == LETTERS
        assert all(pg.locator(f".az a[href='#letter-{x}']").is_visible() for x in "AHLMOW")

        pg.get_by_label("Women", exact=True).check()
        women = [n for n, _ in _visible(pg)]
        assert "Wang Meng" in women and "Choi Eun-kyung" in women
        assert not {"Ahn Hyun-soo", "Charles Hamelin", "Apolo Anton Ohno"} & set(women)
        assert not pg.locator("#letter-O").is_visible()  # no woman under O: its letter goes too
        assert not pg.locator(".az a[href='#letter-O']").is_visible()

        pg.get_by_label("Men", exact=True).check()
        men = [n for n, _ in _visible(pg)]
        assert [n for n in men if n in ORDER] == [n for n in ORDER if n != "Wang Meng"]
        assert not {"Wang Meng", "Choi Eun-kyung"} & set(men)

        pg.get_by_label("All", exact=True).check()
        assert len(_visible(pg)) == len(shown) == len(men) + len(women)
