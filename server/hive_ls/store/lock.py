"""An inter-process write lock on an index directory, so that only one process changes it at once.

LanceDB resolves most concurrent commits itself, but a compaction racing merges from another
process was measured to duplicate rows and to delete files a merge still reads; serialising
every change (writes, vectors, maintenance, opening) with ``flock`` rules that out. Readers
never take the lock. The OS drops the lock when its process dies, even by ``kill -9``. Where
``fcntl`` is missing (Windows) only threads of one process are serialised.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from hive_ls.store.errors import StoreError

LOCK_FILE = ".write.lock"
LOCK_TIMEOUT_S = 300.0
_POLL_FIRST_S = 0.005
_POLL_MAX_S = 0.2


class DirectoryLock:
    """A re-entrant exclusive lock on ``directory``, shared by the threads of one Store."""

    def __init__(self, directory: str, timeout_s: float = LOCK_TIMEOUT_S) -> None:
        self.path = os.path.join(directory, LOCK_FILE)
        self.timeout_s = timeout_s
        self._threads = threading.RLock()
        self._depth = 0
        self._fd: int | None = None

    @contextmanager
    def held(self) -> Iterator[None]:
        """Hold the lock for the body; StoreError when another process keeps it too long."""
        with self._threads:
            if self._depth == 0:
                self._acquire()
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self._release()

    def close(self) -> None:
        """Close the lock file (the lock must not be held)."""
        with self._threads:
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None

    def _acquire(self) -> None:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows
            return
        try:
            if self._fd is None:
                self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise StoreError(
                f"the index lock {self.path} cannot be opened: {error.strerror}"
            ) from error
        deadline = time.monotonic() + self.timeout_s
        delay = _POLL_FIRST_S
        while True:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise StoreError(
                        f"another process has held the index lock {self.path} "
                        f"for over {self.timeout_s:.0f} seconds"
                    ) from None
                time.sleep(delay)
                delay = min(delay * 2, _POLL_MAX_S)

    def _release(self) -> None:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows
            return
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
