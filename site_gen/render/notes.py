"""Source notes of a page: one note per fact, listing what it applies to.

The data records every correction of its source where it applies (a race, a standings table, a
stop, a season). A page gathers those it shows: identical texts become one numbered note that
lists what it applies to, and each row it concerns carries the note's number (macros.html)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Note:
    number: int
    text: str
    applies_to: tuple[str, ...]  # labels of what it concerns; empty: the page as a whole


@dataclass(frozen=True)
class Notes:
    items: tuple[Note, ...] = ()
    marks: dict[Hashable, tuple[int, ...]] = field(default_factory=dict)

    def mark(self, key: Hashable) -> tuple[int, ...]:
        """The numbers of the notes on ``key`` (a race, a standings table…), in order."""
        return self.marks.get(key, ())

    def __len__(self) -> int:
        return len(self.items)


def grouped(labels: list[str]) -> tuple[str, ...]:
    """'Beijing: Women 500m', 'Beijing: Women 1000m' → 'Beijing: Women 500m, Women 1000m': the
    labels sharing what comes before ': ' said once, in their order."""
    out: dict[str, list[str]] = {}
    for label in labels:
        head, sep, rest = label.partition(": ")
        out.setdefault(head if sep else label, []).extend([rest] if sep else [])
    return tuple(f"{head}: {', '.join(rest)}" if rest else head for head, rest in out.items())


Entry = tuple[Hashable | None, str, Iterable[str]]  # (key or None for the page, label, texts)


def collect(entries: Iterable[Entry]) -> Notes:
    """One note per distinct text, in the order first met; a note's labels in that order."""
    numbers: dict[str, int] = {}
    labels: dict[str, list[str]] = {}
    marks: dict[Hashable, list[int]] = {}
    for key, label, texts in entries:
        for text in texts:
            n = numbers.setdefault(text, len(numbers) + 1)
            if key is not None:
                seen = labels.setdefault(text, [])
                if label and label not in seen:
                    seen.append(label)
                if n not in marks.setdefault(key, []):
                    marks[key].append(n)
            else:
                labels.setdefault(text, [])
    items = tuple(Note(n, text, grouped(labels[text])) for text, n in numbers.items())
    return Notes(items, {k: tuple(v) for k, v in marks.items()})
