"""Running many files: worker processes change no output and no order; small runs use none."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import termsense
from conftest import LEGAL
from termsense import run as runner

SLIP = LEGAL.format(word="customer")


def _tree(root: Path, files: int) -> None:
    """Files in several folders, every third one with a slip, sizes varying so workers finish
    out of order."""
    for i in range(files):
        folder = root / f"part{i % 4}"
        folder.mkdir(exist_ok=True)
        body = ("Plain words about nothing in particular.\n\n" * (i * 7 % 40)) + (SLIP if i % 3 == 0 else "")
        (folder / f"page{i:03}.md").write_text(body + "\n", encoding="utf-8")


def _check(root: Path, jobs: int) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "termsense", "check", "--format", "jsonl", "--jobs", str(jobs), "."],
        capture_output=True, text=True, cwd=root, timeout=120,
    )
    assert result.returncode == 1, result.stderr
    return result.stdout


def test_two_workers_give_the_same_findings_in_the_same_order_as_one(tmp_path: Path) -> None:
    _tree(tmp_path, runner.PARALLEL_MIN_FILES * 2)
    one = _check(tmp_path, 1)
    assert one.count("\n") == 22  # every third of 64 files
    assert _check(tmp_path, 2) == one


def test_a_few_files_stay_in_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing

    _tree(tmp_path, 5)
    monkeypatch.setattr(multiprocessing, "get_context", lambda *a: pytest.fail("started workers"))
    results = list(runner.run([str(tmp_path)], termsense.Settings(), jobs=2))
    assert len(results) == 5
