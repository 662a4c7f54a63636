#!/usr/bin/env python3
"""Which settings the pack's cues reach in real writing, industry by industry, and the words
that could reach the rest: how the sixth session's industry vocabulary was chosen.

A swapped word is found only where some cue names the setting; `accuracy.py --sets
realweb-any` says how often that fails, this says where. For each industry of
../shared/realweb (passages labeled by the setting they call for), it prints how many of its
passages carry a domain cue for that setting near a judged mention (block level or nearer),
and how many carry one only for the other setting. With `--words`, it also lists candidate
words per industry: words found in at least two of its passages and in at least half of all
the passages that hold them, seldom beside the other setting, not already a cue, with how
often each appears in the real trees of ../shared/corpus (where every use counts as right:
a word common there may add findings, so each chosen group is checked with
`real_trees.py` and `trees_held_out.py` before it stays). Candidates are a list to read,
not to paste: a person picks the words that name the industry's service or trade.

Real text is read at run time and never written anywhere.

    python benchmarks/industries.py            # coverage per industry, worst first
    python benchmarks/industries.py --words    # and candidate words per industry
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import datasets  # noqa: E402

_WORD = re.compile(r"[a-z][a-z'-]+")
MIN_PASSAGES = 2  # a candidate word is in at least this many passages of its industry
MIN_SHARE = 0.5  # ...and this share of every passage holding it is of that industry
TOP = 20  # candidates shown per industry


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower().replace("\u2019", "'")))


def coverage(passages: list[dict]) -> dict[tuple[str, str], Counter[str]]:
    """Per (industry, setting): passages judged, with a domain cue for the setting near a
    mention ("reached"), with one only for the other setting ("misled")."""
    from termsense.config import Settings
    from termsense.document import Source
    from termsense.engine import packs_for
    from termsense.pipeline import examine

    pack = packs_for(Settings())[0]
    domain = pack.context.domain_weight
    out: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for passage in passages:
        setting = passage["setting"]
        seen = examine(pack, Source.from_text(passage["text"], path=passage["id"], format="txt"))
        if not seen.judged:
            continue
        near = {e.supports for j in seen.judged for e in j.scores.evidence if e.level <= 2 and e.base >= domain}
        counts = out[passage["industry"], setting]
        counts["passages"] += 1
        counts["reached"] += setting in near
        counts["misled"] += setting not in near and bool(near & set(pack.terms))
    return out


def candidates(passages: list[dict], known: set[str], tree_counts: Counter[str]) -> dict[tuple[str, str], list[str]]:
    """Per (industry, setting): words typical of its passages, best first, each with its
    passages in the industry / in all, and its count in the real trees."""
    in_all: Counter[str] = Counter()
    by_setting: dict[str, Counter[str]] = defaultdict(Counter)
    by_industry: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for passage in passages:
        words = _words(passage["text"])
        in_all.update(words)
        by_setting[passage["setting"]].update(words)
        by_industry[passage["industry"], passage["setting"]].update(words)
    out = {}
    for (industry, setting), counts in by_industry.items():
        other = next(s for s in by_setting if s != setting)
        kept = [
            (n, word) for word, n in counts.items()
            if n >= MIN_PASSAGES and n >= MIN_SHARE * in_all[word] and word not in known
            and by_setting[other][word] * 3 <= by_setting[setting][word]
        ]
        out[industry, setting] = [
            f"{word} ({n}/{in_all[word]}, trees {tree_counts[word]})" for n, word in sorted(kept, reverse=True)[:TOP]
        ]
    return out


def _known_words() -> set[str]:
    """Every word of the built-in pack's cue lists, split at spaces and hyphens."""
    from termsense import toml
    from termsense.packs import builtin_path

    pack = toml.loads(builtin_path().read_text(encoding="utf-8"))
    listed = [word for group in pack["cues"] for word in group["words"]]
    return {part.rstrip("*") for word in listed for part in re.split(r"[\s-]+", word.lower())}


def _tree_counts() -> Counter[str]:
    counts: Counter[str] = Counter()
    for doc in datasets.trees(10**9):
        counts.update(_WORD.findall(doc.text.lower()))
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", action="store_true", help="also list candidate words per industry")
    args = parser.parse_args()
    if not datasets.REALWEB.is_file():
        print(f"industries.py: {datasets.REALWEB}: not found (../shared beside the checkout)", file=sys.stderr)
        return 2
    passages = [
        p for p in map(json.loads, datasets.REALWEB.read_text(encoding="utf-8").splitlines())
        if p["setting"] in ("client", "customer")
    ]
    reached = coverage(passages)
    words = candidates(passages, _known_words(), _tree_counts()) if args.words else {}
    print(f"{'industry':28} {'setting':9} {'passages':>8} {'reached':>8} {'misled':>7}")
    for (industry, setting), c in sorted(reached.items(), key=lambda kv: (kv[1]["reached"] / kv[1]["passages"], kv[0])):
        print(f"{industry:28} {setting:9} {c['passages']:8} {c['reached'] / c['passages']:8.0%} {c['misled']:7}")
        if words.get((industry, setting)):
            print("    " + ", ".join(words[industry, setting]))
    total: Counter[str] = Counter()
    for c in reached.values():
        total.update(c)
    print(f"all: {total['passages']} passages, a cue for the setting near a mention in {total['reached'] / total['passages']:.0%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
