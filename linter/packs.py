"""Rule packs: TOML data validated against one schema and compiled once per process.

The engine knows no English word; a pack brings the terms and their forms, the senses that
are never flagged, the context cues with weights, and the rules with their docs.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import PackError, TermsenseError
from .findings import LEVELS
from .logistic import FEATURES, Model
from .packcheck import SEVERITIES, check_rule, docs_url
from .schema import (
    Field,
    is_bool,
    is_number,
    is_number_list,
    is_str,
    is_str_list,
    is_unit,
    line_of,
    one_of,
    validate,
)
from .trie import atoms, trie_pattern

if TYPE_CHECKING:
    import regex

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

BUILTIN = "client-customer"
EXTENDED_WEIGHT = 2.0  # config extend-cues words count as domain cues
PATTERN_TIMEOUT = 1.0  # seconds one pack pattern may run on one block

_PACK = {
    "name": Field("a string", is_str, required=True), "description": Field("a string", is_str, ""),
    "docs-url": Field("a URL template with {id}, {name} or {anchor}", is_str),
}
_TERM = {"singular": Field("a string", is_str, required=True), "plural": Field("a string", is_str, required=True)}
_CONTEXT = {
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
}
_SENSE = {
    "name": Field("a string", is_str, required=True),
    "kind": Field(
        "one of technical, fixed, name, mention, second-party",
        one_of("technical", "fixed", "name", "mention", "second-party"), required=True,
    ),
    "terms": Field("a list of term names", is_str_list, required=True),
    "before": Field("a list of strings", is_str_list, []),
    "after": Field("a list of strings", is_str_list, []),
    "patterns": Field("a list of regular expressions", is_str_list, []),
}
_CLASS = {"sets-aside": Field("a list of term names", is_str_list, [])}
_CUE = {
    "class": Field("a term or class name", is_str, required=True),
    "label": Field("a string", is_str, required=True),
    "weight": Field("a positive number", lambda v: is_number(v) and v > 0, 1.0),
    "words": Field("a list of strings", is_str_list, required=True),
}
_RULE = {
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
_MODEL = {
    "intercept": Field("a number", is_number, 0.0),
    "weights": Field("a table of feature weights", lambda v: isinstance(v, dict) and all(is_number(x) for x in v.values()), {}),
}
_TOP = {
    "model": Field("a table", lambda v: isinstance(v, dict), None),
    "pack": Field("a table", lambda v: isinstance(v, dict), required=True),
    "terms": Field("a table of two or more terms", lambda v: isinstance(v, dict) and len(v) >= 2, required=True),
    "context": Field("a table", lambda v: isinstance(v, dict), {}),
    "senses": Field("an array of tables", lambda v: isinstance(v, list), []),
    "classes": Field("a table", lambda v: isinstance(v, dict), {}),
    "cues": Field("an array of tables", lambda v: isinstance(v, list), []),
    "rules": Field("a table", lambda v: isinstance(v, dict), {}),
}


@dataclass(frozen=True, slots=True)
class Term:
    name: str
    singular: str
    plural: str


@dataclass(frozen=True, slots=True)
class Form:
    """What a matched word is: which term, plural or not, and its possessive ending."""

    term: str
    plural: bool
    possessive: str  # "", "'s", "'" (apostrophe as written is kept by the fixer)


@dataclass(frozen=True, slots=True)
class Sense:
    """A sense's patterns: `anchored` is tried at each occurrence (its `{term}` patterns, split
    into a look-behind and a look-ahead); `free` (patterns without `{term}`, such as product
    names) is searched around occurrences and covers those inside its matches."""

    name: str
    kind: str
    anchored: regex.Pattern[str] | None
    free: regex.Pattern[str] | None
    head: regex.Pattern[str] | None = None  # the term's forms alone, which `anchored` must match first


@dataclass(frozen=True, slots=True)
class CueGroup:
    cls: str
    label: str
    weight: float


@dataclass(frozen=True, slots=True)
class Cues:
    """Every cue word in one pattern (group "mask" or "cue"), and which group a match belongs to."""

    pattern: re.Pattern[str]
    exact: dict[str, tuple[str, CueGroup]]
    prefixes: dict[str, tuple[str, CueGroup]]  # wildcard words by their fixed part
    resolved: dict[str, tuple[str, CueGroup] | None] = field(default_factory=dict)  # memo

    def resolve(self, matched: str) -> tuple[str, CueGroup] | None:
        """The cue word as the pack wrote it, and its group, for a matched text."""
        try:
            return self.resolved[matched]
        except KeyError:
            pass
        key = normal_words(matched)
        found = self.exact.get(key)
        for end in range(len(key), 0, -1):
            if found is not None:
                break
            found = self.prefixes.get(key[:end])
        self.resolved[matched] = found
        return found


@dataclass(frozen=True, slots=True)
class Probe:
    """Finds every form of a pack's terms, as `re` matches in the text as written.

    A case-insensitive pattern that opens with a look-behind keeps the regex engine from
    skipping ahead to a likely first character; so candidates are found in lower-cased text
    by the bare alternatives (several times faster) and each is confirmed where it stands by
    the full pattern."""

    exact: re.Pattern[str]  # (?<!\w)(?:forms)(?!\w), case-insensitive
    fast: re.Pattern[str]  # (?:forms)(?!\w), lower-case

    @classmethod
    def of(cls, forms: dict[str, Form]) -> Probe:
        alternatives = _forms_alternatives(forms)
        return cls(re.compile(_on_word_boundaries(alternatives), re.IGNORECASE), re.compile(rf"{alternatives}(?![\w])"))

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        lowered = lower_keeping_offsets(text)
        at = 0
        while (candidate := self.fast.search(lowered, at)) is not None:
            match = self.exact.match(text, candidate.start())
            if match is None:
                at = candidate.start() + 1
                continue
            yield match
            at = match.end()

    def search(self, text: str) -> re.Match[str] | None:
        return next(self.finditer(text), None)


def lower_keeping_offsets(text: str) -> str:
    """Lower case with every offset kept (the few letters whose lower case is longer stay)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


@dataclass(frozen=True, slots=True)
class Context:
    decay: tuple[float, ...]
    cap: tuple[float, ...]
    min_evidence: float
    scale: float
    genre_cap: float
    genre_scale: float
    genre_density: float
    clause_breaks: re.Pattern[str] | None
    abbreviations: frozenset[str]
    contrast_markers: re.Pattern[str] | None
    contrast_damping: float
    attach_words: int
    domain_weight: float
    genre_ratio: float
    genre_min: float


@dataclass(frozen=True, slots=True)
class RuleSpec:
    id: str
    name: str
    kind: str
    found: str | None
    expected: str | None
    default: bool
    summary: str
    message: str  # str.format fields: matched, replacement, context, majority, counts
    what: str
    why: str
    known_problems: str
    fix_safety: str
    examples_flag: tuple[str, ...]
    examples_pass: tuple[str, ...]
    url: str | None = None  # where the rule's documentation lives
    severity: str = "warning"  # the pack's default; config `severity` overrides it


@dataclass(frozen=True, slots=True)
class Pack:
    """A validated pack. Its sense patterns and cue table compile on first use: a file with
    no term (most files, and a pre-commit hook's typical run) never pays for them."""

    name: str
    path: str
    terms: dict[str, Term]
    probe: Probe  # every form of every term
    forms: dict[str, Form]  # lower-case form with ' for ’ -> Form
    sets_aside: dict[str, frozenset[str]]  # class -> terms it sets aside
    context: Context
    rules: dict[str, RuleSpec]
    model: Model
    _build: Callable[[], tuple[tuple[Sense, ...], Cues]]
    _built: list = field(default_factory=list)

    def form(self, word: str) -> Form:
        return self.forms[word.lower().replace("\u2019", "'")]

    @property
    def senses(self) -> tuple[Sense, ...]:
        return self.compiled()[0]

    @property
    def cues(self) -> Cues:
        return self.compiled()[1]

    def compiled(self) -> tuple[tuple[Sense, ...], Cues]:
        """Compile the patterns once; a bad pattern raises PackError naming file, key and line."""
        if not self._built:
            self._built.append(self._build())
        return self._built[0]


@lru_cache(maxsize=1)
def builtin_path() -> Path:
    """Where the built-in pack is installed; asked for once per file, so remembered."""
    return Path(str(resources.files("termsense.rules").joinpath(f"{BUILTIN}.toml")))


@cache
def load_pack(path: str, extend_cues: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> Pack:
    """Read and validate a pack file; cached so patterns compile once per process.

    `extend_cues` (from config) adds words to a term's cues without writing a pack: they join
    as domain cues of that term; terms the pack does not have are left to other packs."""
    try:
        source = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PackError(f"{path}: cannot read rule pack: {getattr(error, 'strerror', None) or error}") from None
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        raise PackError(f"{path}: invalid TOML: {error}") from None
    try:
        return _compile(data, source, path, extend_cues)
    except PackError:
        raise
    except TermsenseError as error:
        raise PackError(str(error)) from None


def _compile(data: dict[str, Any], source: str, path: str, extend_cues: tuple[tuple[str, tuple[str, ...]], ...]) -> Pack:
    def check(value: Any, fields: dict[str, Field], where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise PackError(f"{path}:{line_of(source, where)}: '{where}' must be a table")
        return validate(value, fields, where=where, source=source, path=path)

    def fail(where: str, key: str | None, message: str) -> PackError:
        return PackError(f"{path}:{line_of(source, where, key)}: {message}")

    top = check(data, _TOP, "")
    meta = check(top["pack"], _PACK, "pack")
    terms = {name: Term(name, **check(value, _TERM, f"terms.{name}")) for name, value in top["terms"].items()}
    forms = _forms(terms)
    context_data = check(top["context"], _CONTEXT, "context")
    classes = {name: check(value, _CLASS, f"classes.{name}") for name, value in top["classes"].items()}
    sets_aside = {}
    for name, value in classes.items():
        unknown = [t for t in value["sets-aside"] if t not in terms]
        if unknown:
            raise fail(f"classes.{name}", "sets-aside", f"unknown term {unknown[0]!r} in 'classes.{name}.sets-aside'")
        sets_aside[name] = frozenset(value["sets-aside"])

    sense_specs = []
    for i, raw in enumerate(top["senses"]):
        sense = check(raw, _SENSE, f"senses[{i}]")
        for term in sense["terms"]:
            if term not in terms:
                raise fail(f"senses[{i}]", "terms", f"unknown term {term!r} in 'senses[{i}].terms' (pack terms: {', '.join(terms)})")
        sense_specs.append(sense)
    cue_specs = []
    for i, raw in enumerate(top["cues"]):
        cue = check(raw, _CUE, f"cues[{i}]")
        if cue["class"] not in terms and cue["class"] not in classes:
            raise fail(f"cues[{i}]", "class", f"'cues[{i}].class' must be a term or a class, got {cue['class']!r}")
        cue_specs.append(cue)

    for term, words in extend_cues:
        if term in terms:
            cue_specs.append({"class": term, "label": "your extend-cues", "weight": EXTENDED_WEIGHT, "words": list(words)})

    def build() -> tuple[tuple[Sense, ...], Cues]:
        return _compile_senses(sense_specs, terms, fail), _compile_cues(cue_specs, context_data["masks"])

    breaks = context_data["clause-breaks"]
    context = Context(
        tuple(context_data["decay"]), tuple(context_data["cap"]), float(context_data["min-evidence"]),
        float(context_data["scale"]),
        float(context_data["genre-cap"]),
        float(context_data["genre-scale"]),
        float(context_data["genre-density"]),
        re.compile("|".join(_word_pattern(b) if b[:1].isalnum() else re.escape(b) for b in breaks), re.IGNORECASE)
        if breaks else None,
        frozenset(a.lower().rstrip(".") for a in context_data["abbreviations"]),
        re.compile(rf"(?<!\w)(?:{trie_pattern(context_data['contrast-markers'])})(?!\w)", re.IGNORECASE)
        if context_data["contrast-markers"] else None,
        float(context_data["contrast-damping"]),
        int(context_data["attach-words"]),
        float(context_data["domain-weight"]),
        float(context_data["genre-ratio"]),
        float(context_data["genre-min"]),
    )
    rules = {}
    for rule_id, raw in top["rules"].items():
        rule = check(raw, _RULE, f"rules.{rule_id}")
        check_rule(rule_id, rule, fail)
        for key in ("found", "expected"):
            if rule[key] is not None and rule[key] not in terms:
                raise fail(f"rules.{rule_id}", key, f"'rules.{rule_id}.{key}' must be a term of the pack, got {rule[key]!r}")
        if rule["kind"] == "mismatch" and (rule["found"] is None or rule["expected"] is None):
            raise fail(f"rules.{rule_id}", None, f"'rules.{rule_id}': a mismatch rule needs 'found' and 'expected'")
        rules[rule_id] = RuleSpec(
            rule_id, rule["name"], rule["kind"], rule["found"], rule["expected"], rule["default"], rule["summary"],
            rule["message"], rule["what"], rule["why"], rule["known-problems"], rule["fix-safety"],
            tuple(rule["examples-flag"]), tuple(rule["examples-pass"]),
            docs_url(meta["docs-url"], rule_id, rule["name"], path, fail), rule["severity"],
        )
    probe = Probe.of(forms)
    model = _model(check(top["model"], _MODEL, "model"), fail) if top["model"] is not None else builtin_model().for_another_pair()
    return Pack(meta["name"], path, terms, probe, forms, sets_aside, context, rules, model, build)


def _model(data: dict[str, Any], fail: Callable[[str, str | None, str], PackError]) -> Model:
    unknown = sorted(set(data["weights"]) - set(FEATURES))
    if unknown:
        raise fail("model.weights", unknown[0], f"unknown feature {unknown[0]!r} in 'model.weights' (features: {', '.join(FEATURES)})")
    return Model(float(data["intercept"]), {name: float(value) for name, value in data["weights"].items()})


@lru_cache(maxsize=1)
def builtin_model() -> Model:
    """The built-in pack's fitted weights: its features are the same for any term pair, so a
    pack without a model of its own uses them."""
    with open(builtin_path(), "rb") as handle:
        data = tomllib.load(handle)
    return Model(float(data["model"]["intercept"]), {k: float(v) for k, v in data["model"]["weights"].items()})


def _compile_senses(specs: list[dict[str, Any]], terms: dict[str, Term], fail: Callable[..., PackError]) -> tuple[Sense, ...]:
    """Sense patterns are written by pack authors, so they run on `regex`, which has timeouts."""
    import regex

    flags = regex.IGNORECASE | regex.MULTILINE

    def merged(patterns: list[str], i: int, sense: dict[str, Any]) -> regex.Pattern[str] | None:
        """One alternation per kind of pattern; on an error, compile each alone to name its fault."""
        if not patterns:
            return None
        try:
            return regex.compile("|".join(f"(?:{p})" for p in patterns), flags)
        except regex.error:
            for pattern in patterns:
                try:
                    regex.compile(pattern, flags)
                except regex.error as error:
                    raise fail(f"senses[{i}]", "patterns", f"bad pattern in 'senses[{i}]' ({sense['name']}): {error}") from None
            raise

    senses: list[Sense] = []
    heads: dict[str, regex.Pattern[str]] = {}
    for i, sense in enumerate(specs):
        for term in sense["terms"]:
            anchored, free = _sense_patterns(sense, term, terms)
            if term not in heads:
                heads[term] = regex.compile(_term_group(_forms(terms), term), flags)
            senses.append(Sense(sense["name"], sense["kind"], merged(anchored, i, sense), merged(free, i, sense), heads[term]))
    return tuple(senses)


def _compile_cues(specs: list[dict[str, Any]], masks: list[str]) -> Cues:
    """Every cue word in one trie-shaped pattern, and the table that says which group matched."""
    exact: dict[str, tuple[str, CueGroup]] = {}
    prefixes: dict[str, tuple[str, CueGroup]] = {}
    for cue in specs:
        group = CueGroup(cue["class"], cue["label"], float(cue["weight"]))
        for word in cue["words"]:
            key = normal_words(word.rstrip("*"))
            (prefixes if word.endswith("*") else exact).setdefault(key, (word, group))
    mask = trie_pattern(masks) if masks else "(?!)"
    words = trie_pattern([w for c in specs for w in c["words"]]) if specs else "(?!)"
    pattern = re.compile(rf"(?<!\w)(?:(?P<mask>{mask})|(?P<cue>{words}))(?!\w)")  # read lower-cased text
    return Cues(pattern, exact, prefixes)


def _forms(terms: dict[str, Term]) -> dict[str, Form]:
    forms: dict[str, Form] = {}
    for term in terms.values():
        singular, plural = term.singular.lower(), term.plural.lower()
        forms[singular] = Form(term.name, False, "")
        forms[plural] = Form(term.name, True, "")
        forms[singular + "'s"] = Form(term.name, False, "'s")
        forms[plural + ("'" if plural.endswith("s") else "'s")] = Form(term.name, True, "'" if plural.endswith("s") else "'s")
    return forms


def _forms_alternatives(forms: dict[str, Form], term: str | None = None) -> str:
    """The forms (either apostrophe) as one group, longest first."""
    words = sorted((w for w, f in forms.items() if term is None or f.term == term), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace("'", "['\u2019]") for w in words) + ")"


def _on_word_boundaries(alternatives: str) -> str:
    return rf"(?<![\w]){alternatives}(?![\w])"


def _forms_pattern(forms: dict[str, Form], term: str | None = None) -> str:
    """An alternation of the forms (either apostrophe), longest first, on word boundaries."""
    return _on_word_boundaries(_forms_alternatives(forms, term))


def _sense_patterns(sense: dict[str, Any], term: str, terms: dict[str, Term]) -> tuple[list[str], list[str]]:
    """(anchored, free) patterns of one sense for one term. A pattern with `{term}` becomes
    `(?<=before)(?P<term>forms)(?=after)`, matched at the occurrence itself."""
    forms = _forms(terms)
    own = _term_group(forms, term)
    others = "|".join(_forms_pattern(forms, t) for t in terms if t != term)
    raw = [p.replace("{other}", f"(?:{others})") for p in sense["patterns"]]
    if sense["before"]:
        words = "|".join(_word_pattern(w.rstrip("-")) for w in sorted(sense["before"], key=len, reverse=True))
        raw.append(rf"(?<![\w])(?:{words})(?:\s+|-){{term}}")
    if sense["after"]:
        words = "|".join(_word_pattern(w.lstrip("-")) for w in sorted(sense["after"], key=len, reverse=True))
        raw.append(rf"{{term}}(?:\s+|-)(?:{words})(?![\w])")
    anchored, free = [], []
    for pattern in raw:
        if "{term}" not in pattern:
            free.append(pattern)
            continue
        before, _, after = pattern.partition("{term}")
        anchored.append((f"(?<={before})" if before else "") + own + (f"(?={after})" if after else ""))
    return anchored, free


def _term_group(forms: dict[str, Form], term: str) -> str:
    """Where `{term}` stands in a sense pattern: any form of the term, on word boundaries."""
    return f"(?P<term>{_forms_pattern(forms, term)})"


def _word_pattern(word: str) -> str:
    """A listed word as a pattern: `*` takes a short ending, a space or hyphen matches either."""
    return "".join(atoms(word))


def normal_words(text: str) -> str:
    """Lower case with runs of spaces and hyphens as one space: how cue words are compared."""
    return re.sub(r"[\s-]+", " ", text.strip().lower())
