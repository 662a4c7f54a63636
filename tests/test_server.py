"""The language server end to end: a real LSP client (pytest-lsp) drives `python -m termsense
server` over stdio, as an editor would."""

from __future__ import annotations

import asyncio
import re
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

pytestmark = pytest.mark.asyncio

LAW = (
    "# Fees\n\nEvery matter starts with an engagement letter and a retainer.\n\n"
    "Our customers receive a written update from their solicitor after every court hearing.\n"
)
TWO = (
    "# Practice\n\nOur customers receive a written update from their solicitor after every court hearing.\n\n"
    "Each customer signs an engagement letter with the attorney before the first court date.\n"
)
SERVER = [sys.executable, "-m", "termsense", "server"]
# The same server, with the engine made to fail on one marker: how a bug in the engine looks.
FAILING = [sys.executable, "-c", (
    "import sys, termsense\n"
    "real = termsense.survey_text\n"
    "def survey(text, **options):\n"
    "    if 'FAIL-HERE' in text:\n"
    "        raise RuntimeError('engine failure made by the test')\n"
    "    return real(text, **options)\n"
    "termsense.survey_text = survey\n"
    "from termsense.cli import main\n"
    "sys.exit(main(['server']))\n"
)]


class Recorder:
    """What the client received that pytest-lsp does not keep: every publish with its
    version, and the server's capability registrations."""

    def __init__(self) -> None:
        self.published: list[types.PublishDiagnosticsParams] = []
        self.registrations: list[types.Registration] = []


def make_client() -> LanguageClient:
    """pytest-lsp's test client, recording publishes and registrations as well."""
    client = LanguageClient(converter_factory=default_converter)
    client.recorder = recorder = Recorder()  # type: ignore[attr-defined]

    def publish(ls: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        recorder.published.append(params)
        ls.diagnostics[params.uri] = params.diagnostics

    def register(ls: LanguageClient, params: types.RegistrationParams) -> None:
        recorder.registrations.extend(params.registrations)

    features = {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish,
                types.CLIENT_REGISTER_CAPABILITY: register}
    register_lsp_features(client, features)
    return client


async def start(client: LanguageClient, folder: Path, capabilities: types.ClientCapabilities | None = None) -> types.InitializeResult:
    return await client.initialize_session(types.InitializeParams(
        capabilities=capabilities or client_capabilities("visual-studio-code"),
        workspace_folders=[types.WorkspaceFolder(folder.as_uri(), folder.name)],
    ))


def config(command: list[str]) -> ClientServerConfig:
    return ClientServerConfig(server_command=command, client_factory=make_client)


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


async def diagnostics(client: LanguageClient, uri: str, version: int | None = None) -> list[types.Diagnostic]:
    """The next diagnostics published for `uri` (for `version`, when given)."""
    async def arrived() -> list[types.Diagnostic]:
        recorder: Recorder = client.recorder  # type: ignore[attr-defined]
        seen = len(recorder.published)
        while True:
            for params in recorder.published[seen:]:
                if params.uri == uri and (version is None or params.version == version):
                    return list(params.diagnostics)
            seen = len(recorder.published)
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)

    return await asyncio.wait_for(arrived(), 20)


def open_document(client: LanguageClient, path: Path, text: str, language: str = "markdown", version: int = 1) -> str:
    path.write_text(text, encoding="utf-8", newline="")
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, language, version, text)))
    return uri


def change(client: LanguageClient, uri: str, version: int, text: str, where: types.Range | None = None) -> None:
    event = types.TextDocumentContentChangeWholeDocument(text) if where is None else \
        types.TextDocumentContentChangePartial(range=where, text=text)
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(version=version, uri=uri), [event]))


def apply_edits(text: str, edits: list[types.TextEdit]) -> str:
    """Apply text edits whose positions count UTF-16 units, last first, as an editor does
    (written here independently of the server's own conversion)."""
    def offset(position: types.Position) -> int:
        lines = text.split("\n")
        start = sum(len(line) + 1 for line in lines[:position.line])
        line = lines[position.line] if position.line < len(lines) else ""
        prefix = line.encode("utf-16-le")[:2 * position.character].decode("utf-16-le")
        return start + len(prefix)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[:offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text


def edits_of(action: types.CodeAction, uri: str) -> list[types.TextEdit]:
    assert action.edit is not None and action.edit.document_changes is not None
    (change_,) = action.edit.document_changes
    assert isinstance(change_, types.TextDocumentEdit) and change_.text_document.uri == uri
    return list(change_.edits)


def whole(text: str) -> types.Range:
    return types.Range(types.Position(0, 0), types.Position(len(text.split("\n")), 0))


async def test_initialize_advertises_what_the_server_does(client: LanguageClient) -> None:
    result: types.InitializeResult = client.init_result  # type: ignore[attr-defined]
    capabilities = result.capabilities
    assert result.server_info is not None and result.server_info.name == "termsense"
    assert capabilities.position_encoding == types.PositionEncodingKind.Utf16
    assert capabilities.hover_provider
    assert isinstance(capabilities.code_action_provider, types.CodeActionOptions)
    assert list(capabilities.code_action_provider.code_action_kinds or []) == ["quickfix", "source.fixAll.termsense"]
    sync = capabilities.text_document_sync
    assert isinstance(sync, types.TextDocumentSyncOptions) and sync.change == types.TextDocumentSyncKind.Incremental


async def test_open_publishes_the_finding_with_code_severity_and_evidence(client: LanguageClient, folder: Path) -> None:
    uri = open_document(client, folder / "docs" / "fees.md", LAW)
    (found,) = await diagnostics(client, uri, 1)
    assert found.range == types.Range(types.Position(4, 4), types.Position(4, 13))
    assert found.code == "CC001"
    assert found.source == "termsense"
    assert found.severity == types.DiagnosticSeverity.Warning
    assert found.message == '"customers" where the context is legal services; use "clients" (0.95)'
    assert [info.message for info in found.related_information or []] == [
        '"court" (same clause): legal services, for "client"',
        '"solicitor" (same clause): legal services, for "client"',
        '"engagement letter" (same section): legal services, for "client"',
        '"retainer" (same section): legal services, for "client"',
    ]
    assert all(info.location.uri == uri and info.location.range == found.range for info in found.related_information or [])


async def test_change_is_linted_again_and_clears_the_fixed_word(client: LanguageClient, folder: Path) -> None:
    uri = open_document(client, folder / "docs" / "fees.md", LAW)
    assert len(await diagnostics(client, uri, 1)) == 1
    change(client, uri, 2, "clients", types.Range(types.Position(4, 4), types.Position(4, 13)))
    assert await diagnostics(client, uri, 2) == []


@pytest_lsp.fixture(config=config(SERVER + ["--log-level", "debug"]))
async def logging_client(lsp_client: LanguageClient, folder: Path):
    await start(lsp_client, folder)
    yield
    await lsp_client.shutdown_session()


async def test_quick_changes_are_coalesced_into_one_lint_of_the_last_version(
    logging_client: LanguageClient, folder: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    client = logging_client
    text = LAW + "\nThe team keeps its notes in one place, and reviews them every week.\n" * 3000  # a lint takes a while
    uri = open_document(client, folder / "docs" / "fees.md", text)
    await diagnostics(client, uri, 1)
    for version in range(2, 7):  # typing "x" five times at the start of line 3, faster than a lint
        at = types.Position(2, version - 2)
        change(client, uri, version, "x", types.Range(at, at))
    assert len(await diagnostics(client, uri, 6)) == 1
    recorder: Recorder = client.recorder  # type: ignore[attr-defined]
    assert [p.version for p in recorder.published if p.uri == uri] == [1, 6]
    linted = re.findall(r"linted \S+fees\.md \(v(\d+),", capfd.readouterr().err)
    assert linted == ["1", "2", "6"]  # v2 at once (the document was at rest), v3-v5 never


async def test_positions_count_utf16_units_after_an_emoji_with_crlf_lines(client: LanguageClient, folder: Path) -> None:
    text = "# Fees\r\n\r\n\U0001F600 Our customers receive a written update from their solicitor after every court hearing.\r\n"
    uri = open_document(client, folder / "docs" / "emoji.md", text)
    (found,) = await diagnostics(client, uri, 1)
    # "customers" is at code point 6 of line 2; the emoji before it is two UTF-16 units
    assert found.range == types.Range(types.Position(2, 7), types.Position(2, 16))


async def test_positions_count_utf8_bytes_when_the_client_offers_utf8(utf8_client: LanguageClient, folder: Path) -> None:
    assert utf8_client.init_result.capabilities.position_encoding == types.PositionEncodingKind.Utf8  # type: ignore[attr-defined]
    text = "\U0001F600 Our customers receive a written update from their solicitor after every court hearing.\n"
    uri = open_document(utf8_client, folder / "docs" / "emoji.md", text)
    (found,) = await diagnostics(utf8_client, uri, 1)
    assert found.range == types.Range(types.Position(0, 9), types.Position(0, 18))


async def test_incremental_change_after_an_emoji_lands_where_the_client_meant(client: LanguageClient, folder: Path) -> None:
    text = "\U0001F600 Our customers receive a written update from their solicitor after every court hearing.\n"
    uri = open_document(client, folder / "docs" / "emoji.md", text)
    assert len(await diagnostics(client, uri, 1)) == 1
    change(client, uri, 2, "clients", types.Range(types.Position(0, 7), types.Position(0, 16)))
    assert await diagnostics(client, uri, 2) == []


async def test_quick_fix_is_preferred_when_safe_and_its_edit_clears_the_finding(client: LanguageClient, folder: Path) -> None:
    text = "# Fees\r\n\r\n\U0001F600 Our customers receive a written update from their solicitor after every court hearing.\r\n"
    uri = open_document(client, folder / "docs" / "fees.md", text)
    (found,) = await diagnostics(client, uri, 1)
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), found.range, types.CodeActionContext([found])))
    titles = [(a.title, a.kind, a.is_preferred) for a in actions]
    assert titles == [
        ('Replace "customers" with "clients"', types.CodeActionKind.QuickFix, True),
        ("Suppress CC001 on this line", types.CodeActionKind.QuickFix, None),
        ("Fix all safe termsense findings", "source.fixAll.termsense", None),
    ]
    fixed = apply_edits(text, edits_of(actions[0], uri))
    assert fixed == text.replace("customers", "clients")
    assert actions[0].edit.document_changes[0].text_document.version == 1
    change(client, uri, 2, fixed)
    assert await diagnostics(client, uri, 2) == []


async def test_suppress_on_this_line_adds_a_directive_that_silences_the_finding(client: LanguageClient, folder: Path) -> None:
    text = LAW.replace("Our customers", "  Our customers").replace("hearing.\n", "hearing.\n- A customer signs an engagement letter with the attorney.\n")
    text = LAW.replace("\n\nOur", "\n\n- Every court date is in the calendar.\n- Our")
    uri = open_document(client, folder / "docs" / "fees.md", text)
    (found,) = await diagnostics(client, uri, 1)
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), found.range, types.CodeActionContext([found], only=[types.CodeActionKind.QuickFix])))
    (suppress,) = [a for a in actions if a.title == "Suppress CC001 on this line"]
    suppressed = apply_edits(text, edits_of(suppress, uri))
    assert "- Every court date is in the calendar.\n<!-- termsense-disable-next-line CC001 -->\n- Our customers" in suppressed
    change(client, uri, 2, suppressed)
    assert await diagnostics(client, uri, 2) == []


async def test_suppress_in_a_text_file_uses_a_hash_comment_and_joins_one_above(client: LanguageClient, folder: Path) -> None:
    text = "# termsense-disable-next-line CC003\n" + TWO.split("\n\n")[1] + "\n"
    uri = open_document(client, folder / "docs" / "notes.txt", text, language="plaintext")
    unused, found = await diagnostics(client, uri, 1)
    assert (unused.code, unused.range.start.line, found.code, found.range.start.line) == ("TS002", 0, "CC001", 1)
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), found.range, types.CodeActionContext([found])))
    (suppress,) = [a for a in actions if a.title == "Suppress CC001 on this line"]
    suppressed = apply_edits(text, edits_of(suppress, uri))
    assert suppressed.startswith("# termsense-disable-next-line CC003 CC001\nOur customers")
    change(client, uri, 2, suppressed)
    assert await diagnostics(client, uri, 2) == []  # the directive now silences something


async def test_unused_suppression_has_a_quick_fix_that_removes_it(client: LanguageClient, folder: Path) -> None:
    text = "Intro.\r\n<!-- termsense-disable-next-line CC002 -->\r\nNothing to silence here.\r\n"
    uri = open_document(client, folder / "docs" / "stale.md", text)
    (unused,) = await diagnostics(client, uri, 1)
    assert unused.code == "TS002"
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), unused.range, types.CodeActionContext([unused])))
    assert [a.title for a in actions] == ["Remove the unused suppression"]
    assert apply_edits(text, edits_of(actions[0], uri)) == "Intro.\r\nNothing to silence here.\r\n"


async def test_fix_all_applies_every_safe_fix_at_once(client: LanguageClient, folder: Path) -> None:
    uri = open_document(client, folder / "docs" / "practice.md", TWO)
    assert [d.code for d in await diagnostics(client, uri, 1)] == ["CC001", "CC001"]
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), whole(TWO), types.CodeActionContext([], only=["source.fixAll"])))
    (fix_all,) = actions
    assert fix_all.kind == "source.fixAll.termsense"
    fixed = apply_edits(TWO, edits_of(fix_all, uri))
    assert "Our clients receive" in fixed and "Each client signs" in fixed
    change(client, uri, 2, fixed)
    assert await diagnostics(client, uri, 2) == []


async def test_hover_on_a_flagged_word_shows_verdict_confidence_and_evidence(client: LanguageClient, folder: Path) -> None:
    uri = open_document(client, folder / "docs" / "fees.md", LAW)
    await diagnostics(client, uri, 1)
    hover = await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(4, 8)))
    assert hover is not None and hover.range == types.Range(types.Position(4, 4), types.Position(4, 13))
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert hover.contents.value == "\n".join([
        '**CC001** "customers" where the context is legal services; use "clients"',
        "",
        "confidence 0.95 · fix: safe",
        "",
        "Evidence:",
        '- "court" (same clause): legal services, for "client"',
        '- "solicitor" (same clause): legal services, for "client"',
        '- "engagement letter" (same section): legal services, for "client"',
        '- "retainer" (same section): legal services, for "client"',
    ])


async def test_hover_on_a_term_left_alone_says_why(client: LanguageClient, folder: Path) -> None:
    text = "The HTTP client retries the request after a timeout.\n\nEach client has a named solicitor.\n"
    uri = open_document(client, folder / "docs" / "mixed.md", text)
    assert await diagnostics(client, uri, 1) == []
    technical = await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(0, 9)))
    assert technical is not None and technical.range == types.Range(types.Position(0, 9), types.Position(0, 15))
    assert technical.contents.value == (
        "**client**: not judged. It is a technical sense of the word, which the pack sets aside; "
        "termsense never flags such uses."
    )
    party = await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(2, 5)))
    assert party is not None and party.contents.value.startswith('**client**: read as the term "client" naming a party.')
    nothing = await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(2, 0)))
    assert nothing is None


async def test_closest_config_decides_per_document_and_reloads_when_it_changes(client: LanguageClient, folder: Path) -> None:
    config = folder / "docs" / "termsense.toml"
    config.write_text('ignore = ["CC001"]\n')
    (folder / "termsense.toml").write_text('ignore = ["CC002"]\n')
    quiet = open_document(client, folder / "docs" / "fees.md", LAW)
    loud = open_document(client, folder / "fees.md", LAW)
    assert await diagnostics(client, quiet, 1) == []
    assert [d.code for d in client.diagnostics.get(loud) or await diagnostics(client, loud, 1)] == ["CC001"]
    recorder: Recorder = client.recorder  # type: ignore[attr-defined]
    assert [r.method for r in recorder.registrations] == [types.WORKSPACE_DID_CHANGE_WATCHED_FILES]
    config.write_text('ignore = ["CC003"]\n')
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        [types.FileEvent(config.as_uri(), types.FileChangeType.Changed)]))
    assert [d.code for d in await diagnostics(client, quiet, 1)] == ["CC001"]


async def test_config_error_is_a_diagnostic_on_the_config_and_the_server_goes_on(client: LanguageClient, folder: Path) -> None:
    config = folder / "termsense.toml"
    config.write_text('select = ["CC001"]\nmin-confidence = 3\n')
    uri = open_document(client, folder / "docs" / "fees.md", LAW)
    (problem,) = await diagnostics(client, config.as_uri())
    assert problem.range == types.Range(types.Position(1, 0), types.Position(2, 0))
    assert problem.severity == types.DiagnosticSeverity.Error
    assert problem.message == f"{config}:2: 'min-confidence' must be a number from 0 to 1, got 3"
    assert [d.code for d in client.diagnostics.get(uri) or await diagnostics(client, uri, 1)] == ["CC001"]  # defaults meanwhile
    config.write_text("min-confidence = 0.99\n")
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        [types.FileEvent(config.as_uri(), types.FileChangeType.Changed)]))
    assert await diagnostics(client, config.as_uri()) == []
    assert await diagnostics(client, uri, 1) == []  # 0.95 is under the new threshold


async def test_without_file_watching_an_edited_config_applies_at_the_next_change(unwatching_client: LanguageClient, folder: Path) -> None:
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


async def test_broken_toml_in_a_new_workspace_folder_is_reported_on_its_line(client: LanguageClient, tmp_path_factory) -> None:
    other = tmp_path_factory.mktemp("other")
    config = other / "pyproject.toml"
    config.write_text('[project]\nname = "x"\n\n[tool.termsense]\nselect = ["CC001"\n')
    client.workspace_did_change_workspace_folders(types.DidChangeWorkspaceFoldersParams(
        types.WorkspaceFoldersChangeEvent(added=[types.WorkspaceFolder(other.as_uri(), "other")], removed=[])))
    (problem,) = await diagnostics(client, config.as_uri())
    assert problem.message.startswith(f"{config}: invalid TOML: ")
    assert problem.range.start.line == 4


async def test_a_document_that_fails_to_lint_logs_and_the_server_stays_up(failing_client: LanguageClient, folder: Path) -> None:
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
