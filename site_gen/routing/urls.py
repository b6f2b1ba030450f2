"""URLs from the table of route kinds (kinds.py), prefixed with the base URL; a page's output
file is derived from its URL path."""

from __future__ import annotations

from urllib.parse import urlsplit

from site_gen.routing.kinds import KINDS


def normalize_base_url(base: str) -> str:
    """'https://example.org/stats' → 'https://example.org/stats/'; '/' stays '/'."""
    base = (base or "/").strip()
    parts = urlsplit(base)
    if parts.scheme and parts.scheme not in ("http", "https"):
        raise ValueError(f"--base-url must be http(s) or a path, not '{base}'")
    if parts.scheme and not parts.netloc:
        raise ValueError(f"--base-url '{base}' has no host")
    if parts.query or parts.fragment:
        raise ValueError("--base-url cannot have a query or fragment")
    if not parts.scheme and not base.startswith("/"):
        raise ValueError("--base-url must be an absolute URL or start with '/'")
    return base if base.endswith("/") else base + "/"


def output_file(path: str) -> str:
    """URL path → file in the output folder: pretty URLs become PATH/index.html."""
    return path + "index.html" if path == "" or path.endswith("/") else path


class UrlFor:
    """Prefixes site paths with the base path (links) or the full base URL (absolute links)."""

    def __init__(self, base_url: str = "/") -> None:
        self.base_url = normalize_base_url(base_url)
        parts = urlsplit(self.base_url)
        self.base_path = parts.path if parts.path.endswith("/") else parts.path + "/"
        self.origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme else ""

    def __call__(self, kind: str, *args: object) -> str:
        url = _URLS.get(kind)  # path_for, inlined: templates call this ~30 times a page
        if url is None:
            raise KeyError(f"no URL kind '{kind}'")
        return self.base_path + url(*args)

    def absolute(self, kind: str, *args: object) -> str:
        """Absolute URL when --base-url has a host, else a root-relative one."""
        return self.origin + self(kind, *args)

    def path(self, site_path: str) -> str:
        return self.base_path + site_path


def path_for(kind: str, *args: object) -> str:
    """The URL path of a route kind's page or file (routing/kinds.py) for its arguments."""
    url = _URLS.get(kind)
    if url is None:
        raise KeyError(f"no URL kind '{kind}'")
    return url(*args)


_URLS = {name: kind.url for name, kind in KINDS.items() if kind.url is not None}
