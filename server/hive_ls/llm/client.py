"""``ModelRouter``: calls a stage's models through OpenAI-compatible endpoints, robustly.

Per stage the configured models form a fallback chain (reordered by validated history).
Each model gets ``retries`` extra attempts on retryable errors (429, 408/409, 5xx, timeouts,
connection errors) with exponential backoff and jitter, honouring ``Retry-After`` up to
10 s; other errors (400, 401, 403, 404, a malformed answer) go straight to the next model.
Each endpoint has a circuit breaker, counting connection errors, timeouts, 5xx and
malformed answers (not 429: the endpoint answers, and its limits are often per model).

Responses are cached in memory (LRU) when the call is deterministic: temperature 0, unless
the caller says ``cache=False``; ``cache=True`` caches any temperature. Only successes are
cached, and a hit costs nothing (``cached=True``, ``cost_usd=0``).

A set ``cancel`` event stops the work between attempts and, because the HTTP request runs
in a helper thread, also during a call (the request itself then ends in the background,
bounded by ``timeout_s``).
"""

from __future__ import annotations

import os
import random
import re
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from hive_ls.base.redact import without_userinfo
from hive_ls.llm.config import EndpointConfig, LlmConfig, ModelRef
from hive_ls.llm.errors import Failure, LlmCancelled, LlmError
from hive_ls.llm.local import LocalServer
from hive_ls.llm.robust import (
    CircuitBreaker,
    History,
    ModelStats,
    ResponseCache,
    backoff_delay,
    cache_key,
    retry_after,
)

Message = Mapping[str, str]
NO_KEY = "no-key"  # sent to endpoints configured without api_key_env (local servers)
POLL_S = 0.05


@dataclass(frozen=True)
class Completion:
    """A model's answer and what it cost; ``failures`` are the models that failed before it."""

    text: str
    model: str
    endpoint: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    latency_s: float = 0.0
    cost_usd: float = 0.0
    cached: bool = False
    failures: tuple[Failure, ...] = ()

    @property
    def label(self) -> str:
        """``endpoint:model``."""
        return f"{self.endpoint}:{self.model}"


def estimate_tokens(text: str) -> int:
    """A rough token count (4 characters a token) for when an endpoint reports no usage."""
    return (len(text) + 3) // 4


class _CallError(Exception):
    """One failed attempt: its message, whether to retry, whether it marks the endpoint sick."""

    def __init__(
        self, message: str, *, retryable: bool, sick: bool, wait_s: float | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.retryable = retryable
        self.sick = sick
        self.wait_s = wait_s


class ModelRouter:
    """Routes a stage's calls over its models and endpoints; thread-safe; see the module doc.

    ``environ`` (default ``os.environ``) is where API key variables are read, at first use of
    an endpoint. ``clock`` and ``seed`` are for tests.
    """

    def __init__(
        self,
        config: LlmConfig,
        *,
        environ: Mapping[str, str] | None = None,
        clock: Callable[[], float] = time.monotonic,
        seed: int | None = None,
    ) -> None:
        self.config = config
        self._environ = os.environ if environ is None else environ
        self._clock = clock
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._clients: dict[str, Any] = {}
        self._locals: dict[str, LocalServer] = {}
        self._breakers: dict[str, CircuitBreaker] = {}
        self._cache = ResponseCache(config.cache_size)
        self._history = History(config.min_observations)

    # -- public API -----------------------------------------------------------------------

    def chain(self, stage: str) -> list[ModelRef]:
        """The stage's models in the order they will be tried (history applied)."""
        return self._history.order(self.config.chain(stage))

    def complete(
        self,
        stage: str,
        messages: Sequence[Message],
        *,
        cancel: threading.Event | None = None,
        temperature: float | None = None,
        max_tokens: int | None = None,
        cache: bool | None = None,
        offset: int = 0,
    ) -> Completion:
        """The first successful answer along the stage's fallback chain.

        ``offset`` starts the chain at another model (round-robin fan-out); ``temperature``
        and ``max_tokens`` default to the configuration. Raises ``LlmCancelled`` when
        ``cancel`` is set, ``LlmError`` when every model failed.
        """
        refs = self.chain(stage)
        if not refs:
            raise LlmError(f"no model is configured for the {stage} stage")
        start = offset % len(refs)
        refs = refs[start:] + refs[:start]
        temp = self.config.temperature(stage) if temperature is None else temperature
        limit = self.config.max_tokens if max_tokens is None else max_tokens
        failures: list[Failure] = []
        for ref in refs:
            _check_cancel(cancel, failures)
            began = self._clock()
            try:
                completion = self._call(ref, messages, temp, limit, cache, cancel)
            except LlmCancelled as exc:
                raise LlmCancelled(exc.message, tuple(failures)) from None
            except LlmError as exc:
                failures.append(
                    Failure(ref.endpoint, ref.model, exc.message, self._clock() - began)
                )
                continue
            return replace(completion, failures=tuple(failures))
        if len(failures) == 1:
            raise LlmError(failures[0].error, tuple(failures))
        reasons = "; ".join(f"{f.endpoint}:{f.model}: {f.error}" for f in failures)
        raise LlmError(f"all {len(failures)} {stage} models failed ({reasons})", tuple(failures))

    def record_outcome(self, model: str, passed: bool, latency_s: float) -> None:
        """Feed the history used to order fallback chains.

        ``model`` (``endpoint:model``) produced a candidate that ``passed`` validation or
        not, and its call took ``latency_s``.
        """
        self._history.record(model, passed, latency_s)

    def history(self) -> dict[str, ModelStats]:
        """Each model's recorded outcomes."""
        return self._history.snapshot()

    def breaker(self, endpoint: str) -> CircuitBreaker:
        """The circuit breaker of ``endpoint`` (created on first use)."""
        with self._lock:
            found = self._breakers.get(endpoint)
            if found is None:
                found = CircuitBreaker(
                    self.config.breaker_failures, self.config.breaker_reset_s, self._clock
                )
                self._breakers[endpoint] = found
            return found

    def close(self) -> None:
        """Close HTTP clients and stop local model servers."""
        with self._lock:
            clients, self._clients = self._clients, {}
            servers, self._locals = self._locals, {}
        for client in clients.values():
            client.close()
        for server in servers.values():
            server.close()

    def __enter__(self) -> ModelRouter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- one model ------------------------------------------------------------------------

    def _call(
        self,
        ref: ModelRef,
        messages: Sequence[Message],
        temperature: float,
        max_tokens: int,
        cache: bool | None,
        cancel: threading.Event | None,
    ) -> Completion:
        endpoint = self.config.endpoint(ref.endpoint)
        use_cache = temperature == 0.0 if cache is None else cache
        key = cache_key(endpoint.name, ref.model, messages, temperature, max_tokens)
        hit = self._cache.get(key) if use_cache else None
        if isinstance(hit, Completion):
            return replace(hit, cached=True, latency_s=0.0, cost_usd=0.0)
        breaker = self.breaker(endpoint.name)
        attempts = self.config.retries + 1
        last: _CallError | None = None
        for attempt in range(attempts):
            _check_cancel(cancel, [])
            if not breaker.allow():
                raise LlmError(
                    f"endpoint '{endpoint.name}' is failing ({breaker.failures} failures in a "
                    f"row), so it is not called for another {breaker.retry_in():.0f} s"
                )
            client = self._client(endpoint)
            began = self._clock()
            try:
                text, prompt_tokens, completion_tokens = self._request(
                    client, endpoint, ref, messages, temperature, max_tokens, cancel
                )
            except LlmCancelled:
                breaker.release()
                raise
            except _CallError as err:
                (breaker.failure if err.sick else breaker.success)()
                if not err.retryable:
                    raise LlmError(err.message) from None
                last = err
                if attempt + 1 < attempts:
                    delay = err.wait_s
                    if delay is None:
                        delay = backoff_delay(attempt, self.config.backoff_s, self._rng)
                    _sleep(delay, cancel)
                continue
            breaker.success()
            if not prompt_tokens:
                prompt_tokens = sum(estimate_tokens(m.get("content", "")) for m in messages)
            if not completion_tokens:
                completion_tokens = estimate_tokens(text)
            completion = Completion(
                text=text,
                model=ref.model,
                endpoint=endpoint.name,
                prompt_tokens=prompt_tokens,
                completion_tokens=completion_tokens,
                latency_s=self._clock() - began,
                cost_usd=endpoint.cost(prompt_tokens, completion_tokens),
            )
            if use_cache:
                self._cache.put(key, completion)
            return completion
        assert last is not None
        raise LlmError(f"{last.message}, after {attempts} attempts")

    def _client(self, endpoint: EndpointConfig) -> Any:
        """The endpoint's OpenAI client, made on first use (a local server starts here)."""
        with self._lock:
            client = self._clients.get(endpoint.name)
            if client is not None:
                return client
            server = None
            if endpoint.provider == "local":
                server = self._locals.get(endpoint.name)
                if server is None:
                    server = LocalServer(endpoint.model_path, endpoint.threads, endpoint.n_ctx)
                    self._locals[endpoint.name] = server
        if server is not None:
            base_url, key = server.base_url, server.token  # loads the model, outside our lock
        else:
            base_url, key = endpoint.base_url, NO_KEY
            if endpoint.api_key_env:
                key = self._environ.get(endpoint.api_key_env, "")
                if not key:
                    raise LlmError(
                        f"endpoint '{endpoint.name}' needs an API key: set the environment "
                        f"variable {endpoint.api_key_env}"
                    )
        import openai

        made = openai.OpenAI(
            base_url=base_url, api_key=key, timeout=self.config.timeout_s, max_retries=0
        )
        with self._lock:
            client = self._clients.setdefault(endpoint.name, made)
        if client is not made:
            made.close()
        return client

    def _request(
        self,
        client: Any,
        endpoint: EndpointConfig,
        ref: ModelRef,
        messages: Sequence[Message],
        temperature: float,
        max_tokens: int,
        cancel: threading.Event | None,
    ) -> tuple[str, int, int]:
        def send() -> Any:
            return client.chat.completions.create(
                model=ref.model,
                messages=[dict(m) for m in messages],
                temperature=temperature,
                max_tokens=max_tokens,
            )

        try:
            response = send() if cancel is None else _interruptible(send, cancel)
        except LlmCancelled:
            raise
        except Exception as exc:
            raise self._classify(exc, endpoint, ref) from None
        return _read(response, endpoint, ref)

    def _classify(self, exc: Exception, endpoint: EndpointConfig, ref: ModelRef) -> _CallError:
        import openai

        where = f"endpoint '{endpoint.name}'"
        if isinstance(exc, openai.APITimeoutError):
            return _CallError(
                f"{where} did not answer model '{ref.model}' within {self.config.timeout_s:g} s",
                retryable=True,
                sick=True,
            )
        if isinstance(exc, openai.APIConnectionError):
            url = without_userinfo(endpoint.base_url) if endpoint.provider != "local" else "local"
            return _CallError(f"{where} cannot be reached ({url})", retryable=True, sick=True)
        if isinstance(exc, openai.APIStatusError):
            status = exc.status_code
            detail = _detail(exc)
            if status == 429:
                return _CallError(
                    f"{where} rate-limited model '{ref.model}' (HTTP 429)",
                    retryable=True,
                    sick=False,  # the endpoint answers; limits are often per model
                    wait_s=retry_after(exc.response.headers),
                )
            if status in (408, 409) or status >= 500:
                return _CallError(
                    f"{where} failed for model '{ref.model}' (HTTP {status}{detail})",
                    retryable=True,
                    sick=True,
                    wait_s=retry_after(exc.response.headers),
                )
            if status in (401, 403):
                var = endpoint.api_key_env
                source = f" from {var}" if var else ""
                return _CallError(
                    f"{where} rejected the API key{source} (HTTP {status}{detail})",
                    retryable=False,
                    sick=False,
                )
            if status == 404:
                return _CallError(
                    f"{where} does not know model '{ref.model}' or its URL is wrong "
                    f"(HTTP 404{detail})",
                    retryable=False,
                    sick=False,
                )
            return _CallError(
                f"{where} refused the request for model '{ref.model}' (HTTP {status}{detail})",
                retryable=False,
                sick=False,
            )
        return _CallError(
            f"{where} sent a malformed response for model '{ref.model}' ({type(exc).__name__})",
            retryable=False,
            sick=True,
        )


def _detail(exc: Any) -> str:
    """The server's own error message, shortened, as ``": message"`` (or ``""``)."""
    body = getattr(exc, "body", None)
    inner = body.get("error", body) if isinstance(body, dict) else None
    message = inner.get("message") if isinstance(inner, dict) else inner
    if not isinstance(message, str) or not message.strip():
        message = re.sub(r"^Error code: \d+ - ", "", str(getattr(exc, "message", "") or ""))
    message = " ".join(message.split())
    return f": {message[:160]}" if message else ""


def _read(response: Any, endpoint: EndpointConfig, ref: ModelRef) -> tuple[str, int, int]:
    """The text and token counts of a chat completion; ``_CallError`` if it is malformed."""
    try:
        choices = response.choices
        text = choices[0].message.content
    except (AttributeError, IndexError, TypeError, KeyError):
        text = None
    if not isinstance(text, str):
        raise _CallError(
            f"endpoint '{endpoint.name}' sent a malformed response for model '{ref.model}' "
            "(no message content)",
            retryable=False,
            sick=True,
        )
    usage = getattr(response, "usage", None)
    prompt_tokens = getattr(usage, "prompt_tokens", 0) or 0
    completion_tokens = getattr(usage, "completion_tokens", 0) or 0
    return text, int(prompt_tokens), int(completion_tokens)


def _check_cancel(cancel: threading.Event | None, failures: Sequence[Failure]) -> None:
    if cancel is not None and cancel.is_set():
        raise LlmCancelled("cancelled", tuple(failures))


def _sleep(seconds: float, cancel: threading.Event | None) -> None:
    if cancel is None:
        time.sleep(seconds)
    elif cancel.wait(seconds):
        raise LlmCancelled()


def _interruptible(call: Callable[[], Any], cancel: threading.Event) -> Any:
    """``call()`` in a helper thread, abandoned (``LlmCancelled``) as soon as ``cancel`` is set."""
    box: dict[str, Any] = {}
    done = threading.Event()

    def work() -> None:
        try:
            box["value"] = call()
        except BaseException as exc:
            box["error"] = exc
        finally:
            done.set()

    threading.Thread(target=work, name="hive-ls-llm-call", daemon=True).start()
    while not done.wait(POLL_S):
        if cancel.is_set():
            raise LlmCancelled()
    if "error" in box:
        raise box["error"]
    return box["value"]
