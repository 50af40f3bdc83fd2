"""Work-done progress bars (``$/progress``), for the indexing, embedding and AI work.

A bar exists only when the client supports work-done progress and accepts the token; every
method is a no-op otherwise, so callers never check. ``report_threadsafe`` may be called from
any thread (the work runs off the event loop).
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from typing import TYPE_CHECKING

from lsprotocol import types as lsp

if TYPE_CHECKING:
    from hive_ls.lsp.server import HiveServer

log = logging.getLogger(__name__)


class WorkProgress:
    """One progress bar: ``begin`` (on the loop), then ``report``s, then ``end``."""

    def __init__(self, ls: HiveServer, kind: str) -> None:
        self.ls = ls
        self.kind = kind
        self.token: str | None = None
        self.loop: asyncio.AbstractEventLoop | None = None

    def supported(self) -> bool:
        """True when the client shows work-done progress."""
        caps = self.ls.client_capabilities.window
        return caps is not None and bool(caps.work_done_progress)

    async def begin(self, title: str, percentage: int | None = None) -> bool:
        """Ask the client for a token and show the bar; False when there is none."""
        self.loop = asyncio.get_running_loop()
        if not self.supported():
            return False
        token = f"hive-ls/{self.kind}/{uuid.uuid4()}"
        try:
            # shielded: if the work is cancelled meanwhile, the client's reply still lands
            # on a live request instead of a cancelled one (pygls logs that as an error)
            await asyncio.shield(self.ls.work_done_progress.create_async(token))
        except Exception as exc:  # a client may refuse: the work goes on without a bar
            log.info("client refused a progress token: %s", exc)
            return False
        self.token = token
        self.ls.work_done_progress.begin(
            token, lsp.WorkDoneProgressBegin(title=title, percentage=percentage)
        )
        return True

    def report(self, message: str, percentage: int | None = None) -> None:
        """Update the bar (on the loop)."""
        if self.token is not None:
            self.ls.work_done_progress.report(
                self.token, lsp.WorkDoneProgressReport(message=message, percentage=percentage)
            )

    def report_threadsafe(self, message: str, percentage: int | None = None) -> None:
        """Update the bar from any thread."""
        if self.token is not None and self.loop is not None:
            self.loop.call_soon_threadsafe(self.report, message, percentage)

    def end(self, message: str) -> None:
        """Close the bar (on the loop); harmless when the client is already gone."""
        if self.token is None:
            return
        token, self.token = self.token, None
        try:
            self.ls.work_done_progress.end(token, lsp.WorkDoneProgressEnd(message=message))
        except (OSError, ValueError):  # the client hung up (an exit during the work)
            log.info("could not end the progress bar: the client is gone")
