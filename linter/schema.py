"""A small declarative validator for TOML data: one schema, defaults in one place.

Errors name the file, the dotted key and the line it sits on, as pre-commit does for its
manifest, so a person can fix a pack or a config without reading our code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from .errors import TermsenseError

Check = Callable[[Any], bool]


class Field:
    """One key: what it must be (in words, for the error), a check, and its default. (A plain
    class compared by identity: a frozen dataclass costs every run about half a millisecond
    to define.)"""

    __slots__ = ("expected", "check", "default", "required")

    def __init__(self, expected: str, check: Check, default: Any = None, required: bool = False) -> None:
        self.expected = expected
        self.check = check
        self.default = default
        self.required = required


def is_str(value: Any) -> bool:
    return isinstance(value, str)


def is_bool(value: Any) -> bool:
    return isinstance(value, bool)


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def is_unit(value: Any) -> bool:
    return is_number(value) and 0.0 <= value <= 1.0


def is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def is_number_list(value: Any) -> bool:
    return isinstance(value, list) and all(is_number(v) for v in value)


def one_of(*choices: str) -> Check:
    return lambda value: value in choices


def validate(
    data: Mapping[str, Any], fields: Mapping[str, Field], *, where: str, source: str, path: str
) -> dict[str, Any]:
    """Check `data` against `fields`; return it with defaults filled in."""
    for key in data:
        if key not in fields:
            known = ", ".join(sorted(fields))
            raise TermsenseError(f"{path}:{line_of(source, where, key)}: unknown key '{_dotted(where, key)}' (known keys: {known})")
    out: dict[str, Any] = {}
    for key, field in fields.items():
        if key not in data:
            if field.required:
                raise TermsenseError(f"{path}:{line_of(source, where)}: missing key '{_dotted(where, key)}' ({field.expected})")
            out[key] = field.default
            continue
        value = data[key]
        if not field.check(value):
            raise TermsenseError(
                f"{path}:{line_of(source, where, key)}: '{_dotted(where, key)}' must be {field.expected}, got {value!r}"
            )
        out[key] = value
    return out


def _dotted(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def line_of(source: str, where: str, key: str | None = None) -> int:
    """The line of `key` inside the table `where` ("rules.CC001", "cues[3]"), best effort."""
    lines = source.splitlines()
    start = 0
    if where:
        header = _header_pattern(where)
        for i, line in enumerate(lines):
            if header(line):
                start = i
                break
    if key is not None:
        key_re = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for i in range(start, len(lines)):
            if key_re.match(lines[i]):
                return i + 1
    return start + 1


def _header_pattern(where: str) -> Callable[[str], bool]:
    """Match the header line of a table, counting array-of-tables entries for `name[n]`."""
    indexed = re.fullmatch(r"(.+)\[(\d+)\](.*)", where)
    if indexed:
        name, wanted = indexed.group(1), int(indexed.group(2))
        header = re.compile(rf"^\s*\[\[\s*{re.escape(name)}\s*\]\]")
        seen = [-1]

        def match_indexed(line: str) -> bool:
            if header.match(line):
                seen[0] += 1
                return seen[0] == wanted
            return False

        return match_indexed
    header = re.compile(rf"^\s*\[\s*{re.escape(where)}\s*\]|^\s*{re.escape(where.split('.')[-1])}\s*=")
    return lambda line: bool(header.match(line))
