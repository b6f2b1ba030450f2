"""``once()``: a macro repeated on many pages is rendered once per distinct arguments."""

from __future__ import annotations

from dataclasses import dataclass

import jinja2
from markupsafe import Markup

from site_gen.render.renderer import Once, title


@dataclass(frozen=True)
class Item:
    name: str


def test_once_renders_each_distinct_argument_once() -> None:
    calls: list[object] = []

    def seen(x: object) -> str:
        calls.append(x)
        return ""

    env = jinja2.Environment(autoescape=True)
    env.globals.update(once=Once(), seen=seen)
    tpl = env.from_string(
        "{% macro cell(x) %}{{ seen(x) }}<td>{{ x.name or x }}</td>{% endmacro %}"
        "{% macro row(x) %}{{ seen(x) }}<tr>{{ x.name or x }}</tr>{% endmacro %}"
        "{% for x in items %}{{ once(cell, x) }}{% endfor %}|{{ once(row, items[0]) }}")
    a, b = Item("<a>"), Item("<a>")  # equal, but two objects: told apart by identity
    out = tpl.render(items=["k", "k", a, a, b, "k"])
    assert out == ("<td>k</td><td>k</td><td>&lt;a&gt;</td><td>&lt;a&gt;</td><td>&lt;a&gt;</td>"
                   "<td>k</td>|<tr>k</tr>")
    assert calls == ["k", a, b, "k"]  # strings by value; the second macro is its own entry
    assert calls[1] is a and calls[2] is b


def test_once_tells_apart_macros_of_one_name_and_equal_values_of_other_types() -> None:
    env = jinja2.Environment(autoescape=True)
    env.globals["once"] = Once()
    first = env.from_string("{% macro cell(x) %}<td>{{ x }}</td>{% endmacro %}").module
    second = env.from_string("{% macro cell(x) %}<th>{{ x }}</th>{% endmacro %}").module
    tpl = env.from_string("{% for m in mods %}{% for x in xs %}{{ once(m.cell, x) }}{% endfor %}"
                          "{% endfor %}")
    assert tpl.render(mods=[first, second], xs=[1, True, 1.0, "1"]) == (
        "<td>1</td><td>True</td><td>1.0</td><td>1</td><th>1</th><th>True</th><th>1.0</th>"
        "<th>1</th>")


def test_cached_title_filter_renders_as_jinjas() -> None:
    """A plain string and Markup with the same text, in either order: the cache never hands
    one the other's result (which would change what gets escaped)."""
    ours, builtin = jinja2.Environment(autoescape=True), jinja2.Environment(autoescape=True)
    ours.filters["title"] = title
    source = "{{ a | title }} {{ b | title }} {{ a | title }}"
    for a, b in [("<b>men</b>", Markup("<b>men</b>")), (Markup("<i>x y</i>"), "<i>x y</i>")]:
        expected = builtin.from_string(source).render(a=a, b=b)
        assert ours.from_string(source).render(a=a, b=b) == expected
        assert type(title(a)) is type(jinja2.filters.do_title(a))
