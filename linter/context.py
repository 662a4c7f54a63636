"""Context: weighted cues around each occurrence, counted by distance, as scores per class.

Each distinct cue counts once, at the nearest level it appears (same clause, same block,
same section, document); a level's total is capped and decayed, so a long document cannot
outvote the sentence a word sits in. A pure function of the document.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from functools import lru_cache
from typing import NamedTuple

from .document import Unit
from .findings import Evidence
from .nearest import ATTACHED, BLOCK, CLAUSE, CLAUSE_WINDOW, Block, Use  # noqa: F401 (levels live here too)
from .occurrences import Occurrence
from .outline import Outline
from .packs import Pack, lower_keeping_offsets

# [.!?]+["”’')\]]*(?=\s+\S)|\n[ \t]*\n, written to start with one class (then the engine skips to it)
_SENTENCE_END = re.compile(r"[.!?\n](?:(?<=[.!?])[.!?]*[\"”’')\]]*(?=\s+\S)|(?<=\n)[ \t]*\n)")
_LAST_WORD = re.compile(r"([\w.]+)$")
SECTION, DOCUMENT = BLOCK + 1, BLOCK + 2  # levels, nearest first, after those of a block


class Scores:
    """A mention's evidence: weight by class and the cues, strongest first. The records the
    pipeline makes per run (this, `verdicts.Judged`, `pipeline.Examined`...) are plain classes
    compared by identity: a frozen dataclass costs every run half a millisecond to define."""

    __slots__ = ("by_class", "evidence")

    def __init__(self, by_class: dict[str, float], evidence: tuple[Evidence, ...]) -> None:
        self.by_class = by_class
        self.evidence = evidence  # strongest first

    def of(self, name: str) -> float:
        return self.by_class.get(name, 0.0)

    def local(self, name: str, level: int = BLOCK, min_base: float = 0.0) -> float:
        """Evidence for `name` from `level` inwards (by default: its own block), counting
        only cues whose own weight is at least `min_base`."""
        return sum(e.weight for e in self.evidence if e.supports == name and e.level <= level and e.base >= min_base)


class _Cue(NamedTuple):
    """One cue found in a block. A named tuple, not a frozen dataclass: a dense document makes
    one per cue word of every block (57,000 in 2 MB), and a tuple is made in half the time."""

    key: str
    cls: str
    label: str
    weight: float
    start: int
    end: int


def sentence_spans(text: str, abbreviations: frozenset[str]) -> list[tuple[int, int]]:
    """Sentence spans of a unit: ends at . ! ? before white space, unless after an abbreviation.

    The word before a full stop is looked for in the last few characters only: a run of word
    characters longer than every abbreviation is none, however far back it starts."""
    spans: list[tuple[int, int]] = []
    start = 0
    reach = _reach(abbreviations)
    for match in _SENTENCE_END.finditer(text):
        if abbreviations and match.group(0)[0] == ".":
            end = match.start()
            word = _LAST_WORD.search(text, max(start, end - reach), end)
            if word and word.group(1).lower() in abbreviations:
                continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


@lru_cache(maxsize=16)
def _reach(abbreviations: frozenset[str]) -> int:
    """Characters before a full stop that decide whether an abbreviation ends there: the longest
    one, one more so a longer word is seen as longer, and one for a line break before the stop
    (where `$` matches too)."""
    return max(map(len, abbreviations), default=0) + 2


class Clauses:
    """Clause spans in one block's text. A case-insensitive alternation is tried at every
    position, about seven times slower than the same pattern without the flag; in an ASCII
    block the pack's breaks are matched case-sensitively in the lowered text instead, when
    that is provably the same match (`_lowered_twin`)."""

    __slots__ = ("_pattern", "_text")

    def __init__(self, pack: Pack, text: str) -> None:
        pattern = pack.context.clause_breaks
        twin = _lowered_twin(pattern) if pattern is not None and text.isascii() else None
        self._pattern, self._text = (twin, text.lower()) if twin is not None else (pattern, text)

    def span(self, sentence: tuple[int, int], offset: int) -> tuple[int, int]:
        """The clause of `sentence` holding `offset`."""
        start, end = max(sentence[0], offset - CLAUSE_WINDOW), min(sentence[1], offset + CLAUSE_WINDOW)
        if self._pattern is None:
            return start, end
        for match in self._pattern.finditer(self._text, start, end):
            if match.end() <= offset:
                start = match.end()
            elif match.start() >= offset:
                end = match.start()
                break
        return start, end


# every escape in the pattern is a class (\s \w \b \d) or stands for punctuation: none names
# a letter by its code (\x41) or is an upper-case class (\S \W) that lowering the source would change
_PLAIN_ESCAPES = re.compile(r"(?:[^\\A-Z]|\\[swbd]|\\[^0-9A-Za-z])*")


@lru_cache(maxsize=16)
def _lowered_twin(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """`pattern` without IGNORECASE, for ASCII text lowered first: the same matches at the same
    offsets when the pattern is ASCII with no upper-case letter (ASCII text then matches a
    literal or class ignoring case exactly when its lowered self matches it as written) and
    holds no "(?" construct (inline flags, named groups, lookarounds are left to the original)."""
    source = pattern.pattern
    if not pattern.flags & re.IGNORECASE or not source.isascii() or "(?" in source:
        return None
    if _PLAIN_ESCAPES.fullmatch(source) is None:
        return None
    return re.compile(source, pattern.flags & ~re.IGNORECASE)


class DocumentContext:
    """Cues of one document, found once, queried per occurrence."""

    def __init__(self, pack: Pack, units: list[Unit], outline: Outline) -> None:
        """Positions of cues are found only in the blocks asked about (`block`), and kept no
        longer than their block; the section and document levels read the outline's section
        texts and need just distinct cues, for the whole document and for the sections that
        hold an occurrence."""
        self._pack = pack
        self._known: dict[str, tuple[str, str, str, float] | None] = {}  # matched text -> its cue
        self._pool: dict[tuple[str, str, float, int, float], Evidence] = {}
        self._scores: dict[tuple[int, tuple[tuple[str, int, str, float], ...], frozenset[str]], Scores] = {}
        self._sections = [unit.section for unit in units]
        self._texts = [unit.text for unit in units]
        self._section_texts = outline.section_texts
        self._section_keys: dict[int, dict[str, _Cue]] = {}  # filled for the sections asked about
        wide = "".join(outline.section_texts)
        self._doc_keys = self._distinct(wide)
        if len(outline.section_texts) == 1:  # the one section is the document: scan it once
            self._section_keys[0] = self._doc_keys
        totals: dict[str, float] = defaultdict(float)
        domains: dict[str, float] = defaultdict(float)
        for cue in self._doc_keys.values():
            totals[cue.cls] += cue.weight
            if cue.weight >= pack.context.domain_weight:
                domains[cue.cls] += cue.weight
        self.totals = dict(totals)  # uncapped weight of distinct cues per class: the genre
        self.domains = dict(domains)  # the same, domain cues only: what the document is about
        self.words = len(wide.split())

    def _section(self, index: int) -> dict[str, _Cue]:
        if index not in self._section_keys:
            self._section_keys[index] = self._distinct(self._section_texts[index])
        return self._section_keys[index]

    def _distinct(self, text: str) -> dict[str, _Cue]:
        """Distinct cues of a text, without positions: one tokenizing pass, Python per distinct word."""
        table, forms = self._pack.cues, self._pack.forms
        found: dict[str, _Cue] = {}
        for matched in table.distinct(lower_keeping_offsets(text)):
            resolved = table.resolve(matched)
            if resolved is not None and matched.lower().replace("\u2019", "'") not in forms:
                word, group = resolved
                key = f"{group.cls}:{word.rstrip('*')}"
                found.setdefault(key, _Cue(key, group.cls, group.label, group.weight, -1, -1))
        return found

    def _find(self, text: str) -> list[_Cue]:
        cues: list[_Cue] = []
        table, forms = self._pack.cues, self._pack.forms
        known = self._known
        lowered = lower_keeping_offsets(text)
        for start, end in table.spans(lowered):
            matched = lowered[start:end]
            if matched not in known:
                resolved = table.resolve(matched)
                if resolved is not None and matched.lower().replace("\u2019", "'") not in forms:  # a term is not its own cue
                    word, group = resolved
                    known[matched] = (f"{group.cls}:{word.rstrip('*')}", group.cls, group.label, group.weight)
                else:
                    known[matched] = None
            found = known[matched]
            if found is not None:
                cues.append(_Cue(*found, start, end))
        return cues

    def _evidence(self, cue: _Cue, level: int, scale: float) -> Evidence:
        """Evidence of a cue at a level and scale: one object for equal evidence, which the
        uses of a dense document share (20,000 uses, a few hundred distinct objects)."""
        key = (cue.key, cue.label, cue.weight, level, scale)
        found = self._pool.get(key)
        if found is None:
            found = self._pool[key] = Evidence(cue.key.split(":", 1)[1], cue.cls, cue.label, level, cue.weight * scale, cue.weight)
        return found

    def block(self, unit: int, sentences: list[tuple[int, int]], uses: list[Use]) -> Block[_Cue]:
        """The block `unit` indexed for its uses of a term that have a clause."""
        text = self._texts[unit]
        return Block(text, self._find(text), sentences, uses, self._pack.context.attach_words)

    def score(self, occurrence: Occurrence, block: Block[_Cue], use: int) -> Scores:
        """Scores per class for one occurrence (`block`'s use number `use`), with the
        evidence behind them. Cues in the parts of its block that speak of another term's
        party describe that party, so they count for this occurrence at no level.

        Uses that see the same cues at the same levels in the same section share one Scores
        (a dense document: 28,000 uses, a few hundred distinct answers)."""
        nearest, others = block.nearest(use)
        section = self._sections[occurrence.unit]
        key = (
            section, tuple((k, level, cue.label, cue.weight) for k, (level, cue) in nearest.items()),
            frozenset(others),
        )
        found = self._scores.get(key)
        if found is None:
            found = self._scores[key] = self._score(nearest, others, section)
        return found

    def _score(self, nearest: dict[str, tuple[int, _Cue]], others: set[str], section: int) -> Scores:
        for key, cue in self._section(section).items():
            if key not in others:
                nearest.setdefault(key, (SECTION, cue))
        for key, cue in self._doc_keys.items():
            if key not in others:
                nearest.setdefault(key, (DOCUMENT, cue))
        context = self._pack.context
        raw: dict[tuple[str, int], float] = defaultdict(float)
        for level, cue in nearest.values():
            raw[cue.cls, level] += cue.weight
        by_class: dict[str, float] = defaultdict(float)
        scale: dict[tuple[str, int], float] = {}
        for (cls, level), total in raw.items():
            capped = min(total, context.cap[level])
            by_class[cls] += capped * context.decay[level]
            scale[cls, level] = capped / total * context.decay[level]
        evidence = sorted(
            (
                self._evidence(cue, level, scale[cue.cls, level])
                for level, cue in nearest.values()
            ),
            key=lambda e: (-e.weight, e.level, e.cue),
        )
        return Scores(dict(by_class), tuple(evidence))


def confidence(margin: float, scale: float) -> float:
    """Confidence that the other term is meant, from the score margin: 0 at 0, near 1 when large."""
    return 0.0 if margin <= 0 else 1.0 - math.exp(-margin / scale)

