"""hive/search end to end: the real server, the real LanceDB store and the real ONNX model."""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.helpers import FIXTURES, uri
from tests.lsp.conftest import SERVER, start

WORKSPACE = Path(os.environ["HIVE_LS_INDEX_DIR"]) / "workspaces" / "searchshop"  # warm after
# the first test; the progress test uses a fresh copy
ENV = {**os.environ, "HIVE_LS_EMBED_MODEL": "minilm"}


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER, server_env=ENV))
async def client(lsp_client: LanguageClient, request: pytest.FixtureRequest, tmp_path: Path):
    fresh = "progress" in request.node.name
    root = tmp_path / "searchshop" if fresh else WORKSPACE
    if not root.exists() or fresh:
        shutil.rmtree(root, ignore_errors=True)
        shutil.copytree(FIXTURES / "searchshop", root)
    lsp_client.root = root  # type: ignore[attr-defined]
    await start(lsp_client, root)
    yield
    await lsp_client.shutdown_session()


async def _embedded(client: LanguageClient, timeout: float = 90.0) -> Any:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        status = await client.protocol.send_request_async("hive/status", {})
        store = status.store
        if store is not None and store.nodes and store.pending == 0:
            return store
        if loop.time() > deadline:
            raise TimeoutError(f"chunks not embedded: {store}")
        await asyncio.sleep(0.2)


async def _search(client: LanguageClient, **params: Any) -> Any:
    return await client.protocol.send_request_async("hive/search", params)


async def test_natural_language_query_finds_the_function(client: LanguageClient) -> None:
    store = await _embedded(client)
    assert store.provider == "CPUExecutionProvider"
    assert store.model.startswith("minilm")
    answer = await _search(client, query="retry failed uploads with backoff", mode="vector")
    assert answer.results[0].name == "upload_with_retry"
    assert answer.results[0].uri == uri(WORKSPACE / "shop" / "uploads.py")
    assert answer.results[0].range.start.line == 7

    sales = await _search(client, query="read comma separated sales rows", mode="vector", k=3)
    assert sales.results[0].name == "parse_sales_csv"

    # similar code ranks above unrelated code
    geometry = await _search(client, query="length of a vector", kind="method", k=5)
    names = [r.name for r in geometry.results]
    assert names[0] == "length" and "upload_with_retry" not in names


async def test_graph_mode_brings_in_neighbours_and_filters_apply(client: LanguageClient) -> None:
    await _embedded(client)
    answer = await _search(client, query="retry failed uploads", k=10)
    by_name = {r.name: r for r in answer.results}
    assert "post" in by_name, "the function the hit calls comes in through the graph"
    assert "graph" in by_name["post"].matched
    only_http = await _search(client, query="retry failed uploads", path="shop/http.py")
    assert {r.name for r in only_http.results} <= {"post", "http"}
    assert only_http.results
    nothing = await _search(client, query="retry failed uploads", language="rust")
    assert nothing.results == []


async def test_workspace_symbol_falls_back_to_search_for_words(client: LanguageClient) -> None:
    await _embedded(client)
    by_name = await client.workspace_symbol_async(lsp.WorkspaceSymbolParams(query="post"))
    assert [s.name for s in by_name] == ["post"]
    by_words = await client.workspace_symbol_async(
        lsp.WorkspaceSymbolParams(query="multiply two matrices")
    )
    assert by_words and by_words[0].name == "matrix_multiply"


async def test_search_command_and_bad_params(client: LanguageClient) -> None:
    await _embedded(client)
    answer = await client.workspace_execute_command_async(
        lsp.ExecuteCommandParams(command="hive.search", arguments=["sum amounts per product"])
    )
    assert answer["results"][0]["name"] == "total_by_product"
    for bad in ({"query": ""}, {"query": "x", "k": 0}, {"query": "x", "mode": "psychic"}):
        with pytest.raises(Exception, match=r"query|k must|mode must"):
            await _search(client, **bad)


async def test_embedding_reports_progress_and_edits_are_re_embedded(
    client: LanguageClient,
) -> None:
    await _embedded(client)
    embedding = [r for t, r in client.progress_reports.items() if "embed" in str(t)]
    assert embedding, "no embedding progress was shown"
    kinds = [type(v).__name__ for v in embedding[0]]
    assert kinds[0] == "WorkDoneProgressBegin" and kinds[-1] == "WorkDoneProgressEnd"
    geometry = client.root / "shop" / "geometry.py"  # type: ignore[attr-defined]
    geometry.write_text(
        geometry.read_text()
        + '\n\ndef celsius_to_fahrenheit(c):\n    """Convert a temperature."""\n'
        + "    return c * 9 / 5 + 32\n"
    )
    client.workspace_did_change_watched_files(
        lsp.DidChangeWatchedFilesParams(
            changes=[lsp.FileEvent(uri=uri(geometry), type=lsp.FileChangeType.Changed)]
        )
    )
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 60
    while True:
        answer = await _search(client, query="convert temperature units", mode="vector", k=1)
        if answer.results and answer.results[0].name == "celsius_to_fahrenheit":
            break
        assert loop.time() < deadline, "the new function was never embedded"
        await asyncio.sleep(0.3)
