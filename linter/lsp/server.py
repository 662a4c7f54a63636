"""The language server: documents in, diagnostics, hovers and code actions out.

Linting runs on one worker thread, so the event loop keeps answering while a big document is
checked; a change cancels the pending lint of its document (debounced), and a result is
published only for the version it was computed on. A document that fails to lint logs the
error and gets no diagnostics; a config that fails to load is a diagnostic on the config."""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from .. import __version__
from . import worker
from .actions import FIX_ALL, code_actions, fix_all_edits
from .configs import Configs, Problem
from .convert import diagnostic, hover_text, span, workspace_edit
from .documents import Document, new_document, path_of
from .positions import UTF16
from .worker import Result

FIX_ALL_COMMAND = "termsense.fixAll"  # for editors without fix-all-on-save code actions
DEBOUNCE = 0.05  # seconds of quiet after a change before the document is linted again
log = logging.getLogger("termsense.lsp")


class TermsenseServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("termsense", __version__)
        self.documents: dict[str, Document] = {}
        self.results: dict[str, Result] = {}
        self.pending: dict[str, asyncio.Task] = {}
        self.configs = Configs()
        self.reported: dict[str, Problem] = {}  # config file -> the problem shown on it
        self.oversized: set[str] = set()  # documents over max-file-size, told once
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="termsense-lint")

    @property
    def encoding(self) -> str:
        chosen = self.workspace.position_encoding
        return str(getattr(chosen, "value", chosen) or UTF16)

    def versioned_edits(self) -> bool:
        """Whether the client takes versioned document changes in a workspace edit."""
        workspace = self.client_capabilities.workspace
        return bool(workspace and workspace.workspace_edit and workspace.workspace_edit.document_changes)

    def folders(self) -> list[str]:
        paths = [path_of(f.uri) for f in self.workspace.folders.values()]
        root = self.workspace.root_path
        return [p for p in paths if p] or ([root] if root else [])

    # -- linting -----------------------------------------------------------------------------

    def schedule(self, uri: str, delay: float | None = None) -> None:
        """Lint the document soon, replacing a lint of it not yet started. A change while its
        document is being linted waits for `DEBOUNCE` of quiet (typing coalesces into one
        lint of the last version); a change to a document at rest is linted at once."""
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        if delay is None:
            delay = DEBOUNCE if previous is not None and not previous.done() else 0.0
        self.pending[uri] = asyncio.get_running_loop().create_task(self._lint_later(uri, delay))

    async def _lint_later(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        result = await self.lint(uri)
        if result is not None and self.documents.get(uri) is not None and self.documents[uri].version == result.version:
            self.publish(uri, result)
        if self.pending.get(uri) is asyncio.current_task():
            del self.pending[uri]

    async def lint(self, uri: str) -> Result | None:
        """The current version's result, linting it on the worker thread if need be."""
        document = self.documents.get(uri)
        if document is None:
            return None
        cached = self.results.get(uri)
        if cached is not None and cached.version == document.version:
            return cached
        resolved = self.configs.for_document(path_of(uri), self.folders())
        self.show_problems()
        version, lines = document.version, document.lines
        if worker.too_big(lines.text, resolved.settings.max_file_size):
            if uri not in self.oversized:
                self.oversized.add(uri)
                self.window_log_message(
                    types.LogMessageParams(
                        types.MessageType.Warning,
                        f"termsense: {uri} is over max-file-size ({resolved.settings.max_file_size:g} MB); not checked",
                    )
                )
            return Result(version, lines, [], [], {})
        self.oversized.discard(uri)
        loop = asyncio.get_running_loop()
        result = await loop.run_in_executor(
            self.pool, worker.lint, document.path, document.format, version, lines, resolved.settings
        )
        if result is None:
            self.window_log_message(
                types.LogMessageParams(
                    types.MessageType.Error, f"termsense: could not lint {uri}; see the server's log"
                )
            )
            result = Result(version, lines, [], [], {})
        if uri in self.documents:
            self.results[uri] = result
        return result

    def publish(self, uri: str, result: Result) -> None:
        diagnostics = [diagnostic(f, result.lines, uri, result.rules) for f in result.findings]
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, diagnostics, version=result.version))

    def show_problems(self) -> None:
        """Config problems as diagnostics on their config files, published when they appear,
        change or are fixed (not at every lint)."""
        problems: dict[str, Problem] = {p.config: p for p in self.configs.problems()}
        for config in self.reported.keys() - problems.keys():
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(Path(config).as_uri(), []))
        for config, problem in problems.items():
            if self.reported.get(config) == problem:
                continue
            position = types.Position(problem.line, 0)
            where = types.Range(position, types.Position(problem.line + 1, 0))
            shown = types.Diagnostic(
                where, problem.message, severity=types.DiagnosticSeverity.Error, source="termsense"
            )
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(Path(config).as_uri(), [shown]))
            log.error("config problem: %s", problem.message)
        self.reported = problems

    def reload(self) -> None:
        """Configs may have changed: load them again and lint every open document again."""
        self.configs.forget()
        self.results.clear()
        for folder in self.folders():
            self.configs.for_folder(Path(folder))
        self.show_problems()
        for uri in self.documents:
            self.schedule(uri, 0)


def build() -> TermsenseServer:
    server = TermsenseServer()

    @server.feature(types.INITIALIZED)
    async def initialized(ls: TermsenseServer, params: types.InitializedParams) -> None:
        for folder in ls.folders():
            ls.configs.for_folder(Path(folder))
        ls.show_problems()
        start = Path(ls.folders()[0]) if ls.folders() else Path.cwd()
        asyncio.get_running_loop().run_in_executor(ls.pool, worker.warm, ls.configs.for_folder(start).settings)
        watch = ls.client_capabilities.workspace
        if watch and watch.did_change_watched_files and watch.did_change_watched_files.dynamic_registration:
            options = types.DidChangeWatchedFilesRegistrationOptions(
                watchers=[types.FileSystemWatcher(glob_pattern="**/*.toml")]
            )
            registration = types.Registration(
                "termsense-config-watch", types.WORKSPACE_DID_CHANGE_WATCHED_FILES, options
            )
            try:
                await ls.client_register_capability_async(types.RegistrationParams([registration]))
            except Exception as error:  # a client may refuse; configs then reload on save
                log.warning("could not watch config files: %s", error)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: TermsenseServer, params: types.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        document = new_document(item.uri, item.language_id, item.version, item.text, ls.encoding)
        if document is not None:
            ls.documents[item.uri] = document
            ls.schedule(item.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: TermsenseServer, params: types.DidChangeTextDocumentParams) -> None:
        document = ls.documents.get(params.text_document.uri)
        if document is not None:
            document.apply(params.content_changes, params.text_document.version)
            ls.schedule(document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: TermsenseServer, params: types.DidSaveTextDocumentParams) -> None:
        if Path(params.text_document.uri).suffix == ".toml":
            ls.reload()  # for clients that do not watch files

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: TermsenseServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        if ls.documents.pop(uri, None) is not None:
            ls.results.pop(uri, None)
            task = ls.pending.pop(uri, None)
            if task is not None:
                task.cancel()
            ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: TermsenseServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(change.uri.endswith(".toml") for change in params.changes):
            ls.reload()

    @server.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    def folders_changed(ls: TermsenseServer, params: types.DidChangeWorkspaceFoldersParams) -> None:
        ls.reload()

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: TermsenseServer, params: types.HoverParams) -> types.Hover | None:
        result = await ls.lint(params.text_document.uri)
        if result is None:
            return None
        at = result.lines.from_client(params.position.line, params.position.character)
        inside = lambda t: (t.line, t.column) <= at < (t.end_line, t.end_column)  # noqa: E731
        findings = [f for f in result.findings if inside(f)]
        usage = next((u for u in result.usages if inside(u)), None)
        spot = findings[0] if findings else usage
        if spot is None:
            return None
        where = span(result.lines, spot.line, spot.column, spot.end_line, spot.end_column)
        return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, hover_text(findings, usage)), where)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]),
    )
    async def code_action(ls: TermsenseServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        result = await ls.lint(uri)
        if result is None:
            return None
        versioned = ls.versioned_edits()
        document = ls.documents.get(uri)
        if document is None:  # closed while it was being linted
            return None
        fmt = document.format
        return code_actions(
            result.findings,
            result.lines,
            fmt,
            uri,
            result.version,
            params.range,
            params.context.only,
            versioned,
            result.rules,
        )

    @server.command(FIX_ALL_COMMAND)
    async def fix_all(ls: TermsenseServer, uri: str) -> bool:
        """Every safe fix of a document, sent to the editor as a `workspace/applyEdit`;
        True when the editor applied it (or there was nothing to fix)."""
        result = await ls.lint(uri)
        if result is None:
            return False
        edits = fix_all_edits(result.findings, result.lines)
        if not edits:
            return True
        change = workspace_edit(uri, result.version, edits, ls.versioned_edits())
        answer = await ls.workspace_apply_edit_async(
            types.ApplyWorkspaceEditParams(change, label="termsense: fix all safe findings")
        )
        return bool(answer and answer.applied)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: TermsenseServer, params: None) -> None:
        for task in ls.pending.values():
            task.cancel()
        ls.pool.shutdown(wait=False, cancel_futures=True)

    return server


def serve() -> None:
    build().start_io()
