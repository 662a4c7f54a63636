"""Word forms: a pack's terms in every form (case, plural, possessive with either apostrophe),
how they are found in text, and how listed words become patterns."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from ..trie import atoms


class Term:
    """A term of the pack and its two forms. This and the other records made once per pack are
    plain classes compared by identity (see `pack.Context`)."""

    __slots__ = ("name", "singular", "plural")

    def __init__(self, name: str, singular: str, plural: str) -> None:
        self.name = name
        self.singular = singular
        self.plural = plural


class Form:
    """What a matched word is: which term, plural or not, and its possessive ending."""

    __slots__ = ("term", "plural", "possessive")

    def __init__(self, term: str, plural: bool, possessive: str) -> None:
        self.term = term
        self.plural = plural
        self.possessive = possessive  # "", "'s", "'" (apostrophe as written is kept by the fixer)


class Probe:
    """Finds every form of a pack's terms, as `re` matches in the text as written.

    A case-insensitive pattern that opens with a look-behind keeps the regex engine from
    skipping ahead to a likely first character; so candidates are found in lower-cased text
    by the bare alternatives (several times faster) and each is confirmed where it stands by
    the full pattern."""

    __slots__ = ("exact", "fast")

    def __init__(self, exact: re.Pattern[str], fast: re.Pattern[str]) -> None:
        self.exact = exact  # (?<!\w)(?:forms)(?!\w), case-insensitive
        self.fast = fast  # (?:forms)(?!\w), lower-case

    @classmethod
    def of(cls, forms: dict[str, Form]) -> Probe:
        alternatives = forms_alternatives(forms)
        return cls(re.compile(on_word_boundaries(alternatives), re.IGNORECASE), re.compile(rf"{alternatives}(?![\w])"))

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        lowered = lower_keeping_offsets(text)
        at = 0
        while (match := self._search(text, lowered, at)) is not None:
            yield match
            at = match.end()

    def search(self, text: str) -> re.Match[str] | None:
        return self._search(text, lower_keeping_offsets(text), 0)

    def pieces_holding(self, text: str, ends: list[int]) -> set[int]:
        """Which of the pieces of `text` ending at `ends` (in order, the last at the end of the
        text) hold a match: what `finditer` finds, each piece searched up to its first match,
        given that no match runs past the end of its piece (pieces end at line breaks, which
        no form holds)."""
        lowered = lower_keeping_offsets(text)
        found: set[int] = set()
        at = 0
        while (match := self._search(text, lowered, at)) is not None:
            piece = bisect.bisect_right(ends, match.start())
            found.add(piece)
            at = max(match.end(), ends[piece])
        return found

    def _search(self, text: str, lowered: str, at: int) -> re.Match[str] | None:
        """The first match starting at `at` or later (`lowered`: `lower_keeping_offsets(text)`)."""
        while (candidate := self.fast.search(lowered, at)) is not None:
            match = self.exact.match(text, candidate.start())
            if match is not None:
                return match
            at = candidate.start() + 1
        return None


def lower_keeping_offsets(text: str) -> str:
    """Lower case with every offset kept (the few letters whose lower case is longer stay)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def forms_of(terms: dict[str, Term]) -> dict[str, Form]:
    forms: dict[str, Form] = {}
    for term in terms.values():
        singular, plural = term.singular.lower(), term.plural.lower()
        forms[singular] = Form(term.name, False, "")
        forms[plural] = Form(term.name, True, "")
        forms[singular + "'s"] = Form(term.name, False, "'s")
        forms[plural + ("'" if plural.endswith("s") else "'s")] = Form(term.name, True, "'" if plural.endswith("s") else "'s")
    return forms


def forms_alternatives(forms: dict[str, Form], term: str | None = None) -> str:
    """The forms (either apostrophe) as one group, longest first."""
    words = sorted((w for w, f in forms.items() if term is None or f.term == term), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace("'", "['\u2019]") for w in words) + ")"


def on_word_boundaries(alternatives: str) -> str:
    return rf"(?<![\w]){alternatives}(?![\w])"


def forms_pattern(forms: dict[str, Form], term: str | None = None) -> str:
    """An alternation of the forms (either apostrophe), longest first, on word boundaries."""
    return on_word_boundaries(forms_alternatives(forms, term))


def term_group(forms: dict[str, Form], term: str) -> str:
    """Where `{term}` stands in a sense pattern: any form of the term, on word boundaries."""
    return f"(?P<term>{forms_pattern(forms, term)})"


def word_pattern(word: str) -> str:
    """A listed word as a pattern: `*` takes a short ending, a space or hyphen matches either."""
    return "".join(atoms(word))


def normal_words(text: str) -> str:
    """Lower case with runs of spaces and hyphens as one space: how cue words are compared.
    String methods where they give the same (no hyphen at either end): a tenfold word list
    builds in a few milliseconds."""
    bare = text.strip().lower()
    if bare.isalnum():
        return bare
    if bare[:1] != "-" and bare[-1:] != "-":
        return " ".join(bare.replace("-", " ").split())
    return re.sub(r"[\s-]+", " ", bare)
