"""Clause breaks matched case-sensitively in lowered ASCII text find exactly what the pack's
case-insensitive pattern finds in the text as written, and patterns where that would not
hold keep the original."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termsense.context import Clauses, _lowered_twin
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
