"""Rules CC001-CC003: what they flag, what they suggest, and what they leave alone."""

from __future__ import annotations

import pytest

from conftest import LEGAL, lint


def test_customer_in_law_firm_paragraph_is_flagged() -> None:
    [finding] = lint(LEGAL.format(word="customer"))
    assert (finding.rule, finding.matched, finding.replacement) == ("CC001", "customer", "client")
    assert finding.message == '"customer" where the context is legal services; use "client"'
    assert 0.9 < finding.confidence <= 1.0
    assert [(e.cue, e.where) for e in finding.evidence[:3]] == [("court", "attached"), ("retainer", "attached"), ("attorney", "same clause")]
    assert {e.where for e in finding.evidence} <= {"attached", "same clause", "same block", "same section", "document"}


def test_client_in_cafe_paragraph_is_flagged() -> None:
    [finding] = lint("Clients who order a latte at the counter pay at the till and get a receipt.")
    assert (finding.rule, finding.matched, finding.replacement) == ("CC002", "Clients", "Customers")
    assert finding.message == '"Clients" where the context is food and drink; use "Customers"'


def test_one_party_called_both_ways_is_inconsistent() -> None:
    text = (
        "# Lessons\n\nOur tutors meet each client weekly.\n\n"
        "Clients get a written report each month.\n\n"
        "Every customer may reschedule with a day's notice.\n"
    )
    [finding] = lint(text)
    assert (finding.rule, finding.line, finding.column, finding.replacement) == ("CC003", 7, 7, "client")
    assert finding.message == '"customer" where this document calls the same party "clients" (2 to 1); use "client"'


@pytest.mark.parametrize(
    "text",
    [
        # a bank's retail customers and private-banking clients
        "Retail customers open current accounts online and order debit cards at any branch.\n\n"
        "Private-banking clients meet a wealth manager who reviews their investment portfolio every quarter.\n",
        # a sentence saying one party does not become the other contrasts them
        "Alongside our legal practice we sell document templates online. Customers who buy a template do "
        "not become clients of the firm: a template is not legal advice.\n",
        # "store" as a verb is no shop
        "We store each client's winter tyres until spring.\n",
    ],
)
def test_two_parties_and_verbs_that_look_like_shops_are_clean(text: str) -> None:
    assert lint(text) == []


def test_while_before_a_participle_joins_it_to_its_clause_and_marks_no_contrast() -> None:
    """"while letting" goes on about the café's own customers; "while our clients" turns to
    another party, so the café's words describe the other side."""
    [finding] = lint("Our café sells lattes and pastries at the counter while letting clients sit as long as they like.")
    assert (finding.matched, finding.replacement) == ("clients", "customers")
    assert lint("The café next door sells lattes and pastries at the counter, while our clients sit with us for an hour.") == []


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("customer", "client"), ("Customer", "Client"), ("CUSTOMER", "CLIENT"), ("customers", "clients"),
        ("customer's", "client's"), ("customer’s", "client’s"), ("customers'", "clients'"),
        ("customers’", "clients’"), ("CUSTOMER'S", "CLIENT'S"),
    ],
)
def test_replacement_keeps_case_number_and_possessive(word: str, expected: str) -> None:
    [finding] = lint(LEGAL.format(word=word))
    assert (finding.matched, finding.replacement) == (word, expected)


def test_hyphen_compound_replaces_only_the_term() -> None:
    [finding] = lint("Our attorneys give each customer-facing update before the court hearing under the retainer.")
    assert (finding.matched, finding.replacement, finding.column, finding.end_column) == ("customer", "client", 25, 33)


def test_neutral_text_gives_nothing() -> None:
    assert lint("Our clients love the new app. Customers say the same.") == []
