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


@pytest.mark.parametrize("name", ["gitlab-ci.yml"])
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


ROOT = CI.parent.parent


def test_workflow_steps_use_the_action_with_inputs_it_declares() -> None:
    declared = set(yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))["inputs"])
    jobs = yaml.safe_load((CI / "github-workflow.yml").read_text(encoding="utf-8"))["jobs"]
    ours = [step for job in jobs.values() for step in job["steps"] if step.get("uses", "").startswith("OWNER/termsense@")]
    assert len(ours) == 2
    for step in ours:
        assert set(step["with"]) <= declared


def _readme_blocks(language: str) -> list[str]:
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", readme, re.S)


def test_readme_pre_commit_snippet_names_hooks_the_manifest_defines() -> None:
    [snippet] = [b for b in _readme_blocks("yaml") if b.startswith("repos:")]
    config = yaml.safe_load(snippet)
    defined = {hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    [repo] = config["repos"]
    assert {hook["id"] for hook in repo["hooks"]} <= defined
    assert repo["rev"] == "<commit sha>" and repo["repo"] == "https://github.com/OWNER/termsense"


def test_readme_install_line_and_action_line_are_what_the_examples_use() -> None:
    [install] = [b for b in _readme_blocks("bash") if "git+https" in b]
    assert install.strip() == 'pip install "termsense @ git+https://github.com/OWNER/termsense@<commit sha>"'
    gitlab = (CI / "gitlab-ci.yml").read_text(encoding="utf-8")
    assert 'pip install "termsense @ git+https://github.com/OWNER/termsense@${TERMSENSE_REV}"' in gitlab
    [uses] = [b for b in _readme_blocks("yaml") if "uses:" in b]
    assert yaml.safe_load(uses)[0]["uses"] == "OWNER/termsense@<commit sha>"
