"""Verdicts: rules turn scored occurrences into findings (mismatch, inconsistent, prefer kinds).

Rule ids, messages and the terms they compare come from the pack; this module only knows
the three decisions.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from .context import BLOCK, CLAUSE, Scores, confidence
from .document import Source
from .findings import Edit, Evidence, Finding, Fix
from .inflect import replacement
from .occurrences import Occurrence
from .packs import Pack, RuleSpec

_EVIDENCE_SHOWN = 4
INCONSISTENT_SAFE = 0.75  # CC003 confidence of a three-to-one majority


@dataclass(frozen=True, slots=True)
class Judged:
    """An occurrence in the business sense with its context scores."""

    occurrence: Occurrence
    scores: Scores


def evaluate(
    pack: Pack, source: Source, judged: list[Judged], rules: list[RuleSpec], *, contrasted: bool, prefer: str | None,
    domains: dict[str, float], totals: dict[str, float], words: int, fix_confidence: float,
) -> list[Finding]:
    """Findings of the enabled rules; an occurrence keeps its most confident finding.

    `totals` and `domains` are the document's distinct cue weights per class (all cues, and
    domain cues only), which the mismatch rules read as the document's genre; `words` its length.
    """
    findings: dict[int, Finding] = {}
    for rule in rules:
        found: dict[int, Finding] = {}
        if rule.kind == "mismatch":
            _mismatch(
                pack, source, judged, rule, found, contrasted=contrasted, domains=domains, totals=totals, words=words
            )
        elif rule.kind == "inconsistent" and not contrasted:
            _inconsistent(pack, source, judged, rule, found, domains)
        elif rule.kind == "prefer" and prefer is not None:
            _prefer(pack, source, judged, rule, prefer, found)
        for i, finding in found.items():
            if i not in findings or finding.confidence > findings[i].confidence:
                findings[i] = _with_fix(finding, judged[i], rule, fix_confidence)
    return [findings[i] for i in sorted(findings)]


def _with_fix(finding: Finding, item: Judged, rule: RuleSpec, fix_confidence: float) -> Finding:
    """Attach the span edit, safe or unsafe as ruff has it; below the fix confidence a
    mismatch is a review finding with no fix. CC003's confidence measures how clear the
    document's majority is: its fix is safe from three to one (0.75), unsafe below."""
    if rule.kind == "inconsistent":
        applicability = "safe" if finding.confidence >= INCONSISTENT_SAFE else "unsafe"
    elif finding.confidence >= fix_confidence:
        applicability = "safe"
    else:
        return finding
    edit = Edit(item.occurrence.source_start, item.occurrence.source_end, finding.replacement or "")
    return replace(finding, fix=Fix(applicability, (edit,)))


def _mismatch(
    pack: Pack, source: Source, judged: list[Judged], rule: RuleSpec, out: dict[int, Finding], *,
    contrasted: bool, domains: dict[str, float], totals: dict[str, float], words: int,
) -> None:
    """The found term where its context calls for the expected one.

    Local domain cues start a finding; a document whose domain cues all point to the expected
    term flags an occurrence with no domain cue of its own, its confidence capped, unless the
    document also speaks the language of a class that claims the word (software, for client); a document with domain cues for the
    found term (a law firm's clients near its café) vetoes both. In a document that contrasts
    the terms on purpose, only the word's own clause speaks for it, with a wider margin.
    """
    assert rule.found is not None and rule.expected is not None
    context = pack.context
    if domains.get(rule.found, 0.0) >= context.min_evidence:
        return
    genre = 0.0 if contrasted else domains.get(rule.expected, 0.0)
    damping, reach = (context.contrast_damping, CLAUSE) if contrasted else (1.0, BLOCK)
    claimants = [cls for cls, terms in pack.sets_aside.items() if rule.found in terms]  # software, for client
    for i, item in enumerate(judged):
        if item.occurrence.form.term != rule.found:
            continue
        wanted, present = item.scores.of(rule.expected), item.scores.of(rule.found)
        margin = (wanted - present) * damping
        if item.scores.local(rule.expected, reach, context.domain_weight) >= context.min_evidence:
            score = confidence(margin, context.scale)
        elif (
            genre >= max(context.min_evidence, context.genre_density * words / 1000)
            and not item.scores.local(rule.found, min_base=context.domain_weight)
            and not any(totals.get(cls, 0.0) >= context.min_evidence for cls in claimants)
        ):
            score = min(context.genre_cap, confidence(genre * damping, context.genre_scale))
        else:
            continue
        if score <= 0:
            continue
        evidence = _evidence(item.scores, rule.expected, rule.found)
        label = evidence[0].label if evidence else rule.expected
        new = replacement(item.occurrence.text, item.occurrence.form, pack.terms[rule.expected])
        message = rule.message.format(matched=item.occurrence.text, replacement=new, context=label)
        out[i] = _finding(source, item.occurrence, rule, message, new, score, evidence)


def _inconsistent(
    pack: Pack, source: Source, all_judged: list[Judged], rule: RuleSpec, out: dict[int, Finding],
    domains: dict[str, float],
) -> None:
    """The minority term where the document names one party both ways and its context is silent.

    A term as the first half of a hyphenated modifier ("customer-facing") describes another
    word, not the party, so it neither counts nor is flagged.
    """
    index = {id(item): i for i, item in enumerate(all_judged)}
    judged = [item for item in all_judged if not item.occurrence.compound]
    counts = Counter(item.occurrence.form.term for item in judged)
    if len(counts) != 2:
        return
    (major, n_major), (minor, n_minor) = counts.most_common(2)
    evidence = pack.context.min_evidence
    if n_major == n_minor or (domains.get(minor, 0.0) >= evidence > domains.get(major, 0.0)):
        return  # a tie, or only the minority has the document's domain: the mismatch rules speak
    share = n_major / (n_major + n_minor)
    base = 0.55 + 0.4 * (2 * share - 1)  # the inconsistency is certain; which term wins, less so
    for item in judged:
        i = index[id(item)]
        if item.occurrence.form.term != minor:
            continue
        own, other = item.scores.of(minor), item.scores.of(major)
        if own - other >= pack.context.min_evidence:
            continue  # its own context supports it: a different party
        new = replacement(item.occurrence.text, item.occurrence.form, pack.terms[major])
        message = rule.message.format(
            matched=item.occurrence.text, replacement=new, majority=pack.terms[major].plural,
            counts=f"{n_major} to {n_minor}",
        )
        out[i] = _finding(source, item.occurrence, rule, message, new, round(base, 4), _evidence(item.scores, major, minor))


def _prefer(pack: Pack, source: Source, judged: list[Judged], rule: RuleSpec, prefer: str, out: dict[int, Finding]) -> None:
    for i, item in enumerate(judged):
        if item.occurrence.form.term == prefer:
            continue
        new = replacement(item.occurrence.text, item.occurrence.form, pack.terms[prefer])
        message = rule.message.format(matched=item.occurrence.text, replacement=new)
        out[i] = _finding(source, item.occurrence, rule, message, new, 1.0, ())


def _evidence(scores: Scores, supports: str, against: str) -> tuple[Evidence, ...]:
    """The strongest cues for the suggested term, then the strongest one against it."""
    pro = [e for e in scores.evidence if e.supports == supports][:_EVIDENCE_SHOWN]
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
