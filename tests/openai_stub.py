"""A real HTTP server on 127.0.0.1 that speaks enough of the OpenAI API for tests.

Usage::

    with OpenAIStub(default="hello") as api:          # api.url == "http://127.0.0.1:PORT/v1"
        api.script("gpt-x", Status(429, retry_after=0), "first real answer")
        ...                                            # point any OpenAI client at api.url
        assert api.requests[0].headers["authorization"] == "Bearer sk-test"

Routes: ``POST /v1/chat/completions`` (also with ``"stream": true``, as server-sent events),
``POST /v1/embeddings`` (deterministic vectors of ``embedding_dim`` floats) and
``GET /v1/models``. Each chat request takes the next action from its model's queue
(``script``), or ``default`` when the queue is empty. An action is one of:

* ``str`` -- the reply text;
* ``Reply(text, usage=True, finish_reason="stop")`` -- the same, with or without ``usage``;
* ``Status(code, retry_after=None, message="")`` -- an error status (429, 500, 401, ...)
  with an OpenAI-style error body and an optional ``Retry-After`` header;
* ``Delay(seconds, then)`` -- wait, then do ``then`` (default: the default reply);
* ``Garbage(body)`` -- status 200 with a body that is not a chat completion;
* a callable ``(request_json) -> action`` -- computes the action (usually the reply text).

``requests`` records every request (``Recorded``: path, model, messages, lower-cased headers,
the JSON body) in arrival order; ``chat(model)`` filters the chat requests of one model.
If ``api_key`` is given, requests without ``Authorization: Bearer <api_key>`` get 401.
Usage counts are ``len(text) // 4`` (at least 1) for prompt and completion.
"""

from __future__ import annotations

import hashlib
import json
import sys
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Reply:
    """A successful chat completion with this text."""

    text: str
    usage: bool = True
    finish_reason: str = "stop"


@dataclass(frozen=True)
class Status:
    """An HTTP error: ``code`` with an OpenAI-style error body, optionally ``Retry-After``."""

    code: int
    retry_after: float | None = None
    message: str = ""


@dataclass(frozen=True)
class Delay:
    """Wait ``seconds`` (cut short when the stub stops), then do ``then``."""

    seconds: float
    then: Action | None = None


@dataclass(frozen=True)
class Garbage:
    """Status 200 with this body (not a chat completion)."""

    body: bytes = b"<html>not json</html>"
    content_type: str = "application/json"


Action = str | Reply | Status | Delay | Garbage | Callable[[dict[str, Any]], Any]


@dataclass(frozen=True)
class Recorded:
    """One request as the stub saw it."""

    path: str
    model: str
    messages: list[dict[str, Any]]
    headers: dict[str, str]
    body: dict[str, Any] = field(default_factory=dict)

    def text(self) -> str:
        """Every message's content, joined (handy for ``in`` assertions)."""
        return "\n".join(str(m.get("content", "")) for m in self.messages)


def _tokens(text: str) -> int:
    return max(1, len(text) // 4)


def fake_embedding(text: str, dim: int) -> list[float]:
    """A deterministic vector for ``text``."""
    digest = hashlib.sha256(text.encode()).digest()
    return [(digest[i % len(digest)] - 128) / 128 for i in range(dim)]


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stay quiet when a client hangs up (timeouts, cancellation); report the rest."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class OpenAIStub:
    """The stub server; a context manager (``start()``/``stop()`` also work)."""

    def __init__(
        self,
        default: Action = "ok",
        *,
        api_key: str | None = None,
        models: tuple[str, ...] = ("stub-model",),
        embedding_dim: int = 8,
    ) -> None:
        self.default = default
        self.api_key = api_key
        self.models = models
        self.embedding_dim = embedding_dim
        self.requests: list[Recorded] = []
        self._queues: dict[str, deque[Action]] = defaultdict(deque)
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.url = ""

    # -- control ----------------------------------------------------------------------------

    def script(self, model: str, *actions: Action) -> None:
        """Queue ``actions`` for the next chat requests naming ``model``."""
        with self._lock:
            self._queues[model].extend(actions)

    def reset(self) -> None:
        """Forget every scripted action and recorded request (between tests)."""
        with self._lock:
            self._queues.clear()
            self.requests.clear()

    def chat(self, model: str | None = None) -> list[Recorded]:
        """The recorded chat requests, of ``model`` only if given."""
        with self._lock:
            return [
                r
                for r in self.requests
                if r.path.endswith("/chat/completions") and (model is None or r.model == model)
            ]

    def start(self) -> OpenAIStub:
        """Listen on a free port of 127.0.0.1 and serve in a daemon thread."""
        self._server = _Server(("127.0.0.1", 0), _handler(self))
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/v1"
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), name="openai-stub", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving (delayed replies are cut short)."""
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> OpenAIStub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- internals --------------------------------------------------------------------------

    def _record(self, recorded: Recorded) -> None:
        with self._lock:
            self.requests.append(recorded)

    def _next(self, model: str) -> Action:
        with self._lock:
            queue = self._queues.get(model)
            return queue.popleft() if queue else self.default

    def _wait(self, seconds: float) -> None:
        self._stopping.wait(seconds)


def _completion(model: str, reply: Reply, prompt: str) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": f"chatcmpl-stub-{time.monotonic_ns()}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": reply.text},
                "finish_reason": reply.finish_reason,
            }
        ],
    }
    if reply.usage:
        prompt_tokens, completion_tokens = _tokens(prompt), _tokens(reply.text)
        body["usage"] = {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        }
    return body


def _handler(stub: OpenAIStub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out at once, not 40 ms apart

        def log_message(self, *args: Any) -> None:
            pass

        def _send(self, code: int, body: bytes, headers: dict[str, str] | None = None) -> None:
            try:
                self.send_response(code)
                headers = {"Content-Type": "application/json", **(headers or {})}
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except OSError:  # the client gave up (timeout, cancellation)
                self.close_connection = True

        def _json(self, code: int, payload: Any, headers: dict[str, str] | None = None) -> None:
            self._send(code, json.dumps(payload).encode(), headers)

        def _authorised(self) -> bool:
            if stub.api_key is None:
                return True
            if self.headers.get("Authorization") == f"Bearer {stub.api_key}":
                return True
            self._error(Status(401, message="invalid api key"))
            return False

        def _error(self, status: Status) -> None:
            headers = {}
            if status.retry_after is not None:
                headers["Retry-After"] = f"{status.retry_after:g}"
            message = status.message or f"stub error {status.code}"
            self._json(
                status.code,
                {"error": {"message": message, "type": "stub_error", "code": str(status.code)}},
                headers,
            )

        def _body(self) -> dict[str, Any]:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                data = json.loads(raw or b"{}")
            except json.JSONDecodeError:
                data = {}
            return data if isinstance(data, dict) else {}

        def do_GET(self) -> None:
            stub._record(Recorded(self.path, "", [], self._headers()))
            if not self._authorised():
                return
            if self.path.rstrip("/").endswith("/models"):
                data = [{"id": m, "object": "model", "owned_by": "stub"} for m in stub.models]
                self._json(200, {"object": "list", "data": data})
            else:
                self._error(Status(404, message=f"no route {self.path}"))

        def do_POST(self) -> None:
            body = self._body()
            model = str(body.get("model", ""))
            messages = body.get("messages") or []
            stub._record(Recorded(self.path, model, messages, self._headers(), body))
            if not self._authorised():
                return
            if self.path.endswith("/chat/completions"):
                self._chat(body, model, messages)
            elif self.path.endswith("/embeddings"):
                inputs = body.get("input", [])
                inputs = [inputs] if isinstance(inputs, str) else list(inputs)
                data = [
                    {
                        "object": "embedding",
                        "index": i,
                        "embedding": fake_embedding(str(t), stub.embedding_dim),
                    }
                    for i, t in enumerate(inputs)
                ]
                tokens = sum(_tokens(str(t)) for t in inputs)
                usage = {"prompt_tokens": tokens, "total_tokens": tokens}
                self._json(200, {"object": "list", "data": data, "model": model, "usage": usage})
            else:
                self._error(Status(404, message=f"no route {self.path}"))

        def _headers(self) -> dict[str, str]:
            return {k.lower(): v for k, v in self.headers.items()}

        def _chat(self, body: dict[str, Any], model: str, messages: list[Any]) -> None:
            action: Action | None = stub._next(model)
            while True:
                if isinstance(action, Delay):
                    stub._wait(action.seconds)
                    action = action.then if action.then is not None else stub.default
                elif callable(action) and not isinstance(action, Reply | Status | Garbage):
                    action = action(body)
                else:
                    break
            if isinstance(action, Status):
                self._error(action)
            elif isinstance(action, Garbage):
                self._send(200, action.body, {"Content-Type": action.content_type})
            else:
                reply = action if isinstance(action, Reply) else Reply(str(action))
                prompt = "\n".join(str(m.get("content", "")) for m in messages)
                completion = _completion(model, reply, prompt)
                if body.get("stream"):
                    self._stream(completion)
                else:
                    self._json(200, completion)

        def _stream(self, completion: dict[str, Any]) -> None:
            choice = completion["choices"][0]
            chunk = {
                **completion,
                "object": "chat.completion.chunk",
                "choices": [
                    {
                        "index": 0,
                        "delta": {"role": "assistant", "content": choice["message"]["content"]},
                        "finish_reason": choice["finish_reason"],
                    }
                ],
            }
            chunk.pop("usage", None)
            events = f"data: {json.dumps(chunk)}\n\ndata: [DONE]\n\n".encode()
            self._send(200, events, {"Content-Type": "text/event-stream"})

    return Handler
