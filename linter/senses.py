"""Senses: set aside occurrences that are not the business sense; they are never flagged.

Pack patterns decide technical uses, fixed phrases, names and mentions; the engine adds one
structural sense of its own: two terms of a pair in one sentence name two parties (contrast).
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Callable
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from .document import Unit
from .errors import TermsenseError
from .occurrences import Occurrence
from .packs import PATTERN_TIMEOUT, Pack, Sense
from .packs.adjacent import Adjacent, Beside, Side
from .packs.patterns import compile_pattern

if TYPE_CHECKING:
    import regex

    from .packs.guard import Block as GuardedBlock

CONTRAST = "contrast"
WINDOW = 300  # characters on each side of an occurrence that sense patterns may read
GUARDED_FROM = 64  # occurrences in a document from which the patterns' guards are read and asked


def pattern_senses(pack: Pack, units: list[Unit], occurrences: list[Occurrence]) -> dict[int, str]:
    """Map occurrence index -> sense kind for occurrences a pack sense covers; the first
    sense in pack order wins. Neighbouring words are looked up and anchored patterns tried
    at each occurrence of the sense's term (the patterns only once a sense needs them: an
    occurrence an earlier sense claims never runs them); free patterns read
    a merged window around the occurrences of each block, so a 10 MB one-line paragraph
    costs what a short one does. In a document of GUARDED_FROM occurrences or more, the
    patterns run only where what they need is there (packs/guard.py): anchored ones where
    the term's guard lets the occurrence through, free ones in blocks holding one of the
    words every match holds. Either way the answer is the same."""
    by_unit: dict[int, dict[int, int]] = defaultdict(dict)
    for i, occurrence in enumerate(occurrences):
        by_unit[occurrence.unit][occurrence.start] = i
    covers: dict[int, set[int]] = {}  # by pattern: one sense's free patterns serve both its terms
    if any(sense.free is not None for sense in pack.senses):
        windows = {unit: _windows(sorted(starts), len(units[unit].text)) for unit, starts in by_unit.items()}
        folded = cache(lambda unit: units[unit].text.casefold()) if len(occurrences) >= GUARDED_FROM else None
        for sense in pack.senses:
            if sense.free is not None and sense.free.key not in covers:
                covers[sense.free.key] = _free_cover(pack, sense, units, by_unit, windows, folded)
    covered = [covers[sense.free.key] if sense.free is not None else set() for sense in pack.senses]
    # per term, the senses that may claim its occurrences, in pack order: its own (with their
    # lists of neighbouring words and the group of their patterns), and those whose free
    # patterns cover some occurrence
    chains = {
        term: [
            (sense.kind, cover, *((sense.before, sense.after, _group(sense)) if sense.term == term else (None, None, None)))
            for sense, cover in zip(pack.senses, covered, strict=True)
            if sense.term == term or cover
        ]
        for term in pack.terms
    }
    sides = {  # per term with a list of neighbouring words: what its lists read before it, after it
        term: (
            Side.of([s.before for s in listing if s.before is not None], after=False),
            Side.of([s.after for s in listing if s.after is not None], after=True),
        )
        for term in pack.terms
        if (listing := [s for s in pack.senses if s.term == term and (s.before is not None or s.after is not None)])
    }
    anchored = {sense.term: sense for sense in reversed(pack.senses) if sense.anchored is not None}  # the first
    # where no list holds a phrase (no phrase read beside it) and no free pattern covers it,
    # only the term's patterns may claim an occurrence: the chain of their groups, in pack order
    bare: dict[str, list[tuple[str, frozenset[int], Adjacent | None, Adjacent | None, str | None]]] = {
        term: [(kind, frozenset(), None, None, group) for kind, _, _, _, group in chain if group is not None]
        for term, chain in chains.items()
    }
    any_cover = set().union(*covered)
    senses: dict[int, str] = {}
    # the block of the occurrences at hand, as the guards read it: only in a document with
    # enough occurrences to pay for reading the guards (a few milliseconds, once a process)
    guarded = _guarded_blocks() if len(occurrences) >= GUARDED_FROM else None
    block: GuardedBlock | None = None
    unit = -1
    for i, occurrence in enumerate(occurrences):
        term, text = occurrence.form.term, units[occurrence.unit].text
        if guarded is not None and occurrence.unit != unit:
            block, unit = guarded(text), occurrence.unit
        before_words: tuple[str, ...] = ()
        after_words: tuple[str, ...] = ()
        if term in sides:
            beside = Beside(text, occurrence.start, occurrence.end, *sides[term])
            before_words, after_words = beside.before, beside.after
        bare_here = not before_words and not after_words and i not in any_cover
        tried, anchors = False, None  # the term's patterns are tried when a sense first asks
        for kind, cover, before, after, group in bare[term] if bare_here else chains[term]:
            if (
                i in cover
                or (before is not None and before.holds(before_words))
                or (after is not None and after.holds(after_words))
            ):
                senses[i] = kind
                break
            if group is None:
                continue
            if not tried:
                tried, anchors = True, _match_at(pack, anchored[term], text, occurrence, block)
            if anchors is not None and anchors.start(group) >= 0:
                senses[i] = kind
                break
    return senses


def _guarded_blocks() -> type[GuardedBlock]:
    from .packs.guard import Block  # here: a short document never reads a guard

    return Block


def _group(sense: Sense) -> str | None:
    """The group of the sense's `{term}` patterns in its term's alternation, if it has any."""
    return sense.anchored.group if sense.anchored is not None else None


def _match_at(
    pack: Pack, sense: Sense, text: str, occurrence: Occurrence, block: GuardedBlock | None
) -> regex.Match[str] | None:
    """The first of the term's senses whose `{term}` patterns match here, as a match whose
    group names it; None at once where the term's guard shows none can (given the `block`
    as it reads it). On a runaway, each sense is tried alone to name the one to blame."""
    assert sense.anchored is not None
    start = occurrence.start
    if block is not None and not sense.anchored.guard.get().may_match(block, start, occurrence.end):
        return None
    try:
        return sense.anchored.together.get().match(text, start, timeout=PATTERN_TIMEOUT)
    except TimeoutError:
        pass
    for suspect in pack.senses:
        if suspect.term == sense.term and suspect.anchored is not None:
            try:
                compile_pattern(suspect.anchored.source).match(text, start, timeout=PATTERN_TIMEOUT)
            except TimeoutError:
                raise _runaway(pack, suspect) from None
    raise _runaway(pack, sense)


def _free_cover(
    pack: Pack, sense: Sense, units: list[Unit], by_unit: dict[int, dict[int, int]],
    windows: dict[int, tuple[list[int], list[tuple[int, int]]]], folded: Callable[[int], str] | None,
) -> set[int]:
    """Occurrences inside a match of the sense's free patterns (product names and the like),
    searched in the `windows` of each unit (its occurrence starts in order, and the spans);
    given `folded` (a unit's case-folded text), only in units holding one of the words every
    match holds."""
    assert sense.free is not None
    pattern, words = sense.free.get(), sense.free.words() if folded is not None else None
    any_word = _any_of(words) if words is not None else None
    cover: set[int] = set()
    for unit_index, (ordered, spans) in windows.items():
        text = units[unit_index].text
        if any_word is not None and folded is not None and any_word.search(folded(unit_index)) is None:
            continue  # none of the words every match holds: no match
        for start, end in spans:
            try:
                matches = list(pattern.finditer(text, start, end, timeout=PATTERN_TIMEOUT))
            except TimeoutError:
                raise _runaway(pack, sense) from None
            for match in matches:
                low, high = bisect.bisect_left(ordered, match.start()), bisect.bisect_left(ordered, match.end())
                cover.update(by_unit[unit_index][s] for s in ordered[low:high])
    return cover


@lru_cache(maxsize=64)
def _any_of(words: frozenset[str]) -> re.Pattern[str]:
    """Finds one of `words` as a substring: one scan of a block for them all, not one each."""
    return re.compile("|".join(map(re.escape, sorted(words))))


def _runaway(pack: Pack, sense: Sense) -> TermsenseError:
    return TermsenseError(f"{pack.path}: pattern of sense '{sense.name}' took over {PATTERN_TIMEOUT}s; simplify it")


def _windows(starts: list[int], length: int) -> tuple[list[int], list[tuple[int, int]]]:
    """`starts` (in order), and the merged spans of WINDOW characters around each."""
    spans: list[tuple[int, int]] = []
    for start in starts:
        low, high = max(0, start - WINDOW), min(length, start + WINDOW)
        if spans and low <= spans[-1][1]:
            spans[-1] = (spans[-1][0], high)
        else:
            spans.append((low, high))
    return starts, spans


def contrast_senses(
    pack: Pack, units: list[Unit], occurrences: list[Occurrence], sentence_of: list[tuple[int, int]],
    sentences: dict[int, list[tuple[int, int]]],
) -> dict[int, str]:
    """Occurrences sharing a sentence with another term of the pack, where the sentence marks a
    contrast ("retail customers, while private clients...", "both clients and customers"): it
    names two parties."""
    markers = pack.context.pair_markers
    terms_in: dict[tuple[int, int], set[str]] = defaultdict(set)
    for occurrence, sentence in zip(occurrences, sentence_of, strict=True):
        terms_in[sentence].add(occurrence.form.term)
    contrasting = set()
    for (unit, k), terms in terms_in.items():
        start, end = sentences[unit][k]
        if len(terms) > 1 and markers is not None and markers.search(units[unit].text, start, end):
            contrasting.add((unit, k))
    return {i: CONTRAST for i, sentence in enumerate(sentence_of) if sentence in contrasting}
