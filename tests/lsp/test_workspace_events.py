"""Files created, changed, deleted and renamed on disk or by the editor, and cancellation."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcRequestCancelled
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.helpers import uri
from tests.lsp.conftest import SERVER, accept_registrations, start, wait_indexed


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient, tmp_path: Path):
    (tmp_path / "a.py").write_text("def alpha():\n    return 1\n")
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "b.py").write_text("def beta():\n    return 2\n")
    await start(lsp_client, tmp_path)
    yield
    await lsp_client.shutdown_session()


async def _names(client: LanguageClient, query: str) -> list[str]:
    found = await client.workspace_symbol_async(lsp.WorkspaceSymbolParams(query=query))
    return sorted(f"{s.name}@{Path(s.location.uri).name}" for s in found or [])


def _watched(client: LanguageClient, *events: tuple[Path, lsp.FileChangeType]) -> None:
    client.workspace_did_change_watched_files(
        lsp.DidChangeWatchedFilesParams(
            changes=[lsp.FileEvent(uri=uri(path), type=kind) for path, kind in events]
        )
    )


async def _eventually(client: LanguageClient, query: str, expected: list[str]) -> None:
    for _ in range(100):
        if await _names(client, query) == expected:
            return
        await asyncio.sleep(0.05)
    assert await _names(client, query) == expected


async def test_created_changed_deleted_on_disk(client: LanguageClient, tmp_path: Path) -> None:
    new = tmp_path / "c.py"
    new.write_text("def gamma():\n    pass\n")
    _watched(client, (new, lsp.FileChangeType.Created))
    await _eventually(client, "gamma", ["gamma@c.py"])
    new.write_text("def gamma2():\n    pass\n")
    _watched(client, (new, lsp.FileChangeType.Changed))
    await _eventually(client, "gamma", ["gamma2@c.py"])
    new.unlink()
    _watched(client, (new, lsp.FileChangeType.Deleted))
    await _eventually(client, "gamma", [])


async def test_rename_as_delete_then_create(client: LanguageClient, tmp_path: Path) -> None:
    old, new = tmp_path / "a.py", tmp_path / "renamed.py"
    old.rename(new)
    _watched(client, (old, lsp.FileChangeType.Deleted), (new, lsp.FileChangeType.Created))
    await _eventually(client, "alpha", ["alpha@renamed.py"])


async def test_folder_renamed_by_the_editor(client: LanguageClient, tmp_path: Path) -> None:
    old, new = tmp_path / "pkg", tmp_path / "lib"
    old.rename(new)
    client.workspace_did_rename_files(
        lsp.RenameFilesParams(files=[lsp.FileRename(old_uri=uri(old), new_uri=uri(new))])
    )
    await _eventually(client, "beta", ["beta@b.py"])
    found = await client.workspace_symbol_async(lsp.WorkspaceSymbolParams(query="beta"))
    assert found[0].location.uri == uri(new / "b.py")


async def test_ignored_and_binary_files_stay_out(client: LanguageClient, tmp_path: Path) -> None:
    (tmp_path / ".hiveignore").write_text("secret_*.py\n")
    _watched(client, (tmp_path / ".hiveignore", lsp.FileChangeType.Created))
    hidden = tmp_path / "secret_x.py"
    hidden.write_text("def hidden():\n    pass\n")
    binary = tmp_path / "bin.py"
    binary.write_bytes(b"def nope():\x00\x01\x02")
    _watched(client, (hidden, lsp.FileChangeType.Created), (binary, lsp.FileChangeType.Created))
    await asyncio.sleep(0.2)
    assert await _names(client, "hidden") == []
    assert await _names(client, "nope") == []


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def busy_client(lsp_client: LanguageClient, tmp_path: Path):
    # many files full of one name make find-references slow enough to cancel
    body = "def busy():\n    pass\n" + "busy()\n" * 1500
    for index in range(40):
        (tmp_path / f"busy{index}.py").write_text(body)
    await start(lsp_client, tmp_path)
    yield
    await lsp_client.shutdown_session()


async def test_a_cancelled_request_is_answered_as_cancelled(
    busy_client: LanguageClient, tmp_path: Path
) -> None:
    params = lsp.ReferenceParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri(tmp_path / "busy0.py")),
        position=lsp.Position(0, 5),
        context=lsp.ReferenceContext(include_declaration=True),
    )
    future = asyncio.ensure_future(  # a coroutine: it sends nothing until scheduled
        busy_client.protocol.send_request_async(
            lsp.TEXT_DOCUMENT_REFERENCES, params, msg_id="slow-1"
        )
    )
    await asyncio.sleep(0.3)
    busy_client.protocol.notify("$/cancelRequest", lsp.CancelParams(id="slow-1"))
    with pytest.raises(JsonRpcRequestCancelled):
        await future
    # the server is still there, and answers
    assert len(await _names(busy_client, "busy")) == 40


LOG = Path(tempfile.mkdtemp(prefix="hive-ls-log-")) / "server.log"


VERBOSE = [*SERVER[:-1], "-v", SERVER[-1]]  # `hive-ls -v serve`: INFO lines in the log


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[*VERBOSE, "--log-file", str(LOG)]))
async def slow_client(lsp_client: LanguageClient, tmp_path: Path):
    for index in range(50):
        (tmp_path / f"m{index}.py").write_text(f"def f{index}():\n    return {index}\n")
    yield
    await lsp_client.shutdown_session()


async def test_settings_changed_while_the_client_creates_the_progress_bar(
    slow_client: LanguageClient, tmp_path: Path
) -> None:
    client = slow_client
    accept_registrations(client)
    asked = asyncio.Event()

    async def create(params: lsp.WorkDoneProgressCreateParams) -> None:
        asked.set()
        await asyncio.sleep(0.5)  # a slow editor: the settings change lands first

    # replaces pytest-lsp's own (instant) handler for this request
    client.protocol.fm.features.pop(lsp.WINDOW_WORK_DONE_PROGRESS_CREATE, None)
    client.feature(lsp.WINDOW_WORK_DONE_PROGRESS_CREATE)(create)

    await client.initialize_session(
        lsp.InitializeParams(
            capabilities=pytest_lsp.client_capabilities("visual-studio-code"),
            root_uri=uri(tmp_path),
        )
    )
    await asyncio.wait_for(asked.wait(), 30)
    client.workspace_did_change_configuration(
        lsp.DidChangeConfigurationParams(settings={"hive-ls": {"index": {"exclude": ["m1*"]}}})
    )
    status = await wait_indexed(client)
    await asyncio.sleep(1.0)  # the slow answers have arrived by now
    assert status.files == 39  # m1 and m10..m19 are excluded
    log = LOG.read_text()
    assert "re-indexing" in log
    assert "ERROR" not in log and "Traceback" not in log, log
