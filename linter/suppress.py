"""Inline suppression, and its grammar (written down in the README, "Inline suppression"):

    <!-- termsense-disable-next-line [RULES] [-- reason] -->       on a line of its own
    <!-- termsense-disable [RULES] [-- reason] --> ... <!-- termsense-enable [RULES] -->
    <!-- termsense-disable-file [RULES] [-- reason] -->
    a line of prose <!-- termsense-disable-line [RULES] [-- reason] -->   at a line's end

RULES are rule codes or names (`CC001`, `customer-for-client`) in any case, separated by
spaces or commas; none means every rule. The directive words are case-insensitive too. The
reason after ` -- ` is for people (ESLint's form). In text files the same words follow `#`,
on a line of their own or at the end of a line (`disable-line`). The end-of-line form is
inline HTML, so it does not split a hard-wrapped paragraph as a comment line would.

A directive that names an unknown rule is reported (TS001), and one that suppressed nothing
is reported too (TS002), as ruff reports unused noqa, so stale suppressions do not pile up.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

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
_KINDS = "disable-next-line|disable-line|disable-file|disable|enable"
# Patterns as text, compiled by `re` when first used (and kept in its cache): every file passes
# through this module, few hold a directive, and compiling them all costs a pre-commit run.
_BODY = rf"(?i)termsense-(?P<kind>{_KINDS})(?=[\s,]|-->|$)(?P<rest>.*?)[ \t]*(?:-->)?[ \t]*$"
_REASON = r"(?:^|\s)--(?:\s|$)"
_MARKDOWN = r"(?i)^\s*<!--\s*(?P<body>termsense-[^\n]*?)\s*-->\s*$"
_MARKDOWN_INLINE = r"(?is)^<!--\s*(?P<body>termsense-disable-line\b.*?)\s*-->$"
_TEXT = r"(?i)^\s*#\s*(?P<body>termsense-\S.*?)\s*$"
_TEXT_INLINE = r"(?i)\s*\S.*?\s(?:#|<!--)\s*(?P<body>termsense-disable-line\b.*?)\s*$"
_MARK = "(?i)termsense-"


class Directive:
    """One suppression comment (a plain class compared by identity: a frozen dataclass costs
    every run about half a millisecond to define)."""

    __slots__ = ("line", "kind", "rules", "column", "unknown", "reason")

    def __init__(
        self, line: int, kind: str, rules: frozenset[str], column: int = 1, unknown: tuple[str, ...] = (),
        reason: str = "",
    ) -> None:
        self.line = line  # 1-based line of the comment
        self.kind = kind  # lower case, one of _KINDS
        self.rules = rules  # rule ids; empty: every rule
        self.column = column
        self.unknown = unknown  # names in the rule list that no rule has, as written
        self.reason = reason

    def covers(self, rule: str) -> bool:
        """No list covers every rule; a list of unknown names alone covers none."""
        return rule in self.rules or not (self.rules or self.unknown)


def may_hold(text: str) -> bool:
    """Cheap test that a text may hold a directive (in any case), before any parse."""
    return ("ense-" in text or "ENSE-" in text) and re.search(_MARK, text) is not None


def parse(body: str, line: int, column: int, names: Mapping[str, str] | None = None) -> Directive | None:
    """One directive from a comment's body (`termsense-...`); None when it is not one.

    `names` maps lower-case rule ids and names to ids; without it, codes are upper-cased."""
    match = re.match(_BODY, body)
    if match is None:
        return None
    rest = match.group("rest")
    split = re.search(_REASON, rest)
    listed, reason = (rest[:split.start()], rest[split.end():].strip()) if split else (rest, "")
    rules: set[str] = set()
    unknown: list[str] = []
    for token in filter(None, re.split(r"[\s,]+", listed)):
        rule = token.upper() if names is None else names.get(token.lower())
        if rule is None:
            unknown.append(token)
        else:
            rules.add(rule)
    return Directive(line, match.group("kind").lower(), frozenset(rules), column, tuple(unknown), reason)


def directives(source: Source, names: Mapping[str, str] | None = None) -> list[Directive]:
    """Every directive in the file, in order of lines."""
    found: list[Directive] = []
    for index, body, inline in _comments(source):
        line_text = source.line_text(index)
        column = (line_text.lower().rfind if inline else line_text.lower().find)("termsense-") + 1
        directive = parse(body, index + 1, max(column, 1), names)
        if directive is not None:
            found.append(directive)
    return sorted(found, key=lambda d: (d.line, d.column))


def _comments(source: Source) -> list[tuple[int, str, bool]]:
    """(0-based line, directive body, end-of-line form?) of each comment that may be one:
    in Markdown only HTML blocks and, for the end-of-line form, inline HTML (so never code)."""
    out: list[tuple[int, str, bool]] = []
    if source.format == "md":
        from .markdown import html_blocks, inline_html

        for first, block in html_blocks(source):
            for k, text in enumerate(block.splitlines()):
                if match := re.match(_MARKDOWN, text):
                    out.append((first + k, match.group("body"), False))
        if "disable-line" in source.text.lower():
            for index, html in inline_html(source, "termsense-disable-line"):
                if match := re.match(_MARKDOWN_INLINE, html):
                    out.append((index, match.group("body"), True))
        return out
    for index in range(len(source.line_starts)):
        text = source.line_text(index)
        if match := re.match(_TEXT, text):
            out.append((index, match.group("body"), False))
        elif match := re.match(_TEXT_INLINE, text):
            out.append((index, match.group("body"), True))
    return out


def apply(
    source: Source, findings: list[Finding], known_rules: set[str], checked_rules: set[str],
    names: Mapping[str, str] | None = None,
) -> list[Finding]:
    """Findings that no directive silences, plus TS001/TS002 findings about the directives.
    `names` maps rule names to ids, so a directive may name a rule either way."""
    if not may_hold(source.text):
        return findings
    lookup = {rule.name: rule.id for rule in ENGINE_RULES} | dict(names or {})
    marks = directives(source, {name.lower(): rule for name, rule in lookup.items()} | {r.lower(): r for r in known_rules})
    if not marks:
        return findings
    lines = len(source.line_starts)
    used: set[int] = set()
    kept: list[Finding] = []
    for finding in _outside(marks, findings):
        silencer = _silencer(marks, finding, lines, source)
        if silencer is None:
            kept.append(finding)
        else:
            used.add(silencer)
    for i, mark in enumerate(marks):
        if mark.unknown and UNKNOWN in checked_rules:
            kept.append(_meta(source, mark, UNKNOWN, f"unknown rule {', '.join(mark.unknown)} in termsense-{mark.kind}"))
        elif i not in used and mark.kind != "enable" and UNUSED in checked_rules and (not mark.rules or mark.rules & checked_rules):
            kept.append(_meta(source, mark, UNUSED, f"termsense-{mark.kind} suppressed nothing; remove it"))
    return sorted(kept, key=lambda f: (f.line, f.column, f.rule))


def _outside(marks: list[Directive], findings: list[Finding]) -> list[Finding]:
    """Findings not inside a directive: in a text file a rule name such as
    customer-for-client in a comment line would otherwise be read as prose."""
    starts = {mark.line: mark.column for mark in marks}
    return [f for f in findings if not (f.line in starts and f.column >= starts[f.line])]


def _silencer(marks: list[Directive], finding: Finding, lines: int, source: Source) -> int | None:
    """Index of the directive that silences a finding, if any. Ranges are followed for the
    finding's own rule: `enable CC002` after a blanket `disable` re-enables CC002 only."""
    disabled_by: int | None = None
    for i, mark in enumerate(marks):
        covers = mark.covers(finding.rule)
        if mark.kind == "disable-file" and covers:
            return i
        if mark.kind == "disable-line":
            if covers and mark.line == finding.line:
                return i
            continue
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
