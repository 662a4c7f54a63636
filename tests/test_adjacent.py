"""Neighbouring-word lists are looked up, not compiled: the lookup must mean what the list's
pattern always meant (a listed word on a word boundary, a space run or one hyphen, the term)."""

from __future__ import annotations

import random

import regex

from termsense.packs.adjacent import Adjacent, Around, Beside, Side
from termsense.packs.forms import word_pattern

BEFORE = ["http", "web-based", "language server", "the api's", "server/", "tax advis*", "mock"]
AFTER = ["side", "library", "support for", "cert-based", "bundl*", "id"]
TERM = "client"


def pattern_before(words: list[str]) -> regex.Pattern[str]:
    """What `before` lists compiled to before they were looked up."""
    alternatives = "|".join(word_pattern(w) for w in sorted(words, key=len, reverse=True))
    return regex.compile(rf"(?<=(?<![\w])(?:{alternatives})(?:\s+|-)){TERM}", regex.IGNORECASE)


def pattern_after(words: list[str]) -> regex.Pattern[str]:
    alternatives = "|".join(word_pattern(w) for w in sorted(words, key=len, reverse=True))
    return regex.compile(rf"{TERM}(?=(?:\s+|-)(?:{alternatives})(?![\w]))", regex.IGNORECASE)


def beside(text: str, at: int, *lists: Adjacent) -> Beside:
    side = Side(max(a.longest for a in lists))  # every phrase within reach, none skipped by its run
    return Beside(text, at, at + len(TERM), side, side)


def looked_up_before(text: str) -> bool:
    adjacent = Adjacent.of(BEFORE)
    assert adjacent is not None
    return adjacent.holds(beside(text, text.index(TERM), adjacent).before)


def looked_up_after(text: str) -> bool:
    adjacent = Adjacent.of(AFTER)
    assert adjacent is not None
    return adjacent.holds(beside(text, text.index(TERM), adjacent).after)


def test_a_listed_word_then_a_space_or_one_hyphen_sets_the_term_aside() -> None:
    assert looked_up_before("The HTTP client retries.")
    assert looked_up_before("An http-client retries.")
    assert looked_up_before("A Web-Based client") and looked_up_before("a web based client")
    assert looked_up_before("a language\n  server client")  # any run of spaces inside a word
    assert looked_up_before("http client")  # at the very start of the text


def test_a_word_boundary_is_needed_before_the_listed_word() -> None:
    assert not looked_up_before("The XHTTP client")
    assert not looked_up_before("The http- client")  # a hyphen and a space is neither separator
    assert not looked_up_before("The httpclient")


def test_a_wildcard_takes_up_to_eight_word_characters() -> None:
    assert looked_up_before("our tax advisory client")
    assert looked_up_before("our tax advisabcdefgh client")  # 8 more
    assert not looked_up_before("our tax advisabcdefghi client")  # 9 more


def test_words_after_the_term() -> None:
    assert looked_up_after("the client-side cache")
    assert looked_up_after("the client   library")
    assert looked_up_after("client support for TLS")
    assert looked_up_after("the client bundles")
    assert looked_up_after("the client id")  # at the very end of the text
    assert not looked_up_after("the client identity")
    assert not looked_up_after("the client's side")


def test_curly_and_straight_apostrophes_are_different_characters_as_in_the_pattern() -> None:
    assert looked_up_before("call the api's client")
    assert not looked_up_before("call the api\u2019s client")


def test_the_lookup_agrees_with_the_pattern_it_replaces_on_generated_text() -> None:
    rng = random.Random(5)
    pieces = ["http", "HTTP", "web", "based", "-", " ", "  ", "\n", "x", "the", "api's", "server/", "language",
              "tax", "advis", "ory", "side", "library", "support", "for", "cert", "bundl", "es", "id", ".", "_"]
    before, after = pattern_before(BEFORE), pattern_after(AFTER)
    disagreements = []
    for _ in range(4000):
        left = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        right = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        text = left + TERM + right
        at = len(left)
        adjacent_before, adjacent_after = Adjacent.of(BEFORE), Adjacent.of(AFTER)
        assert adjacent_before is not None and adjacent_after is not None
        expected = (before.match(text, at) is not None, after.match(text, at) is not None)
        around = beside(text, at, adjacent_before, adjacent_after)
        got = (adjacent_before.holds(around.before), adjacent_after.holds(around.after))
        if expected != got:
            disagreements.append((text, expected, got))
    assert disagreements == []


def test_only_the_characters_beside_the_term_are_read_in_a_long_text() -> None:
    adjacent = Adjacent.of(["http"])
    assert adjacent is not None
    for text, expected in (("a" * 5000 + "http client", False), ("a " * 5000 + "http client", True), ("http client " * 3000, True)):
        assert adjacent.holds(beside(text, text.rindex("client"), adjacent).before) is expected


def test_the_short_window_reads_the_same_phrases_as_the_full_window() -> None:
    """`Beside` reads the characters nearest the term first; on generated text (separator runs,
    hyphens, a capital sigma, a letter whose lower case is longer) it must give what the full
    window gives."""
    from termsense.packs import adjacent

    rng = random.Random(11)
    pieces = ["http", "Web", "based", "-", "--", " ", "   ", "\n\t ", "x", "the", "api's", "server/", "ΣΟΦΊΑ", "ΟΣ", "Σ", "ς",
              "İstanbul", "tax", "advisory", "a", "_", ".", "language", "library", "support", "for", "id"]
    checked = 0
    for _ in range(3000):
        left = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        right = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        text = left + TERM + right
        start, end = len(left), len(left) + len(TERM)
        reach = rng.choice([4, 9, 23])
        window = 4 * reach + 16
        low, high = max(0, start - window), min(len(text), end + window)
        side = Side(reach)
        full_before = adjacent._endings(text[low:start].lower(), side, edge=low == 0, sure=True)
        full_after = adjacent._beginnings(text[end:high].lower(), side, edge=high == len(text), sure=True)
        around = Beside(text, start, end, side, side)
        assert (around.before, around.after) == (full_before, full_after), text
        checked += start - reach - adjacent._SLACK > low or end + reach + adjacent._SLACK < high
    assert checked > 1000  # the short window was tried, not only the full one


def test_a_side_whose_run_beside_the_term_no_listed_word_has_is_not_read_and_the_lookup_agrees() -> None:
    """With lists without wildcards, `Side.of` knows the runs of word characters next to the
    term of every listed word and skips the other sides; on generated text (word runs longer
    than the short window, separator runs that fill it, punctuation) the lists must hold what
    their patterns match, and the skip must have happened."""
    words_before = [w for w in BEFORE if not w.endswith("*")] + ["re-run", "a.b"]
    words_after = [w for w in AFTER if not w.endswith("*")] + ["x.y", ".z"]
    before_list, after_list = Adjacent.of(words_before), Adjacent.of(words_after)
    assert before_list is not None and after_list is not None
    sides = Side.of([before_list], after=False), Side.of([after_list], after=True)
    assert sides[0] is not None and sides[0].runs == {"http", "based", "server", "s", "", "mock", "run", "b"}
    assert sides[1] is not None and sides[1].runs == {"side", "library", "support", "cert", "id", "x", ""}
    before, after = pattern_before(words_before), pattern_after(words_after)
    rng = random.Random(23)
    pieces = ["http", "HTTP", "web", "based", "-", " ", "   ", "\n", "x", "y", "z", ".", "the", "api's", "server/",
              "language", "side", "library", "support", "for", "cert", "id", "re", "run", "a", "b", "mock", "_",
              "abcdefghijklmnopqrstuvwxyz0123456789", " " * 20, "-" + " " * 21,  # runs of separators past the short window
              "\u03a3IDE", "\u212aID", "\u00a0", "SIDE", "caf\u00e9"]  # letters whose lower case depends on neighbours or is ASCII
    disagreements, skipped = [], 0
    for _ in range(4000):
        left = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        right = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        text = left + TERM + right
        at = len(left)
        around = Beside(text, at, at + len(TERM), *sides)
        every = beside(text, at, before_list, after_list)
        expected = (before.match(text, at) is not None, after.match(text, at) is not None)
        got = (before_list.holds(around.before), after_list.holds(around.after))
        if expected != got:
            disagreements.append((text, expected, got))
        skipped += (not around.before and bool(every.before)) + (not around.after and bool(every.after))
    assert disagreements == []
    assert skipped > 300


def test_the_phrases_kept_by_the_text_around_a_use_are_those_read_beside_it() -> None:
    """`Around` keeps what it read by the short windows around a use: on generated text with
    recurring phrases, separator runs longer than the windows and uses at the text's edges,
    every use must read what `Beside` reads there, and the recurring ones come from the memo."""
    before_list, after_list = Adjacent.of(BEFORE), Adjacent.of(AFTER)
    plain = Adjacent.of([w for w in BEFORE if not w.endswith("*")])
    assert before_list is not None and after_list is not None and plain is not None
    rng = random.Random(31)
    pieces = ["http", "HTTP", "web", "based", "-", " ", "  ", "   ", "\n", " " * 30, "x", "the", "api's", "server/", "tax",
              "advis", "side", "library", "support", "for", "id", ".", "\u03a3", "\u0130"]
    lefts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(40)]
    rights = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(40)]
    for sides in ((Side.of([before_list], after=False), Side.of([after_list], after=True)),
                  (Side.of([plain], after=False), None), (None, Side(9))):
        around = Around(*sides)
        read = 0
        for _ in range(3000):
            left, right = rng.choice(lefts), rng.choice(rights)
            head = rng.choice(["", "a", "x " * 20]) + left
            text = head + TERM + right + rng.choice(["", "b", " y" * 20])
            at = len(head)
            got = around.read(text, at, at + len(TERM))
            beside = Beside(text, at, at + len(TERM), *sides)
            assert got == (beside.before, beside.after), text
            read += 1
        assert 0 < len(around._read) < read / 3  # kept, and read again from the memo
