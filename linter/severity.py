"""Per-rule severity: the pack's default for each rule, overridden by config
(`severity = { CC003 = "info" }`, codes or prefixes; the longest matching one wins)."""

from __future__ import annotations

from dataclasses import replace

from .config import Settings
from .findings import Finding
from .packs import Pack


def assign(findings: list[Finding], packs: list[Pack], settings: Settings) -> list[Finding]:
    """The findings with the severity their rule has in this run."""
    if not findings:
        return findings
    from .suppress import ENGINE_RULES

    defaults = {rule.id: rule.severity for rule in ENGINE_RULES}
    defaults.update((rule.id, rule.severity) for pack in packs for rule in pack.rules.values())
    out = []
    for finding in findings:
        level = configured(finding.rule, settings.severity) or defaults.get(finding.rule, finding.severity)
        out.append(finding if level == finding.severity else replace(finding, severity=level))
    return out


def configured(rule_id: str, chosen: tuple[tuple[str, str], ...]) -> str | None:
    """The severity config gives a rule: its id, else its longest prefix listed, else ALL."""
    best: tuple[int, str] | None = None
    for code, level in dict(chosen).items():  # a dict from a library caller works too
        length = 0 if code == "ALL" else len(code) if rule_id.startswith(code) else -1
        if length >= 0 and (best is None or length > best[0]):
            best = (length, level)
    return None if best is None else best[1]
