"""Which cues of a block each occurrence sees, and at the nearest of which levels.

A cue in a sentence that speaks of another term's party ("foreign" to this occurrence) counts
for it at no level: the sentences of the block that hold another term, and, in the occurrence's
own sentence, the clauses of the other term's uses that do not hold this one, and, when that
sentence marks a contrast, everything in it outside the occurrence's own clause. Every other cue
counts once per key, at its nearest level: attached, same clause, or same block.

A block of a few cues is answered by the plain loop over its cues (the definition). A larger
one is indexed once (cue indices per key, labelled per term) and each occurrence is answered
with a few bisects per key plus a look at the cues within two clause widths of it, so a block
costs O((occurrences x keys + cues) log cues), never occurrences x cues x sentences.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections import defaultdict
from functools import lru_cache
from typing import Generic, NamedTuple, Protocol, TypeVar

ATTACHED, CLAUSE, BLOCK = range(3)
CLAUSE_WINDOW = 1000  # a "sentence" longer than this on either side is not one; cap the clause
_REACH = 2 * CLAUSE_WINDOW  # a clause holding an occurrence ends nearer than this to it
_WORD = re.compile(r"\w+")
_NONE = 1 << 62  # past every cue index
SMALL = 48  # a block with at most this many cues and uses is answered by the plain loop
_SHORT_GAP = 200  # words in a shorter gap are counted by a regex over it, longer ones by bisect


class Cue(Protocol):
    @property
    def key(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


C = TypeVar("C", bound=Cue)


class Use(NamedTuple):
    """A use of a term in the block that speaks of its party (one with a clause: not technical).
    A named tuple, not a frozen dataclass: one per use of a dense document, made in half the time."""

    start: int
    end: int
    term: str
    sentence: int  # index into the block's sentences
    clause: tuple[int, int]
    contrasted: bool = False  # its sentence marks a contrast: the rest of it is the other side


class _Labels:
    """Cue indices of one key, split by whether they are foreign to a term's use elsewhere:
    `far_*` seen from another sentence (their sentence holds another term), `own_*` seen from
    far inside their own sentence (they sit in another term's clause). Arrays of machine
    integers, not lists: a long block holds each of its 30,000 cues twice per term."""

    __slots__ = ("far_foreign", "far_clean", "own_foreign", "own_clean")

    def __init__(
        self, far_foreign: array[int], far_clean: array[int], own_foreign: array[int], own_clean: array[int],
    ) -> None:
        self.far_foreign = far_foreign
        self.far_clean = far_clean
        self.own_foreign = own_foreign
        self.own_clean = own_clean


class Block(Generic[C]):
    """The cues, sentences and uses of one block, answering `nearest` for each use: by a
    plain loop over every cue when the block is small (most are), by an index when it is not."""

    def __init__(
        self, text: str, cues: list[C], sentences: list[tuple[int, int]], uses: list[Use], attach_words: int,
        described: frozenset[str] = frozenset(),
    ) -> None:
        self._text = text
        self.described = described  # keys of cues left out where the block says who a party is
        self._cues = cues  # in text order, starts strictly increasing (one regex scan)
        self._sentences = sentences
        self._uses = uses
        self._attach_words = attach_words
        self._short = _short_gaps(attach_words)
        self._small = len(cues) <= SMALL and len(uses) <= SMALL
        self._indexed = False
        self._words: tuple[list[int], list[int]] | None = None
        self._entries: list[tuple[str, int, tuple[int, C]]] | None = None  # per cue: key, sentence, (BLOCK, cue)
        self._far: dict[str, set[int]] = {}  # per term: sentences holding another term's use

    def nearest(self, index: int) -> tuple[dict[str, tuple[int, C]], set[str]]:
        """For uses[index]: key -> (nearest level, first cue seen at that level), keys in the
        order of their first cue it sees; and the keys of cues foreign to it."""
        if not self._cues:
            return {}, set()
        if self._small:
            return self._plain(index)
        if not self._indexed:
            self._index()
        use = self._uses[index]
        labels = self._labelled(use.term)
        s0, s1 = self._sentences[use.sentence]
        ks, ke = bisect.bisect_left(self._starts, s0), bisect.bisect_left(self._starts, s1)
        w0, w1 = max(s0, use.start - _REACH), min(s1, use.start + _REACH + 1)
        ws, we = bisect.bisect_left(self._starts, w0), bisect.bisect_left(self._starts, w1)
        near_foreign, near_first, in_clause = self._near(use, ws, we, w0, w1)
        found: list[tuple[int, str]] = []
        others: set[str] = set()
        for key, label in labels.items():
            foreign = key in near_foreign
            first = near_first.get(key, _NONE)
            # other sentences: foreign where another term is
            far = label.far_foreign
            foreign = foreign or bool(far) and (far[0] < ks or far[-1] >= ke)
            first = min(first, _first_outside(label.far_clean, ks, ke))
            # own sentence, beyond the reach of any clause holding this occurrence
            if (ks < ws or we < ke) and use.contrasted:  # all of it outside the clause
                every = self._keys[key]
                foreign = foreign or _any_in(every, ks, ws) or _any_in(every, we, ke)
            elif ks < ws or we < ke:
                own = label.own_foreign
                foreign = foreign or _any_in(own, ks, ws) or _any_in(own, we, ke)
                first = min(first, _first_in(label.own_clean, ks, ws), _first_in(label.own_clean, we, ke))
            if foreign:
                others.add(key)
            if first != _NONE:
                found.append((first, key))
        found.sort()
        nearest = {key: in_clause.get(key) or (BLOCK, self._cues[first]) for first, key in found}
        return nearest, others

    def _plain(self, index: int) -> tuple[dict[str, tuple[int, C]], set[str]]:
        """Every cue against every foreign span: the definition, for a block of a few cues.
        Sentences tile the block, so a cue outside the use's own sentence is foreign exactly
        when its sentence holds another term's use; inside it, the other term's clauses that
        miss the use (and, in a contrast, all but the use's clause) are."""
        own = self._uses[index]
        if self._entries is None:  # each cue with its key, its sentence and its entry at the block level
            starts = [start for start, _ in self._sentences]
            self._entries = [(cue.key, bisect.bisect_right(starts, cue.start) - 1, (BLOCK, cue)) for cue in self._cues]
        far = self._far.get(own.term)
        if far is None:
            far = self._far[own.term] = {other.sentence for other in self._uses if other.term != own.term}
        k0 = own.sentence
        foreign = [
            other.clause for other in self._uses
            if other.sentence == k0 and other.term != own.term and not other.clause[0] <= own.start < other.clause[1]
        ] if k0 in far else []
        if own.contrasted:
            s0, s1 = self._sentences[k0]
            foreign += [(s0, own.clause[0]), (own.clause[1], s1)]
        nearest: dict[str, tuple[int, C]] = {}
        others: set[str] = set()
        c0, c1 = own.clause
        for key, k, entry in self._entries:
            if k != k0:
                if k in far:
                    others.add(key)
                elif key not in nearest:  # the block level is the farthest: it only fills a gap
                    nearest[key] = entry
                continue
            cue = entry[1]
            at = cue.start
            if foreign and any(start <= at < end for start, end in foreign):
                others.add(key)
            elif c0 <= at < c1:
                level = ATTACHED if self._attached(own, cue) else CLAUSE
                seen = nearest.get(key)
                if seen is None or level < seen[0]:
                    nearest[key] = (level, cue)
            elif key not in nearest:
                nearest[key] = entry
        return nearest, others

    def _index(self) -> None:
        """Machine integers and one list of uses in text order, not lists per sentence: a 680 KB
        paragraph's index is 30,000 cues and 20,000 uses in 10,000 sentences."""
        self._starts = [cue.start for cue in self._cues]
        sentence_starts = [start for start, _ in self._sentences]
        self._cue_sentence = array("i", [bisect.bisect_right(sentence_starts, x) - 1 for x in self._starts])
        self._keys: dict[str, array[int]] = defaultdict(lambda: array("i"))
        for index, cue in enumerate(self._cues):
            self._keys[cue.key].append(index)
        # in text order, so in sentence order: a sentence's uses are those starting inside it
        self._in_order = sorted(self._uses, key=lambda p: p.start)
        self._use_starts = [p.start for p in self._in_order]
        self._labels: dict[str, dict[str, _Labels]] = {}  # per term, per key; built on first use
        self._indexed = True

    def _near(
        self, use: Use, ws: int, we: int, w0: int, w1: int
    ) -> tuple[set[str], dict[str, int], dict[str, tuple[int, C]]]:
        """Cues within reach of the occurrence, one by one: foreign keys, the first clean cue
        per key, and the nearest in-clause level per key with the first cue at it."""
        spans = self._foreign_clauses(use, w0, w1)
        span_starts = [start for start, _ in spans]
        foreign: set[str] = set()
        first: dict[str, int] = {}
        in_clause: dict[str, tuple[int, C]] = {}
        c0, c1 = use.clause
        for index in range(ws, we):
            cue = self._cues[index]
            at = bisect.bisect_right(span_starts, cue.start) - 1
            inside = c0 <= cue.start < c1
            if at >= 0 and cue.start < spans[at][1] or use.contrasted and not inside:
                foreign.add(cue.key)
                continue
            first.setdefault(cue.key, index)
            if inside:
                level = ATTACHED if self._attached(use, cue) else CLAUSE
                if cue.key not in in_clause or level < in_clause[cue.key][0]:
                    in_clause[cue.key] = (level, cue)
        return foreign, first, in_clause

    def _foreign_clauses(self, use: Use, w0: int, w1: int) -> list[tuple[int, int]]:
        """Merged clauses of the sentence's other-term uses that miss this occurrence and
        reach into [w0, w1)."""
        s0, s1 = self._sentences[use.sentence]
        starts = self._use_starts
        low = bisect.bisect_left(starts, max(s0, w0 - CLAUSE_WINDOW))
        high = min(bisect.bisect_left(starts, s1), bisect.bisect_right(starts, w1 + CLAUSE_WINDOW))
        p = use.start
        clauses = sorted(
            other.clause for other in self._in_order[low:high]
            if other.term != use.term and not other.clause[0] <= p < other.clause[1]
        )
        return _merged(clauses)

    def _attached(self, use: Use, cue: C) -> bool:
        """A cue within a few words of the term names its party: "clients of the law firm"."""
        low, high = (use.end, cue.start) if cue.start >= use.end else (cue.end, use.start)
        if high - low < _SHORT_GAP:
            return self._short.few(self._text[low:high])
        if self._words is None:
            words = list(_WORD.finditer(self._text))
            self._words = [m.start() for m in words], [m.end() for m in words]
        starts, ends = self._words
        # runs of word characters meeting [low, high): what findall counts in that slice
        return bisect.bisect_left(starts, high) - bisect.bisect_right(ends, low) <= self._attach_words

    def _labelled(self, term: str) -> dict[str, _Labels]:
        if term not in self._labels:
            self._labels[term] = self._label(term)
        return self._labels[term]

    def _label(self, term: str) -> dict[str, _Labels]:
        """Each cue's foreignness for uses of `term`, as seen from outside its sentence and
        from far inside it, grouped per key."""
        clauses: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for p in self._in_order:
            if p.term != term:
                clauses[p.sentence].append(p.clause)
        other_sentences = clauses.keys()
        unions = {k: _merged(sorted(spans)) for k, spans in clauses.items()}
        out: dict[str, _Labels] = {}
        for key, indices in self._keys.items():
            label = _Labels(array("i"), array("i"), array("i"), array("i"))
            for index in indices:
                k = self._cue_sentence[index]
                far = k in other_sentences
                (label.far_foreign if far else label.far_clean).append(index)
                own = far and _covers(unions[k], self._starts[index])
                (label.own_foreign if own else label.own_clean).append(index)
            out[key] = label
        return out


class _ShortGaps:
    """Whether a short gap between a term and a cue holds at most `words` runs of word
    characters (each taken whole, as findall counts them; the gap's ends end a run), kept
    by the gap's text: the pattern reads nothing outside it, and the few words written
    between a term and its cues recur. Bounded: forgotten whole at GAPS_KEPT gaps."""

    __slots__ = ("_too_many", "_known")

    def __init__(self, words: int) -> None:
        # matches at the start of a gap holding more than `words` runs; None: any gap does
        self._too_many = None if words < 0 else re.compile(rf"(?:\W*\w+\b){{{words + 1}}}")
        self._known: dict[str, bool] = {}

    def few(self, gap: str) -> bool:
        found = self._known.get(gap)
        if found is None:
            if len(self._known) >= GAPS_KEPT:
                self._known.clear()
            found = self._known[gap] = self._too_many is not None and self._too_many.match(gap) is None
        return found


GAPS_KEPT = 4096  # gaps remembered, each shorter than _SHORT_GAP characters


@lru_cache(maxsize=8)
def _short_gaps(words: int) -> _ShortGaps:
    return _ShortGaps(words)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans merged where they overlap: the same points, disjoint and in order."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if start >= end:
            continue
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _covers(spans: list[tuple[int, int]], x: int) -> bool:
    at = bisect.bisect_right(spans, (x, float("inf"))) - 1
    return at >= 0 and x < spans[at][1]


def _any_in(indices: array[int], low: int, high: int) -> bool:
    return low < high and bisect.bisect_left(indices, low) < bisect.bisect_left(indices, high)


def _first_in(indices: array[int], low: int, high: int) -> int:
    """The first index in [low, high), or a value past every index."""
    if low >= high:
        return _NONE
    at = bisect.bisect_left(indices, low)
    return indices[at] if at < len(indices) and indices[at] < high else _NONE


def _first_outside(indices: array[int], low: int, high: int) -> int:
    """The first index outside [low, high), or a value past every index."""
    if not indices:
        return _NONE
    if indices[0] < low or indices[0] >= high:
        return indices[0]
    at = bisect.bisect_left(indices, high)
    return indices[at] if at < len(indices) else _NONE
