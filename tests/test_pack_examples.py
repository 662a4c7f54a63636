"""Every pack's own examples hold: each must-flag example trips its rule, each must-pass is silent."""

from __future__ import annotations

from pathlib import Path

import pytest

import termsense
from termsense.packs import builtin_path, load_pack

PACKS = sorted(str(p) for p in Path(builtin_path()).parent.glob("*.toml"))
EVERYTHING = termsense.Settings(min_confidence=0.0)


def _examples(kind: str) -> list[tuple[str, str, str]]:
    out = []
    for path in PACKS:
        for rule in load_pack(path).rules.values():
            for text in getattr(rule, kind):
                out.append((path, rule.id, text))
    return out


def _settings(path: str, rule_id: str) -> termsense.Settings:
    pack = load_pack(path)
    builtin = path == str(builtin_path())
    prefer = next((r.expected for r in pack.rules.values() if r.id == rule_id and r.kind == "prefer"), None)
    return termsense.Settings(packs=() if builtin else (path,), builtin=builtin, min_confidence=0.0, prefer=prefer)


@pytest.mark.parametrize(("pack", "rule_id", "text"), _examples("examples_flag"))
def test_must_flag_example_trips_its_rule(pack: str, rule_id: str, text: str) -> None:
    rules = [f.rule for f in termsense.lint_text(text, config=_settings(pack, rule_id))]
    assert rule_id in rules


@pytest.mark.parametrize(("pack", "rule_id", "text"), _examples("examples_pass"))
def test_must_pass_example_is_silent(pack: str, rule_id: str, text: str) -> None:
    assert termsense.lint_text(text, config=_settings(pack, rule_id)) == []
