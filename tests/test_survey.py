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
