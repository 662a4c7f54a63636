"""Sense patterns compiled once per machine: a later process loads them instead of compiling,
and a cache that is missing, damaged, foreign or read-only changes nothing but speed."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
import regex

from termsense.cache import CACHE_ENV
from termsense.packs import builtin_path
from termsense.packs.patterns import Patterns

HTTP = r"(?<=http\s)client"


def store(*sources: str) -> Patterns:
    patterns = Patterns()
    for source in sources:
        patterns.add(source, lambda: AssertionError("never needed"))  # type: ignore[arg-type,return-value]
    return patterns


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return folder


def no_compiling(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled although cached")

    monkeypatch.setattr(regex, "compile", refuse)


def test_a_second_store_of_the_same_patterns_loads_them_without_compiling(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = store(HTTP, "customer").get(0)
    assert len(list(cache.glob("patterns-*"))) == 1
    no_compiling(monkeypatch)
    again = store(HTTP, "customer")
    assert again.get(0).pattern == first.pattern
    assert again.get(0).match("http client", 5, timeout=1.0) is not None  # timeouts still work
    assert again.get(1).match("CUSTOMER") is not None  # flags kept: case is ignored


def test_other_patterns_make_another_entry(cache: Path) -> None:
    store(HTTP).get(0)
    store(HTTP, "customer").get(0)
    assert len(list(cache.glob("patterns-*"))) == 2


def test_a_damaged_entry_is_compiled_again_and_replaced(cache: Path) -> None:
    store(HTTP).get(0)
    (entry,) = cache.glob("patterns-*")
    entry.write_bytes(b"not a pickle")
    assert store(HTTP).get(0).match("http client", 5) is not None
    assert entry.read_bytes() != b"not a pickle"


def test_an_entry_in_a_folder_others_can_write_to_is_not_trusted(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store(HTTP).get(0)
    cache.chmod(0o777)
    no_compiling(monkeypatch)
    with pytest.raises(AssertionError, match="compiled although cached"):
        store(HTTP).get(0)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_cache_folder_costs_nothing_but_speed(cache: Path) -> None:
    cache.mkdir()
    cache.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        assert store(HTTP).get(0).match("http client", 5) is not None
        assert list(cache.iterdir()) == []
    finally:
        cache.chmod(0o700)


def test_a_cache_path_that_is_a_file_costs_nothing_but_speed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    assert store(HTTP).get(0).match("http client", 5) is not None


def test_a_pack_is_parsed_once_and_loaded_from_the_cache_after(cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from termsense.packs import load

    text = builtin_path().read_text(encoding="utf-8")
    first = load._parsed(text)
    assert len(list(cache.glob("pack-*"))) == 1

    def refuse(source: str) -> None:
        raise AssertionError("parsed although cached")

    monkeypatch.setattr(load.toml, "loads", refuse)
    assert load._parsed(text) == first
    (entry,) = cache.glob("pack-*")
    entry.write_bytes(b"\x00damaged")
    with pytest.raises(AssertionError, match="parsed although cached"):
        load._parsed(text)
