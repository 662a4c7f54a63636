#!/usr/bin/env python3
"""Startup cost of a pre-commit run: `termsense check` on one small file against `python -c
pass` measured in the same run (20 runs each, median), reported as a ratio. The commands take
turns (one run of each, then the next round), so a machine whose load drifts during the
measurement weighs on every row alike and the ratios stay fair.

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


Row = tuple[str, list[str], dict[str, str], Path | None]  # name, command, environment, cache to empty


def median_seconds(rows: list[Row], runs: int, cwd: str) -> list[float]:
    """Median wall time of each row's command over `runs` rounds, the rows taking turns (one
    warm-up run of each first, so disk caches are even); a row with a cache directory has it
    emptied before each of its runs."""
    for _, command, env, _ in rows:
        subprocess.run(command, cwd=cwd, env=env, capture_output=True, check=False)
    times: list[list[float]] = [[] for _ in rows]
    for _ in range(runs):
        for (_, command, env, cold), row_times in zip(rows, times, strict=True):
            if cold is not None:
                shutil.rmtree(cold, ignore_errors=True)
            start = time.perf_counter()
            subprocess.run(command, cwd=cwd, env=env, capture_output=True, check=False)
            row_times.append(time.perf_counter() - start)
    return [statistics.median(row_times) for row_times in times]


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
        one_term = [sys.executable, "-m", "termsense", "check", "small.md"]
        rows: list[Row] = [
            ("python -c pass", [sys.executable, "-c", "pass"], env, None),
            ("python -c 'import termsense'", [sys.executable, "-c", "import termsense"], env, None),
            ("termsense check plain.md (no term)", [sys.executable, "-m", "termsense", "check", "plain.md"], env, None),
            ("termsense check small.md (one term)", one_term, env, None),
            ("  the same, cold cache", one_term, cold_env, cold),
        ]
        results = list(zip([row[0] for row in rows], median_seconds(rows, args.runs, tmp), strict=True))
    base = results[0][1]
    when = time.strftime("%Y-%m-%d")
    print(f"median of {args.runs} runs (rows taking turns), {when}, Python {sys.version.split()[0]}")
    for name, seconds in results:
        print(f"  {name:40} {seconds * 1000:7.1f} ms  {seconds / base:5.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
