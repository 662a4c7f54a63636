"""The CI examples are valid YAML a reader can copy, and call termsense with real flags."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
import yaml

from termsense.cli import build_parser

CI = Path(__file__).resolve().parent.parent / "examples" / "ci"


def _termsense_commands(node: object) -> list[str]:
    if isinstance(node, dict):
        return [c for value in node.values() for c in _termsense_commands(value)]
    if isinstance(node, list):
        return [c for value in node for c in _termsense_commands(value)]
    if isinstance(node, str) and node.lstrip().startswith("termsense "):
        return [node]
    return []


@pytest.mark.parametrize("name", ["github-workflow.yml", "gitlab-ci.yml"])
def test_ci_example_is_valid_yaml_with_parsable_termsense_commands(name: str) -> None:
    document = yaml.safe_load((CI / name).read_text(encoding="utf-8"))
    commands = _termsense_commands(document)
    assert commands
    for command in commands:
        words = shlex.split(command)
        cut = next((i for i, w in enumerate(words) if w in ("||", ">")), len(words))
        build_parser().parse_args(words[1:cut])  # exits (fails the test) on an unknown flag or format


def test_workflow_uploads_sarif_with_the_permission_it_needs() -> None:
    jobs = yaml.safe_load((CI / "github-workflow.yml").read_text(encoding="utf-8"))["jobs"]
    scanning = jobs["code-scanning"]
    assert scanning["permissions"]["security-events"] == "write"
    assert any(step.get("uses", "").startswith("github/codeql-action/upload-sarif") for step in scanning["steps"])
