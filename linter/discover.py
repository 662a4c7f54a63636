"""Discover: expand the paths given on the command line into files to check, in a stable order."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

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


@dataclass(frozen=True, slots=True)
class Filters:
    """Config globs, relative to `root`: a walked file must match an include (if any) and no
    exclude; an excluded folder is not entered. Files named on the command line are kept."""

    root: str = "."
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def skips(self, path: str, folder: bool = False) -> bool:
        if not self.exclude and not self.include:
            return False  # the usual case: no path arithmetic per file
        relative = Path(os.path.relpath(os.path.abspath(path), os.path.abspath(self.root))).as_posix()
        if any(_glob(relative, pattern) for pattern in self.exclude):
            return True
        return not folder and bool(self.include) and not any(_glob(relative, p) for p in self.include)


def _glob(relative: str, pattern: str) -> bool:
    """gitignore-like: a pattern without a slash matches any path component; `**` any depth."""
    pattern = pattern.rstrip("/")
    if "/" not in pattern:
        return any(fnmatch.fnmatchcase(part, pattern) for part in relative.split("/"))
    return fnmatch.fnmatchcase(relative, pattern) or fnmatch.fnmatchcase(relative, pattern.replace("**/", ""))


def discover(paths: list[str], stdin_name: str | None = None, filters: Filters = Filters()) -> Iterator[Candidate | InputError]:
    """Files under each path; a path that does not exist yields an error in its place; "-" is
    standard input, shown as `stdin_name` (whose extension also sets the format)."""
    for given in paths:
        if given == STDIN:
            yield Candidate(stdin_name or STDIN, STDIN, format_of(stdin_name or "stdin.md"))
        elif os.path.isdir(given):
            yield from _walk(given, filters)
        elif os.path.exists(given):
            yield Candidate(given, given, format_of(given))
        else:
            yield InputError(f"{given}: no such file or directory")


def _walk(top: str, filters: Filters) -> Iterator[Candidate]:
    """Sorted walk that does not follow directory links (so a link loop cannot trap it)."""
    for root, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not _skipped(root, d) and not filters.skips(os.path.join(root, d), True))
        for name in sorted(files):
            kind = EXTENSIONS.get(os.path.splitext(name)[1].lower())
            full = os.path.join(root, name)
            if kind is not None and not filters.skips(full):
                yield Candidate(full, full, kind)


def _skipped(root: str, name: str) -> bool:
    """Version control, dependencies and virtualenvs (any folder holding a pyvenv.cfg)."""
    return name in _SKIPPED_DIRS or os.path.isfile(os.path.join(root, name, "pyvenv.cfg"))
