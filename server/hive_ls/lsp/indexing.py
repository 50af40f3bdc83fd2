"""The initial index, run in the background with ``$/progress``; requests answer meanwhile."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Sequence

from hive_ls.analysis.cancel import Cancelled, CancelToken
from hive_ls.analysis.indexer import Indexed, IndexState, Plan, index_files, plan
from hive_ls.analysis.warm import reuse_stored
from hive_ls.lsp.progress import WorkProgress
from hive_ls.lsp.server import HiveServer
from hive_ls.vfs.reader import Skipped

log = logging.getLogger(__name__)
REPORT_EVERY = 0.25  # seconds between progress reports


class _Progress(WorkProgress):
    """The indexing bar: ``done/total files``, at most every ``REPORT_EVERY`` seconds."""

    def __init__(self, ls: HiveServer) -> None:
        super().__init__(ls, "index")
        self.last = 0.0

    def files(self, done: int, total: int, force: bool = False) -> None:
        now = time.monotonic()
        if self.token is None or (not force and now - self.last < REPORT_EVERY):
            return
        self.last = now
        self.report(f"{done}/{total} files", int(100 * done / total) if total else 100)


async def _warm_start(ls: HiveServer, todo: Plan) -> tuple[Plan, int]:
    """Load the files saved unchanged; the plan for the rest, and how many were loaded.

    First from the facts snapshot beside each store (no need to wait for LanceDB), then, for
    what that did not cover, from the store itself. With no index saved before, nothing waits
    for the store (a cold start parses everything).
    """
    link = ls.store.store
    roots = {p.root for p in todo.files}
    if link is None or not link.saved_before(roots):
        if link is not None:
            link.status.reused, link.status.parsed = 0, len(todo.files)
        return todo, 0
    loop = asyncio.get_running_loop()
    max_bytes = ls.host.settings.index.max_file_bytes
    sidecars = await loop.run_in_executor(None, lambda: {r: link.read_sidecar(r) for r in roots})
    reused, rest = await loop.run_in_executor(
        None, reuse_stored, todo, lambda root: sidecars.get(root, {}), max_bytes
    )
    ls.host.add_indexed(reused, saved=True)
    ls.store.from_sidecar = {i.facts.path: i.facts.digest for i in reused}
    count = len(reused)
    if rest.files:
        store = await ls.store.ready()
        if store is not None:
            more, rest = await loop.run_in_executor(
                None, reuse_stored, rest, store.stored, max_bytes
            )
            ls.host.add_indexed(more, saved=True)
            count += len(more)
    link.status.reused, link.status.parsed = count, len(rest.files)
    log.info("warm start: %d files loaded, %d to parse", count, len(rest.files))
    return rest, count


async def index_folders(ls: HiveServer, folders: Sequence[str], cancel: CancelToken) -> None:
    """Walk and index ``folders`` (roots or folders in them) off the loop, batch by batch."""
    host = ls.host
    loop = asyncio.get_running_loop()
    progress = _Progress(ls)
    await progress.begin("hive-ls: indexing", 0)
    started = time.monotonic()
    try:
        targets = [t for t in map(host.folder_target, folders) if t is not None]
        todo = await loop.run_in_executor(
            None, plan, targets, dict(host.rules), host.settings.index, host.registry, cancel
        )
        total = len(todo.files)
        host.begin_index(total)
        todo, done = await _warm_start(ls, todo)
        host.set_index_state(IndexState(done, total, False))
        progress.files(done, total, force=True)
        finished = asyncio.Event()

        def store(batch: list[Indexed | Skipped]) -> None:
            nonlocal done
            host.add_indexed([r for r in batch if isinstance(r, Indexed)])
            for item in batch:
                if isinstance(item, Skipped):
                    log.info("skipped %s: %s (%s)", item.path, item.reason, item.detail)
            done += len(batch)
            host.set_index_state(IndexState(done, total, False))
            progress.files(done, total)

        def produce() -> None:
            try:
                for batch in index_files(todo, host.settings.index, cancel):
                    loop.call_soon_threadsafe(store, batch)
            except Cancelled:
                log.info("indexing cancelled")
            except Exception:
                log.exception("indexing stopped by an error")
            finally:  # callbacks run in order: every batch is stored before this
                loop.call_soon_threadsafe(finished.set)

        worker = threading.Thread(target=produce, name="hive-index", daemon=True)
        worker.start()
        await finished.wait()
        cancel.check()
        host.set_index_state(IndexState(done, total, True))
        ls.changed()  # the graph is built now, in the background
        seconds = time.monotonic() - started
        log.info(
            "indexed %d files in %.1fs (%d skipped by the walk)", done, seconds, len(todo.skipped)
        )
        progress.end(f"{done} files in {seconds:.1f}s")
        kept = await ls.store.ready()  # (on a cold start it may still be opening)
        if kept is not None:  # files deleted while the server was down leave the store
            host.forget(kept.known_paths() - set(host.paths()))
            # files loaded from the facts snapshot that the store itself does not hold
            host.mark_unsaved(kept.not_holding(ls.store.from_sidecar))
            ls.store.from_sidecar = {}
            kept.forget_stored()
            kept.prestart_model()
            ls.changed()  # the store gets everything indexed
    except (Cancelled, asyncio.CancelledError):
        progress.end("cancelled")
        host.set_index_state(IndexState(host.index_state.done, host.index_state.total, True))
        raise
    except Exception:
        log.exception("indexing failed")
        progress.end("failed: see the server log")
        host.set_index_state(IndexState(host.index_state.done, host.index_state.total, True))


def start_indexing(ls: HiveServer, folders: Sequence[str] | None = None) -> None:
    """Index ``folders`` in the background; with none, (re)index every root from scratch."""
    if folders is None:
        ls.index_cancel.cancel()
        if ls.indexing is not None:
            ls.indexing.cancel()
        ls.index_cancel = CancelToken()
    targets = list(folders) if folders is not None else list(ls.host.roots)
    ls.indexing = asyncio.ensure_future(index_folders(ls, targets, ls.index_cancel))
