"""The server's pure parts: findings as diagnostics (severity, rule link) and the edits of
code actions, checked on their own, without a client."""

from __future__ import annotations

import dataclasses

from lsprotocol import types

from termsense import Settings, lint_text
from termsense.engine import packs_for
from termsense.explain import all_rules
from termsense.lsp.actions import fix_all_edits, suppress_edit
from termsense.lsp.convert import diagnostic
from termsense.lsp.positions import Lines

LAW = (
    "# Fees\n\nEvery matter starts with an engagement letter and a retainer.\n\n"
    "> Our customers receive a written update from their solicitor after every court hearing.\n"
)


def rules() -> dict:
    return {rule.id: rule for _, rule in all_rules(packs_for(Settings()))}


def test_rule_url_becomes_the_code_description_and_severity_maps_to_the_protocol() -> None:
    (finding,) = lint_text(LAW)
    table = rules()
    table["CC001"] = dataclasses.replace(table["CC001"], url="https://example.org/rules/CC001")
    for severity, expected in (
        ("error", types.DiagnosticSeverity.Error),
        ("info", types.DiagnosticSeverity.Information),
    ):
        shown = diagnostic(dataclasses.replace(finding, severity=severity), Lines(LAW), "file:///d/fees.md", table)
        assert shown.severity == expected
        assert shown.code_description == types.CodeDescription(href="https://example.org/rules/CC001")


def test_rule_without_url_has_no_code_description() -> None:
    (finding,) = lint_text(LAW)
    table = rules()
    table["CC001"] = dataclasses.replace(table["CC001"], url=None)
    assert diagnostic(finding, Lines(LAW), "file:///d/fees.md", table).code_description is None


def test_suppression_inside_a_block_quote_keeps_the_quote_marker() -> None:
    (finding,) = lint_text(LAW)
    edit = suppress_edit(Lines(LAW), "md", finding)
    assert edit.range == types.Range(types.Position(4, 0), types.Position(4, 0))
    assert edit.new_text == "> <!-- termsense-disable-next-line CC001 -->\n"


def test_fix_all_skips_an_edit_that_overlaps_one_already_taken() -> None:
    text = LAW + "\nEach customer signs an engagement letter with the attorney before the first court date.\n"
    findings = lint_text(text)
    assert [f.rule for f in findings] == ["CC001", "CC001"]
    twin = dataclasses.replace(findings[1], fix=dataclasses.replace(findings[1].fix))
    edits = fix_all_edits([*findings, twin], Lines(text))
    assert [e.new_text for e in edits] == ["clients", "client"]


def test_config_problems_land_on_the_line_they_are_about(tmp_path) -> None:
    from termsense.lsp.configs import load

    config = tmp_path / "termsense.toml"
    cases = {
        'select = ["CC001"]\nprefer = "nobody"\n': (1, "prefer: unknown term 'nobody'"),
        'select = ["CC001"]\nignore = ["XX9"]\n': (1, "ignore: unknown rule code 'XX9'"),
        "\nmin-confidence = 3\n": (1, "'min-confidence' must be a number from 0 to 1, got 3"),
        'select = ["CC001"]\npacks = ["missing.toml"]\n': (1, "cannot read rule pack"),
        'select = ["CC001"\n': (0, "invalid TOML"),
    }
    for text, (line, words) in cases.items():
        config.write_text(text)
        resolved = load(config)
        assert resolved.problem is not None and words in resolved.problem.message, text
        assert resolved.problem.line == line, (text, resolved.problem)


def test_suppression_joins_a_directive_above_that_has_a_reason() -> None:
    text = LAW.replace("> Our", "<!-- termsense-disable-next-line CC003, CC002 -- quoted from a client -->\n> Our")
    (finding,) = lint_text(text.replace("CC003, CC002", "CC003"), config=Settings(ignore=frozenset({"TS002"})))
    edit = suppress_edit(Lines(text), "md", finding)
    assert edit.range.start == edit.range.end == types.Position(4, len("<!-- termsense-disable-next-line CC003, CC002"))
    joined = text.replace("CC003, CC002", "CC003, CC002 CC001")
    assert lint_text(joined, config=Settings(ignore=frozenset({"TS002"}))) == []
