"""Which settings apply where: one Settings for every file (Uniform), or the closest config
file of each file's folder, as ruff finds them (Hierarchy). Either way the settings are
checked once, when first made, so a bad value stops the run before a file is read."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol

from .config import Settings


class Resolver(Protocol):
    def for_folder(self, folder: str) -> Settings:
        """The settings of a folder: its walk's include and exclude, its files' rules."""
        ...

    def for_file(self, path: str) -> Settings:
        """The settings that a file is checked with."""
        ...

    def config_for(self, folder: str) -> Path | None:
        """The config file those settings come from (None: defaults)."""
        ...


class Uniform:
    """The same settings everywhere (a --config file, or the library given a Settings)."""

    __slots__ = ("settings", "config")

    def __init__(self, settings: Settings, config: Path | None = None) -> None:
        self.settings = checked(settings)
        self.config = config

    def for_folder(self, folder: str) -> Settings:
        return self.settings

    def for_file(self, path: str) -> Settings:
        return self.settings

    def config_for(self, folder: str) -> Path | None:
        return self.config


class Hierarchy:
    """Each folder's settings from the closest config file at or above it (ruff's hierarchical
    rule: the nearest file wins whole, nothing is merged), with the command line's flags on top.

    A folder holding both termsense.toml and a pyproject.toml with [tool.termsense] uses
    termsense.toml; `note` is told once which file was ignored.
    """

    def __init__(
        self, flags: Mapping[str, Any] | None = None, packs: tuple[str, ...] = (),
        note: Callable[[str], None] | None = None,
    ) -> None:
        self.flags = dict(flags or {})
        self.packs = packs
        self.note = note
        self._configs: dict[str, Path | None] = {}
        self._settings: dict[Path | None, Settings] = {}

    def config_for(self, folder: str) -> Path | None:
        """The config file that governs a folder, or None (defaults)."""
        if folder in self._configs:
            return self._configs[folder]  # the walk asks for the same folder name for each file
        key = os.path.abspath(folder or ".")
        if key not in self._configs:
            from . import configfile

            here = configfile.in_folder(Path(key))
            if len(here) > 1 and self.note is not None:
                self.note(f"{shown(here[1])}: [tool.termsense] ignored: {here[0].name} in the same folder wins")
            parent = os.path.dirname(key)
            self._configs[key] = here[0] if here else None if parent == key else self.config_for(parent)
        self._configs[folder] = self._configs[key]
        return self._configs[key]

    def for_folder(self, folder: str) -> Settings:
        config = self.config_for(folder)
        if config not in self._settings:
            self._settings[config] = from_file(config, self.flags, self.packs)
        return self._settings[config]

    def for_file(self, path: str) -> Settings:
        return self.for_folder(os.path.dirname(path))


def from_file(config: Path | None, flags: Mapping[str, Any], packs: tuple[str, ...] = ()) -> Settings:
    """A config file's settings (defaults for None) with the command line's flags on top,
    checked; an error in the file's own choices names the file."""
    from . import configfile
    from .errors import ConfigError

    base = Settings()
    if config is not None:
        base = configfile.load(config)
        try:
            checked(base)
        except ConfigError as error:
            raise ConfigError(f"{shown(config)}: {error}") from None
    return checked(with_flags(base, flags, packs))


def checked(settings: Settings) -> Settings:
    """Settings whose packs load and whose choices all mean something (else a ConfigError or
    PackError that names the problem); checked once, when a config file is first used."""
    from .engine import packs_for
    from .filters import validate

    validate(settings, packs_for(settings, validate=True))
    return settings


def with_flags(settings: Settings, flags: Mapping[str, Any], packs: tuple[str, ...] = ()) -> Settings:
    """A config file's settings with the command line's choices on top (its packs added)."""
    return replace(settings, **flags, packs=settings.packs + packs)


def shown(path: Path) -> str:
    """A path as the user would write it: relative below the working folder, else absolute."""
    here = os.path.relpath(path)
    return path.as_posix() if here.startswith("..") else Path(here).as_posix()
