"""Small text pieces of the season article format: headings, table rows, dates, cells, names.

Every function here is pure; they return ``None`` or raise ``ValueError`` with a message that the
article parser turns into a located problem.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from site_gen.model.slugs import fold
from site_gen.model.sort_names import PARTICLES

MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}

_HEADING_RE = re.compile(r"^\s*(=+)\s*(.*?)\s*=*\s*$")
_DMY_RE = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\.?\s+([A-Za-z]+)\.?,?\s+(\d{4})$")
_MDY_RE = re.compile(r"^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_NO_YEAR_RE = re.compile(r"^(?:\d{1,2}(?:st|nd|rd|th)?\.?\s+[A-Za-z]+\.?|"
                         r"[A-Za-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?)$")
_ISO_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_RULE_RE = re.compile(r"^:?-{2,}:?$")
_REF_RE = re.compile(r"\[\s*(?:\d+|[a-z]|(?:note|nb|n) \d+|citation needed)\s*\]", re.IGNORECASE)
# a tie: 'KOR A / CHN B', 'KOR A<br>CHN B', or 'KOR A & CHN B' (also 'and', ',', ';') before a code
_TIE_RE = re.compile(r"\s*(?:(?i:<br\s*/?>)|\s/\s|(?:&|,|;|\s+and)(?=\s*[A-Z]{3}\s))\s*")
# wiki markup left in a cell: a pipe inside one of these does not end the cell
_WIKI_SPAN_RE = re.compile(r"<ref\b[^>]*?/>|<ref\b.*?</ref\s*>|\[\[.*?\]\]|\{\{.*?\}\}",
                           re.IGNORECASE)
_REF_TAG_RE = re.compile(r"<ref\b[^>]*?/>|<ref\b.*?</ref\s*>", re.IGNORECASE)
_LINK_RE = re.compile(r"\[\[(?:[^\[\]|]*\|)?([^\[\]|]*)\]\]")  # [[target|label]] → label
_FLAGICON_RE = re.compile(r"\{\{\s*flagicon\s*\|\s*([A-Za-z]{3})\s*\}\}", re.IGNORECASE)
_SORTNAME_RE = re.compile(r"\{\{\s*sortname\s*\|([^|{}]*)\|([^|{}]*)(?:\|[^{}]*)?\}\}",
                          re.IGNORECASE)  # {{sortname|Charles|Hamelin}} → Charles Hamelin
_TAG_RE = re.compile(r"</?(?:sup|sub|small|big|span|b|i|abbr)\b[^>]*>", re.IGNORECASE)
_NOBODY_RE = re.compile(r"^(?:[-–—]+|n/?a)$", re.IGNORECASE)  # a podium cell's 'no one'
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})
_BOLD_RE = re.compile(r"'{2,}")  # bold and italics; the ' of "Jens van 't Wout" stays
# invisible format characters of copied text: soft hyphen, zero-width space, direction marks
_INVISIBLE_RE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_CODE_RE = re.compile(r"^([A-Z]{3})(?:\s+(.*))?$")
_SEASON_RE = re.compile(r"(\d{4})\s*[–—/-]\s*(\d{4}|\d{2})(?!\d)")
_NUMBER_RE = re.compile(r"^(.*?)\s*\(\s*(\d+)\s*\)$")
_CAPS_RE = re.compile(r"^['’]?[^\W\d_]+(?:['’-][^\W\d_]+)*$")


@dataclass(frozen=True)
class Cell:
    """One table cell with the 1-based line and column of its first character."""

    text: str
    line: int
    col: int


def heading(line: str) -> tuple[int, str] | None:
    """``'=== Men ==='`` / ``'===Women==='`` → ``(3, 'Men')``; None when not a heading."""
    m = _HEADING_RE.match(line)
    if not m or not m.group(2):
        return None
    return len(m.group(1)), m.group(2).strip()


def split_row(line: str, number: int) -> list[Cell] | None:
    """Cells of a ``| a | b |`` row (trailing ``|`` optional); None for a ``|---|`` rule row."""
    body = line.rstrip("\r\n")
    start = body.index("|") + 1
    cells: list[Cell] = []
    pos = start
    parts = _split_pipes(body[start:])
    if parts and not parts[-1].strip():
        parts = parts[:-1]
    for part in parts:
        text = part.strip()
        lead = len(part) - len(part.lstrip())
        cells.append(Cell(text, number, pos + lead + 1))
        pos += len(part) + 1
    if cells and all(_RULE_RE.match(c.text) for c in cells) or \
            re.match(r"^\s*\|[-}+]", body):  # also a wikitable's '|-', '|}' and '|+ caption'
        return None
    return cells


def _split_pipes(text: str) -> list[str]:
    """``text`` split at each ``|`` that is not inside a wiki link, template or ``<ref>``."""
    spans = [m.span() for m in _WIKI_SPAN_RE.finditer(text)]
    parts, last = [], 0
    for at, char in enumerate(text):
        if char == "|" and not any(a < at < b for a, b in spans):
            parts.append(text[last:at])
            last = at + 1
    return [*parts, text[last:]]


def parse_date(text: str, default_year: int | None = None, season: int | None = None) -> date:
    """``17 October 2003`` / ``October 17, 2003`` / ``2003-10-17`` → date; ValueError if not.

    A date without its year takes ``default_year``, or with ``season`` (its first year) the
    year of that season the month falls in: July to December the first, else the second.
    """
    text = " ".join(text.split())
    if default_year is None and season is not None:
        named = [MONTHS[w] for w in re.findall(r"[a-z]+", text.lower()) if w in MONTHS]
        default_year = season if not named or named[0] >= 7 else season + 1
    if default_year is not None and _NO_YEAR_RE.match(text):
        text = f"{text} {default_year}"
    parts: tuple[str, str, str] | None = None
    if m := _DMY_RE.match(text):
        parts = (m.group(3), m.group(2), m.group(1))
    elif m := _MDY_RE.match(text):
        parts = (m.group(3), m.group(1), m.group(2))
    if parts is not None:
        month = MONTHS.get(parts[1].lower())
        if month is None:
            raise ValueError(f"unknown month '{parts[1]}' in date '{text}'")
        year, day = int(parts[0]), int(parts[2])
    elif m := _ISO_RE.match(text):
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        raise ValueError(f"unrecognised date '{text}' (expected e.g. '17 October 2003')")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"impossible date '{text}'") from None


class DateRangeError(ValueError):
    """Every problem of a date range, each with the piece of text it is about."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(message for _piece, message in problems))
        self.problems = problems  # (piece, message)


def parse_date_range(text: str) -> tuple[date, date]:
    """``17 October 2003 – 14 February 2004`` (the first year may be left out) → (start, end).

    Raises DateRangeError naming each bad date, the start's and the end's.
    """
    text = text.strip()
    pieces = re.split(r"\s+(?:[–—-]|to)\s+|\s*[–—]\s*", text, maxsplit=1)
    if len(pieces) != 2:
        raise DateRangeError([(text, f"expected a date range like '17 October 2003 – 14 "
                                     f"February 2004', got '{text}'")])
    problems: list[tuple[str, str]] = []
    try:
        end: date | None = parse_date(pieces[1])
    except ValueError as exc:
        problems.append((pieces[1], str(exc)))
        end = None
    try:  # without the end's year, a leap year lets '29 February' be checked
        start = parse_date(pieces[0], default_year=end.year if end else 2000)
    except ValueError as exc:
        problems.insert(0, (pieces[0], str(exc)))
    if problems or end is None:
        raise DateRangeError(problems)
    if start > end and not re.search(r"\d{4}", pieces[0]):
        start = start.replace(year=start.year - 1)
    if start > end:
        raise DateRangeError([(text, f"the season starts ({start}) after it ends ({end})")])
    return start, end


def season_id(title: str) -> str | None:
    """``2003–04 ISU Short Track …`` → ``2003-04`` (also from ``2003-2004``); None if absent."""
    m = _SEASON_RE.search(title)
    if not m:
        return None
    first, second = int(m.group(1)), m.group(2)
    following = int(second) if len(second) == 4 else (first // 100) * 100 + int(second)
    if following < first:
        following += 100
    if following != first + 1:
        return None
    return f"{first:04d}-{following % 100:02d}"


def _unwiki(text: str) -> str:
    """Text as a reader sees it: no ``<ref>`` notes, wiki links as their label
    (``[[Zhou Yang (speed skater)|Zhou Yang]]`` → ``Zhou Yang``), ``{{flagicon|KOR}}`` as its
    code, no bold or italic quotes, HTML entities (``&nbsp;``) decoded, no invisible marks."""
    text = _TAG_RE.sub("", _LINK_RE.sub(r"\1", _REF_TAG_RE.sub("", text)))
    text = _FLAGICON_RE.sub(lambda m: m.group(1).upper(), text)
    text = _SORTNAME_RE.sub(lambda m: f"{m.group(1).strip()} {m.group(2).strip()}", text)
    return _INVISIBLE_RE.sub("", html.unescape(_BOLD_RE.sub("", text))).translate(_HYPHENS)


def clean(text: str) -> str:
    """Drop wiki markup and reference marks such as ``[1]``, and collapse whitespace."""
    return " ".join(_REF_RE.sub("", _unwiki(text)).split())


def split_ties(text: str) -> list[str]:
    """A podium cell may hold a tie: ``KOR A / CHN B``, ``KOR A<br>CHN B``, ``KOR A & CHN B``;
    a dash or ``N/A`` is no one."""
    parts = (clean(x) for x in _TIE_RE.split(_unwiki(text)))
    return [p for p in parts if p and not _NOBODY_RE.match(p)]


def nation_and_rest(text: str) -> tuple[str, str] | None:
    """``KOR Ahn Hyun-soo`` → ``('KOR', 'Ahn Hyun-soo')``; None when there is no nation code."""
    m = _CODE_RE.match(text)
    if not m:
        return None
    return m.group(1), (m.group(2) or "").strip()


def distance_and_number(text: str) -> tuple[str, int]:
    """``1500m (2)`` → ``('1500m', 2)``; ``500m`` → ``('500m', 0)``."""
    m = _NUMBER_RE.match(text)
    if m:
        return m.group(1).strip(), int(m.group(2))
    return text.strip(), 0


SURNAME_FIRST = frozenset(("KOR", "PRK", "CHN", "TPE", "HKG", "MAC"))  # 'Ahn Hyun-soo', 'Wu Dajing'
_PARTICLES = frozenset(("van", "von", "der", "den", "ter", "ten", "te", "het", "zu", "'t", "’t"))


def _capitalise(word: str) -> str:
    if word[0] in "'’":  # a Dutch contraction: 'VAN 'T WOUT' → "Van 't Wout"
        return word.lower()
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0)[0].upper() + m.group(0)[1:].lower(), word)


def _is_caps(word: str) -> bool:
    """A surname word in capitals: two letters or more, or a contraction ('T in VAN 'T WOUT)."""
    letters = sum(c.isalpha() for c in word)
    return bool(_CAPS_RE.match(word)) and word == word.upper() and \
        (letters >= 2 or word[0] in "'’")


def _particles(surname: list[str], nation: str, first: bool) -> list[str]:
    """Dutch and German particles of a surname in lower case: all of them after the given name
    ('Jens van 't Wout', 'Rianne de Laat'), all but the first when the surname leads."""
    lower = _PARTICLES | ({"de"} if nation == "NED" else set())
    out: list[str] = []
    for i, word in enumerate(surname):
        particle = word.lower() in lower or (word.lower() == "de" and i > 0
                                             and surname[i - 1].lower() in lower)
        lead = first and i == 0
        out.append(word.lower() if particle and not lead and i < len(surname) - 1 else word)
    return out


HYPHENATED_GIVEN = frozenset(("KOR", "PRK"))  # 'Hwang Dae-heon', 'Kim A-lang'


def _korean_given(given: list[str]) -> list[str]:
    """A Korean given name of two syllables as usually written in English: ISU's 'Dae Heon'
    becomes 'Dae-heon'; other shapes are kept."""
    if len(given) == 2 and all(w.isalpha() and w[:1].isupper() for w in given):
        return [f"{given[0]}-{given[1].lower()}"]
    return given


def _all_caps(text: str) -> bool:
    return any(c.isupper() for c in text) and text == text.upper()


_LEADING_PARTICLES = PARTICLES  # a particle before the capitals belongs to the surname


def _isu_parts(words: list[str]) -> tuple[list[str], list[str], bool] | None:
    """(surname, given name, surname written first) of a name whose surname is in capitals:
    ``OHNO Apolo Anton``, ``de LAAT Itzhak`` (a particle before the capitals belongs to the
    surname), ``Victor AN``; None for other names and for names all in capitals."""
    lead = 0
    while lead < len(words) - 1 and words[lead] in _LEADING_PARTICLES:
        lead += 1
    caps = lead
    while caps < len(words) and _is_caps(words[caps]):
        caps += 1
    if caps > lead and not all(w == w.upper() for w in words[caps:]):
        return words[:caps], words[caps:], True
    end = len(words)
    while end > 0 and _is_caps(words[end - 1]):
        end -= 1
    if end == len(words) or end == 0:
        return None
    while end > 1 and words[end - 1] in _LEADING_PARTICLES:
        end -= 1
    if all(w == w.upper() for w in words[:end]):
        return None
    return words[end:], words[:end], False


def _surname(words: list[str]) -> list[str]:
    return [w if w in _LEADING_PARTICLES else _capitalise(w) for w in words]


def normalise_name(text: str, nation: str | None = None) -> tuple[str, str | None]:
    """A skater's name as the site writes it, and the other word order of an ISU name.

    An ISU name has its surname in capitals, first (``OHNO Apolo Anton``, ``de LAAT Itzhak``)
    or last (``Victor AN``): the surname is capitalised, and with the skater's ``nation`` put
    where that nation usually has it: after the given name (``Apolo Anton Ohno``, ``Itzhak de
    Laat``, ``Jens van 't Wout``) except for Korean and Chinese names, which keep the surname
    first (``Wu Dajing``; a Korean two-syllable given name is hyphenated: ``HWANG Dae Heon`` →
    ``Hwang Dae-heon``). Without a nation the order is kept (``Ohno Apolo Anton``). A name all
    in capitals is capitalised word by word; other names stay as written. Both give (name,
    None).
    """
    words = text.split()
    parts = _isu_parts(words)
    if parts is None:
        upper = _all_caps(text)
        return " ".join(_capitalise(w) if upper else w for w in words), None
    written, given, led = parts
    surname = _surname(written)
    given = _korean_given(given) if nation in HYPHENATED_GIVEN else given
    first = " ".join(_particles(surname, nation or "", first=True) + given)
    last = " ".join(given + _particles(surname, nation or "", first=False))
    if nation is None:
        return (first, last) if led else (last, first)
    return (first, last) if nation in SURNAME_FIRST else (last, first)


def sort_name(text: str, nation: str | None = None) -> str | None:
    """The name a skater is sorted by, when the source marks the family name with capitals:
    ``HWANG Dae Heon`` → ``Hwang, Dae-heon``, ``Victor AN`` → ``An, Victor``, ``de LAAT
    Itzhak`` → ``Laat, Itzhak de``; None when nothing marks it."""
    parts = _isu_parts(text.split())
    if parts is None:
        return None
    written, given, _led = parts
    surname = _particles(_surname(written), nation or "", first=False)
    lead = 0
    while lead < len(surname) - 1 and surname[lead] == surname[lead].lower():
        lead += 1
    given = _korean_given(given) if nation in HYPHENATED_GIVEN else given
    return " ".join(surname[lead:]) + ", " + " ".join(given + surname[:lead])


def name_form(text: str) -> int:
    """How a name is written: 2 as usual ('Jens van 't Wout'), 1 in ISU style with the surname
    in capitals ('VAN 'T WOUT Jens'), 0 all in capitals ('JENS VAN 'T WOUT')."""
    if _isu_parts(text.split()):
        return 1
    return 0 if _all_caps(text) else 2


def name_key(name: str) -> str:
    """Folded comparison key: ``Hwang Dae-heon`` and ``HWANG Dae Heon`` both → ``hwangdaeheon``."""
    return re.sub(r"[^a-z0-9]", "", fold(name).lower())


def odd_character(name: str) -> str | None:
    """The first character that has no place in a skater's, team's or city's name, if any.

    A name has letters (of any script, with their accents), spaces, hyphens, apostrophes and
    full stops ('J. R. Celski', "Jens van 't Wout", "'s-Hertogenbosch")."""
    for char in name:
        if not (char.isalpha() or char in " '’." or unicodedata.category(char)[0] == "M"
                or unicodedata.category(char) == "Pd"):
            return char
    return None
