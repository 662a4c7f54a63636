"""Occurrences: every form of a term, and nothing that merely starts like one."""

from __future__ import annotations

import bisect
import random

import pytest

from termsense.packs import builtin_path, load_pack

PACK = load_pack(str(builtin_path()))


def _matches(text: str) -> list[str]:
    return [m.group(0) for m in PACK.probe.finditer(text)]


@pytest.mark.parametrize(
    "word",
    ["client", "clients", "Client's", "clients'", "client’s", "clients’", "CLIENT", "Customers", "customer’s"],
)
def test_every_form_is_an_occurrence(word: str) -> None:
    assert _matches(f"the {word} file") == [word]


def test_hyphen_compounds_match_the_term_part_only() -> None:
    assert _matches("client-facing and customer-centric teams") == ["client", "customer"]


@pytest.mark.parametrize("word", ["clientele", "customs", "customize", "customary", "customer_id", "customerId", "subclient"])
def test_lookalikes_are_not_occurrences(word: str) -> None:
    assert _matches(f"the {word} here") == []


def test_form_records_term_number_and_possessive() -> None:
    form = PACK.form("Customers’")
    assert (form.term, form.plural, form.possessive) == ("customer", True, "'")


def test_the_pieces_holding_a_term_are_those_every_match_falls_in() -> None:
    """The lazy scope asks which chunks (runs of whole lines) hold a term, searching each only
    up to its first: the same chunks as every match of the probe, lookalikes and terms
    glued to a line break included."""
    rng = random.Random(11)
    words = ["client", "Clients'", "customer\u2019s", "clientele", "subclient", "the", "a-client", "x", ""]
    for _ in range(400):
        lines = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 5))) for _ in range(rng.randint(1, 12))]
        text = "\n".join(lines) + "\n"
        starts = [0, *(i + 1 for i, c in enumerate(text) if c == "\n")][:-1]
        cuts = sorted({0, *rng.sample(starts, rng.randint(0, len(starts)))})
        ends = [*cuts[1:], len(text)]
        expected = {bisect.bisect_right(ends, m.start()) for m in PACK.probe.finditer(text)}
        assert PACK.probe.pieces_holding(text, ends) == expected, (text, ends)
