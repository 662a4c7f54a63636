"""termsense: a context-aware terminology linter for Markdown and plain text.

Public API: `lint_text` and `lint_paths` return `Finding` objects; the CLI is a thin layer.
"""

from __future__ import annotations

from collections.abc import Iterable

from .config import Settings
from .errors import TermsenseError
from .findings import Finding, Usage

__version__ = "0.1.0"
__all__ = ["Finding", "Settings", "TermsenseError", "Usage", "__version__", "lint_paths", "lint_text", "survey_text"]


def lint_text(text: str, *, path: str = "<text>", format: str = "md", config: Settings | None = None) -> list[Finding]:
    """Findings for one document given as a string (format "md" or "txt")."""
    from .document import Source
    from .engine import lint_source

    return lint_source(Source.from_text(text, path=path, format=format), config or Settings())


def survey_text(
    text: str, *, path: str = "<text>", format: str = "md", config: Settings | None = None
) -> tuple[list[Finding], list[Usage]]:
    """Findings for one document, and every use of a pack term with how it was read (a party,
    or set aside as technical, a fixed phrase, a name, a mention or a contrast)."""
    from .document import Source
    from .engine import survey_source

    return survey_source(Source.from_text(text, path=path, format=format), config or Settings())


def lint_paths(paths: Iterable[str], config: Settings | None = None) -> tuple[list[Finding], list[TermsenseError]]:
    """Findings for files and directories, and the errors of files that could not be checked."""
    from .run import flatten, run

    return flatten(run(list(paths), config or Settings()))
