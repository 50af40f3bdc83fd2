"""Document sync over stdio: incremental edits with non-ASCII text, diagnostics, encodings."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.helpers import uri
from tests.lsp.conftest import SERVER, start

SOURCE = '''"""Ünïcödé module ✓ 🎉."""


def greet(name):
    """Say hello — «politely»."""
    return "héllo " + name  # 🎉 emoji before the call
'''


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient, tmp_path: Path):
    (tmp_path / "mod.py").write_text(SOURCE, encoding="utf-8")
    await start(lsp_client, tmp_path)
    yield
    await lsp_client.shutdown_session()


def _open(client: LanguageClient, path: Path, text: str) -> str:
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(
                uri=uri(path), language_id="python", version=1, text=text
            )
        )
    )
    return uri(path)


def _change(
    client: LanguageClient, doc: str, version: int, *changes: tuple[tuple[int, int, int, int], str]
) -> None:
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=doc, version=version),
            content_changes=[
                lsp.TextDocumentContentChangePartial(
                    range=lsp.Range(lsp.Position(a, b), lsp.Position(c, d)), text=text
                )
                for (a, b, c, d), text in changes
            ],
        )
    )


async def _symbols(client: LanguageClient, doc: str) -> list[lsp.DocumentSymbol]:
    return await client.text_document_document_symbol_async(
        lsp.DocumentSymbolParams(text_document=lsp.TextDocumentIdentifier(uri=doc))
    )


async def _diagnostics(client: LanguageClient, doc: str, count: int) -> list[lsp.Diagnostic]:
    for _ in range(200):
        found = client.diagnostics.get(doc)
        if found is not None and len(found) == count:
            return list(found)
        await asyncio.sleep(0.02)
    raise AssertionError(f"expected {count} diagnostics, have {client.diagnostics.get(doc)}")


async def test_incremental_edits_after_non_ascii_text(
    client: LanguageClient, tmp_path: Path
) -> None:
    doc = _open(client, tmp_path / "mod.py", SOURCE)
    # rename greet -> welcome, then insert a function after the emoji comment (UTF-16 columns)
    _change(client, doc, 2, ((3, 4, 3, 9), "welcome"))
    line = SOURCE.splitlines()[5]
    end = len(line.encode("utf-16-le")) // 2
    _change(
        client,
        doc,
        3,
        ((5, end, 5, end), "\n\n\ndef après(x):\n    return x\n"),
        ((0, 3, 0, 10), "Unicode"),
    )
    names = [s.name for s in await _symbols(client, doc)]
    assert names == ["welcome", "après"]
    hover = await client.text_document_hover_async(
        lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=doc), position=lsp.Position(8, 6)
        )
    )
    assert hover is not None and "def après(x)" in hover.contents.value
    assert hover.range == lsp.Range(lsp.Position(8, 4), lsp.Position(8, 9))


async def test_syntax_errors_are_published_and_cleared(
    client: LanguageClient, tmp_path: Path
) -> None:
    doc = _open(client, tmp_path / "mod.py", SOURCE)
    assert await _diagnostics(client, doc, 0) == []
    # break the call after the emoji: the error is reported at UTF-16 columns
    line = SOURCE.splitlines()[5]
    column = len(line[: line.index("+ name")].encode("utf-16-le")) // 2
    _change(client, doc, 2, ((5, column, 5, column), "(("))
    found = await _diagnostics(client, doc, 1)
    assert found[0].severity == lsp.DiagnosticSeverity.Error
    assert found[0].source == "hive-ls"
    assert found[0].range.start.line == 5
    _change(client, doc, 3, ((5, column, 5, column + 2), ""))
    assert await _diagnostics(client, doc, 0) == []


async def test_closing_returns_to_the_disk_version(client: LanguageClient, tmp_path: Path) -> None:
    doc = _open(client, tmp_path / "mod.py", SOURCE)
    _change(client, doc, 2, ((3, 4, 3, 9), "unsaved"))
    assert [s.name for s in await _symbols(client, doc)] == ["unsaved"]
    client.text_document_did_close(
        lsp.DidCloseTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=doc))
    )
    assert [s.name for s in await _symbols(client, doc)] == ["greet"]


async def test_whole_document_replacement(client: LanguageClient, tmp_path: Path) -> None:
    doc = _open(client, tmp_path / "mod.py", SOURCE)
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=doc, version=2),
            content_changes=[
                lsp.TextDocumentContentChangeWholeDocument(text="def other(): pass\n")
            ],
        )
    )
    assert [s.name for s in await _symbols(client, doc)] == ["other"]


async def test_indexing_reports_progress(client: LanguageClient) -> None:
    (reports,) = [r for t, r in client.progress_reports.items() if "index" in str(t)]
    assert isinstance(reports[0], lsp.WorkDoneProgressBegin)
    assert isinstance(reports[-1], lsp.WorkDoneProgressEnd)
    assert "1 files" in (reports[-1].message or "")


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def utf8_client(lsp_client: LanguageClient, tmp_path: Path):
    capabilities = pytest_lsp.client_capabilities("neovim")
    capabilities.general = lsp.GeneralClientCapabilities(
        position_encodings=[lsp.PositionEncodingKind.Utf16, lsp.PositionEncodingKind.Utf8]
    )
    result = await lsp_client.initialize_session(
        lsp.InitializeParams(capabilities=capabilities, root_uri=uri(tmp_path))
    )
    assert result.capabilities.position_encoding == lsp.PositionEncodingKind.Utf8
    hive = result.capabilities.experimental["hive"]
    assert hive["methods"] == [
        "hive/context", "hive/impact", "hive/search", "hive/status", "hive/testsFor"
    ]  # fmt: skip
    assert hive["commands"] == ["hive.ai", "hive.impact", "hive.search", "hive.testsFor"]
    yield
    await lsp_client.shutdown_session()


async def test_utf8_positions_when_the_client_offers_them(
    utf8_client: LanguageClient, tmp_path: Path
) -> None:
    text = 'x = "ü"; y = 1\ndef f(): return y\n'
    doc = _open(utf8_client, tmp_path / "u.py", text)
    found = await utf8_client.text_document_definition_async(
        lsp.DefinitionParams(
            text_document=lsp.TextDocumentIdentifier(uri=doc), position=lsp.Position(1, 16)
        )
    )
    # `y` starts at character 9 in UTF-16, byte 10 in UTF-8 (ü is two bytes)
    assert [loc.range.start for loc in found] == [lsp.Position(0, 10)]


BROKEN_LATER = """def first():
    return 1


def second():
    return first()


def third():
    return second()
"""


async def test_a_missing_colon_breaks_only_its_own_definition(
    client: LanguageClient, tmp_path: Path
) -> None:
    doc = _open(client, tmp_path / "later.py", BROKEN_LATER)
    assert await _diagnostics(client, doc, 0) == []
    _change(client, doc, 2, ((4, 12, 4, 13), ""))  # `def second():` loses its colon
    found = await _diagnostics(client, doc, 1)
    assert found[0].range.start.line == 4, "the error is where the colon is missing"
    names = [s.name for s in await _symbols(client, doc)]
    assert names == ["first", "third"], "the definitions after the error are still there"
    located = await client.text_document_definition_async(
        lsp.DefinitionParams(
            text_document=lsp.TextDocumentIdentifier(uri=doc), position=lsp.Position(5, 12)
        )
    )  # `first()` inside the broken definition still leads to `first`
    assert located and located[0].range.start.line == 0
