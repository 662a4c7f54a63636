#!/usr/bin/env python3
"""Build the labeled accuracy corpus: strip inline labels from the source documents and
write the documents and a `labels.json` with the exact position of every occurrence.

Authoring format (tests/corpus/src/<category>/<name>.md|.txt): every client/customer
occurrence, anywhere in the file, is wrapped: `⟦customers⟧` is a correct use (label ok),
`⟦customers!⟧` a wrong word the linter must flag, `⟦customers!clients⟧` the same with the
expected replacement. A name ending in `.crlf.md` or `.crlf.txt` is written with CRLF line
endings and without the `.crlf` part. A document with an unlabeled occurrence is refused.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

OCCURRENCE = re.compile(r"\b(?:client|customer)(?:s['\u2019](?!\w)|['\u2019]s\b|s\b|\b)", re.IGNORECASE)
MARKER = re.compile(r"\u27e6([^\u27e6\u27e7]*)\u27e7")
OPEN, CLOSE = "\u27e6", "\u27e7"


class CorpusError(Exception):
    """A source document breaks the authoring format."""


@dataclass(frozen=True)
class Label:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    label: str  # "flag" or "ok"
    word: str
    expected: str | None
    category: str


def parse(source: str, where: str) -> tuple[str, list[tuple[int, int, str, str | None]]]:
    """Document text without markers, and (start, end, label, expected) per marked word."""
    out: list[str] = []
    marks: list[tuple[int, int, str, str | None]] = []
    length = 0
    last = 0
    for match in MARKER.finditer(source):
        out.append(source[last:match.start()])
        length += match.start() - last
        body = match.group(1)
        word, bang, expected = body.partition("!")
        if not OCCURRENCE.fullmatch(word):
            raise CorpusError(f"{where}:{_line(source, match.start())}: marker {match.group(0)!r} does not hold one occurrence")
        if expected and not OCCURRENCE.fullmatch(expected):
            raise CorpusError(f"{where}:{_line(source, match.start())}: replacement {expected!r} is not a term form")
        marks.append((length, length + len(word), "flag" if bang else "ok", expected or None))
        out.append(word)
        length += len(word)
        last = match.end()
    out.append(source[last:])
    text = "".join(out)
    for stray in (OPEN, CLOSE):
        if stray in text:
            raise CorpusError(f"{where}:{_line(text, text.index(stray))}: unbalanced marker {stray!r}")
    marked = {start for start, *_ in marks}
    for match in OCCURRENCE.finditer(text):
        if match.start() not in marked:
            raise CorpusError(f"{where}:{_line(text, match.start())}: unlabeled occurrence {match.group(0)!r}")
    return text, marks


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and code-point column; CRLF and lone CR end lines as the linter counts them."""
    line_start = 0
    line = 1
    for match in re.finditer(r"\r\n|\r|\n", text[:offset]):
        line += 1
        line_start = match.end()
    return line, offset - line_start + 1


def build(src_dir: Path, out_dir: Path) -> list[Label]:
    """Write every document of `src_dir` into `out_dir`; return (and write) their labels."""
    labels: list[Label] = []
    for path in sorted(p for p in src_dir.rglob("*") if p.is_file() and p.suffix in (".md", ".txt")):
        relative = path.relative_to(src_dir)
        category = relative.parts[0]
        source = path.read_text(encoding="utf-8")
        name = relative.as_posix()
        if name.endswith((".crlf.md", ".crlf.txt")):
            name = name.replace(".crlf.", ".")
            source = source.replace("\r\n", "\n").replace("\n", "\r\n")
        text, marks = parse(source, str(relative))
        target = out_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
        for start, end, label, expected in marks:
            line, column = _position(text, start)
            end_line, end_column = _position(text, end)
            labels.append(Label(name, line, column, end_line, end_column, label, text[start:end], expected, category))
    (out_dir / "labels.json").write_text(json.dumps([asdict(x) for x in labels], indent=1), encoding="utf-8")
    return labels


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: build.py OUT_DIR", file=sys.stderr)
        return 2
    try:
        labels = build(Path(__file__).parent / "src", Path(argv[1]))
    except CorpusError as error:
        print(f"build.py: {error}", file=sys.stderr)
        return 2
    flags = sum(1 for x in labels if x.label == "flag")
    print(f"{len({x.path for x in labels})} documents, {len(labels)} occurrences, {flags} flags")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
