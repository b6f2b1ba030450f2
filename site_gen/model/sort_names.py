"""How a skater's name sorts: by family name (docs/content.md, 'How names sort').

A registry entry's ``sort_name`` ('Ahn, Hyun-soo') is the family name, a comma, then the rest,
as import writes it from an ISU name. Without one the family name is the last word, and lower
case particles before it go with it, after the given name, as import writes them: 'Itzhak de
Laat' → 'Laat, Itzhak de', "Jens van 't Wout" → "Wout, Jens van 't". The registry gives
``sort_name`` where the family name comes first ('Wang Meng' → 'Wang, Meng').
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from site_gen.model.slugs import fold

if TYPE_CHECKING:
    from site_gen.model.site import Skater

# lower-case words that belong to the family name that follows them
PARTICLES = frozenset(("van", "von", "der", "den", "ter", "ten", "te", "het", "zu", "'t", "’t",
                       "de", "du", "da", "di", "del", "della", "dos", "das", "la", "le"))


def default_sort_name(name: str) -> str:
    """'Charles Hamelin' → 'Hamelin, Charles'; 'Itzhak de Laat' → 'Laat, Itzhak de'."""
    words = name.split()
    if len(words) < 2:
        return name.strip()
    start = len(words) - 1
    while start > 1 and words[start - 1] in PARTICLES:
        start -= 1
    return f"{words[-1]}, {' '.join(words[:start] + words[start:-1])}"


def sort_name(sk: Skater) -> str:
    """The registry's ``sort_name``, else the default rule applied to the skater's name."""
    return sk.sort_name or default_sort_name(sk.name)


def sort_key(sk: Skater) -> tuple[str, str]:
    """Order by family name, accents folded ('Bédard, Éric' among the B's), then slug."""
    return (fold(sort_name(sk)).casefold(), sk.slug)


def index_letter(sk: Skater) -> str:
    """The letter a skater is filed under in the index: A–Z, or '#' for anything else."""
    letter = fold(sort_name(sk)).lstrip("'’ ")[:1].upper()
    return letter if "A" <= letter <= "Z" else "#"
