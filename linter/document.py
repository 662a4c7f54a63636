"""The values passed between pipeline stages: a decoded source, its prose units and positions.

Positions are code-point offsets into the decoded text (BOM removed), so a column is what an
editor shows; lines end at CRLF, CR or LF exactly as markdown-it's normalizer splits them.
"""

from __future__ import annotations

import bisect
import itertools
import re

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
CELL_BREAK = " | "  # what joins the cells of a table row into one unit, each its own clause


class Source:
    """A decoded file: its text, and where each line starts (worked out on first use, since
    most files hold no term and never need it)."""

    __slots__ = ("path", "text", "format", "has_bom", "_line_starts", "_last_line")

    def __init__(self, path: str, text: str, format: str, has_bom: bool = False) -> None:
        self.path = path
        self.text = text
        self.format = format  # "md" or "txt"
        self.has_bom = has_bom
        self._line_starts: tuple[int, ...] | None = None
        self._last_line: tuple[int, str] = (-1, "")

    @classmethod
    def from_text(cls, text: str, *, path: str = "<text>", format: str = "md") -> Source:
        has_bom = text.startswith("\ufeff")
        return cls(path, text[1:] if has_bom else text, format, has_bom)

    @property
    def line_starts(self) -> tuple[int, ...]:
        if self._line_starts is None:
            if "\r" in self.text:
                self._line_starts = (0, *(m.end() for m in _LINE_BREAK.finditer(self.text)))
            else:  # the common case, about three times faster
                self._line_starts = (0, *itertools.accumulate(len(line) + 1 for line in self.text.split("\n")[:-1]))
        return self._line_starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def span_position(self, start: int, end: int) -> tuple[int, int, int, int]:
        """1-based (line, column, end line, end column) of a span: one search when it ends on
        the line it starts on (a term always does, but for a hyphen at a line break)."""
        starts = self.line_starts
        index = bisect.bisect_right(starts, start) - 1
        if index + 1 < len(starts) and end >= starts[index + 1]:
            return (index + 1, start - starts[index] + 1, *self.position(end))
        return index + 1, start - starts[index] + 1, index + 1, end - starts[index] + 1

    def line_text(self, index: int) -> str:
        """The 0-based line `index` without its line break; findings on one line share one
        string (a 1 MB line with 10,000 findings is not 10 GB of copies)."""
        if self._last_line[0] != index:
            starts = self.line_starts
            end = starts[index + 1] if index + 1 < len(starts) else len(self.text)
            self._last_line = (index, self.text[starts[index]:end].rstrip("\r\n"))
        return self._last_line[1]


class Piece:
    """A run of unit text that stands verbatim in the source at `source_start`. (This and
    `Unit` are plain classes compared by identity, as `Source` is: a frozen dataclass costs
    every run about half a millisecond to define, and each instance more to make.)"""

    __slots__ = ("unit_start", "source_start", "length")

    def __init__(self, unit_start: int, source_start: int, length: int) -> None:
        self.unit_start = unit_start
        self.source_start = source_start
        self.length = length


class Unit:
    """A prose block (paragraph, list item, heading, table row) and the section it sits in.

    `text` is what the context stage reads; `pieces` map its offsets back to the source, and
    `prose` says which term matches the scope stage proved to be prose (None: all of it is).
    """

    __slots__ = ("text", "pieces", "section", "kind", "non_prose", "_piece_starts")

    def __init__(
        self, text: str, pieces: tuple[Piece, ...], section: int, kind: str = "paragraph",
        non_prose: frozenset[int] = frozenset(),
    ) -> None:
        self.text = text
        self.pieces = pieces
        self.section = section
        self.kind = kind
        self.non_prose = non_prose
        # once per unit: a block quote of 10,000 lines has 10,000 pieces and as many terms
        self._piece_starts = tuple(p.unit_start for p in pieces)

    def source_span(self, start: int, end: int) -> tuple[int | None, int | None]:
        """The source offsets of unit offsets `start` and `end - 1` (`source_offset` of each),
        with one search when both stand in one piece, as a word does."""
        i = bisect.bisect_right(self._piece_starts, start) - 1
        if i >= 0:
            piece = self.pieces[i]
            starts = self._piece_starts
            if end - piece.unit_start <= piece.length and (i + 1 == len(starts) or starts[i + 1] >= end):
                return piece.source_start + start - piece.unit_start, piece.source_start + end - 1 - piece.unit_start
        return self.source_offset(start), self.source_offset(end - 1)

    def source_offset(self, unit_offset: int) -> int | None:
        """Map a unit offset to the source, or None where the unit text was synthesized."""
        i = bisect.bisect_right(self._piece_starts, unit_offset) - 1
        if i < 0:
            return None
        piece = self.pieces[i]
        delta = unit_offset - piece.unit_start
        if delta >= piece.length:
            return None
        return piece.source_start + delta
