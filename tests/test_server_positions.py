"""Positions in the client's units: the one conversion between the engine's code-point
columns and LSP's UTF-16 (or UTF-8, UTF-32) characters, with emoji, CRLF and a BOM."""

from __future__ import annotations

import pytest

from termsense.lsp.documents import format_of, new_document, path_of
from termsense.lsp.positions import UTF8, UTF16, UTF32, Lines

EMOJI = "\U0001f600"  # one code point, two UTF-16 units, four UTF-8 bytes


@pytest.mark.parametrize(("encoding", "character"), [(UTF16, 4), (UTF8, 6), (UTF32, 3)])
def test_column_after_an_emoji_counts_in_the_negotiated_units(encoding: str, character: int) -> None:
    lines = Lines(f"a{EMOJI} customers\n", encoding)
    # "customers" starts at code-point column 4 (1-based): after "a", the emoji and a space
    assert lines.to_client(1, 4) == (0, character)
    assert lines.from_client(0, character) == (1, 4)


def test_crlf_and_lone_cr_end_lines_as_the_protocol_says() -> None:
    lines = Lines("one\r\ntwo\rthree\nfour", UTF16)
    assert [lines.line(i) for i in range(4)] == ["one", "two", "three", "four"]
    assert lines.to_client(3, 2) == (2, 1)
    assert lines.offset(1, 0) == 5  # after "one\r\n"
    assert lines.offset(2, 0) == 9  # after "two\r"


def test_form_feed_and_line_separator_do_not_end_a_line() -> None:
    lines = Lines("a\x0cb\u2028c\nd", UTF16)
    assert lines.line(0) == "a\x0cb\u2028c"
    assert lines.to_client(2, 1) == (1, 0)


def test_bom_shifts_only_the_first_line_by_one_character() -> None:
    lines = Lines("\ufeffclient\nclient", UTF16)
    assert lines.to_client(1, 1) == (0, 1)
    assert lines.to_client(2, 1) == (1, 0)
    assert lines.offset_to_client(0) == (0, 1)  # engine offsets skip the BOM
    assert lines.from_client(0, 1) == (1, 1)


def test_offset_clamps_past_the_end_of_a_line_and_of_the_text() -> None:
    lines = Lines("ab\ncd", UTF16)
    assert lines.offset(0, 99) == 2
    assert lines.offset(9, 0) == 5


def test_position_inside_a_surrogate_pair_rounds_down_to_the_character() -> None:
    lines = Lines(f"{EMOJI}x", UTF16)
    assert lines.offset(0, 1) == 0
    assert lines.offset(0, 2) == 1


def test_incremental_change_in_utf16_units_after_an_emoji() -> None:
    class Change:
        def __init__(self, start: tuple[int, int], end: tuple[int, int], text: str) -> None:
            from types import SimpleNamespace as NS

            self.range = NS(start=NS(line=start[0], character=start[1]), end=NS(line=end[0], character=end[1]))
            self.text = text

    document = new_document("file:///tmp/a.md", "markdown", 1, f"{EMOJI} customers\r\nsecond", UTF16)
    assert document is not None
    document.apply([Change((0, 3), (0, 12), "clients"), Change((1, 0), (1, 6), "2nd")], 2)
    assert document.text == f"{EMOJI} clients\r\n2nd"
    assert document.version == 2


def test_documents_termsense_reads_and_those_it_leaves() -> None:
    assert format_of("file:///d/a.mdx", "mdx") == "md"
    assert format_of("file:///d/notes.txt", "plaintext") == "txt"
    assert format_of("untitled:Untitled-1", "markdown") == "md"
    assert format_of("file:///d/termsense.toml", "toml") is None
    assert path_of("file:///d/my%20notes.md") == "/d/my notes.md"
    assert path_of("untitled:Untitled-1") is None
