"""Rule packs: TOML data validated against one schema and compiled once per process.

The engine knows no English word; a pack brings the terms and their forms, the senses that
are never flagged, the context cues with weights, the verdict model's weights, and the
rules with their docs. One module a job: `schema` (the format), `load` (read, validate,
build), `compile` (patterns), `forms` (word forms), `pack` (the result, read-only by convention), `check`
(rule ids, message templates, docs links).
"""

from __future__ import annotations

from .compile import PATTERN_TIMEOUT, CueGroup, Cues, Sense
from .forms import Form, Probe, Term, lower_keeping_offsets, normal_words
from .load import BUILTIN, EXTENDED_WEIGHT, builtin_model, builtin_path, load_pack
from .pack import Context, Pack, RuleSpec

__all__ = [
    "BUILTIN", "EXTENDED_WEIGHT", "PATTERN_TIMEOUT", "Context", "CueGroup", "Cues", "Form", "Pack", "Probe",
    "RuleSpec", "Sense", "Term", "builtin_model", "builtin_path", "load_pack", "lower_keeping_offsets", "normal_words",
]
