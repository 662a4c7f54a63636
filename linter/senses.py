"""Senses: set aside occurrences that are not the business sense; they are never flagged.

Pack patterns decide technical uses, fixed phrases, names and mentions; the engine adds one
structural sense of its own: two terms of a pair in one sentence name two parties (contrast).
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from .document import Unit
from .errors import TermsenseError
from .occurrences import Occurrence, runs
from .packs import PATTERN_TIMEOUT, Pack, Sense
from .packs.adjacent import Adjacent, Around, Side
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
    words every match holds. Either way the answer is the same. Read block by block: what
    the free patterns cover is found for a block just before its occurrences are read."""
    plan = _plan(pack)
    frees, listed, uncovered, sides, anchored, groups = (
        plan.frees, plan.listed, plan.uncovered, plan.sides, plan.anchored, plan.groups
    )
    guarded = _guarded_blocks() if len(occurrences) >= GUARDED_FROM else None
    holding = {key: _holding(sense) for key, sense in frees.items()} if guarded is not None else {}
    senses: dict[int, str] = {}
    for unit, run in runs(occurrences):
        text = units[unit].text
        # the block as the guards read it: only in a document with enough occurrences to pay
        # for reading the guards (a few milliseconds, once a process)
        block = guarded(text) if guarded is not None else None
        covers = _free_covers(pack, frees, holding, text, occurrences, run, block)
        chains = {term: _covered(chain, covers) for term, chain in listed.items()} if covers else uncovered
        any_cover = set().union(*covers.values()) if covers else _NONE
        for i in run:
            occurrence = occurrences[i]
            term = occurrence.form.term
            before_words: tuple[str, ...] = ()
            after_words: tuple[str, ...] = ()
            if term in sides:
                before_words, after_words = sides[term].read(text, occurrence.start, occurrence.end)
            if not before_words and not after_words and i not in any_cover:
                if groups[term]:
                    anchors = _match_at(pack, anchored[term], text, occurrence, block)
                    claimed = None if anchors is None else next((k for k, g in groups[term] if anchors.start(g) >= 0), None)
                    if claimed is not None:
                        senses[i] = claimed
                continue
            tried, anchors = False, None  # the term's patterns are tried when a sense first asks
            for kind, cover, before, after, group in chains[term]:
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


class _Plan:
    """What `pattern_senses` reads from a pack alone, worked out once per pack: a tree's
    files share it (rebuilt per file, the neighbouring-word sides cost a whole tree 6%)."""

    __slots__ = ("frees", "listed", "uncovered", "sides", "anchored", "groups")

    def __init__(self, pack: Pack) -> None:
        frees: dict[int, Sense] = {}  # by pattern, the first sense with it: one sense's free patterns serve both its terms
        for sense in pack.senses:
            if sense.free is not None:
                frees.setdefault(sense.free.key, sense)
        # per term, the senses that may claim its occurrences, in pack order: its own (with their
        # lists of neighbouring words and the group of their patterns), and those whose free
        # patterns may cover one (kept in a block only where they do)
        listed: dict[str, list[_Listed]] = {
            term: [
                (sense.kind, sense.free.key if sense.free is not None else None,
                 *((sense.before, sense.after, _group(sense)) if sense.term == term else (None, None, None)))
                for sense in pack.senses
                if sense.term == term or sense.free is not None
            ]
            for term in pack.terms
        }
        self.frees = frees
        self.listed = listed
        self.uncovered = {term: _covered(chain, {}) for term, chain in listed.items()}
        self.sides = {  # per term with a list of neighbouring words: what its lists read before it, after it
            term: Around(
                Side.of([s.before for s in listing if s.before is not None], after=False),
                Side.of([s.after for s in listing if s.after is not None], after=True),
            )
            for term in pack.terms
            if (listing := [s for s in pack.senses if s.term == term and (s.before is not None or s.after is not None)])
        }
        self.anchored = {sense.term: sense for sense in reversed(pack.senses) if sense.anchored is not None}  # the first
        # where no list holds a phrase (no phrase read beside it) and no free pattern covers it,
        # only the term's patterns may claim an occurrence: the first of their groups that took part
        self.groups = {
            term: [(kind, group) for kind, _, _, _, group in chain if group is not None] for term, chain in listed.items()
        }


@lru_cache(maxsize=8)
def _plan(pack: Pack) -> _Plan:
    return _Plan(pack)


_NONE: frozenset[int] = frozenset()
# a sense in a term's chain: its kind, the key of its free patterns, its lists of words
# before and after the term and its group in the term's alternation (its own term's only)
_Listed = tuple[str, int | None, Adjacent | None, Adjacent | None, str | None]
_Link = tuple[str, set[int] | frozenset[int], Adjacent | None, Adjacent | None, str | None]


def _covered(chain: list[_Listed], covers: dict[int, set[int]]) -> list[_Link]:
    """A term's chain in one block, with the occurrences each sense's free patterns cover there."""
    return [
        (kind, covers.get(key, _NONE) if key is not None else _NONE, before, after, group)
        for kind, key, before, after, group in chain
    ]


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


def _holding(sense: Sense) -> Callable[[GuardedBlock], bool]:
    """Whether a block may hold a match of the sense's free patterns: it holds one of the words
    every match holds (read from the patterns once a process), or nothing is known."""
    assert sense.free is not None
    words = sense.free.words()
    if words is None:
        return lambda block: True
    from .packs.guard import holding_bit

    bit, any_word = holding_bit(words), _any_of(words)
    return lambda block: (
        bool(block.holds() & bit) if block.folded is not None else any_word.search(block.text.casefold()) is not None
    )


def _free_covers(
    pack: Pack, frees: dict[int, Sense], holding: dict[int, Callable[[GuardedBlock], bool]], text: str,
    occurrences: list[Occurrence], run: range, block: GuardedBlock | None,
) -> dict[int, set[int]]:
    """Per free pattern (by key), the occurrences of one block (`run`) inside a match of it
    (product names and the like), when there are any: searched in the merged windows around
    them; given the `block` as the guards read it, only where it holds one of the words every
    match holds."""
    covers: dict[int, set[int]] = {}
    starts: list[int] = []
    spans: list[tuple[int, int]] = []
    for key, sense in frees.items():
        if block is not None and not holding[key](block):
            continue  # none of the words every match holds: no match
        if not starts:  # once, for the first pattern the block may hold
            starts = [occurrences[i].start for i in run]
            spans = _windows(starts, len(text))
        assert sense.free is not None
        pattern = sense.free.get()
        cover: set[int] = set()
        for start, end in spans:
            try:
                matches = list(pattern.finditer(text, start, end, timeout=PATTERN_TIMEOUT))
            except TimeoutError:
                raise _runaway(pack, sense) from None
            for match in matches:
                cover.update(run[bisect.bisect_left(starts, match.start()):bisect.bisect_left(starts, match.end())])
        if cover:
            covers[key] = cover
    return covers


@lru_cache(maxsize=64)
def _any_of(words: frozenset[str]) -> re.Pattern[str]:
    """Finds one of `words` as a substring: one scan of a block for them all, not one each."""
    return re.compile("|".join(map(re.escape, sorted(words))))


def _runaway(pack: Pack, sense: Sense) -> TermsenseError:
    return TermsenseError(f"{pack.path}: pattern of sense '{sense.name}' took over {PATTERN_TIMEOUT}s; simplify it")


def _windows(starts: list[int], length: int) -> list[tuple[int, int]]:
    """The merged spans of WINDOW characters around `starts` (in order)."""
    spans: list[tuple[int, int]] = []
    for start in starts:
        low, high = max(0, start - WINDOW), min(length, start + WINDOW)
        if spans and low <= spans[-1][1]:
            spans[-1] = (spans[-1][0], high)
        else:
            spans.append((low, high))
    return spans


def contrast_senses(
    pack: Pack, units: list[Unit], occurrences: list[Occurrence], sentence_of: Sequence[int],
    sentences: dict[int, list[tuple[int, int]]],
) -> dict[int, str]:
    """Occurrences sharing a sentence with another term of the pack, where the sentence marks a
    contrast ("retail customers, while private clients...", "both clients and customers"): it
    names two parties. `sentence_of[i]` is occurrence i's sentence in its unit."""
    markers = pack.context.pair_markers
    terms_in: dict[tuple[int, int], set[str]] = defaultdict(set)
    for occurrence, k in zip(occurrences, sentence_of, strict=True):
        terms_in[occurrence.unit, k].add(occurrence.form.term)
    contrasting = set()
    for (unit, k), terms in terms_in.items():
        start, end = sentences[unit][k]
        if len(terms) > 1 and markers is not None and markers.search(units[unit].text, start, end):
            contrasting.add((unit, k))
    if not contrasting:
        return {}
    return {
        i: CONTRAST for i, (occurrence, k) in enumerate(zip(occurrences, sentence_of, strict=True))
        if (occurrence.unit, k) in contrasting
    }
