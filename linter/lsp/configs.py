"""Settings for each open document: the closest termsense.toml or pyproject.toml with
[tool.termsense] at or above the document's folder, as `termsense check` finds it from its
working directory. Loaded once per config file and forgotten when a watched file changes.

A config that cannot be used (bad TOML, an unknown key, a pack that does not load, a
preferred term no pack has) becomes a `Problem` placed on a line of the config file, and its
documents are checked with the defaults meanwhile: the server reports, it never stops."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from ..config import Settings
from ..errors import TermsenseError

_NAMED_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+): ")
_TOML_LINE = re.compile(r"\(at line (?P<line>\d+), column \d+\)")


@dataclass(frozen=True, slots=True)
class Problem:
    config: str  # the config file's path
    line: int  # 0-based line in it
    message: str


@dataclass(frozen=True, slots=True)
class Resolved:
    settings: Settings
    config: str | None  # the config file these settings came from, if any
    problem: Problem | None = None


class Configs:
    """Config files found and loaded so far; `forget` after any of them may have changed."""

    def __init__(self) -> None:
        self._found: dict[str, Path | None] = {}
        self._loaded: dict[Path, Resolved] = {}

    def forget(self) -> None:
        self._found.clear()
        self._loaded.clear()
        from ..packs import load_pack

        load_pack.cache_clear()  # a user pack may have changed; the built-in one reloads cheaply

    def for_document(self, path: str | None, folders: list[str]) -> Resolved:
        """Settings for a document at `path` (None: not a file, so the first workspace folder
        decides), and the config they came from."""
        start = Path(path).parent if path else Path(folders[0]) if folders else Path.cwd()
        return self.for_folder(start)

    def for_folder(self, start: Path) -> Resolved:
        key = str(start)
        if key not in self._found:
            from ..configfile import find

            self._found[key] = find(start)
        config = self._found[key]
        if config is None:
            return Resolved(Settings(), None)
        if config not in self._loaded:
            self._loaded[config] = load(config)
        return self._loaded[config]

    def problems(self) -> list[Problem]:
        return [r.problem for r in self._loaded.values() if r.problem is not None]


def load(config: Path) -> Resolved:
    """Settings from one config file, with its packs compiled and its preferred term checked,
    so that every error surfaces here and not while a document is linted."""
    from ..configfile import load as load_file
    from ..engine import packs_for

    try:
        settings = load_file(config)
        packs = packs_for(settings, validate=True)
        if settings.prefer is not None and not any(settings.prefer in p.terms for p in packs):
            terms = ", ".join(t for p in packs for t in p.terms)
            raise TermsenseError(f"{config}:{_key_line(config, 'prefer')}: unknown term {settings.prefer!r} in 'prefer' (terms: {terms})")
    except TermsenseError as error:
        fallback = replace(Settings(), root=str(config.parent))
        return Resolved(fallback, str(config), Problem(str(config), _line(config, str(error)), str(error)))
    return Resolved(settings, str(config))


def _line(config: Path, message: str) -> int:
    """The 0-based line of the config file an error is about: the line it names when it
    names the config itself, the `packs` line when it names a pack, else the first line."""
    named = _NAMED_LINE.match(message)
    if named and Path(named.group("file")) == config:
        return int(named.group("line")) - 1
    toml = _TOML_LINE.search(message)
    if toml and message.startswith(str(config)):
        return int(toml.group("line")) - 1
    if message.startswith(f"{config}: invalid TOML") and message.endswith("(at end of document)"):
        return max(_key_line(config, "") - 1, 0)
    if not message.startswith(str(config)):
        return _key_line(config, "packs") - 1
    return 0


def _key_line(config: Path, key: str) -> int:
    """The 1-based line where `key` is set in the config file (1 when it cannot tell; the
    last line for no key)."""
    from ..schema import line_of

    try:
        source = config.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return 1
    if not key:
        return max(len(source.rstrip().splitlines()), 1)
    where = "tool.termsense" if config.name == "pyproject.toml" else ""
    return line_of(source, where, key)
