#!/usr/bin/env python3
"""Fit the verdict model's weights on labeled and real text, check them by grouped
cross-validation, and (with --write) store them in the pack.

The engine's own evidence for every judged mention becomes a feature row (linter/model.py);
the label says whether the word as written is wrong. Training data: our written corpus, the
tuning half of ../shared/realtext, ../shared/realweb as written and with swapped words, and
a sample of ../shared/corpus trees counted as right. The reporting half of realtext is never
read here. Folds are grouped by source, so no site is both trained and tested on.

    python benchmarks/fit.py              # cross-validate and print the fitted weights
    python benchmarks/fit.py --write      # ... and store them in rules/client-customer.toml
    python benchmarks/fit.py --pack my.toml --docs my-docs/  # refit a pack on your own docs,
                                                             # counting their uses as right
Needs numpy (pip install '.[fit]').
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import datasets  # noqa: E402
import fit_lexicon  # noqa: E402
from termsense.document import Source  # noqa: E402
from termsense.lexicon import Leans, load_lexicon  # noqa: E402
from termsense.logistic import FEATURES, SIGNS  # noqa: E402
from termsense.model import decidable  # noqa: E402
from termsense.packs import Pack  # noqa: E402
from termsense.pipeline import examine  # noqa: E402

# How much each data set counts in the fit (per row): real labels and real text outweigh
# the corpus we wrote, so the model is kept honest by writing nobody here tuned.
WEIGHT = {"written": 2.0, "realtext": 3.0, "realweb": 2.0, "realweb-one": 0.7, "realweb-all": 0.2, "trees": 2.0}
L2 = 1.0  # ridge penalty on the weights (not the intercept)
FOLDS = 5  # grouped cross-validation folds


@dataclass
class Rows:
    x: np.ndarray
    y: np.ndarray
    groups: list[str]
    sets: list[str]
    unreachable: dict[str, int]  # flags the linter sets aside (never judged), per data set
    industries: list[str]  # the domain a row's document is mostly about (its strongest cue label)
    mentions: list[tuple[str, int, int, str]]  # (document text, start, end, the other term) of each row


def rows(pack: Pack, named: dict[str, list[datasets.Doc]]) -> Rows:
    """One row per judged mention that carries a label."""
    x, y, groups, sets, industries, mentions = [], [], [], [], [], []
    unreachable: dict[str, int] = defaultdict(int)
    for set_name, docs in named.items():
        for doc in docs:
            seen = examine(pack, Source.from_text(doc.text, path=doc.name, format=doc.format))
            source = Source.from_text(doc.text, format=doc.format)
            judged_at = set()
            industry = _industry(pack, seen.judged)
            for item, features in zip(seen.judged, seen.features, strict=True):
                line, column = source.position(item.occurrence.source_start)
                label = doc.label_at(line, column)
                if label is None or not decidable(features):
                    continue  # never a finding: a flag here is a miss the weights cannot help
                judged_at.add((line, column))
                x.append([features.get(name, 0.0) for name in FEATURES])  # the lexicon's: cross_fit_lexicon
                y.append(1.0 if label else 0.0)
                groups.append(doc.group)
                sets.append(set_name)
                industries.append(industry)
                mentions.append((doc.text, item.occurrence.source_start, item.occurrence.source_end, pack.other(item.occurrence.form.term)))
            for line, column, _, flag in doc.spans:
                if flag and (line, column) not in judged_at:
                    unreachable[set_name] += 1
    return Rows(np.array(x), np.array(y), groups, sets, dict(unreachable), industries, mentions)


def cross_fit_lexicon(
    pack: Pack, data: Rows, named: dict[str, list[datasets.Doc]], folds: int
) -> list[fit_lexicon.Passage] | None:
    """Set the lexicon inputs of each row from a lexicon learned without its fold's sources
    (fit_lexicon.py), so the weights learn how far a lexicon speaks on text it never saw; for a
    pack that ships no lexicon they stay 0. The passages learned from, or None."""
    if load_lexicon(pack.path) is None:
        return None
    learned = fit_lexicon.passages(pack, named)
    columns = [FEATURES.index("lexicon_block"), FEATURES.index("lexicon_document")]
    for k in range(folds):
        lexicon = fit_lexicon.build(pack, [p for p in learned if fold_of(p.site, folds) != k])
        leans: dict[int, Leans] = {}
        for row, (group, (text, start, end, expected)) in enumerate(zip(data.groups, data.mentions, strict=True)):
            if fold_of(group, folds) != k:
                continue
            data.x[row, columns] = leans.setdefault(id(text), Leans(lexicon, text)).inputs(start, end, expected)[0]
    return learned


def _industry(pack: Pack, judged: list) -> str:
    """The label of the domain cues that weigh most around a document's mentions."""
    weight: dict[str, float] = defaultdict(float)
    for item in judged:
        for e in item.scores.evidence:
            if e.base >= pack.context.domain_weight and e.supports in pack.terms:
                weight[e.label] += e.base
    return max(weight, key=weight.__getitem__) if weight else "no domain cue"


def leave_one_industry_out(data: Rows, threshold: float) -> None:
    """For each industry of the written corpus: fit without its documents, score them."""
    w = weights_of(data)
    written = np.array([s == "written" for s in data.sets])
    industry = np.array(data.industries)
    print(f"\nleave one industry out (written corpus, threshold {threshold}):")
    print(f"  {'industry':36} {'rows':>5} {'flags':>5} {'P':>6} {'R':>6}")
    for name in sorted(set(industry[written])):
        held = written & (industry == name)
        intercept, coef = fit(data.x[~held], data.y[~held], w[~held])
        p = predict(intercept, coef, data.x[held])
        precision, recall, *_ = score(p, data.y[held], threshold)
        print(f"  {name:36} {held.sum():5} {int(data.y[held].sum()):5} {precision:6.3f} {recall:6.3f}")


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float = L2) -> tuple[float, np.ndarray]:
    """Weighted logistic regression with a ridge on the weights and the signs of SIGNS held:
    a weight that comes out on the wrong side is fixed at 0 and the rest refitted."""
    fixed = np.zeros(x.shape[1], dtype=bool)
    sign = np.array([SIGNS.get(name, 0) for name in FEATURES])
    while True:
        intercept, coef = _newton(x[:, ~fixed], y, w, l2)
        full = np.zeros(x.shape[1])
        full[~fixed] = coef
        wrong = (sign * full < 0) & ~fixed
        if not wrong.any():
            return intercept, full
        fixed |= wrong


def _newton(x: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float) -> tuple[float, np.ndarray]:
    n, k = x.shape
    a = np.hstack([np.ones((n, 1)), x])
    beta = np.zeros(k + 1)
    penalty = np.full(k + 1, l2)
    penalty[0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(a @ beta, -40, 40)))
        gradient = a.T @ (w * (p - y)) + penalty * beta
        hessian = (a * (w * p * (1 - p))[:, None]).T @ a + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return float(beta[0]), beta[1:]


def predict(intercept: float, coef: np.ndarray, x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(intercept + x @ coef, -40, 40)))


def weights_of(data: Rows) -> np.ndarray:
    """Row weights: each data set's weight, and the two classes of each set balanced only as
    far as the set's own share (no reweighting of the prior)."""
    base = {name: WEIGHT.get(name.split(":")[0], 1.0) for name in set(data.sets)}
    return np.array([base[s] for s in data.sets])


def fold_of(group: str, folds: int) -> int:
    return hashlib.sha256(group.encode()).digest()[0] % folds


def cross_validate(data: Rows, folds: int) -> np.ndarray:
    """Out-of-fold probability for every row, folds grouped by source."""
    w = weights_of(data)
    fold = np.array([fold_of(g, folds) for g in data.groups])
    out = np.zeros(len(data.y))
    for k in range(folds):
        test = fold == k
        intercept, coef = fit(data.x[~test], data.y[~test], w[~test])
        out[test] = predict(intercept, coef, data.x[test])
    return out


def score(p: np.ndarray, y: np.ndarray, threshold: float, unreachable: int = 0) -> tuple[float, float, int, int, int]:
    hit = p >= threshold
    tp = int((hit & (y == 1)).sum())
    fp = int((hit & (y == 0)).sum())
    fn = int((~hit & (y == 1)).sum()) + unreachable
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, tp, fp, fn


def report(data: Rows, p: np.ndarray, thresholds: tuple[float, ...]) -> None:
    sets = sorted(set(data.sets))
    for threshold in thresholds:
        print(f"threshold {threshold:.2f}:")
        for name in sets:
            mask = np.array([s == name for s in data.sets])
            precision, recall, tp, fp, fn = score(p[mask], data.y[mask], threshold, data.unreachable.get(name, 0))
            print(f"  {name:24} P {precision:.3f} R {recall:.3f}  tp {tp:4} fp {fp:4} fn {fn:4}  rows {mask.sum()}")


def write(pack_path: Path, intercept: float, coef: np.ndarray) -> None:
    """Replace the pack's [model] table with the fitted weights."""
    text = pack_path.read_text(encoding="utf-8")
    weights = ", ".join(f"{name} = {value:.4f}" for name, value in zip(FEATURES, coef, strict=True))
    table = f"[model]\nintercept = {intercept:.4f}\nweights = {{ {weights} }}\n"
    new, count = re.subn(r"\[model\]\n(?:(?!\n\[).)*\n?", table, text, flags=re.DOTALL)
    if count != 1:
        raise SystemExit(f"{pack_path}: expected one [model] table")
    pack_path.write_text(new, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    datasets.add_fitting_arguments(parser, "the weights in the pack")
    parser.add_argument("--folds", type=int, default=FOLDS)
    parser.add_argument("--leave-out", action="store_true", help="also leave each industry of the written corpus out")
    args = parser.parse_args()
    pack, named = datasets.fitting_inputs(args)
    data = rows(pack, named)
    cross_fit_lexicon(pack, data, named, args.folds)
    print(f"{len(data.y)} rows, {int(data.y.sum())} flags; features: {len(FEATURES)}")
    p = cross_validate(data, args.folds)
    print("grouped cross-validation (out of fold):")
    report(data, p, (0.5, 0.6, 0.7, 0.8))
    if args.leave_out:
        leave_one_industry_out(data, 0.6)
    intercept, coef = fit(data.x, data.y, weights_of(data))
    print(f"\nintercept {intercept:+.3f}")
    for name, value in sorted(zip(FEATURES, coef, strict=True), key=lambda item: -abs(item[1])):
        print(f"  {name:20} {value:+.3f}")
    if args.write:
        write(Path(pack.path), intercept, coef)
        print(f"written to {pack.path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
