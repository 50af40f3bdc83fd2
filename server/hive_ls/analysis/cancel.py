"""Cooperative cancellation for work running off the event loop."""

from __future__ import annotations

import threading


class Cancelled(Exception):
    """The work was cancelled by the client or superseded by a newer request."""


class CancelToken:
    """Set from the event loop, checked by the worker between units of work."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        """Ask the work to stop at its next check."""
        self._event.set()

    @property
    def cancelled(self) -> bool:
        """True once ``cancel`` was called."""
        return self._event.is_set()

    def check(self) -> None:
        """Raise Cancelled when cancellation was asked for."""
        if self._event.is_set():
            raise Cancelled


NEVER = CancelToken()
