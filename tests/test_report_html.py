"""`termsense report`: the tree's summary, map, consistency view and findings, as JSON and as
one self-contained HTML page (the browser test is test_report_html_browser.py)."""

from __future__ import annotations

import io
import json
import os
import pty
import re
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

import termsense
from termsense import tree
from termsense.cli import main
from termsense.findings import Surveyed
from termsense.packs import RuleSpec
from termsense.report import assets, html
from termsense.survey import Progress

TREE = {
    "legal/engagement.md": "# Engagements\n\nOur solicitors meet each client before the first court hearing.\n"
                           "The client signs an engagement letter and pays a retainer.\n",
    "legal/fees.md": "# Fees\n\nEach client agrees an hourly rate in the engagement letter.\n"
                     "Our attorneys bill every client monthly for court work.\n",
    "legal/wills.md": "# Wills\n\nOur solicitors draft a will for each client and keep the client's deeds in our strongroom.\n",
    "legal/family/custody.md": "# Custody\n\nA family lawyer advises each client on custody before the hearing.\n",
    "legal/intake.md": "# Intake\n\nOur attorneys hold a retainer for each customer before the first court hearing.\n",
    "legal/contact.md": "# Contact\n\nWe answer every customer within one business day.\n\nEach customer gets a reply by e-mail.\n",
    "shop/orders.md": "# Orders\n\nCustomers order coffee at the counter and pay at the till.\n"
                      "A customer can add a pastry to any order.\n",
    "shop/returns.md": "# Returns\n\nA customer may return goods with the receipt within 30 days.\n",
    "shop/loyalty.md": "# Loyalty\n\nEvery customer collects a stamp with each coffee they buy.\n",
    "shop/faq.md": "# FAQ\n\nOrder in the app and pick up your coffee at the counter.\n"
                   "Clients who order ahead skip the queue and collect their drinks from the shelf.\n",
    "tech/http.md": "# HTTP\n\nThe HTTP client retries the request.\nConfigure the client-side cache.\n",
    "notes.txt": "Release notes: nothing about parties here.\n",
}


def write_tree(root: Path) -> Path:
    """A small docs tree of our own: a legal folder that says client (one slip, one document
    that says customer throughout), a shop that says customer (one slip), technical uses."""
    for name, text in TREE.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "docs"


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    write_tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    return "docs"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _report_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    code, out, err = _run(capsys, "report", "--no-config", "--format", "json", *args)
    assert (code, err) == (0, "")
    return json.loads(out)


def test_summary_counts_files_uses_per_sense_and_findings_per_band(docs: str, capsys: pytest.CaptureFixture[str]) -> None:
    summary = _report_json(capsys, docs)["summary"]
    assert (summary["files"], summary["files_with_terms"], summary["errors"]) == (12, 11, [])
    assert summary["occurrences"] == {
        "client": {"party": 8, "technical": 2, "fixed": 0, "name": 0, "mention": 0, "contrast": 0, "second-party": 0,
                   "accepted": 0},
        "customer": {"party": 7, "technical": 0, "fixed": 0, "name": 0, "mention": 0, "contrast": 0, "second-party": 0,
                     "accepted": 0},
    }
    assert summary["findings"] == {
        "total": 2, "fixable": 2, "unsafe_fixes": 0,
        "by_rule": {"CC001": {"high": 1, "medium": 0, "low": 0}, "CC002": {"high": 1, "medium": 0, "low": 0}},
    }


def test_report_findings_are_the_check_json_findings(docs: str, capsys: pytest.CaptureFixture[str]) -> None:
    report = _report_json(capsys, docs)
    code, out, _ = _run(capsys, "check", "--no-config", "--format", "json", docs)
    assert code == 1
    extra = {"directory", "band", "context"}
    assert [{k: v for k, v in f.items() if k not in extra} for f in report["findings"]] == json.loads(out)
    intake = report["findings"][0]
    assert (intake["path"], intake["line"], intake["column"], intake["rule"], intake["directory"], intake["band"]) == (
        "docs/legal/intake.md", 3, 40, "CC001", "docs/legal", "high",
    )
    assert intake["context"] == [
        {"line": 2, "text": ""},
        {"line": 3, "text": "Our attorneys hold a retainer for each customer before the first court hearing."},
    ]


def test_map_gives_party_uses_per_folder_subtree_and_per_file(docs: str, capsys: pytest.CaptureFixture[str]) -> None:
    tree_map = _report_json(capsys, docs)["map"]
    assert tree_map["root"] == "docs"
    assert [(d["path"], d["depth"], d["files"], d["files_with_party"], d["party"], d["house"]) for d in tree_map["directories"]] == [
        ("docs", 0, 12, 10, {"client": 8, "customer": 7}, None),
        ("docs/legal", 1, 6, 6, {"client": 7, "customer": 3}, "client"),
        ("docs/legal/family", 2, 1, 1, {"client": 1, "customer": 0}, None),
        ("docs/shop", 1, 4, 4, {"client": 1, "customer": 4}, "customer"),
    ]
    files = {f["path"]: (f["party"], f["set_aside"], f["findings"]) for f in tree_map["files"]}
    assert files["docs/legal/contact.md"] == ({"client": 0, "customer": 2}, 0, 0)
    assert files["docs/tech/http.md"] == ({"client": 0, "customer": 0}, 2, 0)
    assert "docs/notes.txt" not in files


def test_document_against_its_folders_house_word_is_listed(docs: str, capsys: pytest.CaptureFixture[str]) -> None:
    consistency = _report_json(capsys, docs)["consistency"]
    assert consistency["outliers"] == [
        {
            "path": "docs/legal/contact.md", "term": "customer", "party": {"client": 0, "customer": 2},
            "context": "docs/legal", "context_party": {"client": 7, "customer": 1}, "house": "client", "share": 0.875,
            "findings": 0,
        },
        {   # also CC001's finding; contact.md is the drift no rule catches (no legal cue in it)
            "path": "docs/legal/intake.md", "term": "customer", "party": {"client": 0, "customer": 1},
            "context": "docs/legal", "context_party": {"client": 7, "customer": 2}, "house": "client", "share": 0.778,
            "findings": 1,
        },
    ]


def _surveyed(path: str, *terms: str) -> Surveyed:
    return Surveyed(path, [], {(term, "party"): count for term, count in Counter(terms).items()}, {})


def _outliers(*files: Surveyed) -> list[tuple[str, str, str]]:
    data = tree.build(files, [], [], ["client", "customer"], ["d"], "0")
    return [(o["path"], o["term"], o["context"]) for o in data["consistency"]["outliers"]]


def test_a_folder_with_too_few_uses_defers_to_its_parent() -> None:
    files = [
        _surveyed("d/a/one.md", "client", "client", "client"),
        _surveyed("d/a/two.md", "client", "client", "client"),
        _surveyed("d/b/odd.md", "customer"),
        _surveyed("d/b/few.md", "client"),
    ]
    assert _outliers(*files) == [("d/b/odd.md", "customer", "d")]


def test_no_outlier_without_a_clear_majority_or_with_a_tied_document() -> None:
    split = [_surveyed(f"d/{n}.md", "client", "customer") for n in range(4)]
    assert _outliers(*split, _surveyed("d/x.md", "customer")) == []  # the folder is split half and half
    clear = [_surveyed(f"d/{n}.md", "client", "client") for n in range(3)]
    assert _outliers(*clear, _surveyed("d/tie.md", "client", "customer")) == []  # the document is tied
    assert _outliers(*clear, _surveyed("d/x.md", "customer")) == [("d/x.md", "customer", "d")]


def test_a_folder_needs_two_other_documents_to_have_a_house_word() -> None:
    one_big = _surveyed("d/big.md", *["client"] * 9)
    assert _outliers(one_big, _surveyed("d/x.md", "customer")) == []


class _Page(HTMLParser):
    """Elements by id and class, and whether each finding is hidden, from the static markup."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: dict[str, dict[str, str | None]] = {}
        self.classes: Counter[str] = Counter()
        self.findings: list[dict[str, str | None]] = []
        self.tags: Counter[str] = Counter()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags[tag] += 1
        if "id" in attributes:
            self.ids[attributes["id"] or ""] = attributes
        self.classes.update((attributes.get("class") or "").split())
        if "finding" in (attributes.get("class") or "").split():
            self.findings.append(attributes)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _page(docs: str, capsys: pytest.CaptureFixture[str]) -> tuple[str, _Page]:
    code, out, err = _run(capsys, "report", "--no-config", docs, "-o", "report.html")
    assert (code, out, err) == (0, "", "")
    page = Path("report.html").read_text(encoding="utf-8")
    parser = _Page()
    parser.feed(page)
    return page, parser


def test_page_is_self_contained_with_no_network_resource(docs: str, capsys: pytest.CaptureFixture[str]) -> None:
    page, parsed = _page(docs, capsys)
    assert not parsed.tags.keys() & {"link", "img", "iframe", "object", "embed", "video", "audio", "source"}
    assert "src=" not in page and "srcset=" not in page and "url(" not in page and "@import" not in page
    assert "//" not in assets.CSS and "http" not in assets.SCRIPT and "fetch(" not in assets.SCRIPT
    links = re.sub(r'<a (class="rule" )?href="https?://[^"]*"', "<a", page)  # rule docs links are links, not loads
    assert "http://" not in links and "https://" not in links


def test_page_shows_every_finding_and_hides_the_filters_without_script(docs: str, capsys: pytest.CaptureFixture[str]) -> None:
    page, parsed = _page(docs, capsys)
    assert [(f["data-rule"], f["data-directory"], "hidden" in f) for f in parsed.findings] == [
        ("CC001", "docs/legal", False), ("CC002", "docs/shop", False),
    ]
    assert "hidden" in parsed.ids["filters"]
    assert 'Fix: <del>customer</del> → <ins>client</ins>' in page
    assert "for each <mark>customer</mark> before" in page
    assert parsed.classes["flag"] == 2  # contact.md and intake.md, against their folder, in the map
    data = parsed.ids["report-data"]
    assert data["type"] == "application/json"


def _embedded(page: str) -> dict:
    opening = '<script type="application/json" id="report-data">'
    start = page.index(opening) + len(opening)
    return json.loads(page[start:page.index("</script>", start)])


def test_embedded_data_is_the_json_output(docs: str, capsys: pytest.CaptureFixture[str]) -> None:
    page, _ = _page(docs, capsys)
    assert _embedded(page) == _report_json(capsys, docs)


def test_text_that_looks_like_markup_is_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("Our attorneys hold a retainer for each customer </script><b>x</b> before court.\n", encoding="utf-8")
    code, _, _ = _run(capsys, "report", "--no-config", "a.md", "-o", "r.html")
    page = Path("r.html").read_text(encoding="utf-8")
    assert code == 0
    assert "<b>x</b>" not in page and "&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;" in page
    assert _embedded(page)["findings"][0]["context"][0]["text"].endswith("customer </script><b>x</b> before court.")


def _one_finding_page(url: str | None) -> str:
    rule = RuleSpec("XX001", "x-rule", "mismatch", "a", "b", True, "a for b", "{matched}", "", "", "", "", (), (), url=url)
    data = tree.build([], [], [rule], ["a", "b"], ["."], "0")
    data["findings"] = [{
        "path": "a.md", "line": 1, "column": 1, "end_line": 1, "end_column": 2, "rule": "XX001", "message": "m",
        "matched": "a", "replacement": "b", "confidence": 0.8, "evidence": [], "fix": None, "directory": ".",
        "band": "medium", "context": [],
    }]
    data["summary"]["findings"]["by_rule"] = {"XX001": {"high": 0, "medium": 1, "low": 0}}
    return html.render(data)


def test_rule_links_go_to_the_rule_docs_when_a_pack_names_them() -> None:
    page = _one_finding_page("https://example.org/rules/XX001")
    assert '<a class="rule" href="https://example.org/rules/XX001">XX001</a>' in page
    assert '<a href="https://example.org/rules/XX001">XX001 x-rule</a>' in page
    assert 'Suggested: <del>a</del> → <ins>b</ins>' in page


def test_rule_without_docs_url_links_to_its_row_in_the_summary() -> None:
    page = _one_finding_page(None)
    assert '<a class="rule" href="#rule-XX001">XX001</a>' in page
    assert '<tr id="rule-XX001"><th scope="row">XX001 x-rule<br>' in page


def test_builtin_rules_link_to_the_docs_shipped_with_the_pack(docs: str, capsys: pytest.CaptureFixture[str]) -> None:
    page, _ = _page(docs, capsys)
    url = _embedded(page)["rules"]["CC001"]["url"]
    assert url.startswith("file://") and url.endswith("/client-customer.md#cc001")
    assert f'<a class="rule" href="{url}">CC001</a>' in page


def test_unreadable_file_is_named_listed_in_the_report_and_exits_2(docs: str, capsys: pytest.CaptureFixture[str]) -> None:
    Path("docs/broken.md").write_bytes(b"\xff\xfe c\x00l\x00")
    code, out, err = _run(capsys, "report", "--no-config", docs, "-o", "report.html")
    assert (code, out, err) == (2, "", "termsense: docs/broken.md: UTF-16 text is not supported; save the file as UTF-8\n")
    assert "docs/broken.md: UTF-16 text is not supported" in Path("report.html").read_text(encoding="utf-8")


def test_unwritable_output_is_one_line_and_exit_2(docs: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "report", "--no-config", docs, "-o", "missing-folder/report.html")
    assert (code, out) == (2, "")
    assert err == "termsense: --output-file: missing-folder/report.html: No such file or directory\n"


def test_empty_tree_gives_a_page_that_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    Path("plain.md").write_text("Nothing here.\n", encoding="utf-8")
    code, out, _ = _run(capsys, "report", "--no-config", "plain.md")
    assert code == 0
    assert 'id="map-empty"' in out and 'id="no-findings"' in out and '<dd id="files-checked">1</dd>' in out


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_counts_files_on_a_terminal_only() -> None:
    terminal, log = _Terminal(), io.StringIO()
    for stream in (terminal, log):
        progress = Progress(3, stream, interval=3600)
        for _ in range(3):
            progress()
        progress.close()
    assert terminal.getvalue() == "\rtermsense: 1 / 3 files\rtermsense: 3 / 3 files\n"
    assert log.getvalue() == ""


def test_survey_text_and_report_agree_on_one_file(docs: str, capsys: pytest.CaptureFixture[str]) -> None:
    findings, usages = termsense.survey_text(TREE["legal/contact.md"], path="docs/legal/contact.md")
    report = _report_json(capsys, "docs/legal/contact.md")
    assert report["summary"]["occurrences"]["customer"]["party"] == sum(u.sense == "party" for u in usages) == 2
    assert report["findings"] == findings == []


def test_report_shows_progress_when_stderr_is_a_terminal(tmp_path: Path) -> None:
    write_tree(tmp_path)
    leader, follower = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "termsense", "report", "--no-config", "docs", "-o", "report.html"],
            cwd=tmp_path, stdout=subprocess.PIPE, stderr=follower, timeout=120,
        )
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # Linux reports the end of a pty as an error
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
    assert result.returncode == 0
    assert shown.decode().endswith("termsense: 12 / 12 files\r\n")  # the terminal turns \n into \r\n


def test_a_sense_the_table_does_not_know_gets_its_own_column_and_is_no_party_use() -> None:
    surveyed = Surveyed("d/a.md", [], {("client", "party"): 2, ("client", "borrowed"): 3}, {})
    data = tree.build([surveyed], [], [], ["client", "customer"], ["d"], "0")
    assert data["senses"] == [*tree.SENSES, "borrowed"]
    assert data["summary"]["occurrences"]["client"] == {**{s: 0 for s in tree.SENSES}, "party": 2, "borrowed": 3}
    assert [(f["path"], f["party"], f["set_aside"]) for f in data["map"]["files"]] == [("d/a.md", {"client": 2, "customer": 0}, 3)]


def test_accept_list_from_the_config_shows_as_accepted_uses(docs: str, capsys: pytest.CaptureFixture[str]) -> None:
    Path("termsense.toml").write_text('accept = ["Client Portal"]\n', encoding="utf-8")
    Path("docs/shop/portal.md").write_text("# Portal\n\nLog in to the Client Portal to see your orders.\n", encoding="utf-8")
    code, out, err = _run(capsys, "report", "--format", "json", docs)
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["summary"]["occurrences"]["client"]["accepted"] == 1
    assert [(f["party"], f["set_aside"]) for f in data["map"]["files"] if f["path"] == "docs/shop/portal.md"] == [
        ({"client": 0, "customer": 0}, 1),
    ]
