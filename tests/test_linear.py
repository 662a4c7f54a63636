"""Linear on any input: the indexed block answers exactly what the plain per-cue loop did, and
a document twice as long costs about twice the work, whatever its shape."""

from __future__ import annotations

import random
import re
import sys
import time
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import termsense
from conftest import EVERYTHING
from termsense import nearest
from termsense.engine import packs_for
from termsense.nearest import ATTACHED, BLOCK, CLAUSE, CLAUSE_WINDOW, Block, Use

SENTENCE = "The customer buys coffee at the counter and the client gets advice. "


@dataclass(frozen=True)
class _Cue:
    key: str
    start: int
    end: int


def _reference(text: str, cues: list[_Cue], sentences: list[tuple[int, int]], uses: list[Use], i: int, attach: int):
    """The per-occurrence loop over every cue and every foreign span (quadratic, obviously right)."""
    own = uses[i]
    foreign = []
    for other in uses:
        if other.clause[0] <= own.start < other.clause[1] or other.term == own.term:
            continue
        foreign.append(other.clause if other.sentence == own.sentence else sentences[other.sentence])
    if own.contrasted:
        s0, s1 = sentences[own.sentence]
        foreign += [(s0, own.clause[0]), (own.clause[1], s1)]
    nearest: dict = {}
    others: set = set()
    for cue in cues:
        if any(start <= cue.start < end for start, end in foreign):
            others.add(cue.key)
            continue
        if own.clause[0] <= cue.start < own.clause[1]:
            gap = text[own.end:cue.start] if cue.start >= own.end else text[cue.end:own.start]
            level = ATTACHED if len(re.findall(r"\w+", gap)) <= attach else CLAUSE
        else:
            level = BLOCK
        if cue.key not in nearest or level < nearest[cue.key][0]:
            nearest[cue.key] = (level, cue)
    return nearest, others


@st.composite
def _blocks(draw: st.DrawFn) -> tuple[str, list[_Cue], list[tuple[int, int]], list[Use]]:
    """Blocks up to ten clause windows long, so sentences reach past what a clause can."""
    length = draw(st.integers(50, 10 * CLAUSE_WINDOW))
    rng = random.Random(draw(st.integers(0, 2**32)))
    text = "".join(rng.choice("ab  .,") for _ in range(length))
    cuts = sorted({0, length, *draw(st.lists(st.integers(1, length - 1), max_size=6))})
    sentences = list(zip(cuts, cuts[1:], strict=False))
    starts = sorted(draw(st.sets(st.integers(0, length - 3), max_size=60)))
    cues = []
    for start in starts:
        if not cues or start >= cues[-1].end:
            cues.append(_Cue(rng.choice("kkkxyz") + rng.choice("01"), start, start + rng.randint(1, 3)))
    uses = []
    for _ in range(draw(st.integers(1, 25))):
        k = rng.randrange(len(sentences))
        s0, s1 = sentences[k]
        o = rng.randrange(s0, s1)
        clause = (max(s0, o - rng.randint(0, CLAUSE_WINDOW)), min(s1, o + rng.randint(0, CLAUSE_WINDOW)))
        uses.append(Use(o, min(s1, o + 2), rng.choice(["client", "customer", "agent"]), k, clause, rng.random() < 0.2))
    return text, cues, sentences, uses


# SMALL 0: the index, even for a block of a few cues; SMALL 10**9: the plain loop, however many
@pytest.mark.parametrize("small", [0, 10**9], ids=["index", "plain loop"])
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(block=_blocks(), attach=st.integers(0, 4))
def test_block_levels_equal_the_per_cue_loop_with_key_order_and_chosen_cue(monkeypatch, small: int, block, attach: int) -> None:
    monkeypatch.setattr(nearest, "SMALL", small)
    text, cues, sentences, uses = block
    answered = Block(text, cues, sentences, uses, attach)
    for i in range(len(uses)):
        levels, others = answered.nearest(i)
        expected_levels, expected_others = _reference(text, cues, sentences, uses, i, attach)
        assert list(levels.items()) == list(expected_levels.items())
        assert others == expected_others


def _work(text: str, fmt: str = "md") -> int:
    """Python calls and lines run (each turn of a loop is a line) while linting `text`: a count
    of work that does not depend on the machine's load."""
    steps = 0

    def trace(frame: object, event: str, arg: object) -> object:
        nonlocal steps
        steps += 1
        return trace

    termsense.lint_text(SENTENCE, format=fmt, config=EVERYTHING)  # packs compiled, imports done
    for pack in packs_for(EVERYTHING):
        pack.cues.table.settle()  # the cue pattern too, compiled by any long run: steady work only
    sys.settrace(trace)
    try:
        termsense.lint_text(text, format=fmt, config=EVERYTHING)
    finally:
        sys.settrace(None)
    return steps


SHAPES = {
    "one paragraph": lambda n: SENTENCE * n + "\n",
    "one block quote": lambda n: "> " + "\n> ".join([SENTENCE] * n) + "\n",
    "one sentence of clauses": lambda n: "The customer buys coffee, and the client gets advice; " * n + "\n",
    "one list item": lambda n: "- " + "\n  ".join([SENTENCE] * n) + "\n",
    "one table cell": lambda n: "| a |\n|---|\n| " + SENTENCE * n + " |\n",
    "one table row": lambda n: "|" + " a |" * n + "\n|" + "---|" * n + "\n|" + f" {SENTENCE} |" * n + "\n",
}


def test_a_dense_block_twice_as_long_costs_about_twice_the_work() -> None:
    for shape, make in SHAPES.items():
        small, large = _work(make(300)), _work(make(600))
        assert large < 2.2 * small, (shape, small, large)  # a pass over all pieces per term: 2.6


def _seconds(text: str) -> float:
    """Best CPU time of three checks: C-level scans (a regex over a whole line per term) do
    not show in a count of Python lines."""
    termsense.lint_text(SENTENCE, config=EVERYTHING)
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        termsense.lint_text(text, config=EVERYTHING)
        best = min(best, time.process_time() - start)
    return best


def test_a_line_four_times_as_long_costs_far_less_than_sixteen_times_the_time() -> None:
    for shape in ("one paragraph", "one table cell"):
        small, large = _seconds(SHAPES[shape](300)), _seconds(SHAPES[shape](1200))
        assert large < 7 * small, (shape, small, large)  # linear: 4x; a scan of the line per term: over 10x
