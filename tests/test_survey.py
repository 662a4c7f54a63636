"""survey_text: every term use with the sense the linter read it in, flagged or not."""

import termsense


def test_survey_names_the_sense_of_every_use() -> None:
    text = (
        "Our solicitors meet each customer before the court hearing.\n\n"
        "The HTTP client retries the request.\n\n"
        "Call customer service for help.\n"
    )
    findings, usages = termsense.survey_text(text)
    assert [(u.line, u.column, u.matched, u.term, u.sense) for u in usages] == [
        (1, 26, "customer", "customer", "party"),
        (3, 10, "client", "client", "technical"),
        (5, 6, "customer", "customer", "fixed"),
    ]
    assert [(f.line, f.column, f.rule) for f in findings] == [(1, 26, "CC001")]


def test_survey_of_text_without_terms_is_empty() -> None:
    assert termsense.survey_text("Nothing to see here.\n") == ([], [])


def test_lint_text_finds_what_the_survey_finds_without_reading_the_uses() -> None:
    text = (
        "Our attorneys review each customer file before the hearing under the retainer. "
        "Every client who pays at the checkout gets a receipt from the cashier.\n\n"
        "The HTTP client retries. Our tutors send each customer a progress report after the lesson.\n"
    ) * 40
    for config in (None, termsense.Settings(accept=("each customer file",))):
        findings, usages = termsense.survey_text(text, path="doc.md", config=config)
        assert findings and usages
        assert termsense.lint_text(text, path="doc.md", config=config) == findings
