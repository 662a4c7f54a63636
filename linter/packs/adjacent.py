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
from dataclasses import dataclass

from ..trie import WILDCARD_LENGTH
from .forms import normal_words

_SEPARATORS = re.compile(r"[\s-]+")


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


@dataclass(frozen=True, slots=True)
class Adjacent:
    """One list of words that may stand beside a term, as sets of normalised words."""

    exact: frozenset[str]
    prefixes: frozenset[str]  # the fixed part of words ending in `*`
    longest: int  # characters in the longest normalised match

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

    @property
    def _window(self) -> int:
        """Characters read beside the term: room for separators written as longer runs."""
        return 4 * self.longest + 16

    def before(self, text: str, start: int) -> bool:
        """Does a listed word end just before the term starting at `start`?"""
        low = max(0, start - self._window)
        window = text[low:start].lower()
        if window.endswith("-"):
            rest = window[:-1]
        elif window[-1:].isspace():
            rest = window.rstrip()
        else:
            return False
        words = _SEPARATORS.sub(" ", rest)
        first = 0 if low == 0 else 1  # a cut window's first character has an unknown left edge
        for at in range(max(first, len(words) - self.longest), len(words)):
            if (at == 0 or not _is_word(words[at - 1])) and self._listed(words[at:]):
                return True
        return False

    def after(self, text: str, end: int) -> bool:
        """Does a listed word start just after the term ending at `end`?"""
        high = min(len(text), end + self._window)
        window = text[end:high].lower()
        if window[:1].isspace():
            rest = window.lstrip()
        elif window.startswith("-"):
            rest = window[1:]
        else:
            return False
        words = _SEPARATORS.sub(" ", rest)
        for stop in range(1, min(len(words), self.longest) + 1):
            bounded = not _is_word(words[stop]) if stop < len(words) else high == len(text)
            if bounded and self._listed(words[:stop]):
                return True
        return False

    def _listed(self, candidate: str) -> bool:
        if candidate in self.exact:
            return True
        if not self.prefixes:
            return False
        for extra in range(min(WILDCARD_LENGTH, len(candidate)) + 1):
            if extra and not _is_word(candidate[-extra]):
                return False
            if candidate[: len(candidate) - extra] in self.prefixes:
                return True
        return False
