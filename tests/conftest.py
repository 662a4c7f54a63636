"""Shared helpers: lint at confidence 0 so tests see every decision, and a legal-context slip."""

from __future__ import annotations

import os

import pytest

import termsense

EVERYTHING = termsense.Settings(min_confidence=0.0)
LEGAL = "Our attorneys hold a retainer for each {word} before the first court hearing."


@pytest.fixture(autouse=True, scope="session")
def _pattern_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Compiled patterns go to a cache of the test run's own (subprocesses inherit it), never
    to the user's."""
    os.environ["TERMSENSE_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


def lint(text: str, fmt: str = "md") -> list[termsense.Finding]:
    return termsense.lint_text(text, format=fmt, config=EVERYTHING)


@pytest.fixture
def slip() -> str:
    """A sentence whose 'customer' (column 40 when it starts a line) is a CC001 slip."""
    return LEGAL.format(word="customer")
