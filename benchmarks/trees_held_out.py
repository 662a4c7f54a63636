#!/usr/bin/env python3
"""Findings on each real documentation tree by a model that never saw it: for each tree of
../shared/corpus, the verdict model's weights (fit.py) and the pack's lexicon (fit_lexicon.py)
are fitted again without that tree's files, and the tree is checked with them.

`real_trees.py` checks the trees with the shipped pack, whose weights were fitted with a sample
of every tree counted as right: its counts say how the shipped pack reads these trees, not
how it would read a new one. This is the estimate for a tree a user brings.

    python benchmarks/trees_held_out.py              # every tree, with the shipped pack's inputs
    python benchmarks/trees_held_out.py --no-lexicon # the same, the lexicon left out
    python benchmarks/trees_held_out.py -v           # ... and every finding

Needs numpy (pip install '.[fit]').
"""

from __future__ import annotations

import argparse
import copy
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import datasets  # noqa: E402
import fit  # noqa: E402
import fit_lexicon  # noqa: E402
from termsense import Settings, lint_text  # noqa: E402
from termsense.engine import packs_for  # noqa: E402
from termsense.packs import Pack  # noqa: E402

SUFFIXES = (".md", ".mdx", ".markdown", ".txt")


def without(data: fit.Rows, group: str) -> fit.Rows:
    """The rows of every source but `group`."""
    keep = [g != group for g in data.groups]
    out = copy.copy(data)
    out.x, out.y = data.x[np.array(keep)], data.y[np.array(keep)]
    out.groups, out.sets, out.mentions, out.industries = (
        [v for v, k in zip(values, keep, strict=True) if k] for values in (data.groups, data.sets, data.mentions, data.industries)
    )
    return out


def refitted(pack: Pack, data: fit.Rows, named: dict[str, list[datasets.Doc]], group: str, folder: Path,
             lexicon: bool) -> Settings:
    """A copy of the pack in `folder` with weights and lexicon fitted without `group`."""
    path = folder / Path(pack.path).name
    shutil.copy(pack.path, path)
    rest = {name: [d for d in docs if d.group != group] for name, docs in named.items()}
    kept = without(data, group)
    learned = fit.cross_fit_lexicon(pack, kept, rest, fit.FOLDS) if lexicon else None
    if learned is not None:
        fit_lexicon.write(pack, fit_lexicon.build(pack, learned), learned, fit_lexicon.MIN_SITES, fit_lexicon.SMOOTHING, path)
    else:
        kept.x[:, [fit.FEATURES.index("lexicon_block"), fit.FEATURES.index("lexicon_document")]] = 0.0
    intercept, coef = fit.fit(kept.x, kept.y, fit.weights_of(kept))
    fit.write(path, intercept, coef)
    return Settings(builtin=False, packs=(str(path),))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trees", type=int, default=60, help="files sampled from each tree for fitting (as fit.py)")
    parser.add_argument("--no-lexicon", action="store_true", help="fit and check without the lexicon")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every finding")
    args = parser.parse_args()
    pack = packs_for(Settings())[0]
    named = datasets.fitting(args.trees)
    data = fit.rows(pack, named)
    print(f"{'tree':40} {'files':>5} {'findings':>8} {'>= 0.95':>7}")
    total = top = 0
    for tree in sorted(p for p in datasets.TREES.iterdir() if p.is_dir()):
        with tempfile.TemporaryDirectory() as folder:
            settings = refitted(pack, data, named, f"tree:{tree.name}", Path(folder), not args.no_lexicon)
            files = sorted(p for p in tree.rglob("*") if p.is_file() and p.suffix in SUFFIXES)
            found = [
                f for p in files
                for f in lint_text(p.read_text(encoding="utf-8", errors="replace"), path=str(p.relative_to(datasets.TREES)),
                                   format="txt" if p.suffix == ".txt" else "md", config=settings)
            ]
        high = sum(f.confidence >= Settings().fix_confidence for f in found)
        total, top = total + len(found), top + high
        print(f"{tree.name:40} {len(files):5} {len(found):8} {high:7}")
        for f in found if args.verbose else ():
            print(f"    {f.path}:{f.line}:{f.column} {f.rule} {f.matched} {f.confidence:.2f}")
    print(f"{'all trees':40} {'':5} {total:8} {top:7}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
