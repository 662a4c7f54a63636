"""Occurrences: every prose use of a pack term, with its span in the unit and the source."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from .document import Unit
from .packs import Form, Pack


class Occurrence(NamedTuple):
    """A named tuple, not a frozen dataclass: a dense document makes one per term use (28,000
    in 2 MB), and a tuple is made in half the time."""

    unit: int
    start: int  # offsets in the unit text
    end: int
    source_start: int  # offsets in the source text
    source_end: int
    text: str
    form: Form
    compound: bool  # first half of a hyphenated modifier: "customer-facing"


_COMPOUND = re.compile(r"-\w")
_URL = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.)\S*\Z", re.IGNORECASE)
_URL_REACH = 200  # characters before a word searched for the start of a URL


def _in_url(text: str, start: int, end: int) -> bool:
    """Inside a bare URL ("https://x.test/customers"): parsers without linkify leave those as text."""
    if start == 0 or text[start - 1].isspace():  # the usual case, told without a slice
        return False
    before = text[max(0, start - _URL_REACH):start]
    # a URL runs up to the word without white space: only the last run of non-space can hold it
    return _URL.search(before.rsplit(None, 1)[-1]) is not None


def find_occurrences(pack: Pack, units: list[Unit], source_text: str) -> list[Occurrence]:
    """Term matches that scope proved to be prose and that map back to the source verbatim."""
    found: list[Occurrence] = []
    seen: dict[str, tuple[str, Form]] = {}  # matched text -> one string and its form, shared by equal matches
    for index, unit in enumerate(units):
        text = unit.text
        for match in pack.probe.finditer(text):
            start, end = match.span()
            if start in unit.non_prose:
                continue
            source_start, source_end = unit.source_span(start, end)
            matched = match.group(0)
            if source_start is None or source_end is None or source_text[source_start:source_end + 1] != matched:
                continue
            if _in_url(text, start, end):
                continue
            if matched not in seen:
                seen[matched] = matched, pack.form(matched)
            matched, form = seen[matched]
            compound = text.startswith("-", end) and _COMPOUND.match(text, end) is not None
            found.append(Occurrence(index, start, end, source_start, source_end + 1, matched, form, compound))
    return found


def runs(occurrences: list[Occurrence]) -> Iterator[tuple[int, range]]:
    """(unit, indices of its occurrences): they come unit by unit, in text order."""
    first = 0
    for i in range(1, len(occurrences) + 1):
        if i == len(occurrences) or occurrences[i].unit != occurrences[first].unit:
            yield occurrences[first].unit, range(first, i)
            first = i
