"""Occurrences: every prose use of a pack term, with its span in the unit and the source."""

from __future__ import annotations

from dataclasses import dataclass

from .document import Unit
from .packs import Form, Pack


@dataclass(frozen=True, slots=True)
class Occurrence:
    unit: int
    start: int  # offsets in the unit text
    end: int
    source_start: int  # offsets in the source text
    source_end: int
    text: str
    form: Form


def find_occurrences(pack: Pack, units: list[Unit], source_text: str) -> list[Occurrence]:
    """Term matches that scope proved to be prose and that map back to the source verbatim."""
    found: list[Occurrence] = []
    for index, unit in enumerate(units):
        for match in pack.probe.finditer(unit.text):
            if match.start() in unit.non_prose:
                continue
            start = unit.source_offset(match.start())
            end = unit.source_offset(match.end() - 1)
            if start is None or end is None or source_text[start:end + 1] != match.group(0):
                continue
            found.append(Occurrence(index, match.start(), match.end(), start, end + 1, match.group(0), pack.form(match.group(0))))
    return found
