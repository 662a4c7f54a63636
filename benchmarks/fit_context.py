#!/usr/bin/env python3
"""Fit the opt-in context model (linter/contextmodel.py) on the data benchmarks/fit.py fits the
verdict model on, check it by the same grouped cross-validation, and (with --write) store it
beside the pack as `<pack>.context.json`.

Each judged, decidable, labeled mention gives a row: the verdict model's logit, and how far
the mention's sentence, block and document lean toward the setting of the term it proposes
(cosines along a direction that separates the two settings, see `directions`). The
stacked model is a logistic regression on those few numbers. The verdict model's logit used
for fitting is out of fold (stacking on in-sample logits would trust them too much); at run
time the pack's current [model] gives it. The reporting half of realtext is never read here.

    python benchmarks/fit_context.py            # cross-validate: verdict model alone vs stacked
    python benchmarks/fit_context.py --write    # ... and store the coefficients beside the pack
Needs numpy and the context extra (pip install '.[fit,context]').
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import datasets  # noqa: E402
import fit  # noqa: E402
from termsense.contextmodel import LEVELS, context_path, embedder, windows  # noqa: E402
from termsense.document import Source  # noqa: E402
from termsense.lexicon import Blocks  # noqa: E402
from termsense.logistic import FEATURES  # noqa: E402
from termsense.model import decidable  # noqa: E402
from termsense.packs import Pack  # noqa: E402
from termsense.pipeline import examine  # noqa: E402

L2 = 30.0  # ridge on the stacked regression's (scaled) coefficients: the smallest that adds no finding on the real trees (1: +1)


@dataclass
class Rows:
    base: fit.Rows  # the verdict model's rows (features, labels, groups, data sets)
    pack_logit: np.ndarray  # the pack's current [model] logit per row
    toward_first: np.ndarray  # +1 when the proposed term is the pack's first, else -1
    setting_first: np.ndarray  # 1 when the row's right word is the pack's first term
    embeddings: dict[str, np.ndarray]  # level -> (rows, dim)


def collect(pack: Pack, named: dict[str, list[datasets.Doc]]) -> Rows:
    x, y, groups, sets, logits, toward, texts, mentions = [], [], [], [], [], [], [], []
    first = next(iter(pack.terms))
    for set_name, docs in named.items():
        for doc in docs:
            seen = examine(pack, Source.from_text(doc.text, path=doc.name, format=doc.format))
            source = Source.from_text(doc.text, format=doc.format)
            masked = sorted((j.occurrence.source_start, j.occurrence.source_end) for j in seen.judged)
            blocks = Blocks(doc.text)
            for item, features in zip(seen.judged, seen.features, strict=True):
                o = item.occurrence
                label = doc.label_at(*source.position(o.source_start))
                if label is None or not decidable(features):
                    continue  # the verdict model never speaks here, stacked or not
                p = min(max(pack.model.probability(features), 1e-9), 1 - 1e-9)
                x.append([features.get(name, 0.0) for name in FEATURES])  # the lexicon's: see main
                mentions.append((doc.text, o.source_start, o.source_end, pack.other(o.form.term)))
                y.append(1.0 if label else 0.0)
                groups.append(doc.group)
                sets.append(set_name)
                logits.append(np.log(p / (1 - p)))
                toward.append(1.0 if pack.other(o.form.term) == first else -1.0)
                texts.append(windows(doc.text, o.source_start, o.source_end, masked, blocks))
    yy = np.array(y)
    t = np.array(toward)
    setting_first = np.where(yy == 1, t == 1, t == -1).astype(float)
    model = embedder()
    embeddings = {level: model.embed([row[k] for row in texts]) for k, level in enumerate(LEVELS)}
    base = fit.Rows(np.array(x), yy, groups, sets, {}, ["-"] * len(yy), mentions)
    return Rows(base, np.array(logits), t, setting_first, embeddings)


SHRINKAGE = 10.0  # ridge on the embeddings' covariance, in units of its mean variance (chosen out of fold)


def directions(data: Rows, mask: np.ndarray, w: np.ndarray, shrinkage: float = SHRINKAGE) -> dict[str, np.ndarray]:
    """Per level, the unit vector that best separates the first term's settings from the
    second's: the difference of their mean embeddings, with the embeddings' covariance (shrunk
    toward its mean variance) divided out, as in linear discriminant analysis. Drawn from
    labeled text only: the real trees count as right for the regression, but their mentions
    are mostly of neither setting (software docs), so they would tilt it toward a genre
    (measured: drawn with them, realweb's F1 drops from 0.71 to 0.62 out of fold)."""
    mask = mask & np.array([s != "trees" for s in data.base.sets])
    out = {}
    for level, e in data.embeddings.items():
        a = mask & (data.setting_first == 1)
        b = mask & (data.setting_first == 0)
        d = np.average(e[a], axis=0, weights=w[a]) - np.average(e[b], axis=0, weights=w[b])
        covariance = np.cov(e[mask].T, aweights=w[mask])
        ridge = shrinkage * np.trace(covariance) / len(covariance) * np.eye(len(covariance))
        d = np.linalg.solve(covariance + ridge, d)
        out[level] = d / np.linalg.norm(d)
    return out


def design(data: Rows, logit: np.ndarray, direction: dict[str, np.ndarray], levels: tuple[str, ...]) -> np.ndarray:
    leans = [data.toward_first * (data.embeddings[level] @ direction[level]) for level in levels]
    return np.column_stack([logit, *leans])


def stack(data: Rows, logit: np.ndarray, train: np.ndarray, w: np.ndarray, levels: tuple[str, ...],
          shrinkage: float, l2: float = L2) -> tuple[dict[str, np.ndarray], float, np.ndarray]:
    """Directions and regression fitted on the `train` rows: (directions, intercept, coefficients
    on the logit and the raw leans). The leans are scaled to unit spread for the fit, so the
    ridge holds each alike, and the scale is folded back into their coefficients."""
    direction = directions(data, train, w, shrinkage)
    x = design(data, logit, direction, levels)
    spread = np.ones(x.shape[1])
    spread[1:] = x[train, 1:].std(axis=0)
    intercept, coef = fit._newton(x[train] / spread, data.base.y[train], w[train], l2)
    return direction, intercept, coef / spread


def cross_validate(
    data: Rows, oof_logit: np.ndarray, folds: int, levels: tuple[str, ...], shrinkage: float, l2: float = L2
) -> np.ndarray:
    w = fit.weights_of(data.base)
    fold = np.array([fit.fold_of(g, folds) for g in data.base.groups])
    out = np.zeros(len(data.base.y))
    for k in range(folds):
        test = fold == k
        direction, intercept, coef = stack(data, oof_logit, ~test, w, levels, shrinkage, l2)
        out[test] = fit.predict(intercept, coef, design(data, oof_logit, direction, levels)[test])
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    datasets.add_fitting_arguments(parser, "the coefficients beside the pack")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--levels", default=",".join(LEVELS), help=f"texts embedded, of {', '.join(LEVELS)}")
    parser.add_argument("--l2", type=float, default=L2, help="ridge on the stacked regression")
    parser.add_argument("--shrinkage", type=float, default=SHRINKAGE, help="covariance shrinkage (large: plain mean difference)")
    args = parser.parse_args()
    levels = tuple(args.levels.split(","))
    pack, named = datasets.fitting_inputs(args)
    data = collect(pack, named)
    fit.cross_fit_lexicon(pack, data.base, named, args.folds)
    print(f"{len(data.base.y)} rows, {int(data.base.y.sum())} flags; levels: {', '.join(levels)}")
    oof = fit.cross_validate(data.base, args.folds)
    oof_logit = np.log(np.clip(oof, 1e-9, 1 - 1e-9) / np.clip(1 - oof, 1e-9, 1))
    print("verdict model alone (out of fold):")
    fit.report(data.base, oof, (0.5, 0.7, 0.9))
    print("verdict model + context model (out of fold):")
    fit.report(data.base, cross_validate(data, oof_logit, args.folds, levels, args.shrinkage, args.l2), (0.5, 0.7, 0.9))
    w = fit.weights_of(data.base)
    direction, intercept, coef = stack(data, oof_logit, np.ones(len(w), dtype=bool), w, levels, args.shrinkage, args.l2)
    weights = dict(zip(levels, (float(c) for c in coef[1:]), strict=True))
    print(f"\nintercept {intercept:+.3f}, verdict logit {coef[0]:+.3f}, "
          + ", ".join(f"{level} {value:+.3f}" for level, value in weights.items()))
    if args.write:
        path = context_path(pack.path)
        path.write_text(json.dumps({
            "about": "The context model's coefficients (linter/contextmodel.py), fitted by benchmarks/fit_context.py;"
                     " do not edit by hand, rerun the script.",
            "embedding": "wordllama 0.4.0.post1, l2_supercat_256",
            "first": next(iter(pack.terms)),
            "intercept": round(intercept, 4),
            "base": round(float(coef[0]), 4),
            "weights": {level: round(value, 4) for level, value in weights.items()},
            "direction": {level: [round(float(v), 5) for v in direction[level]] for level in levels},
        }, indent=1) + "\n", encoding="utf-8")
        print(f"written to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
