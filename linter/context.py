"""Context: weighted cues around each occurrence, counted by distance, as scores per class.

Each distinct cue counts once, at the nearest level it appears (same clause, same block,
same section, document); a level's total is capped and decayed, so a long document cannot
outvote the sentence a word sits in. A pure function of the document.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass

from .document import Unit
from .outline import Outline
from .occurrences import Occurrence
from .findings import Evidence
from .packs import Pack, lower_keeping_offsets

_SENTENCE_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+\S)|\n[ \t]*\n")
_LAST_WORD = re.compile(r"([\w.]+)$")
_WORD = re.compile(r"\w+")
ATTACHED, CLAUSE, BLOCK, SECTION, DOCUMENT = range(5)
CLAUSE_WINDOW = 1000  # a "sentence" longer than this on either side is not one; cap the clause


@dataclass(frozen=True, slots=True)
class Scores:
    by_class: dict[str, float]
    evidence: tuple[Evidence, ...]  # strongest first

    def of(self, name: str) -> float:
        return self.by_class.get(name, 0.0)

    def local(self, name: str, level: int = BLOCK, min_base: float = 0.0) -> float:
        """Evidence for `name` from `level` inwards (by default: its own block), counting
        only cues whose own weight is at least `min_base`."""
        return sum(e.weight for e in self.evidence if e.supports == name and e.level <= level and e.base >= min_base)


@dataclass(frozen=True, slots=True)
class _Cue:
    key: str
    cls: str
    label: str
    weight: float
    start: int
    end: int


def sentence_spans(text: str, abbreviations: frozenset[str]) -> list[tuple[int, int]]:
    """Sentence spans of a unit: ends at . ! ? before white space, unless after an abbreviation."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        word = _LAST_WORD.search(text, start, match.start())
        if match.group(0)[0] == "." and word and word.group(1).lower() in abbreviations:
            continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def clause_span(pack: Pack, text: str, sentence: tuple[int, int], offset: int) -> tuple[int, int]:
    """The clause of a sentence holding `offset`; clause breaks come from the pack."""
    start, end = max(sentence[0], offset - CLAUSE_WINDOW), min(sentence[1], offset + CLAUSE_WINDOW)
    pattern = pack.context.clause_breaks
    if pattern is None:
        return start, end
    for match in pattern.finditer(text, start, end):
        if match.end() <= offset:
            start = match.end()
        elif match.start() >= offset:
            end = match.start()
            break
    return start, end


class DocumentContext:
    """Cues of one document, found once, queried per occurrence."""

    def __init__(self, pack: Pack, units: list[Unit], with_occurrences: set[int], outline: Outline) -> None:
        """Positions of cues are found only in blocks that hold an occurrence; the section
        and document levels read the outline's section texts and need just distinct cues,
        for the whole document and for the sections that hold an occurrence."""
        self._pack = pack
        self._sections = [unit.section for unit in units]
        self._texts = [unit.text for unit in units]
        self._unit_cues: dict[int, list[_Cue]] = {i: self._find(units[i].text) for i in with_occurrences}
        self._section_texts = outline.section_texts
        self._section_keys: dict[int, dict[str, _Cue]] = {}  # filled for the sections asked about
        wide = "".join(outline.section_texts)
        self._doc_keys = self._distinct(wide)
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
        """Distinct cues of a text, without positions: one C-speed scan, Python per distinct word."""
        table, forms = self._pack.cues, self._pack.forms
        found: dict[str, _Cue] = {}
        for matched in {cue for _, cue in table.pattern.findall(lower_keeping_offsets(text)) if cue}:
            resolved = table.resolve(matched)
            if resolved is not None and matched.lower().replace("\u2019", "'") not in forms:
                word, group = resolved
                key = f"{group.cls}:{word.rstrip('*')}"
                found.setdefault(key, _Cue(key, group.cls, group.label, group.weight, -1, -1))
        return found

    def _attached(self, text: str, occurrence: Occurrence, cue: _Cue) -> bool:
        """A cue within a few words of the term names its party: "clients of the law firm"."""
        gap = text[occurrence.end:cue.start] if cue.start >= occurrence.end else text[cue.end:occurrence.start]
        return len(_WORD.findall(gap)) <= self._pack.context.attach_words

    def _find(self, text: str) -> list[_Cue]:
        cues: list[_Cue] = []
        table, forms = self._pack.cues, self._pack.forms
        for match in table.pattern.finditer(lower_keeping_offsets(text)):
            if match.lastgroup != "cue":
                continue
            resolved = table.resolve(match.group(0))
            if resolved is not None and match.group(0).lower().replace("\u2019", "'") not in forms:  # a term is not its own cue
                word, group = resolved
                cues.append(_Cue(f"{group.cls}:{word.rstrip('*')}", group.cls, group.label, group.weight, match.start(), match.end()))
        return cues

    def score(self, occurrence: Occurrence, clause: tuple[int, int], foreign: list[tuple[int, int]]) -> Scores:
        """Scores per class for one occurrence, with the evidence behind them.

        `foreign` are the sentences of its block that name only another term's party: their
        cues describe that party, so they count for this occurrence at no level.
        """
        nearest: dict[str, tuple[int, _Cue]] = {}
        others: set[str] = set()
        text = self._texts[occurrence.unit]
        for cue in self._unit_cues.get(occurrence.unit, ()):
            if any(start <= cue.start < end for start, end in foreign):
                others.add(cue.key)
                continue
            if clause[0] <= cue.start < clause[1]:
                level = ATTACHED if self._attached(text, occurrence, cue) else CLAUSE
            else:
                level = BLOCK
            if cue.key not in nearest or level < nearest[cue.key][0]:
                nearest[cue.key] = (level, cue)
        for key, cue in self._section(self._sections[occurrence.unit]).items():
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
                Evidence(cue.key.split(":", 1)[1], cue.cls, cue.label, level, cue.weight * scale[cue.cls, level], cue.weight)
                for level, cue in nearest.values()
            ),
            key=lambda e: (-e.weight, e.level, e.cue),
        )
        return Scores(dict(by_class), tuple(evidence))


def confidence(margin: float, scale: float) -> float:
    """Confidence that the other term is meant, from the score margin: 0 at 0, near 1 when large."""
    return 0.0 if margin <= 0 else 1.0 - math.exp(-margin / scale)

