"""Data problems with their place: every stage collects them, the CLI prints them all."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

ECHO = 120  # characters of a value echoed in a message; the rest is cut
MESSAGE = 2000  # characters of a whole message, whatever it quotes (values are cut at ECHO)
# a quoted value: an opening quote after no letter, then anything up to the first quote that no
# letter follows (an apostrophe inside a word, "Ahn's" or 'O'Brien', is not a quote)
_QUOTED = re.compile(r"(?<!\w)'((?:[^'\n]|'(?=\w))*)'(?!\w)")


def cut(value: object, limit: int = ECHO) -> str:
    """A value as echoed in a message: at most ``limit`` characters, then '…'."""
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "…"


def bounded(message: str) -> str:
    """A message with every quoted value cut, and at most MESSAGE characters (its start and its
    end, which says what to do, are kept)."""
    if len(message) <= ECHO:
        return message
    message = _QUOTED.sub(lambda m: f"'{cut(m.group(1))}'", message)  # cut() keeps a short one
    if len(message) > MESSAGE:
        message = f"{message[:MESSAGE // 2]}…{message[-MESSAGE // 3:]}"
    return message


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in the input, located at ``file:line:col`` (1-based; 0 = unknown)."""

    file: str
    line: int
    col: int
    message: str
    severity: str = "error"  # "error" or "warning"
    code: str = "data"

    def __post_init__(self) -> None:  # a 1 MB value in the data gives a message of one line
        if len(self.message) > ECHO:
            object.__setattr__(self, "message", bounded(self.message))

    def format(self) -> str:
        place = self.file
        if self.line:
            place += f":{self.line}"
            if self.col:
                place += f":{self.col}"
        return f"{place}: {self.severity}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


class DataError(Exception):
    """Raised with every problem found, when at least one is an error."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))  # one slip reached twice is listed once
        super().__init__("\n".join(p.format() for p in self.problems))


REPORT = ("This is a bug in site-gen, not a problem in your data: please report it, with the "
          "traceback above.")


class InternalError(Exception):
    """A bug in our own code, never in the input: the CLI shows it with its traceback (kept as
    text in ``details``, so it crosses from a render worker) and asks for a report."""

    def __init__(self, message: str, details: str = "") -> None:
        super().__init__(message, details)  # both, so it is rebuilt whole when unpickled
        self.message = message
        self.details = details

    def __str__(self) -> str:
        return self.message

    def format(self) -> str:
        return f"{self.details}internal error: {self.message}\n{REPORT}"


class OutputError(Exception):
    """The output cannot be written (an unsafe path, a full disk): one line, exit 1."""


class Collector:
    """Accumulates problems for one run; ``raise_if_errors`` ends a stage that found errors."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def error(
        self, file: str | Path, line: int, col: int, message: str, code: str = "data"
    ) -> None:
        self.problems.append(Problem(str(file), line, col, message, "error", code))

    def warning(
        self, file: str | Path, line: int, col: int, message: str, code: str = "lint"
    ) -> None:
        self.problems.append(Problem(str(file), line, col, message, "warning", code))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise DataError(self.problems)


def format_problems(problems: Iterable[Problem], fmt: str = "text") -> str:
    items = sorted(set(problems))
    if fmt == "json":
        return json.dumps([p.as_dict() for p in items], indent=2, ensure_ascii=False)
    return "\n".join(p.format() for p in items)
