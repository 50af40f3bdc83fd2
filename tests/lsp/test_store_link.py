"""The store's thread may report after the server's loop closed (shutdown): nothing is raised."""

from __future__ import annotations

import asyncio
import threading

from hive_ls.lsp.server import HiveServer
from hive_ls.lsp.store_link import StoreLink


def test_progress_and_notes_after_the_loop_closed_are_dropped() -> None:
    link = StoreLink(HiveServer())
    loop = asyncio.new_event_loop()
    link._loop = loop
    loop.close()
    errors: list[BaseException] = []

    def store_thread() -> None:  # as the store's thread reports: from outside the loop
        try:
            link._progress(3, 10)
            link._notify("embedding stopped")
        except BaseException as exc:  # what the thread would die of
            errors.append(exc)

    worker = threading.Thread(target=store_thread)
    worker.start()
    worker.join()
    assert errors == []
