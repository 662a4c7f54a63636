"""TOML with the standard library's parser (tomli before Python 3.11), imported only when a
text is parsed: a pre-commit run whose pack comes from the cache and that finds no config
file never loads it."""

from __future__ import annotations

import sys
from typing import Any


class TomlError(ValueError):
    """Not valid TOML; the message says where and why."""


def loads(text: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TomlError(str(error)) from None
