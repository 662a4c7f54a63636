"""Code actions: a finding's fix (a quick fix, preferred when safe), "suppress on this
line" (a `termsense-disable-next-line` directive above it, or the rule added to one already
there), removing a suppression that silenced nothing, and every safe fix of a file at once
(`source.fixAll.termsense`, for fix-on-save)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from lsprotocol import types

from ..findings import Finding
from ..packs import RuleSpec
from .convert import diagnostic, finding_range, text_edit, workspace_edit
from .positions import Lines

FIX_ALL = "source.fixAll.termsense"
UNUSED = "TS002"
_RULES = r"termsense-disable-next-line(?:[ \t,]+[A-Za-z][\w-]*)+"  # codes or names, spaces or commas
_NEXT_LINE = {  # a next-line directive with a rule list, and maybe ` -- reason` after it
    "md": re.compile(rf"^(?P<head>\s*<!--\s*{_RULES})(?:[ \t]+--[ \t].*?)?[ \t]*-->\s*$", re.I),
    "txt": re.compile(rf"^(?P<head>\s*#\s*{_RULES})(?:[ \t]+--[ \t].*)?[ \t]*$", re.I),
}


def wanted(kind: str, only: Sequence[str] | None) -> bool:
    """Whether the client asked for this kind: `only` lists kinds or their parents."""
    return only is None or any(kind == k or kind.startswith(k + ".") for k in only)


def code_actions(  # noqa: PLR0913 - the request's parts, passed as they are
    findings: list[Finding],
    lines: Lines,
    fmt: str,
    uri: str,
    version: int | None,
    asked: types.Range,
    only: Sequence[str] | None,
    versioned: bool,
    rules: dict[str, RuleSpec],
) -> list[types.CodeAction]:
    def edit(edits: list[types.TextEdit]) -> types.WorkspaceEdit:
        return workspace_edit(uri, version, edits, versioned)

    actions: list[types.CodeAction] = []
    if wanted(types.CodeActionKind.QuickFix, only):
        suppressed: set[tuple[int, str]] = set()
        for finding in findings:
            if not _touches(finding_range(lines, finding), asked):
                continue
            shown = [diagnostic(finding, lines, uri, rules)]
            if finding.fix is not None:
                safe = finding.fix.applicability == "safe"
                edits = [text_edit(lines, e.start, e.end, e.text) for e in finding.fix.edits]
                replacement = finding.replacement or finding.fix.edits[0].text
                title = f'Replace "{finding.matched}" with "{replacement}"' + ("" if safe else " (unsafe fix)")
                actions.append(
                    types.CodeAction(
                        title,
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=shown,
                        is_preferred=safe,
                        edit=edit(edits),
                    )
                )
            if finding.rule == UNUSED:
                actions.append(
                    types.CodeAction(
                        "Remove the unused suppression",
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=shown,
                        edit=edit([_remove_line(lines, finding.line - 1)]),
                    )
                )
            elif not finding.rule.startswith("TS") and (finding.line, finding.rule) not in suppressed:
                suppressed.add((finding.line, finding.rule))
                actions.append(
                    types.CodeAction(
                        f"Suppress {finding.rule} on this line",
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=shown,
                        edit=edit([suppress_edit(lines, fmt, finding)]),
                    )
                )
    if wanted(FIX_ALL, only):
        edits = fix_all_edits(findings, lines)
        if edits:
            actions.append(types.CodeAction("Fix all safe termsense findings", kind=FIX_ALL, edit=edit(edits)))
    return actions


def _touches(where: types.Range, asked: types.Range) -> bool:
    key = lambda p: (p.line, p.character)  # noqa: E731
    return key(where.start) <= key(asked.end) and key(asked.start) <= key(where.end)


def suppress_edit(lines: Lines, fmt: str, finding: Finding) -> types.TextEdit:
    """A next-line directive for the finding's rule above its line, indented (and quoted) as
    that line is, or the rule added to the directive already above it."""
    index = finding.line - 1
    if index > 0:
        above = _NEXT_LINE[fmt].match(lines.line(index - 1))
        if above is not None:
            at = lines.to_client(index, len(above.group("head")) + 1)  # engine columns are 1-based
            position = types.Position(index - 1, at[1])
            return types.TextEdit(types.Range(position, position), f" {finding.rule}")
    target = lines.line(index)
    indent = target[: len(target) - len(target.lstrip(" \t>"))]  # spaces and block-quote markers
    directive = (
        f"<!-- termsense-disable-next-line {finding.rule} -->"
        if fmt == "md"
        else f"# termsense-disable-next-line {finding.rule}"
    )
    start = types.Position(index, 0)
    return types.TextEdit(types.Range(start, start), f"{indent}{directive}{_line_break(lines, index)}")


def _line_break(lines: Lines, index: int) -> str:
    """The line break the document uses at that line (LF when it has none)."""
    end = lines.starts[index + 1] if index + 1 < len(lines.starts) else None
    if end is None:
        return "\r\n" if "\r\n" in lines.text else "\n"
    return "\r\n" if lines.text[end - 2 : end] == "\r\n" else lines.text[end - 1]


def _remove_line(lines: Lines, index: int) -> types.TextEdit:
    start = types.Position(index, 0)
    end = (
        types.Position(index + 1, 0)
        if index + 1 < len(lines.starts)
        else types.Position(*lines.client_of(len(lines.text)))
    )
    return types.TextEdit(types.Range(start, end), "")


def fix_all_edits(findings: list[Finding], lines: Lines) -> list[types.TextEdit]:
    """Every safe fix's edits, skipping any that overlap an edit already taken (the protocol
    forbids overlapping edits in one change)."""
    safe = sorted(
        (
            sorted((e.start, e.end, e.text) for e in f.fix.edits)
            for f in findings
            if f.fix and f.fix.applicability == "safe"
        ),
    )
    taken: list[tuple[int, int, str]] = []
    end = -1
    for edits in safe:
        if edits[0][0] < end:
            continue
        taken.extend(edits)
        end = edits[-1][1]
    return [text_edit(lines, start, stop, new) for start, stop, new in taken]
