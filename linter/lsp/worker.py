"""What runs on the lint thread: one survey of one version of a document, with the rules'
documentation the diagnostics link to. Plain values in, a `Result` out; an engine failure
is logged and comes back as None, never as an exception in the server."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from .. import survey_text
from ..config import Settings
from ..explain import all_rules
from ..findings import Finding, Usage
from ..packs import RuleSpec
from .positions import Lines

log = logging.getLogger("termsense.lsp")


@dataclass(frozen=True, slots=True)
class Result:
    """One lint of one version of a document."""

    version: int
    lines: Lines
    findings: list[Finding]
    usages: list[Usage]
    rules: dict[str, RuleSpec]


def too_big(text: str, megabytes: float) -> bool:
    """Over the size cap `termsense check` applies to files (UTF-8 bytes, as on disk)."""
    limit = megabytes * 1_000_000
    return len(text) > limit / 4 and len(text.encode("utf-8", "surrogatepass")) > limit


def lint(path: str, fmt: str, version: int, lines: Lines, settings: Settings) -> Result | None:
    """Run on the worker thread: the whole survey, or None (logged) when the engine fails."""
    started = time.perf_counter()
    try:
        text = lines.text
        findings, usages = survey_text(text, path=path, format=fmt, config=settings)
        rules = rules_for(settings) if findings else {}
    except Exception:  # a bug or a pathological input must not take the server down
        log.exception("termsense: linting %s failed", path)
        return None
    log.debug(
        "linted %s (v%s, %d chars) in %.0f ms", path, version, len(lines.text), 1000 * (time.perf_counter() - started)
    )
    return Result(version, lines, findings, usages, rules)


def warm(settings: Settings) -> None:
    """Load and compile the packs and import the pipeline before the first document comes,
    with a line made of the packs' own terms (the first lint would pay for it otherwise)."""
    from ..engine import packs_for

    try:
        for pack in packs_for(settings):
            survey_text(" ".join(pack.terms) + ".\n", path="warm-up.md", config=settings)
    except Exception:  # a broken config shows up on its own when a document uses it
        log.debug("warm-up failed", exc_info=True)


def rules_for(settings: Settings) -> dict[str, RuleSpec]:
    from ..engine import packs_for

    return {rule.id: rule for _, rule in all_rules(packs_for(settings))}
