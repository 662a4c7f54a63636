"""Settings: what the user chose, with defaults in one place."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import ConfigError

DEFAULT_MIN_CONFIDENCE = 0.5  # the model says the word is likelier wrong than right (README, Accuracy)
DEFAULT_MAX_FILE_SIZE = 20.0  # MB; a generated file bigger than this is reported and skipped
DEFAULT_FIX_CONFIDENCE = 0.95  # the top band: out of fold, right 99% of the time on the written corpus, all on realtext


@dataclass(frozen=True, slots=True)
class Settings:
    packs: tuple[str, ...] = ()  # extra pack files, after the built-in pack
    select: frozenset[str] | None = None  # None: every rule that is on by default
    ignore: frozenset[str] = frozenset()
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    prefer: str | None = None
    builtin: bool = True
    fix_confidence: float = DEFAULT_FIX_CONFIDENCE
    max_file_size: float = DEFAULT_MAX_FILE_SIZE  # MB
    root: str = "."  # the config file's directory: globs below are relative to it
    include: tuple[str, ...] = ()  # when walking, only files matching one of these
    exclude: tuple[str, ...] = ()  # when walking, skip files and folders matching these
    force_exclude: bool = False  # exclude files named on the command line too (pre-commit passes names)
    respect_gitignore: bool = True  # when walking, skip what .gitignore files (and .git/info/exclude) ignore
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...] = ()
    extend_cues: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (term, words) added as domain cues
    accept: tuple[str, ...] = ()  # phrases whose term uses are never flagged (sense "accepted")
    severity: tuple[tuple[str, str], ...] = ()  # (rule code or prefix, "error"|"warning"|"info")
    context_model: bool = False  # stack the opt-in context model on the verdict model (contextmodel.py)

    def __post_init__(self) -> None:
        """Rule lists and pack paths given as any collection (a list from Python code) are kept
        as the types above, codes upper-cased; a bare string would be read letter by letter,
        so it is refused. The context model asked for without its extra is refused here, once."""
        if self.context_model:
            from .contextmodel import require

            require()
        for name in ("select", "ignore", "packs"):
            value = getattr(self, name)
            if value is None:
                continue
            if isinstance(value, str):
                raise ConfigError(f"{name} must be a collection, not one string ({value!r})")
            if name == "packs":
                object.__setattr__(self, name, tuple(str(v) for v in value))
            else:
                object.__setattr__(self, name, frozenset(str(v).upper() for v in value))
