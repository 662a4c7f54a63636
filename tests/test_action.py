"""The GitHub Action (action.yml), run the way the runner runs a composite action: each step's
`run:` script through `bash --noprofile --norc -eo pipefail`, after `${{ ... }}` expressions are
substituted, with the step's `env:` and the GITHUB_* / RUNNER_* variables set, in a small git
repository made here (a pull request branch on top of main)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

CHECKOUT = Path(__file__).resolve().parent.parent
ACTION = CHECKOUT / "action.yml"
OLD = "Our attorneys hold a retainer for each customer before the first court hearing.\n"
NEW = "The law firm sends each customer an engagement letter before any court filing.\n"

pytestmark = pytest.mark.skipif(shutil.which("git") is None or shutil.which("bash") is None, reason="needs git and bash")


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def _action() -> dict:
    return yaml.safe_load(ACTION.read_text(encoding="utf-8"))


def run_steps(steps: list[dict], inputs: dict[str, str], *, workspace: Path, runner_temp: Path,
              base_ref: str = "") -> subprocess.CompletedProcess[str]:
    """Run steps as the runner would; stop at the first failing one and return its result."""
    declared = _action()["inputs"]
    assert set(inputs) <= set(declared), f"undeclared inputs {set(inputs) - set(declared)}"
    context = {f"inputs.{name}": str(spec.get("default", "")) for name, spec in declared.items()}
    context.update({f"inputs.{name}": value for name, value in inputs.items()})
    context["github.action_path"] = str(CHECKOUT)

    def expand(text: str) -> str:  # a KeyError here: the action uses an expression this runner lacks
        return re.sub(r"\$\{\{\s*([\w.-]+)\s*\}\}", lambda m: context[m.group(1)], text)

    env = {
        "PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", str(runner_temp)), "CI": "true",
        "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(workspace), "GITHUB_ACTION_PATH": str(CHECKOUT),
        "GITHUB_EVENT_NAME": "pull_request" if base_ref else "push", "GITHUB_BASE_REF": base_ref,
        "RUNNER_TEMP": str(runner_temp), "GIT_TERMINAL_PROMPT": "0",
    }
    result = subprocess.CompletedProcess([], 0, "", "")
    for i, step in enumerate(steps):
        assert step["shell"] == "bash"
        script = runner_temp / f"step-{i}.sh"
        script.write_text(expand(step["run"]), encoding="utf-8")
        step_env = {key: expand(str(value)) for key, value in step.get("env", {}).items()}
        result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=workspace,
                                env={**env, **step_env}, capture_output=True, text=True, timeout=600, check=False)
        if result.returncode != 0:
            break
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """RUNNER_TEMP after the action's install step (run once: it builds a virtual environment)."""
    runner_temp = tmp_path_factory.mktemp("runner-temp")
    [install] = [s for s in _action()["runs"]["steps"] if s["name"] == "Install termsense"]
    result = run_steps([install], {}, workspace=runner_temp, runner_temp=runner_temp)
    assert result.returncode == 0, result.stderr
    assert (runner_temp / "termsense-venv" / "bin" / "termsense").exists()
    return runner_temp


@pytest.fixture
def pull_request(tmp_path: Path) -> Path:
    """A clone of a pull request branch (only that branch, as a shallow-minded checkout has):
    main has docs/guide.md with a slip on line 1; the branch adds another on line 3."""
    origin = tmp_path / "origin"
    (origin / "docs").mkdir(parents=True)
    _git("init", "-q", "-b", "main", cwd=origin)
    _git("config", "user.email", "test@example.invalid", cwd=origin)
    _git("config", "user.name", "Test", cwd=origin)
    (origin / "docs" / "guide.md").write_text(OLD, encoding="utf-8")
    _git("add", ".", cwd=origin)
    _git("commit", "-qm", "docs", cwd=origin)
    _git("checkout", "-qb", "feature", cwd=origin)
    (origin / "docs" / "guide.md").write_text(OLD + "\n" + NEW, encoding="utf-8")
    _git("commit", "-qam", "more docs", cwd=origin)
    work = tmp_path / "work"
    _git("clone", "-q", "--single-branch", "--branch", "feature", str(origin), str(work), cwd=tmp_path)
    return work


def check_step() -> list[dict]:
    return [s for s in _action()["runs"]["steps"] if s["name"] == "Check"]


def annotations(output: str) -> list[str]:
    return [line.split("::")[1] for line in output.splitlines() if line.startswith("::warning ")]


def test_action_annotates_every_finding_in_the_given_paths_and_fails(installed: Path, pull_request: Path) -> None:
    result = run_steps(check_step(), {"paths": "docs"}, workspace=pull_request, runner_temp=installed)
    assert result.returncode == 1, result.stderr
    assert annotations(result.stdout) == [
        "warning file=docs/guide.md,line=1,col=40,endLine=1,endColumn=48,title=termsense CC001",
        "warning file=docs/guide.md,line=3,col=25,endLine=3,endColumn=33,title=termsense CC001",
    ]


def test_action_on_changed_lines_fetches_the_base_and_reports_only_the_new_line(installed: Path, pull_request: Path) -> None:
    assert "origin/main" not in _git("branch", "-r", cwd=pull_request)
    result = run_steps(check_step(), {"paths": "docs", "changed-lines-only": "true"}, workspace=pull_request,
                       runner_temp=installed, base_ref="main")
    assert result.returncode == 1, result.stderr
    assert annotations(result.stdout) == ["warning file=docs/guide.md,line=3,col=25,endLine=3,endColumn=33,title=termsense CC001"]


def test_action_on_changed_lines_deepens_a_shallow_checkout(installed: Path, pull_request: Path, tmp_path: Path) -> None:
    shallow = tmp_path / "shallow"
    _git("clone", "-q", "--depth", "1", "--branch", "feature", (tmp_path / "origin").as_uri(), str(shallow), cwd=tmp_path)
    assert _git("rev-parse", "--is-shallow-repository", cwd=shallow) == "true"
    result = run_steps(check_step(), {"paths": "docs", "changed-lines-only": "true"}, workspace=shallow,
                       runner_temp=installed, base_ref="main")
    assert result.returncode == 1, result.stderr
    assert annotations(result.stdout) == ["warning file=docs/guide.md,line=3,col=25,endLine=3,endColumn=33,title=termsense CC001"]
    assert _git("merge-base", "origin/main", "HEAD", cwd=shallow)


def test_action_outside_a_pull_request_checks_every_line_and_says_so(installed: Path, pull_request: Path) -> None:
    result = run_steps(check_step(), {"paths": "docs", "changed-lines-only": "true"}, workspace=pull_request, runner_temp=installed)
    assert result.stdout.startswith("::notice title=termsense::not a pull request: checking every line\n")
    assert len(annotations(result.stdout)) == 2


def test_action_writes_sarif_and_can_leave_the_step_green(installed: Path, pull_request: Path) -> None:
    inputs = {"paths": "docs", "sarif-file": "termsense.sarif", "fail-on-findings": "false"}
    result = run_steps(check_step(), inputs, workspace=pull_request, runner_temp=installed)
    assert result.returncode == 0, result.stderr
    assert len(annotations(result.stdout)) == 2
    sarif = json.loads((pull_request / "termsense.sarif").read_text(encoding="utf-8"))
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in sarif["runs"][0]["results"]] == [1, 3]


def test_action_passes_extra_arguments_and_splits_paths_on_spaces_and_lines(installed: Path, pull_request: Path) -> None:
    (pull_request / "notes.md").write_text(OLD, encoding="utf-8")
    result = run_steps(check_step(), {"paths": "docs notes.md", "args": "--select CC002"}, workspace=pull_request,
                       runner_temp=installed)
    assert (result.returncode, result.stdout) == (0, "")
    result = run_steps(check_step(), {"paths": "docs\nnotes.md\n"}, workspace=pull_request, runner_temp=installed)
    assert [a.split(",")[0] for a in annotations(result.stdout)] == ["warning file=docs/guide.md"] * 2 + ["warning file=notes.md"]


def test_action_reports_a_bad_argument_as_an_error(installed: Path, pull_request: Path) -> None:
    result = run_steps(check_step(), {"args": "--select CC9"}, workspace=pull_request, runner_temp=installed)
    assert result.returncode == 2
    assert re.match(r"termsense: (?:\S+: )?select: unknown rule (?:code )?'CC9'", result.stderr), result.stderr


def test_every_input_is_documented_and_every_expression_is_one_the_test_runner_knows() -> None:
    action = _action()
    assert action["runs"]["using"] == "composite"
    for name, spec in action["inputs"].items():
        assert spec["description"].strip() and "default" in spec, name
    used = set(re.findall(r"\$\{\{\s*([\w.-]+)\s*\}\}", ACTION.read_text(encoding="utf-8")))
    assert used <= {f"inputs.{name}" for name in action["inputs"]} | {"github.action_path"}
    for step in action["runs"]["steps"]:  # inputs reach scripts through env, never pasted into the script
        assert "${{" not in step["run"], step["name"]
