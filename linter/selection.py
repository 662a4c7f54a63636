"""Where settings meet packs: every rule code the user wrote must name a loaded rule.

As in ruff, a code is a rule id or a prefix of at least one (`CC` selects every CC rule) or
`ALL`; anything else (`CC9`, a typo) stops the run with exit 2, since a silent no-op would
turn CI green by accident. Two packs that define the same id stop it too."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .config import Settings
from .errors import ConfigError, PackError
from .packs import Pack
from .schema import line_of


def check(packs: list[Pack], settings: Settings) -> None:
    """Raise a one-line error for a duplicate rule id or a code that matches no rule."""
    ids = _unique_ids(packs)
    chosen: list[tuple[str, Iterable[str]]] = [("ignore", settings.ignore)]
    if settings.select is not None:
        chosen.insert(0, ("select", settings.select))
    chosen += [(f"per-file-ignores {glob!r}", rules) for glob, rules in settings.per_file_ignores]
    chosen.append(("severity", [code for code, _ in settings.severity]))
    for key, codes in chosen:
        for code in sorted(codes):
            if not known(code, ids):
                raise ConfigError(f"{key}: unknown rule code {code!r} (rules: {', '.join(sorted(ids))}; a prefix must match one)")


def known(code: str, ids: set[str]) -> bool:
    """A rule id, a prefix of one, or ALL."""
    return code == "ALL" or any(rule_id.startswith(code) for rule_id in ids)


def _unique_ids(packs: list[Pack]) -> set[str]:
    """Every rule id (the engine's own included); the second pack that defines an id is
    named with its line."""
    from .suppress import ENGINE_RULES

    owner = {rule.id: "termsense itself" for rule in ENGINE_RULES}
    for pack in packs:
        for rule_id in pack.rules:
            if rule_id in owner:
                line = line_of(_read(pack.path), f"rules.{rule_id}")
                raise PackError(f"{pack.path}:{line}: rule id {rule_id} is already defined by {owner[rule_id]}")
            owner[rule_id] = f"{pack.path} (pack {pack.name})"
    return set(owner)


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError:
        return ""
