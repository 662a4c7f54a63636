"""Configuration files: `[tool.termsense]` in pyproject.toml or a `termsense.toml` (same keys,
top level). Each file is checked with the closest one at or above its folder (ruff's
hierarchical rule, see resolve.Hierarchy); in one folder, termsense.toml wins over
pyproject.toml. Validated against one schema; an error names the file, the key and the
line. Command-line flags override the file."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from . import toml
from .config import Settings
from .errors import ConfigError, TermsenseError
from .schema import Field, is_bool, is_number, is_str, is_str_list, is_unit, validate

NAMES = ("termsense.toml", "pyproject.toml")


def _rule_table(value: Any) -> bool:
    return isinstance(value, dict) and all(is_str_list(v) for v in value.values())


def _severity_table(value: Any) -> bool:
    return isinstance(value, dict) and all(v in ("error", "warning", "info") for v in value.values())


FIELDS = {
    "select": Field("a list of rule ids", is_str_list),
    "ignore": Field("a list of rule ids", is_str_list),
    "min-confidence": Field("a number from 0 to 1", is_unit),
    "fix-confidence": Field("a number from 0 to 1", is_unit),
    "prefer": Field("a term name", is_str),
    "include": Field("a list of globs", is_str_list),
    "exclude": Field("a list of globs", is_str_list),
    "force-exclude": Field("true or false", is_bool),
    "respect-gitignore": Field("true or false", is_bool),
    "per-file-ignores": Field("a table of glob = [rule ids]", _rule_table),
    "packs": Field("a list of pack files", is_str_list),
    "extend-cues": Field("a table of term = [words]", _rule_table),
    "max-file-size": Field("a positive number of megabytes", lambda v: is_number(v) and v > 0),
    "accept": Field("a list of phrases", is_str_list),
    "context-model": Field("true or false", is_bool),
    "severity": Field("a table of rule code = \"error\", \"warning\" or \"info\"", _severity_table),
}


def find(start: Path) -> Path | None:
    """The nearest termsense.toml, or pyproject.toml with [tool.termsense], at or above `start`."""
    for folder in (start, *start.parents):
        found = in_folder(folder)
        if found:
            return found[0]
    return None


def in_folder(folder: Path) -> list[Path]:
    """The config files of one folder, the one used first (termsense.toml beats pyproject.toml)."""
    return [
        folder / name for name in NAMES
        if (folder / name).is_file() and (name != "pyproject.toml" or "[tool.termsense" in _text(folder / name))
    ]


def load(path: Path) -> Settings:
    """Settings from one config file (defaults for what it does not say)."""
    source = _text(path)
    try:
        data = toml.loads(source)
    except toml.TomlError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    where = ""
    if path.name == "pyproject.toml":
        data, where = data.get("tool", {}).get("termsense", {}), "tool.termsense"
    try:
        values = validate(data, FIELDS, where=where, source=source, path=str(path))
    except TermsenseError as error:
        raise ConfigError(str(error)) from None
    root = path.parent
    settings = Settings(root=str(root))
    changes: dict[str, Any] = {}
    for key, value in values.items():
        if value is None:
            continue
        name = key.replace("-", "_")
        if key in ("select", "ignore"):
            value = frozenset(v.upper() for v in value)
        elif key in ("include", "exclude"):
            value = tuple(value)
        elif key == "per-file-ignores":
            value = tuple((glob, frozenset(r.upper() for r in rules)) for glob, rules in value.items())
        elif key == "packs":
            value = tuple(str((root / p).resolve()) for p in value)
        elif key == "accept":
            value = tuple(value)
        elif key == "severity":
            value = tuple((code.upper(), level) for code, level in value.items())
        elif key == "extend-cues":
            value = tuple((term, tuple(words)) for term, words in value.items())
        changes[name] = value
    try:
        return dataclasses.replace(settings, **changes)
    except ConfigError as error:  # a choice this install cannot honour (the context model without its extra)
        raise ConfigError(f"{path}: {error}") from None


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read config: {getattr(error, 'strerror', None) or error}") from None
