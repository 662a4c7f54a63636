"""The finding and its evidence: what every formatter reads, and nothing else.

Plain values with no imports, so `import termsense` stays cheap for a pre-commit hook."""

from __future__ import annotations

from dataclasses import dataclass, field

LEVELS = ("attached", "same clause", "same block", "same section", "document")  # distances with a decay
PARTY = len(LEVELS)  # the level of a cue found around another mention of the same party
CONTEXT_MODEL = PARTY + 1  # the level of the context model's contribution (contextmodel.py)
LEARNED_WORDS = CONTEXT_MODEL + 1  # the level of the lexicon's contribution (lexicon.py)
WHERE = (*LEVELS, "same party", "context model", "learned words")
CONFIDENCE_DIGITS = 4  # a finding's confidence is rounded to these decimals
SHOWN_SHIFT = 0.005  # a smaller move of the log-odds (context model, lexicon) is not shown as evidence


@dataclass(frozen=True, slots=True)
class Evidence:
    cue: str
    supports: str  # a term or class name
    label: str
    level: int  # index into LEVELS
    weight: float  # contribution after decay
    base: float  # the cue's own weight in the pack

    @property
    def where(self) -> str:
        return WHERE[self.level]


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
    line_text: str = ""  # the source line, for fingerprints that survive line moves (SARIF)
    severity: str = "warning"  # "error", "warning" or "info"


@dataclass(frozen=True, slots=True)
class Usage:
    """One use of a pack term and how the linter read it, flagged or not: what a report maps
    and an editor's hover explains. `sense` is "party" (judged by context) or the kind that set
    it aside ("technical", "fixed", "name", "mention", "contrast")."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    term: str
    matched: str
    sense: str


class Surveyed:
    """One file as a report sees it: its findings, how many term uses it has per (term, sense),
    and the lines around its findings by number. Counts, not every Usage, cross from the
    workers: a big tree's uses would cost memory and pickling that no part of a report needs.
    A plain record, compared by identity: defining a frozen dataclass costs every run about
    half a millisecond (its methods are compiled from source), this class a hundredth of that."""

    __slots__ = ("path", "findings", "uses", "lines")

    def __init__(
        self, path: str, findings: list[Finding], uses: dict[tuple[str, str], int], lines: dict[int, str]
    ) -> None:
        self.path = path
        self.findings = findings
        self.uses = uses
        self.lines = lines
