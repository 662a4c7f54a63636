"""The learned lexicon: its reading of words and blocks, and that it only ever confirms a word."""

from __future__ import annotations

import math
import re
import shutil
from pathlib import Path

import pytest

from termsense import Settings, lint_text
from termsense.errors import PackError
from termsense.lexicon import (
    BLOCK_REACH,
    Blocks,
    Lexicon,
    inputs,
    lexicon_of,
    lexicon_path,
    load_lexicon,
    words,
    write_lexicon,
)
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
    write_lexicon(lexicon_path(str(pack)), Lexicon("client", weights), {})
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


def test_a_lexicon_file_reads_back_as_written(tmp_path: Path) -> None:
    path = tmp_path / "mine.lexicon.txt"
    write_lexicon(path, LEXICON, {"min-sites": "3"})
    assert path.read_text(encoding="utf-8").splitlines()[:3] == ["# first = client", "# min-sites = 3", "hearing\t1.0"]
    read = lexicon_of(path.read_text(encoding="utf-8"), str(path))
    assert (read.first, read.weights) == (LEXICON.first, LEXICON.weights)


@pytest.mark.parametrize(("text", "message"), [
    ("# first = client\nretainer 2.0\n", "mine.lexicon.txt:2: expected a word, a tab and a number"),
    ("# first = client\n\nretainer\tmany\n", "mine.lexicon.txt:3: expected a word, a tab and a number"),
    ("# first = client\nretainer\tnan\n", "mine.lexicon.txt:2: expected a word, a tab and a number"),
    ("retainer\t2.0\n", "mine.lexicon.txt: no '# first = TERM' line"),
])
def test_a_broken_lexicon_file_is_a_pack_error_naming_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    pack = tmp_path / "mine.toml"
    lexicon_path(str(pack)).write_text(text, encoding="utf-8")
    with pytest.raises(PackError, match=re.escape(message)):
        load_lexicon(str(pack))


def test_a_pack_without_a_lexicon_file_has_none(tmp_path: Path) -> None:
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
    lexicon_path(str(pack)).write_text("# first = client\nretainer two\n", encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text("No term here.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "termsense", "check", "--pack", str(pack), str(page)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"termsense: {lexicon_path(str(pack))}:2: expected a word, a tab and a number"]


def test_a_word_listed_twice_is_named_by_its_second_line(tmp_path: Path) -> None:
    pack = tmp_path / "mine.toml"
    lexicon_path(str(pack)).write_text("# first = client\nfee\t1.0\nfee\t2.0\n", encoding="utf-8")
    with pytest.raises(PackError, match=re.escape("mine.lexicon.txt:3: expected a word, a tab and a number")):
        load_lexicon(str(pack))


def test_running_sums_read_any_span_as_the_words_of_its_text() -> None:
    """The long-block path (`_Sums`) against reading the span's text, on spans cut anywhere."""
    import random

    from termsense.lexicon import _Sums

    rng = random.Random(5)
    pieces = ["retainer", "hearing", "latte", "till", "re-tainer", "hear'ing", "la", "-", "'", " ", "  ", "\n\n", ".", "RETAINER",
              "Latte", "x", "tills", "’s", "é", "ß", "Σ"]
    lexicon = Lexicon("client", {"retainer": 2.0, "hearing": 1.0, "latte": -2.0, "till": -1.0, "tainer": 0.5, "ing": 0.25,
                                 "re-tainer": 3.0, "hear'ing": -0.5, "tills": 0.75})
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 60)))
        sums = _Sums.of(lexicon, text)
        assert sums is not None
        for _ in range(10):
            low = rng.randint(0, len(text))
            high = rng.randint(low, len(text))
            assert sums.lean(lexicon, low, high) == pytest.approx(lexicon.lean(text[low:high])), (text, low, high)


def test_text_that_lowers_to_more_letters_is_read_directly() -> None:
    from termsense.lexicon import _Sums

    assert _Sums.of(LEXICON, "İstanbul retainer") is None
