"""EmbedService: the bundled model in a real child process, its two lanes, and its death."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from hive_ls.base.settings import EmbedSettings
from hive_ls.embed import EmbedError, EmbedService, ModelInfo, open_embedder

SETTINGS = EmbedSettings()
DOCS = ["def add(a, b):\n    return a + b", "class Stack:\n    def push(self, x): ...", ""]
LONG = " ".join(f"def handler_{i}(request): return respond(request, {i})" for i in range(60))


def state(svc: EmbedService) -> tuple[ModelInfo | None, int | None]:
    return svc.info, svc.pid


@pytest.fixture(scope="module")
def service() -> Iterator[EmbedService]:
    svc = EmbedService(SETTINGS)
    yield svc
    svc.close()


def test_start_reports_the_model_and_is_idempotent(service: EmbedService) -> None:
    assert state(service) == (None, None)
    started = time.perf_counter()
    info = service.start()
    print(f"child start: {time.perf_counter() - started:.2f} s")
    assert info.dim == 384
    assert info.provider == "CPUExecutionProvider"
    assert info.model_id.startswith("minilm_l6_int8_")
    pid = service.pid
    assert pid is not None and pid != os.getpid()
    assert service.start() == info == service.info
    assert service.pid == pid


def test_vectors_equal_the_in_process_ones(service: EmbedService) -> None:
    service.start()
    local = open_embedder(SETTINGS)
    try:
        docs = service.embed_documents(DOCS)
        assert docs.shape == (3, 384)
        assert docs.dtype == np.float32
        assert np.allclose(docs, local.embed(DOCS), atol=1e-5)
        query = service.embed_query("add two numbers")
        assert query.shape == (384,)
        assert np.allclose(query, local.embed(["add two numbers"])[0], atol=1e-5)
        assert service.embed_documents([]).shape == (0, 384)
    finally:
        local.close()


def test_a_query_does_not_wait_behind_a_batch(service: EmbedService) -> None:
    service.start()
    done: list[str] = []
    failures: list[BaseException] = []

    def bulk() -> None:
        try:
            service.embed_documents([f"{LONG} {i}" for i in range(40)])
            done.append("documents")
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(exc)

    worker = threading.Thread(target=bulk)
    worker.start()
    time.sleep(0.5)  # the batch is running in the child by now
    vector = service.embed_query("respond to a request")
    done.append("query")
    worker.join(60)
    assert not failures
    assert vector.shape == (384,)
    assert done == ["query", "documents"]


def test_a_killed_child_is_an_error_and_start_restarts_it() -> None:
    svc = EmbedService(SETTINGS)
    try:
        svc.start()
        pid = svc.pid
        assert pid is not None
        errors: list[EmbedError] = []

        def bulk() -> None:
            try:
                svc.embed_documents([LONG] * 40)
            except EmbedError as exc:
                errors.append(exc)

        worker = threading.Thread(target=bulk)
        worker.start()
        time.sleep(0.3)
        os.kill(pid, signal.SIGKILL)
        worker.join(30)
        assert [str(e) for e in errors] == ["embedding process stopped (exit code -9)"]
        with pytest.raises(EmbedError, match=r"^embedding process stopped \(exit code -9\)$"):
            svc.embed_query("anything")
        with pytest.raises(EmbedError, match=r"^embedding process stopped \(exit code -9\)$"):
            svc.embed_documents(["anything"])
        info = svc.start()
        assert svc.pid not in (None, pid)
        assert info.dim == 384
        assert svc.embed_query("anything").shape == (384,)
    finally:
        svc.close()
        svc.close()
    assert state(svc) == (None, None)
    with pytest.raises(EmbedError, match="not running"):
        svc.embed_query("after close")


def test_a_child_that_cannot_open_the_model_reports_why(tmp_path: Path) -> None:
    broken = tmp_path / "model.onnx"
    broken.write_bytes(b"not an onnx file")
    svc = EmbedService(EmbedSettings(model_path=str(broken)))
    with pytest.raises(EmbedError, match=r"model\.onnx cannot be loaded .*embed\.model_path"):
        svc.start()
    assert svc.pid is None
    svc.close()


def test_the_child_exits_when_its_parent_dies() -> None:
    script = textwrap.dedent(
        """
        import os, signal
        from hive_ls.base.settings import EmbedSettings
        from hive_ls.embed import EmbedService
        if __name__ == "__main__":
            svc = EmbedService(EmbedSettings())
            svc.start()
            print(svc.pid, flush=True)
            os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    parent = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert parent.returncode == -signal.SIGKILL, parent.stderr
    child = int(parent.stdout.strip())
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _running(child):
        time.sleep(0.1)
    assert not _running(child)


def _running(pid: int) -> bool:
    """True while ``pid`` exists and is not a zombie."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status
