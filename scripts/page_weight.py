#!/usr/bin/env python3
"""Page weight of a built site: each page's HTML plus the local CSS and JS it loads.

    python scripts/page_weight.py public/ [--top 15] [--limit-kb 60]

The search index (api/search.json, fetched by the search page's script) is data, not a
stylesheet or script, and is not counted. Exit 1 when a page is over the limit.
"""

from __future__ import annotations

import argparse
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.assets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and "stylesheet" in (a.get("rel") or "").split() and a.get("href"):
            self.assets.append(a["href"] or "")
        elif tag == "script" and a.get("src"):
            self.assets.append(a["src"] or "")


def _local(root: Path, base_path: str, link: str) -> Path | None:
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or not parts.path.startswith(base_path):
        return None
    return root / parts.path[len(base_path):]


def page_weights(root: Path, base_path: str = "/") -> list[tuple[int, str, int, int]]:
    """(total bytes, page, html bytes, asset bytes) for every HTML page, heaviest first."""
    rows = []
    for page in sorted(root.rglob("*.html")):
        rel = page.relative_to(root).as_posix()
        html = page.read_bytes()
        parser = _Assets()
        parser.feed(html.decode("utf-8", "replace"))
        assets = 0
        for link in dict.fromkeys(parser.assets):
            path = _local(root, base_path, link)
            if path is not None and path.is_file():
                assets += path.stat().st_size
        rows.append((len(html) + assets, rel, len(html), assets))
    rows.sort(reverse=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("folder", type=Path, nargs="?", default=Path("public"))
    p.add_argument("--base-path", default="/", help="path the site was built for (default /)")
    p.add_argument("--top", type=int, default=15)
    p.add_argument("--limit-kb", type=float, default=60.0)
    args = p.parse_args(argv)
    if not args.folder.is_dir():
        p.error(f"{args.folder} is not a folder (build the site first)")
    rows = page_weights(args.folder, args.base_path)
    limit = args.limit_kb * 1024
    print(f"{'total KB':>9} {'HTML':>8} {'CSS+JS':>8}  page")
    for total, rel, html, assets in rows[:args.top]:
        flag = "  OVER" if total > limit else ""
        print(f"{total / 1024:9.1f} {html / 1024:8.1f} {assets / 1024:8.1f}  {rel}{flag}")
    over = [r for r in rows if r[0] > limit]
    print(f"{len(rows)} pages; {len(over)} over {args.limit_kb:g} KB")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
