"""Filters: which rules run on a file and which of their findings are reported, decided here
once, in one order, so the command line and the library cannot disagree.

1. selection: the rules on by default (or chosen by `select`), minus `ignore` and the path's
   `per-file-ignores`; a rule that is not selected is not evaluated at all;
2. suppression: inline directives, judged on every finding of the selected rules, so whether
   a directive is used (TS002) does not depend on the confidence threshold;
3. confidence: findings below `min-confidence` are dropped (a finding below
   `fix-confidence` is made with no fix in the first place: `verdicts.evaluate`, where every
   finding with a fix is made);
4. changed lines: with a diff base, only findings on lines changed since it.

Fixing (run.py) takes what is left, so `--fix` never touches what is not reported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .config import Settings
from .document import Source
from .findings import Finding

if TYPE_CHECKING:
    from .changed_lines import ChangedLines
    from .packs import Pack, RuleSpec


def validate(settings: Settings, packs: list[Pack]) -> None:
    """Choices that would silently do nothing are errors: a rule code that names no rule (not
    even as a prefix), a preferred term no pack has, a confidence outside 0..1."""
    from .errors import ConfigError
    from .selection import check

    check(packs, settings)  # rule codes (select, ignore, per-file-ignores, severity) and duplicate ids
    terms = [t for p in packs for t in p.terms]
    if settings.prefer is not None and settings.prefer not in terms:
        raise ConfigError(f"prefer: unknown term {settings.prefer!r} (terms: {', '.join(terms)})")
    for name in ("min_confidence", "fix_confidence"):
        value = getattr(settings, name)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= value <= 1.0:
            raise ConfigError(f"{name.replace('_', '-')}: expected a number from 0 to 1, got {value!r}")


def selected(rule_id: str, chosen: frozenset[str]) -> bool:
    """A rule is chosen by its id or any prefix of it (CC selects every CC rule), or ALL."""
    return "ALL" in chosen or any(rule_id.startswith(prefix) for prefix in chosen)


def rules_for(pack: Pack, settings: Settings, path: str) -> list[RuleSpec]:
    """The pack's rules that run on `path`: on by default (or selected), minus ignored ones and
    the path's per-file ignores; prefer rules need a preferred term of the pack."""
    off = ignored_here(path, settings)
    chosen = []
    for rule in pack.rules.values():
        on = rule.default if settings.select is None else selected(rule.id, settings.select)
        if rule.kind == "prefer":
            on = settings.prefer in pack.terms and (settings.select is None or selected(rule.id, settings.select))
        if on and not selected(rule.id, settings.ignore) and not selected(rule.id, off):
            chosen.append(rule)
    return chosen


def ignored_here(path: str, settings: Settings) -> frozenset[str]:
    """Rule ids (or prefixes) that `per-file-ignores` turns off for this path."""
    if not settings.per_file_ignores:
        return frozenset()
    from .discover import matches, relative

    here = relative(path, settings.root)
    return frozenset(rule for patterns, rules in settings.per_file_ignores if matches(here, (patterns,)) for rule in rules)


def engine_rule_on(rule_id: str, settings: Settings, path: str) -> bool:
    """Engine rules (the suppression checks) are on by default, and obey select and ignore."""
    chosen = settings.select is None or selected(rule_id, settings.select)
    return chosen and not selected(rule_id, settings.ignore) and not selected(rule_id, ignored_here(path, settings))


def after_lint(
    source: Source, findings: list[Finding], packs: list[Pack], settings: Settings, changed: ChangedLines | None = None
) -> list[Finding]:
    """Steps 2 to 4 on the findings of the selected rules (step 1 ran before linting)."""
    findings = sorted(findings, key=_order)
    from . import suppress

    if suppress.may_hold(source.text):
        known = {r for p in packs for r in p.rules} | {suppress.UNKNOWN, suppress.UNUSED}
        checked = {r.id for p in packs for r in rules_for(p, settings, source.path)}
        checked |= {r for r in (suppress.UNKNOWN, suppress.UNUSED) if engine_rule_on(r, settings, source.path)}
        names = {r.name: r.id for p in packs for r in p.rules.values()}
        findings = suppress.apply(source, findings, known, checked, names)
    findings = [f for f in findings if f.confidence >= settings.min_confidence]
    if changed is not None:
        findings = [f for f in findings if changed.covers(source.path, f.line)]
    return findings


def _order(finding: Finding) -> tuple[int, int, str]:
    return finding.line, finding.column, finding.rule
