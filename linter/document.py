"""The values passed between pipeline stages: a decoded source, its prose units and positions.

Positions are code-point offsets into the decoded text (BOM removed), so a column is what an
editor shows; lines end at CRLF, CR or LF exactly as markdown-it's normalizer splits them.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class Source:
    """A decoded file: its text and where each line starts."""

    path: str
    text: str
    format: str  # "md" or "txt"
    line_starts: tuple[int, ...]
    has_bom: bool = False

    @classmethod
    def from_text(cls, text: str, *, path: str = "<text>", format: str = "md") -> Source:
        has_bom = text.startswith("\ufeff")
        if has_bom:
            text = text[1:]
        starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
        return cls(path, text, format, tuple(starts), has_bom)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def line_text(self, index: int) -> str:
        """The 0-based line `index` without its line break."""
        start = self.line_starts[index]
        end = self.line_starts[index + 1] if index + 1 < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of unit text that stands verbatim in the source at `source_start`."""

    unit_start: int
    source_start: int
    length: int


@dataclass(frozen=True, slots=True)
class Unit:
    """A prose block (paragraph, list item, heading, table row) and the section it sits in.

    `text` is what the context stage reads; `pieces` map its offsets back to the source, and
    `prose` says which term matches the scope stage proved to be prose (None: all of it is).
    """

    text: str
    pieces: tuple[Piece, ...]
    section: int
    kind: str = "paragraph"
    non_prose: frozenset[int] = field(default_factory=frozenset)

    def source_offset(self, unit_offset: int) -> int | None:
        """Map a unit offset to the source, or None where the unit text was synthesized."""
        starts = [p.unit_start for p in self.pieces]
        i = bisect.bisect_right(starts, unit_offset) - 1
        if i < 0:
            return None
        piece = self.pieces[i]
        delta = unit_offset - piece.unit_start
        if delta >= piece.length:
            return None
        return piece.source_start + delta
