"""Bad input never crashes, hangs or loses data: each case names its input."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import termsense
from termsense.discover import Candidate
from termsense.errors import InputError
from termsense.run import check_file

SLIP = "Our attorneys hold a retainer for each customer."


def run(*args: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "termsense", "check", *args], capture_output=True, text=True, cwd=cwd, timeout=timeout
    )


def assert_one_clean_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if not line.startswith("Found ")]  # the summary line
    assert len(lines) == 1, lines
    for word in words:
        assert word in lines[0]


@pytest.mark.parametrize(
    ("name", "content"),
    [("empty.md", ""), ("whitespace.md", "  \n\t\n   "), ("whitespace.txt", "\r\n\r\n  \r\n")],
)
def test_empty_and_blank_files_pass_quietly(tmp_path: Path, name: str, content: str) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8", newline="")
    assert (run(name, cwd=tmp_path).returncode, run(name, cwd=tmp_path).stdout) == (0, "")


def test_ten_megabyte_single_line_is_checked_to_the_end(tmp_path: Path) -> None:
    # ten million characters of one token: the slip at the end is read in a short page, so
    # the model's length prior (long pages hold cues by chance) has no say in this test
    (tmp_path / "long.md").write_text("." * 9_999_999 + " " + SLIP, encoding="utf-8")
    result = run("--format", "json", "long.md", cwd=tmp_path)
    assert result.returncode == 1
    assert '"column": 10000040' in result.stdout


@pytest.mark.parametrize(
    "content",
    [
        "".join("  " * i + "- item\n" for i in range(1000)) + SLIP + "\n",
        ">" * 1000 + " " + SLIP + "\n",
        "".join("  " * i + "> - " for i in range(300)) + SLIP + "\n",
    ],
    ids=["lists-1000-deep", "quotes-1000-deep", "quoted-lists-300-deep"],
)
def test_deep_nesting_neither_crashes_nor_hangs(tmp_path: Path, content: str) -> None:
    (tmp_path / "deep.md").write_text(content, encoding="utf-8")
    result = run("deep.md", cwd=tmp_path, timeout=30)
    assert result.returncode in (0, 1)
    assert result.stderr == ""


def test_unterminated_fence_hides_the_rest_as_code(tmp_path: Path) -> None:
    (tmp_path / "fence.md").write_text("Intro.\n\n```\n" + SLIP + "\n", encoding="utf-8")
    assert run("fence.md", cwd=tmp_path).returncode == 0


def test_html_heavy_markdown_is_checked_only_in_its_prose(tmp_path: Path) -> None:
    content = "<div>\n" + SLIP + "\n</div>\n\n" + "<span>" * 5000 + "text</span>\n\n" + SLIP + "\n"
    (tmp_path / "html.md").write_text(content, encoding="utf-8")
    result = run("html.md", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("html.md:7:40: CC001")


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("binary.md", b"\x00\x01PNG customer \xff", "binary file"),
        ("latin1.md", "client caf\u00e9".encode("latin-1"), "invalid UTF-8 at byte 10"),
        ("utf16.md", ("\ufeff" + SLIP).encode("utf-16-le"), "UTF-16"),
    ],
)
def test_undecodable_file_is_one_line_error_and_others_are_still_checked(
    tmp_path: Path, name: str, data: bytes, problem: str
) -> None:
    (tmp_path / name).write_bytes(data)
    (tmp_path / "good.md").write_text(SLIP, encoding="utf-8")
    result = run(name, "good.md", cwd=tmp_path)
    assert_one_clean_error(result, name, problem)
    assert result.stdout.startswith("good.md:1:40: CC001")


def test_file_over_the_size_cap_is_reported_and_skipped(tmp_path: Path) -> None:
    (tmp_path / "huge.md").write_text("x" * 2_000_001, encoding="utf-8")
    (tmp_path / "good.md").write_text(SLIP, encoding="utf-8")
    result = run("--max-file-size", "2", "huge.md", "good.md", cwd=tmp_path)
    assert_one_clean_error(result, "huge.md", "over the 2 MB size limit (--max-file-size); skipped")
    assert result.stdout.startswith("good.md:1:40: CC001")


def test_missing_path_is_named(tmp_path: Path) -> None:
    assert_one_clean_error(run("nowhere.md", cwd=tmp_path), "nowhere.md", "no such file or directory")


def test_directory_symlink_loop_is_walked_once(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(SLIP, encoding="utf-8")
    os.symlink("..", tmp_path / "docs" / "loop")
    result = run("docs", cwd=tmp_path, timeout=30)
    assert result.returncode == 1
    assert result.stdout.count("CC001") == 1


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "secret.md"
    path.write_text(SLIP, encoding="utf-8")
    path.chmod(0)
    assert_one_clean_error(run("secret.md", cwd=tmp_path), "secret.md", "cannot read")


def test_unreadable_file_is_reported_even_as_root(tmp_path: Path) -> None:
    """A directory named like a Markdown file cannot be read as one, whoever runs it."""
    (tmp_path / "folder.md").mkdir()
    error = check_file(Candidate("folder.md", str(tmp_path / "folder.md"), "md"), termsense.Settings())
    assert isinstance(error, InputError) and "folder.md" in str(error)


def test_file_deleted_between_discovery_and_reading_is_reported() -> None:
    error = check_file(Candidate("gone.md", "/nonexistent/gone.md", "md"), termsense.Settings())
    assert isinstance(error, InputError)
    assert str(error) == "gone.md: no such file (removed while checking?)"


def test_output_pipe_closed_early_ends_quietly(tmp_path: Path) -> None:
    for i in range(200):
        (tmp_path / f"doc{i:03}.md").write_text(SLIP + "\n\n" + SLIP, encoding="utf-8")
    shell = f"{sys.executable} -m termsense check --jobs 1 . | head -1"
    result = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert result.stdout.startswith("./doc000.md:1:40: CC001")
    assert "Traceback" not in result.stderr and "Broken pipe" not in result.stderr


def test_ctrl_c_exits_130_without_a_traceback(tmp_path: Path) -> None:
    for i in range(300):
        (tmp_path / f"doc{i:03}.md").write_text((SLIP + "\n\n") * 200, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "termsense", "check", "--quiet", "--jobs", "1", "."],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    time.sleep(1.5)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert "Traceback" not in stderr


def test_ctrl_c_during_fix_leaves_every_file_whole(tmp_path: Path) -> None:
    original = (SLIP + "\n\n") * 200
    for i in range(300):
        (tmp_path / f"doc{i:03}.md").write_text(original, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "termsense", "check", "--fix", "--quiet", "--jobs", "1", "."],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    time.sleep(2.0)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130 and "Traceback" not in stderr
    fixed = original.replace("each customer", "each client")
    contents = {p.read_text(encoding="utf-8") for p in tmp_path.glob("doc*.md")}
    assert contents <= {original, fixed}
    assert not list(tmp_path.glob(".termsense-*"))


def test_permission_denied_on_read_is_named_even_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    path = tmp_path / "secret.md"
    path.write_text(SLIP, encoding="utf-8")
    real_open = builtins.open

    def refuse(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refuse)
    error = check_file(Candidate("secret.md", str(path), "md"), termsense.Settings())
    monkeypatch.setattr(builtins, "open", real_open)
    assert isinstance(error, InputError) and str(error) == "secret.md: cannot read: Permission denied"


def test_read_only_file_is_reported_by_fix_and_left_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from termsense import fix

    path = tmp_path / "law.md"
    path.write_bytes(SLIP.encode())
    monkeypatch.setattr(os, "access", lambda *_: False)
    with pytest.raises(InputError, match="law.md: read-only file; not fixed"):
        fix.write_atomically(str(path), "law.md", SLIP.encode(), b"fixed")
    assert path.read_bytes() == SLIP.encode()
