"""`termsense server` on the command line: without the lsp extra it says how to get it."""

from __future__ import annotations

import sys

import pytest

from termsense.cli import main


def test_server_without_the_extra_says_how_to_install_it_and_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "pygls", None)  # import pygls now raises ImportError
    assert main(["server"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "termsense: the language server needs the lsp extra: pip install 'termsense[lsp]'\n"


def test_server_help_names_its_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["server", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "--stdio" in out and "--log-level" in out
