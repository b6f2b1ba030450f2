"""Deterministic, hand-editable YAML text: block mappings, one flow mapping per result line."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import yaml

_UNSAFE_START = set("-?:,[]{}#&*!|>'\"%@` ")
_UNSAFE = re.compile(r": |:$| #|[,\[\]{}\n\t]")


def scalar(value: Any) -> str:
    """One value as YAML: plain when that reads back as the same value, else double-quoted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, date)):
        return str(value.isoformat() if isinstance(value, date) else value)
    text = str(value)
    if text and text[0] not in _UNSAFE_START and text == text.strip() and not _UNSAFE.search(text):
        try:
            if yaml.safe_load(text) == text:
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)


def flow(mapping: dict[str, Any]) -> str:
    """``{place: 1, skater: lee-seung-jae}``; lists of scalars become ``[a, b]``."""
    parts = []
    for key, value in mapping.items():
        if isinstance(value, (list, tuple)):
            parts.append(f"{key}: [{', '.join(scalar(v) for v in value)}]")
        else:
            parts.append(f"{key}: {scalar(value)}")
    return "{" + ", ".join(parts) + "}"


def _is_leaf(value: Any) -> bool:
    return isinstance(value, dict) and all(
        not isinstance(v, dict)
        and (not isinstance(v, (list, tuple)) or all(not isinstance(x, (dict, list)) for x in v))
        for v in value.values()
    )


def _block(value: Any, indent: int, flow_leaves: bool) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (dict, list, tuple)) and item:
                lines.append(f"{pad}{key}:")
                lines.extend(_block(item, indent + 2, flow_leaves))
            elif isinstance(item, (dict, list, tuple)):
                lines.append(f"{pad}{key}: {'{}' if isinstance(item, dict) else '[]'}")
            else:
                lines.append(f"{pad}{key}: {scalar(item)}")
        return lines
    for item in value:
        if isinstance(item, dict) and flow_leaves and _is_leaf(item):
            lines.append(f"{pad}- {flow(item)}")
        elif isinstance(item, dict):
            inner = _block(item, indent + 2, flow_leaves)
            inner[0] = f"{pad}- {inner[0][indent + 2:]}"
            lines.extend(inner)
        else:
            lines.append(f"{pad}- {scalar(item)}")
    return lines


def dump(value: dict[str, Any] | list[Any], header: str = "", flow_leaves: bool = True) -> str:
    """The whole document as text, ending in a newline; ``header`` becomes ``#`` comment lines."""
    lines = [f"# {h}" if h else "#" for h in header.splitlines()]
    lines.extend(_block(value, 0, flow_leaves))
    return "\n".join(lines) + "\n"
