"""Longer cue words (`in order to`, `x.509`, `.net`, `check-in*`) as tokens, matched on the few
tokens of a text around one place, exactly as the trie-shaped pattern matches them (`trie`):
each run of spaces and hyphens is one separator, a `*` takes up to eight word characters, a
word ends where no word character follows. Each is looked up by an anchor (`anchor`), and
`Starts` indexes those of one anchor by a neighbouring token, so most places are passed over
after a dict lookup."""

from __future__ import annotations

import re

TOKENS = re.compile(r"\w+|[\s-]+|[^\w\s-]+")  # every character in exactly one token
WORD = re.compile(r"\w+")
STAR = 8  # a `*` ends in at most this many word characters (trie.WILDCARD)
SEP = " "  # a run of spaces and hyphens, among a word's tokens
_COMMON = b"etaoinshrdlcum"  # the commonest letters of English, dropped to count the rest

Position = tuple[int, int]  # (token index, characters into the token)


def is_word(token: str) -> bool:
    return token[0].isalnum() or token[0] == "_"  # what `\w` matches


def is_sep(token: str) -> bool:
    return token[0] == "-" or token[0].isspace()


class Phrase:
    """A word of more than one token (`in order to`, `x.509`, `.net`) as tokens, each run of
    spaces and hyphens as SEP: `lead` before its first word token, `body` from it on. (Plain
    classes here: a dataclass costs about a millisecond of start-up to define.)"""

    __slots__ = ("word", "kind", "lead", "body", "star", "anchor")

    def __init__(self, word: str, kind: int, lead: tuple[str, ...], body: tuple[str, ...], star: bool, anchor: int) -> None:
        self.word = word
        self.kind = kind  # CUE or MASK
        self.lead = lead
        self.body = body
        self.star = star
        self.anchor = anchor  # index in `body` of the word it is looked for by (`anchor`)

    @classmethod
    def of(cls, word: str, kind: int) -> Phrase | None:
        star = word.endswith("*")
        fixed = word.rstrip("*").strip().lower()
        tokens = [SEP if is_sep(t) else t for t in TOKENS.findall(fixed)]
        first = next((i for i, t in enumerate(tokens) if is_word(t)), None)
        if first is None:
            return None  # no letter or digit: nothing to look it up by
        found = anchor(fixed, star)  # None for `& net*`: looked up by the fixed part of its word
        part, started, index = 0, False, first
        for i, token in enumerate(tokens if found else ()):  # the first word token of part `found[0]`
            if token == SEP:
                part, started = part + started, False
            elif part == found[0] and is_word(token):  # type: ignore[index]
                index = i
                break
            else:
                started = True
        return cls(word, kind, tuple(tokens[:first]), tuple(tokens[first:]), star, index - first)

    def match(self, tokens: list[str], i: int) -> tuple[Position, Position] | None:
        """Where the phrase matches with its first word token at `tokens[i]`, if it does."""
        start = (i, 0)
        k = i
        for n, want in enumerate(reversed(self.lead)):
            k -= 1
            if k < 0:
                return None
            have = tokens[k]
            if n < len(self.lead) - 1:
                if not _same(have, want):
                    return None
            elif want == SEP:  # the scan starts inside a run of spaces, never right after a letter
                if not is_sep(have) or (k > 0 and is_word(tokens[k - 1]) and len(have) < 2):
                    return None
                start = (k, 1 if k > 0 and is_word(tokens[k - 1]) else 0)
            elif not have.endswith(want) or (len(have) == len(want) and k > 0 and is_word(tokens[k - 1])):
                return None  # the lead must not follow a letter
            else:
                start = (k, len(have) - len(want))
        last = len(self.body) - 1
        for n, want in enumerate(self.body):
            k = i + n
            if k >= len(tokens):
                return None
            have = tokens[k]
            if n < last:
                if not _same(have, want):
                    return None
            elif is_word(want):
                if not (have.startswith(want) and len(have) - len(want) <= STAR if self.star else have == want):
                    return None
                return start, (k + 1, 0)
            elif want == SEP:  # `pre-*`: a short word after the run, else the run up to a letter
                if not is_sep(have):
                    return None
                if k + 1 < len(tokens) and is_word(tokens[k + 1]):
                    if self.star and len(tokens[k + 1]) <= STAR:
                        return start, (k + 2, 0)
                    return (start, (k, len(have) - 1)) if len(have) > 1 else None
                return start, (k + 1, 0)
            elif not have.startswith(want):
                return None
            elif len(have) > len(want):
                return start, (k, len(want))  # ends inside a run of punctuation: no letter follows
            elif k + 1 < len(tokens) and is_word(tokens[k + 1]):
                if self.star and len(tokens[k + 1]) <= STAR:
                    return start, (k + 2, 0)
                return None
            else:
                return start, (k + 1, 0)
        return None  # unreachable: the body is never empty


def anchor(fixed: str, star: bool) -> tuple[int, str] | None:
    """The part of a longer word (between spaces and hyphens) to look it up by, and its first
    word token: the part likely rarest in text (long, of rare letters; the later of equals), so
    that common short words (`in`, `to`) are seldom looked at; never the part a `*` ends."""
    parts = fixed.replace("-", " ").split()
    usable = parts
    if star and parts and is_word(fixed[-1]):  # the `*` ends the last part's last word
        runs = WORD.findall(parts[-1])
        usable = parts[:-1] if len(runs) == 1 else parts  # else its first word stays exact
    if not usable:
        return None
    best = max(reversed(usable), key=_rarity)
    if not best.isalnum():
        worded = [p for p in usable if WORD.search(p)]
        if not worded:
            return None
        best = max(reversed(worded), key=_rarity)
    n = len(usable) - 1 - usable[::-1].index(best)
    return n, best if best.isalnum() else WORD.search(best).group()  # type: ignore[union-attr]


def _rarity(part: str) -> int:
    return 2 * len(part) + len(part.encode().translate(None, _COMMON))


def _same(have: str, want: str) -> bool:
    return is_sep(have) if want == SEP else have == want




class Starts:
    """The longer words looked up by one word, indexed by a neighbour: the token two before
    that word or, for a word near the start, the token two after, as it must be (the first three
    letters of a `*` word), or not at all; and how many tokens around it a match can take."""

    __slots__ = ("before", "after", "after_prefix", "loose", "left", "right")

    def __init__(
        self,
        before: dict[str, tuple[Phrase, ...]],
        after: dict[str, tuple[Phrase, ...]],
        after_prefix: dict[str, tuple[Phrase, ...]],
        loose: tuple[Phrase, ...],
        left: int,
        right: int,
    ) -> None:
        self.before, self.after, self.after_prefix, self.loose = before, after, after_prefix, loose
        self.left = left  # tokens before the word, leads and one more included
        self.right = right  # tokens from the word on, one more included

    @classmethod
    def of(cls, phrases: tuple[Phrase, ...]) -> Starts:
        before: dict[str, list[Phrase]] = {}
        after: dict[str, list[Phrase]] = {}
        prefix: dict[str, list[Phrase]] = {}
        loose: list[Phrase] = []
        for phrase in phrases:
            body, a = phrase.body, phrase.anchor
            two_on = body[a + 2] if a + 2 < len(body) and body[a + 2] != SEP else ""
            if a >= 2 and body[a - 2] != SEP:
                before.setdefault(body[a - 2], []).append(phrase)
            elif two_on and (a + 3 < len(body) or (is_word(two_on) and not phrase.star)):
                after.setdefault(two_on, []).append(phrase)
            elif two_on and is_word(two_on) and len(two_on) >= 3:
                prefix.setdefault(two_on[:3], []).append(phrase)
            else:
                loose.append(phrase)
        left = max(p.anchor + len(p.lead) + 1 for p in phrases)
        right = max(len(p.body) - p.anchor + 1 for p in phrases)
        frozen = {k: tuple(v) for k, v in before.items()}, {k: tuple(v) for k, v in after.items()}
        return cls(*frozen, {k: tuple(v) for k, v in prefix.items()}, tuple(loose), left, right)

    def candidates(self, back: str | None, on: str | None) -> list[Phrase]:
        """The phrases that can match where the tokens two before and two after the word are
        `back` and `on` (None: not known)."""
        found = list(self.loose)
        if self.before:
            found += (p for v in self.before.values() for p in v) if back is None else self.before.get(back, ())
        if self.after or self.after_prefix:
            if on is None:
                found += (p for v in (*self.after.values(), *self.after_prefix.values()) for p in v)
            else:
                found += (*self.after.get(on, ()), *self.after_prefix.get(on[:3], ()))
        return found
