"""A pack's sense patterns, compiled once per machine rather than once per process.

`regex` compiles a pattern in Python, and a pack's sense patterns take tens of milliseconds:
most of a pre-commit run on one small file. A compiled `regex` pattern pickles as its compiled
code, and loads back without being parsed again, so the patterns are kept in the user's cache
directory under a name made from their text and the versions that read them: any change to
a pack, to `regex` or to Python makes a new entry, and an entry that cannot be read is simply
compiled again. The cache is an optimisation only; without a writable cache directory
everything works as before.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import PackError

if TYPE_CHECKING:
    import regex

CACHE_ENV = "TERMSENSE_CACHE_DIR"


def cache_dir() -> Path | None:
    """$TERMSENSE_CACHE_DIR, else the platform's user cache directory; None without a home."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA")
    try:
        return Path(base) / "termsense" if base else Path.home() / ".cache" / "termsense"
    except RuntimeError:  # no home directory to be found
        return None


class Patterns:
    """Every sense pattern of one pack, compiled (or loaded) together on first use."""

    __slots__ = ("_sources", "_explain", "_compiled")

    def __init__(self) -> None:
        self._sources: list[str] = []
        self._explain: list[Callable[[], PackError]] = []
        self._compiled: list[regex.Pattern[str]] | None = None

    def add(self, source: str, explain: Callable[[], PackError]) -> int:
        """Register a pattern; `explain` makes the error that names it when it does not compile."""
        self._sources.append(source)
        self._explain.append(explain)
        return len(self._sources) - 1

    def get(self, index: int) -> regex.Pattern[str]:
        if self._compiled is None:
            self._compiled = self._load() or self._compile()
        return self._compiled[index]

    def _key(self) -> str:
        import regex

        versions = f"{regex.__version__}|{sys.implementation.name}|{sys.version_info[:2]}"
        return hashlib.sha256("\0".join([versions, *self._sources]).encode("utf-8")).hexdigest()[:32]

    def _path(self) -> Path | None:
        folder = cache_dir()
        return folder / f"patterns-{self._key()}.pickle" if folder is not None else None

    def _load(self) -> list[regex.Pattern[str]] | None:
        path = self._path()
        if path is None or not _private(path.parent):
            return None
        try:
            with path.open("rb") as file:
                loaded = pickle.load(file)
        except Exception:  # missing, truncated or from an incompatible build: compile again
            return None
        if not isinstance(loaded, list) or [getattr(p, "pattern", None) for p in loaded] != self._sources:
            return None
        return loaded

    def _compile(self) -> list[regex.Pattern[str]]:
        import regex

        compiled = []
        for source, explain in zip(self._sources, self._explain, strict=True):
            try:
                compiled.append(regex.compile(source, regex.IGNORECASE | regex.MULTILINE))
            except regex.error:
                raise explain() from None
        self._store(compiled)
        return compiled

    def _store(self, compiled: list[regex.Pattern[str]]) -> None:
        """Write the entry atomically (a rename), so a reader never sees half of one."""
        path = self._path()
        if path is None:
            return
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=".patterns-", delete=False) as file:
                try:
                    pickle.dump(compiled, file, protocol=pickle.HIGHEST_PROTOCOL)
                except OSError:
                    os.unlink(file.name)
                    raise
            os.replace(file.name, path)
        except OSError:
            pass  # a read-only or full disk costs speed, nothing else


def _private(folder: Path) -> bool:
    """Only a directory that no one else can write to is trusted to hold pickles."""
    try:
        status = folder.stat()
    except OSError:
        return False
    if os.name != "posix":
        return True
    return status.st_uid == os.getuid() and not status.st_mode & 0o022
