"""GitHub Actions workflow commands: one annotation per finding, `::error`, `::warning` or
`::notice` by its severity.

Data escapes %, CR and LF; property values also escape ':' and ','
(https://github.com/actions/toolkit, command.ts)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from ..findings import Finding

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_finding(finding: Finding) -> str:
    properties = ",".join(
        f"{key}={escape_property(str(value))}"
        for key, value in (
            ("file", finding.path), ("line", finding.line), ("col", finding.column),
            ("endLine", finding.end_line), ("endColumn", finding.end_column),
            ("title", f"termsense {finding.rule}"),
        )
    )
    return f"::{COMMANDS.get(finding.severity, 'warning')} {properties}::{escape_data(f'{finding.message} ({finding.confidence:.2f})')}\n"


def write(findings: Iterable[Finding], out: TextIO) -> None:
    for finding in findings:
        out.write(format_finding(finding))
