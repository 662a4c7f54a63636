"""Outline of a Markdown source from one line scan, so most of a file never meets the parser.

It finds (1) *chunks*: runs of lines that start where a top-level block certainly starts, so
markdown-it parses each one alone exactly as it would inside the whole file, and only chunks
holding a term need parsing; (2) *sections*, started by headings; (3) each section's *wide
text*: its lines without front matter, fenced code and HTML blocks, which the section and
document levels of the context stage read.

A new top-level block certainly starts at an unindented line after a blank line, unless that
line is inside a construct that can hold blank lines: front matter, fenced code, or an HTML
block that ends at a marker (comments, <script>...). Those are skipped whole; inside a list
item or quote they end with it. Where the scan cannot be sure (an opener indented by spaces
alone, which may be at top level or in a list item; a fence or comment inside an HTML
block), the source from the last certain start before that point is one chunk: what comes
before it was read without looking ahead, so its chunks stay exact.
"""

from __future__ import annotations

import bisect
import itertools
import re
from functools import lru_cache

_PREFIX = r"[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t][ \t>]*)*"  # container markers, unambiguous
_LINE_BODY = (
    rf"(?:(?P<blank>[ \t]*)$|(?P<prefix>{_PREFIX})"
    rf"(?:(?P<fence>`{{3,}}|~{{3,}})|(?P<html><)|(?P<atx>#{{1,6}})(?=[ \t]|$)|(?P<setext>=+|-+)[ \t]*$))"
)
_FIRST_LINE = re.compile(_LINE_BODY, re.M)
_NEXT_LINE = re.compile(rf"\n{_LINE_BODY}", re.M)  # a literal first character: the engine skips ahead fast
# The HTML patterns are text, compiled by `re` when first used (and kept in its cache): a file
# with no HTML line, as a pre-commit run's often is, does not pay 1.5 ms to compile them.
_HTML_TO_MARKER = (
    r"(?i)<(?:(?P<raw>script|pre|style|textarea)(?=[\s>]|\Z)|(?P<comment>!--)|(?P<pi>\?)|(?P<cdata>!\[CDATA\[)"
    r"|(?P<decl>![A-Za-z]))"
)
_HTML_END = {
    "raw": r"(?i)</(?:script|pre|style|textarea)>", "comment": r"-->", "pi": r"\?>", "cdata": r"\]\]>", "decl": r">",
}
_BLOCK_TAGS = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl"
    "|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link"
    "|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th"
    "|thead|title|tr|track|ul"
)
_HTML_TO_BLANK = rf"(?i)</?(?:{_BLOCK_TAGS})(?=[\s/>]|\Z)"  # CommonMark's HTML block 6
_HTML_TAG_LINE = (  # block 7: a lone open or close tag, after a blank line
    r"(?:<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s\"'=<>`]+|'[^'\n]*'|\"[^\"\n]*\"))?)*"
    r"\s*/?>|</[A-Za-z][A-Za-z0-9-]*\s*>)[ \t]*(?:\n|\Z)"
)
_BLANK_LINE = re.compile(r"^[ \t]*$", re.M)
_FRONT_MATTER = re.compile(r"\A(-{3,})[^\n]*\n")
_UNDERLINE = re.compile(r"[ \t]*=+[ \t]*$", re.M)  # ends a setext heading above; - is in _NOT_PLAIN
_NOT_PLAIN = re.compile(r"[ \t]*(?:[-*+>|#<`~]|\d{1,9}[.)]|$)")  # lines a setext underline cannot follow


class Chunk:
    """Lines [line, line + n) of the source, at [start, end) of the outline's text. (This and
    `Outline` are plain classes compared by identity: a frozen dataclass costs every run about
    half a millisecond to define.)"""

    __slots__ = ("start", "end", "line")

    def __init__(self, start: int, end: int, line: int) -> None:
        self.start = start
        self.end = end
        self.line = line


class Outline:
    __slots__ = ("text", "chunks", "section_lines", "section_texts", "_kept", "_kept_starts", "_wide_starts")

    def __init__(
        self, text: str, chunks: tuple[Chunk, ...], section_lines: tuple[int, ...], section_texts: tuple[str, ...],
        kept: tuple[tuple[int, int], ...],
    ) -> None:
        self.text = text  # the source with line breaks normalized to \n and a final one (line numbers unchanged)
        self.chunks = chunks
        self.section_lines = section_lines  # first line of each section; section 0 starts the file
        self.section_texts = section_texts
        self._kept = kept  # the spans of `text` the section texts are made of, in order
        self._kept_starts = [low for low, _ in kept]
        self._wide_starts = list(itertools.accumulate((high - low for low, high in kept[:-1]), initial=0))

    def section_of(self, line: int) -> int:
        return bisect.bisect_right(self.section_lines, line) - 1

    def wide_offset(self, offset: int) -> int | None:
        """Where text[offset] stands in the section texts joined; None where it is left out."""
        k = bisect.bisect_right(self._kept_starts, offset) - 1
        if k < 0 or offset >= self._kept[k][1]:
            return None
        return self._wide_starts[k] + offset - self._kept[k][0]

    @classmethod
    def plain(cls, text: str) -> Outline:
        """Plain text: one chunk, one section, all of it prose."""
        return cls(text, (Chunk(0, len(text), 0),), (0,), (text,), ((0, len(text)),))


def parser_input(text: str) -> str:
    """Line breaks as markdown-it reads them (\n; line numbers unchanged), and a final one:
    markdown-it-py 4.3 can index past a last line with no line break."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text if text.endswith("\n") else text + "\n"


def outline_markdown(text: str) -> Outline:
    """The outline of a Markdown source (TOML front matter already blanked)."""
    text = parser_input(text)
    scan = _Scan(text)
    scan.run()
    chunks = _chunks(text, [split for split in scan.splits if split <= scan.unsure_from])
    section_lines = tuple(line for line, _ in scan.sections)
    kept = _kept(text, scan.hidden)
    section_texts = _section_texts(text, [offset for _, offset in scan.sections], kept)
    return Outline(text, chunks, section_lines, section_texts, kept)


class _Scan:
    """One pass over the lines that matter: blank lines, fences, HTML, headings."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.splits: list[int] = []  # offsets where a top-level block certainly starts
        self.sections: list[tuple[int, int]] = [(0, 0)]  # (line, offset) of each section start
        self.hidden: list[tuple[int, int]] = []  # spans the wide text leaves out
        self.unsure_from = len(text)  # where the scan first could not be sure: one chunk from there
        self._line, self._offset = 0, 0  # a cursor for line numbers, which only move forward
        self._skipped_to = 0  # end of the furthest span left out

    def _unsure(self, start: int) -> None:
        """The construct at `start` may end in two places: no block start after it is certain."""
        self.unsure_from = min(self.unsure_from, start)

    def line_at(self, offset: int) -> int:
        self._line += self.text.count("\n", self._offset, offset)
        self._offset = offset
        return self._line

    def run(self) -> None:
        text, size, splits = self.text, len(self.text), self.splits
        at = self._front_matter()
        html_run = False  # an HTML line since the last blank line: a fence there may be HTML content
        while (found := _next_event(text, at)) is not None:
            match, start = found
            if start == size:
                break
            at = text.find("\n", match.end()) + 1 or size  # the line's end (`_line_end`), inline: once a line
            kind = match.lastgroup  # the group that decided: blank, fence, html, atx or setext
            if kind == "blank":
                html_run = False
                if at < size and text[at] not in " \t\n":
                    splits.append(at)
                continue
            prefix = match.group("prefix")
            if kind == "fence":
                fence = match.group("fence")
                if fence[0] == "`" and "`" in text[match.end():at]:
                    continue  # an inline code span, not a fence
                if html_run:
                    self._unsure(start)
                at = self._skip(start, at, prefix, _fence_closer(fence, prefix))
            elif kind == "html":
                at, html_run = self._html(start, match.end() - 1, at, prefix, html_run)
            elif not _indent_ok(prefix) or start < self._skipped_to:
                continue
            elif kind == "atx":
                self.sections.append((self.line_at(start), start))
            elif kind == "setext" and start > 0 and not prefix.strip(" "):
                previous = text.rfind("\n", 0, start - 1) + 1
                if previous >= self._skipped_to and not _NOT_PLAIN.match(text, previous):
                    first = _paragraph_start(text, previous, self._skipped_to)
                    self.sections.append((self.line_at(first), first))

    def _html(self, start: int, tag: int, at: int, prefix: str, html_run: bool) -> tuple[int, bool]:
        """An HTML line: a block that ends at a marker is skipped to it; one that ends at a
        blank line (CommonMark's kinds 6 and 7) is left out of the wide text but still
        scanned, since the scan cannot always tell it from inline HTML. Returns where
        scanning goes on and whether an HTML block may be open."""
        text = self.text
        kind = re.compile(_HTML_TO_MARKER).match(text, tag)
        if kind is None or kind.lastgroup is None:
            if re.compile(_HTML_TO_BLANK).match(text, tag) or (
                _after_blank(text, start) and re.compile(_HTML_TAG_LINE).match(text, tag)
            ):
                blank = _BLANK_LINE.search(text, at)
                self._hide(start, blank.start() if blank else len(text))
            return at, True
        marker = re.compile(_HTML_END[kind.lastgroup])
        if marker.search(text, kind.end(), at):
            self._hide(start, at)
            return at, html_run
        if html_run:  # inside an HTML block this opener would be content
            self._unsure(start)
        return self._skip(start, at, prefix, marker), False

    def _front_matter(self) -> int:
        """End of YAML front matter, closed as mdit-py-plugins closes it; 0 without one."""
        opening = _FRONT_MATTER.match(self.text)
        if not opening:
            return 0
        closing = re.compile(rf"^(?: {{0,3}}-{{{len(opening.group(1))},}}|\.\.\.)[ \t]*$", re.M)
        found = closing.search(self.text, opening.end())
        if not found:
            return 0
        return self._hide(0, _line_end(self.text, found.end()))

    def _skip(self, start: int, body: int, prefix: str, closer: re.Pattern[str]) -> int:
        """Skip a block whose body (from `body`) runs to its closer's line; return where
        scanning goes on.

        Inside a container (`prefix` holds its markers) the body also ends where the
        container does: at a line that is not quoted, or is indented less than the block.
        An opener indented by one to three spaces alone may be at top level or in a list
        item; when the two readings disagree on where it ends, the scan is unsure.
        """
        text = self.text
        limit = len(text)
        if prefix:
            container_end = _quote_end if ">" in prefix else _list_end(_width(prefix))
            stop = container_end.search(text, body)
            limit = stop.start() if stop else len(text)
        found = closer.search(text, body, limit)
        if found is None and prefix and not prefix.strip(" ") and len(prefix) <= 3:
            self._unsure(start)
        return self._hide(start, _line_end(text, found.end()) if found else limit)

    def _hide(self, start: int, end: int) -> int:
        """Leave [start, end) out of the wide text; no heading there starts a section."""
        self.hidden.append((start, end))
        self._skipped_to = max(self._skipped_to, end)
        return end


_quote_end = re.compile(r"^(?![ \t]*>)", re.M)  # the first line a block quote does not go on to


@lru_cache(maxsize=64)
def _list_end(width: int) -> re.Pattern[str]:
    """The first line indented less than `width`: it closes a list item at that indentation."""
    return re.compile(rf"^ {{0,{width - 1}}}[^ \n]", re.M)


@lru_cache(maxsize=256)
def _fence_closer(fence: str, prefix: str) -> re.Pattern[str]:
    """What closes a fence: at top level up to three spaces of indentation; in a list item,
    up to three more than the opener's; in a block quote, the quote's markers."""
    if ">" in prefix:
        lead = _PREFIX
    elif prefix.strip(" ") or len(prefix) > 3:
        width = _width(prefix)
        lead = f" {{{width},{width + 3}}}"
    else:
        lead = " {0,3}"
    return re.compile(rf"^{lead}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", re.M)


def _width(prefix: str) -> int:
    """Columns a prefix takes (tabs to the next multiple of four)."""
    return len(prefix.expandtabs(4))


def _next_event(text: str, at: int) -> tuple[re.Match[str], int] | None:
    """The next line from line start `at` that the scan cares about, and where it starts."""
    if at == 0:
        first = _FIRST_LINE.match(text)
        if first is not None:
            return first, 0
        at = _line_end(text, 0)
        if at == len(text):
            return None
    match = _NEXT_LINE.search(text, at - 1)
    return None if match is None else (match, match.start() + 1)


def _paragraph_start(text: str, line: int, floor: int) -> int:
    """The first line of the paragraph whose line starts at `line`: a setext heading's text
    may span lines, and its section starts at the first (not at floor or before)."""
    while line > floor:
        previous = text.rfind("\n", 0, line - 1) + 1
        if previous < floor or any(p.match(text, previous) for p in (_BLANK_LINE, _NOT_PLAIN, _UNDERLINE)):
            break
        line = previous
    return line


def _after_blank(text: str, start: int) -> bool:
    """Whether the line at `start` opens the file or follows a blank line."""
    previous = text.rfind("\n", 0, max(start - 1, 0)) + 1
    return start == 0 or not text[previous:start - 1].strip(" \t")


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


def _kept(text: str, hidden: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """The spans of `text` left once the hidden spans (which may overlap) are cut out."""
    kept: list[tuple[int, int]] = []
    cursor = 0
    for low, high in sorted(hidden):
        if low > cursor:
            kept.append((cursor, low))
        cursor = max(cursor, high)
    kept.append((cursor, len(text)))
    return tuple(kept)


def _section_texts(text: str, starts: list[int], kept: tuple[tuple[int, int], ...]) -> tuple[str, ...]:
    """Each section's text: the kept spans between its start and the next one's."""
    kept_ends = [end for _, end in kept]
    out: list[str] = []
    for start, end in zip(starts, starts[1:] + [len(text)], strict=True):
        parts = []
        for low, high in kept[bisect.bisect_right(kept_ends, start):]:
            if low >= end:
                break
            parts.append(text[max(low, start):min(high, end)])
        out.append("".join(parts))
    return tuple(out)
