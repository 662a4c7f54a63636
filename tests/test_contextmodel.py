"""The opt-in context model: off by default, switched on by a config key or a flag, refused in
one line without its extra, and, with the extra, moving the verdict model's odds the way the
words around a mention point."""

from __future__ import annotations

from pathlib import Path

import pytest

import termsense
from termsense import cli, contextmodel
from termsense.config import DEFAULT_FIX_CONFIDENCE, Settings
from termsense.configfile import load
from termsense.errors import ConfigError
from termsense.packs import builtin_path

needs_extra = pytest.mark.skipif(not contextmodel.available(), reason="needs the context extra (wordllama)")

LAW = "Our attorneys review each customer case file before the hearing.\n"
SHOP = "Our shop sells shoes. A client can return a pair within a month.\n"
ADVISER = "Every customer of the studio has a dedicated adviser.\n"
MISSING = "termsense: the context model needs the 'context' extra: pip install 'termsense[context]'\n"


@pytest.fixture
def without_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(contextmodel, "available", lambda: False)


@pytest.fixture
def with_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parsing tests pretend the extra is there, so they run without it."""
    monkeypatch.setattr(contextmodel, "available", lambda: True)


def test_it_is_off_by_default() -> None:
    assert Settings().context_model is False
    assert cli.build_parser().parse_args(["check"]).context_model is None  # the config file decides
    (finding,) = termsense.lint_text(LAW)
    assert [e.where for e in finding.evidence if e.where == "context model"] == []


def test_the_flag_turns_it_on() -> None:
    assert cli.build_parser().parse_args(["check", "--context-model"]).context_model is True


def test_the_config_key_turns_it_on(tmp_path: Path, with_extra: None) -> None:
    (tmp_path / "termsense.toml").write_text("context-model = true\n", encoding="utf-8")
    assert load(tmp_path / "termsense.toml").context_model is True


def test_the_config_key_must_be_a_boolean(tmp_path: Path) -> None:
    (tmp_path / "termsense.toml").write_text('context-model = "yes"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"termsense.toml:1: 'context-model' must be true or false"):
        load(tmp_path / "termsense.toml")


def test_the_flag_without_the_extra_is_one_line_and_exit_2(
    tmp_path: Path, without_extra: None, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.md").write_text(LAW, encoding="utf-8")
    assert cli.main(["check", "--no-config", "--context-model", str(tmp_path / "a.md")]) == 2
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", MISSING)


def test_the_config_key_without_the_extra_names_the_file(tmp_path: Path, without_extra: None) -> None:
    (tmp_path / "termsense.toml").write_text("context-model = true\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load(tmp_path / "termsense.toml")
    assert str(error.value) == f"{tmp_path / 'termsense.toml'}: " + MISSING.removeprefix("termsense: ").rstrip()


def test_windows_cut_the_judged_words_out_of_sentence_block_and_document() -> None:
    text = "# Title\n\nFirst line. Our client signs here, then leaves.\nMore text.\n\nNext block."
    start = text.index("client")
    sentence, block, document = contextmodel.windows(text, start, start + 6, [(start, start + 6)])
    assert sentence == "Our signs here, then leaves."
    assert block == "First line. Our signs here, then leaves. More text."
    assert document == "# Title First line. Our signs here, then leaves. More text. Next block."


def test_a_list_item_is_a_sentence_of_its_own() -> None:
    text = "Intro line\n- first item with the client\n- second item"
    start = text.index("client")
    sentence, _, _ = contextmodel.windows(text, start, start + 6, [])
    assert sentence == "first item with the client"


def test_the_shipped_coefficients_lean_the_way_they_point() -> None:
    coefficients = contextmodel.load_coefficients(str(builtin_path()))  # installed beside the pack
    assert coefficients is not None and coefficients.first == "client"
    toward = contextmodel.stacked(coefficients, 0.7, {"sentence": 0.2, "block": 0.2, "document": 0.2})
    away = contextmodel.stacked(coefficients, 0.7, {"sentence": -0.2, "block": -0.2, "document": -0.2})
    assert away < toward


@needs_extra
def test_enabled_it_finds_a_slip_whose_words_call_for_the_other_term() -> None:
    assert termsense.lint_text(ADVISER, config=Settings(min_confidence=0.0)) == []  # the verdict model alone: under 0.5
    (on,) = termsense.lint_text(ADVISER, config=Settings(min_confidence=0.0, context_model=True))
    assert (on.rule, on.matched, on.line, on.column) == ("CC001", "customer", 1, 7)
    added = on.evidence[-1]
    assert (added.where, added.label, added.supports) == ("context model", "context model", "client")
    assert float(added.cue) > 1.0 and 0.5 <= on.confidence < DEFAULT_FIX_CONFIDENCE


@needs_extra
def test_enabled_it_raises_a_slip_the_verdict_model_already_reports() -> None:
    (off,) = termsense.lint_text(SHOP, config=Settings(min_confidence=0.0))
    (on,) = termsense.lint_text(SHOP, config=Settings(min_confidence=0.0, context_model=True))
    assert (off.rule, off.matched, on.rule, on.matched) == ("CC002", "client", "CC002", "client")
    assert off.confidence < on.confidence < DEFAULT_FIX_CONFIDENCE
    assert on.evidence[:-1] == off.evidence and on.evidence[-1].supports == "customer" and float(on.evidence[-1].cue) > 0


@needs_extra
def test_it_never_carries_a_finding_into_the_fix_band() -> None:
    (off,) = termsense.lint_text(LAW, config=Settings(min_confidence=0.0))
    (on,) = termsense.lint_text(LAW, config=Settings(min_confidence=0.0, context_model=True))
    assert off.confidence >= DEFAULT_FIX_CONFIDENCE and on == off  # already there: left as the verdict model said, no evidence added


@needs_extra
def test_it_stops_below_the_fix_confidence_the_user_chose() -> None:
    (off,) = termsense.lint_text(SHOP, config=Settings(min_confidence=0.0))
    (raised,) = termsense.lint_text(SHOP, config=Settings(min_confidence=0.0, context_model=True))
    chosen = round((off.confidence + raised.confidence) / 2, 3)  # between the two: the model would pass it
    (on,) = termsense.lint_text(SHOP, config=Settings(min_confidence=0.0, context_model=True, fix_confidence=chosen))
    assert off.confidence < on.confidence < chosen
