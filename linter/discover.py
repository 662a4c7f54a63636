"""Discover: expand the paths given on the command line into files to check, in a stable order.

Globs (`include`, `exclude`, `per-file-ignores`) have git's wildmatch meaning, from the
`pathspec` library: a pattern without a slash matches at any depth, one with a slash is
anchored to the config file's folder, `**` spans folders, a trailing `/` matches folders
only and `!` re-includes. They are relative to the folder of the config file that set them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import Settings
from .errors import InputError

if TYPE_CHECKING:
    from .resolve import Resolver

EXTENSIONS = {".md": "md", ".markdown": "md", ".mdx": "md", ".txt": "txt"}
_SKIPPED_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", "site-packages"}


class Candidate:
    """A file to check (a plain class compared by identity: a frozen dataclass costs every
    run about half a millisecond to define)."""

    __slots__ = ("display", "path", "format")

    def __init__(self, display: str, path: str, format: str) -> None:
        self.display = display  # the path as the user will see it: as given, joined with the walk
        self.path = path
        self.format = format


def format_of(path: str) -> str:
    """Markdown unless the name says plain text; an explicitly named file is always checked."""
    return EXTENSIONS.get(os.path.splitext(path)[1].lower(), "md")


STDIN = "-"


def relative(path: str, root: str) -> str:
    """A path as the config's globs see it: relative to the config's folder, with slashes."""
    return Path(os.path.relpath(os.path.abspath(path), os.path.abspath(root))).as_posix()


@lru_cache(maxsize=256)
def _spec(patterns: tuple[str, ...]) -> Any:
    import pathspec  # only runs with globs pay for it

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def matches(relative_path: str, patterns: Iterable[str]) -> bool:
    """Whether a path (relative to the patterns' folder; a folder ends in '/') matches."""
    patterns = tuple(patterns)
    if not patterns or relative_path == ".." or relative_path.startswith("../"):
        return False
    return bool(_spec(patterns).match_file(relative_path))


def skips(settings: Settings, path: str, folder: bool = False) -> bool:
    """Whether the walk leaves out a path: excluded, or (a file) not included."""
    if not settings.exclude and not settings.include:
        return False  # the usual case: no path arithmetic per file
    here = relative(path, settings.root) + ("/" if folder else "")
    if matches(here, settings.exclude):
        return True
    return not folder and bool(settings.include) and not matches(here, settings.include)


def discover(paths: list[str], stdin_name: str | None = None, resolver: Resolver | None = None) -> Iterator[Candidate | InputError]:
    """Files under each path; a path that does not exist yields an error in its place; "-" is
    standard input, shown as `stdin_name` (whose extension also sets the format). A file named
    on the command line is checked even if excluded, unless `force-exclude` is set."""
    if resolver is None:
        from .resolve import Uniform

        resolver = Uniform(Settings())
    for given in paths:
        if given == STDIN:
            yield Candidate(stdin_name or STDIN, STDIN, format_of(stdin_name or "stdin.md"))
        elif os.path.isdir(given):
            yield from _walk(given, resolver)
        elif os.path.exists(given):
            settings = resolver.for_file(given)
            if not (settings.force_exclude and _excluded(settings, given)):
                yield Candidate(given, given, format_of(given))
        else:
            yield InputError(f"{given}: no such file or directory")


def _excluded(settings: Settings, path: str) -> bool:
    """The exclude globs applied to a named file (`force-exclude`), as ruff does for pre-commit."""
    return bool(settings.exclude) and matches(relative(path, settings.root), settings.exclude)


def _walk(top: str, resolver: Resolver) -> Iterator[Candidate]:
    """Sorted walk that does not follow directory links (so a link loop cannot trap it), and
    leaves out what git ignores unless the folder's settings say `respect-gitignore = false`."""
    ignores: dict[str, tuple[Ignore, ...]] = {}
    for root, dirs, files in os.walk(top):
        settings = resolver.for_folder(root)
        here = os.path.abspath(root)
        chain = (ignores[os.path.dirname(here)] if ignores else _outer_ignores(here)) + _own_ignores(root, files)
        ignores[here] = chain
        honour = chain if settings.respect_gitignore else ()
        dirs[:] = sorted(
            d for d in dirs if not _skipped(root, d) and not skips(settings, os.path.join(root, d), True)
            and not _ignored(honour, os.path.join(here, d), True)
        )
        for name in sorted(files):
            kind = EXTENSIONS.get(os.path.splitext(name)[1].lower())
            full = os.path.join(root, name)
            if kind is not None and not skips(settings, full) and not _ignored(honour, os.path.join(here, name)):
                yield Candidate(full, full, kind)


class Ignore:
    """One .gitignore (or .git/info/exclude) and the folder its patterns are relative to."""

    __slots__ = ("base", "spec")

    def __init__(self, base: str, spec: Any) -> None:
        self.base = base
        self.spec = spec


def _read_ignore(base: str, path: str) -> tuple[Ignore, ...]:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return ()
    import pathspec  # only trees with a .gitignore pay for it

    return (Ignore(os.path.abspath(base), pathspec.GitIgnoreSpec.from_lines(lines)),)


def _own_ignores(folder: str, files: list[str]) -> tuple[Ignore, ...]:
    return _read_ignore(folder, os.path.join(folder, ".gitignore")) if ".gitignore" in files else ()


def _outer_ignores(top: str) -> tuple[Ignore, ...]:
    """The ignore files above a walked folder, outermost first, up to its repository's root
    (whose .git/info/exclude comes first, as git ranks it lowest); none outside a repository."""
    folders = []
    here = os.path.abspath(top)
    while True:
        parent = os.path.dirname(here)
        if os.path.exists(os.path.join(here, ".git")):
            break
        if parent == here:
            return ()
        here = parent
        folders.append(here)
    chain = _read_ignore(here, os.path.join(here, ".git", "info", "exclude"))
    for folder in reversed(folders):
        chain += _read_ignore(folder, os.path.join(folder, ".gitignore"))
    return chain


def _ignored(chain: tuple[Ignore, ...], full: str, folder: bool = False) -> bool:
    """git's verdict on an absolute path below every ignore file's folder: the deepest ignore
    file with a matching pattern decides (`!` re-includes)."""
    for ignore in reversed(chain):
        here = full[len(ignore.base) + 1:] if ignore.base != os.sep else full[1:]
        if os.sep != "/":
            here = here.replace(os.sep, "/")
        verdict = ignore.spec.check_file(here + "/" if folder else here).include
        if verdict is not None:
            return bool(verdict)
    return False


def _skipped(root: str, name: str) -> bool:
    """Version control, dependencies and virtualenvs (any folder holding a pyvenv.cfg)."""
    return name in _SKIPPED_DIRS or os.path.isfile(os.path.join(root, name, "pyvenv.cfg"))
