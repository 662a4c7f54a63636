"""Labels: a term that is the whole of a short table cell, or of a short bold phrase in Title
Case ("**Client Settings**"), names a column, a screen or a setting, not a party.

Such words are interface text a writer cannot change in prose (and in a table of span kinds
or roles, "client" is a value, not a person), so they are set aside like names.
"""

from __future__ import annotations

import re

from .document import Source, Unit
from .occurrences import Occurrence

LABEL = "name"
MAX_WORDS = 3  # a cell or bold phrase longer than this is prose
_CELL_BREAK = " | "  # how markdown.py joins the cells of a row
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.{1,60}?)(?<=\S)\1")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def label_senses(units: list[Unit], occurrences: list[Occurrence], source: Source) -> dict[int, str]:
    """Map occurrence index -> LABEL for terms that are short cell values or bold UI labels."""
    out: dict[int, str] = {}
    for i, occurrence in enumerate(occurrences):
        unit = units[occurrence.unit]
        if unit.kind == "row" and _short_cell(unit.text, occurrence.start):
            out[i] = LABEL
        elif _bold_label(source, occurrence.source_start):
            out[i] = LABEL
    return out


def _short_cell(text: str, offset: int) -> bool:
    start = text.rfind(_CELL_BREAK, 0, offset)
    start = 0 if start < 0 else start + len(_CELL_BREAK)
    end = text.find(_CELL_BREAK, offset)
    end = len(text) if end < 0 else end
    return len(_WORD.findall(text, start, end)) <= MAX_WORDS


def _bold_label(source: Source, offset: int) -> bool:
    line, _ = source.position(offset)
    start = source.line_starts[line - 1]
    for match in _BOLD.finditer(source.line_text(line - 1)):
        if match.start(2) <= offset - start < match.end(2):
            words = _WORD.findall(match.group(2))
            return 0 < len(words) <= MAX_WORDS and all(w[0].isupper() for w in words)
    return False
