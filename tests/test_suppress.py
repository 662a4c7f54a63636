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
    above = round((finding.confidence + 1) / 2, 4)  # a threshold the finding falls below
    assert finding.confidence < above < 1
    text = f"<!-- termsense-disable-next-line {finding.rule} -->\n{review}\n"
    assert termsense.lint_text(text, config=termsense.Settings(min_confidence=above)) == []
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


@pytest.mark.parametrize(
    "comment",
    [
        "<!-- TERMSENSE-DISABLE-NEXT-LINE cc001 -->",
        "<!-- Termsense-Disable-Next-Line Customer-For-Client -->",
        "<!-- termsense-disable-next-line customer-for-client -->",
        "<!-- termsense-disable-next-line CC002, CC001 -->",
        "<!-- termsense-disable-next-line CC001 -- the firm's own word in a quoted contract -->",
        "<!-- termsense-disable-next-line -- quoted from the engagement letter -->",
    ],
    ids=["upper-case", "name-mixed-case", "name", "comma-list", "code-and-reason", "reason-only"],
)
def test_directive_grammar_accepts_codes_names_any_case_and_a_reason(comment: str) -> None:
    assert rules_at(f"{comment}\n{SLIP}\n") == []


def test_reason_is_kept_on_the_directive() -> None:
    from termsense.document import Source
    from termsense.suppress import directives

    source = Source.from_text("<!-- termsense-disable-next-line CC001, CC003 -- quoted verbatim -->\ntext\n")
    [mark] = directives(source)
    assert (mark.kind, sorted(mark.rules), mark.reason, mark.unknown) == ("disable-next-line", ["CC001", "CC003"], "quoted verbatim", ())


def test_unknown_rule_name_is_reported_and_silences_nothing() -> None:
    found = lint(f"<!-- termsense-disable-next-line customer-for-clients -->\n{SLIP}\n")
    assert [(f.line, f.rule, f.message) for f in found] == [
        (1, "TS001", "unknown rule customer-for-clients in termsense-disable-next-line"),
        (2, "CC001", found[1].message),
    ]


def test_a_reason_without_the_dashes_is_read_as_rule_names_and_reported() -> None:
    [finding] = [f for f in lint(f"<!-- termsense-disable-next-line CC001 quoted -->\n{SLIP}\n") if f.rule == "TS001"]
    assert finding.message == "unknown rule quoted in termsense-disable-next-line"


def test_end_of_line_form_silences_its_own_line_only() -> None:
    text = f"{SLIP} <!-- termsense-disable-line CC001 -- quoted -->\n\n{SLIP}\n"
    assert rules_at(text) == [(3, "CC001")]


def test_end_of_line_form_in_a_wrapped_paragraph_keeps_it_one_paragraph() -> None:
    from markdown_it import MarkdownIt

    first, rest = SLIP.split(" a retainer ")
    text = f"{first} a retainer\nfor each customer <!-- termsense-disable-line customer-for-client -->\nbefore the hearing.\n"
    assert rules_at(text) == []
    assert MarkdownIt("commonmark").render(text).count("<p>") == 1
    own_line = f"{first} a retainer\n<!-- termsense-disable-next-line CC001 -->\nfor each customer before the hearing.\n"
    assert MarkdownIt("commonmark").render(own_line).count("<p>") == 2  # why the end-of-line form exists


def test_end_of_line_form_with_nothing_to_silence_is_reported_at_its_column() -> None:
    [finding] = lint("Plain text. <!-- termsense-disable-line -->\n")
    assert (finding.rule, finding.line, finding.column) == ("TS002", 1, 18)


def test_end_of_line_form_inside_inline_code_is_not_a_directive() -> None:
    text = f"{SLIP} `<!-- termsense-disable-line -->`\n"
    assert rules_at(text) == [(1, "CC001")]


@pytest.mark.parametrize("comment", ["# termsense-disable-line CC001 -- quoted", "<!-- termsense-disable-line CC001 -->"])
def test_end_of_line_form_in_text_files(comment: str) -> None:
    assert rules_at(f"    {SLIP}  {comment}\n\n{SLIP}\n", "txt") == [(3, "CC001")]


def test_upper_case_directive_in_text_files() -> None:
    assert rules_at(f"# TermSense-Disable-Next-Line customer-for-client\n{SLIP}\n", "txt") == []
