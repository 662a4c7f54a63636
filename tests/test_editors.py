"""The editor setups in editors/ (and the README's snippets, which are the same files): each
parses, starts `termsense server`, and, where the editor is installed, really talks to it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from termsense import lint_text

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

EDITORS = Path(__file__).resolve().parent.parent / "editors"
README = Path(__file__).resolve().parent.parent / "README.md"
FEES = "# Fees\n\nOur customers receive a written update from their solicitor after every court hearing.\n"


def test_vscode_extension_manifest_starts_termsense_server_for_markdown_and_text() -> None:
    manifest = json.loads((EDITORS / "vscode" / "package.json").read_text())
    assert (EDITORS / "vscode" / manifest["main"]).is_file()
    assert manifest["contributes"]["configuration"]["properties"]["termsense.command"]["default"] == [
        "termsense",
        "server",
    ]
    assert set(manifest["activationEvents"]) == {"onLanguage:markdown", "onLanguage:mdx", "onLanguage:plaintext"}
    assert "vscode-languageclient" in manifest["dependencies"]


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_vscode_extension_scripts_are_valid_javascript() -> None:
    for script in ("extension.js", "smoke.js"):
        subprocess.run(["node", "--check", str(EDITORS / "vscode" / script)], check=True)


def test_helix_languages_toml_adds_termsense_to_markdown() -> None:
    config = tomllib.loads((EDITORS / "helix" / "languages.toml").read_text())
    assert config["language-server"]["termsense"] == {"command": "termsense", "args": ["server"]}
    (markdown,) = [lang for lang in config["language"] if lang["name"] == "markdown"]
    assert "termsense" in markdown["language-servers"]


def test_zed_extension_declares_the_server_for_markdown_and_plain_text() -> None:
    extension = tomllib.loads((EDITORS / "zed" / "extension.toml").read_text())
    assert extension["language_servers"]["termsense"]["languages"] == ["Markdown", "Plain Text"]
    cargo = tomllib.loads((EDITORS / "zed" / "Cargo.toml").read_text())
    assert cargo["lib"]["crate-type"] == ["cdylib"] and "zed_extension_api" in cargo["dependencies"]
    assert 'args: vec!["server".into()]' in (EDITORS / "zed" / "src" / "lib.rs").read_text()


@pytest.mark.skipif(shutil.which("luac5.4") is None and shutil.which("luac") is None, reason="no Lua compiler")
def test_neovim_snippets_are_valid_lua() -> None:
    luac = shutil.which("luac5.4") or shutil.which("luac")
    for script in sorted((EDITORS / "neovim").glob("*.lua")):
        subprocess.run([luac, "-p", str(script)], check=True)


def test_readme_editor_snippets_are_the_files_in_editors() -> None:
    readme = README.read_text()
    for path in ("helix/languages.toml", "neovim/termsense.lua", "neovim/lspconfig.lua"):
        body = "\n".join(line for line in (EDITORS / path).read_text().splitlines() if not line.startswith(("#", "--")))
        assert body.strip() in readme, path


@pytest.mark.skipif(shutil.which("nvim") is None, reason="Neovim is not installed")
def test_neovim_builtin_client_gets_diagnostics_and_code_actions(tmp_path: Path) -> None:
    (tmp_path / "fees.md").write_text(FEES)
    env = {**os.environ, "TERMSENSE": f"{sys.executable} -m termsense server"}
    done = subprocess.run(
        ["nvim", "--headless", "--clean", "-u", "NONE", "-c", f"luafile {EDITORS / 'neovim' / 'smoke.lua'}", "fees.md"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (finding,) = lint_text(FEES)  # the server shows the library's confidence
    assert done.stdout.splitlines() == [
        f'3:5 CC001 "customers" where the context is legal services; use "clients" ({finding.confidence:.2f})',
        'action: Replace "customers" with "clients"',
        "action: Suppress CC001 on this line",
        "action: Fix all safe termsense findings",
    ]
