"""Where templates and static files come from: a project's own folders first, then the defaults.

The defaults are the repository's top-level ``templates/`` and ``static/``; an installed wheel
carries them inside the package (``site_gen/templates``, ``site_gen/static``: see pyproject.toml).
A ``templates/`` or ``static/`` folder beside the content folder overrides them file by file, as
MkDocs' ``custom_dir`` does: a project that only wants its own ``base.html`` ships just that.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]  # site_gen/


def default_folder(name: str) -> Path:
    """The default ``templates`` or ``static`` folder: in the package when installed from a
    wheel, else the checkout's top-level folder."""
    packaged = _PACKAGE / name
    return packaged if packaged.is_dir() else _PACKAGE.parent / name


TEMPLATES = default_folder("templates")
STATIC = default_folder("static")


def _search_path(content: Path, name: str, given: Path | None, default: Path) -> tuple[Path, ...]:
    own = given if given is not None else Path(content).parent / name
    if own.is_dir() and own.resolve() != default.resolve():
        return (own, default)
    return (default,)


@dataclass(frozen=True)
class Theme:
    """The folders templates and static files are looked up in, first match wins."""

    templates: tuple[Path, ...]
    static: tuple[Path, ...]

    @classmethod
    def for_content(cls, content: Path, templates: Path | None = None,
                    static: Path | None = None) -> Theme:
        """The project's folders beside ``content`` (or the ones given), over the defaults."""
        return cls(_search_path(content, "templates", templates, TEMPLATES),
                   _search_path(content, "static", static, STATIC))

    def static_files(self) -> dict[str, Path]:
        """Output path (``static/…``) → the file it is copied from, in output-path order."""
        found: dict[str, Path] = {}
        for folder in self.static:
            for rel, path in _files(folder):
                found.setdefault("static/" + rel, path)
        return dict(sorted(found.items()))

    def folders(self) -> list[Path]:
        """Every folder whose files the site is built from (for the dev server's watcher)."""
        return [*self.templates, *self.static]

    def digest(self, folders: tuple[Path, ...] | None = None) -> str:
        """Digest of the file names and bytes of ``folders`` (default: all), in search order."""
        h = hashlib.sha256()
        for folder in self.folders() if folders is None else folders:
            h.update(b"\1" + str(folder).encode() + b"\0")
            for rel, path in _files(folder):
                h.update(rel.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
        return h.hexdigest()[:32]


def _files(folder: Path) -> Iterator[tuple[str, Path]]:
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                yield path.relative_to(folder).as_posix(), path
