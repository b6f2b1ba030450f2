"""Fields added to existing entries of skaters.yaml, keeping the rest of its text as it is.

Only block-style entries are edited (what import and the 2003-04 content write); a key the
entry lacks goes at its end, an item of a list it has after that list's last item.
"""

from __future__ import annotations

from typing import Any

from site_gen.importer.yaml_writer import flow, scalar
from site_gen.load.located_yaml import Node


def last_line(node: Node) -> int:
    """The last line a node's value takes."""
    if isinstance(node.value, dict):
        return max([node.line, *(last_line(v) for v in node.value.values())])
    if isinstance(node.value, list):
        return max([node.line, *(last_line(v) for v in node.value)])
    return node.line


def _value(value: Any) -> str:
    return flow(value) if isinstance(value, dict) else scalar(value)


def edit_entries(text: str, entries: dict[str, Node], additions: dict[str, list[tuple[str, Any]]],
                 removed: frozenset[str] | set[str] = frozenset()) -> str:
    """``text`` with (key, value) added to the entry of each slug; a list value's items are
    appended to the entry's list of that key. Flow-style entries are left as they are. The
    entries of ``removed`` go, with the blank line after them."""
    lines = text.splitlines(keepends=True)
    inserts: dict[int, list[str]] = {}  # after line N (1-based): new lines
    dropped: set[int] = set()
    for slug in removed:
        entry = entries[slug]
        end = last_line(entry)
        end += end < len(lines) and not lines[end].strip()
        dropped.update(range(entry.line, end + 1))
    for slug, adds in additions.items():
        node = entries.get(slug)
        if node is None or not isinstance(node.value, dict) or \
                lines[node.line - 1][node.col - 1:].startswith("{"):
            continue
        indent = " " * (node.col - 1)
        for key, value in adds:
            have = node.value.get(key)
            if isinstance(value, list) and have is not None and isinstance(have.value, list) \
                    and have.value:
                first = have.value[0]
                at = last_line(have)
                inserts.setdefault(at, []).extend(
                    f"{' ' * (first.col - 3)}- {_value(v)}\n" for v in value)
            elif have is None:
                at = last_line(node)
                if isinstance(value, list):
                    new = [f"{indent}{key}:\n", *(f"{indent}  - {_value(v)}\n" for v in value)]
                else:
                    new = [f"{indent}{key}: {_value(value)}\n"]
                inserts.setdefault(at, []).extend(new)
    out = []
    for number, line in enumerate(lines, start=1):
        if number not in dropped:
            out.append(line if line.endswith("\n") else line + "\n")
        out.extend(inserts.get(number, []))
    return "".join(out)
