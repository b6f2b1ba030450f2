"""Hostile and broken input: limits, slugs, collisions, escaping in every output format.

Each test fails if its protection is removed (issue 8).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest

from site_gen.engine.build import build_site, prepare
from site_gen.engine.output_folder import OutputError, safe_join
from site_gen.errors import DataError, cut
from site_gen.importer.article_import import import_article
from site_gen.load.located_yaml import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    YamlProblem,
    parse_file,
    parse_text,
)
from site_gen.load.markdown import render_markdown
from site_gen.load.site_loader import load_site
from site_gen.model.slugs import MAX_SLUG

from .conftest import CONTENT, SOURCE_ARTICLE

CALGARY = (CONTENT / "seasons/2003-04/calgary.yaml").read_text(encoding="utf-8")
BEIJING = (CONTENT / "seasons/2003-04/beijing.yaml").read_text(encoding="utf-8")
SKATERS = (CONTENT / "skaters.yaml").read_text(encoding="utf-8")


def data_error(content: Path) -> str:
    """Every problem of loading + planning ``content`` as text; fails if there is none."""
    with pytest.raises(DataError) as info:
        prepare(content)
    return str(info.value)


# --- limits -----------------------------------------------------------------------------------


def test_alias_bomb_is_refused_at_the_alias() -> None:
    lol = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lol.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    with pytest.raises(YamlProblem) as info:
        parse_text("\n".join(lol) + "\n", "bomb.yaml")
    assert info.value.problem.format() == (
        "bomb.yaml:2:8: error: YAML anchors and aliases are not supported")


def test_merge_key_is_refused() -> None:
    with pytest.raises(YamlProblem, match="merge keys"):
        parse_text("a: {x: 1}\nb:\n  <<: {y: 2}\n", "merge.yaml")


@pytest.mark.parametrize("depth", [MAX_DEPTH + 5, 10_000, 200_000])
@pytest.mark.parametrize("shape", ["flow-seq", "flow-map", "block-seq"])
def test_absurd_nesting_is_refused_not_a_crash(shape: str, depth: int) -> None:
    """libyaml's composer recurses in C: 200 000 '[' used to kill the interpreter (SIGSEGV)."""
    text = {"flow-seq": "[" * depth + "]" * depth,
            "flow-map": "{a: " * depth + "1" + "}" * depth,
            "block-seq": "- " * depth + "x"}[shape]
    with pytest.raises(YamlProblem) as info:
        parse_text(text, "deep.yaml")
    problem = info.value.problem
    assert f"nesting deeper than {MAX_DEPTH} levels" in problem.message
    # at the level past the limit, whatever libyaml's own limit (PyYAML 6.0.4 refuses 1000)
    assert (problem.line, problem.col) == {"flow-seq": (1, MAX_DEPTH + 2), "flow-map": (1, 165),
                                           "block-seq": (1, 83)}[shape]


def test_nesting_at_the_limit_is_fine() -> None:
    node = parse_text("[" * 30 + "1" + "]" * 30, "ok.yaml")
    assert node.plain is not None


def test_oversized_file_is_refused_with_its_name(make_site) -> None:
    content = make_site()
    big = content / "seasons/2003-04/calgary.yaml"
    with open(big, "a", encoding="utf-8") as fh:
        fh.write("\n# " + "x" * (MAX_FILE_BYTES + 10) + "\n")
    with pytest.raises(YamlProblem, match=f"larger than {MAX_FILE_BYTES // 2**20} MiB"):
        parse_file(big, "calgary.yaml")
    assert f"calgary.yaml: error: file larger than {MAX_FILE_BYTES // 2**20} MiB" in \
        data_error(content)


def test_oversized_markdown_is_refused(make_site) -> None:
    content = make_site({"pages/about.md": "x" * (MAX_FILE_BYTES + 1)})
    assert "about.md: error: file larger than" in data_error(content)


@pytest.mark.parametrize("rel", ["pages/about.md", "seasons/2003-04/intro.md",
                                 "seasons/2003-04/calgary.yaml", "skaters.yaml"])
def test_file_that_is_not_utf8_is_an_error_with_its_name(make_site, rel: str) -> None:
    content = make_site()
    (content / rel).write_bytes(b"# caf\xe9 \xff\xfe\n")
    assert f"{rel}: error: not UTF-8 text" in data_error(content)


@pytest.mark.parametrize("value", [".inf", "-.inf", ".nan", "1e400", "12345678901234"])
def test_numbers_json_cannot_hold_are_refused(make_site, value: str) -> None:
    old = "{place: 1, skater: lee-seung-jae}"
    content = make_site({"seasons/2003-04/calgary.yaml": CALGARY.replace(
        old, old[:-1] + f", points: {value}}}", 1)})
    assert re.search(r"calgary\.yaml:9:\d+: error: 'points' must be a number",
                     data_error(content))


@pytest.mark.parametrize("escape", ["\\a", "\\x1b[31m", "\\0", "\\x85", "\\e"])
def test_control_characters_in_text_are_refused(make_site, escape: str) -> None:
    """Only reachable through YAML escapes; they would make feed.xml invalid XML."""
    content = make_site({"seasons/2003-04/calgary.yaml":
                         CALGARY.replace("city: Calgary", f'city: "Cal{escape}gary"')})
    assert re.search(r"calgary\.yaml:1:7: error: text contains the control character U\+00",
                     data_error(content))


@pytest.mark.parametrize("rel", ["seasons/2003-04/calgary.yaml", "pages/about.md",
                                 "seasons/2003-04/intro.md"])
def test_link_to_a_device_is_refused_not_read_forever(make_site, rel: str) -> None:
    content = make_site()
    (content / rel).unlink()
    (content / rel).symlink_to("/dev/zero")
    assert f"{rel}: error: not a regular file" in data_error(content)


# (Markdown, the markup it would give if raw HTML or the link were let through, the text shown
# instead: raw HTML is escaped, a link with a script scheme stays the text it was written as)
MARKDOWN_ATTACKS = [
    ("<script>alert(1)</script>", "<script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ('<img src=x onerror="alert(1)">', "<img", "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"),
    ("<iframe src=//evil.example></iframe>", "<iframe", "&lt;iframe src=//evil.example&gt;"),
    ("[click](javascript:alert(1))", 'href="javascript:', "[click](javascript:alert(1))"),
    ("[click](JaVaScRiPt:alert(1))", 'href="javascript:', "[click](JaVaScRiPt:alert(1))"),
    ("[click](java&#115;cript:alert(1))", 'href="javascript:', "[click](javascript:alert(1))"),
    ("[click](vbscript:msgbox(1))", 'href="vbscript:', "[click](vbscript:msgbox(1))"),
    ("[click](data:text/html;base64,PHNjcmlwdD4=)", 'href="data:text/html',
     "[click](data:text/html;base64,PHNjcmlwdD4=)"),
    ("![x](javascript:alert(1))", 'src="javascript:', "![x](javascript:alert(1))"),
    ("<javascript:alert(1)>", 'href="javascript:', "&lt;javascript:alert(1)&gt;"),
    ("[a]: javascript:alert(1)\n\n[x][a]", 'href="javascript:', "[x][a]"),
    ('<a href="javascript:alert(1)">x</a>', "<a href",
     "&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;"),
]


def assert_inert(html: str) -> None:
    """No tag or attribute from the Markdown source, no script link."""
    tags = parse_html(html)
    assert not [t for t in tags.starts if t[0] in ("script", "img", "iframe", "svg")
                or any(k.startswith("on") for k, _ in t[1])]
    links = [v or "" for _, attrs in tags.starts for k, v in attrs if k in ("href", "src")]
    assert not [v for v in links if re.match(r"\s*(javascript|vbscript|data):", v, re.I)]


@pytest.mark.parametrize(("source", "markup", "shown"), MARKDOWN_ATTACKS)
def test_markdown_cannot_inject_html_or_script_links(source: str, markup: str,
                                                     shown: str) -> None:
    html = render_markdown(source)
    assert_inert(html)
    assert markup not in html.lower()  # neither the tag nor the link
    assert "<a " not in html and "<img " not in html  # no link or image at all
    assert shown in html  # what was written is shown as text, escaped


def test_markdown_links_and_images_with_safe_targets_are_rendered() -> None:
    """The other side of the test above: the same Markdown with safe targets gives markup."""
    html = render_markdown("[click](/about/) ![x](/static/x.png) [y](https://example.org/)")
    assert '<a href="/about/">click</a>' in html and '<img src="/static/x.png" alt="x"' in html
    assert '<a href="https://example.org/">y</a>' in html


def test_markdown_attacks_in_pages_and_intro_are_neutralised(make_site, tmp_path: Path) -> None:
    body = "\n\n".join(src for src, _, _ in MARKDOWN_ATTACKS)
    content = make_site({"pages/about.md": "# About\n\n" + body,
                         "seasons/2003-04/intro.md": body})
    out = tmp_path / "out"
    build_site(content, out, jobs=1)
    for page in ("about/index.html", "seasons/2003-04/index.html"):
        html = (out / page).read_text(encoding="utf-8")
        prose = html[html.index('class="prose"'):]
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in prose  # shown as text
        assert_inert(prose.split("</main>")[0])


def test_safe_join_refuses_every_escape(tmp_path: Path) -> None:
    for rel in ["../x", "a/../../x", "/etc/passwd", "a\\..\\x", "", "a//b", "./a", "a/..",
                "x\0y", "..", "a/./b"]:
        with pytest.raises(OutputError):
            safe_join(tmp_path, rel)
    assert safe_join(tmp_path, "a/b.html") == tmp_path / "a" / "b.html"


# --- slugs ------------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", ["../evil", "李明", "!!!", "''", "Ahn", "a/b", "a--b", "-a",
                                  "a" * (MAX_SLUG + 1), "a" * 260, "..", "a\u200bb"])
def test_skater_slug_must_be_a_valid_slug(make_site, slug: str) -> None:
    entry = q(slug)
    entry = f"\n- slug: {entry}\n  name: X\n  nation: KOR\n"
    content = make_site({"skaters.yaml": SKATERS + entry})
    message = data_error(content)
    line = SKATERS.count("\n") + 2
    assert re.search(rf"skaters\.yaml:{line}:9: error: slug .* must be lowercase ASCII", message)


def test_skater_slug_is_required(make_site) -> None:
    content = make_site({"skaters.yaml": SKATERS + "\n- {name: 李明, nation: CHN}\n"})
    assert "skaters.yaml" in data_error(content)
    assert "a skater is missing 'slug'" in data_error(content)


def test_names_that_fold_to_nothing_are_fine_with_a_given_slug(make_site, tmp_path: Path) -> None:
    extra = ("\n- {slug: li-ming, name: 李明, nation: CHN}\n"
             "- {slug: bang-bang, name: '!!!', nation: CHN}\n")
    content = make_site({"skaters.yaml": SKATERS + extra})
    site, _, routes, _ = prepare(content)
    paths = {r.path for r in routes}
    assert {"skaters/li-ming/", "skaters/bang-bang/"} <= paths
    assert "skaters//" not in paths and not any("//" in p for p in paths)
    assert site.skaters["li-ming"].name == "李明"


@pytest.mark.parametrize("city", ["李明", "!!!", "---", "\u200b", "🥇⛸️"])
def test_city_that_folds_to_an_empty_slug_is_an_error(make_site, city: str) -> None:
    content = make_site({"seasons/2003-04/calgary.yaml":
                         CALGARY.replace("city: Calgary", f"city: {q(city)}")})
    assert re.search(r"calgary\.yaml:1:7: error: city .* gives an empty URL slug",
                     data_error(content))


def test_city_with_an_absurdly_long_slug_is_an_error(make_site) -> None:
    content = make_site({"seasons/2003-04/calgary.yaml":
                         CALGARY.replace("city: Calgary", "city: " + "Calgary " * 35)})
    assert re.search(r"calgary\.yaml:1:7: error: city .* longer than", data_error(content))


@pytest.mark.parametrize("name", ["!!!.md", "李明.md", "-.md", "x" * (MAX_SLUG + 1) + ".md"])
def test_page_file_name_must_give_a_slug(make_site, name: str) -> None:
    content = make_site({f"pages/{name}": "# Hi\n"})
    assert f"{name}: error: file name" in data_error(content)


@pytest.mark.parametrize("name", ["CALGARY.yaml", "Calgary 2.yaml", "calgary_2.yaml",
                                  "x" * (MAX_SLUG + 1) + ".yaml"])
def test_competition_file_name_must_be_a_slug(make_site, name: str) -> None:
    content = make_site()
    (content / "seasons/2003-04" / Path(name).name).write_text(CALGARY, encoding="utf-8")
    assert "must be a lowercase slug" in data_error(content)


@pytest.mark.parametrize("city", ["李明", "..", "!!!", "x" * (MAX_SLUG + 1)])
def test_importer_refuses_a_city_without_a_slug(tmp_path: Path, city: str) -> None:
    """The importer says so at the article's line instead of writing a stop the loader refuses."""
    article = tmp_path / "article.txt"
    article.write_text(SOURCE_ARTICLE.read_text(encoding="utf-8").replace("CAN Calgary",
                                                                          f"CAN {city}"))
    content = tmp_path / "content"
    with pytest.raises(DataError) as info:
        import_article(article, content)
    # a city of letters without a slug, or one with characters no city has
    shown = re.escape(cut(city))  # a long value is echoed cut short
    assert re.search(rf"article\.txt:\d+: error: city '{shown}' gives no usable URL"
                     rf"|article\.txt:\d+:\d+: error: place 'CAN {shown}' has '.' in "
                     "its city name", str(info.value))
    assert not content.exists()


# --- collisions: two inputs writing one path are an error, never a silent overwrite ----------


def test_two_spellings_of_one_city_are_one_venue_and_a_clash_of_nations_is_an_error(
        make_site) -> None:
    """venues.yaml folds spellings ('Bei Jing', 'Bei-jing' are Beijing); a stop that puts that
    city in another nation is an error at its city's line:col."""
    content = make_site({
        "seasons/2003-04/beijing.yaml": BEIJING.replace("city: Beijing", "city: Bei Jing"),
    })
    site = load_site(content)
    assert [c.slug for c in site.index.venue_competitions["beijing"]] == ["beijing"]
    content = make_site({
        "seasons/2003-04/calgary.yaml": CALGARY.replace("city: Calgary", "city: Bei-jing"),
    })
    assert re.search(r"calgary\.yaml:2:\d+: error: Beijing is in CHN in venues\.yaml \(line \d+\), "
                     "not CAN", data_error(content))


def test_second_stop_in_one_city_is_fine(make_site) -> None:
    content = make_site({"seasons/2003-04/calgary-2.yaml":
                         CALGARY.replace("2003-10-1", "2003-10-2")})
    site = load_site(content)
    assert [c.slug for c in site.index.venue_competitions["calgary"]] == ["calgary", "calgary-2"]


def test_skater_slug_equal_to_another_former_slug_is_an_error(make_site) -> None:
    content = make_site({"skaters.yaml": SKATERS.replace(
        "- slug: alanna-kraus\n", "- slug: alanna-kraus\n  former_slugs: [ahn-hyun-soo]\n")})
    assert "two pages would be written to /skaters/ahn-hyun-soo/" in data_error(content)


def test_two_skaters_with_one_former_slug_are_an_error(make_site) -> None:
    content = make_site({"skaters.yaml": SKATERS.replace(
        "- slug: alanna-kraus\n", "- slug: alanna-kraus\n  former_slugs: [old-slug]\n").replace(
        "- slug: wang-meng\n", "- slug: wang-meng\n  former_slugs: [old-slug]\n")})
    assert "two pages would be written to /skaters/old-slug/" in data_error(content)


def test_namesakes_with_distinct_slugs_build(make_site) -> None:
    """README: two skaters whose names give one slug get distinct slugs (kim-min-jung-kor);
    the name-derived redirect is then ambiguous and dropped, not a collision error."""
    extra = ("\n- {slug: kim-min-jung, name: Kim Min-jung, nation: KOR}\n"
             "- {slug: kim-min-jung-kor, name: Kim Min-jung, nation: KOR}\n"
             "- {slug: park-x, name: Park X, nation: KOR,"
             " changes: [{season: 2005-06, name: Kim Min Jung}]}\n")
    content = make_site({"skaters.yaml": SKATERS + extra})
    _, _, routes, _ = prepare(content)
    kinds = {r.path: r.kind for r in routes}
    assert kinds["skaters/kim-min-jung/"] == "skater"
    assert kinds["skaters/park-x/"] == "skater"
    assert kinds["skaters/viktor-ahn/"] == "redirect"  # an unambiguous former name still does


@pytest.mark.parametrize("page", ["skaters", "seasons", "search", "venues", "head-to-head"])
def test_page_clashing_with_a_generated_page_is_an_error(make_site, page: str) -> None:
    content = make_site({f"pages/{page}.md": "# Mine\n"})
    assert f"two pages would be written to /{page}/" in data_error(content)


@pytest.mark.parametrize(("page", "generated"), [("api", "api/skaters.json"),
                                                 ("404", "404.html")])
def test_page_beside_generated_files_of_its_name_is_fine(make_site, page: str,
                                                         generated: str) -> None:
    """/api/ and /404/ are no generated page (only api/*.json and 404.html are): a Markdown
    page of that name is published next to them."""
    content = make_site({f"pages/{page}.md": "# Mine\n"})
    _, _, routes, _ = prepare(content)
    kinds = {r.path: r.kind for r in routes}
    assert kinds[f"{page}/"] == "page"
    assert generated in kinds and kinds[generated] != "page"


@pytest.mark.parametrize("page", ["static"])
def test_page_in_a_reserved_folder_is_an_error(make_site, page: str) -> None:
    """static/ is replaced by the static files."""
    content = make_site({f"pages/{page}.md": "# Mine\n"})
    assert f"/{page}/ is reserved" in data_error(content)


@pytest.mark.parametrize("stem", ["standings", "leaders"])
def test_competition_named_like_a_season_page_is_an_error(make_site, stem: str) -> None:
    content = make_site({f"seasons/2003-04/{stem}.yaml": CALGARY.replace("2003-10-1", "2003-10-2")
                         .replace("city: Calgary", "city: Montreal")})
    assert f"two pages would be written to /seasons/2003-04/{stem}/" in data_error(content)


# --- hostile text in every field --------------------------------------------------------------


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.starts: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.starts.append((tag, attrs))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = None

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)


def parse_html(text: str) -> Tags:
    tags = Tags()
    tags.feed(text)
    tags.close()
    return tags


MARK = "Zq"  # every hostile string carries it, so the test can find where it ended up
HOSTILE = [
    f'<script>alert("{MARK}1")</script>',
    f'"><img src=x onerror=alert({MARK}2)>',
    f"'><svg onload=alert({MARK}3)>",
    f"</script><script>alert({MARK}4)</script>",
    f"<!--{MARK}5 -->",
    f"../../../etc/{MARK}6",
    f"\u202e{MARK}7 evil\u202c \u200f",
    f"Zero\u200bwidth\u200d{MARK}8\ufeff",
    f"Emoji ⛸️🥇👩‍👩‍👧 {MARK}9",
    f'=HYPERLINK("http://evil.example","{MARK}10")',
    f"{{{{ 7*7 }}}} {{% raw %}} ${{7*7}} {MARK}11",
    f"</title><style>*{{}}</style>{MARK}12 \\u2028\u2028\u2029",
]


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def hostile_site(make_site) -> Path:
    h = HOSTILE
    long_name = "Ng " + "x" * 100 + f" {MARK}13"
    skaters = "".join(
        f"- {{slug: hostile-{i}, name: {q(text)}, nation: XSS}}\n" for i, text in enumerate(h))
    skaters += f"- {{slug: hostile-long, name: {q(long_name)}, nation: XSS}}\n"
    skaters += (f"- {{slug: hostile-renamed, name: {q(h[0])}, nation: XSS,"
                f" changes: [{{season: 2031-32, name: {q(h[1])}}}]}}\n")
    results = "".join(
        f"      - {{place: {i + 1}, skater: hostile-{i}, time: {q(h[i][:20])}, "
        f"note: {q(h[(i + 1) % len(h)])}}}\n" for i in range(len(h)))
    races = (
        "  - date: 2031-11-01\n    category: men\n    distance: 500m\n"
        f"    corrections: [{q(h[2])}, {q(h[3])}]\n    results:\n{results}"
        "      - {skater: hostile-long, status: PEN}\n"
        "      - {skater: hostile-renamed, status: DNF}\n"
        "  - date: 2031-11-02\n    category: women\n    distance: 3000m relay\n"
        f"    results:\n      - {{place: 1, team: XSS, name: {q(h[4])}}}\n"
        f"      - {{place: 2, team: KOR, name: {q(h[5])}}}\n"
    )
    stop = (f"city: {q('Ha ' + h[1])}\nnation: XSS\nrink: {q(h[0])}\nclassification: full\n"
            f"corrections: [{q(h[6])}]\nraces:\n{races}")
    season = (f"title: {q(h[0] + ' season')}\ncorrections: [{q(h[7])}]\nstandings:\n  men:\n"
              f"    - distance: overall\n      corrections: [{q(h[8])}]\n      results:\n"
              "        - {place: 1, skater: hostile-0, points: 100}\n"
              "        - {place: 2, skater: hostile-1}\n")
    return make_site({
        "site.yaml": f"title: {q(h[0])}\ndescription: {q(h[1])}\n",
        "nations.yaml": (CONTENT / "nations.yaml").read_text(encoding="utf-8")
        + f"XSS: {q(h[3] + ' land')}\n",
        "skaters.yaml": SKATERS + "\n" + skaters,
        "seasons/2031-32/season.yaml": season,
        "seasons/2031-32/hostile.yaml": stop,
        "seasons/2031-32/intro.md": "\n\n".join(h),
        "pages/hostile.md": f"# {h[0]}\n\n" + "\n\n".join(h),
    })


@pytest.fixture(scope="module")
def hostile_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("hostile")

    def make(files: dict[str, str]) -> Path:
        content = base / "content"
        shutil.copytree(CONTENT, content)
        for rel, text in files.items():
            (content / rel).parent.mkdir(parents=True, exist_ok=True)
            (content / rel).write_text(text, encoding="utf-8")
        return content

    out = base / "out"
    build_site(hostile_site(make), out, jobs=1)
    return out


def strict_json(text: str) -> object:
    """json.loads refusing NaN/Infinity, which browsers' JSON.parse refuses too."""
    def refuse(name: str) -> None:
        raise ValueError(f"not JSON: {name}")

    return json.loads(text, parse_constant=refuse)


def output_files(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*") if p.is_file() and ".site-gen" not in p.parts)


def test_hostile_site_stays_inside_the_output(hostile_out: Path) -> None:
    root = hostile_out.resolve()
    for path in hostile_out.rglob("*"):
        assert path.resolve().is_relative_to(root)
        rel = path.relative_to(hostile_out).as_posix()
        assert re.fullmatch(r"[a-z0-9._/-]+", rel.lower()), rel
    assert (hostile_out / "skaters/hostile-0/index.html").is_file()
    assert (hostile_out / "venues/ha-img-src-x-onerror-alert-zq2/index.html").is_file()
    assert not (hostile_out.parent / "etc").exists()


def test_hostile_text_is_escaped_in_html(hostile_out: Path) -> None:
    seen_escaped = found_ld = 0
    for path in output_files(hostile_out):
        if path.suffix != ".html":
            continue
        text = path.read_text(encoding="utf-8")
        tags = parse_html(text)
        for tag, attrs in tags.starts:
            assert not (tag == "img" and dict(attrs).get("src") == "x"), path  # injected
            for name, value in attrs:
                assert not name.startswith("on"), (path, tag, name)
                assert MARK not in name, (path, tag, name)
                if name in ("href", "src", "action"):
                    assert not re.match(r"\s*(javascript|data|vbscript):", value or "", re.I)
        for attrs, body in tags.scripts:
            assert "alert(" not in body or attrs.get("type") in ("application/ld+json",
                                                                 "application/json"), path
            if attrs.get("type") in ("application/ld+json", "application/json"):
                data = strict_json(body)  # embedded JSON stays valid, ends where it should
                found_ld += MARK in json.dumps(data, ensure_ascii=False)
        for opener in ("<img src=x", "<svg onload", "<script>alert(", "<style>*",
                       f"<!--{MARK}"):
            assert opener not in text, (path, opener)  # every hostile tag arrives as text
        seen_escaped += text.count("&lt;script&gt;alert(")
    assert seen_escaped > 10  # the hostile text did reach the pages, escaped
    assert found_ld  # and the embedded JSON-LD, intact


def test_hostile_text_round_trips_in_json(hostile_out: Path) -> None:
    files = [p for p in output_files(hostile_out) if p.suffix == ".json"]
    assert files
    for path in files:
        strict_json(path.read_text(encoding="utf-8"))
    skater = json.loads((hostile_out / "api/skaters/hostile-1.json").read_text(encoding="utf-8"))
    assert skater["name"] == HOSTILE[1]
    season = json.loads((hostile_out / "api/seasons/2031-32.json").read_text(encoding="utf-8"))
    names = {r["name"] for c in season["competitions"] for race in c["races"]
             for r in race["results"]}
    assert {h.strip() for h in HOSTILE} <= names  # each hostile name verbatim


def test_hostile_text_keeps_xml_well_formed(hostile_out: Path) -> None:
    files = [p for p in output_files(hostile_out) if p.suffix == ".xml"]
    assert files
    for path in files:
        ElementTree.fromstring(path.read_bytes())  # raises on injected or broken markup


def test_hostile_text_in_csv(hostile_out: Path) -> None:
    files = [p for p in output_files(hostile_out) if p.suffix == ".csv"]
    if not files:
        pytest.skip("no CSV output in this build yet")
    cells = []
    for path in files:
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
        widths = {len(r) for r in rows}
        assert len(widths) == 1, path  # quotes and commas never shift a column
        cells += [c for r in rows for c in r]
    # spreadsheets run cells starting with = + - @ as formulas (CSV injection)
    assert not [c for c in cells if MARK in c and c[:1] in ("=", "+", "-", "@", "\t", "\r")]


@pytest.mark.parametrize(("where", "value", "found"), [
    ("seasons/2003-04/calgary.yaml", "{place: 1, skater: []}", "list"),
    ("seasons/2003-04/calgary.yaml", "{place: 1, skater: {a: 1}}", "mapping"),
    ("seasons/2003-04/season.yaml", "{place: 1, skater: []}", "list"),
])
def test_a_skater_given_as_a_list_or_mapping_is_an_error_not_a_crash(
        make_site, where: str, value: str, found: str) -> None:
    """A standings or race line naming `skater: []` crashed the loader (unhashable list)."""
    content = make_site()
    path = content / where
    text = path.read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if "{place: 1, skater: " in ln)
    path.write_text(text.replace(line, line[:line.index("{")] + value, 1), encoding="utf-8")
    assert re.search(rf"{re.escape(Path(where).name)}:\d+:\d+: error: a skater is the slug of a "
                     rf"skaters\.yaml entry, found a {found}", data_error(content))
