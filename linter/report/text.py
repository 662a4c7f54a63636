"""Human output: `path:line:col: RULE message (confidence)` and an evidence line. A severity
other than the default (warning) is named after the rule: `CC003 [info] ...`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from ..findings import Finding


def write(findings: Iterable[Finding], out: TextIO, *, color: bool = False) -> None:
    for finding in findings:
        out.write(format_finding(finding, color=color))


def format_finding(finding: Finding, *, color: bool = False) -> str:
    bold, red, dim, reset = ("\x1b[1m", "\x1b[31m", "\x1b[2m", "\x1b[0m") if color else ("", "", "", "")
    head = (
        f"{bold}{finding.path}:{finding.line}:{finding.column}:{reset} {red}{finding.rule}{reset} "
        f"{'' if finding.severity == 'warning' else f'[{finding.severity}] '}"
        f"{finding.message} ({finding.confidence:.2f})\n"
    )
    if not finding.evidence:
        return head
    cues = ", ".join(f'"{e.cue}" ({e.where}{"" if e.supports == _suggested(finding) else ", against"})' for e in finding.evidence)
    return head + f"    {dim}evidence: {cues}{reset}\n"


def _suggested(finding: Finding) -> str:
    return finding.evidence[0].supports
