"""The open documents as the client last sent them, kept here rather than in pygls's
workspace, whose line split also breaks at form feeds and U+2028 and so disagrees with the
protocol (and the engine) on where a line starts."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse
from urllib.request import url2pathname

from .positions import UTF16, Lines

FORMATS = {".md": "md", ".markdown": "md", ".mdx": "md", ".txt": "txt"}
LANGUAGES = {"markdown": "md", "mdx": "md", "plaintext": "txt", "text": "txt"}


def path_of(uri: str) -> str | None:
    """The file-system path of a file: URI, or None (untitled documents and the like);
    `url2pathname` turns /c%3A/x into C:\\x on Windows and only unquotes elsewhere."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    return url2pathname(parsed.path)


def format_of(uri: str, language_id: str) -> str | None:
    """ "md" or "txt" for a document termsense reads, None for any other (a TOML file the
    client opened too): the file's extension decides, then the client's language id."""
    extension = os.path.splitext(urlparse(uri).path)[1].lower()
    if extension in FORMATS:
        return FORMATS[extension]
    return LANGUAGES.get(language_id.lower())


@dataclass(slots=True)
class Document:
    uri: str
    format: str
    version: int
    lines: Lines

    @property
    def text(self) -> str:
        return self.lines.text

    @property
    def path(self) -> str:
        return path_of(self.uri) or self.uri

    def apply(self, changes: Sequence[Any], version: int) -> None:
        """Apply content changes in order: a change with a range replaces that range (client
        units), one without replaces the whole text."""
        text = self.text
        for change in changes:
            span = getattr(change, "range", None)
            if span is None:
                text = change.text
            else:
                start = self.lines.offset(span.start.line, span.start.character)
                end = self.lines.offset(span.end.line, span.end.character)
                text = text[:start] + change.text + text[max(end, start) :]
            self.lines = Lines(text, self.lines.encoding)
        self.version = version


def new_document(uri: str, language_id: str, version: int, text: str, encoding: str = UTF16) -> Document | None:
    fmt = format_of(uri, language_id)
    return None if fmt is None else Document(uri, fmt, version, Lines(text, encoding))
