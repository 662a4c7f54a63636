"""Inline suppression, and the reports about directives that are wrong or stale."""

from __future__ import annotations

import pytest

from conftest import LEGAL, lint

SLIP = LEGAL.format(word="customer")


def rules_at(text: str, fmt: str = "md") -> list[tuple[int, str]]:
    return [(f.line, f.rule) for f in lint(text, fmt)]


def test_disable_next_line_silences_only_the_next_line() -> None:
    text = f"<!-- termsense-disable-next-line CC001 -->\n{SLIP}\n\n{SLIP}\n"
    assert rules_at(text) == [(4, "CC001")]


def test_disable_next_line_skips_blank_lines() -> None:
    assert rules_at(f"<!-- termsense-disable-next-line -->\n\n{SLIP}\n") == []


def test_disable_and_enable_bound_a_range() -> None:
    text = f"<!-- termsense-disable -->\n\n{SLIP}\n\n<!-- termsense-enable -->\n\n{SLIP}\n"
    assert rules_at(text) == [(7, "CC001")]


def test_disable_file_silences_everything_it_names() -> None:
    assert rules_at(f"{SLIP}\n\n<!-- termsense-disable-file CC001 -->\n") == []


def test_directive_for_another_rule_silences_nothing_and_is_reported() -> None:
    assert rules_at(f"<!-- termsense-disable-next-line CC002 -->\n{SLIP}\n") == [(1, "TS002"), (2, "CC001")]


def test_unknown_rule_in_a_directive_is_reported() -> None:
    [finding] = lint("<!-- termsense-disable-next-line CC999 -->\nPlain text.\n")
    assert (finding.rule, finding.message) == ("TS001", "unknown rule CC999 in termsense-disable-next-line")


def test_unused_directive_is_reported() -> None:
    [finding] = lint("<!-- termsense-disable-next-line -->\nPlain text.\n")
    assert (finding.rule, finding.line, finding.column) == ("TS002", 1, 6)


def test_directive_inside_code_is_not_a_directive() -> None:
    assert rules_at(f"```\n<!-- termsense-disable-file -->\n```\n\n{SLIP}\n") == [(5, "CC001")]


@pytest.mark.parametrize("comment", ["# termsense-disable-next-line CC001", "  #termsense-disable-next-line"])
def test_text_files_use_hash_comments(comment: str) -> None:
    assert rules_at(f"{comment}\n{SLIP}\n", "txt") == []


def test_suppression_reports_obey_ignore() -> None:
    import termsense

    text = "<!-- termsense-disable-next-line -->\nPlain text.\n"
    settings = termsense.Settings(min_confidence=0.0, ignore=frozenset({"TS"}))
    assert termsense.lint_text(text, config=settings) == []


def test_a_directive_is_used_when_it_silences_a_finding_below_the_confidence_threshold() -> None:
    import termsense

    review = "Our attorneys hold a retainer for each client before the court hearing, and every customer may also buy a mug."
    [finding] = lint(review)
    assert 0.5 <= finding.confidence < 0.9
    text = f"<!-- termsense-disable-next-line {finding.rule} -->\n{review}\n"
    assert termsense.lint_text(text, config=termsense.Settings(min_confidence=0.9)) == []
    assert termsense.lint_text(text, config=termsense.Settings(min_confidence=0.5)) == []


def test_enabling_one_rule_after_a_blanket_disable_enables_only_that_rule() -> None:
    text = f"<!-- termsense-disable -->\n\n{SLIP}\n\n<!-- termsense-enable CC002 -->\n\n{SLIP}\n"
    assert rules_at(text) == []
    retail = "Clients who order a latte at the counter pay at the till and get a receipt."
    text = f"<!-- termsense-disable -->\n\n{retail}\n\n<!-- termsense-enable CC002 -->\n\n{retail}\n"
    assert rules_at(text) == [(7, "CC002")]


def test_enabling_every_rule_ends_a_disable_of_one_rule() -> None:
    text = f"<!-- termsense-disable CC001 -->\n\n{SLIP}\n\n<!-- termsense-enable -->\n\n{SLIP}\n"
    assert rules_at(text) == [(7, "CC001")]
