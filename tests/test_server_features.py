"""The language server's features end to end, on one server for the module: a real LSP
client (pytest-lsp) drives `python -m termsense server` over stdio, as an editor would.
Each test opens documents of its own, so they do not meet."""

from __future__ import annotations

from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient

from lsp_client import LAW, SERVER, TWO, apply_edits, change, config, diagnostics, edits_of, open_document, start, whole
from termsense import lint_text

pytestmark = pytest.mark.asyncio(loop_scope="module")


EMOJI_CRLF = (
    "# Fees\r\n\r\n\U0001f600 Our customers receive a written update "
    "from their solicitor after every court hearing.\r\n"
)


def confidence(text: str) -> str:
    """The library's confidence for the one finding of `text`, as the server should show it
    (the verdict model is refitted now and then; the server must agree with it, not with a
    number written here)."""
    (finding,) = lint_text(text)
    return f"{finding.confidence:.2f}"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("workspace")


@pytest_lsp.fixture(scope="module", config=config(SERVER))
async def client(lsp_client: LanguageClient, folder: Path):
    lsp_client.init_result = await start(lsp_client, folder)  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


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
    uri = open_document(client, folder / "open_publishes_the_finding_with_code_sev.md", LAW)
    (found,) = await diagnostics(client, uri, 1)
    assert found.range == types.Range(types.Position(4, 4), types.Position(4, 13))
    assert found.code == "CC001"
    assert found.source == "termsense"
    assert found.severity == types.DiagnosticSeverity.Warning
    assert found.message == f'"customers" where the context is legal services; use "clients" ({confidence(LAW)})'
    assert found.code_description is not None and found.code_description.href.endswith("client-customer.md#cc001")
    assert [info.message for info in found.related_information or []] == [
        '"court" (same clause): legal services, for "client"',
        '"solicitor" (same clause): legal services, for "client"',
        '"engagement letter" (same section): legal services, for "client"',
        '"retainer" (same section): legal services, for "client"',
    ]
    assert all(
        info.location.uri == uri and info.location.range == found.range for info in found.related_information or []
    )


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        ("change.md", LAW, types.Range(types.Position(4, 4), types.Position(4, 13))),
        # after an emoji the client counts UTF-16 units: "customers" spans 7-16, not 6-15
        (
            "change-emoji.md",
            "\U0001f600 Our customers receive a written update from their solicitor after every court hearing.\n",
            types.Range(types.Position(0, 7), types.Position(0, 16)),
        ),
    ],
)
async def test_change_is_linted_again_and_clears_the_fixed_word(
    client: LanguageClient, folder: Path, name: str, text: str, where: types.Range
) -> None:
    uri = open_document(client, folder / name, text)
    assert len(await diagnostics(client, uri, 1)) == 1
    change(client, uri, 2, "clients", where)
    assert await diagnostics(client, uri, 2) == []


async def test_positions_count_utf16_units_after_an_emoji_with_crlf_lines(client: LanguageClient, folder: Path) -> None:
    text = EMOJI_CRLF
    uri = open_document(client, folder / "positions_count_utf16_units_after_an_emo.md", text)
    (found,) = await diagnostics(client, uri, 1)
    # "customers" is at code point 6 of line 2; the emoji before it is two UTF-16 units
    assert found.range == types.Range(types.Position(2, 7), types.Position(2, 16))


async def test_quick_fix_is_preferred_when_safe_and_its_edit_clears_the_finding(
    client: LanguageClient, folder: Path
) -> None:
    text = EMOJI_CRLF
    uri = open_document(client, folder / "quick_fix_is_preferred_when_safe_and_its.md", text)
    (found,) = await diagnostics(client, uri, 1)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(types.TextDocumentIdentifier(uri), found.range, types.CodeActionContext([found]))
    )
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


async def test_suppress_on_this_line_adds_a_directive_that_silences_the_finding(
    client: LanguageClient, folder: Path
) -> None:
    text = LAW.replace("Our customers", "  Our customers").replace(
        "hearing.\n", "hearing.\n- A customer signs an engagement letter with the attorney.\n"
    )
    text = LAW.replace("\n\nOur", "\n\n- Every court date is in the calendar.\n- Our")
    uri = open_document(client, folder / "suppress_on_this_line_adds_a_directive_t.md", text)
    (found,) = await diagnostics(client, uri, 1)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri),
            found.range,
            types.CodeActionContext([found], only=[types.CodeActionKind.QuickFix]),
        )
    )
    (suppress,) = [a for a in actions if a.title == "Suppress CC001 on this line"]
    suppressed = apply_edits(text, edits_of(suppress, uri))
    assert (
        "- Every court date is in the calendar.\n<!-- termsense-disable-next-line CC001 -->\n- Our customers"
        in suppressed
    )
    change(client, uri, 2, suppressed)
    assert await diagnostics(client, uri, 2) == []


async def test_suppress_in_a_text_file_uses_a_hash_comment_and_joins_one_above(
    client: LanguageClient, folder: Path
) -> None:
    text = "# termsense-disable-next-line CC003\n" + TWO.split("\n\n")[1] + "\n"
    uri = open_document(client, folder / "suppress_in_a_text_file_uses_a_hash_comm.txt", text, language="plaintext")
    unused, found = await diagnostics(client, uri, 1)
    assert (unused.code, unused.range.start.line, found.code, found.range.start.line) == ("TS002", 0, "CC001", 1)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(types.TextDocumentIdentifier(uri), found.range, types.CodeActionContext([found]))
    )
    (suppress,) = [a for a in actions if a.title == "Suppress CC001 on this line"]
    suppressed = apply_edits(text, edits_of(suppress, uri))
    assert suppressed.startswith("# termsense-disable-next-line CC003 CC001\nOur customers")
    change(client, uri, 2, suppressed)
    assert await diagnostics(client, uri, 2) == []  # the directive now silences something


async def test_unused_suppression_has_a_quick_fix_that_removes_it(client: LanguageClient, folder: Path) -> None:
    text = "Intro.\r\n<!-- termsense-disable-next-line CC002 -->\r\nNothing to silence here.\r\n"
    uri = open_document(client, folder / "unused_suppression_has_a_quick_fix_that_.md", text)
    (unused,) = await diagnostics(client, uri, 1)
    assert unused.code == "TS002"
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(types.TextDocumentIdentifier(uri), unused.range, types.CodeActionContext([unused]))
    )
    assert [a.title for a in actions] == ["Remove the unused suppression"]
    assert apply_edits(text, edits_of(actions[0], uri)) == "Intro.\r\nNothing to silence here.\r\n"


async def test_fix_all_applies_every_safe_fix_at_once(client: LanguageClient, folder: Path) -> None:
    uri = open_document(client, folder / "fix_all_applies_every_safe_fix_at_once.md", TWO)
    assert [d.code for d in await diagnostics(client, uri, 1)] == ["CC001", "CC001"]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri), whole(TWO), types.CodeActionContext([], only=["source.fixAll"])
        )
    )
    (fix_all,) = actions
    assert fix_all.kind == "source.fixAll.termsense"
    fixed = apply_edits(TWO, edits_of(fix_all, uri))
    assert "Our clients receive" in fixed and "Each client signs" in fixed
    change(client, uri, 2, fixed)
    assert await diagnostics(client, uri, 2) == []


async def test_fix_all_command_asks_the_editor_to_apply_the_edit(client: LanguageClient, folder: Path) -> None:
    uri = open_document(client, folder / "fix_all_command.md", TWO)
    assert len(await diagnostics(client, uri, 1)) == 2
    assert "termsense.fixAll" in (client.init_result.capabilities.execute_command_provider.commands or [])  # type: ignore[attr-defined]
    applied = await client.workspace_execute_command_async(types.ExecuteCommandParams("termsense.fixAll", [uri]))
    assert applied is True
    (request,) = client.recorder.applied  # type: ignore[attr-defined]
    assert request.label == "termsense: fix all safe findings"
    (edit,) = request.edit.document_changes
    assert edit.text_document.uri == uri and edit.text_document.version == 1
    fixed = apply_edits(TWO, list(edit.edits))
    assert "Our clients receive" in fixed and "Each client signs" in fixed
    change(client, uri, 2, fixed)
    assert await diagnostics(client, uri, 2) == []


async def test_hover_on_a_flagged_word_shows_verdict_confidence_and_evidence(
    client: LanguageClient, folder: Path
) -> None:
    uri = open_document(client, folder / "hover_on_a_flagged_word_shows_verdict_co.md", LAW)
    await diagnostics(client, uri, 1)
    hover = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(4, 8))
    )
    assert hover is not None and hover.range == types.Range(types.Position(4, 4), types.Position(4, 13))
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert hover.contents.value == "\n".join(
        [
            '**CC001** "customers" where the context is legal services; use "clients"',
            "",
            f"confidence {confidence(LAW)} · fix: safe",
            "",
            "Evidence:",
            '- "court" (same clause): legal services, for "client"',
            '- "solicitor" (same clause): legal services, for "client"',
            '- "engagement letter" (same section): legal services, for "client"',
            '- "retainer" (same section): legal services, for "client"',
        ]
    )


async def test_hover_on_a_term_left_alone_says_why(client: LanguageClient, folder: Path) -> None:
    text = "The HTTP client retries the request after a timeout.\n\nEach client has a named solicitor.\n"
    uri = open_document(client, folder / "hover_on_a_term_left_alone_says_why.md", text)
    assert await diagnostics(client, uri, 1) == []
    technical = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(0, 9))
    )
    assert technical is not None and technical.range == types.Range(types.Position(0, 9), types.Position(0, 15))
    assert technical.contents.value == (
        "**client**: not judged. It is a technical sense of the word, which the pack sets aside; "
        "termsense never flags such uses."
    )
    party = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(2, 5))
    )
    assert party is not None and party.contents.value.startswith(
        '**client**: read as the term "client" naming a party.'
    )
    nothing = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(2, 0))
    )
    assert nothing is None
