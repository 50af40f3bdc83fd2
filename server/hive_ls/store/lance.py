"""The thin layer over LanceDB: lazy import, connection, retries on commit conflicts, error text."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar

from hive_ls.store.cpu import cpu_problem
from hive_ls.store.errors import StoreError

T = TypeVar("T")

# Commit conflicts LanceDB does not resolve itself; retried with backoff.
_RETRYABLE = ("commit conflict", "preempted", "please retry", "too many concurrent")
RETRY_ATTEMPTS = 12
RETRY_FIRST_DELAY_S = 0.02
RETRY_MAX_DELAY_S = 1.0


def connect(directory: str) -> Any:
    """A LanceDB connection to ``directory`` that always reads the newest committed version.

    Raises StoreError when the CPU cannot run LanceDB or lancedb cannot be imported; the CPU is
    checked before the import, which itself can crash on such a CPU.
    """
    problem = cpu_problem()
    if problem:
        raise StoreError(problem)
    try:
        import lancedb  # type: ignore[import-untyped, unused-ignore]
    except ImportError as error:  # pragma: no cover - a broken installation
        raise StoreError(
            f"lancedb cannot be imported ({error}); the index stays in memory"
        ) from error
    try:
        return lancedb.connect(directory, read_consistency_interval=timedelta(0))
    except Exception as error:
        raise StoreError(f"the index at {directory} cannot be opened: {describe(error)}") from error


def describe(error: BaseException) -> str:
    """The first line of an error's message, without LanceDB's source locations."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    for marker in (", /rustc/", ", /root/.cargo/", ", /home/"):
        text = text.split(marker, 1)[0]
    if "No space left on device" in str(error):
        return "no space left on device"
    return text[:300]


def is_retryable(error: BaseException) -> bool:
    """Whether ``error`` is a commit conflict that a retry against the newest version resolves."""
    text = str(error).lower()
    return any(marker in text for marker in _RETRYABLE)


def retrying(what: str, operation: Callable[[], T]) -> T:
    """Run ``operation``, retrying commit conflicts with jittered backoff; else StoreError.

    ``what`` completes the sentence "... failed", e.g. "writing the nodes of 3 files".
    """
    delay = RETRY_FIRST_DELAY_S
    for attempt in range(RETRY_ATTEMPTS):
        try:
            return operation()
        except StoreError:
            raise
        except Exception as error:
            if is_retryable(error) and attempt + 1 < RETRY_ATTEMPTS:
                time.sleep(delay * (0.5 + random.random()))
                delay = min(delay * 2, RETRY_MAX_DELAY_S)
                continue
            raise StoreError(f"{what} failed: {describe(error)}") from error
    raise AssertionError("unreachable")  # pragma: no cover
