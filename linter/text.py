"""Plain-text scope: paragraphs at blank lines, each one unit of prose in one section."""

from __future__ import annotations

import re

from .document import Piece, Source, Unit

_PARAGRAPH = re.compile(r"\S[^\r\n]*(?:(?:\r\n|\r|\n)(?![ \t]*(?:\r\n|\r|\n|\Z))[^\r\n]*)*")


def scope_text(source: Source) -> list[Unit]:
    """Every run of non-blank lines is a paragraph; the text stands verbatim in the source."""
    return [
        Unit(m.group(0), (Piece(0, m.start(), len(m.group(0))),), 0)
        for m in _PARAGRAPH.finditer(source.text)
    ]
