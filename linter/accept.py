"""The accept list (Vale's Vocab accept, TokenIgnores): phrases such as "Customer
Responsibility Matrix" whose term uses are never flagged. Matching ignores case and lets a
phrase wrap across lines; a term use inside a match is read as the sense "accepted"."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from .document import Source
from .findings import Finding, Usage

ACCEPTED = "accepted"
_META = ("TS",)  # findings about directives are never accepted away


def apply(source: Source, findings: list[Finding], usages: list[Usage], phrases: tuple[str, ...]) -> tuple[list[Finding], list[Usage]]:
    """Findings outside every accepted phrase, and usages with those inside marked accepted."""
    if not phrases or not (findings or usages):
        return findings, usages
    spans = [match.span() for match in _pattern(tuple(phrases)).finditer(source.text)]
    if not spans:
        return findings, usages

    def inside(line: int, column: int, end_line: int, end_column: int) -> bool:
        start = source.line_starts[line - 1] + column - 1
        end = source.line_starts[end_line - 1] + end_column - 1
        return any(low <= start and end <= high for low, high in spans)

    kept = [f for f in findings if f.rule.startswith(_META) or not inside(f.line, f.column, f.end_line, f.end_column)]
    marked = [replace(u, sense=ACCEPTED) if inside(u.line, u.column, u.end_line, u.end_column) else u for u in usages]
    return kept, marked


@lru_cache(maxsize=8)
def _pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for every phrase, longest first, on word boundaries; any run of white space
    (a line break in a wrapped paragraph included) matches the spaces between words."""
    words = sorted((phrase.split() for phrase in phrases if phrase.strip()), key=lambda w: -sum(map(len, w)))
    alternatives = "|".join(r"\s+".join(map(re.escape, w)) for w in words)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
