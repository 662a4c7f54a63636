"""The finding: what every formatter reads, and nothing else."""

from __future__ import annotations

from dataclasses import dataclass, field

from .context import Evidence


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace source[start:end] (code-point offsets of the decoded text) with `text`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Fix:
    applicability: str  # "safe" or "unsafe"
    edits: tuple[Edit, ...]


@dataclass(frozen=True, slots=True)
class Finding:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int  # exclusive, code points
    rule: str
    message: str
    matched: str
    replacement: str | None
    confidence: float
    evidence: tuple[Evidence, ...] = field(default=())
    fix: Fix | None = None
