"""A logistic model as pack data: named features, their weights and an intercept.

Kept free of imports so a pack can carry one without loading the pipeline.
"""

from __future__ import annotations

import math
import operator

GROUP_NAMES = ("near", "block", "section", "document")  # distance groups, nearest first
FEATURES = (
    *(f"{group}_{strength}_{side}" for group in (*GROUP_NAMES, "party") for strength in ("domain", "light")
      for side in ("for", "against")),
    "party_share", "party_minority", "party_alone", "second_party", "technical_near", "technical_document", "compound",
    "contrasted", "found_first", "margin", "length", "lexicon_block", "lexicon_document", "technical_uses", "code_document",
)
# Evidence can only move the odds its own way: a cue for the other term never makes a finding
# less likely. The fit holds these signs (+1: at least 0, -1: at most 0).
SIGNS = {
    name: (1 if name.endswith("_for") or name == "margin" else -1)
    for name in FEATURES if name.endswith(("_for", "_against")) or name == "margin"
} | {"lexicon_block": 1, "lexicon_document": 1, "technical_uses": -1, "code_document": -1}  # a lean is signed
# toward the other term; a word the page also uses as a program's name, or on a page with code, is less likely a
# party's slip


PAIR_SPECIFIC = ("found_first",)  # priors of one term pair: they do not carry to another pack


class Model:
    """Weights by feature name and an intercept (a plain class compared by identity: a frozen
    dataclass costs every run about half a millisecond to define)."""

    __slots__ = ("intercept", "weights", "_aligned")

    def __init__(self, intercept: float, weights: dict[str, float]) -> None:
        self.intercept = intercept
        self.weights = weights
        # feature names in the order given -> their weights in that order (a dense page asks
        # thousands of times with one order): the products and their sum come out as before
        self._aligned: dict[tuple[str, ...], list[float]] = {}

    def for_another_pair(self) -> Model:
        """These weights for a pack without its own: the pair's priors left out."""
        return Model(self.intercept, {k: v for k, v in self.weights.items() if k not in PAIR_SPECIFIC})

    def probability(self, features: dict[str, float]) -> float:
        return sigmoid(self.logit(features))

    def logit(self, features: dict[str, float]) -> float:
        names = tuple(features)
        weights = self._aligned.get(names)
        if weights is None:
            weights = self._aligned[names] = [self.weights.get(name, 0.0) for name in names]
        return self.intercept + sum(map(operator.mul, weights, features.values()))


def sigmoid(z: float) -> float:
    """The logistic function, with the log-odds clipped so no input overflows."""
    return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))
