"""reviewdog's rdjsonl: one diagnostic per line, with a suggestion when there is a replacement.

reviewdog's rdjson format counts columns in UTF-8 bytes (1-based), not code points, so a
line with ’ or — before the word shifts the columns; they are converted from the line's text."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from ..findings import Finding


def as_diagnostic(finding: Finding) -> dict[str, Any]:
    end_text = finding.line_text if finding.end_line == finding.line else ""
    where = {"start": {"line": finding.line, "column": byte_column(finding.line_text, finding.column)},
             "end": {"line": finding.end_line, "column": byte_column(end_text, finding.end_column)}}
    diagnostic: dict[str, Any] = {
        "message": finding.message,
        "location": {"path": finding.path, "range": where},
        "severity": finding.severity.upper(),  # ERROR, WARNING, INFO: rdjson's names
        "source": {"name": "termsense"},
        "code": {"value": finding.rule},
    }
    if finding.replacement is not None:
        diagnostic["suggestions"] = [{"range": where, "text": finding.replacement}]
    return diagnostic


def byte_column(line_text: str, column: int) -> int:
    """A 1-based code-point column as reviewdog's 1-based UTF-8 byte column in that line
    (unchanged when the line's text is unknown)."""
    if not line_text:
        return column
    return len(line_text[:column - 1].encode("utf-8")) + 1 + max(0, column - 1 - len(line_text))


def write(findings: Iterable[Finding], out: TextIO) -> None:
    for finding in findings:
        out.write(json.dumps(as_diagnostic(finding), ensure_ascii=False) + "\n")
