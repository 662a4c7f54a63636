"""The WordNet vocabulary generator (benchmarks/vocabulary.py) on a tiny WordNet of our own:
which words survive each filter, the provenance each keeps, and the pack section it writes,
which loads, shows "(WordNet)" in messages and lists every word's source in the rule docs."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from termsense import lint_text
from termsense.config import Settings
from termsense.errors import PackError
from termsense.explain import pack_docs
from termsense.packs import load_pack
from test_packs import MINIMAL  # the smallest valid pack

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("vocabulary", ROOT / "benchmarks" / "vocabulary.py")
assert spec and spec.loader
vocabulary = importlib.util.module_from_spec(spec)
sys.modules["vocabulary"] = vocabulary
spec.loader.exec_module(vocabulary)

# data.noun: offset, lexicographer file, n, word count (hex), word/lex-id pairs, pointer count,
# pointers (symbol, offset, pos, source/target), gloss. Hypernym "@", hyponym "~", instance "~i".
DATA = """\
  1 This is a made-up WordNet for tests.
00000001 18 n 01 professional 0 005 ~ 00000002 n 0000 ~ 00000003 n 0000 ~ 00000004 n 0000 ~ 00000005 n 0000 ~ 00000007 n 0000 | a person in a profession
00000002 18 n 01 architect 0 002 @ 00000001 n 0000 ~i 00000015 n 0000 | designs buildings
00000003 18 n 01 Counsel_Royal 0 001 @ 00000001 n 0000 | a title
00000004 18 n 02 leech 0 pettifogger 0 001 @ 00000001 n 0000 | a lawyer of poor standing
00000005 18 n 01 physician 0 001 @ 00000001 n 0000 | a doctor
00000007 18 n 01 doctor 0 002 @ 00000001 n 0000 ~ 00000008 n 0000 | a licensed medical practitioner
00000008 18 n 01 surgeon 0 001 @ 00000007 n 0000 | operates
00000009 05 n 01 leech 0 000 | a worm
00000010 06 n 01 shop 0 004 ~ 00000011 n 0000 ~ 00000013 n 0000 ~ 00000014 n 0000 ~ 00000016 n 0000 | sells goods
00000011 06 n 01 cleaners 0 001 @ 00000010 n 0000 | a shop that cleans clothes
00000012 18 n 01 cleaner 0 000 | a person who cleans
00000013 06 n 01 bakery 0 001 @ 00000010 n 0000 | sells bread
00000014 18 n 01 vendor 0 001 @ 00000010 n 0000 | sells
00000015 18 n 01 Wright 0 000 | an instance: a name
00000016 06 n 01 fishmonger 0 001 @ 00000010 n 0000 | sells fish
"""
INDEX = """\
  1 index
architect n 1 2 @ ~ 1 0 00000002
bakery n 1 1 @ 1 0 00000013
cleaner n 1 0 1 0 00000012
cleaners n 1 1 @ 1 0 00000011
counsel_royal n 1 1 @ 1 0 00000003
doctor n 1 2 @ ~ 1 0 00000007
fishmonger n 1 1 @ 1 0 00000016
leech n 2 1 @ 2 0 00000009 00000004
pettifogger n 1 1 @ 1 0 00000004
physician n 1 1 @ 1 0 00000005
professional n 1 1 ~ 1 0 00000001
shop n 1 1 ~ 1 0 00000010
surgeon n 1 1 @ 1 0 00000008
vendor n 1 1 @ 1 0 00000014
wright n 1 0 1 0 00000015
"""
ROOTS = {"client": ("professional.n.01",), "customer": ("shop.n.01",)}
ZIPF = {"pettifogger": 0.5, "fishmonger": 2.0}


@pytest.fixture
def wordnet(tmp_path: Path):
    (tmp_path / "data.noun").write_text(DATA, encoding="latin-1")
    (tmp_path / "index.noun").write_text(INDEX, encoding="latin-1")
    (tmp_path / "noun.exc").write_text("", encoding="latin-1")
    return vocabulary.WordNet(tmp_path)


def fates(items) -> dict[str, str | None]:
    return {c.word: c.reason for c in items}


def test_candidates_keep_the_path_to_their_root_and_refuse_names_and_other_senses(wordnet) -> None:
    items = {c.word: c for c in vocabulary.candidates(wordnet, ROOTS)}
    assert items["surgeon"].provenance == "WordNet 3.0: surgeon.n.01 < doctor.n.01 < professional.n.01"
    assert items["surgeon"].cls == "client" and items["surgeon"].forms == ("surgeon", "surgeons")
    assert items["architect"].provenance == "WordNet 3.0: architect.n.01 < professional.n.01"
    assert items["counsel royal"].reason == "a name (capitalised)"
    assert items["leech"].reason == "not its first sense"  # its first sense is the worm
    assert items["cleaners"].reason == "also the plural of 'cleaner'"
    assert "wright" not in items  # an instance (a name), never a hyponym
    assert items["pettifogger"].reason is None and items["vendor"].cls == "customer"


def test_frequency_and_the_pack_drop_rare_and_known_words(wordnet) -> None:
    items = vocabulary.candidates(wordnet, ROOTS)
    vocabulary.apply_frequency(items, lambda w: ZIPF.get(w, 4.0))
    vocabulary.apply_pack(items, lambda text: ("customer", "retail") if text == "bakery" else None)
    result = fates(items)
    assert result["pettifogger"] == "rare (Zipf 0.5 < 2.5)"
    assert result["fishmonger"] == "rare (Zipf 2.0 < 2.5)"
    assert result["bakery"] == "already a cue (retail)"
    assert result["surgeon"] is None


def test_real_text_vetoes_a_word_seen_more_with_the_other_term(wordnet) -> None:
    items = vocabulary.candidates(wordnet, ROOTS)
    paragraphs = [
        ("The surgeon meets each new patient.", frozenset({"client"})),
        ("A vendor at the market sells to walk-in buyers.", frozenset({"customer"})),
        ("We book the vendors our couples choose.", frozenset({"client"})),
        ("Vendors send quotes for every event.", frozenset({"client"})),
        ("An architect and a doctor.", frozenset()),
    ]
    base = vocabulary.count_cooccurrence(items, paragraphs)
    assert base == {"client": 3, "customer": 1}
    vocabulary.apply_cooccurrence(items, min_own=1, base=base, lift=1.0)
    by_word = {c.word: c for c in items}
    assert (by_word["vendor"].own, by_word["vendor"].against) == (1, 2)
    assert by_word["vendor"].reason == "real text: with the other term 2 times, its own 1"
    assert by_word["surgeon"].reason is None
    assert by_word["doctor"].seen == 1 and by_word["doctor"].reason == "real text: with its own term 0 times (< 1)"


def test_a_word_must_lean_to_its_term_more_than_the_average_paragraph(wordnet) -> None:
    items = vocabulary.candidates(wordnet, ROOTS)
    paragraphs = [("The vendor sells it.", frozenset({"customer"}))] * 3 + [("Clients.", frozenset({"client"}))]
    paragraphs += [("Customers.", frozenset({"customer"}))] * 20
    base = vocabulary.count_cooccurrence(items, paragraphs)
    vocabulary.apply_cooccurrence(items, min_own=1, base=base, lift=2.0)
    assert fates(items)["vendor"] == "real text: odds 7.00 below 2.0 x the usual 15.67"


def test_written_groups_load_show_wordnet_in_messages_and_provenance_in_docs(wordnet, tmp_path: Path) -> None:
    items = [c for c in vocabulary.candidates(wordnet, ROOTS) if c.word in ("surgeon", "vendor")]
    pack_text = MINI
    written = vocabulary.insert(pack_text, vocabulary.groups(items, {"client": 2.0, "customer": 2.0}))
    assert vocabulary.remove(written).rstrip() == pack_text.rstrip()
    path = tmp_path / "generated.toml"
    path.write_text(written, encoding="utf-8")
    pack = load_pack(str(path))
    docs = pack_docs(pack)
    assert "| surgeons | professions (WordNet) | WordNet 3.0: surgeon.n.01 < doctor.n.01 < professional.n.01 |" in docs
    assert "| vendor | shops and trade (WordNet) | WordNet 3.0: vendor.n.01 < shop.n.01 |" in docs
    findings = lint_text("Our surgeons operate on every customer we take on.", config=Settings(builtin=False, packs=(str(path),)))
    assert [f.message for f in findings] == ['"customer" where the context is professions (WordNet); use "client"']


def test_a_pack_without_generated_words_has_no_provenance_table() -> None:
    assert "Generated cue words" not in pack_docs(load_pack(str(ROOT / "rules" / "client-customer.toml")))


@pytest.mark.parametrize(
    ("provenance", "message"),
    [
        ('{ "surgeon" = "WordNet 3.0: surgeon.n.01" }', r"'cues\[0\].provenance' names 'surgeon', which is not one of its words"),
        ('["WordNet"]', r"'cues\[0\].provenance' must be a table of word = source"),
    ],
    ids=["not-a-word", "not-a-table"],
)
def test_provenance_must_name_the_groups_own_words(tmp_path: Path, provenance: str, message: str) -> None:
    path = tmp_path / "pack.toml"
    path.write_text(MINI + f'\n[[cues]]\nclass = "client"\nlabel = "x"\nwords = ["doctor"]\nprovenance = {provenance}\n')
    with pytest.raises(PackError, match=rf"pack.toml:\d+: {message}"):
        load_pack(str(path))


MINI = MINIMAL + """
[rules.CC001]
name = "customer-for-client"
kind = "mismatch"
found = "customer"
expected = "client"
summary = "customer where the context is a profession"
message = '"{matched}" where the context is {context}; use "{replacement}"'
"""
