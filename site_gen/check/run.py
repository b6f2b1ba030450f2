"""``check``: the loader's problems, then cross-file lints as warnings with ``file:line:col``.

The lints (``check.lints``, ``check.registry_lints``) read the content again as located nodes
(``check.located``); they run only when the content loads without errors.
"""

from __future__ import annotations

from pathlib import Path

from site_gen.check.lints import LINTS
from site_gen.check.located import Located, locate, read_located
from site_gen.check.registry_lints import orphans
from site_gen.errors import Problem
from site_gen.load.cache import LoadCache
from site_gen.load.located_yaml import Node, shared_parses
from site_gen.model.site import Site


def lint(site: Site, content: Path, located: Located | None = None) -> list[Problem]:
    located = located or locate(content)
    problems: list[Problem] = []
    for rule in (*LINTS, orphans):
        problems.extend(rule(site, located))
    return problems


def cached_lint(site: Site, content: Path, files: dict[str, str], cache: LoadCache
                ) -> list[Problem]:
    """``lint`` for the build: computed again only when a content YAML file changed (keyed by
    their digests in the build's cache), so a rebuild for a template or Markdown edit does not
    pay for the lints, and one that changes nothing never gets here."""
    from site_gen.engine.fingerprint import hash_bytes
    from site_gen.errors import Collector

    yaml = "\n".join(f"{path}\0{digest}" for path, digest in files.items()
                     if path.endswith(".yaml"))
    out = Collector()

    def read(path: Path) -> Node | None:  # an unchanged file's nodes come from the cache
        digest = files.get(str(path))
        if digest is None:
            return read_located(path)
        return cache.memo(("located", str(path), digest), lambda: read_located(path))

    cache.get(("lints", str(content), hash_bytes(yaml.encode())),
              lambda sub: sub.extend(lint(site, content, locate(content, read))), out)
    return out.problems


def run_check(content: Path) -> list[Problem]:
    """Every problem of the content: the loader's errors and warnings, the lints, then what
    the build would refuse or warn about (routes, published URLs, links in Markdown)."""
    from site_gen.load.site_loader import collect_site

    with shared_parses():  # the lints read what the load has just parsed
        site, out = collect_site(Path(content))
        problems = list(out.problems)
        if site is not None:
            problems.extend(lint(site, Path(content)))
    if site is not None:
        from site_gen.render.theme import Theme
        from site_gen.routing.markdown_links import link_problems, site_paths
        from site_gen.routing.published import checked_routes

        routes, lost = checked_routes(site, Path(content))
        problems.extend(lost)
        static = Theme.for_content(Path(content)).static_files()
        problems.extend(link_problems(site, site_paths(routes, static)))  # as build checks them
    return sorted(set(problems))
