"""A cheap test that a term's `{term}` patterns cannot match at an occurrence, read from the
patterns themselves, so most occurrences never run them.

A term's patterns run as one alternation at each occurrence (`compile.Anchored`), about a
third of the time of a dense file although they rarely match. Each alternative is
`(?<=before)term(?=after)`, and most name words that must stand next to the term ("sends",
"vs", a quote) or somewhere before or after it ("create ... client"). From the parsed
patterns (Python's own parser: the syntax `regex` shares with `re`; a pattern with anything
else is read as "anything") the guard keeps, per alternative:

- the words the text before the term, white space taken off, must end with, and those the
  text after it must begin with (compared within the one word next to the term);
- words one of which must occur somewhere before, or somewhere after, the term in the block.

An alternative is possible when all of its own tests pass; the patterns run when one is. Each
test is a consequence of a match, so a guard that says no is never wrong: the differential
test (tests/test_guard.py) holds it to the patterns on generated text. Case is compared on
case-folded text, where a letter the patterns match ignoring case folds as they do; a block
with a letter that folds to more than one (ß, İ) always runs the patterns.
"""

from __future__ import annotations

import importlib
import marshal
import math
import re
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar


def _module(name: str, before_311: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError:  # pragma: no cover - Python 3.10
        return importlib.import_module(before_311)


_parse = _module("re._parser", "sre_parse")  # the parser of Python's own `re`
_sre = _module("re._constants", "sre_constants")
_CODE = f"{zlib.crc32(Path(__file__).read_bytes()):08x}"  # what read the patterns: a cached reading of other code is not used
_ONE_BY_ONE = 16  # words looked for one by one (str.find) rather than as one pattern
_LIMIT = 512  # strings of one finite language worth spelling out
_SPACE = " "  # stands for any run of white space in a spelled-out string
_SLACK = 8  # characters read past the longest word beside the term: room for white space
_QUANTIFIER = re.compile(r"\{\d*,?\d*\}")
# written the same in `re` and `regex` but meaning something else there: POSIX classes,
# fuzzy matching ({e<=1}); anything `re` cannot parse is refused by the parser itself
_OTHER_SYNTAX = re.compile(r"\[:\^?\w*:\]|\{")
_ZERO_WIDTH = {_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT}
_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT} | ({_sre.POSSESSIVE_REPEAT} if hasattr(_sre, "POSSESSIVE_REPEAT") else set())
_GROUPS = {_sre.SUBPATTERN} | ({_sre.ATOMIC_GROUP} if hasattr(_sre, "ATOMIC_GROUP") else set())

Items = Any  # a parsed sequence: list of (opcode, argument)
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class _Alternative:
    """What one alternative needs: words the text next to the term ends (`ends`) or begins
    (`begins`) with, words one of which occurs before (`before`) or after (`after`) it;
    None where nothing is known."""

    ends: frozenset[str] | None
    begins: frozenset[str] | None
    before: frozenset[str] | None
    after: frozenset[str] | None

    def parts(self) -> tuple[frozenset[str] | None, ...]:
        return self.ends, self.begins, self.before, self.after


class Block:
    """One block as the guards read it: its case-folded text when every letter folds to one
    (else None: every occurrence runs the patterns), and what the words-anywhere tests found
    in it, each worked out once, when first asked."""

    __slots__ = ("text", "folded", "_spans", "_found")

    def __init__(self, text: str) -> None:
        self.text = text
        folded = text.casefold()
        self.folded = folded if len(folded) == len(text) else None
        self._spans: dict[int, list[tuple[float, float] | None]] = {}
        self._found: dict[_Words, int] = {}

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
    runs: bool  # some alternative has no test at all: the patterns always run

    @classmethod
    def of(cls, sides: Iterable[tuple[str, str]]) -> Guard:
        """The guard of an alternation whose alternatives are `(?<=before)term(?=after)`,
        given as (before, after) sources in order (empty: no look-around)."""
        sides = list(sides)
        alternatives = [
            _Alternative(*found) for found in _remembered(
                "guard", [f"{before}\0{after}" for before, after in sides],
                lambda: [_alternative(before, after).parts() for before, after in sides],
            )
        ]
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
                for after, words in ((False, alternative.before), (True, alternative.after)) if words is not None
            ))
        runs = any(a == _Alternative(None, None, None, None) for a in alternatives)
        return cls(
            (1 << len(alternatives)) - 1, ends, begins, free_ends, free_begins,
            tuple(sorted({len(w) for w in ends})), tuple(sorted({len(w) for w in begins})), tuple(anywhere), runs,
        )

    def may_match(self, block: Block, start: int, end: int) -> bool:
        """Whether some alternative may match at the occurrence [start, end) of `block`."""
        folded = block.folded
        if self.runs or folded is None:
            return True
        possible = self.free_ends | self._ends(folded, start)
        if possible:
            possible &= self.free_begins | self._begins(folded, start, end)
        if not possible:
            return False
        spans = block.spans(self)
        k = 0
        while possible:
            if possible & 1:
                span = spans[k]
                if span is None:
                    span = spans[k] = block.span(self.anywhere[k])
                if span[0] <= start <= span[1]:
                    return True
            possible >>= 1
            k += 1
        return False

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
        found = 0
        for n in self.end_lengths:
            if n > len(word):
                break
            found |= self.ends.get(word[-n:], 0)
        return found

    def _begins(self, folded: str, start: int, end: int) -> int:
        """Alternatives whose word after the term is there, after the occurrence or after a
        shorter form of it (the term's pattern may take "client" out of "client's")."""
        if not self.begin_lengths:
            return 0
        longest = self.begin_lengths[-1]
        found = 0
        stops = [end] if folded[start:end].isascii() and folded[start:end].isalnum() else [
            stop for stop in range(start + 1, end + 1) if stop == end or not _ascii_word(folded[stop])
        ]
        for stop in stops:
            high = stop + longest + _SLACK
            text = folded[stop:high].lstrip()
            word = text.split(None, 1)[0] if text else ""
            if len(word) == len(text) and high < len(folded) and len(word) < longest:
                return self.everyone
            for n in self.begin_lengths:
                if n > len(word):
                    break
                found |= self.begins.get(word[:n], 0)
        return found


@dataclass(frozen=True, slots=True, eq=False)  # found by identity: one object per word set
class _Words:
    """Words one of which must occur on one side of the term, found in a block's text."""

    words: tuple[str, ...]  # case-folded, none holding another
    after: bool
    pattern: re.Pattern[str] | None  # any of them (reversed, `after`), for many words

    @classmethod
    def of(cls, words: frozenset[str], after: bool) -> _Words:
        """One object per word set (none holding another: `_least`) and side, whichever guard
        asks: a block then looks for the words once for every term."""
        least = tuple(sorted(words))
        key = (least, after)
        if key not in _KNOWN:
            many = len(least) > _ONE_BY_ONE
            pattern = re.compile("|".join(re.escape(w[::-1] if after else w) for w in least)) if many else None
            _KNOWN[key] = cls(least, after, pattern)
        return _KNOWN[key]

    def where(self, folded: str) -> int:
        """Where the first occurrence of a word ends (-1: none), or, `after`, where the last
        begins. A few words are looked for one by one; many, as one pattern: no word holds
        another, so the leftmost match also ends first, and in the reversed text the
        rightmost begins last."""
        if self.pattern is None:
            if self.after:
                return max(folded.rfind(w) for w in self.words)
            ends = [at + len(w) for w in self.words if (at := folded.find(w)) >= 0]
            return min(ends, default=-1)
        if self.after:
            found = self.pattern.search(folded[::-1])
            return -1 if found is None else len(folded) - found.end()
        found = self.pattern.search(folded)
        return -1 if found is None else found.end()


_KNOWN: dict[tuple[tuple[str, ...], bool], _Words] = {}  # every word set, by its words and side


def _alternative(before: str, after: str) -> _Alternative:
    """What `(?<=before)term(?=after)` needs on each side ("": no look-around there)."""
    behind, ahead = _parsed(before), _parsed(after)
    return _Alternative(
        _edge_words(behind, last=True) if before else None, _edge_words(ahead, last=False) if after else None,
        _least(_required(behind)) if before else None, _least(_required(ahead)) if after else None,
    )


def _least(words: frozenset[str] | None) -> frozenset[str] | None:
    """The words holding no other: one of them occurs wherever one of `words` does."""
    return None if words is None else frozenset(w for w in words if not any(o != w and o in w for o in words))


def _parsed(source: str) -> Items | None:
    """A pattern as Python's parser reads it, or None: empty, not Python's syntax, or
    written the same in both but meaning something else in `regex`."""
    if not source or _OTHER_SYNTAX.search(_QUANTIFIER.sub("", source)):
        return None
    try:
        return _parse.parse(source, re.IGNORECASE | re.MULTILINE)
    except (re.error, OverflowError, RecursionError):
        return None


def _edge_words(items: Items | None, *, last: bool) -> frozenset[str] | None:
    """The words the text before the term ends with (`last`), or the text after it begins
    with, from the strings every match of the pattern ends (begins) with."""
    if items is None:
        return None
    words = set()
    for text in _edge(list(items), last, {""}):
        text = _squeeze(text).strip(_SPACE)
        if not text:
            return None  # the pattern may end (or begin) in white space only: any word
        words.add(text.rsplit(_SPACE, 1)[-1] if last else text.split(_SPACE, 1)[0])
    return _folded(words)


def _edge(items: list[tuple[Any, Any]], last: bool, spelled: set[str]) -> set[str]:
    """Strings that every match of `items`, followed (`last`; else preceded) by one of
    `spelled`, ends (begins) with: spelled out from the edge while the elements' languages are
    finite, then into the one element that is not (the last pass of a repeat, each branch)."""
    sequence = items[::-1] if last else items
    for i, (op, av) in enumerate(sequence):
        language = _language(op, av)
        if language is None:
            language = _edge_within(op, av, last)
            if language is None:
                return spelled
            grown = _joined(language, spelled, last)
            if grown is None:
                return spelled
            if op in _REPEATS and av[0] == 0:  # or absent, and then what stands beyond it
                rest = sequence[i + 1:]
                either = grown | _edge(rest[::-1] if last else rest, last, spelled)
                return either if len(either) <= _LIMIT else spelled
            return grown
        grown = _joined(language, spelled, last)
        if grown is None:
            return spelled
        spelled = grown
    return spelled


def _edge_within(op: Any, av: Any, last: bool) -> set[str] | None:
    """Strings every match of one element with an infinite language ends (begins) with."""
    if op in _REPEATS:
        return _edge(list(av[2]), last, {""})
    if op in _GROUPS:
        return _edge(list(av[-1] if op == _sre.SUBPATTERN else av), last, {""})
    if op == _sre.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            out |= _edge(list(branch), last, {""})
        return out if len(out) <= _LIMIT else None
    return None


def _joined(language: set[str], spelled: set[str], last: bool) -> set[str] | None:
    grown = {_squeeze(w + s if last else s + w) for w in language for s in spelled}
    return grown if len(grown) <= _LIMIT else None


def required_words(source: str, common: Iterable[str] = ()) -> frozenset[str] | None:
    """Words (case-folded) one of which every match of a pattern holds, or None: a block
    holding none of them holds no match. Words holding one of `common` (a pack's own terms,
    in every block searched) are the last choice."""
    common = tuple(w.casefold() for w in common)
    return _remembered("words", [source, *common], lambda: _required(_parsed(source), common))


def _remembered(kind: str, made_of: list[str], work: Callable[[], T]) -> T:
    """What `work` reads from patterns, kept in the user's cache (`cache.py`) under what it
    was read from and the code that read it: reading a pack's patterns takes tens of
    milliseconds, a pre-commit run's budget; loading the result, a fraction of one."""
    from .. import cache

    name = cache.entry_name(kind, _CODE, *made_of)
    data = cache.read(name)
    if data is not None:
        try:
            stored, value = marshal.loads(data)
            if stored == made_of:
                return value  # type: ignore[no-any-return,unused-ignore]
        except (ValueError, EOFError, TypeError):  # damaged or from another build: read again
            pass
    value = work()
    cache.write(name, marshal.dumps((made_of, value)))  # type: ignore[arg-type]
    return value


def _required(items: Items | None, common: tuple[str, ...] = ()) -> frozenset[str] | None:
    """Words one of which every match holds (case-folded, without white space), or None."""
    if items is None:
        return None
    best: frozenset[str] | None = None
    run: list[tuple[Any, Any]] = []

    def score(words: frozenset[str]) -> tuple[bool, int]:
        return not any(c in w for c in common for w in words), min(map(len, words))

    def consider(found: frozenset[str] | None) -> None:
        nonlocal best
        if found and (best is None or score(found) > score(best)):
            best = found

    for op, av in [*items, (None, None)]:
        if op is not None and _language(op, av) is not None:
            run.append((op, av))
            continue
        for found in _pieces(run, common):
            consider(found)
        run = []
        if op is not None:
            consider(_required_in(op, av, common))
    return best


def _required_in(op: Any, av: Any, common: tuple[str, ...]) -> frozenset[str] | None:
    if op in _GROUPS:
        return _required(av[-1] if op == _sre.SUBPATTERN else av, common)
    if op in _REPEATS and av[0] >= 1:
        return _required(av[2], common)
    if op == _sre.BRANCH:
        found = [_required(branch, common) for branch in av[1]]
        if all(f is not None for f in found):
            return frozenset().union(*found)  # type: ignore[arg-type]
    return None


def _pieces(run: list[tuple[Any, Any]], common: tuple[str, ...]) -> list[frozenset[str] | None]:
    """For a run of finite elements, cut where spelling it out grows too long (the parser
    writes a group's letters into the run around it): a white-space-free piece of each
    string each part matches, the longest free of `common` words if there is one."""
    parts: list[set[str]] = []
    spelled = {""}
    for op, av in run:
        language = _language(op, av)
        assert language is not None
        grown = {s + w for s in spelled for w in language}
        if len(grown) > _LIMIT:
            parts.append(spelled)
            grown = language
        spelled = grown
    parts.append(spelled)
    out = []
    for part in parts:
        pieces = {
            max(_squeeze(text).split(_SPACE), key=lambda p: (not any(c in p.casefold() for c in common), len(p)))
            for text in part
        }
        out.append(None if "" in pieces else _folded(pieces))
    return out


def _language(op: Any, av: Any) -> set[str] | None:
    """Every string one parsed element matches, white space as one `_SPACE` per run (any
    number of spaces stands for one run); None when infinite or too many."""
    if op in _ZERO_WIDTH:
        return {""}
    if op == _sre.LITERAL:
        return {_char(av)}
    if op == _sre.IN:
        return _class(av)
    if op == _sre.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            language = _sequence(branch)
            if language is None:
                return None
            out |= language
        return out if len(out) <= _LIMIT else None
    if op in _GROUPS:
        return _sequence(av[-1] if op == _sre.SUBPATTERN else av)
    if op in _REPEATS:
        low, high, body = av
        language = _sequence(body)
        if language is None:
            return None
        if language <= {"", _SPACE}:  # a run of white space, however long
            return {_SPACE} if low >= 1 and _SPACE in language else ({"", _SPACE} if _SPACE in language else {""})
        if high > 4:
            return None
        out, power = set(), {""}
        for count in range(high + 1):
            if count >= low:
                out |= power
            power = {p + w for p in power for w in language}
            if len(out) > _LIMIT or len(power) > _LIMIT:
                return None
        return out
    return None


def _sequence(items: Items) -> set[str] | None:
    spelled = {""}
    for op, av in items:
        language = _language(op, av)
        if language is None:
            return None
        spelled = {_squeeze(s + w) for s in spelled for w in language}
        if len(spelled) > _LIMIT:
            return None
    return spelled


def _class(items: Any) -> set[str] | None:
    out = set()
    for op, av in items:
        if op == _sre.LITERAL:
            out.add(_char(av))
        elif op == _sre.RANGE and av[1] - av[0] < 64:
            out.update(_char(c) for c in range(av[0], av[1] + 1))
        elif op == _sre.CATEGORY and av == _sre.CATEGORY_SPACE:
            out.add(_SPACE)
        else:
            return None
    return out


def _char(code: int) -> str:
    character = chr(code)
    return _SPACE if character.isspace() else character


def _squeeze(text: str) -> str:
    while _SPACE * 2 in text:
        text = text.replace(_SPACE * 2, _SPACE)
    return text


def _folded(words: Iterable[str]) -> frozenset[str] | None:
    """Words case-folded as the text is. A letter matches another ignoring case when both
    fold alike, as long as each folds to one letter; a word with one that folds to more (ß)
    tells nothing."""
    if any(len(c.casefold()) != 1 for word in words for c in word):
        return None
    return frozenset(word.casefold() for word in words)


def _ascii_word(character: str) -> bool:
    """An ASCII word character: where `(?!\\w)` cannot hold, whatever the engine's Unicode tables."""
    return character.isascii() and (character.isalnum() or character == "_")
