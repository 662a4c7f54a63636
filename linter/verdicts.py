"""Verdicts: rules turn scored occurrences into findings (mismatch, inconsistent, prefer kinds).

Rule ids, messages and the terms they compare come from the pack; this module only knows
the three decisions.
"""

from __future__ import annotations

from dataclasses import replace

from .context import BLOCK, Scores
from .document import Source
from .findings import CONFIDENCE_DIGITS, PARTY, SHOWN_SHIFT, Edit, Evidence, Finding, Fix
from .inflect import replacement
from .lexicon import Leans, load_lexicon
from .logistic import sigmoid
from .model import decidable
from .occurrences import Occurrence
from .packs import Pack, RuleSpec
from .parties import Party

_EVIDENCE_SHOWN = 4
REPORT_FLOOR = 0.5  # below this the word is likelier right than wrong: never a finding
QUOTE_REACH = 400  # characters each side of a finding read for the quotation marks around it
LOCAL_FOR = ("near_domain_for", "near_light_for", "block_domain_for", "block_light_for")


class Judged:
    """An occurrence in the business sense with its context scores."""

    __slots__ = ("occurrence", "scores", "party", "contrasted")

    def __init__(self, occurrence: Occurrence, scores: Scores, party: str, contrasted: bool) -> None:
        self.occurrence = occurrence
        self.scores = scores
        self.party = party  # which party of the document it names (parties.MAIN or SECOND)
        self.contrasted = contrasted  # its sentence sets its clause against another party


def evaluate(
    pack: Pack, source: Source, judged: list[Judged], features: list[dict[str, float]], parties: list[Party],
    rules: list[RuleSpec], *,
    contrasted: bool, prefer: str | None, context_model_below: float | None = None, fix_from: float = 0.0,
) -> list[Finding]:
    """Findings of the enabled rules; an occurrence keeps its most confident finding. A finding
    below `fix_from` (the fix confidence) gets no fix, whatever its rule: it is a review item,
    since a wrong fix turns correct prose into a mistake. This is the one place it is decided.

    The pack's model gives each judged mention the probability that its word is the wrong one
    of the pair. The finding is the inconsistency rule's when the mention's own block holds no
    cue for the other term and its party is also named the other way (the party's word choice
    and its other mentions decided), else the mismatch rule's for that word.
    """
    findings: dict[int, Finding] = {}
    by_kind = {rule.kind: rule for rule in rules if rule.kind != "mismatch"}
    mismatch = {rule.found: rule for rule in rules if rule.kind == "mismatch"}
    lexicon = load_lexicon(pack.path) if judged else None
    leans = Leans(lexicon, source.text) if lexicon is not None else None
    adjust = None
    if context_model_below is not None:  # opt-in, imported only when asked for (contextmodel.py)
        from .contextmodel import for_mentions

        adjust = for_mentions(pack, source, judged, features, context_model_below)
    # the decision is a function of the mention's inputs, scores, party and term, its wording of
    # the matched text too: mentions that share them (the pipeline shares equal inputs) share
    # each, and only positions differ (and what the context model reads around each mention)
    decided: dict[tuple[int, int, int, bool, str], _Decision | None] = {}
    worded: dict[tuple[int, str], tuple[str, str, tuple[Evidence, ...]]] = {}
    shown: _Shown = {}
    for i, item in enumerate(judged):
        occurrence = item.occurrence
        key = (id(features[i]), id(item.scores), id(parties[i]), occurrence.compound, occurrence.form.term)
        if key not in decided:
            decided[key] = _decide(pack, item, features[i], by_kind, mismatch, contrasted)
        decision = decided[key]
        if decision is None:
            continue
        probability = decision.probability
        moved: tuple[Evidence, ...] = ()
        # the words of its block and page may confirm the word as written (lower the odds, never
        # raise them: a mention under the floor stays there unless the context model speaks)
        if leans is not None and (probability >= REPORT_FLOOR or adjust is not None):
            shift, span = leans.shift(pack.model, occurrence.source_start, occurrence.source_end, decision.expected)
            if shift < -SHOWN_SHIFT:
                probability = sigmoid(decision.logit + shift)
                if probability >= REPORT_FLOOR:
                    moved = (leans.evidence(shift, span, occurrence.form.term),)
        if adjust is not None:  # the context model reads the words around each mention
            probability, more = adjust(i, probability)
            moved += more
        if probability < REPORT_FLOOR:
            continue
        wording = (id(decision), occurrence.text)
        if wording not in worded:
            worded[wording] = _worded(pack, decision, item, parties[i], shown)
        message, new, evidence = worded[wording]
        findings[i] = _finding(source, occurrence, decision.rule, message, new, probability, evidence + moved, fix_from)
    if prefer is not None and "prefer" in by_kind:
        found_prefer: dict[int, Finding] = {}
        _prefer(pack, source, judged, by_kind["prefer"], prefer, found_prefer)
        for i, finding in found_prefer.items():
            if i not in findings or finding.confidence > findings[i].confidence:
                findings[i] = finding
    return [findings[i] for i in sorted(findings)]


class _Decision:
    """A mention's finding before the report floor and its wording: the rule, the suggested
    term and the verdict model's probability."""

    __slots__ = ("rule", "expected", "logit", "probability")

    def __init__(self, rule: RuleSpec, expected: str, logit: float) -> None:
        self.rule = rule
        self.expected = expected
        self.logit = logit  # of the verdict model
        self.probability = sigmoid(logit)  # once: the mentions that share a decision read it each


def _decide(
    pack: Pack, item: Judged, features: dict[str, float], by_kind: dict[str, RuleSpec],
    mismatch: dict[str | None, RuleSpec], contrasted: bool,
) -> _Decision | None:
    """The rule of a mention's finding and the model's probability, or None when the model may
    not speak or no rule applies."""
    found = item.occurrence.form.term
    if not decidable(features):
        return None
    silent = not any(features[name] for name in LOCAL_FOR)  # its own block says nothing
    # a hyphenated modifier ("customer-facing") describes another word, not the party
    named_both_ways = features["party_share"] > 0 and not item.occurrence.compound
    rule = by_kind.get("inconsistent") if silent and named_both_ways and not contrasted else None
    rule = rule or mismatch.get(found)
    if rule is None:
        return None
    return _Decision(rule, pack.other(found), pack.model.logit(features))


def _worded(
    pack: Pack, decision: _Decision, item: Judged, party: Party, shown: _Shown
) -> tuple[str, str, tuple[Evidence, ...]]:
    """The message, replacement and evidence of a decision for the word as matched."""
    found, expected = item.occurrence.form.term, decision.expected
    evidence = _evidence(item.scores, expected, found, party, shown)
    counts = f"{party.counts[expected]} to {party.counts[found]}"
    label = evidence[0].label if evidence and evidence[0].supports == expected else pack.terms[expected].plural
    new = replacement(item.occurrence.text, item.occurrence.form, pack.terms[expected])
    message = decision.rule.message.format(
        matched=item.occurrence.text, replacement=new, context=label, majority=pack.terms[expected].plural,
        counts=counts,
    )
    return message, new, evidence


def _prefer(pack: Pack, source: Source, judged: list[Judged], rule: RuleSpec, prefer: str, out: dict[int, Finding]) -> None:
    for i, item in enumerate(judged):
        if item.occurrence.form.term == prefer:
            continue
        new = replacement(item.occurrence.text, item.occurrence.form, pack.terms[prefer])
        message = rule.message.format(matched=item.occurrence.text, replacement=new)
        out[i] = _finding(source, item.occurrence, rule, message, new, 1.0, ())


_Shown = dict[tuple[int, str], list[Evidence]]  # (id of a party, term) -> its cues as "same party" evidence


def _evidence(scores: Scores, supports: str, against: str, party: Party, shown: _Shown) -> tuple[Evidence, ...]:
    """The strongest cues for the suggested term (its own first, then those around the party's
    other mentions, "same party"), then the strongest one against it."""
    pro = [e for e in scores.evidence if e.supports == supports][:_EVIDENCE_SHOWN]
    pooled_here = party.cues.get(supports, {})
    # a cue seen only far off, but next to another mention of this party, is that party's
    pro = [replace(e, level=PARTY) if e.level > BLOCK and e.cue in pooled_here else e for e in pro]
    if len(pro) < _EVIDENCE_SHOWN:
        seen = {e.cue for e in pro}
        pro += [e for e in _pooled(party, supports, shown) if e.cue not in seen][:_EVIDENCE_SHOWN - len(pro)]
    con = [e for e in scores.evidence if e.supports == against][:1]
    return tuple(pro + con)


def _pooled(party: Party, supports: str, shown: _Shown) -> list[Evidence]:
    """The party's cues for `supports` as "same party" evidence, strongest first: worked out
    once per party and term (the party's cues are complete once it is pooled)."""
    key = (id(party), supports)
    if key not in shown:
        pooled = sorted(party.cues.get(supports, {}).values(), key=lambda e: (-e.base, e.cue))
        shown[key] = [replace(e, level=PARTY, weight=e.base) for e in pooled]
    return shown[key]


def _finding(
    source: Source, occurrence: Occurrence, rule: RuleSpec, message: str, new: str, score: float,
    evidence: tuple[Evidence, ...], fix_from: float = 0.0,
) -> Finding:
    """A finding at the occurrence with its span edit, none below `fix_from` (the fix
    confidence the user asked for)."""
    line, column, end_line, end_column = source.span_position(occurrence.source_start, occurrence.source_end)
    confidence = round(score, CONFIDENCE_DIGITS)
    line_text = source.line_text(line - 1)
    fix = None
    if confidence >= fix_from:
        applicability = "unsafe" if _quoted(line_text, column - 1, column - 1 + len(occurrence.text)) else "safe"
        fix = Fix(applicability, (Edit(occurrence.source_start, occurrence.source_end, new or ""),))
    return Finding(
        source.path, line, column, end_line, end_column, rule.id, message, occurrence.text, new,
        confidence, evidence, fix, line_text=line_text,
    )


def _quoted(line: str, start: int, end: int) -> bool:
    """Whether line[start:end] stands inside a quotation on its line: changing it would
    misquote someone, so its fix is unsafe (`--unsafe-fixes`). Read within QUOTE_REACH
    characters each side, so a long line costs each finding the same."""
    before, after = line[max(0, start - QUOTE_REACH):start], line[end:end + QUOTE_REACH]
    if before.rfind("\u201c") > before.rfind("\u201d") and "\u201d" in after:
        return True
    return before.count('"') % 2 == 1 and '"' in after
