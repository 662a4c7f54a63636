"""The learned lexicon: how far the plain words around a mention lean toward one setting.

The pack's cues are words someone chose; prose often says what its setting is in words no
pack lists. A lexicon is learned from the labeled and real text the model is fitted on
(`benchmarks/fit_lexicon.py`): each word seen in enough sources gets the log-odds of
appearing in one setting's passages rather than the other's. The model reads two inputs from
it, for the mention's block and for the opening of its document (`lexicon_block`,
`lexicon_document`, fitted like every other weight), and only where they lean toward the
word as written: the lexicon can confirm a word, never make a finding. Allowed to raise the
odds, it raised the findings on docs trees it had not learned from (README, Accuracy).

The inputs move the verdict model's log-odds once a mention is decided, so the inputs the
pipeline shares between mentions stay shared. It ships beside the pack as
`<pack stem>.lexicon.txt`, a word and its weight per line (rules/README.md), read without a
parser a pre-commit run would have to import; a pack without one is read as before. Lookups
are a dict per word, so a long lexicon costs no start-up or speed.
"""

from __future__ import annotations

import bisect
import math
import re
from array import array
from functools import cache, cached_property
from itertools import chain
from pathlib import Path
from typing import TypeVar

from . import cache as user_cache
from .errors import PackError
from .findings import LEARNED_WORDS, Evidence
from .logistic import Model

BLOCK_REACH = 1500  # characters each side of a mention kept of its block
DOCUMENT_REACH = 20000  # characters of a document read: its opening (title, lead, setting)
SHORT_SPAN = 2000  # characters of a block read directly; longer ones from running sums
SHOWN = 3  # words named in a finding's evidence
_WORD = re.compile(r"[a-z][a-z'-]+")
_BLOCK_BREAK = re.compile(r"\n[ \t]*\n")
_K = TypeVar("_K")
_V = TypeVar("_V")


def words(text: str) -> list[str]:
    """The words a lexicon is learned from and looked up by: lower case, letters with inner
    apostrophes and hyphens (the same split when learning and when reading)."""
    return _WORD.findall(text.lower().replace("\u2019", "'"))


class Lexicon:
    """Word -> log-odds of the first term's setting against the second's. A plain class: a
    frozen dataclass costs a pre-commit run half a millisecond to define."""

    __slots__ = ("first", "weights")

    def __init__(self, first: str, weights: dict[str, float]) -> None:
        self.first = first  # the term a positive weight calls for
        self.weights = weights

    def lean(self, text: str) -> float:
        """Sum of the weights of the words of `text` over the square root of their number: the
        evidence of n words of equal lean grows like sqrt(n), as independent votes do."""
        found = [weight for weight in map(self.weights.get, words(text)) if weight is not None]
        return sum(found) / math.sqrt(len(found)) if found else 0.0

    def strongest(self, text: str, toward: str, count: int = SHOWN) -> tuple[str, ...]:
        """The distinct words of `text` that lean most toward `toward`'s setting."""
        sign = 1.0 if toward == self.first else -1.0
        leaning = {w: sign * self.weights[w] for w in words(text) if sign * self.weights.get(w, 0.0) > 0}
        return tuple(sorted(leaning, key=lambda w: (-leaning[w], w))[:count])


def lexicon_path(pack_path: str) -> Path:
    """Where a pack's lexicon lives: `<pack stem>.lexicon.txt` beside it."""
    path = Path(pack_path)
    return path.with_name(path.stem + ".lexicon.txt")


@cache
def load_lexicon(pack_path: str) -> Lexicon | None:
    """A pack's lexicon, None when it ships none."""
    path = lexicon_path(pack_path)
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    first, weights = user_cache.kept("lexicon", [text], lambda: _read(text, str(path)))
    return Lexicon(first, weights)


def lexicon_of(text: str, path: str) -> Lexicon:
    """A lexicon file: `# key = value` lines (`first` is required), then a word, a tab and its
    weight on each line."""
    return Lexicon(*_read(text, path))


def _read(text: str, path: str) -> tuple[str, dict[str, float]]:
    """The term a positive weight calls for and the weights, read in one sweep; a file that
    does not read is read again line by line to name the line."""
    lines = text.splitlines()
    about = dict(_setting(line) for line in lines if line.startswith("#") and "=" in line)
    body = [line for line in lines if line.strip() and not line.startswith("#")]
    try:
        weights = {word: float(weight) for word, weight in (line.split("\t") for line in body)}
    except ValueError:
        weights = {}
    if len(weights) != len(body) or not all(map(math.isfinite, weights.values())) or "" in weights:
        raise PackError(f"{path}:{_first_unreadable(lines)}: expected a word, a tab and a number")
    if "first" not in about:
        raise PackError(f"{path}: no '# first = TERM' line (the term a positive weight calls for)")
    return about["first"], weights


def _setting(line: str) -> tuple[str, str]:
    key, _, value = line[1:].partition("=")
    return key.strip(), value.strip()


def _first_unreadable(lines: list[str]) -> int:
    """The number of the first line that is neither a comment, blank, nor a word, a tab and a
    finite number (or a word read twice)."""
    seen = set()
    for number, line in enumerate(lines, 1):
        if line.startswith("#") or not line.strip():
            continue
        word, tab, weight = line.partition("\t")
        try:
            readable = bool(tab and word) and math.isfinite(float(weight)) and word not in seen
        except ValueError:
            readable = False
        if not readable:
            return number
        seen.add(word)
    raise AssertionError("every line reads")  # only called when one does not


def write_lexicon(path: Path, lexicon: Lexicon, about: dict[str, str]) -> None:
    """The file `lexicon_of` reads: `about` as `# key = value` lines, then the words sorted."""
    head = [f"# {key} = {value}" for key, value in {"first": lexicon.first, **about}.items()]
    rows = [f"{word}\t{weight}" for word, weight in sorted(lexicon.weights.items())]
    path.write_text("\n".join(head + rows) + "\n", encoding="utf-8")


class Blocks:
    """The blank-line blocks of a text, found by one scan: a dense page asks for thousands of
    mentions' blocks."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        # where each break starts and ends, in machine integers with no Python per break (a
        # page of 9,000 sections has 27,000: 2.2 MB as a list of pairs, 0.4 MB so)
        spans = array("q", chain.from_iterable(map(re.Match.span, _BLOCK_BREAK.finditer(text))))
        self._starts, self._ends = spans[::2], spans[1::2]

    def around(self, start: int, end: int) -> tuple[int, int]:
        """The block holding text[start:end], at most BLOCK_REACH characters each side of it."""
        k = bisect.bisect_right(self._ends, start)  # the first break that ends after `start`
        low = self._ends[k - 1] if k else 0
        while k < len(self._starts) and self._starts[k] < end:  # a mention across a break
            k += 1
        high = self._starts[k] if k < len(self._starts) else self.length
        return max(low, start - BLOCK_REACH), min(high, end + BLOCK_REACH)


class Leans:
    """The leans of one document's blocks and opening, each computed once (kept for the last
    SPANS_KEPT spans read: in a long block every mention reads a window of its own)."""

    def __init__(self, lexicon: Lexicon, text: str) -> None:
        self.lexicon = lexicon
        self.text = text
        self._document: float | None = None
        self._block: dict[tuple[int, int], float] = {}
        self._named: dict[tuple[tuple[int, int], str], str] = {}
        self._shifts: dict[tuple[tuple[int, int], str], float] = {}

    def block(self, span: tuple[int, int]) -> float:
        lean = self._block.get(span)
        if lean is None:
            lean = _room(self._block)[span] = self._lean(*span)
        return lean

    def _lean(self, low: int, high: int) -> float:
        """The lean of text[low:high]. A short span is read directly; in a long block, whose
        mentions each read their own window, the listed words of the whole text are summed
        once and each window is two subtractions (the words cut at its edges read alone):
        a 680 KB paragraph reads its text once, not once per mention."""
        sums = self._sums if high - low > SHORT_SPAN else None
        return self.lexicon.lean(self.text[low:high]) if sums is None else sums.lean(self.lexicon, low, high)

    @cached_property
    def blocks(self) -> Blocks:
        """Found once, when a first mention at or above the report floor asks."""
        return Blocks(self.text)

    @cached_property
    def _sums(self) -> _Sums | None:
        return _Sums.of(self.lexicon, self.text)

    def document(self) -> float:
        if self._document is None:
            self._document = self.lexicon.lean(self.text[:DOCUMENT_REACH])
        return self._document

    def toward(self, lean: float, term: str) -> float:
        """A lean signed toward `term`'s setting."""
        return lean if term == self.lexicon.first else -lean

    def inputs(self, start: int, end: int, expected: str) -> tuple[tuple[float, float], tuple[int, int]]:
        """The model's two lexicon inputs for the word at text[start:end] whose other term is
        `expected` (`inputs`), and the block they read."""
        span = self.blocks.around(start, end)
        return inputs(self.toward(self.block(span), expected), self.toward(self.document(), expected)), span

    def shift(self, model: Model, start: int, end: int, expected: str) -> tuple[float, tuple[int, int]]:
        """How far the lexicon moves the log-odds that the word at text[start:end] should be
        `expected` (never up), and the block it read: worked out once per block and term for
        the mentions that read the same block (one document is judged by one model)."""
        span = self.blocks.around(start, end)
        shift = self._shifts.get((span, expected))
        if shift is None:
            block, document = inputs(self.toward(self.block(span), expected), self.toward(self.document(), expected))
            shift = model.weights.get("lexicon_block", 0.0) * block + model.weights.get("lexicon_document", 0.0) * document
            _room(self._shifts)[span, expected] = shift
        return shift, span

    def evidence(self, shift: float, span: tuple[int, int], found: str) -> Evidence:
        """The evidence entry of a shift: the words of the block that lean most toward `found`."""
        named = self._named.get((span, found))
        if named is None:  # the words of a block, once for all its mentions
            strongest = self.lexicon.strongest(self.text[span[0]:span[1]], found)
            named = _room(self._named)[span, found] = ", ".join(strongest) or "the page's words"
        return Evidence(named, found, "learned words", LEARNED_WORDS, shift, shift)


SPANS_KEPT = 4096


def _room(memo: dict[_K, _V]) -> dict[_K, _V]:
    """`memo`, forgotten whole once it holds SPANS_KEPT entries: a 680 KB paragraph's 10,000
    findings each read their own window, and kept, their answers took 2.5 MB."""
    if len(memo) >= SPANS_KEPT:
        memo.clear()
    return memo


class _Sums:
    """Running sums of the listed words of a text, by position: what `Lexicon.lean` adds up
    for any span, with the words the span's edges cut read as `words` reads them. Arrays of
    machine numbers, not lists: a 680 KB paragraph's 130,000 words took 18 MB as lists, 4 MB so."""

    __slots__ = ("lowered", "starts", "ends", "total", "count")

    def __init__(self, lowered: str, starts: array[int], ends: array[int], total: array[float], count: array[int]) -> None:
        self.lowered = lowered
        self.starts, self.ends, self.total, self.count = starts, ends, total, count

    @classmethod
    def of(cls, lexicon: Lexicon, text: str) -> _Sums | None:
        """None when lower-casing moves positions (a letter that lowers to two): then spans
        are read directly."""
        lowered = text.lower().replace("\u2019", "'")
        if len(lowered) != len(text):
            return None
        size = "i" if len(text) < 2**31 else "q"  # 4 bytes a word's place where they hold it
        starts, ends, total, count = array(size), array(size), array("d", [0.0]), array(size, [0])
        weights, running, listed = lexicon.weights, 0.0, 0
        for match in _WORD.finditer(lowered):
            weight = weights.get(match.group())
            start, end = match.span()
            starts.append(start)
            ends.append(end)
            if weight is not None:
                running += weight
                listed += 1
            total.append(running)
            count.append(listed)
        return cls(lowered, starts, ends, total, count)

    def lean(self, lexicon: Lexicon, low: int, high: int) -> float:
        first = bisect.bisect_left(self.starts, low)  # words starting inside the span...
        last = bisect.bisect_right(self.ends, high)  # ... and ending inside it
        found = []
        if first > 0 and self.ends[first - 1] > low:  # a word cut by the span's start
            found += [lexicon.weights[w] for w in _WORD.findall(self.lowered, low, min(high, self.ends[first - 1]))
                      if w in lexicon.weights]
        if last < len(self.starts) and self.starts[last] < high and last >= first:  # cut by its end
            found += [lexicon.weights[w] for w in _WORD.findall(self.lowered, max(low, self.starts[last]), high)
                      if w in lexicon.weights]
        inside = max(0, last - first)
        total = self.total[first + inside] - self.total[first] + sum(found)
        number = self.count[first + inside] - self.count[first] + len(found)
        return total / math.sqrt(number) if number else 0.0


def inputs(block: float, document: float) -> tuple[float, float]:
    """The model's lexicon inputs from how far a block and a document lean toward the other
    term: only a lean toward the word as written counts (module docstring)."""
    return min(0.0, block), min(0.0, document)
