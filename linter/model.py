"""The verdict model: how likely the word as written is the wrong one of its pair.

Features are the evidence for the other term and for the word itself, by distance and cue
strength, the evidence pooled over the word's party, the party's word choice, the software
genre, the page length and 0.1.0's hand-set margin. Their weights are a logistic regression fitted on labeled
and real text (`benchmarks/fit.py`) and shipped in the pack, so the decision is data and
each finding can show what moved it.
"""

from __future__ import annotations

import math

from .context import ATTACHED, BLOCK, CLAUSE, DOCUMENT, SECTION, Scores
from .logistic import GROUP_NAMES
from .parties import SECOND, Party

LENGTH_CAP = 5000  # words
MAJORITY = 2 / 3  # share of the other word among a party's names that speaks by itself
OWN_CONTEXT = ("near", "block", "party")  # what a second party is decided by: its blocks, not the page
_GROUP_OF = dict(zip((ATTACHED, CLAUSE, BLOCK, SECTION, DOCUMENT), ("near", *GROUP_NAMES), strict=True))
# (level, is a domain cue, supports the other term) -> the feature it adds to
_FEATURE_OF = {
    (level, strong, other): f"{group}_{'domain' if strong else 'light'}_{'for' if other else 'against'}"
    for level, group in _GROUP_OF.items() for strong in (True, False) for other in (True, False)
}
_EVIDENCE = tuple(dict.fromkeys(_FEATURE_OF.values()))


def features(
    scores: Scores, found: str, expected: str, party: Party, *, domain_weight: float, technical: tuple[str, ...],
    genre: float, compound: bool, contrasted: bool, found_first: bool, margin: float, words: int, technical_uses: int,
    code_spans: int,
) -> dict[str, float]:
    """The model's inputs for one mention of `found` whose pair's other term is `expected`:
    evidence "for" the other term and "against" it (for the word as written), log-scaled."""
    raw = dict.fromkeys(_EVIDENCE, 0.0)
    near_technical = 0.0
    for e in scores.evidence:
        if e.supports == expected or e.supports == found:
            raw[_FEATURE_OF[e.level, e.base >= domain_weight, e.supports == expected]] += e.base
        elif e.supports in technical and e.level <= BLOCK:
            near_technical += e.base
    out = {name: math.log1p(value) for name, value in raw.items()}
    for side, term in (("for", expected), ("against", found)):
        out[f"party_domain_{side}"] = math.log1p(party.evidence(term, domain_weight))
        out[f"party_light_{side}"] = math.log1p(party.evidence(term, 0.0, domain_weight))
    total = party.counts[found] + party.counts[expected]
    out["party_share"] = party.counts[expected] / total if total else 0.0
    out["party_minority"] = 1.0 if party.counts[expected] > party.counts[found] else 0.0
    out["party_alone"] = 1.0 if party.counts[expected] == 0 else 0.0
    out["second_party"] = 1.0 if party.name == SECOND else 0.0
    out["technical_near"] = math.log1p(near_technical)
    out["technical_document"] = math.log1p(genre)
    out["technical_uses"] = math.log1p(technical_uses)  # the same word as a program elsewhere on the page
    # a page with code is a developer's: a word a software class sets aside names a program there more often
    out["code_document"] = math.log1p(code_spans) if technical else 0.0
    out["compound"] = 1.0 if compound else 0.0
    out["contrasted"] = 1.0 if contrasted else 0.0
    out["found_first"] = 1.0 if found_first else 0.0
    out["margin"] = margin
    # a long page holds far cues by chance: its length discounts a verdict that rests on
    # them, never one with a domain cue in the word's own block (past a few thousand words,
    # length says no more)
    local = out["near_domain_for"] or out["block_domain_for"]
    out["length"] = 0.0 if local else math.log1p(min(words, LENGTH_CAP) / 1000)
    return out


def decidable(features: dict[str, float]) -> bool:
    """Whether the model may speak at all. Something must call for the other term: a domain
    cue anywhere in the mention's reach or its party's, or a light cue ("trust", "order") in
    its own block; a light cue further away names no setting; or the party must be named the
    other way at least twice as often (one party, two names). A second party ("our clients'
    customers") answers to its own blocks only, a domain or light cue there: the section and
    the page around it speak of the first party. A hyphenated modifier needs a
    domain cue in its own block. In a document that contrasts
    the two words on purpose (it knows the difference), a domain cue in the word's own clause
    must. So a tie with no evidence, or a mention in an article about the words, is never a
    finding, however the weights fall."""
    if features["contrasted"]:
        return features["near_domain_for"] > features["near_domain_against"]
    if features["compound"]:  # a modifier ("customer-facing") answers to its own block only
        return features["near_domain_for"] > 0 or features["block_domain_for"] > 0
    if features["second_party"]:  # the section and the document speak of the first party
        return any(features[f"{group}_{strength}_for"] > 0 for group in OWN_CONTEXT for strength in ("domain", "light"))
    domain = any(features[f"{group}_domain_for"] > 0 for group in (*GROUP_NAMES, "party"))
    majority = features["party_share"] >= MAJORITY  # the party's other name outnumbers it
    return domain or majority or features["margin"] > 0 or features["near_light_for"] > 0 or features["block_light_for"] > 0
