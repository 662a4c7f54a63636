"""A pack's sense patterns, compiled once per machine rather than once per process.

`regex` compiles a pattern in Python, and a pack's sense patterns take tens of milliseconds:
most of a pre-commit run on one small file. A compiled `regex` pattern pickles as its compiled
code and loads back without being parsed again, so the patterns are kept in the user's cache
(`cache.py`) under a name made from their text and the `regex` version.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from typing import TYPE_CHECKING

from .. import cache
from ..errors import PackError

if TYPE_CHECKING:
    import regex


def compile_pattern(source: str) -> regex.Pattern[str]:
    """A pack's pattern as every sense pattern is compiled: case ignored, ^ and $ at lines."""
    import regex

    return regex.compile(source, regex.IGNORECASE | regex.MULTILINE)


class Patterns:
    """Every sense pattern of one pack, compiled (or loaded) together on first use."""

    __slots__ = ("_sources", "_explain", "_compiled")

    def __init__(self) -> None:
        self._sources: list[str] = []
        self._explain: list[Callable[[], PackError]] = []
        self._compiled: list[regex.Pattern[str]] | None = None

    def add(self, source: str, explain: Callable[[], PackError]) -> int:
        """Register a pattern (its index); `explain` makes the error that names it when it does
        not compile. A pattern registered twice (one sense, two terms) is one pattern."""
        if source in self._sources:
            return self._sources.index(source)
        self._sources.append(source)
        self._explain.append(explain)
        return len(self._sources) - 1

    def get(self, index: int) -> regex.Pattern[str]:
        if self._compiled is None:
            import regex

            name = cache.entry_name("patterns", regex.__version__, *self._sources)
            self._compiled = self._load(cache.read(name)) or self._compile(name)
        return self._compiled[index]

    def _load(self, data: bytes | None) -> list[regex.Pattern[str]] | None:
        if data is None:
            return None
        try:
            loaded = pickle.loads(data)
        except Exception:  # truncated, or from an incompatible build: compile again
            return None
        if not isinstance(loaded, list) or [getattr(p, "pattern", None) for p in loaded] != self._sources:
            return None
        return loaded

    def _compile(self, name: str) -> list[regex.Pattern[str]]:
        import regex

        compiled = []
        for source, explain in zip(self._sources, self._explain, strict=True):
            try:
                compiled.append(compile_pattern(source))
            except regex.error:
                raise explain() from None
        cache.write(name, pickle.dumps(compiled, protocol=pickle.HIGHEST_PROTOCOL))
        return compiled
