"""Discover: expand the paths given on the command line into files to check, in a stable order."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

from .errors import InputError

EXTENSIONS = {".md": "md", ".markdown": "md", ".mdx": "md", ".txt": "txt"}
_SKIPPED_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", "site-packages"}


@dataclass(frozen=True, slots=True)
class Candidate:
    display: str  # the path as the user will see it: as given, joined with the walk
    path: str
    format: str


def format_of(path: str) -> str:
    """Markdown unless the name says plain text; an explicitly named file is always checked."""
    return EXTENSIONS.get(os.path.splitext(path)[1].lower(), "md")


STDIN = "-"


def discover(paths: list[str], stdin_name: str | None = None) -> Iterator[Candidate | InputError]:
    """Files under each path; a path that does not exist yields an error in its place; "-" is
    standard input, shown as `stdin_name` (whose extension also sets the format)."""
    for given in paths:
        if given == STDIN:
            yield Candidate(stdin_name or STDIN, STDIN, format_of(stdin_name or "stdin.md"))
        elif os.path.isdir(given):
            yield from _walk(given)
        elif os.path.exists(given):
            yield Candidate(given, given, format_of(given))
        else:
            yield InputError(f"{given}: no such file or directory")


def _walk(top: str) -> Iterator[Candidate]:
    """Sorted walk that does not follow directory links (so a link loop cannot trap it)."""
    for root, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not _skipped(root, d))
        for name in sorted(files):
            kind = EXTENSIONS.get(os.path.splitext(name)[1].lower())
            if kind is not None:
                full = os.path.join(root, name)
                yield Candidate(full, full, kind)


def _skipped(root: str, name: str) -> bool:
    """Version control, dependencies and virtualenvs (any folder holding a pyvenv.cfg)."""
    return name in _SKIPPED_DIRS or os.path.isfile(os.path.join(root, name, "pyvenv.cfg"))
