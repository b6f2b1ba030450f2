"""Rendering routes to bytes: one Jinja environment, StrictUndefined, autoescape."""

from __future__ import annotations

import functools
import hashlib
import os
import re
import traceback
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import jinja2

from site_gen.errors import DataError, InternalError, Problem
from site_gen.load.cache import LoadCache
from site_gen.model.site import Race, Site, season_label
from site_gen.model.stats import Stats, coverage
from site_gen.render import charts, credits, previews
from site_gen.render.code_cache import CodeCache, shared_folder
from site_gen.render.contexts import Ctx
from site_gen.render.outputs import embeds, feeds
from site_gen.render.theme import TEMPLATES
from site_gen.routing import markdown_links as mdlinks
from site_gen.routing import urls
from site_gen.routing.kinds import KINDS
from site_gen.routing.routes import Route


def format_date(d: date | None, style: str = "long") -> str:
    if d is None:
        return ""
    if style == "short":
        return f"{d.day} {d.strftime('%b')}"
    return f"{d.day} {d.strftime('%B %Y')}"


def date_range(start: date, end: date) -> str:
    if start == end:
        return format_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end.strftime('%B %Y')}"
    if start.year == end.year:
        return f"{start.day} {start.strftime('%B')} – {end.day} {end.strftime('%B %Y')}"
    return f"{format_date(start)} – {format_date(end)}"


def ordinal(n: int | None) -> str:
    if n is None:
        return ""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def podium_nations(races: Iterable[Race]) -> list[str]:
    """The codes of the nations on the podiums of races, sorted: the key to a page's podium
    tables (macros.html: nation_key)."""
    return sorted({r.nation for race in races for rs in race.podium().values() for r in rs})


_BY_VALUE = (str, int, float, bool, type(None))


class Once:
    """``{{ once(m.race_cells, race, comp) }}``: a macro rendered once per distinct arguments
    in a build process — for macros whose output depends only on their arguments, repeated on
    many pages (a race's cells on every skater page that lists it). The macro and objects are
    told apart by identity (an imported macro is one object for the whole build), strings and
    numbers by type and value; all are kept alive, so an identity is never reused."""

    def __init__(self) -> None:
        self._memo: dict[tuple[Any, ...], tuple[Any, tuple[Any, ...]]] = {}

    def __call__(self, macro: jinja2.runtime.Macro, *args: Any) -> Any:
        key = (id(macro), *((type(a), a) if type(a) in _BY_VALUE else id(a) for a in args))
        hit = self._memo.get(key)
        if hit is None:
            hit = self._memo[key] = (macro(*args), (macro, *args))
        return hit[0]


@functools.cache
def _title_of_str(text: str) -> str:
    return jinja2.filters.do_title(text)


def title(text: Any) -> Any:
    """Jinja's ``title`` filter, cached for plain strings (Markup is not cached: its result
    must stay Markup)."""
    return _title_of_str(text) if type(text) is str else jinja2.filters.do_title(text)


def make_env(templates: Sequence[Path], site: Site, base_url: str,
             code_cache: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """A fresh environment per build: imported macro modules snapshot the globals (the site),
    so an environment must never outlive its build."""
    env = jinja2.Environment(
        bytecode_cache=code_cache,
        loader=jinja2.FileSystemLoader([str(t) for t in templates]),
        autoescape=jinja2.select_autoescape(("html", "xml", "svg"), default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        cache_size=-1,
        auto_reload=False,  # one build, one version of each template
    )
    url = urls.UrlFor(base_url)
    env.globals.update(url=url, abs_url=url.absolute, site=site, nations=site.nations,
                       has_page={p.slug for p in site.pages}.__contains__,
                       nation_has_page=site.index.nation_races.__contains__)
    env.globals.update(embed_snippet=lambda slug: embeds.snippet(url, site, slug),
                       tag_uri=lambda kind, *args: feeds.tag_uri(url, site, kind, *args))
    env.globals["once"] = Once()
    env.globals["coverage"] = coverage  # 'podium', 'full' or 'mixed': what races tell
    env.globals["site_coverage"] = coverage(r for s in site.seasons for r in s.races)
    env.globals["licence_url"] = credits.licence_url
    env.globals["podium_nations"] = podium_nations
    env.filters.update(date=format_date, ordinal=ordinal, date_range=date_range, title=title,
                       race_url=lambda r: url("distance", r.season, r.category, r.distance),
                       site_links=lambda html: mdlinks.rebase(html, url.base_path),
                       season=season_label)  # '2003-04' → '2003–04', as it is written
    env.tests["relay"] = lambda r: isinstance(r, Race) and r.distance.relay
    charts.register(env)
    return env


_REF = re.compile(r"""{%-?\s*(?:extends|include|import|from)\s+(?:(["'])(.+?)\1|(\S))""")


def _references(env: jinja2.Environment, source: str) -> list[str] | None:
    """Templates a source names literally; None if it names one through an expression."""
    refs = []
    for m in _REF.finditer(source):
        if m.group(3):  # e.g. {% include page.template %}: could be any template
            return None
        refs.append(m.group(2))
    return refs


def template_deps(env: jinja2.Environment, name: str) -> list[str]:
    """The template and every template it extends, includes or imports, recursively."""
    assert env.loader is not None
    seen: list[str] = []
    todo = [name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.append(current)
        refs = _references(env, env.loader.get_source(env, current)[0])
        if refs is None:
            return sorted(env.list_templates())
        todo.extend(refs)
    return sorted(seen)


def template_digest(env: jinja2.Environment, name: str) -> str:
    h = hashlib.sha256()
    assert env.loader is not None
    for dep in template_deps(env, name):
        h.update(dep.encode() + b"\0" + env.loader.get_source(env, dep)[0].encode() + b"\0")
    return h.hexdigest()


class Renderer:
    """Renders any route of one site; created once per process."""

    def __init__(self, site: Site, stats: Stats, routes: list[Route], base_url: str,
                 templates: Sequence[Path] = (TEMPLATES,),
                 cache: LoadCache | None = None) -> None:
        self.ctx = Ctx(site, stats)
        self.routes = routes
        self.base_url = base_url
        self.templates = templates
        self.env = make_env(templates, site, base_url, CodeCache(cache, shared_folder()))
        self.url = urls.UrlFor(base_url)

    def load_templates(self) -> None:
        """Compile (or fetch from the cache) every template the routes use, now: before the
        cache is saved, and once, before render workers fork."""
        used = {r.template for r in self.routes if r.template}
        names = {dep for name in used for dep in template_deps(self.env, name)}
        for name in sorted(names):
            try:
                self.env.get_template(name)
            except jinja2.TemplateSyntaxError as exc:
                raise _syntax_error(exc, name) from None

    def context(self, route: Route) -> dict[str, Any]:
        kind = KINDS[route.kind]
        assert kind.context is not None, route.kind
        data = kind.context(self.ctx, *route.args)
        data.update(route=route, canonical=self.url.absolute("home") + route.path)
        if route.template and route.template.endswith(".html"):  # feeds and sitemap: no meta
            data["share"] = previews.page_meta(self.ctx, route, self.url, data)
        if kind.lists_routes:
            data["routes"] = self.routes
        return data

    def render(self, route: Route) -> bytes:
        """The route's bytes. A template that fails is a DataError at its line; any other
        exception, in a context builder or writer, is a bug: an InternalError."""
        try:
            if route.template is None:
                write = KINDS[route.kind].writer
                assert write is not None, route.kind  # a kind without a template has a writer
                return write(self.ctx, route, self.url)
            data = self.context(route)
            return self.env.get_template(route.template).render(data).encode("utf-8")
        except jinja2.TemplateSyntaxError as exc:
            raise _syntax_error(exc, route.template or "") from None
        except Exception as exc:
            raise _render_error(exc, route, self.templates) from None


def _syntax_error(exc: jinja2.TemplateSyntaxError, name: str) -> DataError:
    return DataError([Problem(f"templates/{exc.name or name}", exc.lineno or 0, 0,
                              f"template syntax error: {exc.message}", code="template")])


_OWN_CODE = str(Path(__file__).parents[1]) + os.sep  # site_gen/


def _render_error(exc: Exception, route: Route, templates: Sequence[Path]
                  ) -> DataError | InternalError:
    """A located template error when the innermost frame of ours or of a template that raised
    is a template's (``{{ 1 // 0 }}``, an undefined name); else a bug in our code."""
    place: tuple[str, int] | None = None
    tb = exc.__traceback__
    while tb is not None:
        frame = tb.tb_frame
        if "__jinja_exception__" in frame.f_globals:  # a template's frame (jinja2.debug)
            place = (frame.f_code.co_filename, tb.tb_lineno)
        elif frame.f_code.co_filename.startswith(_OWN_CODE):
            place = None
        tb = tb.tb_next
    what = str(exc) if isinstance(exc, jinja2.TemplateError) else f"{type(exc).__name__}: {exc}"
    if place is None:
        return InternalError(f"rendering /{route.path} ({route.kind}) failed: {what}",
                             "".join(traceback.format_exception(exc)))
    path = Path(place[0]).resolve()
    name = next((path.relative_to(f.resolve()).as_posix() for f in templates
                 if path.is_relative_to(f.resolve())), path)
    return DataError([Problem(f"templates/{name}", place[1], 0,
                              f"template error on /{route.path}: {what}", code="template")])
