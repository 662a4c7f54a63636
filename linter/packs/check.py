"""Checks on a pack's rules that the schema's types cannot express: the id's shape and the
fields a message template may use. Run at load, so a typo stops the run once with file, key
and line, instead of a KeyError in every file that holds a term. Also each rule's docs URL,
from the pack's `docs-url` template."""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import PackError

RULE_ID = re.compile(r"[A-Z]+[0-9]+")
SEVERITIES = ("error", "warning", "info")

# What each kind of rule passes to its message template (see verdicts.py).
MESSAGE_FIELDS = {
    "mismatch": ("matched", "replacement", "context"),
    "inconsistent": ("matched", "replacement", "majority", "counts"),
    "prefer": ("matched", "replacement"),
}

Fail = Callable[[str, "str | None", str], PackError]


def check_rule(rule_id: str, rule: dict[str, Any], fail: Fail) -> None:
    """Raise the PackError `fail` builds when the id or the message template is wrong."""
    where = f"rules.{rule_id}"
    if not RULE_ID.fullmatch(rule_id):
        raise fail(where, None, f"rule id {rule_id!r} must be upper-case letters then digits, like CC001")
    allowed = MESSAGE_FIELDS[rule["kind"]]
    for name in template_fields(rule["message"], lambda problem: fail(where, "message", f"'{where}.message': {problem}")):
        if name not in allowed:
            fields = ", ".join("{" + f + "}" for f in allowed)
            raise fail(where, "message", f"'{where}.message' uses unknown placeholder {{{name}}} (a {rule['kind']} rule has {fields})")


def template_fields(template: str, fail: Callable[[str], PackError]) -> list[str]:
    """The field names a str.format template uses; positional or malformed fields fail."""
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as error:
        raise fail(f"not a valid template ({error}); write a literal brace as {{{{ or }}}}") from None
    names = []
    for _, name, _, _ in parsed:
        if name is None:
            continue
        base = re.split(r"[.\[]", name, maxsplit=1)[0]
        if not base or base.isdigit():
            raise fail("placeholders must be named, like {matched}")
        names.append(base)
    return names


def docs_url(template: str | None, rule_id: str, name: str, pack_path: str, fail: Fail) -> str | None:
    """The rule's documentation address. `{id}`, `{name}` and `{anchor}` (the id in lower case,
    the anchor of a `## CC001` heading) are filled in; a template without a scheme is a path
    relative to the pack file, turned into an absolute file: URI (SARIF's helpUri must be
    absolute), so the docs shipped next to a pack are found wherever it is installed."""
    if template is None:
        return None
    for field in template_fields(template, lambda problem: fail("pack", "docs-url", f"'pack.docs-url': {problem}")):
        if field not in ("id", "name", "anchor"):
            raise fail("pack", "docs-url", f"'pack.docs-url' uses unknown placeholder {{{field}}} (it has {{id}}, {{name}}, {{anchor}})")
    url = template.format(id=rule_id, name=name, anchor=rule_id.lower())
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", url):
        return url
    path, hash_, fragment = url.partition("#")
    return (Path(pack_path).resolve().parent / path).resolve().as_uri() + hash_ + fragment
