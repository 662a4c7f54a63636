"""Senses: set aside occurrences that are not the business sense; they are never flagged.

Pack patterns decide technical uses, fixed phrases, names and mentions; the engine adds one
structural sense of its own: two terms of a pair in one sentence name two parties (contrast).
"""

from __future__ import annotations

from collections import defaultdict

import regex

from .document import Unit
from .errors import TermsenseError
from .occurrences import Occurrence
from .packs import PATTERN_TIMEOUT, Pack

CONTRAST = "contrast"
WINDOW = 300  # characters on each side of an occurrence that sense patterns may read


def pattern_senses(pack: Pack, units: list[Unit], occurrences: list[Occurrence]) -> dict[int, str]:
    """Map occurrence index -> sense kind for occurrences a pack sense pattern covers.

    Patterns run on windows around the occurrences, not whole blocks: they describe a word's
    neighbours, and a window keeps a 10 MB one-line paragraph as cheap as a short one. The
    windows of one block are merged, so a dense paragraph is read once per sense.
    """
    by_unit: dict[int, dict[int, int]] = defaultdict(dict)
    for i, occurrence in enumerate(occurrences):
        by_unit[occurrence.unit][occurrence.start] = i
    senses: dict[int, str] = {}
    for unit_index, starts in by_unit.items():
        text = units[unit_index].text
        for start, end in _windows(sorted(starts), len(text)):
            for sense in pack.senses:
                try:
                    matches = list(sense.pattern.finditer(text, start, end, timeout=PATTERN_TIMEOUT))
                except TimeoutError:
                    raise TermsenseError(
                        f"{pack.path}: pattern of sense '{sense.name}' took over {PATTERN_TIMEOUT}s; simplify it"
                    ) from None
                for match in matches:
                    for i in _covered(match, starts):
                        senses.setdefault(i, sense.kind)
    return senses


def _windows(starts: list[int], length: int) -> list[tuple[int, int]]:
    """Merged spans of WINDOW characters around each occurrence start."""
    spans: list[tuple[int, int]] = []
    for start in starts:
        low, high = max(0, start - WINDOW), min(length, start + WINDOW)
        if spans and low <= spans[-1][1]:
            spans[-1] = (spans[-1][0], high)
        else:
            spans.append((low, high))
    return spans


def _covered(match: regex.Match[str], starts: dict[int, int]) -> list[int]:
    """The occurrence a pattern's `term` group marks, or every one inside a match without it
    (a name such as "Customer 360" in a sense whose other patterns mark the term)."""
    if "term" in match.re.groupindex and match.start("term") >= 0:
        i = starts.get(match.start("term"))
        return [] if i is None else [i]
    return [i for start, i in starts.items() if match.start() <= start < match.end()]


def contrast_senses(
    pack: Pack, units: list[Unit], occurrences: list[Occurrence], sentence_of: list[tuple[int, int]],
    sentences: dict[int, list[tuple[int, int]]],
) -> dict[int, str]:
    """Occurrences sharing a sentence with another term of the pack, where the sentence marks a
    contrast ("retail customers, while private clients..."): it names two parties."""
    markers = pack.context.contrast_markers
    terms_in: dict[tuple[int, int], set[str]] = defaultdict(set)
    for occurrence, sentence in zip(occurrences, sentence_of):
        terms_in[sentence].add(occurrence.form.term)
    contrasting = set()
    for (unit, k), terms in terms_in.items():
        start, end = sentences[unit][k]
        if len(terms) > 1 and markers is not None and markers.search(units[unit].text, start, end):
            contrasting.add((unit, k))
    return {i: CONTRAST for i, sentence in enumerate(sentence_of) if sentence in contrasting}
