"""Fuzzing Markdown-like text: never an exception, and every finding's span lies in the text,
covers the matched word and agrees with a slow reference computation of line and column."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import termsense

EVERYTHING = termsense.Settings(min_confidence=0.0)
PIECES = st.sampled_from([
    "customer", "Customers'", "client’s", "CLIENT", "customer-facing", "attorney", "retainer", "checkout",
    "coffee", "HTTP client", "`code`", "```\n", "~~~\n", "    ", "\t", "> ", "- ", "1. ", "# ", "| a | b |\n|---|---|\n",
    "[link](https://x.test/customer)", "<!-- c -->", "<div>", "</div>", "*", "**", "_", "\\", "&amp;", "\n", "\r\n",
    "\r", "\n\n", "---\n", "+++\n", " ", ".", ";", "\"", "'", "é", "👍🏽", "日本", "\ufeff", "\x00", "[x]: y",
])
NOISE = st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=20).map("".join)
SLIP = st.sampled_from(["customer", "Customers", "CUSTOMER'S", "customers’", "customer-facing"]).map(
    lambda word: f"Our attorneys hold a retainer for each {word} before the court hearing."
)
TEXT = st.one_of(NOISE, st.tuples(NOISE, SLIP, NOISE).map("".join))


def reference_position(text: str, offset: int) -> tuple[int, int]:
    """Line and column by walking the text one character at a time (CRLF, CR, LF end a line)."""
    line, column, i = 1, 1, 0
    while i < offset:
        if text[i] == "\r" and i + 1 < len(text) and text[i + 1] == "\n":
            i += 2
            line, column = line + 1, 1
            continue
        if text[i] in "\r\n":
            line, column = line + 1, 1
        else:
            column += 1
        i += 1
    return line, column


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, st.sampled_from(["md", "txt"]))
def test_any_text_lints_and_every_span_is_right(text: str, fmt: str) -> None:
    findings = termsense.lint_text(text, format=fmt, config=EVERYTHING)
    body = text[1:] if text.startswith("\ufeff") else text
    offsets = {reference_position(body, i): i for i in range(len(body) + 1)}
    for finding in findings:
        start = offsets[finding.line, finding.column]
        assert body[start:start + len(finding.matched)] == finding.matched
        assert reference_position(body, start + len(finding.matched)) == (finding.end_line, finding.end_column)
        assert re.fullmatch(r"(?i)(client|customer)(s|'s|s'|’s|s’)?", finding.matched)
        assert 0.0 < finding.confidence <= 1.0
