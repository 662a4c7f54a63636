"""Word lists as one trie-shaped pattern: a regex engine then tries one branch per character
instead of every alternative at every position, which is what makes cue scanning cheap."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

SEPARATOR = r"[\s-]+"
WILDCARD_LENGTH = 8
WILDCARD = rf"\w{{0,{WILDCARD_LENGTH}}}"  # bounded, so glued text ("drinkentertainmentlife") never matches


def atoms(word: str) -> list[str]:
    """A cue word as pattern atoms: letters, a separator for spaces/hyphens, a final wildcard."""
    wildcard = word.endswith("*")
    out: list[str] = []
    for part_index, part in enumerate(re.split(r"[\s-]+", word.rstrip("*").strip().lower())):
        if part_index:
            out.append(SEPARATOR)
        out.extend(re.escape(c) for c in part)
    if wildcard:
        out.append(WILDCARD)
    return out


def trie_pattern(words: list[str]) -> str:
    """One pattern matching any of `words`, longest alternative first at every branch."""
    return emit(trie(words))


def literal(word: str) -> list[str]:
    """A word as pattern atoms, character for character (no separators, no wildcard)."""
    return [re.escape(c) for c in word]


def trie(words: Iterable[str], split: Callable[[str], list[str]] = atoms) -> dict:
    """The words' atoms (`split`: a cue word's, by default) as nested dicts; "" marks where a
    word ends."""
    root: dict = {}
    for word in words:
        node = root
        for atom in split(word):
            node = node.setdefault(atom, {})
        node[""] = {}
    return root


def emit(node: dict) -> str:
    """The pattern of a trie (or of what follows one of its nodes)."""
    branches = [atom + emit(child) for atom, child in sorted(node.items(), key=lambda kv: (kv[0] == "", kv[0])) if atom]
    optional = "" in node
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if optional:
        return f"(?:{body})?" if len(branches) > 1 or len(branches[0]) > 1 else f"{body}?"
    return body
