"""Settings for each open document: the closest termsense.toml or pyproject.toml with
[tool.termsense] at or above the document's folder, as `termsense check` finds it from its
working directory. Each config is loaded once per version of the file; a watched-file event
forgets them all, and the packs with them.

A config that cannot be used (bad TOML, an unknown key, a pack that does not load, a
preferred term no pack has) becomes a `Problem` placed on a line of the config file, and its
documents are checked with the defaults meanwhile: the server reports, it never stops."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from ..config import Settings
from ..configfile import FIELDS
from ..errors import TermsenseError

_NAMED_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+): ")
_TOML_LINE = re.compile(r"\(at line (?P<line>\d+), column \d+\)")
_KEYED = re.compile(r"^(?P<file>.+?): (?P<key>[a-z][a-z_-]*)[ :]")


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
    """Config files loaded so far, each kept while its size and modification time hold: the
    closest config is looked up again for every lint (a few stats), so an edited or new
    config applies at the next change even in an editor that does not watch files."""

    def __init__(self) -> None:
        self._loaded: dict[Path, tuple[tuple[int, int] | None, Resolved]] = {}

    def forget(self) -> None:
        self._loaded.clear()
        from ..packs import load_pack

        load_pack.cache_clear()  # a user pack may have changed; the built-in one reloads cheaply

    def for_document(self, path: str | None, folders: list[str]) -> Resolved:
        """Settings for a document at `path` (None: not a file, so the first workspace folder
        decides), and the config they came from."""
        start = Path(path).parent if path else Path(folders[0]) if folders else Path.cwd()
        return self.for_folder(start)

    def for_folder(self, start: Path) -> Resolved:
        from ..resolve import Hierarchy

        config = Hierarchy().config_for(str(start))  # a fresh walk: a new config counts at once
        if config is None:
            return Resolved(Settings(), None)
        stamp = _stamp(config)
        known = self._loaded.get(config)
        if known is None or known[0] != stamp:
            known = self._loaded[config] = (stamp, load(config))
        return known[1]

    def problems(self) -> list[Problem]:
        return [r.problem for _, r in self._loaded.values() if r.problem is not None]


def _stamp(config: Path) -> tuple[int, int] | None:
    try:
        status = config.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


def load(config: Path) -> Resolved:
    """Settings from one config file, checked as `termsense check` checks them (its packs
    compiled, its rule codes and preferred term known), so that every error surfaces here
    and not while a document is linted."""
    from ..resolve import from_file

    try:
        settings = from_file(config, {})
    except TermsenseError as error:
        fallback = replace(Settings(), root=str(config.parent))
        return Resolved(fallback, str(config), Problem(str(config), _line(config, str(error)), str(error)))
    return Resolved(settings, str(config))


def _line(config: Path, message: str) -> int:
    """The 0-based line of the config file an error is about: the line it names, the line of
    the key it names, the `packs` line when it names a pack file, else the first line."""
    named = _NAMED_LINE.match(message)
    if named and _same(named.group("file"), config):
        return int(named.group("line")) - 1
    about_config = _same(message.split(": ", 1)[0], config)
    toml = _TOML_LINE.search(message)
    if toml and about_config:
        return int(toml.group("line")) - 1
    if about_config and message.endswith("(at end of document)"):
        return max(_key_line(config, "") - 1, 0)
    keyed = _KEYED.match(message)
    if keyed and _same(keyed.group("file"), config):
        key = keyed.group("key").replace("_", "-")
        return _key_line(config, key) - 1 if key in FIELDS else 0
    return _key_line(config, "packs") - 1


def _same(named: str, config: Path) -> bool:
    try:
        return Path(named).resolve() == config.resolve()
    except OSError:
        return False


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
