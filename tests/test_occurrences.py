"""Occurrences: every form of a term, and nothing that merely starts like one."""

from __future__ import annotations

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
