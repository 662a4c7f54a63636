#!/usr/bin/env python3
"""Findings per 1,000 client/customer occurrences on each real documentation tree in
../shared/corpus: the technical tree should give almost nothing, and every finding there is
suspect. Occurrences are counted as SOURCES.md counts them (a rough regex over all text)."""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

CORPUS = Path(os.environ.get("TERMSENSE_SHARED", Path(__file__).resolve().parent.parent.parent / "shared")) / "corpus"
ROUGH = re.compile(r"\b(client|customer)(s|'s|s')?\b", re.IGNORECASE)


def occurrences(tree: Path) -> int:
    return sum(
        len(ROUGH.findall(p.read_text(encoding="utf-8", errors="replace")))
        for p in tree.rglob("*") if p.suffix in (".md", ".markdown", ".mdx", ".txt") and p.is_file()
    )


def findings(tree: Path, min_confidence: float, extra: tuple[str, ...] = ()) -> list[dict]:
    result = subprocess.run(
        [sys.executable, "-m", "termsense", "check", "--format", "json", "--min-confidence", str(min_confidence), *extra,
         str(tree)],
        capture_output=True, text=True, check=False,
    )
    return json.loads(result.stdout or "[]")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-confidence", type=float, default=0.5)
    parser.add_argument("--context-model", action="store_true", help="run with the opt-in context model on")
    args = parser.parse_args()
    extra = ("--context-model",) if args.context_model else ()
    print(f"{'tree':28} {'occurrences':>11} {'findings':>8} {'per 1,000':>9}")
    for tree in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        n, found = occurrences(tree), findings(tree, args.min_confidence, extra)
        print(f"{tree.name:28} {n:11} {len(found):8} {1000 * len(found) / max(n, 1):9.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
