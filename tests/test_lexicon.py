"""The learned lexicon: its reading of words and blocks, and that it only ever confirms a word."""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import pytest

from termsense import Settings, lint_text
from termsense.errors import PackError
from termsense.lexicon import BLOCK_REACH, Blocks, Lexicon, inputs, lexicon_path, load_lexicon, words
from termsense.packs import builtin_path

LEXICON = Lexicon("client", {"retainer": 2.0, "hearing": 1.0, "latte": -2.0, "till": -1.0})
SLIP = "Our attorneys hold a retainer for each customer before the hearing.\n"


def test_words_are_lower_case_with_inner_apostrophes_and_hyphens() -> None:
    assert words("The Client’s follow-up, a CAFÉ and 3 lattes.") == ["the", "client's", "follow-up", "caf", "and", "lattes"]


def test_a_lean_is_the_sum_of_the_weights_over_the_root_of_their_number() -> None:
    assert LEXICON.lean("A retainer before the hearing; then a latte.") == pytest.approx((2.0 + 1.0 - 2.0) / math.sqrt(3))
    assert LEXICON.lean("No listed word here.") == 0.0


def test_the_strongest_words_are_those_leaning_toward_the_term_asked_for() -> None:
    text = "a latte at the till, a retainer for the hearing"
    assert LEXICON.strongest(text, "client") == ("retainer", "hearing")
    assert LEXICON.strongest(text, "customer") == ("latte", "till")


def test_a_block_ends_at_blank_lines_and_at_its_reach() -> None:
    text = "First para.\n\nSecond para holds the word.\n  \nThird."
    start = text.index("word")
    low, high = Blocks(text).around(start, start + 4)
    assert text[low:high] == "Second para holds the word."
    long = "x" * (BLOCK_REACH + 100) + " word " + "y" * (BLOCK_REACH + 100)
    start = long.index("word")
    assert Blocks(long).around(start, start + 4) == (start - BLOCK_REACH, start + 4 + BLOCK_REACH)


def test_only_a_lean_toward_the_word_as_written_is_an_input() -> None:
    assert inputs(1.5, -0.5) == (0.0, -0.5)


def _pack_with(folder: Path, weights: dict[str, float]) -> Settings:
    """The built-in pack, copied with a lexicon of these weights beside it."""
    folder.mkdir()
    pack = folder / "client-customer.toml"
    shutil.copy(builtin_path(), pack)
    lexicon_path(str(pack)).write_text(json.dumps({"first": "client", "weights": weights}), encoding="utf-8")
    return Settings(builtin=False, packs=(str(pack),), min_confidence=0.0)


def test_words_that_lean_toward_the_word_as_written_lower_its_confidence_and_are_named(tmp_path: Path) -> None:
    (plain,) = lint_text(SLIP, config=_pack_with(tmp_path / "empty", {}))
    (confirmed,) = lint_text(SLIP, config=_pack_with(tmp_path / "leaning", {"attorneys": -0.2, "hearing": -0.1}))
    assert confirmed.confidence < plain.confidence
    learned = confirmed.evidence[-1]
    assert (learned.cue, learned.where, learned.supports) == ("attorneys, hearing", "learned words", "customer")
    assert learned.weight < 0


def test_words_that_lean_toward_the_other_term_never_raise_a_confidence(tmp_path: Path) -> None:
    (plain,) = lint_text(SLIP, config=_pack_with(tmp_path / "empty", {}))
    (leaning,) = lint_text(SLIP, config=_pack_with(tmp_path / "leaning", {"attorneys": 3.0, "hearing": 3.0}))
    assert leaning == plain


def test_a_broken_lexicon_file_is_a_pack_error_naming_it(tmp_path: Path) -> None:
    pack = tmp_path / "mine.toml"
    lexicon_path(str(pack)).write_text('{"first": "client"}', encoding="utf-8")
    with pytest.raises(PackError, match=r"mine\.lexicon\.json: not a lexicon"):
        load_lexicon(str(pack))
    assert load_lexicon(str(tmp_path / "other.toml")) is None


def test_the_shipped_lexicon_leans_the_way_its_settings_do() -> None:
    shipped = load_lexicon(str(builtin_path()))
    assert shipped is not None and shipped.first == "client"
    assert shipped.lean("a retainer with our attorney") > 0 > shipped.lean("pay at the checkout for your order")


def test_a_broken_lexicon_beside_a_user_pack_stops_the_run_before_any_file(tmp_path: Path) -> None:
    import subprocess
    import sys

    pack = tmp_path / "mine.toml"
    pack.write_text(builtin_path().read_text(encoding="utf-8").replace('name = "client-customer"', 'name = "mine"', 1)
                    .replace("CC00", "MY00"), encoding="utf-8")
    lexicon_path(str(pack)).write_text('{"first": "client", "weights": [1, 2]}', encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text("No term here.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "termsense", "check", "--pack", str(pack), str(page)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"termsense: {lexicon_path(str(pack))}: not a lexicon ('list' object has no attribute 'items')"]
