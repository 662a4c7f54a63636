"""A tree's terminology from its files' surveys: the summary, the map (share of each term used
for a party, per directory and per file) and the documents that go against the tree's own
majority. Pure: one JSON-ready dict, which `report --format json` prints and the HTML draws.

Tree-wide consistency is a report view, not a rule: a rule's finding must follow from the file
alone (a pre-commit hook or an editor sees one file), while a tree's majority changes when
unrelated files change. The "same kind of context" is the directory: a folder of a docs tree
is usually one product or one audience, so its documents should name their party alike.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from typing import Any

from .config import DEFAULT_FIX_CONFIDENCE
from .findings import Finding
from .packs import RuleSpec
from .report.json import as_dict
from .survey import Surveyed

SENSES = ("party", "technical", "fixed", "name", "mention", "contrast", "second-party", "accepted")  # table order
# confidence bands, the README's accuracy bands: high is the default fix band
BANDS = (("high", DEFAULT_FIX_CONFIDENCE), ("medium", 0.7), ("low", 0.0))
MIN_CONTEXT_USES = 5  # party uses a document's context needs (without the document) to have a majority
MIN_CONTEXT_FILES = 2  # ... spread over at least this many other documents
MAJORITY = 2 / 3  # share of the context's party uses one term needs to be its house word


def band(confidence: float) -> str:
    return next(name for name, floor in BANDS if confidence >= floor)


def build(
    results: Iterable[Surveyed], errors: list[str], rules: list[RuleSpec], terms: list[str], paths: list[str],
    version: str,
) -> dict[str, Any]:
    files = list(results)
    findings = [f for s in files for f in s.findings]
    used = {key for s in files for key in s.uses}
    senses = list(SENSES) + sorted({sense for _, sense in used} - set(SENSES))
    terms = list(dict.fromkeys([*terms, *sorted({term for term, _ in used} - set(terms))]))
    occurrences = {t: {s: 0 for s in senses} for t in terms}
    for surveyed in files:
        for (term, sense), count in surveyed.uses.items():
            occurrences[term][sense] += count
    party = {s.path: Counter({t: n for (t, sense), n in s.uses.items() if sense == "party"}) for s in files}
    tree = _Tree(files, party, {s.path: len(s.findings) for s in files})
    lines = {s.path: s.lines for s in files}
    return {
        "termsense": version,
        "paths": paths,
        "terms": terms,
        "senses": senses,
        "bands": [{"name": name, "min": floor} for name, floor in BANDS],
        "summary": {
            "files": len(files),
            "files_with_terms": sum(1 for s in files if s.uses),
            "errors": errors,
            "occurrences": occurrences,
            "findings": _finding_counts(findings, rules),
        },
        "rules": {r.id: {"name": r.name, "summary": r.summary, "url": r.url} for r in rules},
        "map": {
            "root": tree.root,
            "directories": tree.directories(terms),
            "files": [
                {
                    "path": s.path, "directory": _directory(s.path), "party": _shares(party[s.path], terms),
                    "set_aside": sum(n for (_, sense), n in s.uses.items() if sense != "party"), "findings": len(s.findings),
                }
                for s in files if s.uses
            ],
        },
        "consistency": {
            "min_context_uses": MIN_CONTEXT_USES, "min_context_files": MIN_CONTEXT_FILES, "majority": round(MAJORITY, 3),
            "outliers": tree.outliers(terms),
        },
        "findings": [_finding(f, lines[f.path]) for f in findings],
    }


def _finding_counts(findings: list[Finding], rules: list[RuleSpec]) -> dict[str, Any]:
    by_rule = {r.id: {name: 0 for name, _ in BANDS} for r in rules}
    for finding in findings:
        by_rule.setdefault(finding.rule, {name: 0 for name, _ in BANDS})[band(finding.confidence)] += 1
    return {
        "total": len(findings),
        "fixable": sum(1 for f in findings if f.fix is not None and f.fix.applicability == "safe"),
        "unsafe_fixes": sum(1 for f in findings if f.fix is not None and f.fix.applicability == "unsafe"),
        "by_rule": {rule: counts for rule, counts in by_rule.items() if any(counts.values())},
    }


def _finding(finding: Finding, lines: dict[int, str]) -> dict[str, Any]:
    """The JSON output's finding, with its directory, band and the lines around it."""
    span = range(finding.line - 1, finding.end_line + 2)
    return {
        **as_dict(finding), "directory": _directory(finding.path), "band": band(finding.confidence),
        "context": [{"line": n, "text": lines[n]} for n in span if n in lines],
    }


def _directory(path: str) -> str:
    return os.path.dirname(path) or "."


def _parent(directory: str) -> str:
    return os.path.dirname(directory) or "."


def _shares(counts: Counter[str], terms: list[str]) -> dict[str, int]:
    return {t: counts[t] for t in terms}


class _Tree:
    """Party uses summed over each directory's subtree, up to the files' common directory."""

    def __init__(self, files: list[Surveyed], party: dict[str, Counter[str]], findings: dict[str, int]) -> None:
        self.party, self.findings = party, findings
        folders = {_directory(s.path) for s in files}
        self.root = _common(folders)
        self.chains: dict[str, list[str]] = {}
        self.checked: Counter[str] = Counter()  # files read in the subtree
        self.used: Counter[str] = Counter()  # files with a party use in the subtree
        self.subtree: dict[str, Counter[str]] = {}
        for surveyed in files:
            for folder in self._chain(_directory(surveyed.path)):
                self.checked[folder] += 1
                if party[surveyed.path]:
                    self.used[folder] += 1
                    self.subtree.setdefault(folder, Counter()).update(party[surveyed.path])

    def _chain(self, folder: str) -> list[str]:
        """The folder and its ancestors up to the root (worked out once per folder)."""
        chain = self.chains.get(folder)
        if chain is None:
            parent = _parent(folder)
            above = [] if folder == self.root or parent == folder else self._chain(parent)
            chain = self.chains[folder] = [folder, *above]
        return chain

    def directories(self, terms: list[str]) -> list[dict[str, Any]]:
        """Folders with a party use below them, parents before children."""
        rows = []
        for folder in sorted(self.subtree, key=_path_key):
            counts = self.subtree[folder]
            rows.append({
                "path": folder, "depth": len(self._chain(folder)) - 1,
                "files": self.checked[folder], "files_with_party": self.used[folder],
                "party": _shares(counts, terms), "house": _majority(counts)[0],
            })
        return rows

    def outliers(self, terms: list[str]) -> list[dict[str, Any]]:
        """Documents whose own term is not the house word of their nearest folder that has one
        without them (the folder, else its parent, and so on)."""
        found = []
        for path in sorted(p for p, counts in self.party.items() if counts):
            own, _ = _majority(self.party[path], 0.5, 1)
            if own is None:
                continue  # no use, or a tie: one document's mixed usage is CC003's business
            for folder in self._chain(_directory(path)):
                others = self.subtree[folder] - self.party[path]
                if sum(others.values()) >= MIN_CONTEXT_USES and self.used[folder] - 1 >= MIN_CONTEXT_FILES:
                    house, share = _majority(others)
                    if house is not None and house != own:
                        found.append({
                            "path": path, "term": own, "party": _shares(self.party[path], terms),
                            "context": folder, "context_party": _shares(others, terms),
                            "house": house, "share": round(share, 3), "findings": self.findings[path],
                        })
                    break
        return found


def _majority(counts: Counter[str], share: float = MAJORITY, minimum: int = MIN_CONTEXT_USES) -> tuple[str | None, float]:
    """The term holding more than `share` of the uses (at least `minimum` of them), and its share."""
    total = sum(counts.values())
    if total < minimum or not counts:
        return None, 0.0
    term, count = max(sorted(counts.items()), key=lambda kv: kv[1])
    return (term, count / total) if count / total > share else (None, count / total)


def _common(folders: set[str]) -> str:
    if not folders:
        return "."
    try:
        return os.path.commonpath(sorted(folders)) or "."
    except ValueError:  # absolute and relative paths mixed
        return "."


def _path_key(folder: str) -> tuple[str, ...]:
    return tuple(folder.split(os.sep))
