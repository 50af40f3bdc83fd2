"""Robustness parts of the model router: backoff, circuit breakers, a response cache, history."""

from __future__ import annotations

import hashlib
import json
import random
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from hive_ls.base.retry import retry_after_seconds

MAX_RETRY_AFTER_S = 10.0
MAX_BACKOFF_S = 8.0

T = TypeVar("T")


def retry_after(headers: Mapping[str, str] | None) -> float | None:
    """Seconds from a ``Retry-After`` header (seconds or HTTP date), capped at 10 s."""
    value = headers.get("retry-after") if headers is not None else None
    return retry_after_seconds(value, MAX_RETRY_AFTER_S)


def backoff_delay(attempt: int, base_s: float, rng: random.Random) -> float:
    """The wait before retry ``attempt`` (0-based): ``base_s * 2**attempt``, capped, jittered.

    The jitter keeps 50-100 % of the delay so parallel callers do not retry in lockstep.
    """
    delay = min(MAX_BACKOFF_S, base_s * (2.0**attempt))
    return delay * (0.5 + rng.random() / 2)


class CircuitBreaker:
    """Stops calls to an endpoint that keeps failing.

    Closed: calls go through. After ``failures`` consecutive failures it opens for
    ``reset_s`` seconds, during which ``allow()`` is False. Then it is half-open: one trial
    call is allowed; its success closes the breaker, its failure opens it again.
    """

    def __init__(
        self, failures: int = 3, reset_s: float = 30.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.failures = failures
        self.reset_s = reset_s
        self._clock = clock
        self._lock = threading.Lock()
        self._count = 0
        self._opened_at: float | None = None
        self._trial = False

    @property
    def state(self) -> str:
        """``closed``, ``open`` or ``half-open``."""
        with self._lock:
            if self._opened_at is None:
                return "closed"
            if self._trial or self._clock() - self._opened_at >= self.reset_s:
                return "half-open"
            return "open"

    def allow(self) -> bool:
        """May a call go out now? In half-open state only the first caller gets True."""
        with self._lock:
            if self._opened_at is None:
                return True
            if self._trial or self._clock() - self._opened_at < self.reset_s:
                return False
            self._trial = True
            return True

    def retry_in(self) -> float:
        """Seconds until the breaker lets a trial call through (0 when closed)."""
        with self._lock:
            if self._opened_at is None:
                return 0.0
            return max(0.0, self.reset_s - (self._clock() - self._opened_at))

    def success(self) -> None:
        """A call succeeded: close."""
        with self._lock:
            self._count = 0
            self._opened_at = None
            self._trial = False

    def failure(self) -> None:
        """A call failed: count it, and open after enough in a row (or a failed trial)."""
        with self._lock:
            self._count += 1
            if self._trial or self._count >= self.failures:
                self._opened_at = self._clock()
                self._trial = False

    def release(self) -> None:
        """A trial call ended with neither verdict (cancelled): let another trial through."""
        with self._lock:
            self._trial = False


def cache_key(
    endpoint: str,
    model: str,
    messages: Sequence[Mapping[str, str]],
    temperature: float,
    max_tokens: int,
) -> str:
    """A digest of everything that determines a response."""
    payload = json.dumps(
        [endpoint, model, [dict(m) for m in messages], temperature, max_tokens],
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


class ResponseCache:
    """A thread-safe in-memory LRU of ``size`` values (``size == 0`` keeps nothing)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> Any | None:
        """The value stored under ``key`` (now the most recently used), or None."""
        with self._lock:
            if key not in self._items:
                return None
            self._items.move_to_end(key)
            return self._items[key]

    def put(self, key: str, value: Any) -> None:
        """Store ``value``, dropping the least recently used beyond ``size``."""
        if self.size <= 0:
            return
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)


@dataclass(frozen=True)
class ModelStats:
    """A model's validated outcomes so far."""

    observations: int = 0
    passes: int = 0
    total_latency_s: float = 0.0

    @property
    def pass_rate(self) -> float:
        """Share of candidates that passed validation (1.0 before any observation)."""
        return self.passes / self.observations if self.observations else 1.0

    @property
    def mean_latency_s(self) -> float:
        """Mean call latency of the observed candidates."""
        return self.total_latency_s / self.observations if self.observations else 0.0


class History:
    """Per-model success history, used to reorder fallback chains.

    A model needs ``min_observations`` outcomes before it moves: the models that have them are
    sorted among the positions they hold (pass rate in steps of 10 %, then mean latency in
    whole seconds, then configured order); the others keep their configured positions.
    """

    def __init__(self, min_observations: int = 5) -> None:
        self.min_observations = min_observations
        self._stats: dict[str, ModelStats] = {}
        self._lock = threading.Lock()

    def record(self, model: str, passed: bool, latency_s: float) -> None:
        """Add one outcome of ``model`` (an ``endpoint:model`` label)."""
        with self._lock:
            old = self._stats.get(model, ModelStats())
            self._stats[model] = ModelStats(
                old.observations + 1,
                old.passes + int(passed),
                old.total_latency_s + max(0.0, latency_s),
            )

    def snapshot(self) -> dict[str, ModelStats]:
        """Every model's stats."""
        with self._lock:
            return dict(self._stats)

    def order(self, models: Sequence[T], label: Callable[[T], str] = str) -> list[T]:
        """``models`` reordered by history (see the class docstring)."""
        stats = self.snapshot()
        slots = [
            i
            for i, m in enumerate(models)
            if stats.get(label(m), ModelStats()).observations >= self.min_observations
        ]

        def rank(i: int) -> tuple[int, int, int]:
            s = stats[label(models[i])]
            return (-round(s.pass_rate * 10), round(s.mean_latency_s), i)

        result = list(models)
        for slot, i in zip(slots, sorted(slots, key=rank), strict=True):
            result[slot] = models[i]
        return result
