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
_WORD_RUN = re.compile(r"\w*")
_NEXT_RUN = re.compile(r"(?:\s+|-)(\w*)([\s\S]?)")  # a separator, the run of word characters past it, what ends it
_SIGMA = "\u03a3"  # the one letter whose lower case depends on its neighbours (final sigma)
_SLACK = 8  # characters read past the reach first: room for a few separators written as runs


class Side:
    """What a term's lists of neighbouring words on one side of it ask to be read: as far as
    the longest of them reaches, and, unless one has a wildcard, the runs of word characters
    that stand next to the term in their words (`runs`: "api" of "rest api", "side"): a
    phrase read there ends (begins) with the run the text has next to the term, so where
    that run is none of these, no phrase can be listed and the phrases need not be made."""

    __slots__ = ("reach", "runs")

    def __init__(self, reach: int, runs: frozenset[str] | None = None) -> None:
        self.reach = reach
        self.runs = runs

    @classmethod
    def of(cls, lists: list[Adjacent], *, after: bool) -> Side | None:
        """The side read for `lists` (before the term, or `after` it); None: no list."""
        if not lists:
            return None
        reach = max(a.longest for a in lists)
        if any(a.prefixes for a in lists):
            return cls(reach)
        runs = frozenset(_head(word) if after else _tail(word) for a in lists for word in a.exact)
        return cls(reach, runs)


class Beside:
    """What is written just before and just after one occurrence, as the phrases a list of
    neighbouring words could hold: read once per occurrence, whatever the number of lists.
    Each side is read as its `Side` says (None: no list looks there, left empty); a shorter
    reach reads fewer phrases, and each list finds among them every one it holds. A side whose
    run next to the term no listed word has is left empty too: no list would hold a phrase.

    Each side is read from a window of `4 * reach + 16` characters (room for separators
    written as longer runs), first tried on its `reach + 8` characters nearest the term, which
    give the same phrases whenever they hold more than `reach` characters once separators are
    collapsed (`_endings`, `_beginnings`): a third of the work for the usual prose."""

    __slots__ = ("before", "after")

    def __init__(self, text: str, start: int, end: int, before: Side | None, after: Side | None) -> None:
        self.before = _read(text, start, before, after=False) if before is not None else ()
        self.after = _read(text, end, after, after=True) if after is not None else ()


class Around:
    """A term's two sides, and the phrases read beside its uses, kept by the text around
    them: a side read from its short window (`_near`) depends on those characters alone (near
    the text's start, on the text before the use), and the few phrases written around a term
    recur (a dense page reads a few hundred distinct texts for 28,000 uses). Bounded:
    forgotten whole at KEPT texts."""

    __slots__ = ("before", "after", "_low", "_high", "_read")

    def __init__(self, before: Side | None, after: Side | None) -> None:
        self.before, self.after = before, after
        self._low = before.reach + _SLACK if before is not None else 0
        self._high = after.reach + _SLACK if after is not None else 0
        self._read: dict[str | tuple[int, str], tuple[tuple[str, ...], tuple[str, ...]]] = {}

    def read(self, text: str, start: int, end: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The phrases before and after the use [start, end), as `Beside` reads them."""
        low, high = start - self._low, end + self._high
        if high < len(text):  # the short window after the use stands inside the text
            # nearer the text's start than a short window, the side before reads up to it:
            # kept by the text from there and where the use starts
            around: str | tuple[int, str] = text[low:high] if low > 0 else (start, text[:high])
            found = self._read.get(around)
            if found is not None:
                return found
            before: tuple[str, ...] | None = ()
            if self.before is not None:
                before = _near(text[low:start], self.before, after=False) if low > 0 else _full(text, start, self.before, after=False)
            after = _near(text[end:high], self.after, after=True) if self.after is not None else ()
            if before is not None and after is not None:
                if len(self._read) >= KEPT:
                    self._read.clear()
                self._read[around] = before, after
                return before, after
            # a short window could not tell: that side is read in full, the other kept as read
            if before is None:
                assert self.before is not None
                before = _full(text, start, self.before, after=False)
            if after is None:
                assert self.after is not None
                after = _full(text, end, self.after, after=True)
            return before, after
        beside = Beside(text, start, end, self.before, self.after)
        return beside.before, beside.after


KEPT = 4096  # texts around uses remembered per term (a few hundred bytes each)


def _read(text: str, at: int, side: Side, *, after: bool) -> tuple[str, ...]:
    """The phrases of one side of the term, which stands before `at` (`after`) or from it:
    endings of the text before it, each from a word boundary, or beginnings of the text after
    it, each to one, once the separator (a run of white space or one hyphen) is taken off,
    with spaces and hyphens as one space. Read from the short window (`_near`) where it tells."""
    reach = side.reach
    if after:
        near = at + reach + _SLACK
        window = text[at:near] if near < len(text) else None
    else:
        near = at - reach - _SLACK
        window = text[near:at] if near > 0 else None
    found = _near(window, side, after=after) if window is not None else None
    return found if found is not None else _full(text, at, side, after=after)


def _near(window: str, side: Side, *, after: bool) -> tuple[str, ...] | None:
    """The phrases of a side from the `reach + 8` characters nearest the term (`window`, not
    cut by the text's edge); None when they may be too short to tell.

    Lowering and collapsing separators work character by character from the term outwards
    (but for a capital sigma, which looks at its neighbours), so a shorter window's collapsed
    text is a part of the full window's next to the term: once it is longer than the reach,
    the phrases read from it are the same, and a window's cut edge is never reached."""
    if side.runs is not None and _unlisted(window if after else window[::-1], side.runs, after=after):
        return ()  # most often the run next to the term tells alone that no list holds a phrase
    if _SIGMA in window:
        return None
    return (_beginnings if after else _endings)(window.lower(), side, edge=False, sure=False)


def _full(text: str, at: int, side: Side, *, after: bool) -> tuple[str, ...]:
    """The phrases of a side from its whole window of `4 * reach + 16` characters."""
    reach = side.reach
    if side.runs is not None:
        away = text[at:at + reach + _SLACK] if after else text[max(0, at - reach - _SLACK):at][::-1]
        if _unlisted(away, side.runs, after=after):
            return ()
    if after:
        far = min(len(text), at + 4 * reach + 16)
        found = _beginnings(text[at:far].lower(), side, edge=far == len(text), sure=True)
    else:
        far = max(0, at - 4 * reach - 16)
        found = _endings(text[far:at].lower(), side, edge=far == 0, sure=True)
    assert found is not None
    return found


def _unlisted(window: str, runs: frozenset[str], *, after: bool) -> bool:
    """Whether a side, read away from the term (the text before it reversed), shows no phrase
    a list holds: no separator next to the term, or a run of word characters past it that
    a character in the window ends and that no listed word has next to the term. Only where
    the run and what ends it are ASCII, whose lower case keeps every character what it is;
    False: read the side in full."""
    found = _NEXT_RUN.match(window)
    if found is None:
        return True
    run, stop = found.group(1, 2)
    return bool(stop) and run.isascii() and stop.isascii() and (run if after else run[::-1]).lower() not in runs


def _collapsed(rest: str, run: str, side: Side, *, sure: bool) -> str | tuple[()] | None:
    """The text of a side past its separator with separators collapsed; () when `run`, the
    run of word characters next to the term, is whole (`sure`, or something in the window
    ends it) and begins no listed phrase; None when a short window may be too short to tell."""
    if side.runs is not None and (sure or len(run) < len(rest)) and run not in side.runs:
        return ()
    words = _SEPARATORS.sub(" ", rest)
    if not sure and len(words) <= side.reach:
        return None
    return words


def _endings(window: str, side: Side, *, edge: bool, sure: bool) -> tuple[str, ...] | None:
    """The phrases before the term from a lowered window (`edge`: it starts the text); None,
    unless `sure`, when the window may be too short to tell. Every ending ends with the run of
    word characters that ends the text: where no listed word ends with it, none."""
    if window.endswith("-"):
        rest = window[:-1]
    elif window[-1:].isspace():
        rest = window.rstrip()
    else:
        return ()
    words = _collapsed(rest, _tail(rest) if side.runs is not None else "", side, sure=sure)
    if not isinstance(words, str):
        return words
    first = max(0, len(words) - side.reach)
    starts = [m.end() for m in _NON_WORD.finditer(words, max(0, first - 1)) if m.end() >= first]
    if first == 0 and edge:  # a cut window's first character has an unknown left edge
        starts.insert(0, 0)
    return tuple(words[at:] for at in starts if at < len(words))


def _beginnings(window: str, side: Side, *, edge: bool, sure: bool) -> tuple[str, ...] | None:
    """The phrases after the term from a lowered window (`edge`: it ends the text), as
    `_endings`: every beginning begins with the text's first run of word characters."""
    if window[:1].isspace():
        rest = window.lstrip()
    elif window.startswith("-"):
        rest = window[1:]
    else:
        return ()
    words = _collapsed(rest, _head(rest) if side.runs is not None else "", side, sure=sure)
    if not isinstance(words, str):
        return words
    reach = side.reach
    stops = [m.start() for m in _NON_WORD.finditer(words, 1, reach + 1)]
    if len(words) <= reach and edge:
        stops.append(len(words))
    return tuple(words[:stop] for stop in stops)


def _tail(text: str) -> str:
    """The run of word characters that ends `text` (empty after a non-word character)."""
    return text[len(text) - _run(text[::-1]):]


def _head(text: str) -> str:
    """The run of word characters that begins `text`."""
    return text[:_run(text)]


def _run(text: str) -> int:
    found = _WORD_RUN.match(text)
    assert found is not None  # \w* matches everywhere
    return found.end()


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
