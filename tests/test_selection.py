"""Strict rule codes and pack ids: a typo stops the run with one line, never a silent no-op."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from termsense.errors import PackError
from termsense.packs import load_pack
from test_packs import write_pack

RULE = '\n[rules.{id}]\nname = "x"\nkind = "mismatch"\nfound = "customer"\nexpected = "client"\nsummary = "s"\nmessage = {message}\n'


def check(*args: str, cwd: Path, stdin: str = "Plain text.\n") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "termsense", "check", *args], cwd=cwd, input=stdin,
                          capture_output=True, text=True, timeout=60, check=False)


def assert_unknown_code(result: subprocess.CompletedProcess[str], key: str, code: str) -> None:
    """Exit 2 and one line on stderr naming the setting and the code (after any file name)."""
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert re.match(rf"termsense: (?:\S+: )?{re.escape(key)}: unknown rule (?:code )?'{code}'", result.stderr), result.stderr


@pytest.mark.parametrize(
    ("args", "key", "code"),
    [(["--select", "CC9"], "select", "CC9"), (["--ignore", "XX001"], "ignore", "XX001"), (["--select", "CC001,cc9"], "select", "CC9")],
    ids=["select-prefix", "ignore-code", "one-of-a-list"],
)
def test_unknown_code_on_the_command_line_exits_2_with_one_line(tmp_path: Path, args: list[str], key: str, code: str) -> None:
    assert_unknown_code(check(*args, "--no-config", "-", cwd=tmp_path), key, code)


def test_unknown_code_message_lists_the_rules() -> None:
    from termsense.config import Settings
    from termsense.engine import packs_for
    from termsense.errors import ConfigError
    from termsense.selection import check as check_codes

    with pytest.raises(ConfigError) as raised:
        check_codes(packs_for(Settings()), Settings(select=frozenset({"CC9"})))
    assert str(raised.value) == ("select: unknown rule code 'CC9' "
                                 "(rules: CC001, CC002, CC003, CC004, TS001, TS002; a prefix must match one)")


@pytest.mark.parametrize("codes", ["CC", "CC00", "TS", "ALL", "cc001"])
def test_prefixes_that_match_a_rule_and_all_are_accepted(tmp_path: Path, codes: str) -> None:
    result = check("--select", codes, "--no-config", "-", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")


def test_unknown_code_in_config_select_exits_2(tmp_path: Path) -> None:
    (tmp_path / "termsense.toml").write_text('select = ["CC9"]\n', encoding="utf-8")
    assert_unknown_code(check("-", cwd=tmp_path), "select", "CC9")


def test_unknown_code_in_per_file_ignores_exits_2(tmp_path: Path) -> None:
    (tmp_path / "termsense.toml").write_text('per-file-ignores = { "blog/*" = ["CC0003"] }\n', encoding="utf-8")
    assert_unknown_code(check("-", cwd=tmp_path), "per-file-ignores 'blog/*'", "CC0003")


def test_a_pack_rule_code_is_known_once_the_pack_is_loaded(tmp_path: Path) -> None:
    write_pack(tmp_path, RULE.format(id="XY1", message='"{matched}"'))
    assert check("--pack", "pack.toml", "--select", "XY", "-", cwd=tmp_path).returncode == 0
    assert check("--select", "XY", "--no-config", "-", cwd=tmp_path).returncode == 2


@pytest.mark.parametrize(
    ("rule_id", "message", "error"),
    [
        ("cc001", '"{matched}"', r"pack.toml:12: rule id 'cc001' must be upper-case letters then digits, like CC001"),
        ("CC_1", '"{matched}"', r"pack.toml:12: rule id 'CC_1' must be upper-case letters then digits"),
        ("XY1", '"use {replacment}"', (r"pack.toml:18: 'rules.XY1.message' uses unknown placeholder \{replacment\} "
                                      r"\(a mismatch rule has \{matched\}, \{replacement\}, \{context\}\)")),
        ("XY1", '"{majority}"', r"pack.toml:18: 'rules.XY1.message' uses unknown placeholder \{majority\}"),
        ("XY1", '"use {0}"', r"pack.toml:18: 'rules.XY1.message': placeholders must be named"),
        ("XY1", '"use {replacement"', r"pack.toml:18: 'rules.XY1.message': not a valid template"),
    ],
    ids=["lower-case", "punctuation", "misspelt-placeholder", "other-kind-placeholder", "positional", "unbalanced"],
)
def test_pack_rule_ids_and_templates_are_validated_on_load(tmp_path: Path, rule_id: str, message: str, error: str) -> None:
    path = write_pack(tmp_path, RULE.format(id=rule_id, message=message))
    with pytest.raises(PackError, match=error):
        load_pack(str(path))


def test_misspelt_placeholder_stops_the_cli_before_any_file(tmp_path: Path) -> None:
    write_pack(tmp_path, RULE.format(id="XY1", message='"use {replacment}"'))
    result = check("--pack", "pack.toml", "-", cwd=tmp_path, stdin="Our attorneys hold a retainer for each customer.\n")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("termsense: pack.toml:18: 'rules.XY1.message' uses unknown placeholder {replacment}")


def test_inconsistent_rule_may_use_majority_and_counts(tmp_path: Path) -> None:
    rule = '\n[rules.XY3]\nname = "x"\nkind = "inconsistent"\nsummary = "s"\nmessage = "{matched} vs {majority} ({counts}): {replacement}"\n'
    pack = load_pack(str(write_pack(tmp_path, rule)))
    assert list(pack.rules) == ["XY3"]


def test_two_packs_defining_one_id_are_refused_naming_the_second(tmp_path: Path) -> None:
    write_pack(tmp_path, RULE.format(id="CC001", message='"{matched}"'))
    result = check("--pack", "pack.toml", "-", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("termsense: ")
    assert result.stderr.rstrip().endswith("pack.toml:12: rule id CC001 is already defined by "
                                           f"{load_builtin_path()} (pack client-customer)")


def test_a_pack_may_not_take_an_engine_rule_id(tmp_path: Path) -> None:
    write_pack(tmp_path, RULE.format(id="TS001", message='"{matched}"'))
    result = check("--pack", "pack.toml", "-", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.endswith("pack.toml:12: rule id TS001 is already defined by termsense itself\n")


def test_the_same_pack_twice_is_refused_by_the_rules_command(tmp_path: Path) -> None:
    write_pack(tmp_path, RULE.format(id="XY1", message='"{matched}"'))
    copy = tmp_path / "copy.toml"
    copy.write_text((tmp_path / "pack.toml").read_text(encoding="utf-8"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "termsense", "rules", "--pack", "pack.toml", "--pack", "copy.toml"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2
    assert result.stderr == "termsense: copy.toml:12: rule id XY1 is already defined by pack.toml (pack mini)\n"


def load_builtin_path() -> str:
    from termsense.packs import builtin_path

    return str(builtin_path())

