"""Context: weighted cues around each occurrence, counted by distance, as scores per class.

Each distinct cue counts once, at the nearest level it appears (same clause, same block,
same section, document); a level's total is capped and decayed, so a long document cannot
outvote the sentence a word sits in. A pure function of the document.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from array import array
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from .document import Unit
from .errors import TermsenseError
from .findings import Evidence
from .nearest import ATTACHED, BLOCK, CLAUSE, CLAUSE_WINDOW, Block, Use  # noqa: F401 (levels live here too)
from .occurrences import Occurrence
from .outline import Outline
from .packs import PATTERN_TIMEOUT, Pack, lower_keeping_offsets

if TYPE_CHECKING:
    import regex

# [.!?]+["”’')\]]*(?=\s+\S)|\n[ \t]*\n, written to start with one class (then the engine skips to it)
_SENTENCE_END = re.compile(r"[.!?\n](?:(?<=[.!?])[.!?]*[\"”’')\]]*(?=\s+\S)|(?<=\n)[ \t]*\n)")
_LAST_WORD = re.compile(r"([\w.]+)$")
SECTION, DOCUMENT = BLOCK + 1, BLOCK + 2  # levels, nearest first, after those of a block


class Scores:
    """A mention's evidence: weight by class and the cues, strongest first. The records the
    pipeline makes per run (this, `verdicts.Judged`, `pipeline.Examined`...) are plain classes
    compared by identity: a frozen dataclass costs every run half a millisecond to define."""

    __slots__ = ("by_class", "evidence")

    def __init__(self, by_class: dict[str, float], evidence: tuple[Evidence, ...]) -> None:
        self.by_class = by_class
        self.evidence = evidence  # strongest first

    def of(self, name: str) -> float:
        return self.by_class.get(name, 0.0)

    def local(self, name: str, level: int = BLOCK, min_base: float = 0.0) -> float:
        """Evidence for `name` from `level` inwards (by default: its own block), counting
        only cues whose own weight is at least `min_base`."""
        return sum(e.weight for e in self.evidence if e.supports == name and e.level <= level and e.base >= min_base)


class _Cue(NamedTuple):
    """One cue found in a block. A named tuple, not a frozen dataclass: a dense document makes
    one per cue word of every block (57,000 in 2 MB), and a tuple is made in half the time.
    It keeps its length, not its end: a small number is one shared object, an end one more
    per cue (a 680 KB paragraph holds 30,000 cues at once)."""

    key: str
    cls: str
    label: str
    weight: float
    start: int
    size: int

    @property
    def end(self) -> int:
        return self.start + self.size


def sentence_spans(text: str, abbreviations: frozenset[str]) -> list[tuple[int, int]]:
    """Sentence spans of a unit: ends at . ! ? before white space, unless after an abbreviation.

    The word before a full stop is looked for in the last few characters only: a run of word
    characters longer than every abbreviation is none, however far back it starts."""
    spans: list[tuple[int, int]] = []
    start = 0
    reach = _reach(abbreviations)
    for match in _SENTENCE_END.finditer(text):
        if abbreviations and match.group(0)[0] == ".":
            end = match.start()
            word = _LAST_WORD.search(text, max(start, end - reach), end)
            if word and word.group(1).lower() in abbreviations:
                continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


@lru_cache(maxsize=16)
def _reach(abbreviations: frozenset[str]) -> int:
    """Characters before a full stop that decide whether an abbreviation ends there: the longest
    one, one more so a longer word is seen as longer, and one for a line break before the stop
    (where `$` matches too)."""
    return max(map(len, abbreviations), default=0) + 2


class Clauses:
    """Clause spans in one block's text. A case-insensitive alternation is tried at every
    position, about seven times slower than the same pattern without the flag; in an ASCII
    block the pack's breaks are matched case-sensitively in the lowered text instead, when
    that is provably the same match (`_lowered_twin`)."""

    __slots__ = ("_pattern", "_text")

    def __init__(self, pack: Pack, text: str) -> None:
        pattern = pack.context.clause_breaks
        twin = _lowered_twin(pattern) if pattern is not None and text.isascii() else None
        self._pattern, self._text = (twin, text.lower()) if twin is not None else (pattern, text)

    def span(self, sentence: tuple[int, int], offset: int) -> tuple[int, int]:
        """The clause of `sentence` holding `offset`."""
        start, end = max(sentence[0], offset - CLAUSE_WINDOW), min(sentence[1], offset + CLAUSE_WINDOW)
        if self._pattern is None:
            return start, end
        for match in self._pattern.finditer(self._text, start, end):
            if self._text[match.start()] == "," and _ends_a_list(self._text, sentence[0], match.start()):
                continue
            if match.end() <= offset:
                start = match.end()
            elif match.start() >= offset:
                end = match.start()
                break
        return start, end


_LIST_ITEM_WORDS = 3  # "banks, credit unions, and lenders": items of a few words each
_LIST_ITEM_REACH = 60  # characters: an item longer than this is no list item (and bounds the search)


def _ends_a_list(text: str, sentence_start: int, comma: int) -> bool:
    """Whether the comma of a break (", and") closes a serial list rather than a clause: the
    text since the comma before it, within the sentence, is one short item. A list joins
    nouns of one clause; cutting the clause there moved the words before it out of reach."""
    previous = text.rfind(",", max(sentence_start, comma - _LIST_ITEM_REACH), comma)
    return previous >= 0 and len(text[previous + 1:comma].split()) <= _LIST_ITEM_WORDS


# every escape in the pattern is a class (\s \w \b \d) or stands for punctuation: none names
# a letter by its code (\x41) or is an upper-case class (\S \W) that lowering the source would change
_PLAIN_ESCAPES = re.compile(r"(?:[^\\A-Z]|\\[swbd]|\\[^0-9A-Za-z])*")


@lru_cache(maxsize=16)
def _lowered_twin(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """`pattern` without IGNORECASE, for ASCII text lowered first: the same matches at the same
    offsets when the pattern is ASCII with no upper-case letter (ASCII text then matches a
    literal or class ignoring case exactly when its lowered self matches it as written) and
    holds no "(?" construct (inline flags, named groups, lookarounds are left to the original)."""
    source = pattern.pattern
    if not pattern.flags & re.IGNORECASE or not source.isascii() or "(?" in source:
        return None
    if _PLAIN_ESCAPES.fullmatch(source) is None:
        return None
    return re.compile(source, pattern.flags & ~re.IGNORECASE)


_UNREAD = ("", "", "", 0.0)  # a matched text not yet in the memo (`_find`)


@lru_cache(maxsize=8)
def _known_cues(pack: Pack) -> dict[str, tuple[str, str, str, float] | None]:
    """The memo of what a matched text stands for in `pack` (`DocumentContext._cue`): it
    depends on the pack alone, so the files of a tree share it instead of filling one each."""
    return {}

class DocumentContext:
    """Cues of one document, found once, queried per occurrence."""

    def __init__(self, pack: Pack, units: list[Unit], outline: Outline) -> None:
        """Positions of cues are found only in the blocks asked about (`block`), and kept no
        longer than their block; the section and document levels read the outline's section
        texts and need just distinct cues, for the whole document and for the sections that
        hold an occurrence. Where the one scan of the document's text says where each match
        stands, a section or block asked about later reads its cues from that scan, when it
        stands there verbatim and scans alone as it does there (`_Scanned`)."""
        self._pack = pack
        self._known = _known_cues(pack)  # matched text -> its cue: the pack's, shared by a tree's files
        self._pool: dict[tuple[str, str, float, int, float], Evidence] = {}
        self._scores: dict[tuple[int, tuple[tuple[str, int, str, float], ...], frozenset[str]], Scores] = {}
        self._units = units
        self._sections = [unit.section for unit in units]
        self._section_texts = outline.section_texts
        self._section_keys: dict[int, dict[str, _Cue]] = {}  # filled for the sections asked about
        self._alike: dict[tuple[_Cue, ...], dict[str, _Cue]] = {}  # sections of the same cues share one dict
        wide = "".join(outline.section_texts)
        lowered = lower_keeping_offsets(wide)
        located = pack.cues.located(lowered)
        descriptions = pack.cues.descriptions
        # a page with no party noun holds no description: its blocks are not searched
        self._descriptions = descriptions.pattern if descriptions is not None and any(
            noun in lowered for noun in descriptions.nouns
        ) else None
        self._doc_keys = self._keys(located.distinct)
        # kept where lower-casing is letter by letter (but for a capital sigma, whose lower
        # case depends on its neighbours), so a part's own lower case is that of the whole
        self._scanned = None if located.starts is None or located.ends is None or "\u03a3" in wide else _Scanned(
            located.starts, located.ends, outline,
        )
        if len(outline.section_texts) == 1:  # the one section is the document: scan it once
            self._section_keys[0] = self._doc_keys
        totals: dict[str, float] = defaultdict(float)
        domains: dict[str, float] = defaultdict(float)
        for cue in self._doc_keys.values():
            totals[cue.cls] += cue.weight
            if cue.weight >= pack.context.domain_weight:
                domains[cue.cls] += cue.weight
        self.totals = dict(totals)  # uncapped weight of distinct cues per class: the genre
        self._domains = dict(domains)  # the same, domain cues only: what the document is about
        self._described: set[str] = set()  # keys of cues a block holding a term read as who a party is
        self.words = word_count(wide)

    def domains(self) -> dict[str, float]:
        """Weight of the distinct domain cues per class, but those the blocks read said who a
        party is ("we advise supermarkets": the page is not about shopping). Asked once every
        block holding a term is read."""
        if not self._described:
            return self._domains
        domains = dict(self._domains)
        for key in self._described:
            cue = self._doc_keys.get(key)
            if cue is not None and cue.weight >= self._pack.context.domain_weight:
                domains[cue.cls] -= cue.weight
        return domains

    def _section(self, index: int) -> dict[str, _Cue]:
        if index not in self._section_keys:
            matched = self._scanned.section(index) if self._scanned is not None else None
            if matched is None:
                text = self._section_texts[index]
                matched = self._pack.cues.distinct(lower_keeping_offsets(text))
            keys = self._keys(matched)
            self._section_keys[index] = self._alike.setdefault(tuple(keys.values()), keys)
        return self._section_keys[index]

    def _keys(self, matched: Iterable[str]) -> dict[str, _Cue]:
        """The distinct cues of the distinct matched texts of cue words. Two texts of one key
        from two groups ("kitchen" listed, "kitchens" from a user's "kitchen*") keep the
        heavier, then the first label in alphabetical order: the same answer whatever order a
        set gives them in (it changes with the process's hash seed)."""
        found: dict[str, _Cue] = {}
        for text in matched:
            cue = self._cue(text)
            if cue is not None:
                seen = found.get(cue[0])
                if seen is None or (-cue[3], cue[2]) < (-seen.weight, seen.label):
                    found[cue[0]] = _Cue(*cue, -1, 0)
        return found

    def _cue(self, matched: str) -> tuple[str, str, str, float] | None:
        """The cue (key, class, label, weight) a matched text stands for; None for a mask, a
        form of a term (a term is not its own cue) or a text no word of the pack resolves."""
        if matched not in self._known:
            table, forms = self._pack.cues, self._pack.forms
            resolved = table.resolve(matched) if table.is_cue(matched) else None
            if resolved is not None and matched.lower().replace("\u2019", "'") not in forms:
                word, group = resolved
                self._known[matched] = (f"{group.cls}:{word.rstrip('*')}", group.cls, group.label, group.weight)
            else:
                self._known[matched] = None
        return self._known[matched]

    def _find(self, unit: int) -> list[_Cue]:
        """The cues of a block, where they stand: read from the document's scan where it can
        tell, else scanned."""
        lowered = lower_keeping_offsets(self._units[unit].text)
        located = self._scanned.block(self._units[unit]) if self._scanned is not None else None
        cues: list[_Cue] = []
        known = self._known
        for start, end in located if located is not None else self._pack.cues.spans(lowered):
            matched = lowered[start:end]
            cue = known.get(matched, _UNREAD)
            if cue is _UNREAD:
                cue = self._cue(matched)
            if cue is not None:
                cues.append(_Cue(*cue, start, end - start))
        return cues

    def _evidence(self, cue: _Cue, level: int, scale: float) -> Evidence:
        """Evidence of a cue at a level and scale: one object for equal evidence, which the
        uses of a dense document share (20,000 uses, a few hundred distinct objects)."""
        key = (cue.key, cue.label, cue.weight, level, scale)
        found = self._pool.get(key)
        if found is None:
            found = self._pool[key] = Evidence(cue.key.split(":", 1)[1], cue.cls, cue.label, level, cue.weight * scale, cue.weight)
        return found

    def block(self, unit: int, sentences: list[tuple[int, int]], uses: list[Use]) -> Block[_Cue]:
        """The block `unit` indexed for its uses of a term that have a clause."""
        text, cues = self._units[unit].text, self._find(unit)
        described: frozenset[str] = frozenset()
        if cues and self._descriptions is not None:
            cues, described = _undescribed(cues, self._descriptions.get(), text, self._pack.path)
            self._described.update(described)
        return Block(text, cues, sentences, uses, self._pack.context.attach_words, described)

    def score(self, occurrence: Occurrence, block: Block[_Cue], use: int) -> Scores:
        """Scores per class for one occurrence (`block`'s use number `use`), with the
        evidence behind them. Cues in the parts of its block that speak of another term's
        party describe that party, so they count for this occurrence at no level.

        Uses that see the same cues at the same levels in sections of the same cues share one
        Scores (a dense document: 28,000 uses, a few hundred distinct answers; a page of 9,000
        short sections alike, two)."""
        nearest, others = block.nearest(use)
        if block.described:  # a cue that names who a party is counts at no level, the section's included
            others = others | block.described
        section = self._sections[occurrence.unit]
        key = (
            id(self._section(section)), tuple([(k, level, cue.label, cue.weight) for k, (level, cue) in nearest.items()]),
            frozenset(others),
        )
        found = self._scores.get(key)
        if found is None:
            found = self._scores[key] = self._score(nearest, others, section)
        return found

    def _score(self, nearest: dict[str, tuple[int, _Cue]], others: set[str], section: int) -> Scores:
        for key, cue in self._section(section).items():
            if key not in others:
                nearest.setdefault(key, (SECTION, cue))
        for key, cue in self._doc_keys.items():
            if key not in others:
                nearest.setdefault(key, (DOCUMENT, cue))
        context = self._pack.context
        raw: dict[tuple[str, int], float] = defaultdict(float)
        for level, cue in nearest.values():
            raw[cue.cls, level] += cue.weight
        by_class: dict[str, float] = defaultdict(float)
        scale: dict[tuple[str, int], float] = {}
        for (cls, level), total in raw.items():
            capped = min(total, context.cap[level])
            by_class[cls] += capped * context.decay[level]
            scale[cls, level] = capped / total * context.decay[level]
        evidence = sorted(
            (
                self._evidence(cue, level, scale[cue.cls, level])
                for level, cue in nearest.values()
            ),
            key=lambda e: (-e.weight, e.level, e.cue),
        )
        return Scores(dict(by_class), tuple(evidence))


_DESCRIPTION_WINDOW = 4000  # characters searched at once; windows overlap by more than a description's length
_DESCRIPTION_OVERLAP = 500


def _undescribed(
    cues: list[_Cue], descriptions: regex.Pattern[str], text: str, pack_path: str
) -> tuple[list[_Cue], frozenset[str]]:
    """The cues of a block outside the spans that say who a party is ("we advise supermarkets",
    "our clients range from corner shops to supermarket chains"), and the keys of those inside:
    there a shop word names the businesses a firm serves, not a shop that serves its customers.
    A long block is searched in overlapping windows, each under the pack patterns' time limit."""
    spans: set[tuple[int, int]] = set()
    step = _DESCRIPTION_WINDOW - _DESCRIPTION_OVERLAP
    for low in range(0, max(len(text) - _DESCRIPTION_OVERLAP, 1), step):
        try:
            spans.update(m.span() for m in descriptions.finditer(text, low, low + _DESCRIPTION_WINDOW, timeout=PATTERN_TIMEOUT))
        except TimeoutError:
            raise TermsenseError(f"{pack_path}: pattern of 'context.descriptions' took over {PATTERN_TIMEOUT}s; simplify it") from None
    if not spans:
        return cues, frozenset()
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    starts = [start for start, _ in merged]
    kept, described = [], set()
    for cue in cues:
        k = bisect.bisect_right(starts, cue.start) - 1
        if k >= 0 and cue.start < merged[k][1]:
            described.add(cue.key)
        else:
            kept.append(cue)
    return kept, frozenset(described - {cue.key for cue in kept})


_SPACE_OR_NOT = bytes(0x20 if chr(code).isspace() else 0x78 for code in range(128)) + b"x" * 128


def word_count(text: str) -> int:
    """`len(text.split())` without making the words: in ASCII text, white space made spaces and
    the rest x, the words are the x after a space (a 2 MB page: a fifth of the time)."""
    if not text.isascii():
        return len(text.split())
    marked = text.encode("ascii").translate(_SPACE_OR_NOT)
    return marked.count(b" x") + marked.startswith(b"x")


class _Scanned:
    """Where the one scan of a document's lower-cased text (its sections joined) found each
    match of a cue word or mask. A part of that text scans alone to the matches inside it
    when no match runs across its edges and no word character stands beside it: the pattern
    reads nothing past a match but whether a word character stands next to it. The text is
    not kept: it is the outline's section texts, lower-cased letter by letter."""

    __slots__ = ("starts", "ends", "outline", "_section_starts")

    def __init__(self, starts: array[int], ends: array[int], outline: Outline) -> None:
        self.starts, self.ends = starts, ends
        self.outline = outline
        self._section_starts = list(itertools.accumulate(map(len, outline.section_texts), initial=0))

    def section(self, index: int) -> set[str] | None:
        """The distinct matched texts of a section's cues (masks too); None: scan it alone."""
        low = self._section_starts[index]
        inside = self._inside(low, self._section_starts[index + 1])
        if inside is None:
            return None
        lowered = lower_keeping_offsets(self.outline.section_texts[index])
        return {lowered[self.starts[k] - low:self.ends[k] - low] for k in inside}

    def block(self, unit: Unit) -> list[tuple[int, int]] | None:
        """Where matches stand in a block, when it stands verbatim in the scanned text where
        its source is; None: scan it alone."""
        at = unit.source_offset(0)
        low = None if at is None else self.outline.wide_offset(at)
        if low is None:
            return None
        k = bisect.bisect_right(self._section_starts, low) - 1
        offset = low - self._section_starts[k]
        if self.outline.section_texts[k][offset:offset + len(unit.text)] != unit.text:
            return None
        inside = self._inside(low, low + len(unit.text))
        return None if inside is None else [(self.starts[j] - low, self.ends[j] - low) for j in inside]

    def _inside(self, low: int, high: int) -> range | None:
        """The matches inside [low, high), when that part scans alone to them."""
        starts, ends = self.starts, self.ends
        if self._word_at(low - 1) or self._word_at(high):
            return None
        first, last = bisect.bisect_left(starts, low), bisect.bisect_left(starts, high)
        if (first > 0 and ends[first - 1] > low) or (last > first and ends[last - 1] > high):
            return None
        return range(first, last)

    def _word_at(self, at: int) -> bool:
        """Whether a word character stands at `at` of the scanned text (none past its ends)."""
        if at < 0 or at >= self._section_starts[-1]:
            return False
        k = bisect.bisect_right(self._section_starts, at) - 1
        character = self.outline.section_texts[k][at - self._section_starts[k]]
        return _WORD.match(lower_keeping_offsets(character)) is not None


_WORD = re.compile(r"\w")


def confidence(margin: float, scale: float) -> float:
    """Confidence that the other term is meant, from the score margin: 0 at 0, near 1 when large."""
    return 0.0 if margin <= 0 else 1.0 - math.exp(-margin / scale)

