"""Words written next to a term ("HTTP client", "client-side"), looked up in a set.

A sense's `before` and `after` lists are the longest part of a pack. Compiled into a pattern
they cost more start-up than the rest of the pack together, and ten times the words would
cost ten times that; read as the few words beside an occurrence and looked up, they cost
nothing to build and the same at any length.

The lookup keeps the meaning the lists have always had: a listed word, on a word boundary,
then a run of white space or one hyphen, then the term (or the term, the separator, the
word); spaces and hyphens inside a listed word match any run of either; a final `*` takes up
to eight more word characters; case is ignored.
"""

from __future__ import annotations

import re

from ..trie import WILDCARD_LENGTH
from .forms import normal_words

_SEPARATORS = re.compile(r"[\s-]+")
_NON_WORD = re.compile(r"\W")
_SIGMA = "\u03a3"  # the one letter whose lower case depends on its neighbours (final sigma)
_SLACK = 8  # characters read past the reach first: room for a few separators written as runs


class Beside:
    """What is written just before and just after one occurrence, as the phrases a list of
    neighbouring words could hold: read once per occurrence, whatever the number of lists.
    Each side is read as far as the longest list of the term on that side reaches
    (`before`, `after`: the lists' `longest`, 0 for a side no list looks at, left empty);
    a shorter reach reads fewer phrases, and each list finds among them every one it holds.

    Each side is read from a window of `4 * reach + 16` characters (room for separators
    written as longer runs), first tried on its `reach + 8` characters nearest the term, which
    give the same phrases whenever they hold more than `reach` characters once separators are
    collapsed (`_endings`, `_beginnings`): a third of the work for the usual prose."""

    __slots__ = ("before", "after")

    def __init__(self, text: str, start: int, end: int, before: int, after: int) -> None:
        self.before = _before(text, start, max(0, start - 4 * before - 16), before) if before else ()
        self.after = _after(text, end, min(len(text), end + 4 * after + 16), after) if after else ()


def _before(text: str, start: int, low: int, reach: int) -> tuple[str, ...]:
    """Endings of the text before `start`, each from a word boundary, once the separator (a
    run of white space or one hyphen) is taken off, with spaces and hyphens as one space.

    Lowering and collapsing separators work character by character from the right (but for a
    capital sigma, which looks at its neighbours), so a shorter window's collapsed text is an
    ending of the full window's: once it is longer than `reach`, the endings read from it
    are the same, and a window's cut edge is never reached."""
    near = start - reach - _SLACK
    if near > low:
        window = text[near:start]
        if _SIGMA not in window:
            found = _endings(window.lower(), reach, edge=False, sure=False)
            if found is not None:
                return found
    found = _endings(text[low:start].lower(), reach, edge=low == 0, sure=True)
    assert found is not None
    return found


def _endings(window: str, reach: int, *, edge: bool, sure: bool) -> tuple[str, ...] | None:
    """`_before` on a lowered window (`edge`: it starts the text); None, unless `sure`, when
    the window may be too short to tell."""
    if window.endswith("-"):
        rest = window[:-1]
    elif window[-1:].isspace():
        rest = window.rstrip()
    else:
        return ()
    words = _SEPARATORS.sub(" ", rest)
    if not sure and len(words) <= reach:
        return None
    first = max(0, len(words) - reach)
    starts = [m.end() for m in _NON_WORD.finditer(words, max(0, first - 1)) if m.end() >= first]
    if first == 0 and edge:  # a cut window's first character has an unknown left edge
        starts.insert(0, 0)
    return tuple(words[at:] for at in starts if at < len(words))


def _after(text: str, end: int, high: int, reach: int) -> tuple[str, ...]:
    """Beginnings of the text after `end`, each to a word boundary, after the separator; read
    first from a shorter window, as `_before`."""
    near = end + reach + _SLACK
    if near < high:
        window = text[end:near]
        if _SIGMA not in window:
            found = _beginnings(window.lower(), reach, edge=False, sure=False)
            if found is not None:
                return found
    found = _beginnings(text[end:high].lower(), reach, edge=high == len(text), sure=True)
    assert found is not None
    return found


def _beginnings(window: str, reach: int, *, edge: bool, sure: bool) -> tuple[str, ...] | None:
    """`_after` on a lowered window (`edge`: it ends the text); None, unless `sure`, when the
    window may be too short to tell."""
    if window[:1].isspace():
        rest = window.lstrip()
    elif window.startswith("-"):
        rest = window[1:]
    else:
        return ()
    words = _SEPARATORS.sub(" ", rest)
    if not sure and len(words) <= reach:
        return None
    stops = [m.start() for m in _NON_WORD.finditer(words, 1, reach + 1)]
    if len(words) <= reach and edge:
        stops.append(len(words))
    return tuple(words[:stop] for stop in stops)


class Adjacent:
    """One list of words that may stand beside a term, as sets of normalised words."""

    __slots__ = ("exact", "prefixes", "longest")

    def __init__(self, exact: frozenset[str], prefixes: frozenset[str], longest: int) -> None:
        self.exact = exact
        self.prefixes = prefixes  # the fixed part of words ending in `*`
        self.longest = longest  # characters in the longest normalised match

    @classmethod
    def of(cls, words: list[str]) -> Adjacent | None:
        """`words` as the pack wrote them, with the edge hyphen ("attorney-", "-side") already
        taken off by the caller."""
        if not words:
            return None
        exact = frozenset(normal_words(w) for w in words if not w.endswith("*"))
        prefixes = frozenset(normal_words(w.rstrip("*")) for w in words if w.endswith("*"))
        longest = max([len(w) for w in exact] + [len(p) + WILDCARD_LENGTH for p in prefixes])
        return cls(exact, prefixes, longest)

    def holds(self, phrases: tuple[str, ...]) -> bool:
        """Is one of `phrases` (a `Beside`'s, read with at least this list's reach) listed?"""
        if not self.exact.isdisjoint(phrases):
            return True
        return bool(self.prefixes) and any(self._wildcard(phrase) for phrase in phrases)

    def _wildcard(self, phrase: str) -> bool:
        for extra in range(min(WILDCARD_LENGTH, len(phrase)) + 1):
            if extra and _NON_WORD.match(phrase, len(phrase) - extra):
                return False
            if phrase[: len(phrase) - extra] in self.prefixes:
                return True
        return False
