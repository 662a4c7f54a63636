"""Run the pipeline over many files: discover, read, lint; errors are results, not crashes."""

from __future__ import annotations

from collections.abc import Iterator

from .config import Settings
from .discover import Candidate, discover
from .engine import lint_source
from .errors import InputError, TermsenseError
from .findings import Finding
from .read import read_source


def run(paths: list[str], settings: Settings) -> Iterator[list[Finding] | TermsenseError]:
    """Per file, in discovery order: its findings, or the error that kept it from being checked."""
    for candidate in discover(paths):
        if isinstance(candidate, InputError):
            yield candidate
            continue
        yield check_file(candidate, settings)


def check_file(candidate: Candidate, settings: Settings) -> list[Finding] | TermsenseError:
    try:
        return lint_source(read_source(candidate), settings)
    except TermsenseError as error:
        return error
