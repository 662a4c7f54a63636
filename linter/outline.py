"""Outline of a Markdown source from one line scan, so most of a file never meets the parser.

It finds (1) *chunks*: runs of lines that start where a top-level block certainly starts, so
markdown-it parses each one alone exactly as it would inside the whole file, and only chunks
holding a term need parsing; (2) *sections*, started by headings; (3) each section's *wide
text*: its lines without front matter, fenced code and HTML blocks, which the section and
document levels of the context stage read.

A new top-level block certainly starts at an unindented line after a blank line, unless that
line is inside a construct that can hold blank lines: front matter, fenced code, or an HTML
block that ends at a marker (comments, <script>...). Those are skipped whole. Where the scan
cannot be sure (a fence or HTML block inside a container that such a line may close, a fence
inside an HTML block), the source is one chunk, which is always exact.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_PREFIX = r"[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t][ \t>]*)*"  # container markers, unambiguous
_LINE = re.compile(
    rf"^(?:(?P<blank>[ \t]*)$|(?P<prefix>{_PREFIX})"
    rf"(?:(?P<fence>`{{3,}}|~{{3,}})|(?P<html><)|(?P<atx>#{{1,6}})(?=[ \t]|$)|(?P<setext>=+|-+)[ \t]*$))",
    re.M,
)
_HTML_TO_MARKER = re.compile(
    r"<(?:(?P<raw>script|pre|style|textarea)(?=[\s>]|\Z)|(?P<comment>!--)|(?P<pi>\?)|(?P<cdata>!\[CDATA\[)|(?P<decl>![A-Za-z]))",
    re.I,
)
_HTML_END = {
    "raw": re.compile(r"</(?:script|pre|style|textarea)>", re.I),
    "comment": re.compile(r"-->"),
    "pi": re.compile(r"\?>"),
    "cdata": re.compile(r"\]\]>"),
    "decl": re.compile(r">"),
}
_NEW_BLOCK = re.compile(r"\n[ \t]*\n(?=[^ \t\n])")  # a blank line, then an unindented line
_FRONT_MATTER = re.compile(r"\A(-{3,})[^\n]*\n")
_NOT_PLAIN = re.compile(r"[ \t]*(?:[-*+>|#<`~]|\d{1,9}[.)]|$)")  # lines a setext underline cannot follow


@dataclass(frozen=True, slots=True)
class Chunk:
    """Lines [line, line + n) of the source, at [start, end) of the outline's text."""

    start: int
    end: int
    line: int


@dataclass(frozen=True, slots=True)
class Outline:
    text: str  # the source with line breaks normalized to \n (line numbers unchanged)
    chunks: tuple[Chunk, ...]
    section_lines: tuple[int, ...]  # first line of each section; section 0 starts the file
    section_texts: tuple[str, ...]

    def section_of(self, line: int) -> int:
        return bisect.bisect_right(self.section_lines, line) - 1

    @classmethod
    def plain(cls, text: str) -> Outline:
        """Plain text: one chunk, one section, all of it prose."""
        return cls(text, (Chunk(0, len(text), 0),), (0,), (text,))


def outline_markdown(text: str) -> Outline:
    """The outline of a Markdown source (TOML front matter already blanked)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    scan = _Scan(text)
    scan.run()
    chunks = _chunks(text, scan.splits) if scan.certain else (Chunk(0, len(text), 0),)
    section_lines = tuple(line for line, _ in scan.sections)
    section_texts = _section_texts(text, [offset for _, offset in scan.sections], scan.hidden)
    return Outline(text, chunks, section_lines, section_texts)


class _Scan:
    """One pass over the lines that matter: blank lines, fences, HTML, headings."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.splits: list[int] = []  # offsets where a top-level block certainly starts
        self.sections: list[tuple[int, int]] = [(0, 0)]  # (line, offset) of each section start
        self.hidden: list[tuple[int, int]] = []  # spans the wide text leaves out
        self.certain = True
        self._line, self._offset = 0, 0  # a cursor for line numbers, which only move forward
        self._skipped_to = 0  # end of the last span skipped whole

    def line_at(self, offset: int) -> int:
        self._line += self.text.count("\n", self._offset, offset)
        self._offset = offset
        return self._line

    def run(self) -> None:
        text = self.text
        at = self._front_matter()
        html_run = False  # an HTML line since the last blank line: a fence there may be HTML content
        while (match := _LINE.search(text, at)) is not None:
            start = match.start()
            if start == len(text):
                break
            at = _line_end(text, match.end())
            if match.group("blank") is not None:
                html_run = False
                if at < len(text) and text[at] not in " \t\n":
                    self.splits.append(at)
                continue
            prefix = match.group("prefix")
            nested = prefix != ""
            if match.group("fence"):
                fence = match.group("fence")
                if fence[0] == "`" and "`" in text[match.end():at]:
                    continue  # an inline code span, not a fence
                if html_run:
                    self.certain = False
                at = self._skip(start, self._fence_end(at, fence, nested), nested)
            elif match.group("html"):
                html_run = True
                kind = _HTML_TO_MARKER.match(text, match.end() - 1)
                if kind and kind.lastgroup:
                    found = _HTML_END[kind.lastgroup].search(text, kind.end())
                    at = self._skip(start, _line_end(text, found.end()) if found else len(text), nested)
                    html_run = False
            elif not _indent_ok(prefix):
                continue
            elif match.group("atx"):
                self.sections.append((self.line_at(start), start))
            elif match.group("setext") and start > 0 and not prefix.strip(" "):
                previous = text.rfind("\n", 0, start - 1) + 1
                if previous >= self._skipped_to and not _NOT_PLAIN.match(text, previous):
                    self.sections.append((self.line_at(previous), previous))

    def _front_matter(self) -> int:
        """End of YAML front matter, closed as mdit-py-plugins closes it; 0 without one."""
        opening = _FRONT_MATTER.match(self.text)
        if not opening:
            return 0
        closing = re.compile(rf"^(?: {{0,3}}-{{{len(opening.group(1))},}}|\.\.\.)[ \t]*$", re.M)
        found = closing.search(self.text, opening.end())
        if not found:
            return 0
        return self._skip(0, _line_end(self.text, found.end()), nested=False)

    def _fence_end(self, after: int, fence: str, nested: bool) -> int:
        """End of the line that closes a fence opened before `after` (the file's end if none
        does). A fence in a container may close with the container's markers; a top-level one
        may not."""
        lead = _PREFIX if nested else " {0,3}"
        closing = re.compile(rf"^{lead}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", re.M)
        found = closing.search(self.text, after)
        return _line_end(self.text, found.end()) if found else len(self.text)

    def _skip(self, start: int, end: int, nested: bool) -> int:
        """Leave [start, end) out of the wide text; a nested block that a new top-level
        block might have closed makes the scan unsure."""
        if nested and _NEW_BLOCK.search(self.text, start, end):
            self.certain = False
        self.hidden.append((start, end))
        self._skipped_to = end
        return end


def _indent_ok(prefix: str) -> bool:
    """A heading may sit in block quotes but not in list items, and not as indented code."""
    return prefix.strip(" \t>") == "" and len(prefix) - len(prefix.lstrip(" ")) <= 3


def _line_end(text: str, offset: int) -> int:
    """The offset just past the line break of the line holding `offset`."""
    end = text.find("\n", offset)
    return len(text) if end < 0 else end + 1


def _chunks(text: str, splits: list[int]) -> tuple[Chunk, ...]:
    chunks: list[Chunk] = []
    start, line = 0, 0
    for split in splits:
        chunks.append(Chunk(start, split, line))
        line += text.count("\n", start, split)
        start = split
    chunks.append(Chunk(start, len(text), line))
    return tuple(chunks)


def _section_texts(text: str, starts: list[int], hidden: list[tuple[int, int]]) -> tuple[str, ...]:
    """Each section's text with the hidden spans cut out."""
    ends = starts[1:] + [len(text)]
    out: list[str] = []
    h = 0
    for start, end in zip(starts, ends):
        parts: list[str] = []
        cursor = start
        while h < len(hidden) and hidden[h][0] < end:
            low, high = hidden[h]
            if low > cursor:
                parts.append(text[cursor:low])
            cursor = max(cursor, high)
            if high > end:
                break
            h += 1
        if cursor < end:
            parts.append(text[cursor:end])
        out.append("".join(parts))
    return tuple(out)
