"""One error family: the CLI turns every TermsenseError into a one-line message and exit 2."""

from __future__ import annotations


class TermsenseError(Exception):
    """A problem the user can fix: bad input, config or pack. Never a bug."""


class InputError(TermsenseError):
    """A file could not be read or decoded; other files are still checked."""


class ConfigError(TermsenseError):
    """A config file or command-line value is invalid."""


class PackError(TermsenseError):
    """A rule pack failed validation; the message names file, key and line."""
