"""Scope: what Markdown hides is never looked at; what a reader reads as prose is."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import LEGAL, lint
from termsense.document import Source
from termsense.markdown import markdown_outline, plain_paragraphs, scope_markdown
from termsense.packs import builtin_path, load_pack

CONTEXT = "Our attorneys hold a retainer for every matter before the first court hearing.\n\n"


@pytest.mark.parametrize(
    "hidden",
    [
        "```\nthe customer record\n```",
        "~~~python\ncustomer = load()\n~~~",
        "    indented customer code",
        "Call `customer.save()` now.",
        "<div>\nthe customer banner\n</div>",
        "Text with <span title=\"customer\">html</span> inline.",
        "<!-- customer note -->",
        "Text <!-- customer --> inline comment.",
        "[portal](https://x.test/customer)",
        '[portal](https://x.test/p "for each customer")',
        "<https://x.test/customer>",
        "[customer]: https://x.test/faq",
        "[faq][customer-faq]\n\n[customer-faq]: https://x.test/faq",
        "![each customer smiling](img.png)",
        "Visit https://x.test/customer/orders for details.",
    ],
    ids=["fence", "tilde-fence", "indented-code", "inline-code", "html-block", "inline-html", "html-comment",
         "inline-comment", "link-destination", "link-title", "autolink", "reference-definition",
         "reference-label", "image-alt", "bare-url"],
)
def test_hidden_constructs_are_never_flagged(hidden: str) -> None:
    assert lint(CONTEXT + hidden) == []


@pytest.mark.parametrize(
    "front_matter",
    ["---\naudience: customer\n---\n", "+++\naudience = \"customer\"\n+++\n"],
    ids=["yaml", "toml"],
)
def test_front_matter_is_never_flagged_and_lines_still_count(front_matter: str) -> None:
    findings = lint(front_matter + CONTEXT + LEGAL.format(word="customer"))
    assert [(f.line, f.column) for f in findings] == [(6, 40)]


@pytest.mark.parametrize(
    "visible",
    [
        "# " + LEGAL.format(word="customer"),
        "- " + LEGAL.format(word="customer"),
        "> " + LEGAL.format(word="customer"),
        "| a |\n|---|\n| " + LEGAL.format(word="customer") + " |",
        "Our attorneys hold a retainer for [each customer](https://x.test) in court.",
        "Our attorneys hold a retainer for *each customer* in court.",
    ],
    ids=["heading", "list", "quote", "table", "link-text", "emphasis"],
)
def test_prose_structures_are_checked(visible: str) -> None:
    assert [f.rule for f in lint(visible)] == ["CC001"]


def test_every_piece_of_a_unit_stands_verbatim_in_the_source() -> None:
    text = (
        "# Title *client*\n\n> - one client\n>   two clients\n\n| a | b |\n|---|---|\n| client | d |\n\n"
        "- item\n\n\tclient continuation\n\nPlain\tclient  \nnext customer"
    )
    source = Source.from_text(text)
    pack = load_pack(str(builtin_path()))
    units = scope_markdown(source, markdown_outline(source), pack.probe)
    assert len([u for u in units if u.pieces]) == 6  # heading, quoted list paragraph, two rows, continuation, paragraph
    for unit in units:
        for piece in unit.pieces:
            assert unit.text[piece.unit_start:piece.unit_start + piece.length] == \
                source.text[piece.source_start:piece.source_start + piece.length]


def test_a_header_cell_right_after_a_paragraph_with_a_term_is_found() -> None:
    slip = LEGAL.format(word="customer")
    findings = lint(f"{slip}\n| {slip} |\n|---|\n| x |\n")  # the table interrupts the paragraph
    assert [(f.line, f.column) for f in findings] == [(1, 40), (2, 42)]


def test_files_without_a_term_are_not_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    import termsense.pipeline as pipeline

    monkeypatch.setattr(pipeline, "scope_markdown", lambda *a, **k: pytest.fail("parsed"))
    assert lint("# A page about nothing in particular\n\nJust prose.") == []


def test_a_last_line_without_a_line_break_inside_a_quoted_comment_does_not_crash_the_parser() -> None:
    slip = LEGAL.format(word="customer")
    assert [f.line for f in lint(f"> - <!-- {slip}\n> ")] == []
    assert [f.line for f in lint(f"{slip}\n> - <!--\n> ")] == [1]


# lines of paragraph text and of what only looks like it: block openers after some
# indentation, white space markdown-it trims or keeps, NUL, tabs
_LINE_START = st.sampled_from(["", " ", "  ", "   ", "    ", "\t", " \t", "\u00a0", "\u200b", "\x85", "\u3000", "\f"])
_LINE_BODY = st.sampled_from([
    "a customer", "client", "-", "- x", "*", "+ x", ">", "# x", "<div>", "`", "```", "~~~", "_", "___", "===", "---",
    ":--", "|", "a | b", "[x]: /u", "[x]", "1. x", "2) x", "\u00e9t\u00e9", "x\u0000y", "", " ", "\t", "x  ", "x\u00a0",
    "x\u2003", "x\u200b", "x\x1c",
])
_CHUNK = st.lists(st.tuples(_LINE_START, _LINE_BODY).map("".join), min_size=1, max_size=8).map(lambda ls: "\n".join(ls) + "\n")


@settings(max_examples=400, deadline=None)
@given(_CHUNK)
def test_paragraphs_read_without_the_parser_are_markdown_its(text: str) -> None:
    from markdown_it import MarkdownIt

    plain = plain_paragraphs(text)
    tokens = MarkdownIt("commonmark").enable("table").disable("inline").parse(text)
    if plain is not None:
        assert [(p.content, p.map) for p in plain] == [(t.content, t.map) for t in tokens if t.type == "inline"]
        assert all(t.type in ("paragraph_open", "inline", "paragraph_close") for t in tokens)


def test_a_dense_run_of_paragraphs_is_read_without_the_parser() -> None:
    assert plain_paragraphs("One client.\nStill one.\n\n  Two  \n\n") is not None
    assert plain_paragraphs("One client.\n- a list\n") is None  # a list may interrupt a paragraph
    assert plain_paragraphs("Under\n---\n") is None  # a setext heading
