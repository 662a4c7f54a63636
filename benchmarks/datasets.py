"""Labeled and real text for measuring and fitting, read where it lives (never copied here).

Every data set is a list of `Doc`: a text, its format, the labeled occurrences by position,
the group it belongs to (its source, for grouped cross-validation) and a category.

- written: `tests/corpus` (documents we wrote; labels inline).
- realtext: `../shared/realtext` (real excerpts, labeled), split once by source site into a
  tuning half and a reporting half: a site is in the tuning half when the first byte of the
  SHA-256 of its name is even. The rule is fixed; `python benchmarks/datasets.py` prints the
  counts of each half.
- realweb: `../shared/realweb` (real passages with a weak label for the setting): as written,
  a word against its setting is a flag; `swapped` variants turn one party mention, or all of
  them, into the other word, which is then a flag.
- trees: `../shared/corpus` (real documentation trees, unlabeled): every use counts as right.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

if TYPE_CHECKING:
    from termsense.packs import Pack

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("TERMSENSE_SHARED", ROOT.parent / "shared"))  # beside the checkout, or where told
REALTEXT = SHARED / "realtext" / "cases.jsonl"
REALWEB = SHARED / "realweb" / "excerpts.jsonl"
TREES = SHARED / "corpus"


@dataclass
class Doc:
    name: str
    text: str
    format: str  # "md" or "txt"
    group: str  # the source: documents of one group are never split across folds
    category: str
    labels: dict[tuple[int, int], bool] = field(default_factory=dict)  # (line, column) -> is a flag
    spans: list[tuple[int, int, int, bool]] = field(default_factory=list)  # (line, column, end, flag)
    unlabeled_ok: bool = False  # every use not labeled counts as right (real trees)

    def label_at(self, line: int, column: int) -> bool | None:
        """The label of the occurrence holding (line, column), None when none does."""
        for span_line, start, end, flag in self.spans:
            if span_line == line and start <= column < end:
                return flag
        return False if self.unlabeled_ok else None


def site(source: str) -> str:
    """The source site of an address: the host, or owner/repo on GitHub."""
    url = urlparse(source)
    if url.netloc in ("github.com", "raw.githubusercontent.com"):
        return "github/" + "/".join(url.path.strip("/").split("/")[:2])
    return url.netloc.removeprefix("www.")


def realtext_half(source: str) -> str:
    return "tune" if hashlib.sha256(site(source).encode()).digest()[0] % 2 == 0 else "report"


def realtext(half: str | None = None) -> list[Doc]:
    """The labeled real excerpts, or one half of them ("tune" or "report")."""
    docs = []
    for line in REALTEXT.open(encoding="utf-8"):
        case = json.loads(line)
        if half is not None and realtext_half(case["source"]) != half:
            continue
        doc = Doc(case["id"], case["text"], case["format"], site(case["source"]), case["cat"])
        for o in case["occurrences"]:
            doc.spans.append((o["line"], o["column"], o["end_column"], o["label"].startswith("flag")))
        docs.append(doc)
    return docs


def written() -> list[Doc]:
    """Our labeled corpus, built from its authoring format."""
    spec = importlib.util.spec_from_file_location("corpus_build", ROOT / "tests" / "corpus" / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["corpus_build"] = module
    spec.loader.exec_module(module)
    with tempfile.TemporaryDirectory() as out:
        labels = module.build(ROOT / "tests" / "corpus" / "src", Path(out))
        docs: dict[str, Doc] = {}
        for label in labels:
            if label.path not in docs:
                text = (Path(out) / label.path).read_bytes().decode("utf-8")
                fmt = "txt" if label.path.endswith(".txt") else "md"
                docs[label.path] = Doc(label.path, text, fmt, label.path, label.category)
            docs[label.path].spans.append((label.line, label.column, label.end_column, label.label == "flag"))
    return list(docs.values())


def realweb(variants: tuple[str, ...] = ("written", "one", "all")) -> list[Doc]:
    """Real passages labeled by their setting: as written ("written"), with one party mention
    swapped to the other word ("one"), and with every party mention swapped ("all"). Only party
    mentions (those the linter judges) are swapped, so a technical "client" never becomes a
    customer, and, for fitting, only in passages where a domain cue near a mention decides the
    setting (as a reader would need). "any" swaps one mention in every passage whose writer
    used its setting's word, cue or none: the recall a reader's sense of the setting asks for,
    which no cue list has yet reached (the held-out set's swapped batch is of this kind)."""
    from termsense.config import Settings
    from termsense.document import Source
    from termsense.engine import packs_for
    from termsense.inflect import replacement
    from termsense.pipeline import examine

    pack = packs_for(Settings())[0]
    docs = []
    for passage in (json.loads(line) for line in REALWEB.open(encoding="utf-8")):
        setting = passage["setting"]
        if setting == "unclear":
            continue
        text = passage["text"]
        seen = examine(pack, Source.from_text(text, path=passage["id"], format="txt"))
        party = [j.occurrence for j in seen.judged]
        wrong = {o.source_start for o in party if setting in pack.terms and o.form.term != setting}
        group = site(passage["source"])
        if "written" in variants:
            docs.append(_spanned(Doc(passage["id"], text, "txt", group, f"realweb:{setting}"), text, party, wrong))
        clear = any(
            e.supports == setting and e.level <= 2 and e.base >= pack.context.domain_weight
            for j in seen.judged for e in j.scores.evidence
        )
        if setting not in pack.terms or wrong or not party:
            continue  # swaps only where the writer used the setting's word
        for variant in variants:
            if variant == "written" or variant != "any" and not clear:
                continue  # for fitting, only where a domain cue decides the setting
            chosen = party if variant == "all" else [party[int(hashlib.sha256(passage["id"].encode()).hexdigest(), 16) % len(party)]]
            other = next(t for t in pack.terms if t != setting)
            swapped, flags = text, set()
            for o in sorted(chosen, key=lambda o: -o.source_start):
                new = replacement(o.text, o.form, pack.terms[other])
                swapped = swapped[:o.source_start] + new + swapped[o.source_end:]
            shift = 0
            moved = []
            for o in sorted(party, key=lambda o: o.source_start):
                new = replacement(o.text, o.form, pack.terms[other]) if o in chosen else o.text
                moved.append((o.source_start + shift, o.source_start + shift + len(new)))
                if o in chosen:
                    flags.add(o.source_start + shift)
                shift += len(new) - len(o.text)
            doc = Doc(f"{passage['id']}-{variant}", swapped, "txt", group, f"realweb-swapped-{variant}")
            source = Source.from_text(swapped, format="txt")
            for start, end in moved:
                line, column = source.position(start)
                doc.spans.append((line, column, column + end - start, start in flags))
            docs.append(doc)
    return docs


def _spanned(doc: Doc, text: str, party: list, wrong: set[int]) -> Doc:
    from termsense.document import Source

    source = Source.from_text(text, format=doc.format)
    for o in party:
        line, column = source.position(o.source_start)
        doc.spans.append((line, column, column + o.source_end - o.source_start, o.source_start in wrong))
    return doc


def trees(per_tree: int, min_uses: int = 1) -> list[Doc]:
    """Up to `per_tree` files holding a term from each real tree, every use counted right."""
    import regex

    term = regex.compile(r"\b(?:client|customer)", regex.IGNORECASE)
    docs = []
    for tree in sorted(p for p in TREES.iterdir() if p.is_dir()):
        files = sorted(
            (p for p in tree.rglob("*") if p.is_file() and p.suffix in (".md", ".mdx", ".markdown", ".txt")),
            key=lambda p: hashlib.sha256(str(p.relative_to(TREES)).encode()).digest(),
        )  # a fixed sample spread over the tree, not its first folder
        taken = 0
        for path in files:
            text = path.read_text(encoding="utf-8", errors="replace")
            if len(term.findall(text)) < min_uses:
                continue
            docs.append(Doc(str(path.relative_to(TREES)), text, "txt" if path.suffix == ".txt" else "md",
                            f"tree:{tree.name}", tree.name, unlabeled_ok=True))
            taken += 1
            if taken >= per_tree:
                break
    return docs


def folder(path: Path) -> list[Doc]:
    """A user's own docs, every use counted right: what a refit on house text reads."""
    return [
        Doc(str(p), p.read_text(encoding="utf-8", errors="replace"), "txt" if p.suffix == ".txt" else "md",
            str(p.parent), "docs", unlabeled_ok=True)
        for p in sorted(path.rglob("*")) if p.is_file() and p.suffix in (".md", ".mdx", ".markdown", ".txt")
    ]


def fitting(per_tree: int) -> dict[str, list[Doc]]:
    """What the fitting scripts (fit.py, fit_context.py) learn from, by name: never the
    reporting half of realtext."""
    return {
        "written": written(),
        "realtext": realtext("tune"),
        "realweb": realweb(("written",)),
        "realweb-one": [d for d in realweb(("one",)) if d.category.startswith("realweb-swapped")],
        "realweb-all": [d for d in realweb(("all",)) if d.category.startswith("realweb-swapped")],
        "trees": trees(per_tree) if TREES.is_dir() else [],
    }


def add_fitting_arguments(parser: argparse.ArgumentParser, stored: str) -> None:
    """The options every fitting script shares: what it fits, on which data."""
    parser.add_argument("--write", action="store_true", help=f"store {stored}")
    parser.add_argument("--pack", type=Path, default=None, help="pack to fit (default: the built-in pack)")
    parser.add_argument("--docs", type=Path, action="append", default=[], help="your own docs, counted as right")
    parser.add_argument("--trees", type=int, default=60, help="files sampled from each shared corpus tree")


def fitting_inputs(args: argparse.Namespace) -> tuple[Pack, dict[str, list[Doc]]]:
    """The pack and the named data sets the options of `add_fitting_arguments` chose."""
    from termsense.config import Settings
    from termsense.engine import packs_for
    from termsense.packs import load_pack

    pack = load_pack(str(args.pack)) if args.pack else packs_for(Settings())[0]
    named = fitting(args.trees)
    for path in args.docs:
        named[f"docs:{path}"] = folder(path)
    return pack, named


def main() -> int:
    halves: dict[str, set[str]] = {"tune": set(), "report": set()}
    for half in halves:
        docs = realtext(half)
        flags = sum(flag for d in docs for *_, flag in d.spans)
        print(f"realtext {half}: {len(docs)} cases from {len({d.group for d in docs})} sites, {flags} flags")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
