"""The pack format as one declarative schema: every table's keys, what each must be, and its
default, in one place (as pre-commit declares its manifest)."""

from __future__ import annotations

from ..findings import LEVELS
from ..schema import Field, is_bool, is_number, is_number_list, is_str, is_str_list, is_unit, one_of
from .check import SEVERITIES

PACK = {
    "name": Field("a string", is_str, required=True), "description": Field("a string", is_str, ""),
    "docs-url": Field("a URL template with {id}, {name} or {anchor}", is_str),
}
TERM = {"singular": Field("a string", is_str, required=True), "plural": Field("a string", is_str, required=True)}
CONTEXT = {
    "decay": Field("a list of 5 numbers", lambda v: is_number_list(v) and len(v) == len(LEVELS), [2.0, 1.0, 0.5, 0.25, 0.12]),
    "cap": Field("a list of 5 numbers", lambda v: is_number_list(v) and len(v) == len(LEVELS), [4.0, 6.0, 4.0, 3.0, 2.0]),
    "domain-weight": Field("a number", is_number, 0.0),
    "attach-words": Field("a whole number", lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0, 3),
    "min-evidence": Field("a number", is_number, 1.0),
    "scale": Field("a positive number", lambda v: is_number(v) and v > 0, 1.6),
    "genre-cap": Field("a number from 0 to 1", is_unit, 0.85),
    "genre-scale": Field("a positive number", lambda v: is_number(v) and v > 0, 3.0),
    "genre-density": Field("a number", is_number, 5.0),
    "genre-ratio": Field("a positive number", lambda v: is_number(v) and v > 0, 2.0),
    "genre-min": Field("a number", is_number, 8.0),
    "contrast-damping": Field("a number from 0 to 1", lambda v: is_number(v) and 0 <= v <= 1, 1.0),
    "masks": Field("a list of strings", is_str_list, []),
    "clause-breaks": Field("a list of strings", is_str_list, []),
    "abbreviations": Field("a list of strings", is_str_list, []),
    "contrast-markers": Field("a list of strings", is_str_list, []),
    "pair-markers": Field("a list of strings", is_str_list, []),
    "contrast-exceptions": Field("a list of regular expressions", is_str_list, []),
    "party-nouns": Field("a list of strings", is_str_list, []),
    "descriptions": Field("a list of regular expressions", is_str_list, []),
}
SENSE = {
    "name": Field("a string", is_str, required=True),
    "kind": Field(
        "one of technical, fixed, name, mention, second-party, trade-party, businesses",
        one_of("technical", "fixed", "name", "mention", "second-party", "trade-party", "businesses"), required=True,
    ),
    "terms": Field("a list of term names", is_str_list, required=True),
    "before": Field("a list of strings", is_str_list, []),
    "after": Field("a list of strings", is_str_list, []),
    "patterns": Field("a list of regular expressions", is_str_list, []),
}
CLASS = {"sets-aside": Field("a list of term names", is_str_list, [])}
CUE = {
    "class": Field("a term or class name", is_str, required=True),
    "label": Field("a string", is_str, required=True),
    "weight": Field("a positive number", lambda v: is_number(v) and v > 0, 1.0),
    "words": Field("a list of strings", is_str_list, required=True),
    # Where each word comes from, for generated groups ("WordNet 3.0: architect.n.01 < ..."):
    # shown by `termsense rules --format docs`; keys must be words of the group.
    "provenance": Field(
        "a table of word = source", lambda v: isinstance(v, dict) and all(isinstance(x, str) for x in v.values()), {}
    ),
}
RULE = {
    "name": Field("a string", is_str, required=True),
    "kind": Field("one of mismatch, inconsistent, prefer", one_of("mismatch", "inconsistent", "prefer"), required=True),
    "found": Field("a term name", is_str),
    "expected": Field("a term name", is_str),
    "default": Field("true or false", is_bool, True),
    "severity": Field("one of error, warning, info", one_of(*SEVERITIES), "warning"),
    "summary": Field("a string", is_str, required=True),
    "message": Field("a message template", is_str, required=True),
    "what": Field("a string", is_str, ""),
    "why": Field("a string", is_str, ""),
    "known-problems": Field("a string", is_str, ""),
    "fix-safety": Field("a string", is_str, ""),
    "examples-flag": Field("a list of strings", is_str_list, []),
    "examples-pass": Field("a list of strings", is_str_list, []),
}
MODEL = {
    "intercept": Field("a number", is_number, 0.0),
    "weights": Field("a table of feature weights", lambda v: isinstance(v, dict) and all(is_number(x) for x in v.values()), {}),
}
TOP = {
    "model": Field("a table", lambda v: isinstance(v, dict), None),
    "pack": Field("a table", lambda v: isinstance(v, dict), required=True),
    "terms": Field("a table of two or more terms", lambda v: isinstance(v, dict) and len(v) >= 2, required=True),
    "context": Field("a table", lambda v: isinstance(v, dict), {}),
    "senses": Field("an array of tables", lambda v: isinstance(v, list), []),
    "classes": Field("a table", lambda v: isinstance(v, dict), {}),
    "cues": Field("an array of tables", lambda v: isinstance(v, list), []),
    "rules": Field("a table", lambda v: isinstance(v, dict), {}),
}
