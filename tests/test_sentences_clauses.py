"""Sentences and clauses found the fast way are those the plain definitions give: the word
before a full stop looked for in its last few characters only, clause breaks matched
case-sensitively in lowered ASCII text (patterns where that would not hold keep the original)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termsense.context import _LAST_WORD, Clauses, _lowered_twin, sentence_spans
from termsense.packs import builtin_path, load_pack

PACK = load_pack(str(builtin_path()))
BREAKS = PACK.context.clause_breaks
assert BREAKS is not None
# letters and punctuation of the pack's breaks, in both cases, so matches are frequent
ALPHABET = st.sampled_from(list("aAbBcCdDeEhHiIlLnNoOpPrRsStTuUvVwWkK ;,.-\n"))


def _spans(pattern: re.Pattern[str], text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text, start, end)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(ALPHABET, st.sampled_from(["While", "RATHER than", "Unlike", "vs.", ", But", "In Contrast"])),
                max_size=40).map("".join), st.data())
def test_the_lowered_twin_finds_the_same_breaks_as_the_pack_pattern(text: str, data: st.DataObject) -> None:
    twin = _lowered_twin(BREAKS)
    assert twin is not None  # the built-in pack takes the fast path
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert _spans(twin, text.lower(), start, end) == _spans(BREAKS, text, start, end)


def test_clause_of_an_upper_case_sentence_ends_at_its_break() -> None:
    text = "THE CUSTOMER PAYS, WHILE THE CLIENT WAITS."
    assert Clauses(PACK, text).span((0, len(text)), text.index("CLIENT")) == (text.index(" THE CLIENT"), len(text))
    assert Clauses(PACK, text).span((0, len(text)), 4) == (0, text.index(", WHILE"))


def test_the_comma_that_closes_a_list_does_not_end_the_clause() -> None:
    text = "The broker compares banks, building societies, and lenders for each customer."
    assert Clauses(PACK, text).span((0, len(text)), text.index("customer")) == (0, len(text))
    clause = "The firm drafts the will, and the customer pays at the till."
    assert Clauses(PACK, clause).span((0, len(clause)), clause.index("customer")) == (clause.index(", and") + 5, len(clause))


@pytest.mark.parametrize("source", [r"a\Sb", r"\x41", "Unlike", "a(?i:b)", r"(?<!\w)while", r"\101"])
def test_patterns_lowering_could_change_keep_the_original(source: str) -> None:
    assert _lowered_twin(re.compile(source, re.IGNORECASE)) is None


def test_a_case_sensitive_pattern_is_left_alone() -> None:
    assert _lowered_twin(re.compile("while")) is None


def test_text_beyond_ascii_uses_the_original_pattern() -> None:
    text = "The \u212aelvin customer pays, while the client waits."
    clauses = Clauses(PACK, text)
    assert clauses._pattern is BREAKS
    assert clauses.span((0, len(text)), text.index("client")) == (text.index(", while") + len(", while"), len(text))


_SENTENCE_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+\S)|\n[ \t]*\n")  # as first written


def _sentences_by_definition(text: str, abbreviations: frozenset[str]) -> list[tuple[int, int]]:
    """Sentence ends as first written, the word before each full stop searched for from the
    sentence's start."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        word = _LAST_WORD.search(text, start, match.start())
        if match.group(0)[0] == "." and word and word.group(1).lower() in abbreviations:
            continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


WORDS = st.sampled_from([
    "e.g", "E.G", "vs", "Dr", "dr", "mr", "xvs", "prevs", "e.g.e.g", "word", "a", "\u0130", "\n", " ", "\t", ".", "!", "?",
    ")", '"', "\u201d", "]",
])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(WORDS, st.sampled_from([" ", ". ", ".\n", "\n. "])), max_size=40).map("".join))
def test_sentences_end_where_the_search_from_the_sentence_start_says(text: str) -> None:
    for abbreviations in (PACK.context.abbreviations, frozenset({"e.g", "vs", "dr"}), frozenset()):
        assert sentence_spans(text, abbreviations) == _sentences_by_definition(text, abbreviations)


def test_a_long_word_ending_in_an_abbreviation_ends_its_sentence() -> None:
    text = "We met the prevs. Then we left."
    assert sentence_spans(text, frozenset({"vs"})) == [(0, 17), (17, len(text))]
    assert sentence_spans("We met vs. them.", frozenset({"vs"})) == [(0, 16)]
