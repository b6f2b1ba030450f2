"""Crawl a built site on disk: every internal link and asset must resolve to a file."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.loads: list[str] = []  # what the browser fetches by itself: all but <a> links
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"] or "")
        for key in ("href", "src"):
            if a.get(key) and not (tag == "a" and key == "src"):
                self.links.append(a[key] or "")
                if tag != "a":
                    self.loads.append(a[key] or "")
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            content = a.get("content") or ""
            if "url=" in content:
                self.links.append(content.split("url=", 1)[1])
                self.loads.append(content.split("url=", 1)[1])


def parse(path: Path) -> _Links:
    p = _Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def resolve(root: Path, base_path: str, link: str) -> Path | None:
    """The file a root-relative link under base_path points to, or None if it is external."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("#", "mailto:")):
        return None
    path = unquote(parts.path)
    assert path.startswith(base_path), f"link {link!r} is outside the base path {base_path!r}"
    rel = path[len(base_path):]
    target = root / rel
    return target / "index.html" if rel == "" or rel.endswith("/") else target


def broken_links(root: Path, base_path: str = "/") -> list[str]:
    broken = []
    for page in sorted(root.rglob("*.html")):
        here = base_path + page.relative_to(root).as_posix()
        for link in parse(page).links:
            target = resolve(root, base_path, urljoin(here, link))
            if target is not None and not target.is_file():
                broken.append(f"{page.relative_to(root)} → {link}")
    return broken


def external_links(root: Path, anchors: bool = False) -> list[str]:
    """Links that would make the browser load something from another host; ``anchors``: the
    plain <a> links to another host instead (a reader follows them or not)."""
    found = []
    for page in sorted(root.rglob("*.html")):
        p = parse(page)
        loads = set(p.loads)
        for link in p.links:
            if urlsplit(link).netloc and (link in loads) != anchors:
                found.append(f"{page.relative_to(root)} → {link}")
    return found
