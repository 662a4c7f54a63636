"""--diff-base: only findings on lines changed since a revision, plus untracked files; and stdin."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SLIP = "Our attorneys hold a retainer for each customer before the first court hearing.\n"


def run(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "termsense", "check", *args], cwd=cwd, input=stdin,
                          capture_output=True, text=True)


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_only_changed_lines_and_untracked_files_are_reported(tmp_path: Path) -> None:
    git("init", "-q", "-b", "main", cwd=tmp_path)
    git("config", "user.email", "t@example.invalid", cwd=tmp_path)
    git("config", "user.name", "T", cwd=tmp_path)
    (tmp_path / "old.md").write_text(SLIP + "\n" + "Filler line.\n", encoding="utf-8")
    git("add", ".", cwd=tmp_path)
    git("commit", "-qm", "history", cwd=tmp_path)
    (tmp_path / "old.md").write_text(SLIP + "\n" + SLIP, encoding="utf-8")  # line 3 is new
    (tmp_path / "new.md").write_text(SLIP, encoding="utf-8")  # untracked
    result = run("--diff-base", "HEAD", "--format", "json", ".", cwd=tmp_path)
    import json

    assert sorted((f["path"], f["line"]) for f in json.loads(result.stdout)) == [("./new.md", 1), ("./old.md", 3)]
    assert result.returncode == 1


def test_diff_base_outside_a_repository_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(SLIP, encoding="utf-8")
    result = run("--diff-base", "HEAD", "a.md", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, "termsense: --diff-base: not inside a git repository\n")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_unknown_revision_is_a_clear_error(tmp_path: Path) -> None:
    git("init", "-q", cwd=tmp_path)
    result = run("--diff-base", "no-such-ref", ".", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, "termsense: --diff-base: unknown revision 'no-such-ref'\n")


def test_stdin_is_checked_under_the_given_name_and_format(tmp_path: Path) -> None:
    result = run("-", "--stdin-filename", "docs/page.txt", "--format", "json", cwd=tmp_path, stdin=SLIP)
    import json

    [finding] = json.loads(result.stdout)
    assert (finding["path"], finding["line"], finding["column"]) == ("docs/page.txt", 1, 40)


def test_stdin_closed_at_once_is_an_empty_document(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "termsense", "check", "-"], cwd=tmp_path, stdin=subprocess.DEVNULL,
                            capture_output=True, text=True)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def _repo(path: Path) -> None:
    git("init", "-q", "-b", "main", cwd=path)
    git("config", "user.email", "t@example.invalid", cwd=path)
    git("config", "user.name", "T", cwd=path)


def _old_page_with_a_new_slip_on_line_3(path: Path) -> None:
    _repo(path)
    (path / "old.md").write_text(SLIP + "\nFiller line.\n", encoding="utf-8")
    git("add", ".", cwd=path)
    git("commit", "-qm", "history", cwd=path)
    (path / "old.md").write_text(SLIP + "\n" + SLIP, encoding="utf-8")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_fix_with_diff_base_fixes_only_changed_lines(tmp_path: Path) -> None:
    _old_page_with_a_new_slip_on_line_3(tmp_path)
    result = run("--fix", "--diff-base", "HEAD", "old.md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    fixed = SLIP.replace("each customer", "each client")
    assert (tmp_path / "old.md").read_text(encoding="utf-8") == SLIP + "\n" + fixed


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_diff_base_works_with_absolute_paths(tmp_path: Path) -> None:
    import json

    _old_page_with_a_new_slip_on_line_3(tmp_path)
    (tmp_path / "sub").mkdir()
    result = run("--diff-base", "HEAD", "--format", "json", str(tmp_path / "old.md"), cwd=tmp_path / "sub")
    assert [(f["path"], f["line"]) for f in json.loads(result.stdout)] == [(str(tmp_path / "old.md"), 3)]
    assert result.returncode == 1


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_diff_base_compares_with_the_merge_base_not_the_tip_of_a_moved_branch(tmp_path: Path) -> None:
    import json

    _repo(tmp_path)
    (tmp_path / "a.md").write_text(SLIP, encoding="utf-8")
    git("add", ".", cwd=tmp_path)
    git("commit", "-qm", "base", cwd=tmp_path)
    git("checkout", "-qb", "feature", cwd=tmp_path)
    (tmp_path / "b.md").write_text("Filler line.\n\n" + SLIP, encoding="utf-8")
    git("add", ".", cwd=tmp_path)
    git("commit", "-qm", "feature work", cwd=tmp_path)
    git("checkout", "-q", "main", cwd=tmp_path)
    (tmp_path / "a.md").write_text("Only main reworded this line.\n", encoding="utf-8")
    git("commit", "-qam", "main moves on", cwd=tmp_path)
    git("checkout", "-q", "feature", cwd=tmp_path)
    result = run("--diff-base", "main", "--format", "json", ".", cwd=tmp_path)
    assert [(f["path"], f["line"]) for f in json.loads(result.stdout)] == [("./b.md", 3)]
