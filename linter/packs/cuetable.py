"""Cue words as a table, so that a pack's word lists cost start-up a dict entry per word.

A text is split at spaces (hyphens and line breaks made spaces first: str methods, no regex);
its distinct pieces are looked up in a memo kept across texts (a new piece is tokenized and
its words classified once): a one-word cue is a set lookup, a `*` word's fixed part is looked
up by its few lengths, and a longer word (`in order to`, `x.509`, `.net`) is kept under its
anchor, its rarest-looking part, and tried on the few tokens around an anchor that stands
beside the right neighbour. Python runs per distinct piece and per anchor met, not per word.

Matches are those of the one pattern the table replaces (`one_pattern`: `trie.trie_pattern`
between word boundaries): leftmost and non-overlapping, a mask before a cue at the same place,
and among words that match at one place the one the trie-shaped pattern tries first (the
longest, except that a `*` word ends before a longer word going on in letters: `te*` is tried
before `tea room`). That pattern still scans faster in CPython (no string per word of text),
so a long run compiles it once it has scanned enough text to pay for the compile (`PAYBACK`);
short runs, the pre-commit case, never do.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import accumulate, chain, compress, count, islice

from ..trie import atoms, emit, trie, trie_pattern
from .phrases import SEP, STAR, TOKENS, WORD, Phrase, Starts, anchor, is_sep, is_word

CUE, MASK = 0, 1
PAYBACK = 200  # characters scanned per listed word before the one pattern is compiled (measured: whole trees)
MEMO_LIMIT = 500_000  # distinct words and pieces remembered before the memo starts again


class _Piece:
    """A piece of text between separators, as tokens, with the one-token cues and the starts of
    longer words in it (token indices). Plain classes: see `phrases.Phrase`."""

    __slots__ = ("tokens", "offsets", "hits", "starts", "words")

    def __init__(self, tokens: tuple[str, ...], offsets: tuple[int, ...], hits: tuple[int, ...], starts: tuple[int, ...]) -> None:
        self.tokens = tokens
        self.offsets = offsets  # of each token in the piece
        self.hits = hits
        self.starts = starts
        self.words = tuple(tokens[n] for n in hits)  # the one-token cues


class _Event:
    """A match of a longer word: where, what, the token it starts at (for a one-token word that
    could match there instead), and the one-token cues it covers."""

    __slots__ = ("start", "end", "phrase", "head", "inside")

    def __init__(self, start: int, end: int, phrase: Phrase, head: str, inside: tuple[str, ...]) -> None:
        self.start, self.end, self.phrase, self.head, self.inside = start, end, phrase, head, inside


class Located:
    """What a scan of a text found: the distinct texts of cue matches, and the starts and
    ends of every match, masks included, in order (None: read piece by piece, no positions)."""

    __slots__ = ("distinct", "starts", "ends")

    def __init__(self, distinct: set[str], starts: array[int] | None, ends: array[int] | None) -> None:
        self.distinct = distinct
        self.starts = starts
        self.ends = ends


def _tokens(piece: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    tokens = (piece,) if piece.isalnum() else tuple(TOKENS.findall(piece))
    return tokens, tuple(accumulate(map(len, tokens[:-1]), initial=0))


def one_pattern(cues: list[str], masks: list[str]) -> re.Pattern[str]:
    """Every cue word in one trie-shaped pattern, masks first: what the table matches."""
    mask = trie_pattern(masks) if masks else "(?!)"
    words = trie_pattern(cues) if cues else "(?!)"
    return re.compile(rf"(?<!\w)(?:(?P<mask>{mask})|(?P<cue>{words}))(?!\w)")


def scanner(cues: list[str], masks: list[str]) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """`one_pattern` as a long scan runs it, and the masks' own pattern. The two tries are
    joined at their first character, `(?:mask rest|cue rest)` under each, so masks are still
    tried first at every place, but one alternation is tried per place instead of two and no
    group is filled (about a sixth faster on a whole tree). A match is a mask when the masks'
    pattern matches all of it: had a mask matched that text there, it would have been tried
    (and taken) before any cue."""
    mask_trie, cue_trie = trie(masks), trie(cues)
    branches = [
        first + "(?:" + "|".join(emit(t[first]) for t in (mask_trie, cue_trie) if first in t) + ")"
        for first in sorted(set(mask_trie) | set(cue_trie))
    ]
    words = "(?:" + "|".join(branches) + ")" if branches else "(?!)"
    return re.compile(rf"(?<!\w){words}(?!\w)"), re.compile(emit(mask_trie)) if masks else None


def _placed(pieces: list[str], indices: Iterable[int]) -> Iterator[tuple[int, int]]:
    """Each of increasing piece indices with the piece's offset in the text (pieces are joined
    by one character), the lengths between summed in C."""
    rest = iter(pieces)
    at = last = 0
    for j in indices:
        at += sum(map(len, islice(rest, j - last))) + j - last
        last = j
        yield j, at


def _kind(char: str) -> int:
    return 0 if char.isalnum() or char == "_" else 1 if char == "-" or char.isspace() else 2


def _back(text: str, at: int, tokens: int) -> int:
    """Where the token `tokens` tokens before offset `at` starts (0 at the start of the text)."""
    for _ in range(tokens):
        if at == 0:
            break
        kind = _kind(text[at - 1])
        at -= 1
        while at > 0 and _kind(text[at - 1]) == kind:
            at -= 1
    return at


JOINTS = ("-", "\n", "\t", "\r")  # separators made spaces (same length) before the text is split


class CueTable:
    """Cue words and masks, filled by `add`; `distinct` and `spans` scan lower-cased text.

    A text is split at spaces (hyphens and line breaks made spaces first: str methods, no
    regex), the distinct pieces are looked up in a memo (each new piece is tokenized and its
    words classified once), and only the pieces holding a cue or the first word of a longer word
    are visited in order; a longer word is tried on the few tokens where it could stand."""

    def __init__(self, payback: float = PAYBACK) -> None:
        self.payback = payback  # characters per word scanned before the one pattern is compiled
        self.single: tuple[dict[str, str], dict[str, str]] = ({}, {})  # per kind: token -> word
        self.star: tuple[dict[str, str], dict[str, str]] = ({}, {})  # per kind: fixed part -> `*` word
        self.lengths: tuple[set[int], set[int]] = (set(), set())  # per kind: lengths of fixed parts
        self.pending: dict[str, list[tuple[str, int]]] = {}  # first word token -> longer words, unparsed
        self.parsed: dict[str, tuple[Phrase, ...]] = {}  # the same, parsed
        self.lead_stars: dict[str, list[Phrase]] = {}  # `.net*`: by the fixed part of its word
        self.lead_star_lengths: set[int] = set()
        self.keys: dict[str, tuple[tuple[int, str], ...]] = {}  # word -> its place in the trie's order
        self.listed: tuple[list[str], list[str]] = ([], [])  # every word as written, per kind
        self.scanned = 0  # characters scanned by the table so far
        self.pattern: re.Pattern[str] | None = None  # the one pattern (`scanner`), once it pays
        self.mask_pattern: re.Pattern[str] | None = None
        self.cue_memo: dict[str, bool] = {}  # matched text -> not a mask, for the pattern's matches
        self._forget()

    def _forget(self) -> None:
        """The memo of words and pieces met in texts, started over when it grows large."""
        self.seen: set[str] = set()  # words classified
        self.hits: set[str] = set()  # words that are one cue word
        self.masked: set[str] = set()  # words that are one mask
        self.starters: dict[str, Starts] = {}  # word -> the longer words looked up by it
        self.known: set[str] = set()  # pieces met
        self.pieces: dict[str, _Piece] = {}  # those holding a cue or a start
        self.hit_pieces: set[str] = set()
        self.start_pieces: set[str] = set()

    def add(self, word: str, kind: int) -> None:
        """One word of a pack. The common shapes (a word, a word and `*`) cost a dict entry;
        longer words are parsed when their anchor is first met in a text. A word without a
        letter or digit is left out (the pattern would match bare punctuation with it)."""
        low = word.lower()
        fixed = low.rstrip("*")
        if low.isalnum() or (fixed != low and fixed.isalnum()):
            self.listed[kind].append(word)
            if low.isalnum():
                self.single[kind].setdefault(low, word)
            else:
                self.star[kind].setdefault(fixed, word)
                self.lengths[kind].add(len(fixed))
            return
        star = fixed != low
        first = WORD.search(fixed)
        if first is None:
            return
        self.listed[kind].append(word)
        if star and WORD.search(fixed, first.end()) is None:  # its one word takes the `*`
            phrase = Phrase.of(word, kind)
            if phrase is not None and not phrase.lead and len(phrase.body) == 1:
                self.star[kind].setdefault(phrase.body[0], word)
                self.lengths[kind].add(len(phrase.body[0]))
                return
            if phrase is not None and len(phrase.body) == 1:
                self.lead_stars.setdefault(phrase.body[0], []).append(phrase)
                self.lead_star_lengths.add(len(phrase.body[0]))
                return
        found = anchor(fixed.strip(), star)
        if found is not None:
            self.pending.setdefault(found[1], []).append((word, kind))

    def _parse(self, token: str) -> tuple[Phrase, ...]:
        """The longer words whose first word is `token`; one that is a single word after all
        (" order") joins the dicts."""
        phrases = []
        for word, kind in self.pending.pop(token):
            phrase = Phrase.of(word, kind)
            if phrase is None:
                continue
            if not phrase.lead and len(phrase.body) == 1:
                self.single[kind].setdefault(token, word)
            else:
                phrases.append(phrase)
        return tuple(phrases)

    def _is_star(self, kind: int, token: str) -> bool:
        starred = self.star[kind]
        return any(token[:n] in starred for n in self.lengths[kind] if n <= len(token) <= n + STAR)

    def _learn(self, token: str) -> None:
        """Classify a word token: one mask, one cue, where longer words start."""
        self.seen.add(token)
        if token in self.pending:
            self.parsed[token] = self._parse(token)
        if token in self.single[MASK] or self._is_star(MASK, token):
            self.masked.add(token)
        elif token in self.single[CUE] or self._is_star(CUE, token):
            self.hits.add(token)
        phrases = self.parsed.get(token, ())
        if self.lead_stars:
            starred, lengths = self.lead_stars, self.lead_star_lengths
            phrases += tuple(p for n in lengths if n <= len(token) <= n + STAR for p in starred.get(token[:n], ()))
        if phrases:
            self.starters[token] = Starts.of(phrases)
        if token.isalnum():  # the piece that is just this word
            self._note(token, (token,), (0,), (0,) if token in self.hits else (), (0,) if phrases else ())

    def _split(self, text: str) -> tuple[list[str], set[str]]:
        """The pieces of a text between separators, and those of them worth a visit."""
        flat = text
        for joint in JOINTS:
            flat = flat.replace(joint, " ")
        pieces = flat.split(" ")
        present = set(pieces)
        new = present - self.known
        if new:
            if len(self.known) + len(new) > MEMO_LIMIT:
                self._forget()
                new = present
            for piece in new:
                if not piece.isalnum():
                    self._visit(piece)
                elif piece not in self.seen:
                    self._learn(piece)  # notes the piece too
            self.known |= new
        return pieces, present & self.pieces.keys()

    def _visit(self, piece: str) -> None:
        """Note what a piece that is not one word holds."""
        if not piece:
            return
        tokens, offsets = _tokens(piece)
        hits, starts = [], []
        for n, token in enumerate(tokens):
            if is_word(token):
                if token not in self.seen:
                    self._learn(token)
                if token in self.hits:
                    hits.append(n)
                if token in self.starters:
                    starts.append(n)
        self._note(piece, tokens, offsets, tuple(hits), tuple(starts))

    def _note(self, piece: str, tokens: tuple[str, ...], offsets: tuple[int, ...], hits: tuple[int, ...], starts: tuple[int, ...]) -> None:
        if hits or starts:
            self.pieces[piece] = _Piece(tokens, offsets, hits, starts)
            if hits:
                self.hit_pieces.add(piece)
            if starts:
                self.start_pieces.add(piece)

    def _before(self, piece: _Piece, at: int, pieces: list[str], j: int) -> str | None:
        """The token two before token `at` of piece `j`; None when it is not plain to see ("" at
        the start of the text, SEP for a separator)."""
        tokens = piece.tokens
        if at >= 2:
            return tokens[at - 2]
        if at == 1:
            return None if is_sep(tokens[0]) else SEP
        j -= 1
        while j >= 0 and not pieces[j]:
            j -= 1
        if j < 0:
            return ""
        last = pieces[j] if pieces[j].isalnum() else pieces[j][_back(pieces[j], len(pieces[j]), 1):]
        return None if is_sep(last) else last

    def _after(self, piece: _Piece, at: int, pieces: list[str], j: int) -> str | None:
        """The token two after token `at` of piece `j`, as `_before`."""
        tokens = piece.tokens
        if at + 2 < len(tokens):
            return tokens[at + 2]
        if at + 2 == len(tokens):
            return None if is_sep(tokens[at + 1]) else SEP
        j += 1
        while j < len(pieces) and not pieces[j]:
            j += 1
        if j == len(pieces):
            return ""
        first = pieces[j] if pieces[j].isalnum() else TOKENS.match(pieces[j]).group()  # type: ignore[union-attr]
        return None if is_sep(first) else first

    def _events(self, text: str, pieces: list[str], visit: set[str]) -> list[_Event]:
        """The matches of longer words (masks too) the scan keeps: leftmost, non-overlapping,
        each the word tried first where it starts, unless a one-token word there is."""
        found: list[_Event] = []
        last = len(pieces) - 1
        for j, offset in _placed(pieces, compress(count(), map(visit.__contains__, pieces))):
            piece = self.pieces[pieces[j]]
            for at in piece.starts:
                index = self.starters[piece.tokens[at]]
                back: str | None = ""
                on: str | None = ""
                if index.before:  # most pieces are one word: the one before is two tokens before
                    alone = at == 0 and j and pieces[j - 1]
                    back = pieces[j - 1] if alone and alone.isalnum() else self._before(piece, at, pieces, j)
                if index.after or index.after_prefix:
                    alone = at == len(piece.tokens) - 1 and j < last and pieces[j + 1]
                    on = pieces[j + 1] if alone and alone.isalnum() else self._after(piece, at, pieces, j)
                phrases = index.candidates(back, on)
                if not phrases:
                    continue
                here = offset + piece.offsets[at]
                left = _back(text, here, index.left)
                tokens = TOKENS.findall(text, left, here)
                i = len(tokens)
                ahead = list(islice(TOKENS.finditer(text, here), index.right + 1))
                tokens += [m.group() for m in ahead]
                where = list(accumulate(map(len, tokens[:i]), initial=left))[:i] + [m.start() for m in ahead]
                where.append(ahead[-1].end())
                for phrase in phrases:
                    span = phrase.match(tokens, i - phrase.anchor) if i >= phrase.anchor else None
                    if span is None:
                        continue
                    (a, x), (b, y) = span
                    start, end = where[a] + x, where[b] + y
                    inside = tuple(t for t in tokens[a:b] if t in self.hits)
                    found.append(_Event(start, end, phrase, tokens[a] if x == 0 else "", inside))
                    if phrase.lead[:1] == (SEP,):  # it may start anywhere in that run: later if covered
                        found.extend(_Event(start + n, end, phrase, "", inside) for n in range(1, len(tokens[a]) - x))
        found.sort(key=lambda e: e.start)
        kept: list[_Event] = []
        covered = -1
        at = 0
        while at < len(found):
            start = found[at].start
            group = [found[at]]
            at += 1
            while at < len(found) and found[at].start == start:
                group.append(found[at])
                at += 1
            if start < covered:
                continue
            winner = self._winner(group)
            if winner is not None:
                kept.append(winner)
                covered = winner.end
        return kept

    def _winner(self, group: list[_Event]) -> _Event | None:
        """The match the one pattern took among those starting at one place: a mask before a
        cue, then the trie's order; None when that is the one-token word there."""
        token = group[0].head
        kind = MASK if token in self.masked or any(e.phrase.kind == MASK for e in group) else CUE
        group = [e for e in group if e.phrase.kind == kind]
        single = token in (self.masked if kind == MASK else self.hits)
        if not group:
            return None
        if len(group) == 1 and not single:
            return group[0]
        best = min(group, key=lambda e: self._key(e.phrase.word))
        if single and self._single_key(kind, token) < self._key(best.phrase.word):
            return None
        return best

    def _key(self, word: str) -> tuple[tuple[int, str], ...]:
        """A word's place in the order the trie-shaped pattern tries words: its atoms, each
        branch in sorted order, the end of a word after every longer branch."""
        key = self.keys.get(word)
        if key is None:
            key = self.keys[word] = (*((0, atom) for atom in atoms(word)), (1, ""))
        return key

    def _single_key(self, kind: int, token: str) -> tuple[tuple[int, str], ...]:
        words = [self.single[kind][token]] if token in self.single[kind] else []
        starred = self.star[kind]
        words += [starred[token[:n]] for n in self.lengths[kind] if n <= len(token) <= n + STAR and token[:n] in starred]
        return min(self._key(word) for word in words)

    def _pays(self, text: str) -> bool:
        """Whether to scan with the one pattern: once the table has scanned about PAYBACK
        characters per word, compiling the pattern (its cost grows with the lists) pays for
        itself, as that scan is faster in CPython (no string per word of text)."""
        if self.pattern is None:
            self.scanned += len(text)
            if self.scanned <= self.payback * (len(self.listed[CUE]) + len(self.listed[MASK])):
                return False
            self.settle()
        return True

    def settle(self) -> None:
        """Compile the one pattern now (a run known to be long, a measurement of steady work);
        the table's memo is then of no use."""
        if self.pattern is None:
            self.pattern, self.mask_pattern = scanner(self.listed[CUE], self.listed[MASK])
            self._forget()

    def is_cue(self, matched: str) -> bool:
        """Whether a match of the one pattern is a cue rather than a mask."""
        found = self.cue_memo.get(matched)
        if found is None:
            if len(self.cue_memo) > MEMO_LIMIT:
                self.cue_memo.clear()
            found = self.cue_memo[matched] = self.mask_pattern is None or self.mask_pattern.fullmatch(matched) is None
        return found

    def distinct(self, text: str) -> set[str]:
        """The distinct matched texts of cue words in lower-cased `text` (masks left out)."""
        if self._pays(text):
            matched = set(self.pattern.findall(text))  # type: ignore[union-attr]
            return {cue for cue in matched if self.is_cue(cue)}
        return self._distinct(text)

    def located(self, text: str) -> Located:
        """`distinct` for lower-cased `text`, and where the one pattern scans it, where each
        match stands, masks too: a part of the text with no match across its edges and no
        word character beside it scans alone to the matches inside it (the pattern reads
        nothing past a match but whether a word character stands next to it)."""
        if not self._pays(text):
            return Located(self._distinct(text), None, None)
        # no Python per match: the spans go straight into one array of machine integers
        spans = array("q", chain.from_iterable(map(re.Match.span, self.pattern.finditer(text))))  # type: ignore[union-attr]
        starts, ends = spans[::2], spans[1::2]
        matched = set(map(text.__getitem__, map(slice, starts, ends)))
        return Located({cue for cue in matched if self.is_cue(cue)}, starts, ends)

    def _distinct(self, text: str) -> set[str]:
        pieces, visit = self._split(text)
        found: set[str] = set()
        held = visit & self.hit_pieces
        for piece in held:
            found.update(self.pieces[piece].words)
        visit &= self.start_pieces
        if not visit:
            return found
        events = self._events(text, pieces, visit)
        hidden = Counter(t for e in events for t in e.inside)
        if hidden:  # a cue every use of which is inside a longer match is not found
            totals: Counter[str] = Counter()
            for piece, times in Counter(compress(pieces, map(held.__contains__, pieces))).items():
                for word in self.pieces[piece].words:
                    if word in hidden:
                        totals[word] += times
            found -= {word for word, times in hidden.items() if totals[word] == times}
        return found | {text[e.start:e.end] for e in events if e.phrase.kind == CUE}

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every cue match in lower-cased `text`, in order (masks left out)."""
        if self._pays(text):
            return [m.span() for m in self.pattern.finditer(text) if self.is_cue(m.group())]  # type: ignore[union-attr]
        pieces, visit = self._split(text)
        if not visit:
            return []
        events = iter(self._events(text, pieces, visit & self.start_pieces))
        event = next(events, None)
        out: list[tuple[int, int]] = []
        for j, offset in _placed(pieces, compress(count(), map((visit & self.hit_pieces).__contains__, pieces))):
            info = self.pieces[pieces[j]]
            for n in info.hits:
                start = offset + info.offsets[n]
                while event is not None and event.end <= start:
                    if event.phrase.kind == CUE:
                        out.append((event.start, event.end))
                    event = next(events, None)
                if event is None or event.start > start:  # not inside a longer match
                    out.append((start, start + len(info.tokens[n])))
        while event is not None:
            if event.phrase.kind == CUE:
                out.append((event.start, event.end))
            event = next(events, None)
        return out
