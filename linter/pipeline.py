"""The pipeline for one source and pack: scope -> occurrences -> senses -> context -> verdicts."""

from __future__ import annotations

import bisect
import gc
from array import array
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from .config import Settings
from .context import BLOCK, CLAUSE, Clauses, DocumentContext, Scores, sentence_spans
from .document import Source, Unit
from .findings import Finding, Usage
from .labels import label_senses
from .margins import margin_score
from .markdown import markdown_outline, scope_markdown
from .model import features
from .nearest import Use
from .occurrences import Occurrence, find_occurrences, runs
from .outline import Outline
from .packs import Pack, RuleSpec
from .parties import BUSINESSES, MAIN, PROGRAM, SECOND, SECOND_PARTY, TRADE_PARTY, Party, pool, segments
from .senses import contrast_senses, pattern_senses
from .text import scope_text
from .verdicts import Judged, evaluate


class Examined:
    """A source as the verdicts see it: its judged mentions with their model features, and the
    document facts the rules read."""

    __slots__ = ("judged", "features", "parties", "usages", "contrasted", "context")

    def __init__(self, judged: list[Judged], features: list[dict[str, float]], parties: list[Party], usages: list[Usage], contrasted: bool, context: DocumentContext | None) -> None:
        self.judged = judged
        self.features = features
        self.parties = parties  # the party of each judged mention
        self.usages = usages
        self.contrasted = contrasted
        self.context = context


def lint_with(
    pack: Pack, source: Source, rules: list[RuleSpec], settings: Settings, *, shortcuts: bool, usages: bool = True
) -> tuple[list[Finding], list[Usage]]:
    """Findings of one pack's `rules` for a source, and how each term use was read (none
    without `usages`); `shortcuts=False` parses it in full."""
    with _collector_paused():  # the verdicts too: a dense file's findings are made while its mentions live
        seen = examine(pack, source, shortcuts=shortcuts, usages=usages)
        if seen.context is None:
            return [], seen.usages
        judged, features, parties, used, contrasted = seen.judged, seen.features, seen.parties, seen.usages, seen.contrasted
        del seen  # the document's context (its units, outline and memos) goes before the verdicts, which do not read it
        return evaluate(
            pack, source, judged, features, parties, rules, contrasted=contrasted,
            prefer=settings.prefer if settings.prefer in pack.terms else None,
            context_model_below=settings.fix_confidence if settings.context_model else None,
            fix_from=settings.fix_confidence,
        ), used


def examine(pack: Pack, source: Source, *, shortcuts: bool = True, usages: bool = True) -> Examined:
    """Scope, occurrences, senses, context and parties of one source: everything but the
    verdict; `usages=False` leaves out how each term use was read (a check reports findings only)."""
    with _collector_paused():
        return _examine(pack, source, shortcuts=shortcuts, with_usages=usages)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while one source is examined (and judged): the stages
    build no cycles, and a dense file keeps enough objects alive that its passes cost a fifth
    of the time. Nested, the outer pause decides when it comes back on."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _examine(pack: Pack, source: Source, *, shortcuts: bool, with_usages: bool) -> Examined:
    if source.format == "md":
        outline = markdown_outline(source)
        units = scope_markdown(source, outline, pack.probe, lazy=shortcuts)
    else:
        outline, units = Outline.plain(source.text), scope_text(source)
    # the cue scan of the whole document is the largest passing allocation: done while little
    # else is alive, its memory is reused by what the later stages keep (a dense 2 MB file
    # peaks 5 MB lower; files whose terms all sit in code pay it for nothing, 1% of a tree)
    context = DocumentContext(pack, units, outline)
    occurrences = find_occurrences(pack, units, source.text)
    if not occurrences:
        return Examined([], [], [], [], False, None)
    abbreviations = pack.context.abbreviations
    sentences = {i: sentence_spans(units[i].text, abbreviations) for i in {o.unit for o in occurrences}}
    starts = {i: [start for start, _ in spans] for i, spans in sentences.items()}
    # each occurrence's sentence in its unit, as machine integers: a 680 KB paragraph has 20,000
    sentence_of = array("q", [bisect.bisect_right(starts[o.unit], o.start) - 1 for o in occurrences])
    del starts
    senses = {
        **contrast_senses(pack, units, occurrences, sentence_of, sentences), **label_senses(units, occurrences, source),
        **pattern_senses(pack, units, occurrences),
    }
    senses, second = _second_parties(occurrences, senses)  # the second: judged, as a party of their own
    contrasted = any(kind in ("contrast", "mention") for kind in senses.values())
    marked = _marked(pack, units, sentences)
    judged: list[Judged] = []
    set_aside: dict[tuple[str, int], bool] = {}
    for unit, run in runs(occurrences):  # block by block: its uses are kept no longer than it
        if all(i in senses for i in run):
            continue
        uses, use_of = _uses(pack, units[unit].text, occurrences, run, senses, sentences[unit], sentence_of, marked)
        block = context.block(unit, sentences[unit], uses)
        for i in run:
            if i in senses:
                continue
            occurrence = occurrences[i]
            use = use_of[i - run.start]
            scores = context.score(occurrence, block, use)
            key = (occurrence.form.term, id(scores))  # scores are shared: decided once per pair
            aside = set_aside.get(key)
            if aside is None:
                aside = set_aside[key] = _set_aside(pack, occurrence.form.term, scores, context.totals)
            if aside:
                senses[i] = "technical"
            else:
                judged.append(Judged(occurrence, scores, SECOND if i in second else MAIN, uses[use].contrasted))
        del block, uses, use_of  # before the next block is indexed, and the model's inputs are made
    usages = [
        _usage(source, occurrence, senses.get(i, SECOND_PARTY if i in second else "party"))
        for i, occurrence in enumerate(occurrences)
    ] if with_usages else []
    programs = Counter(occurrences[i].form.term for i, kind in senses.items() if kind == "technical")
    code = source.text.count("`") // 2 if source.format == "md" else 0  # code spans and fences, roughly
    features, parties = _features(pack, judged, context, contrasted, programs, code)
    return Examined(judged, features, parties, usages, contrasted, context)


def _second_parties(occurrences: list[Occurrence], senses: dict[int, str]) -> tuple[dict[int, str], set[int]]:
    """The senses that set uses aside, and the uses of a second party, judged by their own
    blocks: those a pack pattern ties to a business named by its trade ("a merchant's
    customers", "dealerships ... their clients"), whose words describe that setting. Uses tied to
    the other term's party ("our clients' customers") are that party's own customers or clients:
    their setting is its trade, which the words around them (the house's) do not name, so they
    are set aside. So are, when the document says one term's party are businesses with a trade
    of their own ("our clients are merchants"), the other term's uses, while the first term's
    uses are the house's word ("fixed", as "merchant clients" is): the shop words around them
    describe its trade. Only when the other term is used at all: alone, the word is judged as
    any other."""
    second = {i for i, kind in senses.items() if kind == TRADE_PARTY}
    said = {occurrences[i].form.term for i, kind in senses.items() if kind == BUSINESSES}
    senses = {i: kind for i, kind in senses.items() if kind not in (TRADE_PARTY, BUSINESSES)}
    if len(said) != 1:  # neither, or both said to be businesses: nothing tells the parties apart
        return senses, second
    # the uses that name a party: judged ones, and those already read as the other party's own
    parties = [i for i in range(len(occurrences)) if senses.get(i) in (None, SECOND_PARTY)]
    if all(occurrences[i].form.term in said for i in parties):
        return senses, second  # no other party named: the word is judged as any other (a slip is a slip)
    for i in parties:
        senses[i] = "fixed" if occurrences[i].form.term in said else SECOND_PARTY
        second.discard(i)
    return senses, second


def _uses(
    pack: Pack, text: str, occurrences: list[Occurrence], run: range, senses: dict[int, str],
    sentences: list[tuple[int, int]], sentence_of: array[int], marked: Callable[[int, int], bool],
) -> tuple[list[Use], array[int]]:
    """The uses of a block's terms that speak of a party (every one with a clause: fixed
    phrases and mentions included; not technical ones), and the use number of each occurrence
    of the run, by its place in the run (an array: a 680 KB paragraph has 20,000).
    A use's sentence, or its clause in a shared sentence, is foreign to the other term's uses."""
    uses: list[Use] = []
    use_of = array("q", bytes(8 * len(run)))
    clauses = Clauses(pack, text)
    for i in run:
        if senses.get(i) == "technical":
            continue
        o = occurrences[i]
        k = sentence_of[i]
        clause = clauses.span(sentences[k], o.start)
        use_of[i - run.start] = len(uses)
        contrast = clause != sentences[k] and marked(o.unit, k)
        uses.append(Use(o.start, o.end, o.form.term, k, clause, contrast))
    return uses, use_of


def _features(
    pack: Pack, judged: list[Judged], context: DocumentContext, contrasted: bool, programs: Counter[str], code: int
) -> tuple[list[dict[str, float]], list[Party]]:
    """The model's inputs for every judged mention, with the evidence of its party pooled;
    `programs` counts each term's uses read as a program's name, `code` the page's code marks."""
    terms, scores = [item.occurrence.form.term for item in judged], [item.scores for item in judged]
    names = segments([item.party for item in judged], terms, scores, pack.context.domain_weight)
    names = [  # a second party answers to its own blocks already
        f"{name}:{PROGRAM}" if name != SECOND and _beside_a_program(pack, item) else name
        for name, item in zip(names, judged, strict=True)
    ]
    parties = pool(names, terms, scores, [not item.occurrence.compound for item in judged])
    domains = context.domains()
    genres = {MAIN: _main_genre(pack, judged, domains), SECOND: domains}
    first = next(iter(pack.terms))
    technical = {term: tuple(cls for cls, terms in pack.sets_aside.items() if term in terms) for term in pack.terms}
    out: list[dict[str, float]] = []
    # mentions with one Scores object, term, party and shape have one set of inputs: the
    # dict is built once and shared (a dense document: 23,000 mentions, 3,000 distinct inputs)
    known: dict[tuple[int, str, str, bool, bool], dict[str, float]] = {}
    for name, item in zip(names, judged, strict=True):
        found = item.occurrence.form.term
        key = (id(item.scores), found, name, item.occurrence.compound, item.contrasted)
        inputs = known.get(key)
        if inputs is None:
            inputs = known[key] = _inputs(
                pack, item, found, parties[name], context, genres[item.party], contrasted, technical[found], first,
                programs[found], code,
            )
        out.append(inputs)
    return out, [parties[name] for name in names]


def _beside_a_program(pack: Pack, item: Judged) -> bool:
    """Whether a use has a program's words in its clause and none of a setting ("the client
    sends chunks to the server"): judged because nothing claimed it outright, it may name the
    program, so it is a party of its own. In the document's party it would make one honest
    "customer" look like a slip, and that party's other word would outvote it."""
    scores, term = item.scores, item.occurrence.form.term
    programs = any(term in terms and scores.local(cls, CLAUSE) > 0 for cls, terms in pack.sets_aside.items())
    return programs and not any(scores.local(t, CLAUSE) > 0 for t in pack.terms)


def _main_genre(pack: Pack, judged: list[Judged], domains: dict[str, float]) -> dict[str, float]:
    """The document's domain cues as the main party's genre: without those a second party
    holds in its own block ("a merchant's customers pay at checkout"), which describe that
    party's trade, not how the house serves its own."""
    held = {
        (e.cue, e.supports): e.base
        for item in judged if item.party == SECOND
        for e in item.scores.evidence if e.level <= BLOCK and e.base >= pack.context.domain_weight
    }
    if not held:
        return domains
    genre = dict(domains)
    for (_, cls), weight in held.items():
        genre[cls] = max(0.0, genre.get(cls, 0.0) - weight)
    return genre


def _inputs(
    pack: Pack, item: Judged, found: str, party: Party, context: DocumentContext, genre: dict[str, float],
    contrasted: bool, technical: tuple[str, ...], first: str, programs: int, code: int,
) -> dict[str, float]:
    expected = pack.other(found)
    return features(
        item.scores, found, expected, party, domain_weight=pack.context.domain_weight,
        technical=technical, genre=sum(context.totals.get(cls, 0.0) for cls in technical),
        compound=item.occurrence.compound, contrasted=contrasted, found_first=found == first,
        margin=margin_score(
            pack, item.scores, found, expected, contrasted=contrasted or item.contrasted, domains=genre,
            totals=context.totals, words=context.words,
        ),
        words=context.words, technical_uses=programs, code_spans=code,
    )


def _usage(source: Source, occurrence: Occurrence, sense: str) -> Usage:
    return Usage(
        source.path, *source.span_position(occurrence.source_start, occurrence.source_end), occurrence.form.term,
        occurrence.text, sense,
    )


def _marked(pack: Pack, units: list[Unit], sentences: dict[int, list[tuple[int, int]]]) -> Callable[[int, int], bool]:
    """Whether sentence k of a unit marks a contrast ("customers, while a law firm acts for
    its clients"): then the clauses around a word's own describe the other side. Searched
    once per sentence, however many words it holds."""
    markers = pack.context.contrast_markers
    found: dict[int, bytearray] = {}  # per unit, per sentence: 0 not searched yet, 1 no marker, 2 marked

    def marked(unit: int, k: int) -> bool:
        if markers is None:
            return False
        known = found.get(unit)
        if known is None:
            known = found[unit] = bytearray(len(sentences[unit]))
        if not known[k]:
            start, end = sentences[unit][k]
            known[k] = 1 + (markers.search(units[unit].text, start, end) is not None)
        return known[k] == 2

    return marked


def _set_aside(pack: Pack, term: str, scores: Scores, totals: dict[str, float]) -> bool:
    """A context class (say, software) claims the word when it outweighs every term's evidence
    around it, or when the whole document is of its genre and the word's own clause is silent."""
    context = pack.context
    near = sum(scores.of(t) for t in pack.terms)
    in_clause = sum(scores.local(t, CLAUSE) for t in pack.terms)
    for cls, terms in pack.sets_aside.items():
        if term not in terms:
            continue
        if scores.of(cls) >= context.min_evidence and scores.of(cls) > near:
            return True
        genre = totals.get(cls, 0.0)
        if genre >= context.genre_min and genre >= context.genre_ratio * sum(totals.get(t, 0.0) for t in pack.terms):
            if in_clause < context.min_evidence:
                return True
    return False
