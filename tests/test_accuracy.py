"""Accuracy on the labeled corpus stays above the project's thresholds (benchmarks/accuracy.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from termsense.config import DEFAULT_FIX_CONFIDENCE, DEFAULT_MIN_CONFIDENCE

ROOT = Path(__file__).resolve().parent.parent


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


accuracy = _load("accuracy", ROOT / "benchmarks" / "accuracy.py")


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory):
    findings, labels = accuracy.run_corpus(tmp_path_factory.mktemp("corpus"))
    return findings, labels, accuracy.score(findings, labels, DEFAULT_MIN_CONFIDENCE)


def test_corpus_is_big_and_balanced_enough(scored) -> None:
    _, labels, _ = scored
    documents = {x.path for x in labels}
    flags = sum(x.label == "flag" for x in labels)
    assert len(documents) >= 250 and len(labels) >= 450
    assert 0.2 <= flags / len(labels) <= 0.4
    per_category = {c: len({x.path for x in labels if x.category == c}) for c in {x.category for x in labels}}
    assert min(per_category.values()) >= 15, per_category


def test_overall_precision_and_recall_meet_the_targets(scored) -> None:
    _, _, tallies = scored
    overall = tallies["overall"]
    # The verdict model is fitted on real text as well as on this corpus (benchmarks/fit.py);
    # these floors are the targets (measured: 0.981 / 0.964), so a change that loses
    # ground on the text we wrote shows here. Real-text numbers: benchmarks/accuracy.py.
    assert overall.precision >= 0.95, [f["path"] for f in overall.false_positives]
    assert overall.recall >= 0.93, [(x.path, x.line) for x in overall.misses]


@pytest.mark.parametrize("category", ["technical", "mentions", "fixed-phrases"])
def test_categories_that_must_stay_silent_have_no_finding(scored, category: str) -> None:
    findings, _, _ = scored
    reported = [f for f in findings if f["confidence"] >= DEFAULT_MIN_CONFIDENCE]
    assert [f for f in reported if f["path"].startswith(category + "/")] == []


def test_the_fix_band_is_right_at_least_97_percent_of_the_time(scored) -> None:
    findings, labels, _ = scored
    band = [f for f in findings if f["confidence"] >= DEFAULT_FIX_CONFIDENCE]
    assert accuracy.score(band, labels, 0.0)["overall"].precision >= 0.97


def test_every_replacement_matches_the_labeled_form(scored) -> None:
    findings, labels, _ = scored
    right, checked = accuracy.replacement_accuracy(findings, labels, DEFAULT_MIN_CONFIDENCE)
    assert checked > 50 and right == checked
