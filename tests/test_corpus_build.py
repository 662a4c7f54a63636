"""The corpus builder refuses what would make the accuracy numbers lie."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "corpus"))
from build import CorpusError, build  # noqa: E402


def _doc(tmp_path: Path, name: str, text: str) -> Path:
    src = tmp_path / "src"
    path = src / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return src


def test_unlabeled_occurrence_is_refused_with_file_and_line(tmp_path: Path) -> None:
    src = _doc(tmp_path, "cat/a.md", "Our ⟦clients⟧ and\nour customers.\n")
    with pytest.raises(CorpusError, match=r"cat/a.md:2: unlabeled occurrence 'customers'"):
        build(src, tmp_path / "out")


@pytest.mark.parametrize("bad", ["⟦clientele⟧ here", "⟦client here", "the ⟦our client⟧ word"])
def test_malformed_marker_is_refused(tmp_path: Path, bad: str) -> None:
    with pytest.raises(CorpusError):
        build(_doc(tmp_path, "cat/b.md", bad), tmp_path / "out")


def test_labels_have_exact_code_point_columns_and_text_loses_its_markers(tmp_path: Path) -> None:
    src = _doc(tmp_path, "cat/c.md", "Café 👍 ⟦customers!clients⟧ and ⟦Client’s⟧ file\n")
    labels = build(src, tmp_path / "out")
    text = (tmp_path / "out" / "cat" / "c.md").read_text(encoding="utf-8")
    assert text == "Café 👍 customers and Client’s file\n"
    assert [(x.line, x.column, x.end_column, x.label, x.word, x.expected) for x in labels] == [
        (1, 8, 17, "flag", "customers", "clients"),
        (1, 22, 30, "ok", "Client’s", None),
    ]
    assert json.loads((tmp_path / "out" / "labels.json").read_text())[0]["category"] == "cat"


def test_crlf_document_is_written_with_crlf_and_lines_counted_as_the_linter_does(tmp_path: Path) -> None:
    src = _doc(tmp_path, "cat/d.crlf.txt", "one\ntwo ⟦clients'⟧\n")
    labels = build(src, tmp_path / "out")
    assert (tmp_path / "out" / "cat" / "d.txt").read_bytes() == b"one\r\ntwo clients'\r\n"
    assert [(x.line, x.column, x.end_column) for x in labels] == [(2, 5, 13)]
