"""Positions as the client counts them: 0-based lines split at CRLF, CR or LF (as LSP and
`Source` both split them) and characters counted in the negotiated encoding's code units
(UTF-16 by default, UTF-8 or UTF-32 when the client offers them).

The engine speaks 1-based code-point columns and code-point offsets; this module is the one
place that turns them into the client's units and back. Pure Python, no LSP library, so the
conversions are tested on their own (emoji, CRLF, a BOM) as well as end to end."""

from __future__ import annotations

import bisect
import itertools
import re

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ASCII = re.compile(r"[\x00-\x7f]*")


def units(text: str, encoding: str) -> int:
    """How many code units `text` takes in the encoding."""
    if encoding == UTF32 or _ASCII.fullmatch(text):
        return len(text)
    if encoding == UTF16:
        return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)
    return len(text.encode("utf-8", "surrogatepass"))


def _code_points(line: str, count: int, encoding: str) -> int:
    """How many code points of `line` fit in `count` code units (a position inside a
    character, as a careless client may send, rounds down to that character's start)."""
    if encoding == UTF32 or _ASCII.fullmatch(line):
        return min(count, len(line))
    seen = 0
    for index, char in enumerate(line):
        width = units(char, encoding)
        if seen + width > count:
            return index
        seen += width
    return len(line)


class Lines:
    """A text and where its lines start; converts between code-point offsets, the engine's
    1-based (line, column) and the client's 0-based (line, character)."""

    __slots__ = ("text", "encoding", "starts", "bom")

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding
        if "\r" in text:
            self.starts = (0, *(m.end() for m in _LINE_BREAK.finditer(text)))
        else:  # the common case, several times faster on a big document
            self.starts = (0, *itertools.accumulate(len(line) + 1 for line in text.split("\n")[:-1]))
        self.bom = text.startswith("\ufeff")  # the engine counts line 1 without it

    def line(self, index: int) -> str:
        """The 0-based line `index` without its line break ("" past the end)."""
        if index >= len(self.starts):
            return ""
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[index] : end].rstrip("\r\n")

    def to_client(self, line: int, column: int) -> tuple[int, int]:
        """The engine's 1-based line and code-point column as the client's (line, character)."""
        index = min(max(line - 1, 0), len(self.starts) - 1)
        if self.bom and index == 0:
            column += 1
        return index, units(self.line(index)[: column - 1], self.encoding)

    def offset_to_client(self, offset: int) -> tuple[int, int]:
        """A code-point offset into the engine's text (a BOM removed) as (line, character)."""
        return self.client_of(offset + (1 if self.bom else 0))

    def client_of(self, offset: int) -> tuple[int, int]:
        """A code-point offset into this text as (line, character)."""
        offset = min(max(offset, 0), len(self.text))
        index = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[index]
        return index, units(self.text[start:offset], self.encoding)

    def offset(self, line: int, character: int) -> int:
        """The code-point offset of a client position; past the end of a line means its end,
        past the last line means the end of the text (as the protocol asks)."""
        if line >= len(self.starts):
            return len(self.text)
        if line < 0:
            return 0
        return self.starts[line] + _code_points(self.line(line), max(character, 0), self.encoding)

    def from_client(self, line: int, character: int) -> tuple[int, int]:
        """A client position as the engine's 1-based (line, column)."""
        offset = self.offset(line, character)
        index = min(line, len(self.starts) - 1) if line >= 0 else 0
        column = offset - self.starts[index] + 1
        if self.bom and index == 0:
            column = max(column - 1, 1)
        return index + 1, column
