"""--fix and --diff: only the flagged words change, every form round-trips, writes are safe."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import termsense
from termsense import fix
from termsense.document import Source
from termsense.errors import InputError

LEGAL = "Our attorneys hold a retainer for each {word} before the first court hearing."
RETAIL = "{word} who order a latte at the counter pay at the till and get a receipt."
EVERY_FIX = termsense.Settings(min_confidence=0.0, fix_confidence=0.0)


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "termsense", "check", *args], capture_output=True, text=True, cwd=cwd)


def fixed_text(text: str, *, unsafe: bool = False) -> str:
    source = Source.from_text(text)
    return fix.plan(source, termsense.lint_text(text, config=EVERY_FIX), unsafe=unsafe).text


@pytest.mark.parametrize(
    ("template", "before", "after"),
    [
        (LEGAL, "customer", "client"), (LEGAL, "Customer", "Client"), (LEGAL, "CUSTOMER", "CLIENT"),
        (LEGAL, "customers", "clients"), (LEGAL, "customer's", "client's"), (LEGAL, "customer’s", "client’s"),
        (LEGAL, "customers'", "clients'"), (LEGAL, "customers’", "clients’"),
        (LEGAL, "customer-facing", "client-facing"),
        (RETAIL, "Clients", "Customers"), (RETAIL, "CLIENTS", "CUSTOMERS"),
    ],
)
def test_every_form_round_trips(template: str, before: str, after: str) -> None:
    assert fixed_text(template.format(word=before)) == template.format(word=after)


def test_several_fixes_on_one_line_and_in_link_text_and_tables() -> None:
    text = (
        "Our attorneys hold a retainer for each customer and every customer's file before the court hearing.\n\n"
        "| fee | who |\n|---|---|\n| retainer held by our attorneys | each customer before the court hearing |\n\n"
        "Our attorneys hold a retainer for [each customer](https://x.test/customer) before the court hearing.\n"
    )
    assert fixed_text(text) == text.replace("each customer and every customer's", "each client and every client's") \
        .replace("| each customer before", "| each client before").replace("[each customer]", "[each client]")


def test_overlapping_edits_apply_the_later_and_skip_the_other() -> None:
    source = Source.from_text("abcdef")
    first = termsense.Finding("p", 1, 1, 1, 4, "X", "m", "abc", "X", 1.0, fix=fix_edit(0, 3, "X"))
    second = termsense.Finding("p", 1, 3, 1, 6, "X", "m", "cde", "Y", 1.0, fix=fix_edit(2, 5, "Y"))
    planned = fix.plan(source, [first, second], unsafe=False)
    assert planned.text == "abYf"  # the later edit is applied first; the overlapping one is skipped
    assert (planned.fixed, planned.skipped) == ((second,), (first,))


def fix_edit(start: int, end: int, text: str) -> termsense.findings.Fix:
    from termsense.findings import Edit, Fix

    return Fix("safe", (Edit(start, end, text),))


def test_adjacent_edits_both_apply() -> None:
    source = Source.from_text("abcd")
    a = termsense.Finding("p", 1, 1, 1, 3, "X", "m", "ab", "1", 1.0, fix=fix_edit(0, 2, "1"))
    b = termsense.Finding("p", 1, 3, 1, 5, "X", "m", "cd", "2", 1.0, fix=fix_edit(2, 4, "2"))
    assert fix.plan(source, [a, b], unsafe=False).text == "12"


def test_review_tier_findings_have_no_fix() -> None:
    [finding] = termsense.lint_text(LEGAL.format(word="customer"), config=termsense.Settings(fix_confidence=1.0))
    assert finding.fix is None


def test_inconsistency_below_the_fix_confidence_is_a_review_item_with_no_fix() -> None:
    text = "Our tutors meet each client weekly.\n\nClients get a report.\n\nEvery customer may reschedule.\n"
    strict = termsense.Settings(min_confidence=0.0, fix_confidence=0.999)
    [finding] = termsense.lint_text(text, config=strict)
    assert finding.rule == "CC003" and finding.confidence < strict.fix_confidence
    assert finding.fix is None


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("crlf-bom-no-final-newline", "\ufeff" + LEGAL.format(word="customer") + "\r\nend  \r\n`customer` stays"),
        ("trailing-space", LEGAL.format(word="customer") + "   \n\n    customer in code\n"),
    ],
)
def test_fix_in_place_changes_only_the_span(tmp_path: Path, name: str, data: str) -> None:
    path = tmp_path / "law.md"
    path.write_bytes(data.encode("utf-8"))
    path.chmod(0o640)
    result = run("--fix", "law.md", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert path.read_bytes() == data.replace("each customer", "each client", 1).encode("utf-8")
    assert oct(path.stat().st_mode & 0o777) == "0o640"
    assert result.stderr == "termsense: fixed 1 finding\n"
    assert run("--fix", "law.md", cwd=tmp_path).stderr == "termsense: fixed 0 findings\n"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".termsense-")]


def test_diff_prints_a_unified_diff_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "law.md"
    path.write_text(LEGAL.format(word="customer") + "\n", encoding="utf-8")
    before = path.read_bytes()
    result = run("--diff", "law.md", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "--- a/law.md", "+++ b/law.md", "@@ -1 +1 @@",
        "-" + LEGAL.format(word="customer"), "+" + LEGAL.format(word="client"),
    ]
    assert path.read_bytes() == before
    path.write_text("Nothing to fix.\n", encoding="utf-8")
    assert (run("--diff", "law.md", cwd=tmp_path).returncode, run("--diff", "law.md", cwd=tmp_path).stdout) == (0, "")


def test_file_changed_on_disk_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "law.md"
    path.write_bytes(b"new content")
    with pytest.raises(InputError, match="changed on disk"):
        fix.write_atomically(str(path), "law.md", b"old content", b"fixed")
    assert path.read_bytes() == b"new content"


def test_failed_write_leaves_the_original_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "law.md"
    path.write_bytes(b"original")

    def refuse(*_: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(InputError, match="cannot write the fix: Permission denied"):
        fix.write_atomically(str(path), "law.md", b"original", b"fixed")
    assert path.read_bytes() == b"original"
    assert [p.name for p in tmp_path.iterdir()] == ["law.md"]


def test_fix_and_diff_together_is_a_usage_error(tmp_path: Path) -> None:
    result = run("--fix", "--diff", ".", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr


FILLER = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)
WORDS = st.sampled_from(["customer", "Customers", "CUSTOMER'S", "customers’", "client", "Clients", "customer-facing"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(FILLER, WORDS), min_size=1, max_size=4), FILLER)
def test_fixing_then_linting_leaves_nothing_fixable_and_only_spans_change(parts: list, tail: str) -> None:
    text = LEGAL.format(word="customer") + "\n\n" + "".join(f + " " + w + " " for f, w in parts) + tail
    source = Source.from_text(text)
    findings = termsense.lint_text(text, config=EVERY_FIX)
    planned = fix.plan(source, findings, unsafe=True)
    again = termsense.lint_text(planned.text, config=EVERY_FIX)
    assert not [f for f in again if f.fix is not None and f.rule in {x.rule for x in planned.fixed}
                and (f.line, f.column) in {(x.line, x.column) for x in planned.fixed}]
    kept, cursor = [], 0
    for finding in sorted(planned.fixed, key=lambda f: f.fix.edits[0].start):
        edit = finding.fix.edits[0]
        kept.append(text[cursor:edit.start])
        cursor = edit.end
    kept.append(text[cursor:])
    rebuilt_outside = "".join(kept)
    new_outside, cursor = [], 0
    shift = 0
    for finding in sorted(planned.fixed, key=lambda f: f.fix.edits[0].start):
        edit = finding.fix.edits[0]
        new_outside.append(planned.text[cursor:edit.start + shift])
        cursor = edit.start + shift + len(edit.text)
        shift += len(edit.text) - (edit.end - edit.start)
    new_outside.append(planned.text[cursor:])
    assert "".join(new_outside) == rebuilt_outside


def test_findings_left_after_fix_have_positions_in_the_fixed_text(tmp_path: Path) -> None:
    import json

    # the quoted slip's fix is unsafe (it would misquote the partner): --fix leaves it, after the other
    line = ("Our attorneys hold a retainer for each of their customers before the court hearing, "
            "and as the partner puts it, \u201cevery customer gets a written engagement letter\u201d.\n")
    first, second = termsense.lint_text(line)
    assert (first.fix.applicability, second.fix.applicability) == ("safe", "unsafe")
    (tmp_path / "law.md").write_text(line, encoding="utf-8")
    result = run("--fix", "--format", "json", "law.md", cwd=tmp_path)
    fixed = line.replace("their customers", "their clients")
    assert (tmp_path / "law.md").read_text(encoding="utf-8") == fixed
    [left] = json.loads(result.stdout)
    assert (left["line"], left["column"], left["matched"]) == (1, fixed.index("every customer") + 7, "customer")
    assert result.returncode == 1


def test_fix_confidence_holds_back_inconsistency_fixes_below_it(tmp_path: Path) -> None:
    text = "Our tutors meet each client weekly.\n\nClients get a report.\n\nClients may call.\n\nEvery customer may reschedule.\n"
    [finding] = termsense.lint_text(text, config=EVERY_FIX)
    assert (finding.rule, finding.fix.applicability) == ("CC003", "safe") and finding.confidence < 0.999
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    run("--fix", "--fix-confidence", f"{finding.confidence + 0.0001:.4f}", "a.md", cwd=tmp_path)  # just above it
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == text
    run("--fix", "--fix-confidence", str(finding.confidence), "a.md", cwd=tmp_path)
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == text.replace("Every customer", "Every client")


SLIP_LINE = LEGAL.format(word="customer") + "\n"
FIXED_LINE = LEGAL.format(word="client") + "\n"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks here")
def test_fix_through_a_symlink_fixes_the_target_and_keeps_the_link(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(SLIP_LINE, encoding="utf-8")
    (tmp_path / "README.md").chmod(0o604)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "readme.md").symlink_to(Path("..") / "README.md")
    result = run("--fix", "docs/readme.md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "docs" / "readme.md").is_symlink()
    assert os.readlink(tmp_path / "docs" / "readme.md") == os.path.join("..", "README.md")
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == FIXED_LINE
    assert oct((tmp_path / "README.md").stat().st_mode & 0o777) == "0o604"
    assert not list((tmp_path / "docs").glob(".termsense-*")) and not list(tmp_path.glob(".termsense-*"))


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks here")
def test_fix_through_a_link_that_points_outside_the_tree_writes_the_target(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "shared.md").write_text(SLIP_LINE, encoding="utf-8")
    tree = tmp_path / "tree"
    (tree / "docs").mkdir(parents=True)
    (tree / "docs" / "shared.md").symlink_to(outside / "shared.md")
    result = run("--fix", "docs", cwd=tree)
    assert result.returncode == 0, result.stderr
    assert (tree / "docs" / "shared.md").is_symlink()
    assert (outside / "shared.md").read_text(encoding="utf-8") == FIXED_LINE


def test_fix_of_a_hard_linked_file_keeps_the_link(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(SLIP_LINE, encoding="utf-8")
    os.link(tmp_path / "a.md", tmp_path / "b.md")
    result = run("--fix", "a.md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "b.md").read_text(encoding="utf-8") == FIXED_LINE
    assert (tmp_path / "a.md").stat().st_ino == (tmp_path / "b.md").stat().st_ino


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="changing owners needs root")
def test_fix_keeps_the_owner_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(SLIP_LINE, encoding="utf-8")
    os.chown(path, 4321, 4322)
    result = run("--fix", "a.md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (path.read_text(encoding="utf-8"), path.stat().st_uid, path.stat().st_gid) == (FIXED_LINE, 4321, 4322)


def test_fix_of_stdin_prints_the_fixed_text_and_the_findings_left_on_stderr(tmp_path: Path) -> None:
    fixed = subprocess.run([sys.executable, "-m", "termsense", "check", "--fix", "-"], input=SLIP_LINE,
                           capture_output=True, text=True, cwd=tmp_path)
    assert (fixed.returncode, fixed.stdout, fixed.stderr) == (0, FIXED_LINE, "termsense: fixed 1 finding\n")
    review = subprocess.run([sys.executable, "-m", "termsense", "check", "--fix", "--fix-confidence", "1", "-"],
                            input=SLIP_LINE, capture_output=True, text=True, cwd=tmp_path)
    assert (review.returncode, review.stdout) == (1, SLIP_LINE)
    assert review.stderr.startswith('-:1:40: CC001 "customer" where the context is legal services')


def test_diff_of_stdin_is_a_diff(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "termsense", "check", "--diff", "-"], input=SLIP_LINE,
                            capture_output=True, text=True, cwd=tmp_path)
    assert (result.returncode, result.stdout.splitlines()[:3]) == (1, ["--- a/-", "+++ b/-", "@@ -1 +1 @@"])


@pytest.mark.parametrize("quote", ["“{}”", '"{}"'])
def test_a_word_inside_a_quotation_gets_an_unsafe_fix(quote: str) -> None:
    """Changing a quotation misquotes its author: the fix waits for --unsafe-fixes."""
    said = "our attorneys hold a retainer for each customer before the first court hearing"
    text = f"The firm's charter says: {quote.format(said)}.\n"
    [finding] = termsense.lint_text(text, config=EVERY_FIX)
    assert finding.fix is not None and finding.fix.applicability == "unsafe"
    assert fixed_text(text) == text
    assert fixed_text(text, unsafe=True) == text.replace("each customer", "each client")
    [plain] = termsense.lint_text(LEGAL.format(word="customer"), config=EVERY_FIX)
    assert plain.fix is not None and plain.fix.applicability == "safe"
