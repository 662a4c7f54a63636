"""A compiled pack: values the pipeline reads and never changes, its patterns compiled on first use."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..logistic import Model
from .compile import Cues, Sense
from .forms import Form, Probe, Term


class Context:
    """The context stage's settings from the pack. Records made once per pack (this, `Pack`,
    `forms`, `compile`) are plain classes compared by identity: a frozen dataclass costs every
    run about half a millisecond to define (its methods are compiled from source)."""

    __slots__ = (
        "decay", "cap", "min_evidence", "scale", "genre_cap", "genre_scale", "genre_density", "clause_breaks",
        "abbreviations", "contrast_markers", "pair_markers", "contrast_damping", "attach_words", "domain_weight", "genre_ratio",
        "genre_min",
    )

    def __init__(
        self, decay: tuple[float, ...], cap: tuple[float, ...], min_evidence: float, scale: float, genre_cap: float,
        genre_scale: float, genre_density: float, clause_breaks: re.Pattern[str] | None, abbreviations: frozenset[str],
        contrast_markers: re.Pattern[str] | None, pair_markers: re.Pattern[str] | None, contrast_damping: float, attach_words: int, domain_weight: float,
        genre_ratio: float, genre_min: float,
    ) -> None:
        self.decay = decay
        self.cap = cap
        self.min_evidence = min_evidence
        self.scale = scale
        self.genre_cap = genre_cap
        self.genre_scale = genre_scale
        self.genre_density = genre_density
        self.clause_breaks = clause_breaks
        self.abbreviations = abbreviations
        self.contrast_markers = contrast_markers  # mark a contrast in any sentence
        self.pair_markers = pair_markers  # these and the pair-only ones: in a sentence holding both terms
        self.contrast_damping = contrast_damping
        self.attach_words = attach_words
        self.domain_weight = domain_weight
        self.genre_ratio = genre_ratio
        self.genre_min = genre_min


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


class Pack:
    """A validated pack. Its sense patterns and cue table compile on first use: a file with
    no term (most files, and a pre-commit hook's typical run) never pays for them."""

    __slots__ = (
        "name", "path", "terms", "probe", "forms", "sets_aside", "context", "rules", "model", "_build", "_built",
    )

    def __init__(
        self, name: str, path: str, terms: dict[str, Term], probe: Probe, forms: dict[str, Form],
        sets_aside: dict[str, frozenset[str]], context: Context, rules: dict[str, RuleSpec], model: Model,
        build: Callable[[], tuple[tuple[Sense, ...], Cues]],
    ) -> None:
        self.name = name
        self.path = path
        self.terms = terms
        self.probe = probe  # every form of every term
        self.forms = forms  # lower-case form with ' for ’ -> Form
        self.sets_aside = sets_aside  # class -> terms it sets aside
        self.context = context
        self.rules = rules
        self.model = model
        self._build = build
        self._built: list[tuple[tuple[Sense, ...], Cues]] = []

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
        if self.cues.descriptions is not None:
            self.cues.descriptions.pattern.get()
        return self._parts()

    def _parts(self) -> tuple[tuple[Sense, ...], Cues]:
        """The senses (their patterns still to compile) and the cue table, built once."""
        if not self._built:
            self._built.append(self._build())
        return self._built[0]
