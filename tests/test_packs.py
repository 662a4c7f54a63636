"""User packs: validated on load with errors naming file, key and line; patterns bounded in time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from termsense.errors import PackError
from termsense.packs import load_pack

MINIMAL = """[pack]
name = "mini"

[terms.client]
singular = "client"
plural = "clients"

[terms.customer]
singular = "customer"
plural = "customers"
"""


def write_pack(tmp_path: Path, extra: str, name: str = "pack.toml") -> Path:
    path = tmp_path / name
    path.write_text(MINIMAL + extra, encoding="utf-8")
    return path


def check(*args: str, cwd: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "termsense", "check", *args], cwd=cwd, input=stdin,
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('\n[context]\ndecay = "high"\n', r"pack.toml:13: 'context.decay' must be a list of 5 numbers, got 'high'"),
        ('\n[context]\nspeed = 1\n', r"pack.toml:13: unknown key 'context.speed'"),
        ('\n[[senses]]\nname = "x"\nkind = "technical"\nterms = ["patron"]\n', r"pack.toml:15: unknown term 'patron' in 'senses\[0\].terms'"),
        ('\n[[cues]]\nclass = "client"\nlabel = "x"\nweight = -1\nwords = ["a"]\n', r"pack.toml:15: 'cues\[0\].weight' must be a positive number, got -1"),
        ('\n[rules.X1]\nname = "x"\nkind = "mismatch"\nsummary = "s"\nmessage = "m"\n', r"pack.toml:12: 'rules.X1': a mismatch rule needs 'found' and 'expected'"),
        ("\n[pack\n", r"pack.toml: invalid TOML"),
        ('\n[context]\ncontrast-markers = ["while"]\ncontrast-exceptions = ["while (refusing"]\n',
         r"pack.toml:14: 'context.contrast-exceptions': bad pattern 'while \(refusing'"),
        ('\n[context]\nparty-nouns = ["shops"]\ndescriptions = ["we serve (unclosed {parties}"]\n',
         r"pack.toml:14: bad pattern in 'context.descriptions'"),
    ],
    ids=["wrong-type", "unknown-key", "unknown-term", "bad-weight", "incomplete-rule", "invalid-toml", "bad-exception",
         "bad-description"],
)
def test_malformed_pack_is_named_by_file_key_and_line(tmp_path: Path, extra: str, message: str) -> None:
    path = write_pack(tmp_path, extra)
    with pytest.raises(PackError, match=message):
        load_pack(str(path)).compiled()


def test_bad_pattern_is_refused_before_any_file_is_checked(tmp_path: Path) -> None:
    write_pack(tmp_path, '\n[[senses]]\nname = "broken"\nkind = "mention"\nterms = ["client"]\npatterns = ["{term} (unclosed"]\n')
    result = check("--pack", "pack.toml", "-", cwd=tmp_path, stdin="Our client.")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("termsense: pack.toml:16: bad pattern in 'senses[0]' (broken):")
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("before", ["", '\n[[senses]]\nname = "quick"\nkind = "fixed"\nterms = ["client"]\npatterns = ["{term} desk"]\n'])
def test_catastrophic_user_pattern_times_out_with_a_clear_error(tmp_path: Path, before: str) -> None:
    """The error names the sense to blame, also when its patterns run inside one alternation
    with an earlier sense's."""
    write_pack(tmp_path, before + '\n[[senses]]\nname = "slow"\nkind = "technical"\nterms = ["client"]\npatterns = [\'{term} (a|aa)+b\']\n')
    result = check("--pack", "pack.toml", "-", cwd=tmp_path, stdin="Our client " + "a" * 40 + "!\n")
    assert result.returncode == 2
    assert result.stderr == "termsense: pack.toml: pattern of sense 'slow' took over 1.0s; simplify it\n"


def test_every_cue_word_of_the_built_in_pack_matches_as_itself() -> None:
    """A word another list shadows is dead: "recruit*" matched "recruitment" before
    "recruitment agency" was tried, and a mask ("app store") hides a cue of the same words.
    Each listed word, alone, must match whole and resolve to a group of its own class."""
    import tomllib

    from termsense.packs import builtin_path

    pack = load_pack(str(builtin_path()), ())
    _, cues = pack.compiled()
    with open(builtin_path(), "rb") as handle:
        groups = tomllib.load(handle)["cues"]
    dead = []
    for group in groups:
        for word in group["words"]:
            text = word.rstrip("*").lower()
            if cues.spans(text) != [(0, len(text))]:
                dead.append((word, "not matched whole"))
                continue
            resolved = cues.resolve(text)
            if resolved is None or resolved[1].cls != group["class"]:
                dead.append((word, f"read as {resolved}"))
    assert dead == []


def test_a_catastrophic_description_times_out_with_a_clear_error(tmp_path: Path) -> None:
    write_pack(tmp_path, '\n[context]\nparty-nouns = ["shops"]\ndescriptions = [\'(a|aa)+b {parties}\']\n'
               '\n[[cues]]\nclass = "customer"\nlabel = "retail"\nweight = 2.0\nwords = ["till"]\n')
    result = check("--pack", "pack.toml", "-", cwd=tmp_path, stdin="Our client paid at the till in shops " + "a" * 40 + "!\n")
    assert result.returncode == 2
    assert result.stderr == "termsense: pack.toml: pattern of 'context.descriptions' took over 1.0s; simplify it\n"
