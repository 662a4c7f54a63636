"""Changed-lines mode: which lines of which files changed since a git revision, so a team can
adopt the linter on a large docs tree without fixing its history first."""

from __future__ import annotations

import os
import re
import subprocess

from .errors import TermsenseError

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)
ALL_LINES = None  # an untracked file: every line is new


def changed_lines(base: str) -> dict[str, set[int] | None]:
    """Normalised path (relative to the current directory) -> changed line numbers."""
    if _git("rev-parse", "--is-inside-work-tree", base=base, check=False).strip() != "true":
        raise TermsenseError("--diff-base: not inside a git repository")
    if not _git("rev-parse", "--verify", "--quiet", f"{base}^{{commit}}", base=base, check=False).strip():
        raise TermsenseError(f"--diff-base: unknown revision {base!r}")
    diff = _git("diff", "--relative", "--unified=0", "--no-color", "--no-ext-diff", base, "--", ".", base=base)
    changed: dict[str, set[int] | None] = {}
    for section in re.split(r"^diff --git ", diff, flags=re.MULTILINE)[1:]:
        target = re.search(r"^\+\+\+ (?:b/)?(.+)$", section, re.MULTILINE)
        if target is None or target.group(1) == "/dev/null":
            continue
        lines: set[int] = set()
        for hunk in _HUNK.finditer(section):
            start, count = int(hunk.group(1)), int(hunk.group(2) or 1)
            lines.update(range(start, start + count))
        changed[os.path.normpath(target.group(1))] = lines
    for path in _git("ls-files", "--others", "--exclude-standard", base=base).splitlines():
        changed[os.path.normpath(path)] = ALL_LINES
    return changed


def is_changed(changed: dict[str, set[int] | None], path: str, line: int) -> bool:
    key = os.path.normpath(path)
    if key not in changed:
        return False
    lines = changed[key]
    return lines is ALL_LINES or line in lines


def _git(*args: str, base: str, check: bool = True) -> str:
    """git's output; with `check`, a failure becomes one clear error line."""
    try:
        result = subprocess.run(["git", *args], capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise TermsenseError("--diff-base: git is not installed") from None
    if check and result.returncode != 0:
        lines = result.stderr.strip().splitlines()
        raise TermsenseError(f"--diff-base: git {args[0]} {base!r} failed: {lines[-1] if lines else result.returncode}")
    return result.stdout
