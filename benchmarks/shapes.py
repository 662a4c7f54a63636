#!/usr/bin/env python3
"""Shapes: documents of one shape at three sizes, checked in this one process; prints the time
of each and the growth exponent (log-log slope of time against size). Linear is 1.0; a shape
whose exponent is near 2 has an occurrences-times-something path that a big file will find.
Then the peak RSS of `termsense check` on the largest size, in a fresh process, against the
memory budget (10x the input plus 40 MB): a one-block shape holds every use at once.

Every text is ours: one sentence with both terms, repeated, laid out as each shape.
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import termsense
from scale import measure_file

SENTENCE = "The customer buys coffee at the counter and the client gets advice."
CLAUSE = "the customer buys coffee at the counter, and the client gets advice"
CUES = "The attorney drafts a retainer while the cashier prints a receipt at the checkout."
NO_CUE = "The client and the customer met again on Tuesday."

Files = dict[str, str]  # relative path -> text


def _one(text: str, name: str = "doc.md") -> Files:
    return {name: text}


SHAPES: dict[str, Callable[[int], Files]] = {
    "one paragraph": lambda n: _one(" ".join([SENTENCE] * n) + "\n"),
    "one paragraph (txt)": lambda n: _one(" ".join([SENTENCE] * n) + "\n", "doc.txt"),
    "one block quote": lambda n: _one("".join(f"> {SENTENCE}\n" for _ in range(n))),
    "one list item": lambda n: _one(f"- {SENTENCE}\n" + "".join(f"  {SENTENCE}\n" for _ in range(n - 1))),
    "one table cell": lambda n: _one("| note |\n|---|\n| " + " ".join([SENTENCE] * n) + " |\n"),
    "one table row": lambda n: _one("|" + " a |" * n + "\n|" + "---|" * n + "\n|" + f" {SENTENCE} |" * n + "\n"),
    "one heading": lambda n: _one("# " + " ".join([SENTENCE] * n) + "\n"),
    "many sections": lambda n: _one("".join(f"## Part {i}\n\n{SENTENCE}\n\n" for i in range(n))),
    "many paragraphs": lambda n: _one("".join(f"{SENTENCE}\n\n" for _ in range(n))),
    "many files": lambda n: {f"d{i // 100}/f{i}.md": SENTENCE + "\n" for i in range(n)},
    "long lines (one sentence)": lambda n: _one("; ".join([CLAUSE] * n) + ".\n"),
    "many cues, one term": lambda n: _one("Our client says: " + " ".join([CUES] * n) + "\n"),
    "many terms, no cue": lambda n: _one(" ".join([NO_CUE] * n) + "\n"),
}


def write(root: Path, files: Files) -> int:
    size = 0
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
    return size


def seconds(root: Path, repeats: int) -> float:
    """Best CPU time of `repeats` checks of the tree (CPU time: other processes do not count)."""
    best = math.inf
    for _ in range(repeats):
        start = time.process_time()
        termsense.lint_paths([str(root)])
        best = min(best, time.process_time() - start)
    return best


def slope(xs: list[float], ys: list[float]) -> float:
    """Least-squares slope of log(y) on log(x)."""
    lx, ly = [math.log(x) for x in xs], [math.log(y) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly, strict=True)) / sum((a - mx) ** 2 for a in lx)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,1000,2000", help="repetitions of the shape's unit, comma separated")
    parser.add_argument("--repeats", type=int, default=3, help="checks per size; the fastest counts")
    parser.add_argument("--only", help="shapes whose name holds this text")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    termsense.lint_text(SENTENCE)  # imports and pack compilation are not a shape's cost
    print(f"{time.strftime('%Y-%m-%d')}, Python {sys.version.split()[0]}, one process, best CPU time of {args.repeats}")
    print(f"| shape | {' | '.join(f'n={n}' for n in sizes)} | exponent | peak RSS, n={sizes[-1]} | budget |")
    print(f"|---|{'---:|' * len(sizes)}---:|---:|---:|")
    worst, over = 0.0, 0
    for name, make in SHAPES.items():
        if args.only and args.only not in name:
            continue
        times, bytes_ = [], []
        for n in sizes:
            with tempfile.TemporaryDirectory() as tmp:
                bytes_.append(write(Path(tmp), make(n)))
                times.append(max(seconds(Path(tmp), args.repeats), 1e-4))
                if n == sizes[-1]:
                    _, rss = measure_file(Path(tmp))  # the largest process of the run
        exponent = slope(bytes_, times)
        worst = max(worst, exponent)
        budget = 10 * bytes_[-1] / 1e6 + 40
        over += rss > budget
        cells = " | ".join(f"{t:.3f} s ({b / 1000:.0f} KB)" for t, b in zip(times, bytes_, strict=True))
        print(f"| {name} | {cells} | {exponent:.2f} | {rss:.1f} MB | {budget:.1f} MB |", flush=True)
    print(f"largest exponent: {worst:.2f} (target: <= 1.1); shapes over the memory budget: {over}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
