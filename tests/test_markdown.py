"""Scope: what Markdown hides is never looked at; what a reader reads as prose is."""

from __future__ import annotations

import pytest

from conftest import LEGAL, lint
from termsense.document import Source
from termsense.markdown import markdown_outline, scope_markdown
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
