"""Orchestration: which packs and rules run, and the cheap check that spares most files the
pipeline (pipeline.py), which is imported only when a file holds a term."""

from __future__ import annotations

from .config import Settings
from .document import Source
from .findings import Finding, Usage
from .packs import Pack, RuleSpec, builtin_path, load_pack


def packs_for(settings: Settings, *, validate: bool = False) -> list[Pack]:
    """The packs to run; `validate` compiles the user's packs now, so a bad pattern stops the
    run before any file (the built-in pack is compiled and exercised by the test suite)."""
    packs = [load_pack(str(builtin_path()), settings.extend_cues)] if settings.builtin else []
    for path in settings.packs:
        pack = load_pack(path, settings.extend_cues)
        if validate:
            pack.compiled()
        packs.append(pack)
    if validate:
        from .selection import check

        check(packs, settings)  # unknown codes and duplicate ids stop the run here, once
    return packs


def enabled_rules(pack: Pack, settings: Settings) -> list[RuleSpec]:
    """Rules on by default (or selected), minus ignored; prefer rules need a preferred term."""
    chosen = []
    for rule in pack.rules.values():
        on = rule.default if settings.select is None else _selected(rule.id, settings.select)
        if rule.kind == "prefer":
            on = settings.prefer in pack.terms and (settings.select is None or _selected(rule.id, settings.select))
        if on and not _selected(rule.id, settings.ignore):
            chosen.append(rule)
    return chosen


def _selected(rule_id: str, chosen: frozenset[str]) -> bool:
    """A rule is chosen by its id or any prefix of it (CC selects every CC rule), or ALL."""
    return "ALL" in chosen or any(rule_id.startswith(prefix) for prefix in chosen)


def lint_source(source: Source, settings: Settings, *, shortcuts: bool = True) -> list[Finding]:
    """Findings of every pack for one source; `shortcuts=False` parses every file in full
    (the reference that proves the shortcuts change nothing)."""
    return survey_source(source, settings, shortcuts=shortcuts)[0]


def survey_source(
    source: Source, settings: Settings, *, shortcuts: bool = True
) -> tuple[list[Finding], list[Usage]]:
    """Findings of every pack for one source, and every term use with how it was read."""
    findings: list[Finding] = []
    usages: list[Usage] = []
    for pack in packs_for(settings):
        if shortcuts and not pack.probe.search(source.text):
            continue  # most files: no parse, and not even the pipeline's import
        from .pipeline import lint_with

        found, used = lint_with(pack, source, enabled_rules(pack, settings), settings, shortcuts=shortcuts)
        findings.extend(found)
        usages.extend(used)
    if settings.accept:
        from .accept import apply as accept

        findings, usages = accept(source, findings, usages, settings.accept)
    findings = [f for f in findings if f.confidence >= settings.min_confidence]
    if settings.per_file_ignores:
        ignored = _ignored_here(source.path, settings)
        findings = [f for f in findings if not any(f.rule.startswith(prefix) for prefix in ignored)]
    findings.sort(key=lambda f: (f.line, f.column, f.rule))
    usages.sort(key=lambda u: (u.line, u.column))
    from . import suppress

    if suppress.may_hold(source.text):
        packs = packs_for(settings)
        known = {r for p in packs for r in p.rules} | {suppress.UNKNOWN, suppress.UNUSED}
        checked = {r.id for p in packs for r in enabled_rules(p, settings)}
        checked |= {r for r in (suppress.UNKNOWN, suppress.UNUSED) if _on(r, settings)}
        names = {r.name: r.id for p in packs for r in p.rules.values()}
        findings = suppress.apply(source, findings, known, checked, names)
    if findings:
        from .severity import assign

        findings = assign(findings, packs_for(settings), settings)
    return findings, usages


def _ignored_here(path: str, settings: Settings) -> set[str]:
    """Rule ids (or prefixes) that per-file-ignores turns off for this path."""
    from .discover import _glob
    from .configfile import relative

    here = relative(path, settings.root)
    return {rule for pattern, rules in settings.per_file_ignores if _glob(here, pattern) for rule in rules}


def _on(rule_id: str, settings: Settings) -> bool:
    """Engine rules (suppression checks) are on by default, and obey --select/--ignore."""
    chosen = settings.select is None or _selected(rule_id, settings.select)
    return chosen and not _selected(rule_id, settings.ignore)


