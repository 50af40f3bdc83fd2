"""The index survives restarts: warm starts re-parse only what changed, and crashes lose nothing.

Real LanceDB in temporary folders, the real server over stdio; no embedding model (the
conftest turns it off) so that these tests are about persistence alone.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from hive_ls.store import Store
from tests.helpers import FIXTURES, uri
from tests.lsp.raw import RawClient

CLI = [sys.executable, "-m", "hive_ls"]


def _index(root: Path, index_dir: Path, *extra: str) -> dict[str, Any]:
    done = subprocess.run(
        [*CLI, "index", str(root), "--index-dir", str(index_dir), "--format", "json", *extra],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _open_store(index_dir: Path, root: Path) -> Store:
    (folder,) = [p for p in index_dir.iterdir() if p.is_dir()]
    return Store.open(str(folder), str(root.resolve()), None, None)


def _assert_no_duplicates(store: Store) -> None:
    files = store.load_files()
    assert len(files) == len(set(files))
    stats = store.stats()
    assert stats["files"] == len(files)
    keys = store.node_ids()
    assert len(keys) == len(set(keys)), "a node was written twice"


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    root = tmp_path / "pyshop"
    shutil.copytree(FIXTURES / "pyshop", root)
    return root


def test_second_index_is_warm_and_parses_only_changed_files(shop: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    cold = _index(shop, index_dir)
    assert cold["reused"] == 0 and cold["parsed"] == cold["files"] > 3
    assert Path(cold["index_dir"]).is_relative_to(index_dir)

    warm = _index(shop, index_dir)
    assert (warm["reused"], warm["parsed"]) == (cold["files"], 0)
    assert warm["symbols"] == cold["symbols"]

    changed = sorted(shop.rglob("*.py"))[0]
    changed.write_text(changed.read_text() + "\n\ndef added_later():\n    return 1\n")
    gone = sorted(shop.rglob("*.py"))[-1]
    gone.unlink()
    after = _index(shop, index_dir)
    assert (after["reused"], after["parsed"]) == (cold["files"] - 2, 1)
    assert after["files"] == cold["files"] - 1
    store = _open_store(index_dir, shop)
    try:
        files = store.load_files()
        assert len(files) == cold["files"] - 1
        assert gone.relative_to(shop).as_posix() not in files
        _assert_no_duplicates(store)
    finally:
        store.close()


def test_index_dir_from_the_environment(shop: Path, tmp_path: Path) -> None:
    env = {**os.environ, "HIVE_LS_INDEX_DIR": str(tmp_path / "env-index")}
    done = subprocess.run(
        [*CLI, "index", str(shop), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=True,
    )
    assert Path(json.loads(done.stdout)["index_dir"]).is_relative_to(tmp_path / "env-index")


def test_an_unusable_index_dir_is_reported_and_indexing_goes_on(shop: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    done = subprocess.run(
        [*CLI, "index", str(shop), "--index-dir", str(blocker), "--format", "json"],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["files"] > 3
    assert "working from memory" in done.stderr
    assert done.stderr.count("\n") <= 3, "one clear message, not a traceback"


# ---- the server ------------------------------------------------------------------------------


async def _serve(root: Path, index_dir: Path) -> RawClient:
    client = await RawClient.start()
    client_env_note = index_dir  # the index dir arrives through initializationOptions
    await client.request(
        "initialize",
        {
            "processId": None,
            "rootUri": uri(root),
            "capabilities": {},
            "initializationOptions": {"hive-ls": {"store": {"path": str(client_env_note)}}},
        },
    )
    await client.send("initialized", {}, notify=True)
    return client


async def _status(client: RawClient, timeout: float = 60.0) -> dict[str, Any]:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        status: dict[str, Any] = (await client.request("hive/status"))["result"]
        if status["indexing"]["complete"] and status["store"] is not None:
            return status
        if loop.time() > deadline:
            raise TimeoutError(f"index not complete: {status}")
        await asyncio.sleep(0.05)


async def _symbols(client: RawClient, query: str) -> list[str]:
    found = (await client.request("workspace/symbol", {"query": query}))["result"]
    return sorted(f"{s['name']}@{s['location']['uri']}" for s in found)


async def _saved(client: RawClient, files: int, timeout: float = 30.0) -> dict[str, Any]:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        status = await _status(client)
        if status["store"]["files"] >= files and status["store"]["writes"] > 0:
            return status
        if loop.time() > deadline:
            raise TimeoutError(f"store not written: {status['store']}")
        await asyncio.sleep(0.1)


async def test_server_restart_is_a_warm_start(shop: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    first = await _serve(shop, index_dir)
    try:
        status = await _status(first)
        files = status["files"]
        assert status["store"]["parsed"] == files
        await _saved(first, files)
        cold_symbols = await _symbols(first, "a")
    finally:
        await first.close()

    edited = sorted(shop.rglob("*.py"))[1]
    edited.write_text(edited.read_text() + "\n\ndef typed_while_closed():\n    return 2\n")
    second = await _serve(shop, index_dir)
    try:
        status = await _status(second)
        assert (status["store"]["reused"], status["store"]["parsed"]) == (files - 1, 1)
        assert await _symbols(second, "a") == cold_symbols
        assert len(await _symbols(second, "typed_while_closed")) == 1
    finally:
        await second.close()


def _many_files(root: Path, count: int) -> None:
    root.mkdir()
    for index in range(count):
        (root / f"mod{index}.py").write_text(
            f"from mod{(index + 1) % count} import step_{(index + 1) % count}\n\n\n"
            f"def step_{index}(x):\n    return step_{(index + 1) % count}(x) + {index}\n"
            + "".join(f"\n\ndef helper_{index}_{k}(y):\n    return y * {k}\n" for k in range(20))
        )


async def test_kill_9_while_saving_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    root = tmp_path / "many"
    _many_files(root, 200)
    index_dir = tmp_path / "index"
    rng = random.Random(7)
    for attempt in range(3):
        client = await _serve(root, index_dir)
        await _status(client)
        await asyncio.sleep(rng.uniform(0.8, 2.5))  # the first write starts 1 s after the index
        os.kill(client.process.pid, signal.SIGKILL)
        await client.process.wait()
        (root / f"mod{attempt}.py").write_text(f"def rewritten_{attempt}():\n    return 0\n")

    client = await _serve(root, index_dir)
    try:
        status = await _status(client)
        assert status["files"] == 200
        assert status["store"]["reused"] + status["store"]["parsed"] == 200
        assert not status["store"]["problems"]
        symbols = await _symbols(client, "rewritten_")
        assert len(symbols) == 3
        await _saved(client, 200)
    finally:
        await client.close()
    store = _open_store(index_dir, root)
    try:
        _assert_no_duplicates(store)
        assert len(store.load_files()) == 200
    finally:
        store.close()


async def test_two_servers_on_one_workspace_do_not_corrupt_the_store(tmp_path: Path) -> None:
    root = tmp_path / "shared"
    _many_files(root, 60)
    index_dir = tmp_path / "index"
    one, two = await asyncio.gather(_serve(root, index_dir), _serve(root, index_dir))
    try:
        await asyncio.gather(_saved(one, 60), _saved(two, 60))
        (root / "mod5.py").write_text("def both_saw_this():\n    return 5\n")
        for client in (one, two):
            await client.send(
                "workspace/didChangeWatchedFiles",
                {"changes": [{"uri": uri(root / "mod5.py"), "type": 2}]},
                notify=True,
            )
        await asyncio.sleep(2.5)
    finally:
        await asyncio.gather(one.close(), two.close())
    third = await _serve(root, index_dir)
    try:
        status = await _status(third)
        assert (status["store"]["reused"], status["store"]["parsed"]) == (60, 0)
        assert len(await _symbols(third, "both_saw_this")) == 1
    finally:
        await third.close()
    store = _open_store(index_dir, root)
    try:
        _assert_no_duplicates(store)
    finally:
        store.close()
