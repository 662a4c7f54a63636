"""The outline: chunks start only where markdown-it starts a top-level block, sections start at
headings outside code, and wide text leaves out what a reader never reads as prose."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from conftest import EVERYTHING
from termsense.document import Source
from termsense.engine import lint_source
from termsense.outline import outline_markdown, parser_input


def _starts(text: str) -> list[int]:
    return [chunk.line for chunk in outline_markdown(text).chunks]


def test_chunks_start_at_unindented_lines_after_blank_lines() -> None:
    text = "# Title\n\nA paragraph\nstill it.\n\n- item\n\n  continued\n\n> quote\n"
    assert _starts(text) == [0, 2, 5, 9]


def test_fenced_code_holding_blank_lines_stays_in_one_chunk() -> None:
    text = "Intro\n\n```\ncode\n\nnot a block\n```\n\nAfter\n"
    assert _starts(text) == [0, 2, 8]


def test_an_unclosed_fence_runs_to_the_end_of_the_file() -> None:
    assert _starts("Intro\n\n~~~~\ncode\n\nstill code\n~~~\n\nstill\n") == [0, 2]


def test_an_html_comment_holding_blank_lines_stays_in_one_chunk() -> None:
    text = "Intro\n\n<!--\nhidden\n\nstill hidden\n-->\n\nAfter\n"
    assert _starts(text) == [0, 2, 8]


def test_front_matter_holding_blank_lines_is_one_chunk_and_left_out_of_wide_text() -> None:
    outline = outline_markdown("---\ntitle: x\n\naudience: retail\n---\n\nBody text\n")
    assert [c.line for c in outline.chunks] == [0, 6]
    assert outline.section_texts == ("\nBody text\n",)


def test_a_fence_in_a_list_item_that_a_later_line_may_close_makes_the_outline_unsure() -> None:
    text = "- item\n  ```\n  code\n\nunindented\n  ```\n\nmore\n"
    assert _starts(text) == [0]


def test_a_fence_inside_an_html_block_makes_the_outline_unsure() -> None:
    assert _starts("<div>\n```\n</div>\n\ntext\n```\n\nmore\n") == [0]


def test_a_comment_opened_inside_an_html_block_makes_the_outline_unsure() -> None:
    assert _starts("<div>\n<!--\n\n```\ncode\n\n<!-- x -->\n\nmore\n") == [0]


def test_crlf_and_cr_line_endings_keep_line_numbers() -> None:
    assert _starts("One\r\n\r\nTwo\r\rThree\r") == [0, 2, 4]


def test_sections_start_at_headings_outside_code() -> None:
    text = "Intro\n\n# One\n\n```\n# not a heading\n```\n\nTwo\n===\n\n- # in a list item\n"
    outline = outline_markdown(text)
    assert outline.section_lines == (0, 2, 8)
    assert [outline.section_of(line) for line in (0, 3, 5, 9, 11)] == [0, 1, 1, 2, 2]


def test_a_two_line_setext_heading_starts_its_section_at_its_first_line() -> None:
    text = "Coffee and cake.\n\nLegal services for\nfamilies and firms\n==================\n\nBody.\n"
    outline = outline_markdown(text)
    assert outline.section_lines == (0, 2)
    assert outline.section_of(2) == 1  # the heading's first line belongs to its own section
    assert outline.section_texts[1].startswith("Legal services for\n")
    assert "Legal" not in outline.section_texts[0]


def test_setext_heading_after_an_atx_heading_or_an_underline_starts_at_its_own_text() -> None:
    assert outline_markdown("# One\nTwo\nlines\n---\n").section_lines == (0, 0, 1)
    assert outline_markdown("One\n===\nTwo\nlines\n===\n").section_lines == (0, 0, 2)


def test_cues_in_a_setext_headings_first_line_count_for_its_section() -> None:
    from markdown_it import MarkdownIt

    text = ("Our café sells coffee, cake and sandwiches at the counter.\n\n"
            "Notary and probate services\nfor families\n----\n\nCustomers sign their wills with us.\n")
    tokens = MarkdownIt("commonmark").parse(text)
    assert [t.map for t in tokens if t.type == "heading_open"] == [[2, 5]]  # markdown-it: the heading starts on line 2
    outline = outline_markdown(text)
    assert outline.section_of(2) == outline.section_of(6) == 1
    assert "probate" in outline.section_texts[1] and "probate" not in outline.section_texts[0]


def test_wide_text_leaves_out_code_and_comments() -> None:
    outline = outline_markdown("# Shop\n\nCoffee beans.\n\n```\ncheckout()\n```\n\n<!-- refund -->\nEnd\n")
    assert outline.section_texts == ("", "# Shop\n\nCoffee beans.\n\n\nEnd\n")


def test_wide_text_leaves_out_html_blocks_up_to_the_blank_line() -> None:
    text = '<p align="center">\n<em>Checkout desk</em></p>\n\n<span>\nrefund\n\nText <b>bold</b>\n'
    assert outline_markdown(text).section_texts == ("\n\nText <b>bold</b>\n",)


BLOCKS = st.sampled_from([
    "Plain words here", "- item", "- item\n  lazy", "  - nested item", "1. first", "> quoted", "> - quoted item",
    "    indented code", "\tcode with a tab", "```\ncode\n\nmore code", "```", "~~~~", "  ```", "   ```", "- ```",
    "> ```", "      ```", "1. ```\n   code", "- item\n\n  ```\n  code", "\t```", "```py `x`", "<!--", "-->",
    "  <!--", "- <!--", "<!-- one line -->", "<div>", "</div>", "<script>", "</script>", "<?php", "?>",
    "<![CDATA[", "]]>", "<!DOCTYPE", ">", "# Heading", "  ## Heading", "Setext\n===", "Under\n---", "---",
    "| a | b |\n|---|---|\n| c | d |", "[ref]: https://x.test", "[ref]\n[ref]:\n  /url", "***", "  text",
    "Each customer of the retainer", "> the client's attorney", "- a customer-facing desk", "[customer][ref]",
    "> > ```\n> > customer", "- > quoted in a list", "  > ```", "<p>\n```", "<span>", "- <div>\n  customer",
    "1. one\n\n    ```\n    code\n\n    ```", "\tcustomer tab-indented", "| customer | x |\n|---|---|",
])
LINES = st.lists(  # line by line: indentation, container markers, then something that matters
    st.tuples(
        st.sampled_from(["", " ", "  ", "   ", "    ", "\t", "      "]),
        st.sampled_from(["", "> ", "- ", "1. ", "> - ", "- > ", "* ", ">"]),
        st.sampled_from(["```", "````", "~~~", "```js", "<!--", "-->", "<div>", "</div>", "<pre>", "</pre>", "",
                         "a customer retainer", "plain", "# head", "===", "---", "[r]: /u", "[x][r] client", "***"]),
    ).map("".join),
    min_size=1, max_size=25,
).map("\n".join)
DOCUMENT = st.one_of(
    st.lists(
        st.tuples(BLOCKS, st.sampled_from(["\n", "\n\n", "\n  \n", "\n\n\n", "\r\n\r\n", "\n\t\n"])),
        min_size=1, max_size=14,
    ).map(lambda parts: "".join(block + gap for block, gap in parts)),
    LINES,
)
FRONT = st.sampled_from(["", "---\ntitle: x\n\nkey: y\n---\n", "---\nunclosed\n\n"])
_MD = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FRONT, DOCUMENT)
def test_no_top_level_block_of_markdown_it_crosses_a_chunk_boundary(front: str, body: str) -> None:
    text = front + body
    outline = outline_markdown(text)
    tokens = _MD.parse(parser_input(text))  # as the scope parses it: markdown-it-py 4.3 can index past a last line with no break
    top = [t for t in tokens if t.level == 0 and t.map is not None and t.nesting >= 0]
    items = {t.map[0] for t in tokens if t.type == "list_item_open" and t.level == 1 and t.map is not None}
    for chunk in outline.chunks[1:]:
        for token in top:
            begin, end = token.map
            if begin < chunk.line < end:
                # a list may go on past a blank line with a new item: parsed alone, that item
                # starts a list of its own, with the same inline tokens
                assert token.type.endswith("list_open") and chunk.line in items, (chunk, token)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FRONT, DOCUMENT)
def test_parsing_only_the_chunks_with_a_term_changes_no_finding(front: str, body: str) -> None:
    source = Source.from_text(front + body)
    assert lint_source(source, EVERYTHING) == lint_source(source, EVERYTHING, shortcuts=False)
