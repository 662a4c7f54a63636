"""The shipped examples and the guidance articles: what the README promises a first run shows."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


def _check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "termsense", "check", *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def test_examples_flag_the_two_slips_and_nothing_else() -> None:
    result = _check("--format", "json", "examples")
    assert result.returncode == 1, result.stderr
    found = {(f["path"], f["line"], f["column"], f["rule"], f["matched"], f["replacement"]) for f in json.loads(result.stdout)}
    assert found == {
        ("examples/cafe-faq.md", 9, 58, "CC002", "Clients", "Customers"),
        ("examples/law-firm.md", 14, 7, "CC001", "customers", "clients"),
    }


@pytest.mark.parametrize("name", ["http-client-readme.md", "bank-services.txt"])
def test_clean_example_gives_no_finding_and_exit_0(name: str) -> None:
    result = _check(f"examples/{name}")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_text_output_names_position_rule_message_and_evidence() -> None:
    result = _check("examples/law-firm.md")
    first, evidence = result.stdout.splitlines()[:2]
    assert first == (
        'examples/law-firm.md:14:7: CC001 "customers" where the context is legal services; use "clients" (1.00)'
    )
    assert evidence.startswith('    evidence: "court" (same clause), "solicitor" (same clause)')


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside this checkout")
def test_guidance_articles_that_use_both_words_correctly_give_no_finding() -> None:
    result = _check("--format", "json", str(SEEDS))
    assert json.loads(result.stdout) == [], result.stdout
