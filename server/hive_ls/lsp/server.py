"""The hive-ls language server object: the analysis host, the position codec, background work."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, BinaryIO, TypeVar

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from hive_ls import __version__
from hive_ls.analysis.cancel import Cancelled, CancelToken
from hive_ls.analysis.graph_sync import GraphSync
from hive_ls.analysis.host import AnalysisHost
from hive_ls.analysis.snapshot import Snapshot
from hive_ls.features import centrality
from hive_ls.features.graph_lookup import GraphNotReady, NoSuchTarget
from hive_ls.features.results import UnknownFile
from hive_ls.lsp.ai_state import AiState
from hive_ls.lsp.convert import PositionCodec
from hive_ls.lsp.framing import Reader, read_messages
from hive_ls.lsp.graph_worker import GraphWorker
from hive_ls.lsp.protocol import HiveProtocol
from hive_ls.lsp.store_link import StoreLink
from hive_ls.parse.registry import default_registry

log = logging.getLogger(__name__)
T = TypeVar("T")
RECENT_FILES = 20
GRAPH_WAIT = 2.0  # seconds a graph request waits for the graph to catch up with edits


class HiveServer(LanguageServer):
    """A pygls server that owns one AnalysisHost; handlers live in ``lsp.handlers``."""

    def __init__(self) -> None:
        super().__init__(
            "hive-ls",
            __version__,
            protocol_cls=HiveProtocol,
            text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental,
        )
        self.host = AnalysisHost(default_registry())
        self.codec = PositionCodec()
        self.readers = ThreadPoolExecutor(max_workers=2, thread_name_prefix="hive-read")
        self.indexing: asyncio.Task[None] | None = None
        self.index_cancel = CancelToken()
        self._uris: dict[str, str] = {}
        self.init_options: Any = None
        self.trusted_by_user = False  # `serve --trust`: every workspace folder is trusted
        self.client_trusted = False  # the editor's workspace trust (``workspaceTrusted``)
        self.problems_shown: set[str] = set()  # settings problems told once per session
        self.shutdown_requested = False
        self.store = StoreLink(self)
        self.ai = AiState()
        self._recent: dict[str, float] = {}  # path -> when the editor last changed it
        self.graph_worker = GraphWorker(self.host, self._graph_synced)

    def _graph_synced(self) -> None:
        """After each graph sync (graph thread): save its edges, refresh centrality (throttled)."""
        self.store.graph_synced()
        centrality.refresh(self.host.graph.graph)

    def changed(self) -> None:
        """The host changed: let the dependence graph and the store catch up in the background."""
        self.graph_worker.poke()
        self.store.changed()

    def note_edit(self, path: str) -> None:
        """The editor changed ``path`` (recent edits come first in AI context)."""
        self._recent.pop(path, None)
        self._recent[path] = time.monotonic()
        while len(self._recent) > RECENT_FILES:
            self._recent.pop(next(iter(self._recent)))

    def recent_paths(self) -> list[str]:
        """Recently edited files, most recent first."""
        return list(reversed(self._recent))

    # ---- URIs and paths -------------------------------------------------------------------

    def path_of(self, uri: str) -> str:
        """The host's key for a document URI: the real file path, or the URI itself."""
        path = to_fs_path(uri) if uri.startswith("file:") else None
        if not path:
            return uri
        real = os.path.realpath(path)
        self._uris.setdefault(real, uri)
        return real

    def uri_of(self, path: str) -> str:
        """The URI to send for a path (the client's own spelling when it sent one)."""
        known = self._uris.get(path)
        if known is not None:
            return known
        if "://" in path or path.startswith("untitled:"):
            return path
        return from_fs_path(path) or path

    # ---- running reads off the loop ---------------------------------------------------------

    async def read(self, work: Callable[[Snapshot, CancelToken], T]) -> T:
        """Run ``work`` on the current snapshot in a reader thread; cancellable by the client.

        UnknownFile becomes an InvalidParams error whose message says what to do.
        """
        snap = self.host.snapshot()
        token = CancelToken()
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self.readers, work, snap, token)
        try:
            return await future
        except asyncio.CancelledError:
            token.cancel()
            raise
        except Cancelled:
            raise asyncio.CancelledError from None
        except (UnknownFile, NoSuchTarget) as exc:
            raise JsonRpcInvalidParams(str(exc)) from None

    async def read_graph(self, work: Callable[[GraphSync, CancelToken], T], empty: T) -> T:
        """Run ``work`` on the dependence graph in a reader thread.

        It waits until the graph has caught up with the latest edits (or ``GRAPH_WAIT``
        seconds, then answers from the graph as it is). ``empty`` is the answer while the graph
        is not built yet (the initial index runs).
        """
        self.changed()
        generation = self.host.snapshot().generation
        complete = self.host.index_state.complete
        sync = self.host.graph

        def run(snap: Snapshot, token: CancelToken) -> T:
            if complete and not sync.wait_for(generation, GRAPH_WAIT):
                log.info("the dependence graph lags behind the edits; answering from it as is")
            try:
                return work(sync, token)
            except GraphNotReady:
                return empty

        return await self.read(run)

    def start_io(self, stdin: BinaryIO | None = None, stdout: BinaryIO | None = None) -> None:
        """Serve the client on stdio, with the framing of ``lsp.framing`` (never deaf)."""
        from pygls.io_ import StdoutWriter

        from hive_ls.lsp.framing import StdinReader

        self._stop_event = threading.Event()
        reader = StdinReader(stdin or sys.stdin.buffer, self.thread_pool)
        self.protocol.set_writer(StdoutWriter(stdout or sys.stdout.buffer))
        try:
            asyncio.run(self.read_messages(reader))
        except BrokenPipeError:
            log.warning("the client's connection is lost: shutting down")
        except (KeyboardInterrupt, SystemExit):
            pass
        finally:
            self.shutdown()

    async def read_messages(self, reader: Reader) -> None:
        """The message loop over ``reader`` until its end or the exit notification."""
        protocol = self.protocol

        def decode(body: bytes) -> Any:
            return json.loads(body, object_hook=protocol.structure_message)

        def deliver(message: Any) -> None:
            try:
                protocol.handle_message(message)
            except Exception as exc:  # one message must not end the loop
                log.exception("cannot handle a message")
                self.report_server_error(exc, JsonRpcException)

        if self._stop_event is None:
            self._stop_event = threading.Event()
        await read_messages(self._stop_event, reader, decode, deliver, protocol._send_data)

    def serve_tcp(self, host: str, port: int, token: str = "") -> None:
        """Serve one client over TCP (see ``lsp.tcp``); returns when it has gone."""
        from hive_ls.lsp.tcp import serve_tcp

        serve_tcp(self, host, port, token)

    def shutdown(self) -> None:
        """Stop background work, then pygls."""
        self.graph_worker.stop()
        self.index_cancel.cancel()
        self.store.close()
        self.ai.close()
        if self.indexing is not None:
            self.indexing.cancel()
        self.readers.shutdown(wait=False, cancel_futures=True)
        super().shutdown()  # type: ignore[no-untyped-call]
