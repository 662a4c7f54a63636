"""Fixes: apply span edits to a document without touching a byte outside them.

Edits are code-point offsets into the decoded text; they are applied from the end back, an
edit that overlaps one already taken is skipped, and the result is encoded as UTF-8 with
the BOM restored if the file had one, so CRLF, trailing spaces and a missing final newline
survive as they were. Writes go to a temporary file in the same directory and replace the
original atomically, keeping its mode and owner, and only if the file on disk is still the
one read; links are written through (see `write_atomically`).

No article ("a"/"an") is adjusted: both words of the built-in pack start with a consonant
sound. A user pack whose terms differ in initial sound (adviser/expert) gets the word
replaced and the article left as written; that is a documented limitation, not a guess.
"""

from __future__ import annotations

import difflib
import os
import stat
import tempfile
from dataclasses import dataclass

from .document import Source
from .errors import InputError
from .findings import Edit, Finding


@dataclass(frozen=True, slots=True)
class Plan:
    """What --fix would do to one file: its new text, the findings fixed and those left."""

    text: str
    fixed: tuple[Finding, ...]
    skipped: tuple[Finding, ...]  # overlapping an edit already taken


def fixable(finding: Finding, unsafe: bool) -> bool:
    return finding.fix is not None and (finding.fix.applicability == "safe" or unsafe)


def plan(source: Source, findings: list[Finding], *, unsafe: bool) -> Plan:
    """Apply the fixable findings' edits to the source text, last edit first."""
    chosen = sorted((f for f in findings if fixable(f, unsafe)), key=lambda f: _edits(f)[0].start, reverse=True)
    text = source.text
    fixed: list[Finding] = []
    skipped: list[Finding] = []
    limit = len(text) + 1
    for finding in chosen:
        edits = sorted(_edits(finding), key=lambda e: e.start, reverse=True)
        if any(edit.end > limit for edit in edits):
            skipped.append(finding)
            continue
        for edit in edits:
            text = text[:edit.start] + edit.text + text[edit.end:]
        limit = edits[-1].start
        fixed.append(finding)
    return Plan(text, tuple(reversed(fixed)), tuple(skipped))


def _edits(finding: Finding) -> tuple[Edit, ...]:
    return finding.fix.edits if finding.fix is not None else ()


def apply_fixes(text: str, findings: list[Finding], *, unsafe: bool = False) -> str:
    """The text with the findings' fixes applied (safe ones, and unsafe ones if asked)."""
    source = Source.from_text(text)
    fixed = plan(source, findings, unsafe=unsafe).text
    return "\ufeff" + fixed if source.has_bom else fixed


def encode(source: Source, text: str) -> bytes:
    return ("\ufeff" + text if source.has_bom else text).encode("utf-8")


def unified_diff(source: Source, new_text: str) -> str:
    """A unified diff of the file as the user sees it (a/ and b/ prefixes on the given path)."""
    before = source.text.splitlines(keepends=True)
    after = new_text.splitlines(keepends=True)
    lines = difflib.unified_diff(before, after, f"a/{source.path}", f"b/{source.path}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def write_atomically(path: str, display: str, original: bytes, data: bytes) -> None:
    """Replace the file's content with `data` unless it changed since `original` was read.

    A symbolic link is written through to its target and stays a link (as ruff and prettier
    do). The new content goes to a temporary file beside the target, takes its mode and owner,
    and is renamed over it; a file with several hard links, or whose owner cannot be kept, is
    rewritten in place instead, since a rename would give it a new identity.
    """
    target = os.path.realpath(path)
    try:
        with open(target, "rb") as handle:
            current = handle.read()
    except OSError as error:
        raise InputError(f"{display}: cannot re-read before fixing: {error.strerror or error}") from None
    if current != original:
        raise InputError(f"{display}: changed on disk while checking; not fixed")
    if not os.access(target, os.W_OK):
        raise InputError(f"{display}: read-only file; not fixed")
    status = os.stat(target)
    try:
        if status.st_nlink > 1 or not _replace(target, status, data):
            _rewrite(target, data)
    except OSError as error:
        raise InputError(f"{display}: cannot write the fix: {error.strerror or error}") from None


def _replace(target: str, status: os.stat_result, data: bytes) -> bool:
    """Temporary file + rename; False (and nothing changed) when the owner cannot be kept."""
    handle, temporary = tempfile.mkstemp(prefix=".termsense-", dir=os.path.dirname(target))
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, stat.S_IMODE(status.st_mode))
        mine = os.stat(temporary)
        if (mine.st_uid, mine.st_gid) != (status.st_uid, status.st_gid) and hasattr(os, "chown"):
            try:
                os.chown(temporary, status.st_uid, status.st_gid)
            except PermissionError:
                os.unlink(temporary)
                return False
        os.replace(temporary, target)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return True


def _rewrite(target: str, data: bytes) -> None:
    """Write in place: the same file (inode, links, owner) with new content."""
    with open(target, "r+b") as out:
        out.write(data)
        out.truncate()
        out.flush()
        os.fsync(out.fileno())
