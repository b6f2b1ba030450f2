"""Issue 6, permanent links: redirect stubs, the Viktor Ahn case, the published-URL manifest."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from site_gen.engine.build import build_site
from site_gen.errors import DataError
from site_gen.load.site_loader import load_site
from site_gen.routing.published import MANIFEST, read_manifest, route_problems

from .blog_helpers import page
from .conftest import CONTENT, ROOT

REFRESH = re.compile(r'http-equiv="refresh" content="0; url=([^"]+)"')


def redirect_stubs(root: Path) -> dict[Path, str]:
    out = {}
    for path in sorted(root.rglob("*.html")):
        m = REFRESH.search(path.read_text(encoding="utf-8"))
        if m:
            out[path] = m.group(1)
    return out


def test_every_redirect_stub_points_to_an_existing_page(built_site: Path) -> None:
    stubs = redirect_stubs(built_site)
    assert built_site / "skaters" / "viktor-ahn" / "index.html" in stubs
    for stub, target in stubs.items():
        assert target.startswith("/") and target.endswith("/"), stub
        dest = built_site / target.lstrip("/") / "index.html"
        assert dest.is_file(), f"{stub} → {target}: no page"
        assert dest not in stubs, f"{stub} → {target}: a redirect to a redirect"
        parts = page(stub)
        canonical = [a["href"] for a in parts.links if a.get("rel") == "canonical"]
        assert canonical == [target]
        assert target in [a.get("href") for a in parts.anchors], "no visible link"
        assert parts.meta.get("robots") == "noindex"


def test_viktor_ahn_leads_to_ahn_hyun_soo(built_site: Path) -> None:
    assert redirect_stubs(built_site)[built_site / "skaters/viktor-ahn/index.html"] == \
        "/skaters/ahn-hyun-soo/"
    html = (built_site / "skaters/ahn-hyun-soo/index.html").read_text(encoding="utf-8")
    names = html[html.index('id="names"'):]
    names = names[:names.index("</section>")]
    assert "Ahn Hyun-soo" in names and "South Korea" in names
    assert "From 2011–12" in names and "Viktor Ahn" in names and "Russia" in names
    card = (built_site / "skaters/ahn-hyun-soo/card/index.html").read_text(encoding="utf-8")
    assert "Viktor Ahn" in card


def test_manifest_lists_every_published_url(make_site, tmp_path: Path) -> None:
    """The build writes the manifest (here into a copy of the content without one): every file
    it published, sorted; and the manifest committed in content/ is the one it writes."""
    content = make_site()
    (content / MANIFEST).unlink()
    out = tmp_path / "public"
    build_site(content, out, jobs=1)
    published = read_manifest(content)
    assert "/skaters/viktor-ahn/" in published and "/skaters/ahn-hyun-soo/share.png" in published
    files = {"/" + p.relative_to(out).as_posix() for p in out.rglob("*")
             if p.is_file() and not p.relative_to(out).as_posix().startswith(
                 ("static/", ".site-gen"))}
    urls = {u if not u.endswith("/") else u + "index.html" for u in published}
    assert urls == files
    text = (content / MANIFEST).read_text(encoding="utf-8")
    lines = [x for x in text.splitlines() if not x.startswith("#")]
    assert lines == sorted(lines), "the manifest is sorted"
    assert text == (CONTENT / MANIFEST).read_text(encoding="utf-8"), \
        "content/published-urls.txt is not what the build writes: build and commit it"


def _rename(content: Path, old_slug: str, new_slug: str, old_name: str, new_name: str) -> None:
    for path in content.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(old_slug, new_slug).replace(old_name, new_name),
                        encoding="utf-8")


def test_removing_a_skater_without_redirect_fails(make_site, tmp_path: Path) -> None:
    content = make_site()
    _rename(content, "choi-eun-kyung", "choi-eunkyung", "Choi Eun-kyung", "Choi Eunkyung")
    out = tmp_path / "public"
    with pytest.raises(DataError) as err:
        build_site(content, out, jobs=1)
    messages = [p.format() for p in err.value.problems]
    text = "\n".join(messages)
    line = read_manifest(content)["/skaters/choi-eun-kyung/"]
    assert f"{MANIFEST}:{line}:1: error: published URL /skaters/choi-eun-kyung/ would " \
           "disappear without a redirect" in text
    assert "former_slugs: [choi-eun-kyung]" in text and "--allow-removal" in text
    assert "/api/skaters/choi-eun-kyung.json" in text
    assert not out.exists(), "nothing is written on error"
    assert route_problems(load_site(content), content) == err.value.problems


def test_a_redirect_keeps_every_published_url(make_site, tmp_path: Path) -> None:
    content = make_site()
    _rename(content, "choi-eun-kyung", "choi-eunkyung", "Choi Eun-kyung", "Choi Eunkyung")
    registry = content / "skaters.yaml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace("  name: Choi Eunkyung\n",
                                     "  name: Choi Eunkyung\n  former_slugs: [choi-eun-kyung]\n"),
                        encoding="utf-8")
    out = tmp_path / "public"
    build_site(content, out, jobs=1)
    old, new = out / "skaters/choi-eun-kyung", out / "skaters/choi-eunkyung"
    assert 'url=/skaters/choi-eunkyung/"' in (old / "index.html").read_text(encoding="utf-8")
    assert 'url=/skaters/choi-eunkyung/card/"' in (old / "card/index.html").read_text()
    for name in ("results.csv", "share.png", "feed.xml", "oembed.json"):  # copies: no redirects
        assert (old / name).read_bytes() == (new / name).read_bytes(), name
    assert (out / "api/skaters/choi-eun-kyung.json").read_bytes() == \
        (out / "api/skaters/choi-eunkyung.json").read_bytes()
    published = read_manifest(content)
    assert "/skaters/choi-eun-kyung/results.csv" in published
    assert "/skaters/choi-eunkyung/" in published, "new URLs are recorded"


def test_allow_removal_removes_deliberately(make_site, tmp_path: Path) -> None:
    content = make_site()
    _rename(content, "choi-eun-kyung", "choi-eunkyung", "Choi Eun-kyung", "Choi Eunkyung")
    build_site(content, tmp_path / "public", jobs=1, allow_removal=True)
    published = read_manifest(content)
    assert "/skaters/choi-eun-kyung/" not in published
    assert "/skaters/choi-eunkyung/" in published
    build_site(content, tmp_path / "public", jobs=1)  # the manifest now agrees


def test_cli_names_the_lost_url(make_site, tmp_path: Path) -> None:
    content = make_site()
    with (content / MANIFEST).open("a", encoding="utf-8") as f:
        f.write("/skaters/someone-gone/\n")
    cmd = [sys.executable, str(ROOT / "build.py"), "build", "--content", str(content),
           "--out", str(tmp_path / "out")]
    run = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 1
    assert "published URL /skaters/someone-gone/ would disappear" in run.stderr
    assert "former_slugs: [someone-gone]" in run.stderr
    run = subprocess.run([*cmd, "--allow-removal"], capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "/skaters/someone-gone/" not in read_manifest(content)


def test_check_reports_a_redirect_hiding_a_page(make_site) -> None:
    content = make_site()
    assert route_problems(load_site(content), content) == []
    registry = content / "skaters.yaml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace("  name: Choi Eun-kyung\n",
                                     "  name: Choi Eun-kyung\n  former_slugs: [wang-meng]\n"),
                        encoding="utf-8")
    problems = route_problems(load_site(content), content)
    assert [p.message for p in problems] == [
        "two pages would be written to /skaters/wang-meng/: skater (skaters.yaml) and redirect "
        "(skaters.yaml: former name or slug of choi-eun-kyung)"]


def test_output_is_byte_identical_across_builds(built_site: Path, real_content: Path,
                                                tmp_path: Path) -> None:
    out = tmp_path / "again"
    build_site(real_content, out, jobs=2)  # other processes, other order: the same bytes

    def files(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
                if p.is_file() and ".site-gen" not in p.parts}

    first, second = files(built_site), files(out)
    assert sorted(first) == sorted(second)
    assert [k for k in first if first[k] != second[k]] == []
