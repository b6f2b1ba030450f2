"""Command line: ``python build.py COMMAND`` / ``site-gen COMMAND`` (docs/contract.md)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from site_gen.engine.output_lock import OutputBusy
from site_gen.errors import DataError, InternalError, OutputError, Problem, cut, format_problems

if TYPE_CHECKING:
    from site_gen.importer.article_import import ImportReport
    from site_gen.importer.identity import Hint

log = logging.getLogger(__name__)



CONTENT_HELP = "the content folder (default: %(default)s)"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="site-gen", description=__doc__)
    sub = p.add_subparsers(dest="command")

    b = sub.add_parser("build", help="build the site")
    b.add_argument("--content", type=Path, default=Path("content"), help=CONTENT_HELP)
    b.add_argument("--out", type=Path, default=Path("public"),
                   help="output folder, replaced as a whole (default: %(default)s)")
    b.add_argument("--base-url", default=None, help="where the site is served, e.g. "
                   "https://example.org/stats/ (default: site.yaml's url, else /)")
    b.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    b.add_argument("--allow-removal", action="store_true",
                   help="allow published URLs to disappear without a redirect")
    b.add_argument("--wait", action="store_true",
                   help="wait for another build of the same --out to finish (default: exit 2)")

    s = sub.add_parser("serve", help="build, serve on loopback, rebuild and reload on change")
    s.add_argument("--content", type=Path, default=Path("content"), help=CONTENT_HELP)
    s.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: %(default)s, this machine only)")
    s.add_argument("--port", type=int, default=8000, help="(default: %(default)s; 0: any free)")
    s.add_argument("--out", type=Path, default=None, help="output folder (default: a temp folder)")

    c = sub.add_parser("check", help="validate and lint the data")
    c.add_argument("--content", type=Path, default=Path("content"), help=CONTENT_HELP)
    c.add_argument("--strict", action="store_true", help="warnings fail too")
    c.add_argument("--format", choices=("text", "json"), default="text")

    i = sub.add_parser("import", help="import a season article, or a race's results table, "
                       "into content/")
    i.add_argument("article", type=Path, help="ARTICLE.txt, or RESULTS.csv / .tsv with the "
                   "options that place it in a stop")
    for option, what in (("--season", "e.g. 2003-04"), ("--stop", "the stop's slug, e.g. "
                         "calgary"), ("--category", "men, women or mixed"),
                         ("--distance", "e.g. 500m"), ("--date", "YYYY-MM-DD, if needed")):
        i.add_argument(option, help=f"(results table) {what}")
    i.add_argument("--number", type=int, default=0, help="(results table) 1 or 2, for a "
                   "distance raced twice")
    i.add_argument("--content", type=Path, default=Path("content"), help=CONTENT_HELP)
    i.add_argument("--force", action="store_true",
                   help="replace season files that say something else (hand edits are lost)")
    i.add_argument("--same-as", action="append", default=[], type=_same_as, metavar="NEW=OLD",
                   help="the skater this import would add as NEW is the registry's OLD "
                   "(repeatable)")

    y = sub.add_parser("synth", help="write a synthetic data set")
    y.add_argument("--seasons", type=int, required=True)
    y.add_argument("--content", type=Path, required=True)
    y.add_argument("--seed", type=int, default=0)
    return p


def _same_as(text: str) -> tuple[str, str]:
    new, sep, old = text.partition("=")
    if not (sep and new.strip() and old.strip()):
        raise argparse.ArgumentTypeError(f"expected NEW=OLD (two slugs), not '{text[:60]}'")
    return new.strip(), old.strip()


def _positive(value: int | None, name: str, parser: argparse.ArgumentParser) -> None:
    if value is not None and value < 1:
        parser.error(f"{name} must be at least 1")


def out_problem(content: Path, out: Path) -> str | None:
    """Why ``out`` must not be a build's output folder (a build replaces the whole folder)."""
    from site_gen.engine.output_folder import STATE_DIR

    c, o = content.resolve(), out.resolve()
    if o == c:
        return f"--out {out} is the content folder: the build replaces --out as a whole"
    if o in c.parents:
        return (f"--out {out} holds the content folder {content}: the build replaces --out "
                "as a whole; pick a folder of its own, e.g. public/")
    if c in o.parents:
        return f"--out {out} is inside the content folder {content}: pick a folder outside it"
    if o.exists() and not o.is_dir():
        return f"--out {out} is a file, not a folder"
    if o.is_dir() and not (o / STATE_DIR).is_dir() and any(o.iterdir()):
        return (f"--out {out} holds files that no build wrote (no {STATE_DIR}/ in it); the "
                "build replaces --out as a whole: pick a new or empty folder")
    return None


def main(argv: Sequence[str] | None = None, fresh_workers: bool = False) -> int:
    """``fresh_workers``: a big rebuild while threads run (serve) may start render workers that
    import the main module again; only an entry point that runs nothing when imported allows it."""
    logging.basicConfig(level=os.environ.get("SITE_GEN_LOG", "INFO"), format="%(message)s")
    parser = _parser()
    args = parser.parse_args(["build"] if argv is not None and not argv else argv)
    if args.command is None:
        args = parser.parse_args(["build"])
    _warn_unsafe_template_cache()
    try:
        return _dispatch(args, parser, fresh_workers)
    except OutputBusy as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OutputError as exc:  # e.g. a full disk: the previous output is intact
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except DataError as exc:
        from site_gen.routing.published import summarize

        problems = summarize(exc.problems)  # one message for the URLs of a removed folder
        print(format_problems(problems), file=sys.stderr)
        n = len([p for p in problems if p.severity == "error"])
        print(f"{n} error{'s' if n != 1 else ''}; nothing was written.", file=sys.stderr)
        return 1
    except InternalError as exc:  # a bug of ours, caught where its context is known
        print(exc.format(), file=sys.stderr)
        return 1
    except OSError:  # the system's (a full disk): its own message, not a request to report it
        raise
    except Exception as exc:  # noqa: BLE001 - any other exception is a bug of ours too
        print(InternalError(f"{type(exc).__name__}: {exc}", traceback.format_exc()).format(),
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # serve stops with 0 on Ctrl-C, even during its first build
        print("stopped." if args.command == "serve" else "interrupted", file=sys.stderr)
        return 0 if args.command == "serve" else 130


def _warn_unsafe_template_cache() -> None:
    """The shared folder of compiled templates is a speed-up: one that is unsafe to load code
    from is left alone, and the build says so (and goes on compiling)."""
    from site_gen.render.code_cache import ENV_VAR, folder_problem

    if value := os.environ.get(ENV_VAR):
        if problem := folder_problem(Path(value)):
            print(f"warning: {ENV_VAR}={cut(value)} is not used: {problem}", file=sys.stderr)


def run(argv: Sequence[str] | None = None) -> NoReturn:
    """``main`` as the whole process: exits without freeing the loaded site object by object
    (for a big site, tearing down the interpreter took longer than rendering an edit)."""
    code = main(argv, fresh_workers=True)  # our entry points run nothing when imported
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            code = code or 1
    os._exit(code)


WARNINGS_SHOWN = 5  # build lists the first few; check lists every one


def _print_warnings(warnings: Sequence[Problem]) -> None:
    """A count of a build's data warnings and the first few (check gives them all)."""
    if not warnings:
        return
    shown = sorted(set(warnings))[:WARNINGS_SHOWN]
    print(format_problems(shown), file=sys.stderr)
    count = len(set(warnings))
    rest = f", {count - len(shown)} more not shown" if count > len(shown) else ""
    print(f"{count} warning{'s' * (count != 1)}{rest}: `check` lists them all",
          file=sys.stderr)


def _import_results(args: argparse.Namespace, parser: argparse.ArgumentParser) -> ImportReport:
    from site_gen.importer.results_table import RaceChoice, import_results

    needed = [o for o in ("season", "stop", "category", "distance") if not getattr(args, o)]
    if needed:
        parser.error(f"a results table needs {', '.join('--' + o for o in needed)} to place "
                     "it in a stop's race")
    if args.same_as:
        parser.error("--same-as is for articles; import the table, then the fix it prints")
    choice = RaceChoice(args.season, args.stop, args.category, args.distance, args.number,
                        args.date or "")
    return import_results(args.article, args.content, choice, force=args.force)


def _print_hints(hints: Sequence[Hint], args: argparse.Namespace) -> None:
    """Each new skater who may be a registry one: both slugs, and the fix."""
    from site_gen.importer.identity import fix_line

    for hint in hints:
        new, old = hint.new, hint.old
        name, nation = old.at(max(s for s, _n, _nat in old.stints))
        print(f"{new.slug} ({new.name}, {new.nation}) may be {old.slug} ({name}, {nation}): "
              f"if so, add {fix_line(hint.fix)} to {old.slug} in skaters.yaml and drop "
              f"{new.slug}" + ("" if args.article.suffix.lower() in (".csv", ".tsv") else
                               f", or run: site-gen import {args.article} --content "
                               f"{args.content} --force --same-as {new.slug}={old.slug}"))


def _dispatch(args: argparse.Namespace, parser: argparse.ArgumentParser,
              fresh_workers: bool) -> int:
    if args.command == "build":
        _positive(args.jobs, "--jobs", parser)
        if problem := out_problem(args.content, args.out):
            parser.error(problem)
        from site_gen.engine.build import build_site
        from site_gen.routing.urls import normalize_base_url

        try:
            base = None if args.base_url is None else normalize_base_url(args.base_url)
        except ValueError as exc:
            parser.error(str(exc))
        from site_gen.engine.progress import Progress

        report = build_site(args.content, args.out, base_url=base, jobs=args.jobs,
                            progress=Progress(), allow_removal=args.allow_removal,
                            wait=args.wait, fresh_workers=fresh_workers)
        _print_warnings(report.warnings)
        print(report.summary())
        return 0
    if args.command == "serve":
        if args.out is not None and (problem := out_problem(args.content, args.out)):
            parser.error(problem)
        from site_gen.serve.loop import serve

        return serve(args.content, host=args.host, port=args.port, out=args.out,
                     fresh_workers=fresh_workers)
    if args.command == "check":
        from site_gen.check.run import run_check
        from site_gen.routing.published import summarize

        problems = run_check(args.content)
        if args.format == "text":  # JSON keeps one entry a lost URL, each at its line
            problems = summarize(problems, listing=True)
        if problems:
            print(format_problems(problems, args.format))
        elif args.format == "json":
            print("[]")
        errors = [p for p in problems if p.severity == "error"]
        failed = bool(errors) or (args.strict and bool(problems))
        if args.format == "text":
            warned = len(problems) - len(errors)
            print(f"{len(errors)} error{'s' * (len(errors) != 1)}, "
                  f"{warned} warning{'s' * (warned != 1)}", file=sys.stderr)
        return 1 if failed else 0
    if args.command == "import":
        from site_gen.importer.article_import import import_article
        from site_gen.routing.published import read_manifest

        imported = _import_results(args, parser) if args.article.suffix.lower() in (
            ".csv", ".tsv") else import_article(args.article, args.content, force=args.force,
                                                same_as=args.same_as)
        if imported.warnings:
            print(format_problems(imported.warnings), file=sys.stderr)
        for path in imported.written:
            print(f"wrote {path}")
        published = read_manifest(args.content) if imported.removed else {}
        for path in imported.removed:
            print(f"removed {path} (a stop the article does not have)")
            if f"/seasons/{path.parent.name}/{path.stem}/" in published:
                print("  its pages were published: the next build refuses to drop them; "
                      "build with --allow-removal if the stop is gone for good")
        if imported.backup is not None:
            print(f"kept the files it replaced in {imported.backup}")
        if imported.new_venues:
            print(f"added {len(imported.new_venues)} venue{'s' * (len(imported.new_venues) != 1)}"
                  f" to venues.yaml: {', '.join(imported.new_venues)}")
        if imported.new_nations:
            print(f"added {len(imported.new_nations)} nation"
                  f"{'s' * (len(imported.new_nations) != 1)}: {', '.join(imported.new_nations)}")
        if imported.new_skaters:  # to review: a renamed skater not matched shows up here
            print(f"added {len(imported.new_skaters)} skater"
                  f"{'s' * (len(imported.new_skaters) != 1)} to skaters.yaml: "
                  f"{', '.join(imported.new_skaters)}\n(one who raced before under another name "
                  "or nation: record that change in their entry, remove the new one and import "
                  "again with --force)")
        _print_hints(imported.hints, args)
        if not imported.written and not imported.removed:
            print(f"nothing changed: {args.content} already holds this article")
        return 0
    if args.command == "synth":
        _positive(args.seasons, "--seasons", parser)
        from site_gen.synth.generate import write_synthetic

        write_synthetic(args.content, seasons=args.seasons, seed=args.seed)
        return 0
    parser.error(f"unknown command {args.command}")
    return 2
