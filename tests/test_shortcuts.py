"""The speed shortcuts (no parse for files without a term, block parsing only for the outline's
chunks that hold one, inline parsing only for blocks that hold one) change no finding: checked
over the whole shared corpus, so marked slow (tests/test_outline.py checks generated files)."""

from __future__ import annotations

from pathlib import Path

import pytest

import termsense
from termsense.discover import discover
from termsense.engine import lint_source
from termsense.errors import TermsenseError
from termsense.read import read_source

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
EVERYTHING = termsense.Settings(min_confidence=0.0)


def _both(text: str, fmt: str = "md") -> tuple[list, list]:
    source = termsense.document.Source.from_text(text, format=fmt)
    return lint_source(source, EVERYTHING), lint_source(source, EVERYTHING, shortcuts=False)


def test_lazy_inline_parsing_matches_a_full_parse_on_tricky_markdown() -> None:
    text = (
        "# Our law firm\n\n"
        "Attorneys hold a retainer for each `customer` and [customer](https://x.test/customer).\n\n"
        "> Every customer gets a named solicitor. <!-- customer -->\n\n"
        "| who | note |\n|---|---|\n| customers | attorneys and a retainer |\n\n"
        "[customer-faq]: https://x.test/customer-faq\n"
        "See [our terms][customer-faq] and <https://x.test/customer>.\n"
    )
    fast, full = _both(text)
    assert fast == full
    assert [(f.line, f.column) for f in fast] == [(3, 52), (5, 9)]  # a one-word cell is a label


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside this checkout")
def test_shortcuts_change_no_finding_on_the_shared_corpus() -> None:
    checked = 0
    for candidate in discover([str(CORPUS)]):
        try:
            source = read_source(candidate, EVERYTHING.max_file_size)
        except TermsenseError:
            continue
        assert lint_source(source, EVERYTHING) == lint_source(source, EVERYTHING, shortcuts=False), candidate.display
        checked += 1
    assert checked > 1000
