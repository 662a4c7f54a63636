"""Compiling a pack's patterns: sense patterns on `regex` (user patterns run with a timeout),
and every cue word in one table (`cuetable`). Done once per pack, on first use."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..errors import PackError
from .adjacent import Adjacent
from .forms import Form, Term, forms_of, forms_pattern, normal_words, term_group
from .patterns import Patterns, compile_pattern

if TYPE_CHECKING:
    import regex

    from .cuetable import CueTable, Located
    from .guard import Guard

PATTERN_TIMEOUT = 1.0  # seconds one pack pattern may run on one block


class Deferred:
    """One sense pattern, compiled with the rest of its pack's on first use (a file with no
    term never pays for them, and the compiled code is cached on disk: patterns.py)."""

    __slots__ = ("_patterns", "_index", "_source", "_common", "_words")

    def __init__(self, patterns: Patterns, index: int, source: str = "", common: tuple[str, ...] = ()) -> None:
        self._patterns, self._index = patterns, index
        self._source, self._common = source, common
        self._words: frozenset[str] | None | bool = False  # not read yet

    def words(self) -> frozenset[str] | None:
        """Words (case-folded) one of which every match holds, read from the pattern on first
        use (`needs.required_words`); None: nothing is known, search everywhere."""
        if self._words is False:
            from .needs import required_words

            self._words = required_words(self._source, self._common) if self._source else None
        assert not isinstance(self._words, bool)
        return self._words

    @property
    def key(self) -> int:
        """Equal for equal patterns of one pack: what is searched once need not be searched again."""
        return self._index

    def get(self) -> regex.Pattern[str]:
        return self._patterns.get(self._index)


class Guarded:
    """The guard of one term's alternation (`guard.Guard`), read from its patterns on first use."""

    __slots__ = ("_senses", "_term", "_terms", "_guard")

    def __init__(self, senses: list[dict[str, Any]], term: str, terms: dict[str, Term]) -> None:
        self._senses, self._term, self._terms = senses, term, terms
        self._guard: Guard | None = None

    def get(self) -> Guard:
        if self._guard is None:
            from .guard import Guard  # here: a run meeting no term never reads a pattern

            self._guard = Guard.of(anchored_sides(self._senses, self._term, self._terms))
        return self._guard


class Anchored:
    """A sense's `{term}` patterns. They are tried at an occurrence inside one alternation of
    every sense of its term, in pack order (`together`): one match answers for all of them, and
    the group that took part (`group`) says which sense it was; `guard` says cheaply where none
    can match. `source` alone names the sense when the alternation runs away. (The records of
    this module are plain classes compared by identity, made once per pack: see `pack.Context`.)"""

    __slots__ = ("together", "group", "source", "guard")

    def __init__(self, together: Deferred, group: str, source: str, guard: Guarded) -> None:
        self.together = together
        self.group = group
        self.source = source
        self.guard = guard


class Sense:
    """A sense of one term. `before`/`after` are its lists of neighbouring words, looked up
    beside each occurrence; `anchored` holds its `{term}` patterns, split into a look-behind
    and a look-ahead and tried at each occurrence; `free` (patterns without `{term}`, such as
    product names) is searched around occurrences and covers those inside its matches."""

    __slots__ = ("name", "kind", "term", "before", "after", "anchored", "free")

    def __init__(
        self, name: str, kind: str, term: str, before: Adjacent | None, after: Adjacent | None,
        anchored: Anchored | None, free: Deferred | None,
    ) -> None:
        self.name = name
        self.kind = kind
        self.term = term
        self.before = before
        self.after = after
        self.anchored = anchored
        self.free = free

    def patterns(self) -> list[Deferred]:
        return ([self.anchored.together] if self.anchored else []) + ([self.free] if self.free else [])


class CueGroup:
    __slots__ = ("cls", "label", "weight")

    def __init__(self, cls: str, label: str, weight: float) -> None:
        self.cls = cls
        self.label = label
        self.weight = weight


class Cues:
    """Every cue word and mask in one table (`cuetable`), and which group a match belongs to."""

    __slots__ = ("table", "exact", "prefixes", "resolved", "descriptions")

    def __init__(
        self, table: CueTable, exact: dict[str, tuple[str, CueGroup]], prefixes: dict[str, tuple[str, CueGroup]],
        descriptions: Descriptions | None = None,
    ) -> None:
        self.table = table
        self.descriptions = descriptions  # spans that say who a party is: no cue there counts
        self.exact = exact
        self.prefixes = prefixes  # wildcard words by their fixed part
        self.resolved: dict[str, tuple[str, CueGroup] | None] = {}  # memo

    def distinct(self, lowered: str) -> set[str]:
        """The distinct texts of cue matches in lower-cased text."""
        return self.table.distinct(lowered)

    def spans(self, lowered: str) -> list[tuple[int, int]]:
        """Where cues match in lower-cased text, in order."""
        return self.table.spans(lowered)

    def located(self, lowered: str) -> Located:
        """The distinct texts of cue matches in lower-cased text, and where the one pattern
        scans it, where every match stands (`CueTable.located`)."""
        return self.table.located(lowered)

    def is_cue(self, matched: str) -> bool:
        """Whether a match `located` found is a cue rather than a mask."""
        return self.table.is_cue(matched)

    def resolve(self, matched: str) -> tuple[str, CueGroup] | None:
        """The cue word as the pack wrote it, and its group, for a matched text."""
        try:
            return self.resolved[matched]
        except KeyError:
            pass
        key = normal_words(matched)
        found = self.exact.get(key)
        for end in range(len(key), 0, -1):
            if found is not None:
                break
            found = self.prefixes.get(key[:end])
        self.resolved[matched] = found
        return found


class Descriptions:
    """The context's descriptions of who a party is ("we advise supermarkets"): one pattern,
    compiled with the sense patterns, and the party nouns one of which every match holds (a
    page holding none is not searched)."""

    __slots__ = ("pattern", "nouns")

    def __init__(self, pattern: Deferred, nouns: tuple[str, ...]) -> None:
        self.pattern = pattern
        self.nouns = nouns  # lower case


def compile_descriptions(
    patterns: list[str], nouns: list[str], store: Patterns, fail: Callable[..., PackError]
) -> Descriptions | None:
    """`patterns` with `{parties}` standing for an alternation of the party nouns."""
    if not patterns:
        return None
    parties = "(?:" + "|".join(sorted((_escaped_words(n) for n in nouns), key=len, reverse=True)) + ")" if nouns else "(?!)"
    sources = [p.replace("{parties}", parties) for p in patterns]

    def error() -> PackError:
        import regex

        for source in sources:
            try:
                compile_pattern(source)
            except regex.error as problem:
                return fail("context", "descriptions", f"bad pattern in 'context.descriptions': {problem}")
        return fail("context", "descriptions", "bad patterns in 'context.descriptions': they do not combine")

    source = _alternation(sources)
    return Descriptions(Deferred(store, store.add(source, error)), tuple(n.lower() for n in nouns))


def _escaped_words(noun: str) -> str:
    """A party noun as a pattern: its words apart by any white space."""
    return r"\s+".join(map(re.escape, noun.split()))


def compile_senses(
    specs: list[dict[str, Any]], terms: dict[str, Term], fail: Callable[..., PackError], store: Patterns,
) -> tuple[Sense, ...]:
    """Sense patterns are written by pack authors, so they run on `regex`, which has timeouts;
    they compile when first needed (`Pack.compiled` compiles them at once, to validate a pack)."""
    rows = [(i, sense, term, *sense_patterns(sense, term, terms)) for i, sense in enumerate(specs) for term in sense["terms"]]

    def explain(parts: list[tuple[int, list[str]]]) -> Callable[[], PackError]:
        """The error for patterns of `parts` (spec index, patterns) that do not compile together:
        the first that does not compile alone, by file, key and line."""

        def error() -> PackError:
            import regex

            for i, patterns in parts:
                for pattern in patterns:
                    try:
                        compile_pattern(pattern)
                    except regex.error as problem:
                        return fail(f"senses[{i}]", "patterns", f"bad pattern in 'senses[{i}]' ({specs[i]['name']}): {problem}")
            i = parts[0][0]
            return fail(f"senses[{i}]", "patterns", f"bad patterns in 'senses[{i}]' ({specs[i]['name']}): they do not combine")

        return error

    together: dict[str, Deferred] = {}
    guards: dict[str, Guarded] = {}
    common = tuple(t.singular for t in terms.values())  # in every block a sense reads
    for term in terms:
        mine = [(k, row) for k, row in enumerate(rows) if row[2] == term and row[3]]
        if mine:
            source = "|".join(f"(?P<s{k}>{_alternation(row[3])})" for k, row in mine)
            together[term] = Deferred(store, store.add(source, explain([(row[0], row[3]) for _, row in mine])))
            guards[term] = Guarded([row[1] for _, row in mine], term, terms)
    return tuple(
        Sense(
            sense["name"], sense["kind"], term,
            Adjacent.of([w.rstrip("-") for w in sense["before"]]), Adjacent.of([w.lstrip("-") for w in sense["after"]]),
            Anchored(together[term], f"s{k}", _alternation(anchored), guards[term]) if anchored else None,
            Deferred(store, store.add(_alternation(free), explain([(i, free)])), _alternation(free), common) if free else None,
        )
        for k, (i, sense, term, anchored, free) in enumerate(rows)
    )


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


def compile_cues(specs: list[dict[str, Any]], masks: list[str], descriptions: Descriptions | None = None) -> Cues:
    """Every cue word and mask in one table, and the dicts that say which group matched. No
    pattern is compiled, so a longer word list costs a dict entry per word."""
    from .cuetable import CUE, MASK, CueTable  # here: a run meeting no term never needs it

    exact: dict[str, tuple[str, CueGroup]] = {}
    prefixes: dict[str, tuple[str, CueGroup]] = {}
    table = CueTable()
    for cue in specs:
        group = CueGroup(cue["class"], cue["label"], float(cue["weight"]))
        for word in cue["words"]:
            table.add(word, CUE)
            key = normal_words(word.rstrip("*"))
            (prefixes if word.endswith("*") else exact).setdefault(key, (word, group))
    for word in masks:
        table.add(word, MASK)
    return Cues(table, exact, prefixes, descriptions)


def sense_patterns(sense: dict[str, Any], term: str, terms: dict[str, Term]) -> tuple[list[str], list[str]]:
    """(anchored, free) patterns of one sense for one term. A pattern with `{term}` becomes
    `(?<=before)(?P<term>forms)(?=after)`, matched at the occurrence itself."""
    forms = forms_of(terms)
    own = term_group(forms, term)
    sides, free = _split(sense, term, terms, forms)
    anchored = [(f"(?<={before})" if before else "") + own + (f"(?={after})" if after else "") for before, after in sides]
    return anchored, free


def anchored_sides(senses: list[dict[str, Any]], term: str, terms: dict[str, Term]) -> list[tuple[str, str]]:
    """(before, after) of each `{term}` pattern of `senses` for one term, in order: its
    look-behind and look-ahead, "" where there is none."""
    forms = forms_of(terms)
    return [side for sense in senses for side in _split(sense, term, terms, forms)[0]]


def _split(
    sense: dict[str, Any], term: str, terms: dict[str, Term], forms: dict[str, Form]
) -> tuple[list[tuple[str, str]], list[str]]:
    """A sense's patterns for one term, `{other}` written out: those with `{term}` as the
    (before, after) around it, and the others."""
    others = "|".join(forms_pattern(forms, t) for t in terms if t != term)
    sides, free = [], []
    for pattern in (p.replace("{other}", f"(?:{others})") for p in sense["patterns"]):
        if "{term}" not in pattern:
            free.append(pattern)
            continue
        before, _, after = pattern.partition("{term}")
        sides.append((before, after))
    return sides, free
