#!/usr/bin/env python3
"""Speed side by side, in one run, on one file set: termsense against textlint with
textlint-rule-terminology, proselint, and two floors measured in this process (one compiled
`regex` scan of every file; markdown-it-py's full parse of every file plus a scan of its text
tokens). Prints MB/s and ratios. Peers are installed outside the repository, once, in
~/.cache/termsense-bench (npm and pip). Not part of the test suite."""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
CACHE = Path.home() / ".cache" / "termsense-bench"
TEXTLINTRC = {"rules": {"terminology": {"defaultTerms": False, "terms": [["customers?", "client"]]}}}
ARGS_BYTES = 512_000  # file names per command line, a quarter of Linux's ARG_MAX: one command for the corpus


def files_of(root: Path, megabytes: float) -> list[Path]:
    """Every Markdown/text file under `root`, sorted; the first `megabytes` MB if given."""
    found = sorted(p for p in root.rglob("*") if p.suffix in (".md", ".markdown", ".txt") and p.is_file())
    if megabytes <= 0:
        return found
    chosen, total = [], 0
    for path in found:
        if total >= megabytes * 1e6:
            break
        chosen.append(path)
        total += path.stat().st_size
    return chosen


def setup_peers() -> dict[str, list[str]]:
    """Install textlint (+terminology rule) and proselint once; return their command prefixes."""
    textlint_dir, venv = CACHE / "textlint", CACHE / "proselint-venv"
    textlint_dir.mkdir(parents=True, exist_ok=True)
    if not (textlint_dir / "node_modules" / ".bin" / "textlint").exists():
        subprocess.run(["npm", "init", "-y"], cwd=textlint_dir, capture_output=True, check=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "textlint", "textlint-rule-terminology"],
                       cwd=textlint_dir, capture_output=True, check=True)
    rc = textlint_dir / ".textlintrc.json"
    rc.write_text(json.dumps(TEXTLINTRC), encoding="utf-8")
    if not (venv / "bin" / "proselint").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "proselint"], check=True)
    return {
        "textlint-terminology": [str(textlint_dir / "node_modules" / ".bin" / "textlint"), "--config", str(rc)],
        "proselint": [str(venv / "bin" / "proselint"), "check"],
    }


def batches(files: list[Path]) -> list[list[str]]:
    """File names in as few command lines as fit, so each tool starts once for a tree, as a
    user's `tool check docs/` would."""
    out: list[list[str]] = [[]]
    size = 0
    for path in map(str, files):
        if out[-1] and size + len(path) + 1 > ARGS_BYTES:
            out.append([])
            size = 0
        out[-1].append(path)
        size += len(path) + 1
    return out


# Python tools run as installed ones do, with bytecode: where PYTHONDONTWRITEBYTECODE is set, an
# editable checkout would otherwise compile every module again on every run.
TOOL_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_batches(prefix: list[str], files: list[Path]) -> None:
    """Run a tool over the files; a non-zero exit for findings is fine, a crash is not."""
    for batch in batches(files):
        result = subprocess.run(prefix + batch, capture_output=True, text=True, env=TOOL_ENV)
        if result.returncode not in (0, 1):
            raise SystemExit(f"{prefix[0]} failed ({result.returncode}): {result.stderr[-500:]}")


def timed(works: list[tuple[str, Callable[[], object]]], runs: int) -> list[tuple[str, float]]:
    """The best of `runs` times of each work, the works taking turns (one run of each, then the
    next round): load that drifts during the minutes this takes weighs on every tool alike."""
    best = [float("inf")] * len(works)
    for _ in range(runs):
        for i, (_, work) in enumerate(works):
            start = time.perf_counter()
            work()
            best[i] = min(best[i], time.perf_counter() - start)
    return [(name, seconds) for (name, _), seconds in zip(works, best, strict=True)]


def regex_floor(texts: list[str]) -> Callable[[], int]:
    import regex

    pattern = regex.compile(r"(?i)\b(client|customer)")
    return lambda: sum(1 for t in texts for _ in pattern.finditer(t))


def markdown_floor(texts: list[str]) -> Callable[[], int]:
    import regex
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    pattern = regex.compile(r"(?i)\b(client|customer)")

    def parse_all() -> int:
        hits = 0
        for text in texts:
            for token in md.parse(text):
                for child in token.children or ():
                    if child.type == "text":
                        hits += sum(1 for _ in pattern.finditer(child.content))
        return hits

    return parse_all


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subset", type=float, default=0.0, help="MB of the corpus to use (default 0: all of it)")
    parser.add_argument("--runs", type=int, default=3, help="runs per tool; the minimum is reported")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    files = files_of(args.corpus, args.subset)
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
    megabytes = sum(p.stat().st_size for p in files) / 1e6
    termsense = [sys.executable, "-m", "termsense", "check", "--quiet"]
    works: list[tuple[str, Callable[[], object]]] = [
        ("termsense (default jobs)", lambda: run_batches(termsense, files)),
        ("termsense --jobs 1", lambda: run_batches(termsense + ["--jobs", "1"], files)),
        ("floor: regex scan", regex_floor(texts)),
        ("floor: markdown-it full parse", markdown_floor(texts)),
    ]
    if shutil.which("npm"):
        for name, prefix in setup_peers().items():
            works.append((name, lambda prefix=prefix: run_batches(prefix, files)))
    rows = timed(works, args.runs)
    speed = {name: megabytes / seconds for name, seconds in rows}
    ours, single = speed["termsense (default jobs)"], speed["termsense --jobs 1"]
    print(f"{time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{len(files)} files, {megabytes:.1f} MB, min of {args.runs} runs (tools taking turns)")
    print(f"{'tool':34} {'seconds':>8} {'MB/s':>7} {'termsense is':>13}")
    for name, seconds in rows:
        print(f"{name:34} {seconds:8.2f} {speed[name]:7.2f} {ours / speed[name]:12.2f}x")
    print("\ntargets:")
    for label, ratio, goal in (
        ("vs textlint-terminology (>= 20x)", ours / speed.get("textlint-terminology", float("nan")), 20),
        ("vs proselint (>= 20x)", ours / speed.get("proselint", float("nan")), 20),
        ("vs markdown-it floor (>= 2x)", ours / speed["floor: markdown-it full parse"], 2),
        ("--jobs 1 vs markdown-it floor (>= 1.5x)", single / speed["floor: markdown-it full parse"], 1.5),
    ):
        print(f"  {label:42} {ratio:6.2f}x  {'met' if ratio >= goal else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
