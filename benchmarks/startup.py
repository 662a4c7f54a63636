#!/usr/bin/env python3
"""Startup cost of a pre-commit run: `termsense check` on one small file against `python -c
pass` measured in the same run (20 runs each, median), reported as a ratio.

Measured as an installed tool runs: with bytecode (pip writes it at install; the warm-up run
writes it for an editable checkout even where PYTHONDONTWRITEBYTECODE is set) and with the
user cache of compiled patterns filled by the warm-up (`cold cache` starts each run with an
empty one: a machine's first run, or every run where no cache directory can be written)."""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SMALL = "# Notes\n\nOur clients can book a session online.\n"


def median_seconds(command: list[str], runs: int, cwd: str, env: dict[str, str], cold: Path | None = None) -> float:
    """Median wall time of `runs` runs (one warm-up run first, so disk caches are even);
    with `cold`, that cache directory is emptied before each run."""
    subprocess.run(command, cwd=cwd, env=env, capture_output=True, check=False)
    times = []
    for _ in range(runs):
        if cold is not None:
            shutil.rmtree(cold, ignore_errors=True)
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, env=env, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["TERMSENSE_CACHE_DIR"] = str(Path(tmp, "cache"))
        cold = Path(tmp, "cold-cache")
        cold_env = {**env, "TERMSENSE_CACHE_DIR": str(cold)}
        Path(tmp, "small.md").write_text(SMALL, encoding="utf-8")
        Path(tmp, "plain.md").write_text("# Notes\n\nNothing to see.\n", encoding="utf-8")
        rows = [
            ("python -c pass", [sys.executable, "-c", "pass"]),
            ("python -c 'import termsense'", [sys.executable, "-c", "import termsense"]),
            ("termsense check plain.md (no term)", [sys.executable, "-m", "termsense", "check", "plain.md"]),
            ("termsense check small.md (one term)", [sys.executable, "-m", "termsense", "check", "small.md"]),
        ]
        results = [(name, median_seconds(command, args.runs, tmp, env)) for name, command in rows]
        one_term = rows[-1][1]
        results.append(("  the same, cold cache", median_seconds(one_term, args.runs, tmp, cold_env, cold)))
    base = results[0][1]
    print(f"median of {args.runs} runs, {time.strftime('%Y-%m-%d')}, Python {sys.version.split()[0]}")
    for name, seconds in results:
        print(f"  {name:40} {seconds * 1000:7.1f} ms  {seconds / base:5.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
