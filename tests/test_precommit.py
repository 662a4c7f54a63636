"""The pre-commit hooks, for real: a throwaway repository commits a slip, the hook blocks it,
the fix hook repairs it, and the commit goes through."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parent.parent
SLIP = "Our attorneys hold a retainer for each customer before the first court hearing.\n"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if subprocess.run(["git", "rev-parse", "HEAD"], cwd=CHECKOUT, capture_output=True).returncode != 0:
        pytest.skip("this checkout has no commit for pre-commit to install from")
    if subprocess.run(["git", "diff", "--quiet", "HEAD", "--", ".pre-commit-hooks.yaml", "pyproject.toml", "linter", "rules"],
                      cwd=CHECKOUT).returncode != 0:
        pytest.skip("the hook installs the committed checkout; commit linter/, rules/ and the manifest first")
    work = tmp_path / "repo"
    work.mkdir()
    _git("init", "-q", "-b", "main", cwd=work)
    _git("config", "user.email", "test@example.invalid", cwd=work)
    _git("config", "user.name", "Test", cwd=work)
    rev = _git("rev-parse", "HEAD", cwd=CHECKOUT)
    (work / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {CHECKOUT}\n"
        f"    rev: {rev}\n"
        "    hooks:\n"
        "      - id: termsense\n"
        "      - id: termsense-fix\n"
        "        stages: [manual]\n",
        encoding="utf-8",
    )
    return work


def _pre_commit(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env, capture_output=True, text=True)


def test_hook_blocks_a_slip_and_the_fix_hook_repairs_it(repo: Path, tmp_path: Path) -> None:
    home = tmp_path / "pre-commit-home"
    installed = _pre_commit("install", cwd=repo, home=home)
    assert installed.returncode == 0, installed.stderr
    (repo / "about.md").write_text(SLIP, encoding="utf-8")
    (repo / "notes.py").write_text("customer = 'not prose, not checked'\n", encoding="utf-8")
    (repo / "termsense.toml").write_text('exclude = ["legacy"]\n', encoding="utf-8")
    (repo / "legacy").mkdir()
    (repo / "legacy" / "old.md").write_text(SLIP, encoding="utf-8")  # excluded: pre-commit names it, force-exclude skips it
    _git("add", ".", cwd=repo)

    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    blocked = subprocess.run(["git", "commit", "-qm", "add page"], cwd=repo, env=env, capture_output=True, text=True)
    output = blocked.stdout + blocked.stderr  # git shows hook output on stderr
    assert blocked.returncode != 0
    assert 'about.md:1:40: CC001 "customer" where the context is legal services; use "client"' in output
    assert "notes.py" not in output and "legacy" not in output

    fixed = _pre_commit("run", "--hook-stage", "manual", "termsense-fix", "--files", "about.md", cwd=repo, home=home)
    assert fixed.returncode == 1  # pre-commit fails a run whose hook changed files
    assert (repo / "about.md").read_text(encoding="utf-8") == SLIP.replace("each customer", "each client")

    _git("add", "about.md", cwd=repo)
    committed = subprocess.run(["git", "commit", "-qm", "add page"], cwd=repo, env=env, capture_output=True, text=True)
    assert committed.returncode == 0, committed.stdout + committed.stderr
