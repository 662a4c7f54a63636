#!/usr/bin/env python3
"""Learn a pack's lexicon (linter/lexicon.py) from the text the verdict model is fitted on, and
(with --write) store it beside the pack as `<pack stem>.lexicon.txt`.

Every labeled mention the engine judges gives a passage, its block, and a setting, the term
the block calls for: the word as written where it is right, the other where it is a flag.
The data are fit.py's (never the reporting half of realtext): our written corpus, realtext's
tuning half, `../shared/realweb` as written (its weak setting labels) and a sample of each
`../shared/corpus` tree (every use right). A word's weight is the log-odds of appearing in a
passage of the first term's setting rather than the second's, smoothed; only words seen on
at least --min-sites distinct sources are kept (no word of one page, name or typo carries
over), and the pair's own words never count. The text stays where it is: the file holds
words and weights only.

    python benchmarks/fit_lexicon.py            # learn and print the strongest words
    python benchmarks/fit_lexicon.py --write    # ... and store the lexicon beside the pack
    python benchmarks/fit_lexicon.py --pack my.toml --docs my-docs/ --write   # your pack, your docs

`benchmarks/fit.py` then fits the weight of the lexicon's two inputs with the rest; it reads
lexicons learned without each fold's sources (cross-fitting), so no passage scores itself.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import datasets  # noqa: E402
from termsense.document import Source  # noqa: E402
from termsense.lexicon import Blocks, Lexicon, lexicon_path, words, write_lexicon  # noqa: E402
from termsense.packs import Pack  # noqa: E402
from termsense.pipeline import examine  # noqa: E402

COPIES = ("realweb-one", "realweb-all")  # fit.py's swapped copies of realweb passages: no new words
MIN_SITES = 3  # a word must appear on this many distinct sites
SMOOTHING = 2.0  # added to each setting's passage count of a word (a Jeffreys-like prior)


@dataclass(frozen=True)
class Passage:
    text: str
    setting: str  # the term the setting calls for
    site: str  # its source (a site, a tree, a document of ours): the unit of --min-sites and of folds


def passages(pack: Pack, named: dict[str, list[datasets.Doc]]) -> list[Passage]:
    """One passage per block holding a labeled, judged mention, with the setting it calls for."""
    out = []
    for name, docs in named.items():
        if name in COPIES:
            continue
        for doc in docs:
            seen = examine(pack, Source.from_text(doc.text, path=doc.name, format=doc.format))
            source = Source.from_text(doc.text, format=doc.format)
            blocks = Blocks(doc.text)
            taken = set()
            for item in seen.judged:
                line, column = source.position(item.occurrence.source_start)
                label = doc.label_at(line, column)
                if label is None:
                    continue
                found = item.occurrence.form.term
                setting = pack.other(found) if label else found
                span = blocks.around(item.occurrence.source_start, item.occurrence.source_end)
                if (span, setting) not in taken:
                    taken.add((span, setting))
                    out.append(Passage(doc.text[span[0]:span[1]], setting, doc.group))
    return out


def build(pack: Pack, data: list[Passage], min_sites: int = MIN_SITES, smoothing: float = SMOOTHING) -> Lexicon:
    first, second = list(pack.terms)[:2]
    own = tuple(pack.terms[term].singular.lower() for term in (first, second))
    seen: dict[str, Counter[str]] = {first: Counter(), second: Counter()}
    sites: dict[str, set[str]] = {}
    for passage in data:
        for word in set(words(passage.text)):
            if not word.startswith(own):
                seen[passage.setting][word] += 1
                sites.setdefault(word, set()).add(passage.site)
    total = {term: sum(1 for p in data if p.setting == term) for term in (first, second)}
    weights = {}
    for word, where in sites.items():
        if len(where) >= min_sites:
            a = (seen[first][word] + smoothing) / (total[first] + 2 * smoothing)
            b = (seen[second][word] + smoothing) / (total[second] + 2 * smoothing)
            weights[word] = round(math.log(a / b), 3)
    return Lexicon(first, weights)


def write(pack: Pack, lexicon: Lexicon, data: list[Passage], min_sites: int, smoothing: float,
          beside: Path | None = None) -> Path:
    """Store the lexicon beside the pack (or beside the pack file `beside`, a copy of it)."""
    path = lexicon_path(str(beside or pack.path))
    write_lexicon(path, lexicon, {
        "learned-from": f"{len(data)} passages from {len({p.site for p in data})} sources (benchmarks/fit_lexicon.py)",
        "min-sites": str(min_sites),
        "smoothing": str(smoothing),
    })
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    datasets.add_fitting_arguments(parser, "the lexicon beside the pack")
    parser.add_argument("--min-sites", type=int, default=MIN_SITES)
    parser.add_argument("--smoothing", type=float, default=SMOOTHING)
    args = parser.parse_args()
    pack, named = datasets.fitting_inputs(args)
    data = passages(pack, named)
    lexicon = build(pack, data, args.min_sites, args.smoothing)
    ranked = sorted(lexicon.weights.items(), key=lambda item: item[1])
    second = next(term for term in pack.terms if term != lexicon.first)
    print(f"{len(lexicon.weights)} words from {len(data)} passages")
    print(f"  toward {lexicon.first}: {', '.join(w for w, _ in ranked[::-1][:25])}")
    print(f"  toward {second}: {', '.join(w for w, _ in ranked[:25])}")
    if args.write:
        print(f"written to {write(pack, lexicon, data, args.min_sites, args.smoothing)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
