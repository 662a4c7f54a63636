"""The user's cache directory: work that outlives a process (compiled patterns, parsed packs).

Entries are named by a checksum of everything they were made from and hold that too, so a
reader checks it is the entry it wants: a stale entry is never used, only left behind, and
one that cannot be read is made again. Reading trusts only a
directory no one else can write to, and writing is atomic (a rename), so two processes never
see half of one. The cache is an optimisation only: without a writable cache directory
everything works as before, a little slower.
"""

from __future__ import annotations

import os
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

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


def entry_name(kind: str, *parts: str) -> str:
    """A file name for what `parts` make, in this Python (bytecode formats differ between
    them). A checksum, not a digest: entries hold what they were made from, and readers compare."""
    made_of = "\0".join([f"{sys.implementation.name}|{sys.version_info[:2]}", *parts]).encode("utf-8", "surrogatepass")
    return f"{kind}-{zlib.crc32(made_of):08x}{zlib.adler32(made_of):08x}{len(made_of):x}"


def read(name: str) -> bytes | None:
    folder = cache_dir()
    if folder is None or not _private(folder):
        return None
    try:
        return (folder / name).read_bytes()
    except OSError:
        return None


def write(name: str, data: bytes) -> None:
    import tempfile  # only a cache miss writes: a warm run does not pay for the import

    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=folder, prefix=f".{name}-", delete=False) as file:
            try:
                file.write(data)
            except OSError:
                os.unlink(file.name)
                raise
        os.replace(file.name, folder / name)
    except OSError:
        pass  # a read-only or full disk costs speed, nothing else


def kept(kind: str, made_of: list[str], work: Callable[[], T]) -> T:
    """`work()`, kept with what it was made from (a pack's text, a lexicon's, patterns read by
    some code): parsing or reading them in Python costs a pre-commit run more than loading the
    result back. An error of `work` is raised and nothing kept; a value marshal cannot hold (a
    TOML date) is made each time."""
    import marshal

    name = entry_name(kind, *made_of)
    data = read(name)
    if data is not None:
        try:
            stored, value = marshal.loads(data)
            if stored == made_of:
                return value  # what `work` made from these very parts
        except (EOFError, ValueError, TypeError):  # damaged or from another build: made again
            pass
    value = work()
    try:
        write(name, marshal.dumps((made_of, value)))  # type: ignore[arg-type]  # checked by marshal itself
    except ValueError:
        pass
    return value


def _private(folder: Path) -> bool:
    """Only a directory that no one else can write to is trusted to hold code."""
    try:
        status = folder.stat()
    except OSError:
        return False
    if os.name != "posix":
        return True
    return status.st_uid == os.getuid() and not status.st_mode & 0o022
