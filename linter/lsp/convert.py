"""Findings and term uses as the protocol's values: diagnostics with their evidence as
related information, the hover text that shows the linter's reasoning, and workspace edits.
Everything here is a pure function of a lint result and the document's lines."""

from __future__ import annotations

from lsprotocol import types

from ..findings import Evidence, Finding, Usage
from ..packs import RuleSpec
from .positions import Lines

SOURCE = "termsense"
SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}
SET_ASIDE = {
    "technical": "a technical sense of the word, which the pack sets aside",
    "fixed": "part of a fixed phrase the pack lists, or the house's word for businesses it serves",
    "name": "part of a name (a product, a team, a title) the pack lists",
    "mention": "a mention of the word itself (quoted, defined or discussed), not a use",
    "contrast": "one of two parties the sentence contrasts, so both words are meant",
    "accepted": "a use the configuration accepts",
}


def span(lines: Lines, line: int, column: int, end_line: int, end_column: int) -> types.Range:
    start = lines.to_client(line, column)
    end = lines.to_client(end_line, end_column)
    return types.Range(types.Position(*start), types.Position(*end))


def finding_range(lines: Lines, finding: Finding) -> types.Range:
    return span(lines, finding.line, finding.column, finding.end_line, finding.end_column)


def diagnostic(finding: Finding, lines: Lines, uri: str, rules: dict[str, RuleSpec]) -> types.Diagnostic:
    where = finding_range(lines, finding)
    rule = rules.get(finding.rule)
    url = rule.url if rule is not None else None
    message = finding.message + (f" ({finding.confidence:.2f})" if finding.evidence else "")
    related = [
        types.DiagnosticRelatedInformation(types.Location(uri, where), _evidence_line(finding, e))
        for e in finding.evidence
    ]
    return types.Diagnostic(
        range=where,
        message=message,
        severity=SEVERITY.get(finding.severity, types.DiagnosticSeverity.Warning),
        code=finding.rule,
        code_description=types.CodeDescription(href=url) if url else None,
        source=SOURCE,
        related_information=related or None,
    )


def _evidence_line(finding: Finding, evidence: Evidence) -> str:
    against = "" if evidence.supports == finding.evidence[0].supports else ", against"
    return f'"{evidence.cue}" ({evidence.where}{against}): {evidence.label}, for "{evidence.supports}"'


def hover_text(findings: list[Finding], usage: Usage | None) -> str:
    """Markdown: each finding's verdict, confidence, fix and evidence; or, for a term left
    alone, what it was read as and why it was not flagged."""
    parts = [_finding_text(f) for f in findings]
    if not findings and usage is not None:
        parts.append(_usage_text(usage))
    return "\n\n---\n\n".join(parts)


def _finding_text(finding: Finding) -> str:
    lines = [f"**{finding.rule}** {_escape(finding.message)}", ""]
    facts = [f"confidence {finding.confidence:.2f}"]
    if finding.fix is not None:
        facts.append(f"fix: {finding.fix.applicability}")
    elif finding.evidence:
        facts.append("no automatic fix (review)")
    lines.append(" · ".join(facts))
    if finding.evidence:
        lines += ["", "Evidence:"]
        lines += [f"- {_escape(_evidence_line(finding, e))}" for e in finding.evidence]
    return "\n".join(lines)


def _usage_text(usage: Usage) -> str:
    word = _escape(usage.matched)
    if usage.sense == "party":
        return (
            f'**{word}**: read as the term "{usage.term}" naming a party. Its context raised no '
            "finding: the evidence around it fits the word, or is too weak to say otherwise."
        )
    reason = SET_ASIDE.get(usage.sense, f"set aside as {usage.sense}")
    return f"**{word}**: not judged. It is {reason}; termsense never flags such uses."


def _escape(text: str) -> str:
    """Markdown-safe text (a message may hold * or _ from the document)."""
    return "".join("\\" + c if c in "\\`*_[]<>#|" else c for c in text)


def text_edit(lines: Lines, start: int, end: int, new_text: str) -> types.TextEdit:
    """A text edit from code-point offsets into the engine's text."""
    return types.TextEdit(
        types.Range(types.Position(*lines.offset_to_client(start)), types.Position(*lines.offset_to_client(end))),
        new_text,
    )


def workspace_edit(uri: str, version: int | None, edits: list[types.TextEdit], versioned: bool) -> types.WorkspaceEdit:
    """Versioned document changes when the client takes them (a stale edit is then refused),
    a plain change map otherwise."""
    if versioned:
        document = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
        return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(document, edits)])
    return types.WorkspaceEdit(changes={uri: edits})
