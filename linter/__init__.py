"""termsense: a context-aware terminology linter for Markdown and plain text.

The public API, the one the command line is built on: `lint_text`, `lint_paths`,
`fix_text` and `apply_fixes`, `survey_text`, `load_pack`, the `Settings` they take, the
values they return (`Finding`, `Evidence`, `Fix`, `Edit`, `Usage`) and the errors they raise
(`TermsenseError` and its kinds). Arguments are checked: an unknown format, rule code or
term raises `ConfigError` instead of doing nothing.
"""

from __future__ import annotations

from os import PathLike

from .config import Settings
from .errors import ConfigError, InputError, PackError, TermsenseError
from .findings import Edit, Evidence, Finding, Fix, Usage

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: `import termsense` stays cheap
if TYPE_CHECKING:
    from collections.abc import Iterable

    from .document import Source
    from .packs import Pack

__version__ = "0.1.0"
__all__ = [
    "ConfigError", "Edit", "Evidence", "Finding", "Fix", "InputError", "PackError", "Settings", "TermsenseError",
    "Usage", "__version__", "apply_fixes", "fix_text", "lint_paths", "lint_text", "load_pack", "survey_text",
]
FORMATS = ("md", "txt")


def lint_text(text: str, *, path: str = "<text>", format: str = "md", config: Settings | None = None) -> list[Finding]:
    """Findings for one document given as a string (format "md" or "txt"), filtered exactly as
    the command line filters a file: selection, per-file ignores (matched on `path`),
    suppression comments, confidence. The term uses `survey_text` adds are not read (a dense
    page spends a twentieth of its time on them)."""
    from .engine import lint_source

    return lint_source(_source(text, path, format), _settings(config))


def survey_text(
    text: str, *, path: str = "<text>", format: str = "md", config: Settings | None = None
) -> tuple[list[Finding], list[Usage]]:
    """Findings for one document, and every use of a pack term with how it was read (a party,
    or set aside as technical, a fixed phrase, a name, a mention or a contrast)."""
    from .engine import survey_source

    return survey_source(_source(text, path, format), _settings(config))


def fix_text(
    text: str, *, path: str = "<text>", format: str = "md", config: Settings | None = None, unsafe: bool = False
) -> tuple[str, list[Finding]]:
    """The document with its fixes applied (linted again until nothing changes, as --fix
    does) and the findings left, with positions in the fixed text."""
    from . import fix
    from .run import fix_source

    source = _source(text, path, format)
    fixed, findings, _ = fix_source(source, _settings(config), unsafe=unsafe)
    return fix.encode(source, fixed.text).decode("utf-8"), findings


def apply_fixes(text: str, findings: Iterable[Finding], *, unsafe: bool = False) -> str:
    """`text` with the fixes of `findings` (found in that same text) applied once: safe fixes,
    and unsafe ones too if asked; an edit that overlaps one already applied is skipped."""
    from .fix import apply_fixes as apply

    _check_type("text", text, str)
    return apply(text, list(findings), unsafe=unsafe)


def lint_paths(
    paths: Iterable[str | PathLike[str]], config: Settings | None = None, *, fix: bool = False,
    unsafe_fixes: bool = False, diff_base: str | None = None, jobs: int = 1,
) -> tuple[list[Finding], list[TermsenseError]]:
    """Findings for files and directories, and the errors of files that could not be checked.

    With `config=None` each file is checked with its closest config file, as the command line
    does; a `Settings` applies to every file and no config file is read. `fix` rewrites the
    files (the findings returned are those left); `diff_base` keeps only findings on lines
    changed since the merge base of that git revision and HEAD.
    """
    from .changed_lines import changed_lines
    from .resolve import Hierarchy, Resolver, Uniform
    from .run import flatten, run

    if isinstance(paths, (str, PathLike)):
        raise ConfigError(f"lint_paths: paths must be a list of paths, not one path ({paths!r})")
    if not isinstance(jobs, int) or jobs < 1:
        raise ConfigError(f"lint_paths: jobs must be a whole number of 1 or more, got {jobs!r}")
    resolver: Resolver = Hierarchy() if config is None else Uniform(_settings(config))
    changed = changed_lines(diff_base) if diff_base is not None else None
    action = "fix" if fix else "check"
    return flatten(run([str(p) for p in paths], resolver, jobs, action=action, unsafe=unsafe_fixes, changed=changed))


def load_pack(path: str | PathLike[str]) -> Pack:
    """Load, validate and compile a rule pack file (the format of rules/README.md); a problem
    raises PackError naming the file, the key and the line. Use it by adding the path to
    `Settings(packs=(...))`."""
    from .packs import load_pack as load

    pack = load(str(path))
    pack.compiled()
    return pack


def _source(text: str, path: str, format: str) -> Source:
    from .document import Source

    _check_type("text", text, str)
    if format not in FORMATS:
        raise ConfigError(f"format must be one of {', '.join(map(repr, FORMATS))}, got {format!r}")
    return Source.from_text(text, path=path, format=format)


def _settings(config: Settings | None) -> Settings:
    if config is None:
        return Settings()
    _check_type("config", config, Settings)
    from .resolve import checked

    return checked(config)


def _check_type(name: str, value: object, expected: type) -> None:
    if not isinstance(value, expected):
        raise ConfigError(f"{name} must be a {expected.__name__}, got {type(value).__name__}")
