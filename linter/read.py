"""Read and decode: bytes to a Source, or one clear error naming the file and the problem."""

from __future__ import annotations

import sys

from .discover import STDIN, Candidate
from .document import Source
from .errors import InputError

_SNIFF = 8192


def decode(data: bytes, display: str, format: str) -> Source:
    """UTF-8 only (a BOM is fine); UTF-16, binary and invalid bytes are refused by name."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{display}: UTF-16 text is not supported; save the file as UTF-8")
    if b"\x00" in data[:_SNIFF]:
        raise InputError(f"{display}: binary file (NUL byte found), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(f"{display}: invalid UTF-8 at byte {error.start}") from None
    return Source.from_text(text, path=display, format=format)


def read_source(candidate: Candidate, max_megabytes: float) -> Source:
    return decode(read_bytes(candidate, max_megabytes), candidate.display, candidate.format)


def read_bytes(candidate: Candidate, max_megabytes: float) -> bytes:
    """The file's bytes, or an error naming it when it is over the size cap."""
    limit = int(max_megabytes * 1_000_000)
    try:
        if candidate.path == STDIN:
            data = sys.stdin.buffer.read(limit + 1)
        else:
            with open(candidate.path, "rb") as handle:
                data = handle.read(limit + 1)
    except IsADirectoryError:
        raise InputError(f"{candidate.display}: is a directory") from None
    except FileNotFoundError:
        raise InputError(f"{candidate.display}: no such file (removed while checking?)") from None
    except OSError as error:
        raise InputError(f"{candidate.display}: cannot read: {error.strerror or error}") from None
    if len(data) > limit:
        raise InputError(f"{candidate.display}: over the {max_megabytes:g} MB size limit (--max-file-size); skipped")
    return data
