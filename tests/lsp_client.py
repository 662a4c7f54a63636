"""The test client for the language server's end-to-end tests: pytest-lsp's client that also
records every publish (with its version) and the server's registrations, and the small
moves an editor makes (open, change, apply an edit)."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

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
FAILING = [
    sys.executable,
    "-c",
    (
        "import sys, termsense\n"
        "real = termsense.survey_text\n"
        "def survey(text, **options):\n"
        "    if 'FAIL-HERE' in text:\n"
        "        raise RuntimeError('engine failure made by the test')\n"
        "    return real(text, **options)\n"
        "termsense.survey_text = survey\n"
        "from termsense.cli import main\n"
        "sys.exit(main(['server']))\n"
    ),
]


class Recorder:
    """What the client received that pytest-lsp does not keep: every publish with its
    version, the server's capability registrations and the edits it asked to apply."""

    def __init__(self) -> None:
        self.published: list[types.PublishDiagnosticsParams] = []
        self.registrations: list[types.Registration] = []
        self.applied: list[types.ApplyWorkspaceEditParams] = []


def make_client() -> LanguageClient:
    """pytest-lsp's test client, recording publishes and registrations as well."""
    client = LanguageClient(converter_factory=default_converter)
    client.recorder = recorder = Recorder()  # type: ignore[attr-defined]

    def publish(ls: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        recorder.published.append(params)
        ls.diagnostics[params.uri] = params.diagnostics

    def register(ls: LanguageClient, params: types.RegistrationParams) -> None:
        recorder.registrations.extend(params.registrations)

    def apply_edit(ls: LanguageClient, params: types.ApplyWorkspaceEditParams) -> types.ApplyWorkspaceEditResult:
        recorder.applied.append(params)
        return types.ApplyWorkspaceEditResult(applied=True)

    features = {
        **DEFAULT_CLIENT_FEATURES,
        types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish,
        types.CLIENT_REGISTER_CAPABILITY: register,
        types.WORKSPACE_APPLY_EDIT: apply_edit,
    }
    register_lsp_features(client, features)
    return client


async def start(
    client: LanguageClient, folder: Path, capabilities: types.ClientCapabilities | None = None
) -> types.InitializeResult:
    return await client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities or client_capabilities("visual-studio-code"),
            workspace_folders=[types.WorkspaceFolder(folder.as_uri(), folder.name)],
        )
    )


def config(command: list[str]) -> ClientServerConfig:
    return ClientServerConfig(server_command=command, client_factory=make_client)


async def diagnostics(
    client: LanguageClient, uri: str, version: int | None = None, since: int = 0
) -> list[types.Diagnostic]:
    """The latest diagnostics published for `uri` (for `version`, when given) since the
    `since`-th publish (take `mark(client)` before the action that should cause them),
    waiting for them if they have not come yet."""
    recorder: Recorder = client.recorder  # type: ignore[attr-defined]

    async def arrived() -> list[types.Diagnostic]:
        while True:
            for params in reversed(recorder.published[since:]):
                if params.uri == uri and (version is None or params.version == version):
                    return list(params.diagnostics)
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)

    return await asyncio.wait_for(arrived(), 20)


def mark(client: LanguageClient) -> int:
    """How many publishes the client has seen: what `diagnostics(..., since=)` counts from."""
    return len(client.recorder.published)  # type: ignore[attr-defined]


def open_document(client: LanguageClient, path: Path, text: str, language: str = "markdown", version: int = 1) -> str:
    path.write_text(text, encoding="utf-8", newline="")
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, language, version, text)))
    return uri


def change(client: LanguageClient, uri: str, version: int, text: str, where: types.Range | None = None) -> None:
    event = (
        types.TextDocumentContentChangeWholeDocument(text)
        if where is None
        else types.TextDocumentContentChangePartial(range=where, text=text)
    )
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(types.VersionedTextDocumentIdentifier(version=version, uri=uri), [event])
    )


def apply_edits(text: str, edits: list[types.TextEdit]) -> str:
    """Apply text edits whose positions count UTF-16 units, last first, as an editor does
    (written here independently of the server's own conversion)."""

    def offset(position: types.Position) -> int:
        lines = text.split("\n")
        start = sum(len(line) + 1 for line in lines[: position.line])
        line = lines[position.line] if position.line < len(lines) else ""
        prefix = line.encode("utf-16-le")[: 2 * position.character].decode("utf-16-le")
        return start + len(prefix)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


def edits_of(action: types.CodeAction, uri: str) -> list[types.TextEdit]:
    assert action.edit is not None and action.edit.document_changes is not None
    (change_,) = action.edit.document_changes
    assert isinstance(change_, types.TextDocumentEdit) and change_.text_document.uri == uri
    return list(change_.edits)


def whole(text: str) -> types.Range:
    return types.Range(types.Position(0, 0), types.Position(len(text.split("\n")), 0))
