"""Starts the real hive-ls over stdio for end-to-end tests."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.helpers import uri

SERVER = [sys.executable, "-m", "hive_ls", "serve"]


def accept_registrations(client: LanguageClient) -> None:
    """Answer ``client/registerCapability`` as real editors do (pytest-lsp's client does not)."""
    if lsp.CLIENT_REGISTER_CAPABILITY not in client.protocol.fm.features:
        client.feature(lsp.CLIENT_REGISTER_CAPABILITY)(lambda params: None)


async def start(
    client: LanguageClient,
    root: Path,
    capabilities: str = "visual-studio-code",
    options: Any = None,
) -> None:
    """Initialize ``client`` with ``root`` as the workspace and wait for the index."""
    accept_registrations(client)
    await client.initialize_session(
        lsp.InitializeParams(
            capabilities=pytest_lsp.client_capabilities(capabilities),
            root_uri=uri(root),
            workspace_folders=[lsp.WorkspaceFolder(uri=uri(root), name=root.name)],
            initialization_options=options,
        )
    )
    await wait_indexed(client)


async def wait_indexed(client: LanguageClient, timeout: float = 60.0) -> Any:
    """Poll ``hive/status`` until the initial index is complete; returns the last status."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        status = await client.protocol.send_request_async("hive/status", {})
        if status.indexing.complete:
            return status
        if loop.time() > deadline:
            raise TimeoutError(f"index not complete after {timeout}s: {status}")
        await asyncio.sleep(0.05)


def open_file(client: LanguageClient, path: Path, language: str = "python") -> str:
    """Send didOpen for ``path``; returns its URI."""
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(
                uri=uri(path),
                language_id=language,
                version=1,
                text=path.read_text(encoding="utf-8"),
            )
        )
    )
    return uri(path)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient):
    """A client connected to a fresh server; the test calls ``start`` with its workspace."""
    yield
    await lsp_client.shutdown_session()
