"""The errors the model layer raises: ``LlmError`` says what went wrong in one sentence."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Failure:
    """One model that failed on the way through a fallback chain, and why."""

    endpoint: str
    model: str
    error: str
    latency_s: float = 0.0


class LlmError(Exception):
    """A model call failed; ``str(error)`` is one clear sentence for people.

    ``failures`` lists every model tried before giving up (for cost and error records).
    """

    def __init__(self, message: str, failures: tuple[Failure, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.failures = failures


class LlmCancelled(LlmError):
    """The caller's cancel event was set: the work stopped at the next chance."""

    def __init__(self, message: str = "cancelled", failures: tuple[Failure, ...] = ()) -> None:
        super().__init__(message, failures)
