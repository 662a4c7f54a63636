"""Config files: found by walking up, every key honoured, flags on top, errors that name
file, key and line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SLIP = "Our attorneys hold a retainer for each customer before the first court hearing.\n"
NEUTRAL = "Each customer gets a wax seal on the scroll.\n"


def check(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "termsense", "check", "--format", "json", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=60)


def found(result: subprocess.CompletedProcess[str]) -> list[tuple[str, str]]:
    assert result.returncode in (0, 1), result.stderr
    return sorted((f["path"], f["rule"]) for f in json.loads(result.stdout))


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for name in ("docs/a.md", "docs/legacy/b.md", "docs/c.txt", "notes/d.md"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(SLIP, encoding="utf-8")
    return tmp_path


def test_termsense_toml_is_found_from_a_subfolder(tree: Path) -> None:
    (tree / "termsense.toml").write_text('ignore = ["CC001"]\n', encoding="utf-8")
    assert found(check(".", cwd=tree / "docs")) == []


def test_pyproject_without_a_termsense_table_is_not_a_config(tree: Path) -> None:
    (tree / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert len(found(check("docs", cwd=tree))) == 3


def test_pyproject_table_keys_are_honoured(tree: Path) -> None:
    (tree / "pyproject.toml").write_text(
        '[tool.termsense]\nexclude = ["legacy"]\ninclude = ["*.md"]\n'
        'per-file-ignores = { "notes/*" = ["CC"] }\nmin-confidence = 0.5\n',
        encoding="utf-8",
    )
    assert found(check(".", cwd=tree)) == [("./docs/a.md", "CC001")]


def test_flags_override_the_file_and_no_config_ignores_it(tree: Path) -> None:
    (tree / "termsense.toml").write_text('ignore = ["CC001"]\n', encoding="utf-8")
    assert found(check("--ignore", "CC002", "docs/a.md", cwd=tree)) == [("docs/a.md", "CC001")]
    assert found(check("--no-config", "docs/a.md", cwd=tree)) == [("docs/a.md", "CC001")]


def test_explicit_config_file_and_prefer(tree: Path) -> None:
    (tree / "style.toml").write_text('prefer = "customer"\nselect = ["CC004"]\n', encoding="utf-8")
    (tree / "e.md").write_text("Our clients love the app.\n", encoding="utf-8")
    assert found(check("--config", "style.toml", "e.md", cwd=tree)) == [("e.md", "CC004")]


def test_extend_cues_adds_domain_words(tmp_path: Path) -> None:
    (tmp_path / "n.md").write_text(NEUTRAL, encoding="utf-8")
    assert found(check("n.md", cwd=tmp_path)) == []
    (tmp_path / "termsense.toml").write_text('extend-cues = { client = ["wax seal", "scroll"] }\n', encoding="utf-8")
    assert found(check("n.md", cwd=tmp_path)) == [("n.md", "CC001")]


def test_an_extended_word_that_repeats_a_listed_one_reads_the_same_under_any_hash_seed(tmp_path: Path) -> None:
    """"kitchen" is listed, "kitchens" is the user's "kitchen*": one cue, two groups. Which
    group names it must not follow the order of a set (the process's hash seed)."""
    (tmp_path / "termsense.toml").write_text('extend-cues = { customer = ["kitchen*"] }\n', encoding="utf-8")
    (tmp_path / "k.md").write_text(
        "Our café kitchen and both kitchens upstairs cook every morning.\n\n"
        "Every client orders at the counter and pays at the till.\n", encoding="utf-8",
    )
    labels = set()
    for seed in range(6):
        result = subprocess.run(
            [sys.executable, "-m", "termsense", "check", "--format", "json", "k.md"],
            capture_output=True, text=True, cwd=tmp_path, env={**os.environ, "PYTHONHASHSEED": str(seed)},
        )
        [finding] = json.loads(result.stdout)
        labels |= {e["context"] for e in finding["evidence"] if e["cue"] == "kitchen"}
    assert labels == {"food and drink"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('min-confidence = "high"\n', "termsense.toml:1: 'min-confidence' must be a number from 0 to 1, got 'high'"),
        ('\n\nselekt = ["CC001"]\n', "termsense.toml:3: unknown key 'selekt'"),
        ('per-file-ignores = { "a" = "CC001" }\n', "termsense.toml:1: 'per-file-ignores' must be a table of glob = [rule ids]"),
        ("ignore = [\n", "termsense.toml: invalid TOML"),
    ],
)
def test_malformed_config_is_one_clear_line(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "termsense.toml").write_text(content, encoding="utf-8")
    result = check(".", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert message in result.stderr and len(result.stderr.splitlines()) == 1


def test_missing_explicit_config_is_an_error(tmp_path: Path) -> None:
    result = check("--config", "nope.toml", ".", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, "termsense: --config: nope.toml: no such file\n")


def test_packs_key_loads_a_user_pack_relative_to_the_config(tmp_path: Path) -> None:
    import shutil

    pack = Path(__file__).resolve().parent.parent / "rules" / "customer-consumer.toml"
    (tmp_path / "style").mkdir()
    shutil.copy(pack, tmp_path / "style" / "consumer.toml")
    (tmp_path / "termsense.toml").write_text('packs = ["style/consumer.toml"]\n', encoding="utf-8")
    (tmp_path / "toy.md").write_text("The consumer paid at the checkout and asked for a receipt.\n", encoding="utf-8")
    assert found(check("toy.md", cwd=tmp_path)) == [("toy.md", "CN002")]


def test_named_files_are_checked_even_when_excluded_unless_force_exclude(tree: Path) -> None:
    (tree / "termsense.toml").write_text('exclude = ["legacy"]\n', encoding="utf-8")
    assert found(check("docs/legacy/b.md", "docs/a.md", cwd=tree)) == [("docs/a.md", "CC001"), ("docs/legacy/b.md", "CC001")]
    assert found(check("--force-exclude", "docs/legacy/b.md", "docs/a.md", cwd=tree)) == [("docs/a.md", "CC001")]
    (tree / "termsense.toml").write_text('exclude = ["legacy"]\nforce-exclude = true\n', encoding="utf-8")
    assert found(check("docs/legacy/b.md", "docs/a.md", cwd=tree)) == [("docs/a.md", "CC001")]


def test_the_pre_commit_hooks_force_exclude() -> None:
    manifest = (Path(__file__).resolve().parent.parent / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    entries = [line.strip() for line in manifest.splitlines() if line.strip().startswith("entry:")]
    assert entries == ["entry: termsense check --force-exclude", "entry: termsense check --force-exclude --fix"]


def test_each_file_uses_the_closest_config(tree: Path) -> None:
    (tree / "termsense.toml").write_text('ignore = ["CC001"]\n', encoding="utf-8")
    (tree / "docs" / "termsense.toml").write_text('exclude = ["legacy"]\n', encoding="utf-8")
    expected = [("./docs/a.md", "CC001"), ("./docs/c.txt", "CC001")]
    assert found(check(".", cwd=tree)) == expected
    assert found(check("../docs/a.md", "d.md", cwd=tree / "notes")) == [("../docs/a.md", "CC001")]
    assert found(check(str(tree / "docs" / "a.md"), cwd=tree / "notes")) == [(str(tree / "docs" / "a.md"), "CC001")]


def test_termsense_toml_wins_over_pyproject_in_the_same_folder_and_says_so(tree: Path) -> None:
    (tree / "termsense.toml").write_text('ignore = ["CC001"]\n', encoding="utf-8")
    (tree / "pyproject.toml").write_text('[tool.termsense]\nmin-confidence = 0.5\n', encoding="utf-8")
    result = check("docs/a.md", cwd=tree)
    assert found(result) == []
    assert result.stderr == "termsense: pyproject.toml: [tool.termsense] ignored: termsense.toml in the same folder wins\n"
    assert "config: termsense.toml" in subprocess.run(
        [sys.executable, "-m", "termsense", "check", "--show-settings", "docs/a.md"], cwd=tree, capture_output=True,
        text=True).stdout


def test_show_settings_names_the_config_file_and_the_values(tree: Path) -> None:
    (tree / "docs" / "termsense.toml").write_text('ignore = ["CC003"]\nmin-confidence = 0.5\n', encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "termsense", "check", "--show-settings", "docs/a.md"], cwd=tree,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:2] == ["file: docs/a.md", "config: docs/termsense.toml"]
    assert "ignore = CC003" in lines and "min-confidence = 0.5" in lines
    assert "config: none (defaults)" in subprocess.run(
        [sys.executable, "-m", "termsense", "check", "--show-settings", "notes/d.md"], cwd=tree, capture_output=True,
        text=True).stdout


def test_show_files_lists_what_would_be_checked(tree: Path) -> None:
    (tree / "termsense.toml").write_text('exclude = ["legacy"]\n', encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "termsense", "check", "--show-files", "."], cwd=tree,
                            capture_output=True, text=True)
    assert (result.returncode, result.stdout) == (0, "./docs/a.md\n./docs/c.txt\n./notes/d.md\n")


def _files(cwd: Path, *args: str) -> list[str]:
    result = subprocess.run([sys.executable, "-m", "termsense", "check", "--show-files", *args], cwd=cwd,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_gitignore_files_are_honoured_when_walking(tmp_path: Path) -> None:
    import shutil

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    for name in ("site/_build/copy.md", "site/docs/a.md", "site/docs/private.md", "site/docs/b.draft.md",
                 "site/docs/keep.draft.md", "site/notes.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(SLIP, encoding="utf-8")
    (tmp_path / ".gitignore").write_text("_build/\n*.draft.md\n", encoding="utf-8")  # above the walked folder
    (tmp_path / "site" / "docs" / ".gitignore").write_text("private.md\n!keep.draft.md\n", encoding="utf-8")
    assert _files(tmp_path / "site", ".") == ["./notes.md", "./docs/a.md", "./docs/keep.draft.md"]
    assert _files(tmp_path / "site", "docs/private.md") == ["docs/private.md"]  # named files are checked
    (tmp_path / "site" / "termsense.toml").write_text("respect-gitignore = false\n", encoding="utf-8")
    assert len(_files(tmp_path / "site", ".")) == 6


def test_globs_have_gitignore_semantics(tmp_path: Path) -> None:
    for name in ("docs/a.md", "docs/keep/b.md", "docs/deep/er/c.md", "blog/docs/d.md", "e.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(SLIP, encoding="utf-8")
    (tmp_path / "termsense.toml").write_text(
        'exclude = ["/docs/**/*.md", "!docs/keep/*.md"]\nper-file-ignores = { "/e.md" = ["CC001"] }\n', encoding="utf-8"
    )
    assert _files(tmp_path, ".") == ["./e.md", "./blog/docs/d.md", "./docs/keep/b.md"]
    assert found(check(".", cwd=tmp_path)) == [("./blog/docs/d.md", "CC001"), ("./docs/keep/b.md", "CC001")]


@pytest.mark.parametrize(
    ("config", "flags", "message"),
    [
        ('select = ["CC9"]\n', [], "termsense: termsense.toml: select: unknown rule code 'CC9' (rules: CC001, CC002, CC003, CC004, TS001, TS002; a prefix must match one)\n"),
        ("", ["--ignore", "XX1"], "termsense: ignore: unknown rule code 'XX1' (rules: CC001, CC002, CC003, CC004, TS001, TS002; a prefix must match one)\n"),
        ('per-file-ignores = { "a.md" = ["CC01X"] }\n', [],
         "termsense: termsense.toml: per-file-ignores 'a.md': unknown rule code 'CC01X' (rules: CC001, CC002, CC003, CC004, TS001, TS002; a prefix must match one)\n"),
    ],
)
def test_unknown_rule_codes_are_errors(tmp_path: Path, config: str, flags: list[str], message: str) -> None:
    (tmp_path / "termsense.toml").write_text(config, encoding="utf-8")
    (tmp_path / "a.md").write_text(SLIP, encoding="utf-8")
    result = check(*flags, "a.md", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, message)
