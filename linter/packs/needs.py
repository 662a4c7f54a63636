"""What a pattern needs: the words its matches must end or begin with next to the term, or
hold somewhere, read from the pattern's text (`guard.py` asks them before running patterns).

Python's own parser reads the pattern: the syntax `regex` shares with `re`. A pattern with
anything else (a POSIX class, fuzzy matching, which `re` would read as letters) needs
"anything". The languages of the parsed elements are spelled out as far as they are finite
and short, white space as one space per run; what every spelled string holds is what every
match holds. Words are case-folded, as the patterns' ignore-case compares letters; a word
with a letter that folds to more than one (ß) tells nothing.

Reading a pack's patterns takes tens of milliseconds: the result is kept in the user's cache
(`cache.py`), under the patterns and a checksum of this module.
"""

from __future__ import annotations

import importlib
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


def _checksum() -> str | None:
    """Of this module: a reading made by other code is not used. None where the module's
    file cannot be read (a frozen install): then nothing is cached."""
    try:
        return f"{zlib.crc32(Path(__file__).read_bytes()):08x}"
    except OSError:
        return None


_CODE = _checksum()
_LIMIT = 512  # strings of one finite language worth spelling out
_SPACE = " "  # stands for any run of white space in a spelled-out string
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
class Needs:
    """What `(?<=before)term(?=after)` needs: words the text next to the term ends (`ends`) or
    begins (`begins`) with, sets of words one word of each of which occurs before (`before`)
    or after (`after`) it, and the strings the text before it ends with, a run of white space
    as one space (`tails`: "for the ", not only "the"); None where nothing is known."""

    ends: frozenset[str] | None
    begins: frozenset[str] | None
    before: tuple[frozenset[str], ...] | None
    after: tuple[frozenset[str], ...] | None
    tails: frozenset[str] | None = None

    def parts(self) -> tuple[frozenset[str] | tuple[frozenset[str], ...] | None, ...]:
        return self.ends, self.begins, self.before, self.after, self.tails


def needs_of(sides: list[tuple[str, str]]) -> list[Needs]:
    """What each alternative `(?<=before)term(?=after)` needs, given as (before, after)
    sources ("": no look-around there)."""
    return [
        Needs(*found) for found in _remembered(  # type: ignore[arg-type]  # the parts, as parts() gave them
            "guard", [f"{before}\0{after}" for before, after in sides],
            lambda: [_alternative(before, after).parts() for before, after in sides],
        )
    ]


def _alternative(before: str, after: str) -> Needs:
    """What `(?<=before)term(?=after)` needs on each side ("": no look-around there)."""
    behind, ahead = _parsed(before), _parsed(after)
    ends = _edge_words(behind, last=True) if before else None
    return Needs(
        ends, _edge_words(ahead, last=False) if after else None,
        _every_required(behind) if before else None, _every_required(ahead) if after else None,
        _tails(behind) if ends is not None else None,
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


def _tails(items: Items) -> frozenset[str] | None:
    """The strings every match of the pattern ends with, a run of white space as one space,
    case-folded; None when one of them is empty (it tells nothing)."""
    tails = {_squeeze(text) for text in _edge(list(items), True, {""})}
    return None if "" in tails else _folded(tails)


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
    kept = _KEEP_OUT.sub(r"\1", source)  # `regex`'s \K moves where a match starts, not what the text must hold
    return _remembered("words", [source, *common], lambda: _required(_parsed(kept), common))


_KEEP_OUT = re.compile(r"(?<!\\)((?:\\\\)*)\\K")  # a \K not itself escaped, and the backslash pairs before it


def _remembered(kind: str, made_of: list[str], work: Callable[[], T]) -> T:
    """What `work` reads from patterns, kept in the user's cache (`cache.kept`) under what it
    was read from and the code that read it: reading a pack's patterns takes tens of
    milliseconds, a pre-commit run's budget; loading the result, a fraction of one."""
    if _CODE is None:
        return work()
    from .. import cache

    return cache.kept(kind, [_CODE, *made_of], work)


def _required(items: Items | None, common: tuple[str, ...] = ()) -> frozenset[str] | None:
    """Words one of which every match holds (case-folded, without white space), or None: of
    the sets the parts of the sequence require, the one that says most (holding none of
    `common`, then the longest shortest word)."""

    def score(words: frozenset[str]) -> tuple[bool, int]:
        return not any(c in w for c in common for w in words), min(map(len, words))

    return max(_requirements(items, common), key=score, default=None)


def _every_required(items: Items | None) -> tuple[frozenset[str], ...] | None:
    """Every word set a part of the sequence requires (a match holds one word of each), the
    sets holding no other's words, or None when no part requires one."""
    found = tuple(dict.fromkeys(_least(words) for words in _requirements(items, ())))
    return tuple(words for words in found if words) or None


def _requirements(items: Items | None, common: tuple[str, ...]) -> list[frozenset[str]]:
    """The word sets the parts of a sequence require, in order: a run of finite parts gives
    a piece of its spelled-out strings, any other part what it requires."""
    if items is None:
        return []
    found: list[frozenset[str]] = []
    run: list[tuple[Any, Any]] = []
    for op, av in [*items, (None, None)]:
        if op is not None and _language(op, av) is not None:
            run.append((op, av))
            continue
        found += [words for words in _pieces(run, common) if words]
        run = []
        if op is not None and (words := _required_in(op, av, common)):
            found.append(words)
    return found


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
    writes a group's letters into the run around it): per part, white-space-free pieces of
    each string it matches, as sets every match holds one of: the longest free of `common`
    words if there is one, the first and the last (a run spelling "x's own y" needs both)."""
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
    out: list[frozenset[str] | None] = []
    for part in parts:
        split = [_squeeze(text).split(_SPACE) for text in part]
        for pieces in (
            {max(cut, key=lambda p: (not any(c in p.casefold() for c in common), len(p))) for cut in split},
            {cut[0] for cut in split},
            {cut[-1] for cut in split},
        ):
            found = None if "" in pieces else _folded(pieces)
            if found not in out:
                out.append(found)
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
