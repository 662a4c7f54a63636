"""Loading a pack: read the TOML, validate it against the schema (errors name file, key and
line), and build the Pack (read-only by convention); cached, so each pack is compiled once per process."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from .. import cache as user_cache
from .. import toml
from ..errors import PackError, TermsenseError
from ..logistic import FEATURES, Model
from ..schema import Field, line_of, validate
from ..trie import trie_pattern
from . import schema
from .check import check_rule, docs_url
from .compile import Cues, Sense, compile_cues, compile_descriptions, compile_senses
from .forms import Probe, Term, forms_of, word_pattern
from .pack import Context, Pack, RuleSpec
from .patterns import Patterns

BUILTIN = "client-customer"
EXTENDED_WEIGHT = 2.0  # config extend-cues words count as domain cues


@lru_cache(maxsize=1)
def builtin_path() -> Path:
    """Where the built-in pack is installed: in the package (a wheel), or beside it in a source
    checkout (`linter/` next to `rules/`); else wherever the import system puts
    `termsense.rules`. Looked at directly first: `importlib.resources` costs a pre-commit run
    more imports than the check itself."""
    package = Path(__file__).resolve().parent.parent
    for folder in (package / "rules", package.parent / "rules" if package.name == "linter" else None):
        if folder is not None and (folder / f"{BUILTIN}.toml").is_file():
            return folder / f"{BUILTIN}.toml"
    from importlib import resources

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
        data = _parsed(source)
    except toml.TomlError as error:
        raise PackError(f"{path}: invalid TOML: {error}") from None
    try:
        return _compile(data, source, path, extend_cues)
    except PackError:
        raise
    except TermsenseError as error:
        raise PackError(str(error)) from None


def _parsed(source: str) -> dict[str, Any]:
    """The pack's TOML as data, kept in the user's cache (`cache.kept`)."""
    return user_cache.kept("pack", [source], lambda: toml.loads(source))


def _compile(data: dict[str, Any], source: str, path: str, extend_cues: tuple[tuple[str, tuple[str, ...]], ...]) -> Pack:
    def check(value: Any, fields: dict[str, Field], where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise PackError(f"{path}:{line_of(source, where)}: '{where}' must be a table")
        return validate(value, fields, where=where, source=source, path=path)

    def fail(where: str, key: str | None, message: str) -> PackError:
        return PackError(f"{path}:{line_of(source, where, key)}: {message}")

    top = check(data, schema.TOP, "")
    meta = check(top["pack"], schema.PACK, "pack")
    terms = {name: Term(name, **check(value, schema.TERM, f"terms.{name}")) for name, value in top["terms"].items()}
    forms = forms_of(terms)
    context_data = check(top["context"], schema.CONTEXT, "context")
    classes = {name: check(value, schema.CLASS, f"classes.{name}") for name, value in top["classes"].items()}
    sets_aside = {}
    for name, value in classes.items():
        unknown = [t for t in value["sets-aside"] if t not in terms]
        if unknown:
            raise fail(f"classes.{name}", "sets-aside", f"unknown term {unknown[0]!r} in 'classes.{name}.sets-aside'")
        sets_aside[name] = frozenset(value["sets-aside"])

    sense_specs = []
    for i, raw in enumerate(top["senses"]):
        sense = check(raw, schema.SENSE, f"senses[{i}]")
        for term in sense["terms"]:
            if term not in terms:
                raise fail(f"senses[{i}]", "terms", f"unknown term {term!r} in 'senses[{i}].terms' (pack terms: {', '.join(terms)})")
        sense_specs.append(sense)
    cue_specs = []
    for i, raw in enumerate(top["cues"]):
        cue = check(raw, schema.CUE, f"cues[{i}]")
        if cue["class"] not in terms and cue["class"] not in classes:
            raise fail(f"cues[{i}]", "class", f"'cues[{i}].class' must be a term or a class, got {cue['class']!r}")
        stray = [word for word in cue["provenance"] if word not in cue["words"]]
        if stray:
            raise fail(f"cues[{i}]", "provenance", f"'cues[{i}].provenance' names {stray[0]!r}, which is not one of its words")
        cue_specs.append(cue)

    for term, words in extend_cues:
        if term in terms:
            cue_specs.append({"class": term, "label": "your extend-cues", "weight": EXTENDED_WEIGHT, "words": list(words)})

    def build() -> tuple[tuple[Sense, ...], Cues]:
        senses = compile_senses(sense_specs, terms, fail, Patterns())
        # a store of their own: a page with no party noun never loads them
        descriptions = compile_descriptions(context_data["descriptions"], context_data["party-nouns"], Patterns(), fail)
        return senses, compile_cues(cue_specs, context_data["masks"], descriptions)

    breaks = context_data["clause-breaks"]
    context = Context(
        tuple(context_data["decay"]), tuple(context_data["cap"]), float(context_data["min-evidence"]),
        float(context_data["scale"]),
        float(context_data["genre-cap"]),
        float(context_data["genre-scale"]),
        float(context_data["genre-density"]),
        re.compile("|".join(word_pattern(b) if b[:1].isalnum() else re.escape(b) for b in breaks), re.IGNORECASE)
        if breaks else None,
        frozenset(a.lower().rstrip(".") for a in context_data["abbreviations"]),
        _contrast_pattern(context_data["contrast-markers"], context_data["contrast-exceptions"], fail),
        _contrast_pattern(
            context_data["contrast-markers"] + context_data["pair-markers"], context_data["contrast-exceptions"], fail
        ),
        float(context_data["contrast-damping"]),
        int(context_data["attach-words"]),
        float(context_data["domain-weight"]),
        float(context_data["genre-ratio"]),
        float(context_data["genre-min"]),
    )
    rules = {}
    for rule_id, raw in top["rules"].items():
        rule = check(raw, schema.RULE, f"rules.{rule_id}")
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
    model = _model(check(top["model"], schema.MODEL, "model"), fail) if top["model"] is not None else builtin_model().for_another_pair()
    return Pack(meta["name"], path, terms, probe, forms, sets_aside, context, rules, model, build)


def _model(data: dict[str, Any], fail: Callable[[str, str | None, str], PackError]) -> Model:
    unknown = sorted(set(data["weights"]) - set(FEATURES))
    if unknown:
        raise fail("model.weights", unknown[0], f"unknown feature {unknown[0]!r} in 'model.weights' (features: {', '.join(FEATURES)})")
    return Model(float(data["intercept"]), {name: float(value) for name, value in data["weights"].items()})


def cue_provenance(pack: Pack) -> list[tuple[str, str, str]]:
    """(label, word, source) of every cue word whose group says where it came from (generated
    groups: "WordNet 3.0: architect.n.01 < creator.n.02"), in the pack's order. Read from the
    pack file when asked (`termsense rules --format docs`), so checking never pays for it."""
    data = _parsed(Path(pack.path).read_text(encoding="utf-8"))
    return [
        (cue["label"], word, cue["provenance"][word])
        for cue in data.get("cues", []) for word in cue["words"] if word in cue.get("provenance", {})
    ]


@lru_cache(maxsize=1)
def builtin_model() -> Model:
    """The built-in pack's fitted weights: its features are the same for any term pair, so a
    pack without a model of its own uses them."""
    data = _parsed(builtin_path().read_text(encoding="utf-8"))
    return Model(float(data["model"]["intercept"]), {k: float(v) for k, v in data["model"]["weights"].items()})


def _contrast_pattern(
    markers: list[str], exceptions: list[str], fail: Callable[[str, str | None, str], PackError]
) -> re.Pattern[str] | None:
    """The contrast markers as one pattern, none where one of the pack's `exceptions` (regular
    expressions read from the marker on) matches: a marker that only joins a phrase to its
    own clause ("while refusing refunds") marks no contrast between two parties."""
    if not markers:
        return None
    for exception in exceptions:
        try:
            re.compile(exception)
        except re.error as error:
            raise fail("context", "contrast-exceptions", f"'context.contrast-exceptions': bad pattern {exception!r}: {error}") from None
    not_joined = f"(?!{'|'.join(f'(?:{e})' for e in exceptions)})" if exceptions else ""
    return re.compile(rf"(?<!\w){not_joined}(?:{trie_pattern(markers)})(?!\w)", re.IGNORECASE)
