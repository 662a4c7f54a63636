"""Parties: which mentions name one party, and the evidence they share.

A document usually speaks of one party with both words when it slips; a mention whose own
context is silent is then decided by what the other mentions of that party say (a heading, a
greeting, a list lead-in, an earlier paragraph). Mentions that the pack's patterns tie to a
second party ("our clients' customers") form a party of their own and keep their cues apart,
and so do the two words when each comes with a modifier of its own setting ("retail customers",
"private banking clients"): two segments of the document's people, not one party named twice.
"""

from __future__ import annotations

from collections import Counter

from .context import ATTACHED, BLOCK, Scores
from .findings import Evidence

MAIN, SECOND = "main", "second"
PROGRAM = "program"  # the suffix of a party of uses read beside a program's words (pipeline)
SECOND_PARTY = "second-party"  # the pack sense kind that ties a mention to the other term's party's own party
TRADE_PARTY = "trade-party"  # the pack sense kind that ties a mention to a business named by its trade
BUSINESSES = "businesses"  # the pack sense kind that says a term's party are businesses with a trade of their own


class Party:
    """One party of a document: how often each term names it, and the distinct cues around
    its mentions (block level and nearer), each with its pack weight, by class. (A plain class
    compared by identity: a frozen dataclass costs every run about half a millisecond to define.)"""

    __slots__ = ("name", "counts", "cues")

    def __init__(self, name: str, counts: Counter[str], cues: dict[str, dict[str, Evidence]]) -> None:
        self.name = name
        self.counts = counts
        self.cues = cues  # class -> cue -> its nearest sighting

    def evidence(self, cls: str, min_base: float = 0.0, max_base: float = float("inf")) -> float:
        return sum(e.base for e in self.cues.get(cls, {}).values() if min_base <= e.base < max_base)


def pool(names: list[str], terms: list[str], scores: list[Scores], counted: list[bool]) -> dict[str, Party]:
    """The parties of a document from its judged mentions: `names[i]` is the party of mention
    i, `terms[i]` its term; `counted[i]` says whether it counts towards the party's word
    choice (a hyphenated modifier such as "customer-facing" does not)."""
    parties: dict[str, Party] = {}
    pooled: set[tuple[str, int]] = set()  # a Scores object shared by mentions adds its cues once
    for name, term, score, counts in zip(names, terms, scores, counted, strict=True):
        party = parties.get(name)
        if party is None:  # not setdefault: that makes a party for every mention to keep one
            party = parties[name] = Party(name, Counter(), {})
        if counts:
            party.counts[term] += 1
        if (name, id(score)) in pooled:
            continue
        pooled.add((name, id(score)))
        for e in score.evidence:
            if e.level <= BLOCK:
                cues = party.cues.setdefault(e.supports, {})
                if e.cue not in cues or e.level < cues[e.cue].level:
                    cues[e.cue] = e
    return parties


def segments(names: list[str], terms: list[str], scores: list[Scores], domain_weight: float) -> list[str]:
    """The party names with the main party split by word when both words name a segment of
    their own: some mention of each carries, attached to it, domain cues of one setting, and
    the two settings differ ("our retail customers ... our private banking clients"; or each
    word swapped: "the court date of each customer ... every client of the café pays at the
    till"). A document that slips ("the client ... a customer who cancels is refunded") has
    no such pair: its words point to one setting, and it keeps one party. `names[i]`,
    `terms[i]`, `scores[i]` describe mention i."""
    attached: dict[str, set[str]] = {}  # term -> the classes its mentions' attached domain cues support
    read: set[tuple[str, int]] = set()  # a Scores object shared by mentions of a term is read once
    for name, term, score in zip(names, terms, scores, strict=True):
        if name == MAIN and (term, id(score)) not in read:
            read.add((term, id(score)))
            attached.setdefault(term, set()).update(
                e.supports for e in score.evidence if e.level == ATTACHED and e.base >= domain_weight
            )
    settings = [classes & attached.keys() for classes in attached.values()]
    if len(attached) < 2 or any(len(found) != 1 for found in settings) or settings[0] == settings[1]:
        return names
    return [f"{MAIN}:{term}" if name == MAIN else name for name, term in zip(names, terms, strict=True)]
