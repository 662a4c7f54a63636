"""The language server end to end where each test needs a server of its own: config files
and their reloading, workspace folders, other position encodings, a failing engine,
coalesced changes and shutdown. A real LSP client (pytest-lsp) drives `python -m termsense
server` over stdio."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities

from lsp_client import FAILING, LAW, SERVER, Recorder, change, config, diagnostics, mark, open_document, start

pytestmark = pytest.mark.asyncio


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    return tmp_path


@pytest_lsp.fixture(config=config(SERVER))
async def client(lsp_client: LanguageClient, folder: Path):
    lsp_client.init_result = await start(lsp_client, folder)  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=config(SERVER))
async def utf8_client(lsp_client: LanguageClient, folder: Path):
    capabilities = client_capabilities("visual-studio-code")
    capabilities.general = types.GeneralClientCapabilities(position_encodings=[types.PositionEncodingKind.Utf8])
    lsp_client.init_result = await start(lsp_client, folder, capabilities)  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=config(SERVER))
async def unwatching_client(lsp_client: LanguageClient, folder: Path):
    capabilities = client_capabilities("visual-studio-code")
    assert capabilities.workspace is not None
    capabilities.workspace.did_change_watched_files = None  # as an editor that watches no files
    await start(lsp_client, folder, capabilities)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=config(FAILING))
async def failing_client(lsp_client: LanguageClient, folder: Path):
    await start(lsp_client, folder)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=config(SERVER + ["--log-level", "debug"]))
async def logging_client(lsp_client: LanguageClient, folder: Path):
    await start(lsp_client, folder)
    yield
    await lsp_client.shutdown_session()


async def test_quick_changes_are_coalesced_into_one_lint_of_the_last_version(
    logging_client: LanguageClient, folder: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    client = logging_client
    (folder / "termsense.toml").write_text('prefer = "client"\n')  # CC004: a finding whatever the length
    text = (
        LAW + "\nThe team keeps its notes on each client in one place, and reviews them every week.\n" * 3000
    )  # a lint takes a while: every paragraph holds a term
    uri = open_document(client, folder / "docs" / "fees.md", text)
    await diagnostics(client, uri, 1)
    for version in range(2, 7):  # typing "x" five times at the start of line 3, faster than a lint
        at = types.Position(2, version - 2)
        change(client, uri, version, "x", types.Range(at, at))
    assert len(await diagnostics(client, uri, 6)) == 1
    recorder: Recorder = client.recorder  # type: ignore[attr-defined]
    # v2 is linted at once when the server saw the document at rest (on a loaded machine it
    # may not have), and published when nothing newer had come in by then; v3-v5 are never
    # linted: once the lint in flight ends, only the last version is
    published = [p.version for p in recorder.published if p.uri == uri]
    assert published in ([1, 6], [1, 2, 6])
    linted = re.findall(r"linted \S+fees\.md \(v(\d+),", capfd.readouterr().err)
    assert linted in (["1", "2", "6"], ["1", "6"])


async def test_positions_count_utf8_bytes_when_the_client_offers_utf8(
    utf8_client: LanguageClient, folder: Path
) -> None:
    assert utf8_client.init_result.capabilities.position_encoding == types.PositionEncodingKind.Utf8  # type: ignore[attr-defined]
    text = "\U0001f600 Our customers receive a written update from their solicitor after every court hearing.\n"
    uri = open_document(utf8_client, folder / "docs" / "emoji.md", text)
    (found,) = await diagnostics(utf8_client, uri, 1)
    assert found.range == types.Range(types.Position(0, 9), types.Position(0, 18))


async def test_closest_config_decides_per_document_and_reloads_when_it_changes(
    client: LanguageClient, folder: Path
) -> None:
    config = folder / "docs" / "termsense.toml"
    config.write_text('ignore = ["CC001"]\n')
    (folder / "termsense.toml").write_text('ignore = ["CC002"]\n')
    quiet = open_document(client, folder / "docs" / "fees.md", LAW)
    loud = open_document(client, folder / "fees.md", LAW)
    assert await diagnostics(client, quiet, 1) == []
    assert [d.code for d in await diagnostics(client, loud, 1)] == ["CC001"]
    recorder: Recorder = client.recorder  # type: ignore[attr-defined]
    assert [r.method for r in recorder.registrations] == [types.WORKSPACE_DID_CHANGE_WATCHED_FILES]
    config.write_text('ignore = ["CC003"]\nseverity = { CC001 = "error" }\n')
    since = mark(client)
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams([types.FileEvent(config.as_uri(), types.FileChangeType.Changed)])
    )
    (found,) = await diagnostics(client, quiet, 1, since)
    assert (found.code, found.severity) == ("CC001", types.DiagnosticSeverity.Error)  # severity from the config


async def test_config_error_is_a_diagnostic_on_the_config_and_the_server_goes_on(
    client: LanguageClient, folder: Path
) -> None:
    config = folder / "termsense.toml"
    config.write_text('select = ["CC001"]\nmin-confidence = 3\n')
    uri = open_document(client, folder / "docs" / "fees.md", LAW)
    (problem,) = await diagnostics(client, config.as_uri())
    assert problem.range == types.Range(types.Position(1, 0), types.Position(2, 0))
    assert problem.severity == types.DiagnosticSeverity.Error
    assert problem.message == f"{config}:2: 'min-confidence' must be a number from 0 to 1, got 3"
    assert [d.code for d in await diagnostics(client, uri, 1)] == ["CC001"]  # defaults meanwhile
    config.write_text('select = ["CC002"]\n')
    since = mark(client)
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams([types.FileEvent(config.as_uri(), types.FileChangeType.Changed)])
    )
    assert await diagnostics(client, config.as_uri(), since=since) == []
    assert await diagnostics(client, uri, 1, since) == []  # the fixed config now applies


async def test_without_file_watching_an_edited_config_applies_at_the_next_change(
    unwatching_client: LanguageClient, folder: Path
) -> None:
    client = unwatching_client
    config = folder / "termsense.toml"
    config.write_text('ignore = ["CC001"]\n')
    uri = open_document(client, folder / "docs" / "fees.md", LAW)
    assert await diagnostics(client, uri, 1) == []
    recorder: Recorder = client.recorder  # type: ignore[attr-defined]
    assert recorder.registrations == []
    config.write_text('select = ["CC001"]\n')
    change(client, uri, 2, LAW + "\n")
    assert [d.code for d in await diagnostics(client, uri, 2)] == ["CC001"]


async def test_document_over_max_file_size_is_not_checked_and_says_so(client: LanguageClient, folder: Path) -> None:
    (folder / "termsense.toml").write_text("max-file-size = 0.0001\n")  # 100 bytes
    uri = open_document(client, folder / "docs" / "fees.md", LAW)
    assert await diagnostics(client, uri, 1) == []
    assert any("over max-file-size (0.0001 MB); not checked" in m.message for m in client.log_messages)


async def test_broken_toml_in_a_new_workspace_folder_is_reported_on_its_line(
    client: LanguageClient, tmp_path_factory
) -> None:
    other = tmp_path_factory.mktemp("other")
    config = other / "pyproject.toml"
    config.write_text('[project]\nname = "x"\n\n[tool.termsense]\nselect = ["CC001"\n')
    client.workspace_did_change_workspace_folders(
        types.DidChangeWorkspaceFoldersParams(
            types.WorkspaceFoldersChangeEvent(added=[types.WorkspaceFolder(other.as_uri(), "other")], removed=[])
        )
    )
    (problem,) = await diagnostics(client, config.as_uri())
    assert problem.message.startswith(f"{config}: invalid TOML: ")
    assert problem.range.start.line == 4


async def test_a_document_that_fails_to_lint_logs_and_the_server_stays_up(
    failing_client: LanguageClient, folder: Path
) -> None:
    broken = open_document(failing_client, folder / "docs" / "broken.md", LAW + "\nFAIL-HERE\n")
    assert await diagnostics(failing_client, broken, 1) == []
    assert any("could not lint" in m.message and m.type == types.MessageType.Error for m in failing_client.log_messages)
    fine = open_document(failing_client, folder / "docs" / "fees.md", LAW)
    assert [d.code for d in await diagnostics(failing_client, fine, 1)] == ["CC001"]


async def test_shutdown_and_exit_end_the_server_cleanly(lsp_client_factory=None) -> None:
    client = await config(SERVER).start()
    try:
        await start(client, Path.cwd())
        await client.shutdown_session()
        assert client._server is not None and client._server.returncode == 0  # noqa: SLF001
    finally:
        await client.stop()
