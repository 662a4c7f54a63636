"""Verdicts: rules turn scored occurrences into findings (mismatch, inconsistent, prefer kinds).

Rule ids, messages and the terms they compare come from the pack; this module only knows
the three decisions.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .context import BLOCK, Scores
from .document import Source
from .findings import PARTY, Edit, Evidence, Finding, Fix
from .inflect import replacement
from .model import decidable
from .occurrences import Occurrence
from .packs import Pack, RuleSpec
from .parties import Party

_EVIDENCE_SHOWN = 4
REPORT_FLOOR = 0.5  # below this the word is likelier right than wrong: never a finding
LOCAL_FOR = ("near_domain_for", "near_light_for", "block_domain_for", "block_light_for")


@dataclass(frozen=True, slots=True)
class Judged:
    """An occurrence in the business sense with its context scores."""

    occurrence: Occurrence
    scores: Scores
    party: str  # which party of the document it names (parties.MAIN or SECOND)


def evaluate(
    pack: Pack, source: Source, judged: list[Judged], features: list[dict[str, float]], parties: list[Party],
    rules: list[RuleSpec], *,
    contrasted: bool, prefer: str | None, context_model: bool = False,
) -> list[Finding]:
    """Findings of the enabled rules; an occurrence keeps its most confident finding.

    The pack's model gives each judged mention the probability that its word is the wrong one
    of the pair. The finding is the inconsistency rule's when the mention's own block holds no
    cue for the other term and its party is also named the other way (the party's word choice
    and its other mentions decided), else the mismatch rule's for that word.
    """
    findings: dict[int, Finding] = {}
    by_kind = {rule.kind: rule for rule in rules if rule.kind != "mismatch"}
    mismatch = {rule.found: rule for rule in rules if rule.kind == "mismatch"}
    adjust = None
    if context_model:  # opt-in, imported only when asked for (contextmodel.py)
        from .contextmodel import for_mentions

        adjust = for_mentions(pack, source, judged, features)
    for i, item in enumerate(judged):
        found = item.occurrence.form.term
        expected = pack.other(found)
        if not decidable(features[i]):
            continue
        probability = pack.model.probability(features[i])
        moved = adjust(i, probability) if adjust is not None else None
        probability = moved[0] if moved is not None else probability
        if probability < REPORT_FLOOR:
            continue
        silent = not any(features[i][name] for name in LOCAL_FOR)  # its own block says nothing
        # a hyphenated modifier ("customer-facing") describes another word, not the party
        named_both_ways = features[i]["party_share"] > 0 and not item.occurrence.compound
        rule = by_kind.get("inconsistent") if silent and named_both_ways and not contrasted else None
        rule = rule or mismatch.get(found)
        if rule is None:
            continue
        findings[i] = _verdict(pack, source, item, rule, found, expected, probability, parties[i])
        if moved is not None:
            findings[i] = replace(findings[i], evidence=(*findings[i].evidence, *moved[1]))
    if prefer is not None and "prefer" in by_kind:
        found_prefer: dict[int, Finding] = {}
        _prefer(pack, source, judged, by_kind["prefer"], prefer, found_prefer)
        for i, finding in found_prefer.items():
            if i not in findings or finding.confidence > findings[i].confidence:
                findings[i] = _with_fix(finding, judged[i])
    return [findings[i] for i in sorted(findings)]


def _verdict(
    pack: Pack, source: Source, item: Judged, rule: RuleSpec, found: str, expected: str, probability: float,
    party: Party,
) -> Finding:
    evidence = _evidence(item.scores, expected, found, party)
    counts = f"{party.counts[expected]} to {party.counts[found]}"
    label = evidence[0].label if evidence and evidence[0].supports == expected else pack.terms[expected].plural
    new = replacement(item.occurrence.text, item.occurrence.form, pack.terms[expected])
    message = rule.message.format(
        matched=item.occurrence.text, replacement=new, context=label, majority=pack.terms[expected].plural,
        counts=counts,
    )
    finding = _finding(source, item.occurrence, rule, message, new, probability, evidence)
    return _with_fix(finding, item)


def _with_fix(finding: Finding, item: Judged) -> Finding:
    """Attach the span edit; whether it is safe to apply is the filters' call, made from the
    confidence the user asked for (filters.py)."""
    edit = Edit(item.occurrence.source_start, item.occurrence.source_end, finding.replacement or "")
    return replace(finding, fix=Fix("safe", (edit,)))


def _prefer(pack: Pack, source: Source, judged: list[Judged], rule: RuleSpec, prefer: str, out: dict[int, Finding]) -> None:
    for i, item in enumerate(judged):
        if item.occurrence.form.term == prefer:
            continue
        new = replacement(item.occurrence.text, item.occurrence.form, pack.terms[prefer])
        message = rule.message.format(matched=item.occurrence.text, replacement=new)
        out[i] = _finding(source, item.occurrence, rule, message, new, 1.0, ())


def _evidence(scores: Scores, supports: str, against: str, party: Party | None = None) -> tuple[Evidence, ...]:
    """The strongest cues for the suggested term (its own first, then those around the party's
    other mentions, "same party"), then the strongest one against it."""
    pro = [e for e in scores.evidence if e.supports == supports][:_EVIDENCE_SHOWN]
    pooled_here = party.cues.get(supports, {}) if party is not None else {}
    # a cue seen only far off, but next to another mention of this party, is that party's
    pro = [replace(e, level=PARTY) if e.level > BLOCK and e.cue in pooled_here else e for e in pro]
    if party is not None and len(pro) < _EVIDENCE_SHOWN:
        seen = {e.cue for e in pro}
        pooled = sorted(party.cues.get(supports, {}).values(), key=lambda e: (-e.base, e.cue))
        pro += [replace(e, level=PARTY, weight=e.base) for e in pooled if e.cue not in seen][:_EVIDENCE_SHOWN - len(pro)]
    con = [e for e in scores.evidence if e.supports == against][:1]
    return tuple(pro + con)


def _finding(
    source: Source, occurrence: Occurrence, rule: RuleSpec, message: str, new: str, score: float,
    evidence: tuple[Evidence, ...],
) -> Finding:
    line, column = source.position(occurrence.source_start)
    end_line, end_column = source.position(occurrence.source_end)
    return Finding(
        source.path, line, column, end_line, end_column, rule.id, message, occurrence.text, new,
        round(score, 4), evidence, line_text=source.line_text(line - 1),
    )
