"""The language server on a one-megabyte document: how long after a change the diagnostics
arrive (the issue's budget is 300 ms), and that the server keeps answering while it lints."""

from __future__ import annotations

import asyncio
import statistics
import time
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient

from bigdoc import document
from lsp_client import SERVER, change, config, diagnostics, open_document, start

pytestmark = pytest.mark.asyncio


@pytest_lsp.fixture(config=config(SERVER))
async def client(lsp_client: LanguageClient, tmp_path: Path):
    # house style on: every "customer" is a finding (CC004), so the diagnostics carry weight
    # whatever the verdict model makes of a long document
    (tmp_path / "termsense.toml").write_text('prefer = "client"\n')
    await start(lsp_client, tmp_path)
    yield
    await lsp_client.shutdown_session()


async def change_latencies(client: LanguageClient, folder: Path, edits: int) -> list[float]:
    """Seconds from sending a one-character change to receiving its diagnostics."""
    text = document()
    assert len(text.encode()) >= 1_000_000
    uri = open_document(client, folder / "handbook.md", text)
    expected = len(await diagnostics(client, uri, 1))
    assert expected > 0
    first = text.index("## Section 2")
    latencies = []
    for version in range(2, edits + 2):
        at = types.Position(text.count("\n", 0, first), len("## Section 2"))
        started = time.perf_counter()
        change(client, uri, version, "x", types.Range(at, at))
        assert len(await diagnostics(client, uri, version)) == expected
        latencies.append(time.perf_counter() - started)
    return latencies


async def test_one_megabyte_document_answers_a_change_within_a_second(client: LanguageClient, tmp_path: Path) -> None:
    latencies = await change_latencies(client, tmp_path, 3)
    print(f"\n1 MB document, change -> diagnostics: {', '.join(f'{1000 * s:.0f} ms' for s in latencies)}")
    assert max(latencies) < 1.0


@pytest.mark.slow
async def test_one_megabyte_document_answers_a_change_within_300_ms(client: LanguageClient, tmp_path: Path) -> None:
    latencies = await change_latencies(client, tmp_path, 10)
    print(
        f"\n1 MB document, change -> diagnostics: median {1000 * statistics.median(latencies):.0f} ms, "
        f"max {1000 * max(latencies):.0f} ms"
    )
    assert statistics.median(latencies) < 0.3


async def test_server_answers_a_hover_while_a_big_document_is_being_linted(
    client: LanguageClient, tmp_path: Path
) -> None:
    small = open_document(client, tmp_path / "small.md", "The HTTP client retries the request after a timeout.\n")
    await diagnostics(client, small, 1)
    big = open_document(client, tmp_path / "dense.md", document(size=300_000, term_share=1.0))
    linted = asyncio.ensure_future(diagnostics(client, big, 1))
    hover = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(small), types.Position(0, 9))
    )
    assert hover is not None and not linted.done()  # answered before the big lint finished
    assert len(await linted) > 0
