"""Rule documentation in fixed parts, as ruff has it: what `termsense rules` lists, what
`termsense explain` prints, and the README's rule table, all from the same pack docs."""

from __future__ import annotations

from typing import Any

from .packs import Pack, RuleSpec

SILENCE = (
    "How to silence it: put `<!-- termsense-disable-next-line {id} -- reason -->` on the line before (in .txt: "
    "`# termsense-disable-next-line {id}`) or `<!-- termsense-disable-line {id} -->` at the end of the line, "
    "wrap a passage in `termsense-disable {id}` ... `termsense-enable`, "
    "or set `ignore = [\"{id}\"]` (or `per-file-ignores`) in termsense.toml or [tool.termsense]."
)


def all_rules(packs: list[Pack]) -> list[tuple[str, RuleSpec]]:
    """(pack name, rule) for every pack rule and the engine's own suppression rules."""
    return [(pack.name, rule) for pack in packs for rule in pack.rules.values()] + [("engine", r) for r in engine_rules()]


def engine_rules() -> list[RuleSpec]:
    """The suppression rules, linked to their docs at the end of the built-in pack's docs."""
    from dataclasses import replace

    from .packs import builtin_path
    from .suppress import ENGINE_RULES

    docs = builtin_path().with_suffix(".md").resolve().as_uri()
    return [replace(rule, url=f"{docs}#{rule.id.lower()}") for rule in ENGINE_RULES]


def table(rules: list[tuple[str, RuleSpec]], markdown: bool) -> str:
    if markdown:
        lines = ["| id | name | on by default | pack | what it flags |", "|----|------|---------------|------|---------------|"]
        lines += [f"| {r.id} | {r.name} | {'yes' if r.default else 'no'} | {pack} | {r.summary} |" for pack, r in rules]
    else:
        lines = [f"{r.id:7} {r.name:28} {'on' if r.default else 'off':4} {pack:16} {r.summary}" for pack, r in rules]
    return "\n".join(lines) + "\n"


def explain(rule: RuleSpec) -> str:
    """What `termsense explain RULE` prints."""
    parts = [f"{rule.id} ({rule.name}): {rule.summary}"]
    for title, body in sections(rule):
        parts += ["", f"## {title}", body]
    return "\n".join(parts) + "\n"


def sections(rule: RuleSpec) -> list[tuple[str, str]]:
    """The rule's documentation in ruff's fixed parts, those the pack fills in."""
    out = [("What it does", rule.what or rule.summary)]
    if rule.why:
        out.append(("Why is this bad?", rule.why))
    if rule.known_problems:
        out.append(("Known problems", rule.known_problems))
    if rule.examples_flag or rule.examples_pass:
        examples = [f"Flagged:  {text}" for text in rule.examples_flag] + [f"Fine:     {text}" for text in rule.examples_pass]
        out.append(("Example", "\n".join(examples)))
    if rule.fix_safety:
        out.append(("Fix safety", rule.fix_safety))
    out.append(("How to silence it", SILENCE.format(id=rule.id).removeprefix("How to silence it: ")))
    return out


def pack_docs(pack: Pack, *, builtin: bool = False) -> str:
    """A pack's rule documentation as Markdown, one `## ID` heading per rule (the anchor its
    `docs-url` points at): the file shipped next to the pack, kept in step by a test. The
    built-in pack's file documents the engine's own rules (TS001, TS002) too."""
    parts = [f"# Rules of the {pack.name} pack", "",
             f"Generated from `{pack.path.rsplit('/', 1)[-1]}` by `termsense rules --format docs`; do not edit by hand."]
    for rule in [*pack.rules.values(), *(engine_rules() if builtin else ())]:
        on = "on by default" if rule.default else "off by default"
        parts += ["", f"## {rule.id}", "", f"**{rule.name}** ({on}, severity {rule.severity}): {rule.summary}"]
        for title, body in sections(rule):
            if title == "Example":
                body = "\n".join([f"- Flagged: {t}" for t in rule.examples_flag] + [f"- Fine: {t}" for t in rule.examples_pass])
            parts += ["", f"### {title}", "", body]
    parts += provenance_docs(pack)
    return "\n".join(parts) + "\n"


def provenance_docs(pack: Pack) -> list[str]:
    """A table of the pack's generated cue words with where each came from (their group's
    `provenance`), so a reader can trace any evidence word back to its source; none for a
    pack without generated words."""
    from .packs.load import cue_provenance

    rows = cue_provenance(pack)
    if not rows:
        return []
    lines = ["", "## Generated cue words", "", "| word | context | source |", "|------|---------|--------|"]
    return lines + [f"| {word} | {label} | {source} |" for label, word, source in rows]


def as_dict(pack: str, rule: RuleSpec) -> dict[str, Any]:
    """A rule for `rules --format json` and `explain --format json`."""
    return {
        "id": rule.id, "name": rule.name, "pack": pack, "kind": rule.kind, "default": rule.default,
        "severity": rule.severity, "summary": rule.summary, "url": rule.url, "what": rule.what, "why": rule.why,
        "known_problems": rule.known_problems, "fix_safety": rule.fix_safety,
        "examples_flag": list(rule.examples_flag), "examples_pass": list(rule.examples_pass),
    }


def to_json(value: Any) -> str:
    import json

    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"
