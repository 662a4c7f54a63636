"""reviewdog's rdjsonl: one diagnostic per line, with a suggestion when there is a replacement."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from ..findings import Finding


def as_diagnostic(finding: Finding) -> dict[str, Any]:
    where = {"start": {"line": finding.line, "column": finding.column},
             "end": {"line": finding.end_line, "column": finding.end_column}}
    diagnostic: dict[str, Any] = {
        "message": finding.message,
        "location": {"path": finding.path, "range": where},
        "severity": "WARNING",
        "source": {"name": "termsense"},
        "code": {"value": finding.rule},
    }
    if finding.replacement is not None:
        diagnostic["suggestions"] = [{"range": where, "text": finding.replacement}]
    return diagnostic


def write(findings: Iterable[Finding], out: TextIO) -> None:
    for finding in findings:
        out.write(json.dumps(as_diagnostic(finding), ensure_ascii=False) + "\n")
