"""The margin rule of termsense 0.1.0, kept as one input of the verdict model.

Local domain cues for the other term start a score that grows with the margin of evidence;
a document whose domain cues all call for the other term gives a capped score to a mention
with no domain cue of its own; a document with domain cues for the word as written gives
none. Hand-set, it was precise on text like ours; the model weighs it against the party
and real-text evidence instead of trusting it alone.
"""

from __future__ import annotations

from .context import BLOCK, CLAUSE, Scores, confidence
from .packs import Pack


def margin_score(
    pack: Pack, scores: Scores, found: str, expected: str, *, contrasted: bool, domains: dict[str, float],
    totals: dict[str, float], words: int,
) -> float:
    """0 to 1: how strongly the pack's hand-set margins call for `expected` over `found`."""
    context = pack.context
    if domains.get(found, 0.0) >= context.min_evidence:
        return 0.0
    genre = 0.0 if contrasted else domains.get(expected, 0.0)
    damping, reach = (context.contrast_damping, CLAUSE) if contrasted else (1.0, BLOCK)
    claimants = [cls for cls, terms in pack.sets_aside.items() if found in terms]  # software, for client
    if scores.local(expected, reach, context.domain_weight) >= context.min_evidence:
        return confidence((scores.of(expected) - scores.of(found)) * damping, context.scale)
    if (
        genre >= max(context.min_evidence, context.genre_density * words / 1000)
        and not scores.local(found, min_base=context.domain_weight)
        and not any(totals.get(cls, 0.0) >= context.min_evidence for cls in claimants)
    ):
        return min(context.genre_cap, confidence(genre * damping, context.genre_scale))
    return 0.0
