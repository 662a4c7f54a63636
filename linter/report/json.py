"""JSON output: one array (or one object per line for jsonl). The accuracy set scores this shape."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from ..findings import Finding


def as_dict(finding: Finding) -> dict[str, Any]:
    return {
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "rule": finding.rule,
        "severity": finding.severity,
        "message": finding.message,
        "matched": finding.matched,
        "replacement": finding.replacement,
        "confidence": finding.confidence,
        "evidence": [
            {"cue": e.cue, "supports": e.supports, "context": e.label, "where": e.where, "weight": round(e.weight, 3)}
            for e in finding.evidence
        ],
        "fix": None if finding.fix is None else {
            "applicability": finding.fix.applicability,
            # a fix is one edit over the finding's own span, so its location is the finding's
            "edits": [
                {
                    "content": e.text,
                    "location": {"line": finding.line, "column": finding.column},
                    "end_location": {"line": finding.end_line, "column": finding.end_column},
                }
                for e in finding.fix.edits
            ],
        },
    }


def write(findings: Iterable[Finding], out: TextIO) -> None:
    out.write(json.dumps([as_dict(f) for f in findings], indent=2, ensure_ascii=False))
    out.write("\n")
