"""`termsense rules` and `termsense explain`, and the README table they generate."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def termsense(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "termsense", *args], capture_output=True, text=True)


def test_readme_rule_table_is_the_generated_one() -> None:
    table = termsense("rules", "--format", "markdown").stdout
    assert table in README.read_text(encoding="utf-8")


def test_rules_lists_every_rule_with_its_default() -> None:
    lines = termsense("rules").stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["CC001", "CC002", "CC003", "CC004", "TS001", "TS002"]
    assert lines[3].split()[2] == "off"


def test_explain_prints_the_fixed_parts() -> None:
    out = termsense("explain", "cc001").stdout
    for heading in ("## What it does", "## Why is this bad?", "## Known problems", "## Example", "## Fix safety",
                    "## How to silence it"):
        assert heading in out
    assert "Flagged:  Our attorneys review every customer's case file" in out


def test_explain_unknown_rule_is_a_usage_error() -> None:
    result = termsense("explain", "XX1")
    assert (result.returncode, result.stderr) == (2, "termsense: explain: unknown rule 'XX1' (see `termsense rules`)\n")
