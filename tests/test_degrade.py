"""Degrade, don't die: a broken model, a damaged store or a full disk cost features, not the server.

Each case starts the real server and checks that navigation still answers, that search still
answers from what is left, and that the problem is said in one clear sentence.
"""

from __future__ import annotations

import asyncio
import os
import resource
import shutil
import signal
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import FIXTURES, uri
from tests.lsp.raw import RawClient
from tests.test_persist import _saved, _status

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    root = tmp_path / "searchshop"
    shutil.copytree(FIXTURES / "searchshop", root)
    return root


async def _serve(root: Path, options: dict[str, Any], **spawn: Any) -> RawClient:
    client = await RawClient.start(**spawn)
    await client.request(
        "initialize",
        {
            "processId": None,
            "rootUri": uri(root),
            "capabilities": {},
            "initializationOptions": {"hive-ls": options},
        },
    )
    await client.send("initialized", {}, notify=True)
    return client


async def _navigation_works(client: RawClient, root: Path) -> None:
    found = (await client.request("workspace/symbol", {"query": "upload_with_retry"}))["result"]
    assert [s["location"]["uri"] for s in found] == [uri(root / "shop" / "uploads.py")]


async def _problems(client: RawClient, needle: str, timeout: float = 30.0) -> list[str]:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        problems: list[str] = (await _status(client))["store"]["problems"]
        if any(needle in p for p in problems):
            return problems
        assert loop.time() < deadline, f"never said {needle!r}: {problems}"
        await asyncio.sleep(0.1)


async def test_a_corrupt_model_file_turns_embeddings_off_not_the_server(
    shop: Path, tmp_path: Path
) -> None:
    garbage = tmp_path / "model.onnx"
    garbage.write_bytes(b"this is not an onnx model" * 100)
    options = {
        "store": {"path": str(tmp_path / "index")},
        "embed": {"model": "minilm", "model_path": str(garbage)},
    }
    env = {k: v for k, v in os.environ.items() if k != "HIVE_LS_EMBED_MODEL"}
    client = await _serve(shop, options, env=env)
    try:
        problems = await _problems(client, "embeddings off")
        assert len(problems) == 1 and "\n" not in problems[0]
        await _navigation_works(client, shop)
        await _saved(client, 6)
        answer = (await client.request("hive/search", {"query": "retry failed uploads"}))["result"]
        top = {r["name"]: r["matched"] for r in answer["results"][:2]}  # full text still works
        assert "text" in top["upload_with_retry"] and "vector" not in top["upload_with_retry"]
    finally:
        await client.close()


async def test_a_damaged_store_is_rebuilt(shop: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    first = await _serve(shop, {"store": {"path": str(index)}})
    try:
        await _status(first)
        for _ in range(100):
            if (await _status(first))["store"]["writes"]:
                break
            await asyncio.sleep(0.1)
    finally:
        await first.close()
    wrecked = [p for p in index.rglob("*") if p.is_file() and p.parent.name == "data"]
    assert wrecked
    for data in wrecked:  # every data file of every table
        data.write_bytes(b"garbage")
    second = await _serve(shop, {"store": {"path": str(index)}})
    try:
        status = await _status(second)
        # the facts snapshot beside the store still serves the warm start (it is checked
        # file by file against the bytes), and the store is filled again from it
        assert status["store"]["reused"] + status["store"]["parsed"] == status["files"]
        await _navigation_works(second, shop)
        refilled = await _saved(second, status["files"])
        assert refilled["store"]["files"] == status["files"]
        assert refilled["store"]["problems"], "the rebuild was not reported"
    finally:
        await second.close()


def _tiny_files() -> None:
    """In the server process: writing past 64 KB fails (EFBIG), as on a full disk."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64_000, 64_000))


async def test_a_full_disk_is_reported_and_the_server_keeps_serving(
    shop: Path, tmp_path: Path
) -> None:
    big = shop / "shop" / "big.py"
    big.write_text("".join(f"def filler_{i}(x):\n    return x + {i}\n\n\n" for i in range(4000)))
    client = await _serve(shop, {"store": {"path": str(tmp_path / "index")}}, limit=_tiny_files)
    try:
        problems = await _problems(client, "could not save the index")
        assert all("\n" not in p for p in problems)
        await _navigation_works(client, shop)
        assert (await client.request("hive/status"))["result"]["files"] == 7
    finally:
        await client.close()
