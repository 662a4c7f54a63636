"""The guard of a term's `{term}` patterns only ever says "no" where the patterns cannot
match: held to the patterns themselves on generated text, for the built-in pack and for
patterns written to be awkward."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import regex

from termsense.packs import builtin_path, load_pack
from termsense.packs.guard import Block, Guard, holding_bit
from termsense.packs.needs import required_words
from termsense.packs.patterns import compile_pattern

FORMS = ["client", "Client", "CLIENT", "clients", "client's", "clients'", "client\u2019s", "customer", "Customers",
         "customer's", "customers\u2019", "client\u017f", "CUSTOMER\u017f"]  # \u017f: a long s, "s" ignoring case
GLUE = [" ", " ", " ", "  ", "\n", "\t ", "", ", ", ". ", "-", " - ", "/", " / ", "'", '"', "\u201c", "\u201d",
        "\u2018", "\u2019", "`", "*", "**", ": ", "(n) ", "(n.) ", " & ", "\n\n"]
WORDS = ["the", "a", "an", "our", "their", "its", "own", "each", "every", "new", "http", "server", "servers", "api",
         "backend", "and", "or", "vs", "vs.", "versus", "between", "from", "to", "sends", "retries", "caches",
         "create", "creates", "mock", "import", "configure", "called", "known", "as", "say", "word", "term",
         "means", "refers", "is", "says", "are", "of", "for", "at", "instead", "not", "use", "prefer", "define",
         "difference", "compare", "cf.", "see", "also", "always", "right", "king", "-to-server", "side", "files",
         "retainer", "checkout", "employee", "vendor", "loyal", "existing", "end", "people", "someone", "them",
         "\u212aing", "\u017fays", "Stra\u00dfe", "\u03a3\u039f\u03a6\u0399\u0391", "caf\u00e9", "\u00bd"]  # Kelvin sign, long s, ß, Greek


def generated(rng: random.Random, pieces: int) -> str:
    """Words, term forms and glue; four texts in five ASCII."""
    ascii_only = rng.random() < 0.8
    forms, glue = ([p for p in options if p.isascii()] if ascii_only else options for options in (FORMS, GLUE))
    out = []
    for _ in range(pieces):
        roll = rng.random()
        out.append(rng.choice(forms) if roll < 0.2 else rng.choice(glue) if roll < 0.55 else rng.choice(WORDS))
    return "".join(out)


def disagreements(
    guard: Guard, pattern: regex.Pattern[str], probe: regex.Pattern[str], texts: list[str]
) -> tuple[list[str], int, int]:
    """Texts where the guard said no but the pattern matched at an occurrence; how many
    occurrences the guard turned away, and at how many the pattern matched."""
    wrong, refused, matched = [], 0, 0
    for text in texts:
        block = Block(text)
        for found in probe.finditer(text):
            matches = pattern.match(text, found.start()) is not None
            matched += matches
            if not guard.may_match(block, found.start(), found.end()):
                refused += 1
                if matches:
                    wrong.append(f"{text!r} at {found.start()}")
    return wrong, refused, matched


@pytest.mark.parametrize("term", ["client", "customer"])
def test_the_builtin_guard_never_turns_away_a_match(term: str) -> None:
    pack = load_pack(str(builtin_path()))
    sense = next(s for s in pack.senses if s.term == term and s.anchored is not None)
    assert sense.anchored is not None
    guard, pattern = sense.anchored.guard.get(), sense.anchored.together.get()
    probe = regex.compile(rf"(?<!\w){term}s?(?:['\u2019]s?)?(?!\w)", regex.IGNORECASE)
    rng = random.Random(3)
    texts = [generated(rng, rng.randint(2, 14)) for _ in range(6000)]
    wrong, refused, matched = disagreements(guard, pattern, probe, texts)
    assert wrong == []
    assert refused > 400 and matched > 50  # both sides of the question were asked often


# Written to be awkward: optional words at the edge, white space in all its forms, classes,
# repeats of groups, look-arounds inside, a case-sensitive part, words only in the middle.
AWKWARD = [
    (r"(?:the|a)\s+", ""),
    (r"(?:new\s+)?(?:[\w-]+\s+)?(?:mock|stub)s?\s+(?:an?\s+)?", ""),
    ("", r"\s*(?:,\s*)?(?:and|or)\s+(?:the\s+)?server"),
    (r"(?<![\w'])['\"]", r"['\"](?!\w)"),
    (r"(?:\b[\w-]+,\s+){2,}(?:or\s+|and\s+)?", r"\b"),
    ("", r",\s+(?:[\w-]+,\s+){0,3}(?:and|or)\s+\w+"),
    (r"(?-i:Head of) ", ""),
    (r"^\W*(?:an? |the )?", r"s?\s*(?:[:;]|\(n\.?\))"),
    ("", r"-to-(?:server|peer)"),
    (r"\bnot\s+", r"[^.\n]{0,20}\b(?:ever|again)\b"),
    (r"(?:x|y){1,3}z\s*", ""),
    (r"\b(?:from|to)\s*(?:the|our)\s+", ""),  # the words before the word next to the term, white space optional
    (r"customer['\u2019]s\s+(?:own\s+)?(?:business|store)\b[^\n]{0,40}?\b", ""),  # two words far apart
    (r"[A-Z][a-z]+ ", r"\s+(?=is\b)is"),
    ("", r"\s+\u017fays\b"),  # a long s: "says" ignoring case
]


@pytest.mark.parametrize("before, after", AWKWARD)
def test_a_guard_never_turns_away_a_match_of_awkward_patterns(before: str, after: str) -> None:
    guard = Guard.of([(before, after)])
    source = (f"(?<={before})" if before else "") + r"(?P<term>(?<!\w)(?:client['\u2019]s|clients['\u2019]|clients|client)(?!\w))" + (
        f"(?={after})" if after else ""
    )
    pattern = compile_pattern(source)
    probe = regex.compile(r"(?<!\w)clients?(?:['\u2019]s?)?(?!\w)", regex.IGNORECASE)
    rng = random.Random(len(before) * 31 + len(after))
    texts = [generated(rng, rng.randint(2, 12)) for _ in range(3000)]
    wrong, _, _ = disagreements(guard, pattern, probe, texts)
    assert wrong == []


# Words far from the term that begin, end or hold one another, in several sets and on both sides.
OVERLAPPING = [
    (r"\b(?:sends|resend)\b[^.]{0,30}", ""),
    (r"\b(?:send|end)s?\b[^.]{0,30}", r"[^.]{0,30}\b(?:the|them|then)\b"),
    (r"(?:vs\.?|versus)[^.]{0,20}(?:a|an)\s+", r"[^.]{0,20}(?:the|he)\b"),
    (r"\bserver\b[^.]{0,20}\bserve\b[^.]{0,20}", r"[^.]{0,20}-to-server"),
]


@pytest.mark.parametrize("term", ["client", "customer"])
def test_what_a_block_holds_is_read_as_finding_each_word_would(term: str) -> None:
    """An alternative is asked where its words stand only when the block holds a word of each
    of its sets: the block's one pass over its pieces says so exactly as looking for every
    word would, words holding or beginning with others included."""
    pack = load_pack(str(builtin_path()))
    sense = next(s for s in pack.senses if s.term == term and s.anchored is not None)
    assert sense.anchored is not None
    guards = [sense.anchored.guard.get(), Guard.of(OVERLAPPING)]
    rng = random.Random(5)
    told = 0
    for _ in range(3000):
        text = generated(rng, rng.randint(2, 14))
        block = Block(text)
        if block.folded is None:
            continue
        for guard in guards:
            for needs, tests in zip(guard.needs, guard.anywhere, strict=True):
                held = all(any(word in block.folded for word in words.words) for words in tests)
                assert (needs & ~block.holds() == 0) == held, text
                told += held and bool(tests)
    assert told > 1000


@pytest.mark.parametrize("term", ["client", "customer"])
def test_what_is_kept_by_the_text_around_a_use_is_what_its_tests_read_there(term: str) -> None:
    """The tests of the text next to a use are kept by the text around it (or, near the
    block's start, by the text from there and where the use starts): on long generated blocks
    whose phrases recur, at every place a term stands, the kept answer must be the one the
    tests give there, and most answers must have come from the memo."""
    pack = load_pack(str(builtin_path()))
    sense = next(s for s in pack.senses if s.term == term and s.anchored is not None)
    assert sense.anchored is not None
    guards = [sense.anchored.guard.get(), Guard.of(AWKWARD), Guard.of(OVERLAPPING)]
    rng = random.Random(13)
    lefts = ["", "the", *(generated(rng, rng.randint(15, 25)) for _ in range(3))]  # uses at the start of a block too
    rights = [generated(rng, rng.randint(1, 9)) for _ in range(3)]
    probe = regex.compile(rf"(?<!\w){term}s?(?:['\u2019]s?)?(?!\w)", regex.IGNORECASE)
    asked = 0
    for _ in range(1500):
        folded = "".join(
            f"{rng.choice(lefts)} {rng.choice(FORMS)}{rng.choice(rights)}" for _ in range(rng.randint(1, 20))
        ).casefold()
        for found in probe.finditer(folded):
            for guard in guards:
                assert guard._near(folded, found.start(), found.end()) == guard._tested(folded, found.start(), found.end())
            asked += 1
    assert all(0 < len(guard._near_masks) < asked / 2 for guard in guards)


def test_syntax_that_means_something_else_in_regex_is_read_as_anything() -> None:
    """POSIX classes and fuzzy matching are `regex` syntax that Python's parser reads as
    literals: such a pattern tests nothing."""
    assert Guard.of([("[[:alpha:]]+ ", "")]).runs
    assert Guard.of([("(?:mock){e<=1} ", "")]).runs
    assert not Guard.of([("mock ", "")]).runs


def test_the_guard_turns_away_plain_prose_and_lets_pattern_words_through() -> None:
    pack = load_pack(str(builtin_path()))
    sense = next(s for s in pack.senses if s.term == "client" and s.anchored is not None)
    assert sense.anchored is not None
    guard = sense.anchored.guard.get()

    def may(text: str) -> bool:
        at = text.index("client")
        return guard.may_match(Block(text), at, at + len("client"))

    assert not may("Our attorneys review each client file before the hearing.")
    assert may("The HTTP client retries the request.")
    assert may('Avoid the word "client" here.')
    assert not may("Our attorneys review each client\u2019s file.")  # folded text, curly apostrophe
    assert may("Die Stra\u00dfe des client.")  # \u00df folds to two letters: the patterns always run


def test_every_word_a_pattern_requires_is_asked_for_not_only_the_rarest() -> None:
    """Words far from the term are asked for together: a block holding the possessive but no
    business word turns the occurrence away, one holding both lets it through."""
    guard = Guard.of([(r"customer['\u2019]s\s+(?:own\s+)?(?:business|store)\b[^\n]{0,40}?\b", "")])

    def may(text: str) -> bool:
        at = text.index("client")
        return guard.may_match(Block(text), at, at + len("client"))

    assert not may("The customer's order reached the client today.")
    assert not may("The business sent the client an invoice.")
    assert may("The customer's business sent the client an invoice.")


def test_the_text_before_the_term_is_held_to_all_a_pattern_ends_with_not_only_its_last_word() -> None:
    """"the" next to the term lets the alternative through the word test; the strings the
    pattern ends with ("of the ", "for the ") turn away a "the" after any other word, with
    white space compared as runs."""
    guard = Guard.of([(r"customers?\s+(?:of|for)\s+the\s+", "")])
    pattern = compile_pattern(r"(?<=customers?\s+(?:of|for)\s+the\s+)client")

    def may(text: str) -> bool:
        at = text.index("client")
        assert guard.may_match(Block(text), at, at + len("client")) or pattern.search(text) is None
        return guard.may_match(Block(text), at, at + len("client"))

    assert not may("The customer paid. Later the client called.")
    assert not may("The customer paid for a client.")
    assert may("The customers of the client called.")
    assert may("The Customer for\n\t the   client called.")
    assert may("The customers of" + " " * 200 + "the client called.")  # a run longer than what is read


def test_a_pattern_with_nothing_to_test_always_runs() -> None:
    guard = Guard.of([("", r"\s+\w+")])
    assert guard.runs and guard.may_match(Block("the client files"), 4, 10)
    compile_pattern("(?<=x)client")  # the helpers compile what the pack compiles


def test_letters_are_compared_as_the_patterns_compare_them_ignoring_case() -> None:
    """The long s and the Kelvin sign match "s" and "k" ignoring case; the guard folds both
    the text and the pattern's words, so it lets those through."""
    says = Guard.of([("", r"\s+\u017fays\b")])
    king = Guard.of([(r"\u212aing\s+", "")])
    assert says.may_match(Block("the client says"), 4, 10) and says.may_match(Block("the client \u017fays"), 4, 10)
    assert not says.may_match(Block("the client sees"), 4, 10)
    assert king.may_match(Block("the king client"), 9, 15) and king.may_match(Block("the KING client"), 9, 15)
    assert compile_pattern(r"client(?=\s+\u017fays\b)").match("the client says", 4) is not None


FREE = [
    r"(?:customer\.io)|(?:Customer 360)|(?:(?-i:Client [A-Z][a-z]+ (?:API|SDK)))|(?:client-go)|(?:Customer Zero)",
    r"customer-(?:centric|first)",
    r"(?:Chief|Head of) (?:Customer|Client) [A-Z][a-z]+",
    r"\bclients?\s+(?:[\w-]+\s+){0,2}(?:portal|desk)\b",
    r"(?:[\w-]+, ){2,}(?:and|or) \w+",
    r"(?:client|customer)s?['’]s?\s+(?:own\s+)?(?:business|store)\b\K[^\n]{1,30}",  # regex's \K: a match starts later
]


@pytest.mark.parametrize("source", FREE)
def test_a_block_without_the_words_of_a_free_pattern_holds_no_match(source: str) -> None:
    """Free patterns (product names) are searched only in blocks holding one of the words
    every match holds: the words never miss a match."""
    words = required_words(source, ["client", "customer"])
    assert words is not None
    pattern = compile_pattern(source)
    bit = holding_bit(words)  # what a block holds, as the senses ask it
    rng = random.Random(len(source))
    pieces = WORDS + ["io", "360", "zero", "Zero", "Sdk", "API", "go", "Chief", "Head", "of", "Customer", "Client",
                      "Earth", "Data", "centric", "first", "portal", "desk", "customer.io", ".", "-"] + [
        # whole matches and near misses, so both answers are asked often
        "Customer 360", "Client Foo API", "Client foo API", "client-go", "CUSTOMER ZERO", "customer-centric",
        "customer-first", "Chief Customer Officer", "Head of Client Services", "head of client services",
        "clients portal", "client self-service portal", "client the big portal", "a, b, and c", "x, y or z",
        "client's own store", "customers' business", "clients store",
    ]
    matched = 0
    for _ in range(4000):
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", " ", ", ", "-"]) for _ in range(rng.randint(2, 10)))
        found = pattern.search(text) is not None
        matched += found
        assert not found or any(word in text.casefold() for word in words), text
        block = Block(text)
        if block.folded is not None:  # else the senses search the case-folded text
            assert bool(block.holds() & bit) == any(word in text.casefold() for word in words), text
    assert matched > 20


def test_a_block_read_before_a_new_word_set_is_known_holds_its_words_too() -> None:
    block = Block("the zyxwvut client")
    before = block.holds()
    bit = holding_bit(frozenset({"zyxwvut"}))  # a guard or free pattern read after the block was
    assert block.holds() == before | bit


def test_the_words_of_a_free_pattern_avoid_the_packs_own_terms() -> None:
    words = required_words(r"(?:Customer Data Platform)|(?:Client Earth)", ["client", "customer"])
    assert words == frozenset({"platform", "earth"})


def test_a_reading_of_patterns_is_kept_in_the_cache_and_made_again_when_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from termsense.cache import CACHE_ENV
    from termsense.packs import needs

    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    sides = [(r"(?:mock|stub)\s+", ""), ("", r"\s+sends")]
    first = Guard.of(sides)
    (entry,) = (tmp_path / "cache").glob("guard-*")

    def refuse(before: str, after: str) -> None:
        raise AssertionError("read again although cached")

    monkeypatch.setattr(needs, "_alternative", refuse)
    assert Guard.of(sides) == first
    entry.write_bytes(b"not marshal data")
    monkeypatch.undo()
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    assert Guard.of(sides) == first and entry.read_bytes() != b"not marshal data"
