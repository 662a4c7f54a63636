"""A cheap test that a term's `{term}` patterns cannot match at an occurrence, read from the
patterns themselves, so most occurrences never run them.

A term's patterns run as one alternation at each occurrence (`compile.Anchored`), about a
third of the time of a dense file although they rarely match. Each alternative is
`(?<=before)term(?=after)`, and most name words that must stand next to the term ("sends",
"vs", a quote) or somewhere before or after it ("create ... client"). From what each
alternative needs, read from its text (`needs.py`), the guard keeps, per alternative:

- the words the text before the term, white space taken off, must end with, and those the
  text after it must begin with (compared within the one word next to the term);
- the strings the text before the term must end with, a run of white space read as one
  space ("of the ", where the word test knows only "the"): compared once the word tests
  have passed, before where the words below stand is first looked for in a block;
- sets of words, one word of each of which must occur somewhere before, or somewhere after,
  the term in the block: every set a part of the pattern requires, so a pattern naming two
  words far apart asks for both, not only the rarer. Which sets a block holds a word of is
  read once per block, for every set of every guard (`_Index`); only an alternative whose
  sets are all there looks for where their words stand.

An alternative is possible when all of its own tests pass; the patterns run when one is. Each
test is a consequence of a match, so a guard that says no is never wrong: the differential
test (tests/test_guard.py) holds it to the patterns on generated text. Case is compared on
case-folded text, where a letter the patterns match ignoring case folds as they do; a block
with a letter that folds to more than one (ß, İ) always runs the patterns.
"""

from __future__ import annotations

import functools
import math
import operator
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..trie import emit, literal, trie
from .needs import Needs, needs_of

_ONE_BY_ONE = 16  # words looked for one by one (str.find) rather than as one pattern
_SLACK = 8  # characters read past the longest word beside the term: room for white space
_PIECES_KEPT = 100_000  # pieces of text remembered (`_Index`) before the memo starts again
KEPT = 4096  # texts around uses remembered per guard (`Guard._near`), about 200 bytes each


class Block:
    """One block as the guards read it: its case-folded text when every letter folds to one
    (else None: every occurrence runs the patterns), and what the words-anywhere tests found
    in it, each worked out once, when first asked."""

    __slots__ = ("text", "folded", "_spans", "_found", "_holds", "_sets")

    def __init__(self, text: str) -> None:
        self.text = text
        folded = text.casefold()
        self.folded = folded if len(folded) == len(text) else None
        self._spans: dict[int, list[tuple[float, float] | None]] = {}
        self._found: dict[_Words, int] = {}
        self._holds = 0
        self._sets = 0  # word sets known when `_holds` was read: a guard read later adds its own

    def holds(self) -> int:
        """The word sets (bits of `_Words.bit`) a word of which the block holds."""
        if self._sets != len(_KNOWN):
            assert self.folded is not None
            self._holds, self._sets = _INDEX.holds(self.folded), len(_KNOWN)
        return self._holds

    def spans(self, guard: Guard) -> list[tuple[float, float] | None]:
        """Per alternative of `guard` (None until asked), the occurrence starts its tests allow."""
        found = self._spans.get(id(guard))  # guards live as long as their pack, longer than a block
        if found is None:
            found = self._spans[id(guard)] = [None] * len(guard.anywhere)
        return found

    def span(self, tests: tuple[_Words, ...]) -> tuple[float, float]:
        """Where an occurrence may start for the words of `tests` to be on their sides: after
        the first end of a word before it, up to the last start of a word after it."""
        assert self.folded is not None
        low, high = -math.inf, math.inf
        for words in tests:
            where = self._found.get(words)
            if where is None:
                where = self._found[words] = words.where(self.folded)
            if words.after:
                high = min(high, where)
            else:
                low = max(low, where if where >= 0 else math.inf)
        return low, high


@dataclass(frozen=True, slots=True)
class Guard:
    """Tests for every alternative of one term's alternation, as bit masks of alternatives."""

    everyone: int  # a bit per alternative
    ends: dict[str, int]  # a word the text before may end with -> alternatives it lets through
    begins: dict[str, int]
    free_ends: int  # alternatives with no test of the word before (or after)
    free_begins: int
    end_lengths: tuple[int, ...]  # lengths of the words of `ends`, shortest first
    begin_lengths: tuple[int, ...]
    anywhere: tuple[tuple[_Words, ...], ...]  # per alternative: words one of which occurs on a side
    needs: tuple[int, ...]  # per alternative: the bits of its word sets, every one of which the block holds
    tails: tuple[_Tails | None, ...]  # per alternative: strings the text before ends with
    tail_reach: int  # characters in the longest of them
    runs: bool  # some alternative has no test at all: the patterns always run
    reach_before: int  # characters before the term the tests of the text next to it read (`_near`)
    reach_after: int  # characters after it
    # the alternatives a word before (after) lets through, by its last (first) characters up
    # to the longest listed word: the few words written next to a term recur, so each is
    # looked up by its length once a process, not once an occurrence
    _end_masks: dict[str, int] = field(default_factory=dict, repr=False)
    _begin_masks: dict[str, int] = field(default_factory=dict, repr=False)
    _stops: dict[str, tuple[int, ...]] = field(default_factory=dict, repr=False)  # by matched text: `_begins`
    _near_masks: dict[str | tuple[int, str], int] = field(default_factory=dict, repr=False)  # by the text around a use: `_near`

    @classmethod
    def of(cls, sides: Iterable[tuple[str, str]]) -> Guard:
        """The guard of an alternation whose alternatives are `(?<=before)term(?=after)`,
        given as (before, after) sources in order (empty: no look-around)."""
        alternatives = needs_of(list(sides))
        ends: dict[str, int] = {}
        begins: dict[str, int] = {}
        anywhere = []
        free_ends = free_begins = 0
        for k, alternative in enumerate(alternatives):
            bit = 1 << k
            for words, table in ((alternative.ends, ends), (alternative.begins, begins)):
                for word in words or ():
                    table[word] = table.get(word, 0) | bit
            free_ends |= bit if alternative.ends is None else 0
            free_begins |= bit if alternative.begins is None else 0
            anywhere.append(tuple(
                _Words.of(words, after)
                for after, sets in ((False, alternative.before), (True, alternative.after)) if sets is not None
                for words in sets
            ))
        runs = any(a == Needs(None, None, None, None) for a in alternatives)
        needs = tuple(functools.reduce(operator.or_, (words.bit for words in tests), 0) for tests in anywhere)
        tails = tuple(None if a.tails is None else _by_length(a.tails) for a in alternatives)
        tail_reach = max((n for ts in tails if ts is not None for n, _ in ts), default=0)
        end_lengths, begin_lengths = tuple(sorted({len(w) for w in ends})), tuple(sorted({len(w) for w in begins}))
        return cls(
            (1 << len(alternatives)) - 1, ends, begins, free_ends, free_begins, end_lengths, begin_lengths,
            tuple(anywhere), needs, tails, tail_reach, runs,
            max(end_lengths[-1] + _SLACK if end_lengths else 0, 2 * tail_reach + _SLACK if tail_reach else 0),
            begin_lengths[-1] + _SLACK if begin_lengths else 0,
        )

    def may_match(self, block: Block, start: int, end: int) -> bool:
        """Whether some alternative may match at the occurrence [start, end) of `block`."""
        folded = block.folded
        if self.runs or folded is None:
            return True
        possible = self._near(folded, start, end)
        if not possible:
            return False
        spans, holds = block.spans(self), block.holds()
        while possible:  # the possible alternatives, lowest first
            lowest = possible & -possible
            k = lowest.bit_length() - 1
            possible ^= lowest
            if self.needs[k] & ~holds:
                continue  # a word set of which the block holds no word
            span = spans[k]
            if span is None:
                span = spans[k] = block.span(self.anywhere[k])
            if span[0] <= start <= span[1]:
                return True
        return False

    def _near(self, folded: str, start: int, end: int) -> int:
        """The alternatives whose tests of the text next to the occurrence [start, end) pass:
        the words before and after it, the strings before it. They read no more than
        `reach_before` characters before it and `reach_after` after it, and the texts around
        a term recur, so the answer is kept by that text, or, nearer the block's start, by the
        text from there and where the use starts (forgotten whole at KEPT texts)."""
        low, high = start - self.reach_before, end + self.reach_after
        if high >= len(folded):  # the block's end is within reach: the tests read it
            return self._tested(folded, start, end)
        # near the block's start (whose edge the tests read too), the text from it and where the use starts
        around: str | tuple[int, str] = folded[low:high] if low > 0 else (start, folded[:high])
        found = self._near_masks.get(around)
        if found is None:
            if len(self._near_masks) >= KEPT:
                self._near_masks.clear()
            found = self._near_masks[around] = self._tested(folded, start, end)
        return found

    def _tested(self, folded: str, start: int, end: int) -> int:
        possible = self.free_ends | self._ends(folded, start)
        if possible:
            possible &= self.free_begins | self._begins(folded, start, end)
        if possible and self.tail_reach:
            before = _Before(folded, start, self.tail_reach)
            for k, tails in enumerate(self.tails):
                if tails is not None and possible >> k & 1 and not before.ends_with(tails):
                    possible ^= 1 << k
        return possible

    def _ends(self, folded: str, start: int) -> int:
        """Alternatives whose word before the term is there."""
        if not self.end_lengths:
            return 0
        longest = self.end_lengths[-1]
        low = start - longest - _SLACK
        text = folded[max(0, low):start].rstrip()
        word = text.rsplit(None, 1)[-1] if text else ""
        if len(word) == len(text) and low > 0 and len(word) < longest:
            return self.everyone  # the word may begin before what was read: anything
        word = word[-longest:]
        found = self._end_masks.get(word)
        if found is None:
            found = self._end_masks[word] = _masked(self.ends, self.end_lengths, word, last=True)
        return found

    def _begins(self, folded: str, start: int, end: int) -> int:
        """Alternatives whose word after the term is there, after the occurrence or after a
        shorter form of it (the term's pattern may take "client" out of "client's")."""
        if not self.begin_lengths:
            return 0
        longest = self.begin_lengths[-1]
        found = 0
        matched = folded[start:end]
        stops = self._stops.get(matched)
        if stops is None:  # where a shorter form may end, once per form (the few forms of a term recur)
            stops = self._stops[matched] = tuple(
                stop for stop in range(1, len(matched) + 1) if stop == len(matched) or not _ascii_word(matched[stop])
            )
        for stop in stops:
            stop += start
            high = stop + longest + _SLACK
            text = folded[stop:high].lstrip()
            word = text.split(None, 1)[0] if text else ""
            if len(word) == len(text) and high < len(folded) and len(word) < longest:
                return self.everyone
            word = word[:longest]
            mask = self._begin_masks.get(word)
            if mask is None:
                mask = self._begin_masks[word] = _masked(self.begins, self.begin_lengths, word, last=False)
            found |= mask
        return found


@dataclass(frozen=True, slots=True, eq=False)  # found by identity: one object per word set
class _Words:
    """Words one of which must occur on one side of the term, found in a block's text."""

    words: tuple[str, ...]  # case-folded, none holding another
    after: bool
    pattern: re.Pattern[str] | None  # any of them (reversed, `after`), for many words
    bit: int  # this set's bit in what a block holds (`_Index`)
    lengths: tuple[int, ...]  # of the words

    @classmethod
    def of(cls, words: frozenset[str], after: bool) -> _Words:
        """One object per word set (none holding another: `_least`) and side, whichever guard
        asks: a block then looks for the words once for every term."""
        least = tuple(sorted(words))
        key = (least, after)
        if key not in _KNOWN:
            many = len(least) > _ONE_BY_ONE
            pattern = re.compile("|".join(re.escape(w[::-1] if after else w) for w in least)) if many else None
            _KNOWN[key] = cls(least, after, pattern, _INDEX.add(least), tuple(map(len, least)))
        return _KNOWN[key]

    def where(self, folded: str) -> int:
        """Where the first occurrence of a word ends (-1: none), or, `after`, where the last
        begins. A few words are looked for one by one; many, as one pattern: no word holds
        another, so the leftmost match also ends first, and in the reversed text the
        rightmost begins last."""
        if self.pattern is None:
            if self.after:
                return max(map(folded.rfind, self.words))
            ends = [at + n for at, n in zip(map(folded.find, self.words), self.lengths, strict=True) if at >= 0]
            return min(ends, default=-1)
        if self.after:
            found = self.pattern.search(folded[::-1])
            return -1 if found is None else len(folded) - found.end()
        found = self.pattern.search(folded)
        return -1 if found is None else found.end()


_KNOWN: dict[tuple[tuple[str, ...], bool], _Words] = {}  # every word set, by its words and side


def holding_bit(words: frozenset[str]) -> int:
    """The bit of `words` (case-folded, without white space) in what a block holds
    (`Block.holds`): set where the block holds one of them."""
    least = frozenset(w for w in words if not any(o != w and o in w for o in words))
    return _Words.of(least, after=False).bit


class _Index:
    """Every word set's words, and which sets a block holds a word of, read in one pass: the
    block is split at white space (no word holds any) and each distinct piece looked up in a
    memo kept across blocks, so what a block holds costs the same however many alternatives
    ask. A new piece is searched with one pattern (a trie of every word, tried at each place):
    the longest word standing at a place holds every other standing there as its beginning."""

    __slots__ = ("_holders", "_pieces", "_finder", "_beginnings")

    def __init__(self) -> None:
        self._holders: dict[str, int] = {}  # a word -> the bits of the sets holding it
        self._pieces: dict[str, int] = {}  # a piece of text met -> the bits of the sets it holds a word of
        self._finder: re.Pattern[str] | None = None
        self._beginnings: dict[str, int] = {}  # a word -> the bits of the sets holding it or a word it begins with

    def add(self, words: tuple[str, ...]) -> int:
        """A new set's bit; what was remembered of pieces no longer holds."""
        bit = 1 << len(_KNOWN)
        for word in words:
            self._holders[word] = self._holders.get(word, 0) | bit
        self._pieces.clear()
        self._finder = None
        return bit

    def holds(self, folded: str) -> int:
        """The bits of the sets a word of which `folded` holds."""
        known = self._pieces
        if len(known) > _PIECES_KEPT:
            known.clear()
        pieces = set(folded.split())
        for piece in pieces - known.keys():
            known[piece] = self._searched(piece)
        return functools.reduce(operator.or_, map(known.__getitem__, pieces), 0)

    def _searched(self, piece: str) -> int:
        if not self._holders:
            return 0
        if self._finder is None:
            self._finder = re.compile(f"(?=({emit(trie(self._holders, literal))}))")
            self._beginnings = {}
            for word in self._holders:
                bits = 0
                for n in range(1, len(word) + 1):
                    bits |= self._holders.get(word[:n], 0)
                self._beginnings[word] = bits
        found = 0
        for word in set(self._finder.findall(piece)):
            found |= self._beginnings[word]
        return found


_INDEX = _Index()


def _masked(table: dict[str, int], lengths: tuple[int, ...], word: str, *, last: bool) -> int:
    """The alternatives that the last (else first) `n` characters of `word`, for each listed
    length `n` (shortest first), let through."""
    found = 0
    for n in lengths:
        if n > len(word):
            break
        found |= table.get(word[-n:] if last else word[:n], 0)
    return found


class _Before:
    """The text before an occurrence, each run of white space as one space, read as far as
    `reach` characters once squeezed. Squeezing a window of it gives the end of the whole text
    squeezed, so a window long enough once squeezed tells; one too short (white space written
    as long runs) says yes."""

    __slots__ = ("text", "whole")

    def __init__(self, folded: str, start: int, reach: int) -> None:
        low = max(0, start - 2 * reach - _SLACK)
        self.text = _WHITE_SPACE.sub(" ", folded[low:start])
        self.whole = low == 0 or len(self.text) >= reach

    def ends_with(self, tails: _Tails) -> bool:
        """Whether it ends with one of `tails` (each at most `reach` characters)."""
        text = self.text
        return not self.whole or any(text[-n:] in strings for n, strings in tails if n <= len(text))


_Tails = tuple[tuple[int, frozenset[str]], ...]  # strings by their length


def _by_length(strings: frozenset[str]) -> _Tails:
    lengths = sorted({len(s) for s in strings})
    return tuple((n, frozenset(s for s in strings if len(s) == n)) for n in lengths)


_WHITE_SPACE = re.compile(r"\s+")  # `re` reads \s as str.isspace does, as the patterns' words were read


def _ascii_word(character: str) -> bool:
    """An ASCII word character: where `(?!\\w)` cannot hold, whatever the engine's Unicode tables."""
    return character.isascii() and (character.isalnum() or character == "_")
