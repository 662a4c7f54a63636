"""Changed-lines mode: which lines of which files changed since a git revision, so a team can
adopt the linter on a large docs tree without fixing its history first.

The comparison is with the merge base of the revision and HEAD (`git merge-base REF HEAD`),
as reviewdog and other diff linters do: on a branch that main has moved past, lines that only
main changed are not the branch's to answer for. The working tree is compared, so uncommitted
edits count, and untracked files count in full. Paths are keyed absolute, so a file named by
an absolute path, a relative one or from a subfolder is the same file.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from .errors import TermsenseError

_HUNK = r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@"  # compiled when a diff is read, not on import
ALL_LINES = None  # an untracked file: every line is new


@dataclass(frozen=True, slots=True)
class ChangedLines:
    """Absolute path -> changed line numbers (ALL_LINES for an untracked file)."""

    lines: dict[str, frozenset[int] | None]

    def covers(self, path: str, line: int) -> bool:
        key = _key(path)
        if key not in self.lines:
            return False
        changed = self.lines[key]
        return changed is ALL_LINES or line in changed


def changed_lines(base: str) -> ChangedLines:
    """The lines changed in the working tree since the merge base of `base` and HEAD."""
    if _git("rev-parse", "--is-inside-work-tree", base=base, check=False).strip() != "true":
        raise TermsenseError("--diff-base: not inside a git repository")
    if not _git("rev-parse", "--verify", "--quiet", f"{base}^{{commit}}", base=base, check=False).strip():
        raise TermsenseError(f"--diff-base: unknown revision {base!r}")
    top = _git("rev-parse", "--show-toplevel", base=base).strip()
    fork = _git("merge-base", base, "HEAD", base=base, what="merge-base").strip()
    diff = _git("-C", top, "diff", "--unified=0", "--no-color", "--no-ext-diff", "--no-renames", fork, "--", ".", base=base)
    changed: dict[str, frozenset[int] | None] = {}
    for section in re.split(r"^diff --git ", diff, flags=re.MULTILINE)[1:]:
        target = re.search(r"^\+\+\+ (?:b/)?(.+)$", section, re.MULTILINE)
        if target is None or target.group(1) == "/dev/null":
            continue
        lines: set[int] = set()
        for hunk in re.finditer(_HUNK, section, re.MULTILINE):
            start, count = int(hunk.group(1)), int(hunk.group(2) or 1)
            lines.update(range(start, start + count))
        changed[_key(os.path.join(top, target.group(1)))] = frozenset(lines)
    for path in _git("-C", top, "ls-files", "--others", "--exclude-standard", base=base).splitlines():
        changed[_key(os.path.join(top, path))] = ALL_LINES
    return ChangedLines(changed)


def _key(path: str) -> str:
    """The absolute path with its folder's links resolved (git's top level is a real path),
    but not the file's own: a linked document is the link git tracks."""
    folder, name = os.path.split(os.path.abspath(path))
    return os.path.join(os.path.realpath(folder), name)


def _git(*args: str, base: str, check: bool = True, what: str | None = None) -> str:
    """git's output; with `check`, a failure becomes one clear error line."""
    import subprocess  # only --diff-base runs git: a plain check does not pay for the import

    try:
        result = subprocess.run(["git", *args], capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise TermsenseError("--diff-base: git is not installed") from None
    if check and result.returncode != 0:
        if what == "merge-base":
            raise TermsenseError(f"--diff-base: {base!r} and HEAD have no common ancestor")
        lines = result.stderr.strip().splitlines()
        command = args[2] if args[0] == "-C" else args[0]
        raise TermsenseError(f"--diff-base: git {command} {base!r} failed: {lines[-1] if lines else result.returncode}")
    return result.stdout
