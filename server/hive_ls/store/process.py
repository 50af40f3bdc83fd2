"""The store in a child process, so LanceDB's import time, memory and native crashes stay out.

The language server talks to ``RemoteStore`` objects that mirror ``Store``; their calls travel
over two pipes to one child process: reads on one lane, writes on the other, each served by its
own thread there, so a search never waits behind a long write. The child exits when its pipes
close (the server ended, even by SIGKILL); a child that dies turns every later call into a
``StoreError`` that says so.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import threading
import weakref
from collections.abc import Collection, Mapping, Sequence
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

from hive_ls.base.processes import stop_process
from hive_ls.store.errors import StoreError
from hive_ls.store.rows import EdgeRow, FileRow, Filters, Hit, NodeRow

START_TIMEOUT_S = 120.0
READS = frozenset(
    {
        "load_files",
        "pending",
        "count_pending",
        "search_vector",
        "search_text",
        "search_hybrid",
        "edges_of",
        "all_edges",
        "node_ids",
        "stats",
    }
)
NO_FILTERS = Filters()


def _serve(reads: Connection, writes: Connection) -> None:
    """The child: keep stdout clear of the LSP stream, then answer both lanes until EOF.

    Everything it creates (index folders, tables, metadata) is this user's alone: the index
    holds source text.
    """
    os.umask(0o077)
    os.dup2(2, 1)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    from hive_ls.store.store import Store

    stores: dict[int, Store] = {}
    handles = itertools.count(1)

    def answer(conn: Connection) -> None:
        while True:
            try:
                seq, handle, method, args, kwargs = conn.recv()
            except (EOFError, OSError):
                os._exit(0)  # the server is gone
            try:
                if method == "open":
                    store = Store.open(*args)
                    number = next(handles)
                    stores[number] = store
                    result: Any = (number, store.notices, store.model_id, store.dim)
                else:
                    result = getattr(stores[handle], method)(*args, **kwargs)
                conn.send((seq, "ok", result))
            except StoreError as exc:
                conn.send((seq, "store", str(exc)))
            except Exception as exc:  # a bug or a LanceDB surprise: an answer, not a hang
                conn.send((seq, "error", f"{type(exc).__name__}: {exc}"))

    threading.Thread(target=answer, args=(reads,), daemon=True).start()
    answer(writes)


class StoreProcess:
    """The child process holding the stores, started on the first call."""

    def __init__(self) -> None:
        self._process: BaseProcess | None = None
        self._lanes: dict[str, tuple[Connection, threading.Lock]] = {}
        self._seq = itertools.count(1)
        self._start_lock = threading.Lock()
        self._stopped = ""

    @property
    def pid(self) -> int | None:
        """The child's process id, once started."""
        return self._process.pid if self._process is not None else None

    def _start(self) -> None:
        with self._start_lock:
            if self._process is not None:
                return
            context = multiprocessing.get_context("spawn")
            reads, child_reads = context.Pipe()
            writes, child_writes = context.Pipe()
            process = context.Process(
                target=_serve, args=(child_reads, child_writes), name="hive-store", daemon=True
            )
            process.start()
            child_reads.close()
            child_writes.close()
            self._lanes = {"read": (reads, threading.Lock()), "write": (writes, threading.Lock())}
            self._process = process
            weakref.finalize(self, stop_process, process)

    def call(self, handle: int, method: str, *args: Any, **kwargs: Any) -> Any:
        """Run ``method`` of store ``handle`` in the child; StoreError for every failure."""
        if self._stopped:
            raise StoreError(self._stopped)
        self._start()
        assert self._process is not None
        conn, lock = self._lanes["read" if method in READS else "write"]
        with lock:
            seq = next(self._seq)
            try:
                conn.send((seq, handle, method, args, kwargs))
                ready = wait([conn, self._process.sentinel], START_TIMEOUT_S * 5)
                if conn not in ready:
                    raise EOFError
                answer, status, payload = conn.recv()
            except (EOFError, OSError, ValueError):
                raise self._died() from None
        if answer != seq:  # pragma: no cover - one call at a time per lane
            raise StoreError("the index process answered out of turn")
        if status != "ok":
            raise StoreError(str(payload))
        return payload

    def _died(self) -> StoreError:
        assert self._process is not None
        self._process.join(1.0)
        self._stopped = f"the index process stopped (exit code {self._process.exitcode})"
        return StoreError(self._stopped)

    def close(self) -> None:
        """Stop the child (its stores are closed by the caller first)."""
        if self._process is not None:
            for conn, _ in self._lanes.values():
                conn.close()
            self._process.join(5.0)
            stop_process(self._process)


class RemoteStore:
    """A ``Store`` living in a ``StoreProcess``: the same methods, run over there."""

    def __init__(
        self, process: StoreProcess, handle: int, directory: str, notices: list[str],
        model_id: str | None, dim: int | None,
    ) -> None:  # fmt: skip
        self._process = process
        self._handle = handle
        self.directory = directory
        self.notices = notices
        self.model_id = model_id
        self.dim = dim

    @classmethod
    def open(
        cls, process: StoreProcess, directory: str, root: str, model_id: str | None,
        dim: int | None,
    ) -> RemoteStore:  # fmt: skip
        """Open (or create) the store at ``directory`` in the child; see ``Store.open``."""
        handle, notices, model, size = process.call(0, "open", directory, root, model_id, dim)
        return cls(process, handle, directory, list(notices), model, size)

    def _call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        return self._process.call(self._handle, method, *args, **kwargs)

    def load_files(self) -> dict[str, FileRow]:
        """See ``Store.load_files``."""
        result: dict[str, FileRow] = self._call("load_files")
        return result

    def write(
        self,
        files: Sequence[FileRow],
        nodes: Mapping[str, Sequence[NodeRow]],
        edges: Mapping[str, Sequence[EdgeRow]],
        removed: Sequence[str] = (),
    ) -> None:
        """See ``Store.write``."""
        self._call("write", list(files), dict(nodes), dict(edges), list(removed))

    def pending(self, limit: int) -> list[tuple[str, str, str]]:
        """See ``Store.pending``."""
        result: list[tuple[str, str, str]] = self._call("pending", limit)
        return result

    def count_pending(self) -> int:
        """See ``Store.count_pending``."""
        return int(self._call("count_pending"))

    def set_vectors(self, rows: Sequence[tuple[str, str, Any]]) -> int:
        """See ``Store.set_vectors``."""
        return int(self._call("set_vectors", list(rows)))

    def search_vector(self, vector: Any, k: int, filters: Filters = NO_FILTERS) -> list[Hit]:
        """See ``Store.search_vector``."""
        result: list[Hit] = self._call("search_vector", vector, k, filters)
        return result

    def search_text(self, query: str, k: int, filters: Filters = NO_FILTERS) -> list[Hit]:
        """See ``Store.search_text``."""
        result: list[Hit] = self._call("search_text", query, k, filters)
        return result

    def search_hybrid(
        self, query: str, vector: Any, k: int, filters: Filters = NO_FILTERS
    ) -> list[Hit]:
        """See ``Store.search_hybrid``."""
        result: list[Hit] = self._call("search_hybrid", query, vector, k, filters)
        return result

    def edges_of(self, ids: Collection[str]) -> list[EdgeRow]:
        """See ``Store.edges_of``."""
        result: list[EdgeRow] = self._call("edges_of", list(ids))
        return result

    def all_edges(self) -> list[EdgeRow]:
        """See ``Store.all_edges``."""
        result: list[EdgeRow] = self._call("all_edges")
        return result

    def node_ids(self) -> list[str]:
        """See ``Store.node_ids``."""
        result: list[str] = self._call("node_ids")
        return result

    def stats(self) -> dict[str, int]:
        """See ``Store.stats``."""
        result: dict[str, int] = self._call("stats")
        return result

    def maintain(self) -> None:
        """See ``Store.maintain``."""
        self._call("maintain")

    def close(self) -> None:
        """Close the store over there (the process stays for the others)."""
        with contextlib.suppress(StoreError):  # a child that is gone has nothing left open
            self._call("close")
