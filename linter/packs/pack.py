"""A compiled pack: immutable values the pipeline reads, its patterns compiled on first use."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..logistic import Model
from .compile import Cues, Sense
from .forms import Form, Probe, Term


@dataclass(frozen=True, slots=True)
class Context:
    decay: tuple[float, ...]
    cap: tuple[float, ...]
    min_evidence: float
    scale: float
    genre_cap: float
    genre_scale: float
    genre_density: float
    clause_breaks: re.Pattern[str] | None
    abbreviations: frozenset[str]
    contrast_markers: re.Pattern[str] | None
    contrast_damping: float
    attach_words: int
    domain_weight: float
    genre_ratio: float
    genre_min: float


@dataclass(frozen=True, slots=True)
class RuleSpec:
    id: str
    name: str
    kind: str
    found: str | None
    expected: str | None
    default: bool
    summary: str
    message: str  # str.format fields: matched, replacement, context, majority, counts
    what: str
    why: str
    known_problems: str
    fix_safety: str
    examples_flag: tuple[str, ...]
    examples_pass: tuple[str, ...]
    url: str | None = None  # where the rule's documentation lives
    severity: str = "warning"  # the pack's default; config `severity` overrides it


@dataclass(frozen=True, slots=True)
class Pack:
    """A validated pack. Its sense patterns and cue table compile on first use: a file with
    no term (most files, and a pre-commit hook's typical run) never pays for them."""

    name: str
    path: str
    terms: dict[str, Term]
    probe: Probe  # every form of every term
    forms: dict[str, Form]  # lower-case form with ' for ’ -> Form
    sets_aside: dict[str, frozenset[str]]  # class -> terms it sets aside
    context: Context
    rules: dict[str, RuleSpec]
    model: Model
    _build: Callable[[], tuple[tuple[Sense, ...], Cues]]
    _built: list = field(default_factory=list)

    def other(self, term: str) -> str:
        """The term a mention of `term` could have been instead (the pair's other word)."""
        return next(t for t in self.terms if t != term)

    def form(self, word: str) -> Form:
        return self.forms[word.lower().replace("\u2019", "'")]

    @property
    def senses(self) -> tuple[Sense, ...]:
        return self._parts()[0]

    @property
    def cues(self) -> Cues:
        return self._parts()[1]

    def compiled(self) -> tuple[tuple[Sense, ...], Cues]:
        """Compile every pattern now; a bad pattern raises PackError naming file, key and line."""
        for sense in self.senses:
            for pattern in sense.patterns():
                pattern.get()
        return self._parts()

    def _parts(self) -> tuple[tuple[Sense, ...], Cues]:
        """The senses (their patterns still to compile) and the cue table, built once."""
        if not self._built:
            self._built.append(self._build())
        return self._built[0]
