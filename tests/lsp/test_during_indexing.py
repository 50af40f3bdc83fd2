"""Requests are answered while the initial index is still running, from what is ready."""

from __future__ import annotations

from pathlib import Path

import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.helpers import uri
from tests.lsp.conftest import SERVER, accept_registrations, wait_indexed

FILES = 300
BODY = "".join(f"def func_{i}(x):\n    return helper(x) + {i}\n\n\n" for i in range(120))


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient, tmp_path: Path):
    for index in range(FILES):  # ~2.5 MB on one worker: indexing takes a few seconds
        (tmp_path / f"m{index}.py").write_text(f"def only_in_{index}():\n    pass\n" + BODY)
    (tmp_path / "open_me.py").write_text("class Opened:\n    def first(self):\n        pass\n")
    yield
    await lsp_client.shutdown_session()


async def test_open_document_answers_before_the_index_is_done(
    client: LanguageClient, tmp_path: Path
) -> None:
    accept_registrations(client)
    await client.initialize_session(
        lsp.InitializeParams(
            capabilities=pytest_lsp.client_capabilities("visual-studio-code"),
            root_uri=uri(tmp_path),
            initialization_options={"hive-ls": {"index": {"workers": 1}}},
        )
    )
    opened = tmp_path / "open_me.py"
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(
                uri=uri(opened), language_id="python", version=1, text=opened.read_text()
            )
        )
    )
    symbols = await client.text_document_document_symbol_async(
        lsp.DocumentSymbolParams(text_document=lsp.TextDocumentIdentifier(uri=uri(opened)))
    )
    status = await client.protocol.send_request_async("hive/status", {})
    assert [s.name for s in symbols] == ["Opened"]
    assert not status.indexing.complete, "the index finished too fast to show anything"
    partial = await client.workspace_symbol_async(lsp.WorkspaceSymbolParams(query="only_in_"))
    assert len(partial) < FILES
    status = await wait_indexed(client)
    assert status.files == FILES + 1
    done = await client.workspace_symbol_async(lsp.WorkspaceSymbolParams(query="only_in_7"))
    assert {s.name for s in done} >= {"only_in_7", "only_in_77"}
