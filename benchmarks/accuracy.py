#!/usr/bin/env python3
"""Accuracy on labeled text: precision, recall and F1 per data set and category, by
confidence band, and the false positives where the linter must stay silent.

Three views, each reported on its own (benchmarks/datasets.py says where each comes from):
our written corpus (tests/corpus), the real excerpts of ../shared/realtext (the reporting
half is the one to quote; the tuning half was seen by benchmarks/fit.py) and the real web
passages of ../shared/realweb as written (weak labels: the setting of each passage), and
the same passages with one mention swapped to the wrong word (`realweb-any`: recall on
settings a reader knows, whatever words name them).

The linter runs once per data set, through its JSON output, exactly as the held-out set is
scored: a finding that lands on a `flag` occurrence is a true positive; any other finding is
a false positive; a `flag` occurrence with no finding is a false negative.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from termsense.config import DEFAULT_FIX_CONFIDENCE

ROOT = Path(__file__).resolve().parent.parent
SILENT = ("technical", "mentions", "fixed-phrases")
EXTRA: list[str] = []  # flags added to every termsense run (--context-model)
FIX = DEFAULT_FIX_CONFIDENCE  # the band `--fix` changes by default: it must be right nearly always
BANDS = ((FIX, 1.01, f">= {FIX}"), (0.7, FIX, f"0.7-{FIX}"), (0.0, 0.7, "< 0.7"))


def _builder() -> Any:
    spec = importlib.util.spec_from_file_location("corpus_build", ROOT / "tests" / "corpus" / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["corpus_build"] = module
    spec.loader.exec_module(module)
    return module


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    false_positives: list[dict] = field(default_factory=list)
    misses: list[Any] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def run_corpus(out_dir: Path) -> tuple[list[dict], list[Any]]:
    """Build the corpus into `out_dir`, lint it once, return (findings, labels)."""
    labels = _builder().build(ROOT / "tests" / "corpus" / "src", out_dir)
    result = subprocess.run(
        [sys.executable, "-m", "termsense", "check", "--format", "json", "--min-confidence", "0", *EXTRA, "."],
        cwd=out_dir, capture_output=True, text=True, check=False,
    )
    if result.returncode not in (0, 1):
        raise SystemExit(f"termsense failed ({result.returncode}): {result.stderr.strip()}")
    findings = json.loads(result.stdout)
    for finding in findings:
        finding["path"] = Path(finding["path"]).as_posix().removeprefix("./")
    return findings, labels


def score(findings: list[dict], labels: list[Any], min_confidence: float) -> dict[str, Tally]:
    """Tallies per category and "overall" for the findings at or above `min_confidence`."""
    by_place: dict[tuple[str, int], list[Any]] = defaultdict(list)
    for label in labels:
        by_place[label.path, label.line].append(label)
    category_of = {label.path: label.category for label in labels}
    tallies: dict[str, Tally] = defaultdict(Tally)
    hit: set[int] = set()
    for finding in findings:
        if finding["confidence"] < min_confidence:
            continue
        match = next(
            (x for x in by_place[finding["path"], finding["line"]]
             if x.column < finding["end_column"] and finding["column"] < x.end_column),
            None,
        )
        category = category_of.get(finding["path"], finding["path"].split("/")[0])
        for name in (category, "overall"):
            if match is not None and match.label == "flag":
                tallies[name].tp += 1
            else:
                tallies[name].fp += 1
                tallies[name].false_positives.append(finding)
        if match is not None:
            hit.add(id(match))
    for label in labels:
        if label.label == "flag" and id(label) not in hit:
            for name in (label.category, "overall"):
                tallies[name].fn += 1
                tallies[name].misses.append(label)
    return dict(tallies)


def replacement_accuracy(findings: list[dict], labels: list[Any], min_confidence: float) -> tuple[int, int]:
    """(right, checked): findings on flags with an expected replacement that suggest exactly it."""
    expected = {(x.path, x.line, x.column): x.expected for x in labels if x.label == "flag" and x.expected}
    checked = right = 0
    for finding in findings:
        want = expected.get((finding["path"], finding["line"], finding["column"]))
        if want is not None and finding["confidence"] >= min_confidence:
            checked += 1
            right += finding["replacement"] == want
    return right, checked


def _safe_fix(finding: dict) -> bool:
    """Whether `--fix` would apply the finding's fix (a safe one, at the default fix confidence)."""
    return bool(finding.get("fix")) and finding["fix"]["applicability"] == "safe"


def bands(findings: list[dict], labels: list[Any]) -> list[tuple[str, int, float]]:
    """Precision of the findings whose confidence falls in each band."""
    out = []
    for low, high, name in BANDS:
        inside = [f for f in findings if low <= f["confidence"] < high]
        tally = score(inside, labels, 0.0).get("overall", Tally())
        out.append((name, tally.tp + tally.fp, tally.precision))
    return out


def report(findings: list[dict], labels: list[Any], min_confidence: float, verbose: bool) -> dict[str, Any]:
    tallies = score(findings, labels, min_confidence)
    categories = sorted({x.category for x in labels})
    counts = defaultdict(lambda: [0, 0, set()])
    for label in labels:
        counts[label.category][0] += 1
        counts[label.category][1] += label.label == "flag"
        counts[label.category][2].add(label.path)
    print(f"min-confidence {min_confidence}: {len({x.path for x in labels})} documents, {len(labels)} occurrences, "
          f"{sum(1 for x in labels if x.label == 'flag')} flags")
    print(f"{'category':22} {'docs':>5} {'occ':>5} {'flags':>5} {'TP':>4} {'FP':>4} {'FN':>4} {'P':>6} {'R':>6} {'F1':>6}")
    for name in [*categories, "overall"]:
        t = tallies.get(name, Tally())
        docs, occ, flags = (len({x.path for x in labels}), len(labels), sum(x.label == "flag" for x in labels)) \
            if name == "overall" else (len(counts[name][2]), counts[name][0], counts[name][1])
        print(f"{name:22} {docs:5} {occ:5} {flags:5} {t.tp:4} {t.fp:4} {t.fn:4} {t.precision:6.3f} {t.recall:6.3f} {t.f1:6.3f}")
    print("\nprecision by confidence band (all findings):")
    band_rows = bands(findings, labels)
    for name, n, precision in band_rows:
        print(f"  {name:8} {n:4} findings  precision {precision:.3f}")
    safe = score([f for f in findings if _safe_fix(f)], labels, 0.0).get("overall", Tally())
    print(f"  safe fixes (what --fix applies): {safe.tp + safe.fp} findings, precision {safe.precision:.3f}")
    right, checked = replacement_accuracy(findings, labels, min_confidence)
    print(f"\nreplacements: {right}/{checked} as expected")
    silent = [f for name in SILENT for f in tallies.get(name, Tally()).false_positives]
    print(f"findings on must-stay-silent categories ({', '.join(SILENT)}): {len(silent)}")
    for f in silent:
        print(f"  {f['path']}:{f['line']}:{f['column']} {f['rule']} {f['matched']} ({f['confidence']})")
    if verbose:
        overall = tallies.get("overall", Tally())
        print("\nfalse positives:")
        for f in overall.false_positives:
            print(f"  {f['path']}:{f['line']}:{f['column']} {f['rule']} {f['matched']} ({f['confidence']}) {f['message']}")
        print("\nfalse negatives:")
        for x in overall.misses:
            print(f"  {x.path}:{x.line}:{x.column} {x.word}")
    overall = tallies.get("overall", Tally())
    return {
        "min_confidence": min_confidence,
        "overall": {"precision": overall.precision, "recall": overall.recall, "f1": overall.f1},
        "categories": {n: {"precision": t.precision, "recall": t.recall, "tp": t.tp, "fp": t.fp, "fn": t.fn}
                       for n, t in tallies.items()},
        "bands": [{"band": n, "findings": c, "precision": p} for n, c, p in band_rows],
        "silent_false_positives": len(silent),
    }


def run_docs(docs: list[Any], out_dir: Path) -> list[dict]:
    """Write each document under its name and lint them all in one run; findings by JSON."""
    for number, doc in enumerate(docs):
        doc.file = f"{number:05d}.{doc.format}"
        (out_dir / doc.file).write_bytes(doc.text.encode("utf-8"))
    result = subprocess.run(
        [sys.executable, "-m", "termsense", "check", "--format", "json", "--min-confidence", "0", *EXTRA, "."],
        cwd=out_dir, capture_output=True, text=True, check=False,
    )
    if result.returncode not in (0, 1):
        raise SystemExit(f"termsense failed ({result.returncode}): {result.stderr.strip()}")
    return json.loads(result.stdout)


def score_docs(findings: list[dict], docs: list[Any], min_confidence: float) -> dict[str, Tally]:
    """Tallies per category and "overall" for findings at or above `min_confidence`."""
    by_file = {doc.file: doc for doc in docs}
    tallies: dict[str, Tally] = defaultdict(Tally)
    hit: set[tuple[str, int, int]] = set()
    for finding in findings:
        if finding["confidence"] < min_confidence:
            continue
        doc = by_file[Path(finding["path"]).name]
        label = doc.label_at(finding["line"], finding["column"])
        for name in (doc.category, "overall"):
            if label:
                tallies[name].tp += 1
            else:
                tallies[name].fp += 1
                tallies[name].false_positives.append({**finding, "path": doc.name})
        if label:
            hit.add((doc.file, finding["line"], finding["column"]))
    for doc in docs:
        for line, column, end, flag in doc.spans:
            if flag and not any((doc.file, line, c) in hit for c in range(column, end)):
                for name in (doc.category, "overall"):
                    tallies[name].fn += 1
                    tallies[name].misses.append((doc.name, line, column))
    return dict(tallies)


def report_docs(title: str, findings: list[dict], docs: list[Any], min_confidence: float, verbose: bool) -> dict:
    tallies = score_docs(findings, docs, min_confidence)
    flags = sum(flag for doc in docs for *_, flag in doc.spans)
    print(f"\n{title}: {len(docs)} documents, {sum(len(d.spans) for d in docs)} labeled occurrences, {flags} flags")
    print(f"{'category':26} {'TP':>4} {'FP':>4} {'FN':>4} {'P':>6} {'R':>6} {'F1':>6}")
    for name in [*sorted(n for n in tallies if n != "overall"), "overall"]:
        t = tallies.get(name, Tally())
        print(f"{name:26} {t.tp:4} {t.fp:4} {t.fn:4} {t.precision:6.3f} {t.recall:6.3f} {t.f1:6.3f}")
    rows = []
    for low, high, band in BANDS:
        inside = [f for f in findings if low <= f["confidence"] < high]
        t = score_docs(inside, docs, 0.0).get("overall", Tally())
        rows.append({"band": band, "findings": t.tp + t.fp, "precision": t.precision})
    print("  by confidence band: " + ", ".join(f"{r['band']} {r['findings']} findings P {r['precision']:.3f}" for r in rows))
    safe = score_docs([f for f in findings if _safe_fix(f)], docs, 0.0).get("overall", Tally())
    print(f"  safe fixes (what --fix applies): {safe.tp + safe.fp} findings P {safe.precision:.3f}")
    if verbose:
        overall = tallies.get("overall", Tally())
        for f in overall.false_positives:
            print(f"  FP {f['path']}:{f['line']}:{f['column']} {f['rule']} {f['matched']} ({f['confidence']})")
        for name, line, column in overall.misses:
            print(f"  FN {name}:{line}:{column}")
    overall = tallies.get("overall", Tally())
    return {"precision": overall.precision, "recall": overall.recall, "f1": overall.f1, "bands": rows}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-confidence", type=float, default=None,
                        help="threshold applied when scoring (default: the linter's default)")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every false positive and negative")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON at the end")
    parser.add_argument("--sets", default="written,realtext-report,realtext-tune,realweb,realweb-any",
                        help="comma-separated: written, realtext-report, realtext-tune, realweb, realweb-any")
    parser.add_argument("--context-model", action="store_true",
                        help="run with the opt-in context model on (needs the context extra)")
    args = parser.parse_args()
    if args.context_model:
        EXTRA.append("--context-model")
    if args.min_confidence is None:
        from termsense.config import DEFAULT_MIN_CONFIDENCE

        args.min_confidence = DEFAULT_MIN_CONFIDENCE
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import datasets

    chosen = args.sets.split(",")
    numbers: dict[str, Any] = {}
    if "written" in chosen:
        print("written corpus (tests/corpus):")
        with tempfile.TemporaryDirectory() as out:
            findings, labels = run_corpus(Path(out))
            numbers["written"] = report(findings, labels, args.min_confidence, args.verbose)
    real = {
        "realtext-report": ("realtext, reporting half (never fitted on)", lambda: datasets.realtext("report")),
        "realtext-tune": ("realtext, tuning half (seen by benchmarks/fit.py)", lambda: datasets.realtext("tune")),
        "realweb": ("realweb as written (weak labels; fitted on)", lambda: datasets.realweb(("written",))),
        "realweb-any": (
            "realweb, one mention swapped in every passage (weak labels; its vocabulary chosen here)",
            lambda: datasets.realweb(("any",)),
        ),
    }
    for key, (title, load) in real.items():
        if key not in chosen:
            continue
        if not datasets.SHARED.is_dir():
            print(f"\n{title}: ../shared is not beside this checkout; skipped")
            continue
        docs = load()
        with tempfile.TemporaryDirectory() as out:
            numbers[key] = report_docs(title, run_docs(docs, Path(out)), docs, args.min_confidence, args.verbose)
    if args.json:
        print(json.dumps(numbers, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
