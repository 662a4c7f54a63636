"""Survey a tree for a report: per file, the findings `check` gives, every term use with the
sense it was read in, and the lines around each finding; files run through the same runner
(and workers) as `check`, so a report is built from the same findings as `--format json`."""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, TextIO

from .config import Settings
from .discover import Candidate, discover
from .engine import survey_source
from .errors import TermsenseError
from .findings import Surveyed
from .read import read_source

if TYPE_CHECKING:
    from .resolve import Resolver

CONTEXT_LINES = 1  # lines shown before and after a finding's line


def survey_file(candidate: Candidate, settings: Settings) -> Surveyed:
    source = read_source(candidate, settings.max_file_size)
    findings, usages = survey_source(source, settings)
    count = len(source.line_starts) - source.text.endswith(("\n", "\r")) if findings else 0  # no line after the last break
    wanted = {
        n for f in findings for n in range(f.line - CONTEXT_LINES, f.end_line + CONTEXT_LINES + 1) if 1 <= n <= count
    }
    uses = Counter((u.term, u.sense) for u in usages)
    return Surveyed(candidate.display, findings, dict(uses), {n: source.line_text(n - 1) for n in sorted(wanted)})


def count_files(paths: list[str], resolver: Resolver) -> int:
    """How many files a run will read (names only), so progress can say 'n / total'."""
    return sum(1 for c in discover(paths, None, resolver) if isinstance(c, Candidate))


def survey_paths(
    paths: list[str], settings: Settings | Resolver, jobs: int = 1, on_file: Callable[[], None] | None = None
) -> Iterator[Surveyed | TermsenseError]:
    """Per file, in discovery order: its survey, or the error that kept it from being read;
    `settings` is one Settings for every file, or a resolver that finds each file's own."""
    from .run import run

    for result in run(paths, settings, jobs, action="survey"):
        if on_file is not None:
            on_file()
        yield result  # type: ignore[misc]  # a survey job yields Surveyed, not findings


class Progress:
    """'files done / total' on one rewritten stderr line, at most every `interval` seconds;
    silent unless the stream is a terminal (a CI log should not fill with carriage returns)."""

    def __init__(self, total: int, stream: TextIO = sys.stderr, interval: float = 0.1) -> None:
        self.total, self.stream, self.interval = total, stream, interval
        self.done = 0
        self.shown = False
        self.last = float("-inf")
        self.live = stream.isatty()

    def __call__(self) -> None:
        self.done += 1
        now = time.monotonic()
        if self.live and (now - self.last >= self.interval or self.done == self.total):
            self.last = now
            self.stream.write(f"\rtermsense: {self.done} / {self.total} files")
            self.stream.flush()
            self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()
