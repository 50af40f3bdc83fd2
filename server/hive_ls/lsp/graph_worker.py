"""Brings the dependence graph up to date in a background thread after every change."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from hive_ls.analysis.host import AnalysisHost
from hive_ls.analysis.snapshot import Snapshot

log = logging.getLogger(__name__)


class GraphWorker:
    """Takes the files the host changed (on the event loop) and syncs the graph off it.

    Changes pile up while a sync runs; the next sync takes them all with the newest snapshot.
    Nothing happens during the initial index: the whole graph is built once it is complete.
    """

    def __init__(self, host: AnalysisHost, synced: Callable[[], None] | None = None) -> None:
        self._host = host
        self._synced = synced  # called on the worker thread after each sync
        self._pending: tuple[Snapshot, set[str]] | None = None
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stopped = False
        self._thread: threading.Thread | None = None
        self.busy = False

    def poke(self) -> None:
        """Hand the host's changes to the worker (call on the event loop after changes)."""
        if not self._host.index_state.complete:
            return
        work = self._host.graph_work()
        if work is None:
            return
        with self._lock:
            if self._pending is not None:
                work = (work[0], self._pending[1] | work[1])
            self._pending = work
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="hive-graph", daemon=True)
            self._thread.start()
        self._wake.set()

    def stop(self) -> None:
        """Let the thread end (after the sync it is running, if any)."""
        self._stopped = True
        self._wake.set()

    def _run(self) -> None:
        while not self._stopped:
            self._wake.wait()
            self._wake.clear()
            with self._lock:
                work, self._pending = self._pending, None
            if work is None or self._stopped:
                continue
            snap, paths = work
            self.busy = True
            try:
                count = self._host.graph.sync(snap, paths)
                log.debug("graph: %d files changed, %d pieces resolved", len(paths), count)
                if self._synced is not None:
                    self._synced()
            except Exception:
                log.exception("updating the dependence graph failed")
            finally:
                self.busy = False
