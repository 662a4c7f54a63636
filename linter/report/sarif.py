"""SARIF 2.1.0 for GitHub code scanning.

Code scanning keys an alert on ruleId, the first location and partialFingerprints, so the
fingerprint hashes the rule, path, word and the text around it on its line (a bounded window,
so a megabyte-long line costs what a short one does), never the line number: an alert
survives lines added above it. Columns are Unicode code points (`columnKind`), 1-based."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, TextIO

from ..findings import Finding

if TYPE_CHECKING:
    from ..packs import RuleSpec

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/termsense/"


LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def rule_descriptor(rule: RuleSpec) -> dict[str, Any]:
    text = f"{rule.what}\n\nWhy: {rule.why}\n\nFix safety: {rule.fix_safety}".strip()
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.what or rule.summary},
        "help": {"text": text, "markdown": f"**{rule.id} {rule.name}**\n\n{text}"},
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning"), "enabled": rule.default},
    }
    if rule.url is not None:
        descriptor["helpUri"] = rule.url
    return descriptor


FINGERPRINT_REACH = 100  # characters on each side of the word that the fingerprint reads


def fingerprint(finding: Finding) -> str:
    line = finding.line_text
    start, end = max(0, finding.column - 1 - FINGERPRINT_REACH), finding.column - 1 + len(finding.matched)
    around = " ".join(line[start:end + FINGERPRINT_REACH].split())
    key = "\0".join((finding.rule, PurePath(finding.path).as_posix(), finding.matched, around))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def document(findings: list[Finding], rules: list[RuleSpec], version: str) -> dict:
    index = {rule.id: i for i, rule in enumerate(rules)}
    results = []
    for finding in findings:
        result: dict[str, Any] = {
            "ruleId": finding.rule,
            "level": LEVELS.get(finding.severity, "warning"),
            "message": {"text": finding.message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": PurePath(finding.path).as_posix().removeprefix("./"), "uriBaseId": "%SRCROOT%"},
                    "region": {
                        "startLine": finding.line, "startColumn": max(1, finding.column),
                        "endLine": finding.end_line, "endColumn": max(1, finding.end_column),
                        "snippet": {"text": finding.matched},
                    },
                },
            }],
            "partialFingerprints": {"termsense/v2": fingerprint(finding)},
            "properties": {"confidence": finding.confidence},
        }
        if finding.rule in index:
            result["ruleIndex"] = index[finding.rule]
        if finding.fix is not None and finding.replacement is not None:
            result["fixes"] = [{
                "description": {"text": f"Replace with \"{finding.replacement}\" ({finding.fix.applicability})"},
                "artifactChanges": [{
                    "artifactLocation": {"uri": PurePath(finding.path).as_posix().removeprefix("./"), "uriBaseId": "%SRCROOT%"},
                    "replacements": [{
                        "deletedRegion": {"startLine": finding.line, "startColumn": finding.column,
                                          "endLine": finding.end_line, "endColumn": finding.end_column},
                        "insertedContent": {"text": finding.replacement},
                    }],
                }],
            }]
        results.append(result)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "termsense", "version": version, "semanticVersion": version,
                                "informationUri": INFORMATION_URI, "rules": [rule_descriptor(r) for r in rules]}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def write(findings: Iterable[Finding], out: TextIO, *, rules: list[RuleSpec], version: str) -> None:
    out.write(json.dumps(document(list(findings), rules, version), indent=2, ensure_ascii=False) + "\n")
