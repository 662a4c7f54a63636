"""Start-up: a pre-commit run on one small file imports only what checking it needs (what it
would not use costs every commit), and the help looks as argparse would make it."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from termsense import cli

# Modules of other commands and options, and of the standard library, that a check of one file
# with a term, reported as text, has no use for.
NOT_NEEDED = (
    "shutil", "difflib", "tempfile", "multiprocessing", "json", "importlib.resources",
    "termsense.fix", "termsense.explain", "termsense.changed_lines", "termsense.survey", "termsense.tree",
    "termsense.report.json", "termsense.report.sarif", "termsense.report.html", "termsense.lsp",
)
RUN_AND_LIST = """
import sys
from termsense.cli import main
status = main(["check", sys.argv[1]])
sys.stdout.flush()
print("\\nexit", status, "modules", *sorted(sys.modules))
"""


def test_a_one_term_check_imports_only_what_it_needs(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("# Notes\n\nOur clients can book a session online.\n", encoding="utf-8")
    for _ in range(2):  # the first run fills the user cache (compiled patterns), as any first run does
        result = subprocess.run(
            [sys.executable, "-c", RUN_AND_LIST, "notes.md"], capture_output=True, text=True, cwd=tmp_path, timeout=60,
            env={"TERMSENSE_CACHE_DIR": str(tmp_path / "cache"), "PATH": ""},
        )
    words = result.stdout.splitlines()[-1].split()
    assert words[:2] == ["exit", "0"], result.stderr  # "clients" is right here
    modules = set(words[3:])
    assert {"termsense.pipeline", "regex", "termsense.report.text"} <= modules  # it was checked
    assert [name for name in NOT_NEEDED if name in modules] == []
    assert "markdown_it" not in modules  # its one paragraph with a term is plain: read without the parser


def test_a_check_of_markdown_beyond_plain_paragraphs_parses_it(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("# Notes\n\n- Our clients can book a session online.\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST, "notes.md"], capture_output=True, text=True, cwd=tmp_path, timeout=60,
        env={"TERMSENSE_CACHE_DIR": str(tmp_path / "cache"), "PATH": ""},
    )
    assert "markdown_it" in result.stdout.splitlines()[-1].split()[3:], result.stderr


@pytest.mark.parametrize("columns", ["50", "200", "", "wide"])
def test_help_is_as_wide_as_argparse_would_make_it(columns: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    assert cli._Formatter("termsense")._width == argparse.HelpFormatter("termsense")._width
