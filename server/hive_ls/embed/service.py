"""``EmbedService``: an embedder in a child process, with a bulk lane and a priority query lane."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import TYPE_CHECKING

from hive_ls.base.processes import stop_process
from hive_ls.base.settings import EmbedSettings
from hive_ls.embed.api import EmbedError, ModelInfo

if TYPE_CHECKING:
    from hive_ls.embed.api import Vectors

START_TIMEOUT_S = 120.0
QUERY_TIMEOUT_S = 30.0


@dataclass
class _Child:
    """One child process and the parent's ends of its two pipes."""

    process: BaseProcess
    bulk: Connection
    query: Connection
    stop: weakref.finalize[[BaseProcess], EmbedService]
    info: ModelInfo | None = None
    stopped: str = ""
    seq: int = field(default=0)

    def died(self) -> EmbedError:
        """The error for a child that is gone, remembered for the calls after."""
        if not self.stopped:
            self.process.join(1.0)
            code = self.process.exitcode
            self.stopped = f"embedding process stopped (exit code {code})"
        return EmbedError(self.stopped)

    def call(self, conn: Connection, texts: list[str], timeout: float | None) -> Vectors:
        """Sends ``texts`` down ``conn`` and waits for the vectors (the lane's lock is held)."""
        if self.stopped:
            raise EmbedError(self.stopped)
        self.seq += 1
        seq = self.seq
        try:
            conn.send((seq, texts))
        except (OSError, ValueError):
            raise self.died() from None
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            ready = wait([conn, self.process.sentinel], left)
            if not ready:
                raise EmbedError(f"the embedding process did not answer within {timeout:g} s")
            if conn not in ready:
                raise self.died()
            try:
                answer, status, payload = conn.recv()
            except (EOFError, OSError):
                raise self.died() from None
            if answer != seq:
                continue  # the late answer to a call that timed out
            if status != "ok":
                raise EmbedError(str(payload))
            import numpy as np  # (loaded already: the answer's unpickling needs it)

            assert isinstance(payload, np.ndarray)
            return payload


class EmbedService:
    """Runs ``open_embedder(settings)`` in a child process so the server's GIL stays free.

    ``embed_documents`` (the bulk lane) and ``embed_query`` (the priority lane) use separate
    pipes served by separate threads in the child, so a query never waits behind a batch.
    Each lane may be used from any thread (one call at a time per lane).
    """

    def __init__(self, settings: EmbedSettings) -> None:
        self._settings = settings
        self._start_lock = threading.Lock()
        self._bulk_lock = threading.Lock()
        self._query_lock = threading.Lock()
        self._child: _Child | None = None

    @property
    def info(self) -> ModelInfo | None:
        """The model's description; ``None`` before ``start`` and after ``close``."""
        child = self._child
        return None if child is None else child.info

    @property
    def pid(self) -> int | None:
        """The child's process id, or ``None`` when there is none."""
        child = self._child
        return None if child is None else child.process.pid

    def start(self) -> ModelInfo:
        """Starts the child (unless it is running) and waits until the model is loaded.

        Raises ``EmbedError`` with the child's message when the model cannot be opened.
        """
        with self._start_lock:
            child = self._child
            alive = child is not None and not child.stopped and child.process.is_alive()
            if child is not None and child.info is not None and alive:
                return child.info
            self._discard()
            child = self._spawn()
            try:
                ready = wait([child.bulk, child.process.sentinel], START_TIMEOUT_S)
                if not ready:
                    raise EmbedError(
                        f"the embedding process did not start within {START_TIMEOUT_S:g} s"
                    )
                if child.bulk not in ready:
                    raise child.died()
                try:
                    status, payload = child.bulk.recv()
                except (EOFError, OSError):
                    raise child.died() from None
                if status != "ready" or not isinstance(payload, ModelInfo):
                    raise EmbedError(str(payload))
            except BaseException:
                self._stop_child(child)
                raise
            child.info = payload
            self._child = child
            return payload

    def _spawn(self) -> _Child:
        from hive_ls.embed.worker import serve

        context = multiprocessing.get_context("spawn")
        bulk, bulk_end = context.Pipe()
        query, query_end = context.Pipe()
        process = context.Process(
            target=serve,
            args=(self._settings, bulk_end, query_end, os.getpid()),
            name="hive-ls-embed",
            daemon=True,
        )
        try:
            process.start()
        except Exception as exc:
            bulk.close()
            query.close()
            raise EmbedError(f"the embedding process cannot be started ({exc})") from exc
        finally:
            bulk_end.close()
            query_end.close()
        return _Child(process, bulk, query, weakref.finalize(self, stop_process, process))

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        """Vectors for ``texts``, shape ``(len(texts), dim)``; waits as long as the batch takes."""
        if isinstance(texts, str):
            raise TypeError("embed_documents takes a sequence of texts, not one string")
        with self._bulk_lock:
            child = self._running()
            return child.call(child.bulk, list(texts), None)

    def embed_query(self, text: str) -> Vectors:
        """The vector of one query, shape ``(dim,)``; never queued behind ``embed_documents``."""
        with self._query_lock:
            child = self._running()
            vectors = child.call(child.query, [text], QUERY_TIMEOUT_S)
            vector: Vectors = vectors[0]
            return vector

    def _running(self) -> _Child:
        child = self._child
        if child is None:
            raise EmbedError("the embedding process is not running (call EmbedService.start)")
        return child

    def close(self) -> None:
        """Stops the child; safe to call more than once. ``start`` may be called again."""
        with self._start_lock:
            self._discard()

    def _discard(self) -> None:
        """Stops and forgets the current child (the start lock is held)."""
        child, self._child = self._child, None
        if child is not None:
            if not child.stopped:
                child.stopped = "the embedding service was closed"
            self._stop_child(child)

    def _stop_child(self, child: _Child) -> None:
        child.stop()  # terminates the process: a call waiting on it returns at once
        with self._bulk_lock:
            child.bulk.close()
        with self._query_lock:
            child.query.close()
