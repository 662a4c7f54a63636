"""One source through every pack: which packs run, the cheap check that spares most files the
pipeline (pipeline.py, imported only when a file holds a term), then the filters."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import filters
from .config import Settings
from .document import Source
from .findings import Finding, Usage
from .packs import Pack, builtin_path, load_pack

if TYPE_CHECKING:
    from .changed_lines import ChangedLines


def packs_for(settings: Settings, *, validate: bool = False) -> list[Pack]:
    """The packs to run; `validate` compiles the user's packs and reads their lexicons now, so
    a bad pattern or file stops the run before any file (the built-in pack is compiled and
    exercised by the test suite)."""
    packs = [load_pack(str(builtin_path()), settings.extend_cues)] if settings.builtin else []
    for path in settings.packs:
        pack = load_pack(path, settings.extend_cues)
        if validate:
            from .lexicon import load_lexicon

            pack.compiled()
            load_lexicon(pack.path)
        packs.append(pack)
    if validate:
        from .selection import check

        check(packs, settings)  # unknown codes and duplicate ids stop the run here, once
    return packs


def lint_source(
    source: Source, settings: Settings, *, changed: ChangedLines | None = None, shortcuts: bool = True
) -> list[Finding]:
    """The reported findings of every pack for one source; `shortcuts=False` parses every file
    in full (the reference that proves the shortcuts change nothing)."""
    return survey_source(source, settings, changed=changed, shortcuts=shortcuts, usages=False)[0]


def survey_source(
    source: Source, settings: Settings, *, changed: ChangedLines | None = None, shortcuts: bool = True,
    usages: bool = True,
) -> tuple[list[Finding], list[Usage]]:
    """The reported findings of every pack for one source, and every term use with how it was
    read (`usages=False`: none, for a caller that reports findings only)."""
    packs = packs_for(settings)
    findings: list[Finding] = []
    used_all: list[Usage] = []
    for pack in packs:
        if shortcuts and not pack.probe.search(source.text):
            continue  # most files: no parse, and not even the pipeline's import
        from .pipeline import lint_with

        rules = filters.rules_for(pack, settings, source.path)
        found, used = lint_with(pack, source, rules, settings, shortcuts=shortcuts, usages=usages)
        findings.extend(found)
        used_all.extend(used)
    used_all.sort(key=lambda u: (u.line, u.column))
    if settings.accept:
        from .accept import apply as accept

        findings, used_all = accept(source, findings, used_all, settings.accept)
    findings = filters.after_lint(source, findings, packs, settings, changed)
    if findings:
        from .severity import assign

        findings = assign(findings, packs, settings)
    return findings, used_all
