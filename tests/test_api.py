"""The public API: the same results as the command line, typed values, checked arguments."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import termsense
from conftest import LEGAL

SLIP = LEGAL.format(word="customer") + "\n"
FIXED = LEGAL.format(word="client") + "\n"


def cli_json(*args: str, cwd: Path) -> list[dict]:
    result = subprocess.run([sys.executable, "-m", "termsense", "check", "--format", "json", *args], cwd=cwd,
                            capture_output=True, text=True)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def test_lint_paths_and_the_command_line_report_the_same_findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "docs" / "old").mkdir(parents=True)
    (tmp_path / "docs" / "a.md").write_text(SLIP + "\n<!-- termsense-disable-next-line -->\n" + SLIP, encoding="utf-8")
    (tmp_path / "docs" / "old" / "b.md").write_text(SLIP, encoding="utf-8")
    (tmp_path / "c.txt").write_text("# termsense-disable-next-line CC002\n" + SLIP, encoding="utf-8")
    (tmp_path / "docs" / "termsense.toml").write_text('per-file-ignores = { "old/" = ["CC001"] }\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    findings, errors = termsense.lint_paths(["."])
    assert errors == []
    mine = [(f.path, f.line, f.column, f.rule) for f in findings]
    assert mine == [(f["path"], f["line"], f["column"], f["rule"]) for f in cli_json(".", cwd=tmp_path)]
    assert mine == [("./c.txt", 1, 3, "TS002"), ("./c.txt", 2, 40, "CC001"), ("./docs/a.md", 1, 40, "CC001")]


def test_lint_paths_fixes_files(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(SLIP, encoding="utf-8")
    findings, errors = termsense.lint_paths([tmp_path / "a.md"], termsense.Settings(), fix=True)
    assert (findings, errors) == ([], [])
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == FIXED


def test_fix_text_and_apply_fixes() -> None:
    assert termsense.fix_text(SLIP) == (FIXED, [])
    assert termsense.apply_fixes(SLIP, termsense.lint_text(SLIP)) == FIXED
    assert termsense.apply_fixes("\ufeff" + SLIP, termsense.lint_text("\ufeff" + SLIP)) == "\ufeff" + FIXED


def test_settings_take_lists_from_python_code() -> None:
    settings = termsense.Settings(select=["cc001"], ignore=["TS"], packs=[])
    assert (settings.select, settings.ignore, settings.packs) == (frozenset({"CC001"}), frozenset({"TS"}), ())
    assert [f.rule for f in termsense.lint_text(SLIP, config=settings)] == ["CC001"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: termsense.lint_text(SLIP, format="markdown"), "format must be one of 'md', 'txt', got 'markdown'"),
        (lambda: termsense.lint_text(SLIP, config=termsense.Settings(select=["CC9"])),
         "select: unknown rule code 'CC9' (rules: CC001, CC002, CC003, CC004, TS001, TS002; a prefix must match one)"),
        (lambda: termsense.lint_text(SLIP, config=termsense.Settings(prefer="patron")),
         "prefer: unknown term 'patron' (terms: client, customer)"),
        (lambda: termsense.lint_text(SLIP, config=termsense.Settings(min_confidence=2)),
         "min-confidence: expected a number from 0 to 1, got 2"),
        (lambda: termsense.Settings(select="CC001"), "select must be a collection, not one string ('CC001')"),
        (lambda: termsense.lint_paths("docs"), "lint_paths: paths must be a list of paths, not one path ('docs')"),
        (lambda: termsense.lint_text(b"bytes"), "text must be a str, got bytes"),
    ],
)
def test_arguments_that_would_do_nothing_are_errors(call, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(termsense.ConfigError) as raised:
        call()
    assert str(raised.value) == message


def test_load_pack_validates_and_names_the_file(tmp_path: Path) -> None:
    pack = termsense.load_pack(Path(__file__).resolve().parent.parent / "rules" / "customer-consumer.toml")
    assert "consumer" in pack.terms
    (tmp_path / "bad.toml").write_text("[pack\n", encoding="utf-8")
    with pytest.raises(termsense.PackError, match="bad.toml: invalid TOML"):
        termsense.load_pack(tmp_path / "bad.toml")


def test_the_package_is_typed_and_exports_its_api() -> None:
    from importlib import resources

    assert resources.files("termsense").joinpath("py.typed").is_file()
    for name in termsense.__all__:
        assert hasattr(termsense, name), name
    assert issubclass(termsense.ConfigError, termsense.TermsenseError)


@pytest.mark.parametrize(
    ("flags", "settings"),
    [
        ([], termsense.Settings()),
        (["--select", "CC001,TS"], termsense.Settings(select=["CC001", "TS"])),
        (["--ignore", "CC001"], termsense.Settings(ignore=["CC001"])),
        (["--min-confidence", "0.3", "--fix-confidence", "0.95"], termsense.Settings(min_confidence=0.3, fix_confidence=0.95)),
        (["--prefer", "client"], termsense.Settings(prefer="client")),
    ],
)
def test_every_option_means_the_same_in_python_and_on_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, flags: list[str], settings: termsense.Settings
) -> None:
    retail = "Clients who order a latte at the counter pay at the till and get a receipt.\n"
    review = "Our attorneys hold a retainer for each client before the court hearing, and every customer may also buy a mug.\n"
    (tmp_path / "a.md").write_text(SLIP + "\n" + review, encoding="utf-8")
    (tmp_path / "c.md").write_text(retail, encoding="utf-8")
    (tmp_path / "b.txt").write_text("# termsense-disable-next-line CC001\n" + SLIP + "\n" + review, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    findings, errors = termsense.lint_paths(["."], settings)
    assert errors == []
    from termsense.report.json import as_dict

    assert [as_dict(f) for f in findings] == cli_json("--no-config", *flags, ".", cwd=tmp_path)
    assert findings, "each case reports something"
