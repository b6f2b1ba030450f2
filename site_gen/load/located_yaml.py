"""YAML parsed into located nodes, so every value knows its ``file:line:col``.

Anchors/aliases are refused (they are never needed in content and enable alias bombs),
as are oversized files and absurd nesting.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

try:  # libyaml is ~10x faster; marks are the same
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from site_gen.errors import Problem
from site_gen.load.content_files import MAX_FILE_BYTES, Unreadable, read_text

CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
MAX_DEPTH = 40


@dataclass(frozen=True)
class Node:
    """A YAML value with its place. ``value`` is dict[str, Node], list[Node] or a scalar."""

    value: Any
    file: str
    line: int
    col: int
    raw: str | None = None  # the text as written, when YAML read it as a non-text scalar (NO)

    @property
    def shown(self) -> str:
        """The value as the maintainer wrote it, for messages."""
        return self.raw if self.raw is not None else str(self.value)

    def problem(self, message: str, severity: str = "error", code: str = "schema") -> Problem:
        return Problem(self.file, self.line, self.col, message, severity, code)

    @property
    def plain(self) -> Any:
        """The value with all positions stripped."""
        if isinstance(self.value, dict):
            return {k: v.plain for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain for v in self.value]
        return self.value


class YamlProblem(Exception):
    def __init__(self, problem: Problem, more: list[Problem] | None = None) -> None:
        self.problem = problem
        self.problems = [problem, *(more or [])]
        super().__init__(problem.format())


_constructor = yaml.SafeLoader("")
_RESOLVED: dict[tuple[str, tuple[bool, bool]], str] = {}
_STR = "tag:yaml.org,2002:str"


class _FastLoader(_Loader):  # type: ignore[misc, valid-type]
    """libyaml's loader with the (pure Python) implicit tag resolution memoised."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is not yaml.ScalarNode:
            return super().resolve(kind, value, implicit)
        key = (value, implicit)
        tag = _RESOLVED.get(key)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(_RESOLVED) < 200_000:
                _RESOLVED[key] = tag
        return tag


def _scalar(node: yaml.ScalarNode) -> Any:
    if node.tag == _STR:
        return node.value
    try:
        return _constructor.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, OverflowError):
        # e.g. an impossible timestamp such as 2003-02-30: keep the text, validation reports it
        return node.value


def _convert(node: yaml.Node, file: str, depth: int, seen: set[int],
             problems: list[Problem]) -> Node:
    """Located nodes; problems that leave the rest readable (a duplicate key, a merge key,
    a control character) are collected in ``problems`` so one run reports them all."""
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    if depth > MAX_DEPTH:
        raise YamlProblem(Problem(file, line, col, f"nesting deeper than {MAX_DEPTH} levels"))
    if id(node) in seen:
        raise YamlProblem(Problem(file, line, col, "YAML anchors and aliases are not supported"))
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Node] = {}
        first: dict[str, int] = {}
        for key_node, value_node in node.value:
            place = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key_node.tag == "tag:yaml.org,2002:merge":
                problems.append(Problem(file, *place, "YAML merge keys ('<<') are not "
                                        "supported: write the fields out"))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(file, *place, "mapping keys must be plain text"))
                continue
            name = str(key_node.value)  # as written: 'NO' stays 'NO', '1.50' stays '1.50'
            if name in first:
                problems.append(Problem(file, *place, f"duplicate key '{name}' (first at line "
                                        f"{first[name]}); a mapping names each key once"))
                continue
            first[name] = place[0]
            out[name] = _convert(value_node, file, depth + 1, seen, problems)
        return Node(out, file, line, col)
    if isinstance(node, yaml.SequenceNode):
        return Node([_convert(n, file, depth + 1, seen, problems) for n in node.value],
                    file, line, col)
    value = _scalar(node)  # type: ignore[arg-type]
    if isinstance(value, str):
        if bad := CONTROL_CHARS.search(value):
            # written only through escapes ("\a", "\x1b"); they make XML output (feeds) invalid
            problems.append(Problem(file, line, col, f"text contains the control character "
                                    f"U+{ord(bad.group()):04X}"))
        return Node(value, file, line, col)
    plain = not getattr(node, "style", None)  # libyaml gives "" for plain, PyYAML None
    return Node(value, file, line, col, raw=node.value if plain else None)


SAFE_DEPTH = 500  # far below where libyaml's recursive composer crashes


def _needs_prescan(text: str) -> bool:
    """Cheap bound: only text that might hold aliases or deep nesting gets the event scan.

    A line's nesting depth is at most its indentation plus its leading '- ' items plus the
    brackets opened on it (+ slack); flow collections spanning lines are always scanned."""
    if "*" in text or "&" in text:
        return True
    for line in text.splitlines():
        opens = line.count("[") + line.count("{")
        if opens != line.count("]") + line.count("}"):
            return True
        body = line.lstrip(" ")
        indent = len(line) - len(body)
        dashes = len(body) - len(body.lstrip("- "))
        if indent + dashes + opens + 2 > SAFE_DEPTH:
            return True
    return False


def _prescan(text: str, file: str) -> None:
    """Refuse aliases and absurd nesting from the event stream, before composing: libyaml's
    composer recurses in C and crashes the interpreter (a segfault) on very deep input.

    Newer libyaml (PyYAML 6.0.4) refuses 1000 levels with its own 'exceeded maximum nesting
    depth' before giving an event: on an error of libyaml the scan is repeated with PyYAML's
    own parser (no such limit), so deep nesting is our error at its place with any PyYAML;
    any other error is libyaml's, as without the scan."""
    try:
        _scan_events(text, file, _Loader)
    except yaml.MarkedYAMLError as exc:
        if _Loader is not yaml.SafeLoader:
            try:
                _scan_events(text, file, yaml.SafeLoader)
            except yaml.YAMLError:
                pass
        raise exc from None


def _scan_events(text: str, file: str, loader: type) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        mark = event.start_mark
        if isinstance(event, yaml.AliasEvent) and mark is not None:
            raise YamlProblem(Problem(file, mark.line + 1, mark.column + 1,
                                      "YAML anchors and aliases are not supported"))
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH + 1 and mark is not None:
                raise YamlProblem(Problem(file, mark.line + 1, mark.column + 1,
                                          f"nesting deeper than {MAX_DEPTH} levels"))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def parse_text(text: str, file: str, problems: list[Problem] | None = None) -> Node:
    """Parse one YAML document; raises YamlProblem with the place of the first syntax error.

    Problems that leave the document readable go to ``problems`` when it is given (the node
    is returned), else the first of them is raised too."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        raise YamlProblem(Problem(file, 0, 0, f"file larger than {MAX_FILE_BYTES // 2**20} MiB"))
    try:
        if _needs_prescan(text):
            _prescan(text, file)
        root = yaml.compose(text, Loader=_FastLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        msg = f"invalid YAML: {exc.problem or exc.context}"
        if "tab" in msg:
            msg += " (indent with spaces, never tabs)"
        raise YamlProblem(Problem(file, line, col, msg, code="syntax")) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(Problem(file, 0, 0, f"invalid YAML: {exc}", code="syntax")) from None
    except RecursionError:
        raise YamlProblem(Problem(file, 0, 0, "YAML nesting is too deep", code="syntax")) from None
    if root is None:
        return Node(None, file, 1, 1)
    found: list[Problem] = []
    node = _convert(root, file, 0, set(), found)
    if found and problems is None:
        raise YamlProblem(found[0], found[1:])
    if problems is not None:
        problems.extend(found)
    return node


_SHARED: ContextVar[dict[tuple[str, str, int, int], tuple[Node, list[Problem]]] | None] = \
    ContextVar("shared_parses", default=None)


@contextmanager
def shared_parses() -> Iterator[None]:
    """Within it, a file read twice under the same name (by the loader, then by the lints of
    ``check`` and ``build``) is parsed once, while its size and modification time stay."""
    token = _SHARED.set({})
    try:
        yield
    finally:
        _SHARED.reset(token)


def parse_file(path: Path, display: str, problems: list[Problem] | None = None) -> Node:
    shared = _SHARED.get()
    key = None
    if shared is not None:
        try:
            st = path.stat()
            key = (str(path), display, st.st_mtime_ns, st.st_size)
        except OSError:
            pass
    hit = shared.get(key) if shared is not None and key is not None else None
    if hit is None:
        try:
            text = read_text(path)
        except Unreadable as exc:
            raise YamlProblem(Problem(display, 0, 0, str(exc), code="io")) from None
        found: list[Problem] = []
        hit = (parse_text(text, display, found), found)
        if shared is not None and key is not None:
            shared[key] = hit
    node, found = hit
    if found and problems is None:
        raise YamlProblem(found[0], found[1:])
    if problems is not None:
        problems.extend(found)
    return node
