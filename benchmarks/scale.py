#!/usr/bin/env python3
"""Scaling: generate 1, 10 and 100 MB of varied Markdown of our own, check each with
termsense, and report MB/s (should stay flat) and peak RSS (should stay bounded); with
`--dense MB`, one file of dense text against one with a term per paragraph."""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from termsense.run import PARALLEL_MIN_FILES

SENTENCES = [
    "Our attorneys review each {t} file before the hearing under the retainer.",
    "Every {t} who pays at the checkout gets a receipt from the cashier.",
    "The HTTP {t} retries the request when the server answers 503.",
    "Our tutors send each {t} a progress report after the lesson.",
    "The {t} portal shows invoices, documents and messages.",
    "Shipping is free for orders over fifty pounds.",
    "The team meets on Tuesdays to plan the next release.",
    "See the configuration reference for every option and its default.",
]
START_UP_FILES = PARALLEL_MIN_FILES + 8  # enough files that workers start
TERMS = ["client", "customer", "clients", "customers", "Client's", "customer-facing"]


def paragraph(rng: random.Random) -> str:
    return " ".join(rng.choice(SENTENCES).format(t=rng.choice(TERMS)) for _ in range(rng.randint(2, 6)))


def document(rng: random.Random, size: int) -> str:
    """Headings, paragraphs, lists, tables, code fences and links until about `size` bytes."""
    parts = [f"# Page {rng.randint(1, 10**6)}\n"]
    total = 0
    while total < size:
        kind = rng.random()
        if kind < 0.45:
            block = paragraph(rng)
        elif kind < 0.6:
            block = "\n".join(f"- {paragraph(rng)}" for _ in range(rng.randint(2, 5)))
        elif kind < 0.7:
            block = "| who | note |\n|---|---|\n" + "\n".join(f"| {rng.choice(TERMS)} | {paragraph(rng)} |" for _ in range(3))
        elif kind < 0.8:
            block = "```python\nclient = Client(url)\ncustomer = client.get('/customers/1')\n```"
        elif kind < 0.9:
            block = f"## Section {rng.randint(1, 99)}"
        else:
            block = f"See [the {rng.choice(TERMS)} guide](https://example.test/{rng.choice(TERMS)}) for details."
        parts.append(block + "\n")
        total += len(block) + 2
    return "\n".join(parts)


def generate(root: Path, megabytes: int, seed: int = 7) -> int:
    rng = random.Random(seed)
    written = 0
    index = 0
    while written < megabytes * 1_000_000:
        text = document(rng, rng.randint(5_000, 50_000))
        path = root / f"d{index // 500:03}" / f"page{index:06}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written += len(text.encode("utf-8"))
        index += 1
    return written


def start_up_tree(root: Path) -> Path:
    """Enough one-line files with a term to start the workers and compile the pack in each:
    what any run pays before its first megabyte."""
    for index in range(START_UP_FILES):
        (root / f"tiny{index:02}.md").write_text(SENTENCES[0].format(t="client") + "\n", encoding="utf-8")
    return root


def measure(root: Path, jobs: int) -> tuple[float, float]:
    """Seconds and peak RSS (MB, largest process) of one quiet run, from a fresh wrapper."""
    wrapper = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        f"subprocess.run([sys.executable, '-m', 'termsense', 'check', '--quiet', '--jobs', '{jobs}', {str(root)!r}])\n"
        "print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)\n"
    )
    out = subprocess.run([sys.executable, "-c", wrapper], capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1])


NO_TERM = [s for s in SENTENCES if "{t}" not in s]
WITH_TERM = [s for s in SENTENCES if "{t}" in s]


def one_file(rng: random.Random, size: int, dense: bool) -> str:
    """Paragraphs of three to six sentences until `size` bytes: a term in every sentence
    (dense), or in the first sentence of each paragraph only."""
    parts, total = [], 0
    while total < size:
        sentences = [rng.choice(WITH_TERM if dense or i == 0 else NO_TERM) for i in range(rng.randint(3, 6))]
        block = " ".join(s.format(t=rng.choice(TERMS)) for s in sentences)
        parts.append(block)
        total += len(block) + 2
    return "\n\n".join(parts) + "\n"


def measure_file(path: Path) -> tuple[float, float]:
    """CPU seconds and peak RSS (MB) of `termsense check` on one file, in a fresh process."""
    wrapper = (
        "import resource, subprocess, sys\n"
        f"subprocess.run([sys.executable, '-m', 'termsense', 'check', '--quiet', {str(path)!r}])\n"
        "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)\n"
    )
    out = subprocess.run([sys.executable, "-c", wrapper], capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1])


def dense_table(megabytes: float) -> None:
    """One file of dense text and one with a term per paragraph: MB/s (CPU, start-up taken
    off) and peak RSS against the budget of 10x the file plus 40 MB."""
    with tempfile.TemporaryDirectory() as tmp:
        tiny = Path(tmp, "tiny.md")
        tiny.write_text(SENTENCES[0].format(t="client") + "\n", encoding="utf-8")
        fixed, base_rss = measure_file(tiny)
        print(f"{time.strftime('%Y-%m-%d')}, one process; start-up (one-line file): {fixed:.2f} s CPU, {base_rss:.0f} MB")
        print("| file | size | CPU s | net MB/s | peak RSS | budget (10x + 40 MB) |")
        print("|---|---:|---:|---:|---:|---:|")
        for name, dense in (("a term in every sentence", True), ("a term in every paragraph", False)):
            path = Path(tmp, "doc.md")
            path.write_text(one_file(random.Random(7), int(megabytes * 1e6), dense), encoding="utf-8")
            size = path.stat().st_size / 1e6
            seconds, rss = measure_file(path)
            print(f"| {name} | {size:.1f} MB | {seconds:.2f} | {size / max(seconds - fixed, 1e-9):.2f} | "
                  f"{rss:.0f} MB | {10 * size + 40:.0f} MB |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100", help="megabytes, comma separated")
    parser.add_argument("--jobs", type=int, default=1, help="processes (1 measures one process's memory)")
    parser.add_argument("--dense", type=float, metavar="MB", help="instead: one file of MB dense text, and one sparse")
    args = parser.parse_args()
    if args.dense:
        dense_table(args.dense)
        return 0
    with tempfile.TemporaryDirectory() as tiny:
        fixed, _ = measure(start_up_tree(Path(tiny)), args.jobs)
    print(f"{time.strftime('%Y-%m-%d')}, --jobs {args.jobs}, fixed start-up cost {fixed:.2f} s "
          f"({START_UP_FILES} one-line files: interpreter, workers, pack compiled in each)")
    print(f"{'size':>8} {'files':>6} {'seconds':>8} {'MB/s':>6} {'net MB/s':>9} {'peak RSS':>9}")
    rates = []
    for megabytes in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            written = generate(Path(tmp), megabytes)
            files = sum(1 for _ in Path(tmp).rglob("*.md"))
            seconds, rss = measure(Path(tmp), args.jobs)
        rate, net = written / 1e6 / seconds, written / 1e6 / max(seconds - fixed, 1e-9)
        rates.append(net)
        print(f"{written / 1e6:6.1f}MB {files:6} {seconds:8.2f} {rate:6.2f} {net:9.2f} {rss:7.1f}MB")
    spread = (max(rates) - min(rates)) / max(rates)
    print(f"net MB/s spread across sizes: {spread:.0%} (target: within 25%)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
