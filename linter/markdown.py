"""Markdown scope: prose units from markdown-it-py tokens, with exact source offsets.

Only the chunks of the outline (outline.py) that hold a term are parsed (those made of plain
paragraphs alone are read without the parser: `plain_paragraphs`), and inline parsing runs
only for blocks whose text holds one (`_non_prose`). markdown-it tokens carry line
ranges but no columns, so each inline block is aligned back to its source lines here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING, Union

from .document import CELL_BREAK, Piece, Source, Unit
from .outline import Chunk, Outline, outline_markdown, parser_input

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

    from .packs import Probe

_TOML_FRONT_MATTER = re.compile(
    r"\A\+\+\+[ \t]*(?:\r\n|\r|\n).*?(?:\r\n|\r|\n)\+\+\+[ \t]*(?=\r\n|\r|\n|\Z)", re.S
)
_NOT_LINE_BREAK = re.compile(r"[^\r\n]")
_SENTINEL_HEAD = "qzxj"
_INLINE_MARKUP = re.compile(r"[`<\[&\\]")  # what every inline construct that is not prose starts with
_BLOCK_KINDS = {"heading_open": "heading", "paragraph_open": "paragraph", "th_open": "cell", "td_open": "cell"}
_ALL_PROSE: frozenset[int] = frozenset()  # one object: each `frozenset()` call makes a new one (216 bytes a unit)


@cache
def _parser(lazy: bool = True, references: bool = True) -> MarkdownIt:
    """CommonMark + tables + YAML front matter; lazy: the core's inline pass switched off.
    Without `references`, for text with no "]:" (which every reference definition holds),
    the rule that tries one at each paragraph is skipped."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)
    if lazy:
        md.disable("inline")
    if not references:
        md.disable("reference")
    return md


def _blank_toml_front_matter(text: str) -> str:
    """Blank a leading `+++` block but keep its line breaks, so line numbers hold."""
    match = _TOML_FRONT_MATTER.match(text)
    if not match:
        return text
    return _NOT_LINE_BREAK.sub("", match.group(0)) + text[match.end():]


def html_blocks(source: Source) -> list[tuple[int, str]]:
    """(0-based first line, text) of every HTML block: where suppression comments live."""
    tokens = _parser().parse(parser_input(_blank_toml_front_matter(source.text)))
    return [(t.map[0], t.content) for t in tokens if t.type == "html_block" and t.map is not None]


def inline_html(source: Source, needle: str) -> list[tuple[int, str]]:
    """(0-based line, text) of inline HTML that holds `needle` (any case) and ends a source
    line: where end-of-line suppression comments live. Only blocks holding it are inline parsed."""
    md = _parser()
    env: dict = {}
    tokens = md.parse(parser_input(_blank_toml_front_matter(source.text)), env)
    found: list[tuple[int, str]] = []
    for token in tokens:
        if token.type != "inline" or token.map is None or needle not in token.content.lower():
            continue
        first = token.map[0]
        children: list[Token] = []
        md.inline.parse(token.content, md, env, children)
        lines = token.content.split("\n")
        k = 0
        for child in children:
            if child.type != "html_inline" or needle not in child.content.lower():
                continue
            while k < len(lines) and not lines[k].rstrip().endswith(child.content):
                k += 1
            if k < len(lines):
                found.append((first + k, child.content))
                k += 1
    return found


def markdown_outline(source: Source) -> Outline:
    """The outline the scope and context stages share (TOML front matter blanked first)."""
    return outline_markdown(_blank_toml_front_matter(source.text))


def scope_markdown(source: Source, outline: Outline, probe: Probe, *, lazy: bool = True) -> list[Unit]:
    """Prose units of a Markdown source; `probe` finds the spans whose prose-ness matters.

    Lazy: only the outline's chunks that hold a term (or may define a link reference) are
    parsed, all of them before any inline parsing, so references resolve as in one parse.
    `lazy=False` parses the whole file, inline included, as a plain markdown-it user would:
    the reference the lazy path is checked against (tests/test_shortcuts.py, test_outline.py).
    """
    env: dict = {}
    chunks = _needed(outline, probe) if lazy else (Chunk(0, len(outline.text), 0),)
    units: list[Unit] = []
    for first_line, tokens in _parsed(outline.text, chunks, env, lazy):
        row: list[Unit] = []
        row_cursor = 0
        for token, kind in _inline_blocks(tokens):
            if kind == "row-end":
                if row:
                    units.append(_join_row(row))
                row, row_cursor = [], 0
                continue
            text = token.content
            held = probe.search(text) is not None  # its first term: the rest only where markup may hide one
            pieces: tuple[Piece, ...] = ()
            if kind == "cell":  # every cell, so the next one is searched for after it
                pieces, row_cursor = _align(source, token, first_line, row_cursor)
            elif held:  # only a block with a term needs positions
                pieces, _ = _align(source, token, first_line, 0)
            assert token.map is not None  # block tokens always carry their lines
            section = outline.section_of(first_line + token.map[0])
            unit = Unit(text, pieces, section, kind, _non_prose(lazy, env, text, probe) if held else _ALL_PROSE)
            if kind == "cell":
                row.append(unit)
            else:
                units.append(unit)
    return units


def _parsed(text: str, chunks: Iterable[Chunk], env: dict, lazy: bool) -> Iterator[tuple[int, Sequence[Block]]]:
    """(first line, block tokens) of each chunk, parsed as they are asked for, so a dense file
    never holds the tokens of more than one chunk; those that may define link references
    (they hold "]:") are parsed first, in order, so `env` knows every reference before any
    inline parse reads it."""
    chunks = list(chunks)
    early = {i: _parse(text[c.start:c.end], env, lazy) for i, c in enumerate(chunks) if text.find("]:", c.start, c.end) >= 0}
    for i, chunk in enumerate(chunks):
        yield chunk.line, early.pop(i) if i in early else _parse(text[chunk.start:chunk.end], env, lazy)


def _parse(text: str, env: dict, lazy: bool) -> Sequence[Block]:
    """Block tokens of a chunk; reference definitions it holds land in the shared `env`.
    Lazy, a chunk of plain paragraphs (most of a dense file) is read without the parser."""
    if lazy:
        plain = plain_paragraphs(text)
        if plain is not None:
            return plain
    return _parser(lazy, references="]:" in text).parse(text, env)


class Paragraph:
    """What the scope reads of a paragraph's inline token (its content and line range), for a
    paragraph read without the parser."""

    __slots__ = ("content", "map")
    type = "inline"

    def __init__(self, content: str, lines: list[int]) -> None:
        self.content = content
        self.map = lines


Block = Union["Token", Paragraph]  # what the scope reads: a parser's token or a paragraph read without it

# a line markdown-it reads as more than paragraph text: indented by four columns or a tab, or
# opening (after up to three spaces) with what may start another block or a table's
# delimiter row; blank lines (spaces and tabs only) end paragraphs
_ODD_LINE = r"(?![ \t]*(?:\n|\Z)| {0,3}[^-*+>#<`~_=:|\[0-9 \t\n])"
_ODD_FIRST, _ODD_NEXT = re.compile(_ODD_LINE), re.compile(rf"\n{_ODD_LINE}")
_TRIMMED = re.compile(r"[\s\u200b]")  # what markdown-it may trim off a paragraph's ends (and more)


def plain_paragraphs(text: str) -> list[Paragraph] | None:
    """The paragraphs of a chunk (whole lines, ending with a line break) when every line is
    blank or plain paragraph text, as markdown-it's block parser reads them: the lines of each
    run of non-blank ones, joined, with spaces and tabs trimmed off both ends. None where a line
    may be something else, or text at a paragraph's ends is white space markdown-it might
    trim otherwise (tests/test_markdown.py holds it to the parser)."""
    if _ODD_FIRST.match(text) or _ODD_NEXT.search(text) or "\0" in text:
        return None
    out: list[Paragraph] = []
    run: list[str] = []
    for number, line in enumerate(text.split("\n")):
        if line.strip(" \t"):
            run.append(line)
            continue
        if run:
            content = "\n".join(run).strip(" \t")
            if _TRIMMED.match(content) or _TRIMMED.match(content[-1]):
                return None
            out.append(Paragraph(content, [number - len(run), number]))
            run = []
    return out


def _needed(outline: Outline, probe: Probe) -> list[Chunk]:
    """Chunks holding a term, and those that may define a link reference another one uses."""
    chunks = outline.chunks
    wanted = probe.pieces_holding(outline.text, [chunk.end for chunk in chunks])  # chunks end at line starts
    if wanted and "]:" in outline.text:
        wanted.update(i for i, c in enumerate(chunks) if outline.text.find("]:", c.start, c.end) >= 0)
    return _joined([chunks[i] for i in sorted(wanted)])


_JOINED_SIZE = 16_384  # characters


def _joined(chunks: list[Chunk]) -> list[Chunk]:
    """Runs of adjacent chunks as one: each starts a top-level block, so together they parse
    as they would apart, in one parser call instead of one per paragraph of a dense file (up
    to a size that keeps the parser's per-line arrays small)."""
    out: list[Chunk] = []
    for chunk in chunks:
        if out and out[-1].end == chunk.start and chunk.end - out[-1].start <= _JOINED_SIZE:
            out[-1] = Chunk(out[-1].start, chunk.end, out[-1].line)
        else:
            out.append(chunk)
    return out


def _inline_blocks(tokens: Sequence[Block]) -> Iterator[tuple[Block, str]]:
    """Inline tokens with the kind of block they sit in, and a marker at each table row's end."""
    parent = "paragraph"
    for token in tokens:
        if token.type in _BLOCK_KINDS:
            parent = _BLOCK_KINDS[token.type]
        elif token.type == "tr_close":
            yield token, "row-end"
        elif token.type == "inline" and token.map is not None:
            yield token, parent


def _join_row(cells: list[Unit]) -> Unit:
    """One unit per table row; cells are joined by CELL_BREAK so each stays its own clause."""
    texts: list[str] = []
    pieces: list[Piece] = []
    non_prose: set[int] = set()
    offset = 0
    for cell in cells:
        if texts:
            texts.append(CELL_BREAK)
            offset += len(CELL_BREAK)
        pieces.extend(Piece(p.unit_start + offset, p.source_start, p.length) for p in cell.pieces)
        non_prose.update(o + offset for o in cell.non_prose)
        texts.append(cell.text)
        offset += len(cell.text)
    return Unit("".join(texts), tuple(pieces), cells[0].section, "row", frozenset(non_prose))


def _align(source: Source, token: Block, first_line: int, cursor: int) -> tuple[tuple[Piece, ...], int]:
    """Find each line of an inline token's content in its source line.

    A content line is its source line minus container markers and indentation (which
    markdown-it may re-synthesize from tabs), so its stripped text is searched for from the
    left, from `cursor` on the first line (table cells continue from the previous cell).
    `first_line` is where the token's chunk starts in the source. Returns the pieces and the
    column where the last line's text ended.
    """
    pieces: list[Piece] = []
    unit_offset = 0
    assert token.map is not None
    first_line += token.map[0]
    end_column = cursor
    starts, text = source.line_starts, source.text
    for k, line in enumerate(token.content.split("\n")):
        stripped = line.lstrip(" \t")
        lead = len(line) - len(stripped)
        index = first_line + k
        if stripped and index < len(starts):
            # searched in the source text between the line's ends, not in a copy of the line
            low, high = starts[index], starts[index + 1] if index + 1 < len(starts) else len(text)
            while high > low and text[high - 1] in "\r\n":
                high -= 1
            start = text.find(stripped, low + (cursor if k == 0 else 0), high)
            if start >= 0:
                pieces.append(Piece(unit_offset + lead, start, len(stripped)))
                end_column = start - low + len(stripped)
        unit_offset += len(line) + 1
    return tuple(pieces), end_column


def _non_prose(lazy: bool, env: dict, text: str, probe: Probe) -> frozenset[int]:
    """Offsets of probe matches that inline parsing puts outside prose text (asked of a block
    holding one).

    Each match is swapped for a unique letters-only sentinel (letters never change how
    Markdown parses) and the block is inline-parsed once; a match is prose when its sentinel
    turns up in a text token outside autolinks. Code spans, inline HTML, link destinations,
    titles and reference labels hold their sentinels elsewhere.
    """
    if not _INLINE_MARKUP.search(text):
        return _ALL_PROSE  # no code span, HTML, link, image, autolink, entity or escape to hide one
    md = _parser(lazy)
    matches = list(probe.finditer(text))
    sentinels = [_sentinel(i) for i in range(len(matches))]
    parts: list[str] = []
    last = 0
    for match, sentinel in zip(matches, sentinels, strict=True):
        parts.append(text[last:match.start()])
        parts.append(sentinel)
        last = match.end()
    parts.append(text[last:])
    children: list[Token] = []
    md.inline.parse("".join(parts), md, _sentinel_env(env, matches, sentinels), children)
    found = _sentinels_in(_prose_text(children), set(sentinels), len(sentinels[-1]))
    return frozenset(m.start() for m, s in zip(matches, sentinels, strict=True) if s not in found)


def _sentinel(index: int) -> str:
    """A letters-only marker that cannot occur in ordinary text."""
    digits = ""
    while True:
        index, rest = divmod(index, 26)
        digits += chr(97 + rest)
        if not index:
            return f"{_SENTINEL_HEAD}{digits}jxzq"


def _sentinels_in(text: str, sentinels: set[str], longest: int) -> set[str]:
    """The `sentinels` that occur in `text`, in one pass (not one search of it per match)."""
    found: set[str] = set()
    at = text.find(_SENTINEL_HEAD)
    while at >= 0:
        found.update(text[at:at + n] for n in range(len(_SENTINEL_HEAD) + 5, longest + 1) if text[at:at + n] in sentinels)
        at = text.find(_SENTINEL_HEAD, at + 1)
    return found


def _sentinel_env(env: dict, matches: list[re.Match[str]], sentinels: list[str]) -> dict:
    """Reference labels that hold a match, re-keyed as they read once the match is a sentinel."""
    references = env.get("references")
    if not references:
        return env
    extra = {}
    for key, value in references.items():
        for match, sentinel in zip(matches, sentinels, strict=True):
            word = match.group(0).upper()
            if word in key:
                extra[key.replace(word, sentinel.upper(), 1)] = value
    if not extra:
        return env
    return {**env, "references": {**references, **extra}}


def _prose_text(children: list[Token]) -> str:
    """The text of prose tokens: text outside autolinks (link text and emphasis included)."""
    out: list[str] = []
    in_autolink = False
    for child in children:
        if child.type == "link_open":
            in_autolink = child.markup == "autolink"
        elif child.type == "link_close":
            in_autolink = False
        elif child.type == "text" and not in_autolink:
            out.append(child.content)
    return "\x00".join(out)
