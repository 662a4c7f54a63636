"""What users adopting termsense ask for first: an accept list, per-rule severity in every
format, a docs link per rule, --exit-zero and --output-file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

import pytest

import termsense
from conftest import LEGAL

SLIP = LEGAL.format(word="customer") + "\n"
MATRIX = (
    "Our attorneys attach the Customer Responsibility Matrix to each retainer before the first court hearing.\n\n"
    "Our attorneys attach the customer\nresponsibility matrix to each retainer, and each customer signs it.\n"
)


def run(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "termsense", *args], cwd=cwd, input=stdin,
                          capture_output=True, text=True, timeout=60, check=False)


def test_accepted_phrase_is_never_flagged_even_wrapped_and_in_another_case() -> None:
    everything = termsense.Settings(min_confidence=0.0)
    assert [(f.line, f.rule) for f in termsense.lint_text(MATRIX, config=everything)] == [(1, "CC001"), (3, "CC001"), (4, "CC001")]
    accepting = termsense.Settings(min_confidence=0.0, accept=("Customer Responsibility Matrix",))
    findings, usages = termsense.survey_text(MATRIX, config=accepting)
    assert [(f.line, f.column, f.rule) for f in findings] == [(4, 50, "CC001")]  # "each customer signs it"
    assert [(u.line, u.column, u.sense) for u in usages] == [(1, 26, "accepted"), (3, 26, "accepted"), (4, 50, "party")]


def test_accept_list_comes_from_config(tmp_path: Path) -> None:
    (tmp_path / "termsense.toml").write_text('accept = ["Customer Responsibility Matrix"]\nmin-confidence = 0.0\n', encoding="utf-8")
    (tmp_path / "doc.md").write_text(MATRIX, encoding="utf-8")
    result = run("check", "--format", "json", "doc.md", cwd=tmp_path)
    assert [(f["line"], f["rule"]) for f in json.loads(result.stdout)] == [(4, "CC001")]


def test_accept_matches_whole_words_only() -> None:
    accepting = termsense.Settings(min_confidence=0.0, accept=("customer file",))
    text = LEGAL.format(word="customer filed")  # not the phrase "customer file"
    assert [f.rule for f in termsense.lint_text(text, config=accepting)] == ["CC001"]


def test_pack_default_severity_and_config_override_longest_prefix_wins() -> None:
    base = termsense.lint_text(SLIP)
    assert [f.severity for f in base] == ["warning"]
    chosen = termsense.Settings(severity=(("CC", "info"), ("CC001", "error")))
    assert [f.severity for f in termsense.lint_text(SLIP, config=chosen)] == ["error"]
    assert [f.severity for f in termsense.lint_text(SLIP, config=termsense.Settings(severity=(("ALL", "info"),)))] == ["info"]


def test_suppression_reports_take_a_severity_too() -> None:
    settings = termsense.Settings(severity=(("TS", "error"),))
    [finding] = termsense.lint_text("<!-- termsense-disable-next-line -->\nPlain.\n", config=settings)
    assert (finding.rule, finding.severity) == ("TS002", "error")


def test_a_pack_rule_declares_its_default_severity(tmp_path: Path) -> None:
    from test_packs import write_pack
    from test_selection import RULE

    rule = RULE.format(id="XY1", message='"{matched} -> {replacement}"') + 'severity = "info"\n'
    path = write_pack(tmp_path, rule)
    [spec] = termsense.packs.load_pack(str(path)).rules.values()
    assert spec.severity == "info"


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("text", "-:1:40: CC001 [error] "),
        ("github", "::error file=-,line=1,col=40,"),
        ("jsonl", '"severity": "error"'),
        ("json", '"severity": "error"'),
        ("rdjsonl", '"severity": "ERROR"'),
        ("sarif", '"level": "error"'),
    ],
)
def test_configured_severity_shows_in_every_format(tmp_path: Path, fmt: str, expected: str) -> None:
    (tmp_path / "termsense.toml").write_text('severity = { CC001 = "error" }\n', encoding="utf-8")
    result = run("check", "--format", fmt, "-", cwd=tmp_path, stdin=SLIP)
    assert result.returncode == 1
    assert expected in result.stdout


@pytest.mark.parametrize(("fmt", "expected"), [("github", "::notice file="), ("sarif", '"level": "note"'), ("text", "CC001 [info] ")])
def test_info_severity_is_a_notice_and_a_note(tmp_path: Path, fmt: str, expected: str) -> None:
    (tmp_path / "termsense.toml").write_text('severity = { CC001 = "info" }\n', encoding="utf-8")
    assert expected in run("check", "--format", fmt, "-", cwd=tmp_path, stdin=SLIP).stdout


def test_warning_text_output_is_unmarked(tmp_path: Path) -> None:
    result = run("check", "--no-config", "-", cwd=tmp_path, stdin=SLIP)
    assert result.stdout.startswith('-:1:40: CC001 "customer" where')


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('severity = { CC001 = "fatal" }\n', "termsense.toml:1: 'severity' must be a table of rule code"),
        ('\nseverity = { CC9 = "info" }\n', "termsense.toml: severity: unknown rule code 'CC9'"),
    ],
)
def test_bad_severity_config_exits_2(tmp_path: Path, config: str, message: str) -> None:
    (tmp_path / "termsense.toml").write_text(config, encoding="utf-8")
    result = run("check", "-", cwd=tmp_path, stdin=SLIP)
    assert result.returncode == 2 and message in result.stderr and len(result.stderr.splitlines()) == 1


def _file(url: str) -> tuple[Path, str]:
    parsed = urlparse(url)
    assert parsed.scheme == "file"
    return Path(url2pathname(parsed.path)), parsed.fragment


def test_every_builtin_rule_links_to_its_heading_in_the_shipped_docs(tmp_path: Path) -> None:
    rules = json.loads(run("rules", "--format", "json", cwd=tmp_path).stdout)
    linked = [r for r in rules if r["pack"] in ("client-customer", "engine")]
    assert [r["id"] for r in linked] == ["CC001", "CC002", "CC003", "CC004", "TS001", "TS002"]
    for rule in linked:
        path, anchor = _file(rule["url"])
        assert path.name == "client-customer.md" and anchor == rule["id"].lower()
        assert f"\n## {rule['id']}\n" in path.read_text(encoding="utf-8")  # GitHub's anchor of this heading


def test_explain_json_and_sarif_carry_the_docs_url(tmp_path: Path) -> None:
    explained = json.loads(run("explain", "customer-for-client", "--format", "json", cwd=tmp_path).stdout)
    assert (explained["id"], explained["severity"], explained["pack"]) == ("CC001", "warning", "client-customer")
    assert explained["url"].endswith("/client-customer.md#cc001")
    sarif = json.loads(run("check", "--no-config", "--format", "sarif", "-", cwd=tmp_path, stdin=SLIP).stdout)
    descriptors = {r["id"]: r for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert descriptors["CC001"]["helpUri"] == explained["url"]
    assert descriptors["TS001"]["helpUri"] == explained["url"].replace("#cc001", "#ts001")


def test_absolute_docs_url_template_is_kept_and_filled(tmp_path: Path) -> None:
    from test_packs import write_pack
    from test_selection import RULE

    path = write_pack(tmp_path, RULE.format(id="XY1", message='"{matched}"'))
    text = path.read_text(encoding="utf-8").replace('name = "mini"\n', 'name = "mini"\ndocs-url = "https://example.org/style/{name}.html#{anchor}"\n', 1)
    path.write_text(text, encoding="utf-8")
    [spec] = termsense.packs.load_pack(str(path)).rules.values()
    assert spec.url == "https://example.org/style/x.html#xy1"


def test_docs_url_with_an_unknown_placeholder_is_refused(tmp_path: Path) -> None:
    from test_packs import write_pack
    from test_selection import RULE

    path = write_pack(tmp_path, RULE.format(id="XY1", message='"{matched}"'))
    path.write_text(path.read_text(encoding="utf-8").replace('name = "mini"\n', 'name = "mini"\ndocs-url = "x.md#{rule}"\n', 1),
                    encoding="utf-8")
    with pytest.raises(termsense.errors.PackError, match=r"pack.toml:3: 'pack.docs-url' uses unknown placeholder \{rule\}"):
        termsense.packs.load_pack(str(path))


@pytest.mark.parametrize("pack", ["client-customer", "customer-consumer"])
def test_shipped_rule_docs_are_in_step_with_the_packs(tmp_path: Path, pack: str) -> None:
    rules = Path(__file__).resolve().parent.parent / "rules"
    args = ["rules", "--format", "docs"] + ([] if pack == "client-customer" else ["--pack", str(rules / f"{pack}.toml")])
    generated = run(*args, cwd=tmp_path).stdout
    assert (rules / f"{pack}.md").read_text(encoding="utf-8") == generated, f"regenerate: termsense {' '.join(args)} > rules/{pack}.md"


def test_exit_zero_turns_findings_into_success_but_not_errors(tmp_path: Path) -> None:
    result = run("check", "--no-config", "--exit-zero", "-", cwd=tmp_path, stdin=SLIP)
    assert (result.returncode, result.stdout.count("CC001")) == (0, 1)
    assert run("check", "--no-config", "--exit-zero", "missing.md", cwd=tmp_path).returncode == 2


def test_output_file_takes_the_report_and_errors_stay_on_stderr(tmp_path: Path) -> None:
    (tmp_path / "law.md").write_text(SLIP, encoding="utf-8")
    result = run("check", "--no-config", "--format", "sarif", "--output-file", "out.sarif", "law.md", "missing.md", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("termsense: missing.md:")
    report = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in report["runs"][0]["results"]] == ["CC001"]


def test_output_file_in_text_format_has_no_color_codes(tmp_path: Path) -> None:
    result = run("check", "--no-config", "--color", "auto", "-o", "out.txt", "-", cwd=tmp_path, stdin=SLIP)
    assert result.returncode == 1
    assert (tmp_path / "out.txt").read_text(encoding="utf-8").startswith('-:1:40: CC001 "customer"')


def test_unwritable_output_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = run("check", "--no-config", "--output-file", "no/such/dir/out.json", "-", cwd=tmp_path, stdin=SLIP)
    assert result.returncode == 2
    assert result.stderr == "termsense: --output-file: no/such/dir/out.json: No such file or directory\n"
