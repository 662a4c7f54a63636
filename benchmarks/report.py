#!/usr/bin/env python3
"""What `termsense report` costs over a plain `termsense check` of the same tree, in one run:
both commands run alternately (so drift on a shared machine hits both alike), and the minimum
and median of each are compared. Then prints what the report's map shows for the tree: each
top-level folder's share of each term among uses that name a party, its house word, and the
documents that go against their folder. Reads ../shared/corpus at run time; nothing from it is
written into the repository. Not part of the test suite."""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
LIMIT = 0.10  # the report may add at most this share to a plain check


def timed(command: list[str]) -> tuple[float, float]:
    """Wall-clock seconds, and CPU seconds of the command and its workers (user + system):
    on a machine shared with other jobs the wall clock mostly measures them, CPU time less so."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}): {result.stderr[-500:]}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tree", nargs="?", default=str(CORPUS))
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--jobs", default=str(os.cpu_count() or 1))
    args = parser.parse_args()
    termsense = [sys.executable, "-m", "termsense"]
    with tempfile.TemporaryDirectory() as work:
        page, data = Path(work) / "report.html", Path(work) / "report.json"
        check = [*termsense, "check", "--no-config", "--jobs", args.jobs, args.tree]
        report = [*termsense, "report", "--no-config", "--jobs", args.jobs, args.tree, "-o", str(page)]
        timed(check)  # warm the file cache and the byte-code once, for both
        times: dict[str, list[tuple[float, float]]] = {"check": [], "report": []}
        for _ in range(args.rounds):
            times["check"].append(timed(check))
            times["report"].append(timed(report))
        subprocess.run([*termsense, "report", "--no-config", "--format", "json", args.tree, "-o", str(data)], check=True)
        summary = json.loads(data.read_text(encoding="utf-8"))
        size = page.stat().st_size
    print(f"tree: {args.tree}  jobs: {args.jobs}  rounds: {args.rounds}  Python {sys.version.split()[0]}  "
          f"load average before: {os.getloadavg()[0]:.1f}")
    print(f"{'command':10} {'wall min':>9} {'wall median':>12} {'CPU min':>8} {'CPU median':>11}")
    best, middle = {}, {}
    for name, values in times.items():
        walls, cpus = [w for w, _ in values], [c for _, c in values]
        best[name], middle[name] = (min(walls), min(cpus)), (statistics.median(walls), statistics.median(cpus))
        print(f"{name:10} {best[name][0]:9.2f} {middle[name][0]:12.2f} {best[name][1]:8.2f} {middle[name][1]:11.2f}")
    added = {}
    for statistic, pick in (("min", best), ("median", middle)):
        for i, kind in enumerate(("wall", "CPU")):
            added[f"{kind} {statistic}"] = pick["report"][i] / pick["check"][i] - 1
    print("report adds: " + ", ".join(f"{value:+.1%} ({label})" for label, value in added.items())
          + f"; limit {LIMIT:.0%}; page {size / 1e6:.2f} MB")
    describe(summary)
    return 0 if added["CPU min"] < LIMIT else 1


def describe(data: dict) -> None:
    terms, s = data["terms"], data["summary"]
    party = {t: s["occurrences"][t]["party"] for t in terms}
    print(f"\nfiles {s['files']}, with a term {s['files_with_terms']}; party uses {party}; "
          f"findings {s['findings']['total']} ({s['findings']['fixable']} safe fixes)")
    print("map, top-level folders (share of party uses, house word):")
    for folder in data["map"]["directories"]:
        if folder["depth"] == 1:
            total = sum(folder["party"].values())
            shares = ", ".join(f"{t} {folder['party'][t] / total:.0%}" for t in terms)
            print(f"  {os.path.basename(folder['path']):45} {total:5} uses  {shares:28} house: {folder['house'] or 'mixed'}")
    mixed = [f["path"] for f in data["map"]["directories"] if not f["house"] and sum(f["party"].values()) >= 5]
    print(f"folders with enough uses but no house word: {len(mixed)}")
    outliers = data["consistency"]["outliers"]
    flagged = sum(1 for o in outliers if o["findings"])
    print(f"documents against their folder's house word: {len(outliers)} ({flagged} of them also hold a finding)")
    by_tree: dict[str, int] = {}
    root = data["map"]["root"]
    for outlier in outliers:
        top = os.path.relpath(outlier["path"], root).split(os.sep)[0]
        by_tree[top] = by_tree.get(top, 0) + 1
    for top, count in sorted(by_tree.items()):
        print(f"  {top}: {count}")


if __name__ == "__main__":
    raise SystemExit(main())
