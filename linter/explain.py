"""Rule documentation in fixed parts, as ruff has it: what `termsense rules` lists, what
`termsense explain` prints, and the README's rule table, all from the same pack docs."""

from __future__ import annotations

from .packs import Pack, RuleSpec

SILENCE = (
    "How to silence it: put `<!-- termsense-disable-next-line {id} -- reason -->` on the line before (in .txt: "
    "`# termsense-disable-next-line {id}`) or `<!-- termsense-disable-line {id} -->` at the end of the line, "
    "wrap a passage in `termsense-disable {id}` ... `termsense-enable`, "
    "or set `ignore = [\"{id}\"]` (or `per-file-ignores`) in termsense.toml or [tool.termsense]."
)


def all_rules(packs: list[Pack]) -> list[tuple[str, RuleSpec]]:
    """(pack name, rule) for every pack rule and the engine's own suppression rules."""
    from .suppress import ENGINE_RULES

    return [(pack.name, rule) for pack in packs for rule in pack.rules.values()] + [("engine", r) for r in ENGINE_RULES]


def table(rules: list[tuple[str, RuleSpec]], markdown: bool) -> str:
    if markdown:
        lines = ["| id | name | on by default | pack | what it flags |", "|----|------|---------------|------|---------------|"]
        lines += [f"| {r.id} | {r.name} | {'yes' if r.default else 'no'} | {pack} | {r.summary} |" for pack, r in rules]
    else:
        lines = [f"{r.id:7} {r.name:28} {'on' if r.default else 'off':4} {pack:16} {r.summary}" for pack, r in rules]
    return "\n".join(lines) + "\n"


def explain(rule: RuleSpec) -> str:
    parts = [f"{rule.id} ({rule.name}): {rule.summary}", "", "## What it does", rule.what or rule.summary]
    if rule.why:
        parts += ["", "## Why is this bad?", rule.why]
    if rule.known_problems:
        parts += ["", "## Known problems", rule.known_problems]
    if rule.examples_flag or rule.examples_pass:
        parts += ["", "## Example"]
        parts += [f"Flagged:  {text}" for text in rule.examples_flag]
        parts += [f"Fine:     {text}" for text in rule.examples_pass]
    if rule.fix_safety:
        parts += ["", "## Fix safety", rule.fix_safety]
    parts += ["", "## How to silence it", SILENCE.format(id=rule.id).removeprefix("How to silence it: ")]
    return "\n".join(parts) + "\n"
