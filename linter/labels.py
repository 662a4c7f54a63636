"""Labels: a term that is the whole of a short table cell, or of a short bold phrase in Title
Case ("**Client Settings**"), names a column, a screen or a setting, not a party.

Such words are interface text a writer cannot change in prose (and in a table of span kinds
or roles, "client" is a value, not a person), so they are set aside like names.
"""

from __future__ import annotations

import bisect
import re

from .document import CELL_BREAK, Source, Unit
from .occurrences import Occurrence

LABEL = "name"
MAX_WORDS = 3  # a cell or bold phrase longer than this is prose
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.{1,60}?)(?<=\S)\1")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def label_senses(units: list[Unit], occurrences: list[Occurrence], source: Source) -> dict[int, str]:
    """Map occurrence index -> LABEL for terms that are short cell values or bold UI labels.
    Each cell and each line is read once, however many terms it holds."""
    out: dict[int, str] = {}
    cells: dict[tuple[int, int, int], bool] = {}
    breaks: dict[int, list[int]] = {}
    bold: dict[int, tuple[list[int], list[tuple[int, bool]]]] = {}
    emphasis = "**" in source.text or "__" in source.text  # else no line holds a bold phrase
    for i, occurrence in enumerate(occurrences):
        unit = units[occurrence.unit]
        if unit.kind == "row":
            if occurrence.unit not in breaks:
                breaks[occurrence.unit] = _all(unit.text, CELL_BREAK)
            key = (occurrence.unit, *_cell(unit.text, breaks[occurrence.unit], occurrence.start))
            if key not in cells:
                cells[key] = len(_WORD.findall(unit.text, key[1], key[2])) <= MAX_WORDS
            if cells[key]:
                out[i] = LABEL
                continue
        if emphasis and _bold_label(source, occurrence.source_start, bold):
            out[i] = LABEL
    return out


def _all(text: str, needle: str) -> list[int]:
    """Every index where `needle` starts in `text`, overlapping ones included."""
    found, at = [], text.find(needle)
    while at >= 0:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def _cell(text: str, breaks: list[int], offset: int) -> tuple[int, int]:
    """The cell holding `offset`: from the last break ending by it to the next starting at it."""
    before = bisect.bisect_right(breaks, offset - len(CELL_BREAK)) - 1
    start = 0 if before < 0 else breaks[before] + len(CELL_BREAK)
    after = bisect.bisect_left(breaks, offset)
    return start, len(text) if after == len(breaks) else breaks[after]


def _bold_label(source: Source, offset: int, seen: dict[int, tuple[list[int], list[tuple[int, bool]]]]) -> bool:
    line, _ = source.position(offset)
    if line not in seen:  # the bold phrases of the line, once: (start, end, is a label)
        spans = [
            (m.start(2), m.end(2), _is_label(m.group(2))) for m in _BOLD.finditer(source.line_text(line - 1))
        ]
        seen[line] = [s for s, _, _ in spans], [(e, label) for _, e, label in spans]
    starts, rest = seen[line]
    column = offset - source.line_starts[line - 1]
    at = bisect.bisect_right(starts, column) - 1
    return at >= 0 and column < rest[at][0] and rest[at][1]


def _is_label(phrase: str) -> bool:
    words = _WORD.findall(phrase)
    return 0 < len(words) <= MAX_WORDS and all(w[0].isupper() for w in words)
