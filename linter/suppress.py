"""Inline suppression: `<!-- termsense-disable-next-line CC001 -->`, `<!-- termsense-disable
[RULE...] -->` ... `<!-- termsense-enable [RULE...] -->`, `<!-- termsense-disable-file
[RULE...] -->` in Markdown (each on its own line, outside code); the same words after `#` on
a line of their own in text files. No rule list means every rule.

A directive that names an unknown rule is reported (TS001), and one that suppressed nothing
is reported too (TS002), as ruff reports unused noqa, so stale suppressions do not pile up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .document import Source
from .findings import Finding
from .packs import RuleSpec

UNKNOWN, UNUSED = "TS001", "TS002"
ENGINE_RULES = (
    RuleSpec(UNKNOWN, "unknown-rule-in-directive", "engine", None, None, True,
             "a suppression directive names a rule that does not exist", "{matched}",
             "Flags a termsense-disable directive whose rule list holds an id no loaded pack defines.",
             "A misspelt id silences nothing, so the finding it was meant for comes back unnoticed.",
             "", "No fix: the right id is yours to choose.",
             ("<!-- termsense-disable-next-line CC0001 -->",), ("<!-- termsense-disable-next-line CC001 -->",)),
    RuleSpec(UNUSED, "unused-suppression", "engine", None, None, True,
             "a suppression directive that silenced nothing", "{matched}",
             "Flags a termsense-disable directive that silenced no finding in this run.",
             "Stale suppressions pile up and hide future slips; removing them keeps the file honest.",
             "A directive for a rule you deselected is not reported.", "No fix: delete the directive.",
             ("<!-- termsense-disable-next-line -->\nA line with nothing to silence.",), ()),
)
_DIRECTIVE = re.compile(
    r"termsense-(?P<kind>disable-next-line|disable-file|disable|enable)(?P<rules>(?:[ \t]+[A-Za-z]+[0-9]+)*)[ \t]*(?:-->)?[ \t]*$"
)
_MARKDOWN = re.compile(r"^\s*<!--\s*(?P<body>termsense-[^\n]*?)\s*-->\s*$")
_TEXT = re.compile(r"^\s*#\s*(?P<body>termsense-\S.*?)\s*$")


@dataclass(frozen=True, slots=True)
class Directive:
    line: int  # 1-based line of the comment
    kind: str
    rules: frozenset[str]  # empty: every rule
    column: int = 1


def directives(source: Source) -> list[Directive]:
    """Every directive in the file, in order."""
    found: list[Directive] = []
    if source.format == "md":
        from .markdown import html_blocks

        candidates = [
            (first + k, line) for first, block in html_blocks(source) for k, line in enumerate(block.splitlines())
        ]
        pattern = _MARKDOWN
    else:
        candidates = [(i, source.line_text(i)) for i in range(len(source.line_starts))]
        pattern = _TEXT
    for index, text in candidates:
        match = pattern.match(text)
        if match is None:
            continue
        body = _DIRECTIVE.match(match.group("body"))
        if body is None:
            continue
        rules = frozenset(r.upper() for r in body.group("rules").split())
        found.append(Directive(index + 1, body.group("kind"), rules, text.index("termsense-") + 1))
    return found


def apply(source: Source, findings: list[Finding], known_rules: set[str], checked_rules: set[str]) -> list[Finding]:
    """Findings that no directive silences, plus TS001/TS002 findings about the directives."""
    if "termsense-" not in source.text:
        return findings
    marks = directives(source)
    if not marks:
        return findings
    lines = len(source.line_starts)
    used: set[int] = set()
    kept: list[Finding] = []
    for finding in findings:
        silencer = _silencer(marks, finding, lines, source)
        if silencer is None:
            kept.append(finding)
        else:
            used.add(silencer)
    for i, mark in enumerate(marks):
        unknown = sorted(mark.rules - known_rules)
        if unknown and UNKNOWN in checked_rules:
            kept.append(_meta(source, mark, UNKNOWN, f"unknown rule {', '.join(unknown)} in termsense-{mark.kind}"))
        elif i not in used and mark.kind != "enable" and UNUSED in checked_rules and (not mark.rules or mark.rules & checked_rules):
            kept.append(_meta(source, mark, UNUSED, f"termsense-{mark.kind} suppressed nothing; remove it"))
    return sorted(kept, key=lambda f: (f.line, f.column, f.rule))


def _silencer(marks: list[Directive], finding: Finding, lines: int, source: Source) -> int | None:
    """Index of the directive that silences a finding, if any. Ranges are followed for the
    finding's own rule: `enable CC002` after a blanket `disable` re-enables CC002 only."""
    disabled_by: int | None = None
    for i, mark in enumerate(marks):
        covers = not mark.rules or finding.rule in mark.rules
        if mark.kind == "disable-file" and covers:
            return i
        if mark.line >= finding.line or not covers:
            continue
        if mark.kind == "disable-next-line" and _next_text_line(source, mark.line, lines) == finding.line:
            return i
        if mark.kind == "disable":
            disabled_by = i
        elif mark.kind == "enable":
            disabled_by = None
    return disabled_by


def _next_text_line(source: Source, line: int, lines: int) -> int:
    """The first non-blank line after `line` (1-based)."""
    for index in range(line, lines):
        if source.line_text(index).strip():
            return index + 1
    return lines + 1


def _meta(source: Source, mark: Directive, rule: str, message: str) -> Finding:
    return Finding(source.path, mark.line, mark.column, mark.line, mark.column + 9, rule, message, "termsense-",
                   None, 1.0, line_text=source.line_text(mark.line - 1))
