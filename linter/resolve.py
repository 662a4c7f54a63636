"""Which settings apply where: one Settings for every file, or (configfile.Hierarchy) the
closest config file of each file's folder, as ruff finds them."""

from __future__ import annotations

from typing import Protocol

from .config import Settings


class Resolver(Protocol):
    def for_folder(self, folder: str) -> Settings:
        """The settings of a folder: its walk's include and exclude, its files' rules."""
        ...

    def for_file(self, path: str) -> Settings:
        """The settings that a file is checked with."""
        ...


class Uniform:
    """The same settings everywhere (a --config file, or the library given a Settings)."""

    __slots__ = ("settings",)

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def for_folder(self, folder: str) -> Settings:
        return self.settings

    def for_file(self, path: str) -> Settings:
        return self.settings
