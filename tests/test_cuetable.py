"""The cue table (packs/cuetable.py) finds exactly what the one trie-shaped pattern finds: the
same matches at the same places, masks first, longer words first, in the pattern's order."""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termsense.context import DocumentContext
from termsense.document import Source
from termsense.outline import Outline
from termsense.packs import builtin_path, load_pack, lower_keeping_offsets
from termsense.packs.cuetable import CUE, MASK, CueTable, one_pattern
from termsense.text import scope_text

WORDS = [
    "legal*", "law firm", "in-store", "check-in*", "check-in desk", "order*", "x.509", "1:1", "care*",
    "career fair", "te*", "tea room", "o'brien", ".net", "c++", "inc.", "a & b", "pre-*", "café",
    "one-on-one", "follow-up*", "grooming session*", "client*",
]
MASKS = ["in order to", "in order", "tea room", "store the", "unordered", "order of"]


def table(words: list[str] = WORDS, masks: list[str] = MASKS, payback: float = math.inf) -> CueTable:
    """A table that never hands over to the pattern (`payback`), unless asked to."""
    made = CueTable(payback)
    for word in words:
        made.add(word, CUE)
    for word in masks:
        made.add(word, MASK)
    return made


def found(text: str, words: list[str] = WORDS, masks: list[str] = MASKS) -> list[str]:
    low = lower_keeping_offsets(text)
    return [low[a:b] for a, b in table(words, masks).spans(low)]


def by_pattern(text: str, words: list[str] = WORDS, masks: list[str] = MASKS) -> tuple[list[tuple[int, int]], set[str]]:
    pattern = one_pattern(words, masks)
    return (
        [m.span() for m in pattern.finditer(text) if m.lastgroup == "cue"],
        {cue for _, cue in pattern.findall(text) if cue},
    )


def test_a_longer_word_runs_across_hyphens_and_line_breaks() -> None:
    assert found("The law-\nfirm and the Check-In desk.") == ["law-\nfirm", "check-in desk"]
    assert found("A check-inning and a check in.") == ["check-inning", "check in"]


def test_a_star_takes_at_most_eight_more_letters() -> None:
    assert found("legalistically, legalisation, legal.") == ["legalisation", "legal"]  # 10 more: no


def test_a_mask_hides_the_cues_inside_it() -> None:
    assert found("Sort them in order to ship the order; in order. Orders of old.") == ["order", "orders"]
    assert table().distinct("in order to ship") == set()
    assert table().distinct("in order to ship the order") == {"order"}


def test_the_pattern_order_decides_between_words_starting_together() -> None:
    assert found("A tea room, a career fair.", masks=[]) == ["tea", "career"]  # `te*`, `care*` are tried first
    assert found("A tea room, a career fair.") == ["career"]  # a mask before any cue
    assert found("the unordered list") == []  # a one-word mask


def test_words_with_inner_and_outer_punctuation() -> None:
    text = "An x.509 cert, x. 509, a 1:1 call, (.net) asp.net, c++17 c++, Acme Inc. and a & b, a&b."
    assert found(text) == ["x.509", "1:1", ".net", "c++", "inc.", "a & b"]


def test_apostrophes_are_matched_as_written() -> None:
    assert found("O'Brien and O\u2019Brien") == ["o'brien"]
    assert found("the client\u2019s order") == ["client", "order"]


def test_a_trailing_separator_takes_a_short_word_after_it() -> None:
    assert found("pre-launch, pre- amble, prefix, pre-verylongword") == ["pre-launch", "pre- amble"]


def test_a_term_is_not_its_own_cue() -> None:
    pack = load_pack(str(builtin_path()), (("customer", ("client*", "checkout")),))

    def context(text: str) -> DocumentContext:
        return DocumentContext(pack, scope_text(Source.from_text(text, format="txt")), Outline.plain(text))

    text = "Our clients pay. The customer pays at the checkout."
    assert "customer:checkout" in context(text)._doc_keys and "customer:client" not in context(text)._doc_keys
    text += " Ask the clientele."
    assert "customer:client" in context(text)._doc_keys
    assert [text[c.start:c.end] for c in context(text)._find(0)] == ["checkout", "clientele"]


def test_the_table_hands_over_to_the_pattern_once_it_has_scanned_enough() -> None:
    cheap = table(payback=2)  # two characters per word
    text = "legal " * 4
    assert cheap.distinct(text) == {"legal"} and cheap.pattern is None
    assert cheap.spans(text * 20) == [(6 * n, 6 * n + 5) for n in range(80)]
    assert cheap.pattern is not None


def test_words_without_a_letter_or_digit_are_left_out() -> None:
    made = table(["&", "*", "", "legal*"], [])
    assert made.listed == (["legal*"], [])
    assert made.distinct("& legal") == {"legal"}


PIECES = [w.rstrip("*") for w in WORDS + MASKS] + ["in", "order", "to", "the", "509", "x", "net", "tea"]
GLUE = [" ", "  ", "-", " - ", "\n", "\n\n", "\t", "\xa0", ", ", ". ", ".", "'", "\u2019", "", "(", ")", ":", "&", " & "]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.text("abxyz19_é", max_size=10), st.sampled_from(GLUE)), max_size=30))
def test_the_table_finds_what_the_pattern_finds(parts: list[tuple[str, str, str]]) -> None:
    text = lower_keeping_offsets("".join(word + tail + glue for word, tail, glue in parts))
    made = table()
    assert (made.spans(text), made.distinct(text)) == by_pattern(text)


@pytest.mark.parametrize("seed", range(3))
def test_the_table_finds_what_the_pattern_finds_with_the_built_in_pack(seed: int) -> None:
    pack = load_pack(str(builtin_path()))
    words, masks = pack.cues.table.listed
    rng = random.Random(seed)
    made = table(list(words), list(masks))
    for _ in range(200):
        text = lower_keeping_offsets("".join(
            rng.choice(words + masks).rstrip("*") + rng.choice(["", "s", "ing", "xyzzyxyzzy"]) + rng.choice(GLUE)
            for _ in range(rng.randint(1, 25))
        ))
        assert (made.spans(text), made.distinct(text)) == by_pattern(text, list(words), list(masks)), text


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.text("abxyz19_é", max_size=10), st.sampled_from(GLUE)), max_size=30))
def test_the_scanning_pattern_finds_what_the_one_pattern_finds(parts: list[tuple[str, str, str]]) -> None:
    """A long run scans with `scanner` (masks and cues joined at their first character): the
    same matches, a mask still taken before a cue where both match, longer or not."""
    text = lower_keeping_offsets("".join(word + tail + glue for word, tail, glue in parts))
    made = table()
    made.settle()
    assert (made.spans(text), made.distinct(text)) == by_pattern(text)


def scanning(words: list[str], masks: list[str]) -> CueTable:
    made = table(words, masks)
    made.settle()
    return made


def test_the_scanning_pattern_takes_a_mask_before_a_longer_cue() -> None:
    made = scanning(["new york*", "new"], ["new york"])
    assert made.spans("the new york office, new yorkers") == [(21, 32)]
    assert made.distinct("the new york office") == set()
    assert scanning(["new"], ["new york"]).distinct("new yorkers") == {"new"}
    assert scanning([], ["order"]).distinct("order") == set()
    assert scanning(["order"], []).distinct("an order") == {"order"}


_PIECES = [
    "Our quill", "firm", "in order", "to", "the client", "zeta-9", "qorp", "inc.", "quill-", "firm's", "\u0391\u03a3",
    "caf\u00e9", "clients\u2019", "- item", "> quoted", "# Head", "Title\n===", "```\nquill firm\n```",
    "<div>\nquill\n</div>", "[quill firm](https://x.test/firm)", "`code`", "| a | quill firm |\n|---|---|", "\t",
    "K\u0130NG", "stra\u00dfe", "quills", "Our quill\n\nfirm", "a quill\n\n- firm",
]
_GLUE = [" ", " ", "\n", "\n\n", "\r\n", "-", "", "\n\n\n", ". "]


def test_a_block_or_section_reads_the_cues_the_document_scan_found_as_a_scan_of_its_own() -> None:
    """Sections and blocks take their cues from the scan of the whole document where they stand
    there verbatim and nothing crosses their edges: the same cues at the same places as a scan
    of each alone, on text built to put words across their edges."""
    from termsense.markdown import markdown_outline, scope_markdown

    # words of its own (a word the pack lists too may resolve to either of its groups)
    pack = load_pack(str(builtin_path()), (("client", ("quill firm", "zeta-9", "qorp inc.", "quill*")),))
    pack.cues.table.settle()  # positions come with the one pattern's scan
    rng = random.Random(5)
    read = {"block": 0, "section": 0, "block alone": 0}
    for _ in range(300):
        text = "".join(rng.choice(_PIECES) + rng.choice(_GLUE) for _ in range(rng.randint(3, 30)))
        source = Source.from_text(text)
        outline = markdown_outline(source)
        units = scope_markdown(source, outline, pack.probe, lazy=False)
        located, alone = DocumentContext(pack, units, outline), DocumentContext(pack, units, outline)
        alone._scanned = None
        for index, unit in enumerate(units):
            assert located._find(index) == alone._find(index), (text, unit.text)
            if located._scanned is not None and located._scanned.block(unit) is not None:
                read["block"] += 1
            else:
                read["block alone"] += 1
        for index in range(len(outline.section_texts)):
            assert located._section(index) == alone._section(index), text
            read["section"] += located._scanned is not None and located._scanned.section(index) is not None
    assert min(read.values()) > 50, read


def test_a_part_with_a_word_character_beside_it_is_scanned_alone() -> None:
    from termsense.context import _Scanned

    pack = load_pack(str(builtin_path()), (("client", ("law firm",)),))
    pack.cues.table.settle()
    text = "xlaw firm and law firmx, law firm."
    located = pack.cues.located(text)
    assert located.starts is not None and located.ends is not None
    scanned = _Scanned(located.starts, located.ends, Outline.plain(text))
    assert scanned._inside(1, 9) is None  # alone, "law firm" is a cue; after the x it is none
    assert scanned._inside(14, 22) is None  # the same before a word character
    assert [text[located.starts[k]:located.ends[k]] for k in scanned._inside(25, 34) or ()] == ["law firm"]


def test_the_words_of_a_page_are_counted_as_splitting_it_would() -> None:
    from termsense.context import word_count

    rng = random.Random(3)
    for _ in range(3000):
        text = "".join(rng.choice([" ", "\t", "\n", "\x0b", "\x0c", "\r", "\x1c", "\x1f", "\x85", "\u00a0", "a", "b", "."])
                       for _ in range(rng.randint(0, 12)))
        assert word_count(text) == len(text.split()), repr(text)
