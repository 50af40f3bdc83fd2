"""The index store's life in the server: opened at start, told of every change, closed at exit."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from lsprotocol import types as lsp

from hive_ls.analysis.persist import IndexStore
from hive_ls.lsp.progress import WorkProgress

if TYPE_CHECKING:
    from hive_ls.lsp.server import HiveServer

log = logging.getLogger(__name__)


class StoreLink:
    """Opens the store off the loop, feeds it the host's changes, and shows its progress."""

    def __init__(self, ls: HiveServer) -> None:
        self.ls = ls
        self.store: IndexStore | None = None
        self._opening: asyncio.Future[None] | None = None
        self._bar: WorkProgress | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._begun: asyncio.Future[None] | None = None
        self._last = (0, 0)
        self.from_sidecar: dict[str, str] = {}  # path -> digest of files the warm start loaded

    def start(self) -> None:
        """Open the stores of the workspace roots in the background (LanceDB loads slowly)."""
        self._loop = asyncio.get_running_loop()
        store = IndexStore(self.ls.host.settings, self._notify, self._progress)
        self.store = store
        self._opening = self._loop.run_in_executor(None, store.open, self.ls.host.roots)

    async def ready(self) -> IndexStore | None:
        """The store once it is open (None when persistence is off or it failed)."""
        if self._opening is None or self.store is None:
            return None
        await asyncio.shield(self._opening)
        return self.store if self.store.active else None

    def changed(self) -> None:
        """Hand the host's changes to the store (call on the loop; after the initial index)."""
        store = self.store
        if store is None or not store.active or not self.ls.host.index_state.complete:
            return
        work = self.ls.host.store_work()
        if work is not None:
            store.note(work[0], work[1], self.ls.host.graph.graph)

    def graph_synced(self) -> None:
        """The graph changed (called on the graph thread): its edges are saved too."""
        store = self.store
        if store is not None and store.active:
            store.note(None, (), self.ls.host.graph.graph)

    def close(self) -> None:
        """Save what is pending (and the facts snapshot for the next start), then stop."""
        if self.store is not None:
            complete = self.ls.host.index_state.complete
            self.store.close(snapshot=self.ls.host.snapshot() if complete else None)

    # ---- messages from the store's thread --------------------------------------------------

    def _on_loop(self, callback: Callable[..., object], *args: object) -> None:
        """Run ``callback`` on the server's loop; nothing once that loop has closed (shutdown)."""
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        try:
            loop.call_soon_threadsafe(callback, *args)
        except RuntimeError:  # closed between the check and the call
            log.debug("server loop closed: %s not shown", callback)

    def _notify(self, message: str) -> None:
        log.warning("%s", message)
        params = lsp.ShowMessageParams(type=lsp.MessageType.Warning, message=f"hive-ls: {message}")
        self._on_loop(self.ls.window_show_message, params)

    def _progress(self, done: int, total: int) -> None:
        self._on_loop(self._show_progress, done, total)

    def _show_progress(self, done: int, total: int) -> None:
        self._last = (done, total)
        if self._bar is None:
            bar = WorkProgress(self.ls, "embed")
            if done < total and bar.supported():
                self._bar = bar
                self._begun = asyncio.ensure_future(self._begin(bar))
            return
        if self._begun is not None and not self._begun.done():
            return  # shown once the bar has begun
        self._update(done, total)

    def _update(self, done: int, total: int) -> None:
        bar = self._bar
        if bar is None:
            return
        if done >= total:
            bar.end(f"{done} chunks embedded")
            self._bar = None
            return
        bar.report(f"{done}/{total} chunks", int(100 * done / total))

    async def _begin(self, bar: WorkProgress) -> None:
        if not await bar.begin("hive-ls: embedding", 0):
            self._bar = None
            return
        self._update(*self._last)  # what happened while the client answered
