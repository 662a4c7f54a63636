"""Positions: 1-based lines and columns in code points of the file as it is on disk."""

from __future__ import annotations

import re

import pytest

from conftest import LEGAL, lint

SLIP = LEGAL.format(word="customer")


def _spans(text: str, fmt: str = "md") -> list[tuple[int, int, int, str]]:
    return [(f.line, f.column, f.end_column, f.matched) for f in lint(text, fmt)]


def _check_against_lines(text: str, fmt: str = "md") -> None:
    """Every finding's span, cut from the file's own lines, is the matched word."""
    lines = re.split(r"\r\n|\r|\n", text.lstrip("\ufeff"))
    findings = lint(text, fmt)
    assert findings
    for f in findings:
        assert lines[f.line - 1][f.column - 1:f.end_column - 1] == f.matched


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("lf", "Intro.\n\n" + SLIP + "\n", [(3, 40, 48, "customer")]),
        ("crlf", "Intro.\r\n\r\n" + SLIP + "\r\n", [(3, 40, 48, "customer")]),
        ("lone-cr", "Intro.\r\r" + SLIP + "\r", [(3, 40, 48, "customer")]),
        ("bom", "\ufeff" + SLIP, [(1, 40, 48, "customer")]),
        ("emoji-before", "👍🏽 é 日本 " + SLIP, [(1, 48, 56, "customer")]),
        ("third-line-of-paragraph", "Our attorneys hold a retainer\nfor the firm and\neach customer in court.", [(3, 6, 14, "customer")]),
    ],
)
def test_positions_are_exact(name: str, text: str, expected: list) -> None:
    assert _spans(text) == expected
    _check_against_lines(text)


def test_tab_indented_text_file_counts_a_tab_as_one_column() -> None:
    text = "Notes\n\n\t" + SLIP
    assert _spans(text, "txt") == [(3, 41, 49, "customer")]
    _check_against_lines(text, "txt")


@pytest.mark.parametrize(
    "text",
    [
        "- item\n- " + SLIP,
        "1. first\n2. " + SLIP,
        "> " + SLIP,
        "> > " + SLIP,
        "| a | b | c |\n|---|---|---|\n| attorney | retainer | each customer in court |",
        "# Attorneys and a retainer for each customer ##",
        "Attorneys and a retainer for each customer\n===",
        "Our attorneys hold a retainer for [each customer](https://x.test) in court.",
        "Our attorneys hold a retainer for *each* **customer** in court.",
        "- outer\n\t- " + SLIP,
        "> - " + SLIP + "\n>   and more text",
    ],
    ids=["list", "ordered", "quote", "nested-quote", "table-third-cell", "atx-heading", "setext", "link-text",
         "emphasis", "tab-nested-list", "quoted-list"],
)
def test_markdown_structures_map_back_to_the_source(text: str) -> None:
    _check_against_lines(text)


def test_table_cell_position_is_exact() -> None:
    text = "| who | note |\n|---|---|\n| attorney | retainer for each customer |"
    assert _spans(text) == [(3, 32, 40, "customer")]


def test_text_file_with_crlf_and_emoji() -> None:
    text = "Rates 💷\r\n\r\n💼 " + SLIP + "\r\n"
    assert _spans(text, "txt") == [(3, 42, 50, "customer")]


def test_end_is_exclusive_and_covers_plural_possessive() -> None:
    assert _spans("Our attorneys hold a retainer for the customers' files in court.") == [
        (1, 39, 49, "customers'")
    ]
