"""The command line: output shapes, the JSON contract, exit codes and discovery."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import LEGAL

SLIP = LEGAL.format(word="customer")
KEYS = {"path", "line", "column", "end_line", "end_column", "rule", "severity", "message", "matched", "replacement",
        "confidence", "evidence", "fix"}


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "termsense", *args], capture_output=True, text=True, cwd=cwd, timeout=60)


def test_exit_0_and_no_output_without_findings(tmp_path: Path) -> None:
    (tmp_path / "ok.md").write_text("Our clients love the app.\n", encoding="utf-8")
    assert (lambda r: (r.returncode, r.stdout, r.stderr))(run("check", "ok.md", cwd=tmp_path)) == (0, "", "")


def test_exit_1_and_one_line_per_finding_with_evidence(tmp_path: Path) -> None:
    (tmp_path / "law.md").write_text(SLIP + "\n", encoding="utf-8")
    result = run("check", "law.md", cwd=tmp_path)
    assert result.returncode == 1
    first, evidence = result.stdout.splitlines()
    assert re.fullmatch(r'law\.md:1:40: CC001 "customer" where the context is legal services; use "client" \((0\.9\d|1\.00)\)', first)
    assert evidence.startswith('    evidence: "court" (attached), "retainer" (attached), "attorney" (same clause)')


def test_json_has_exactly_the_contract_fields(tmp_path: Path) -> None:
    (tmp_path / "docs" / "sub").mkdir(parents=True)
    (tmp_path / "docs" / "sub" / "law.md").write_text(SLIP, encoding="utf-8")
    result = run("check", "--format", "json", "docs", cwd=tmp_path)
    [finding] = json.loads(result.stdout)
    assert set(finding) == KEYS
    assert {k: finding[k] for k in ("path", "line", "column", "end_line", "end_column", "rule", "matched", "replacement")} == {
        "path": "docs/sub/law.md", "line": 1, "column": 40, "end_line": 1, "end_column": 48, "rule": "CC001",
        "matched": "customer", "replacement": "client",
    }
    assert set(finding["evidence"][0]) == {"cue", "supports", "context", "where", "weight"}


def test_json_is_an_empty_array_when_clean(tmp_path: Path) -> None:
    (tmp_path / "ok.md").write_text("Nothing here.", encoding="utf-8")
    result = run("check", "--format", "json", "ok.md", cwd=tmp_path)
    assert (result.returncode, json.loads(result.stdout)) == (0, [])


def test_walk_checks_markdown_and_text_and_skips_tool_folders(tmp_path: Path) -> None:
    for name in ("a.md", "b.markdown", "c.txt", "d.mdx", ".git/e.md", "node_modules/f.md", "venv/g.md", "h.rst"):
        path = tmp_path / "root" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(SLIP, encoding="utf-8")
    (tmp_path / "root" / "venv" / "pyvenv.cfg").write_text("home = /usr", encoding="utf-8")
    result = run("check", "--format", "json", "root", cwd=tmp_path)
    assert sorted(f["path"] for f in json.loads(result.stdout)) == [
        "root/a.md", "root/b.markdown", "root/c.txt", "root/d.mdx",
    ]


def test_usage_errors_exit_2_with_one_line(tmp_path: Path) -> None:
    for args in (["check", "--min-confidence", "2"], ["check", "--format", "xml"], ["check", "--jobs", "0"]):
        result = run(*args, cwd=tmp_path)
        assert result.returncode == 2 and "Traceback" not in result.stderr


def test_unknown_preferred_term_is_a_usage_error(tmp_path: Path) -> None:
    result = run("check", "--prefer", "patron", ".", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "termsense: prefer: unknown term 'patron' (terms: client, customer)\n"


def test_version_works_through_python_m(tmp_path: Path) -> None:
    result = run("--version", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.startswith("termsense ")


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_paths_are_shown_as_given(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "law.md").write_text(SLIP, encoding="utf-8")
    result = run("check", "--format", fmt, "./law.md", cwd=tmp_path)
    assert "./law.md" in result.stdout


def test_statistics_counts_per_rule_and_word(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(SLIP + "\n" + LEGAL.format(word="customers") + "\n", encoding="utf-8")
    result = run("check", "--statistics", "a.md", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (1, "     2  CC001  customer (1), customers (1)\n")


@pytest.mark.parametrize(
    ("args", "env", "colored"),
    [([], {}, False), (["--color", "always"], {}, True), (["--color", "always"], {"NO_COLOR": "1"}, True),
     (["--color", "never"], {}, False)],
)
def test_color_only_when_asked_or_on_a_terminal(tmp_path: Path, args: list, env: dict, colored: bool) -> None:
    import os

    (tmp_path / "a.md").write_text(SLIP, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "termsense", "check", *args, "a.md"], cwd=tmp_path,
                            capture_output=True, text=True, env={**os.environ, **env})
    assert ("\x1b[" in result.stdout) is colored


def test_no_color_wins_over_a_terminal() -> None:
    import io

    from termsense.cli import _use_color

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    import os

    previous = os.environ.pop("NO_COLOR", None)
    try:
        assert _use_color("auto", Terminal()) is True
        os.environ["NO_COLOR"] = "1"
        assert _use_color("auto", Terminal()) is False
    finally:
        os.environ.pop("NO_COLOR", None)
        if previous is not None:
            os.environ["NO_COLOR"] = previous


def test_prefer_flags_every_business_use_of_the_other_term(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("Our customers love the app. Call customer service anytime.\n", encoding="utf-8")
    result = run("check", "--prefer", "client", "--format", "json", "a.md", cwd=tmp_path)
    [finding] = json.loads(result.stdout)
    assert (finding["rule"], finding["matched"], finding["replacement"]) == ("CC004", "customers", "clients")


def test_statistics_as_json(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(SLIP + "\n" + LEGAL.format(word="customers") + "\n", encoding="utf-8")
    result = run("check", "--statistics", "--format", "json", "a.md", cwd=tmp_path)
    assert result.returncode == 1
    assert json.loads(result.stdout) == [
        {"rule": "CC001", "count": 2, "words": [{"word": "customer", "count": 1}, {"word": "customers", "count": 1}]},
    ]


def test_statistics_refuses_formats_it_cannot_print(tmp_path: Path) -> None:
    result = run("check", "--statistics", "--format", "sarif", ".", cwd=tmp_path)
    assert result.returncode == 2 and "--statistics prints text or json, not sarif" in result.stderr


def test_a_run_that_checked_no_file_says_so(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "notes.rst").write_text(SLIP, encoding="utf-8")
    result = run("check", "docs", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "termsense: no files checked\n")


def test_text_output_ends_with_a_summary_on_stderr(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(SLIP + "\n", encoding="utf-8")
    (tmp_path / "b.md").write_text(SLIP + "\n\n" + SLIP + "\n", encoding="utf-8")
    (tmp_path / "c.md").write_text("Nothing to see.\n", encoding="utf-8")
    result = run("check", ".", cwd=tmp_path)
    assert result.stderr == "Found 3 findings in 2 files (3 fixable with --fix)\n"
    review = run("check", "--fix-confidence", "1", "a.md", cwd=tmp_path)
    assert review.stderr == "Found 1 finding in 1 file\n"
    assert run("check", "--format", "json", ".", cwd=tmp_path).stderr == ""
