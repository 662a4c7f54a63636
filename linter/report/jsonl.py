"""JSON Lines: one finding per line, written as each file finishes (streams on big trees)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from ..findings import Finding
from .json import as_dict


def write(findings: Iterable[Finding], out: TextIO) -> None:
    for finding in findings:
        out.write(json.dumps(as_dict(finding), ensure_ascii=False) + "\n")
