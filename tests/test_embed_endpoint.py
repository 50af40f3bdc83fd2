"""EndpointEmbedder against a real OpenAI-style embeddings server on 127.0.0.1."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import numpy as np
import pytest

from hive_ls.base.settings import EmbedSettings
from hive_ls.embed import EmbedError, open_embedder
from hive_ls.embed.endpoint import EndpointEmbedder, _retry_after

KEY_ENV = "HIVE_LS_TEST_EMBED_KEY"
SECRET = "sk-test-not-a-real-key-1234"


def fake_vector(text: str) -> list[float]:
    """A deterministic, unnormalised 6-dimensional vector."""
    return [float(len(text)), 1.0, float(text.count("a")), 2.0, 0.5, float(ord(text[0]))]


@dataclass
class Api:
    """The fake API's script (one action per request, then normal replies) and its log."""

    url: str = ""
    actions: list[str] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)


def handler_for(api: Api) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def reply(self, code: int, body: bytes, headers: dict[str, str] | None = None) -> None:
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            api.requests.append(
                {"path": self.path, "auth": self.headers.get("Authorization"), "body": body}
            )
            action = api.actions.pop(0) if api.actions else "ok"
            inputs = body["input"]
            data: list[dict[str, Any]] = [
                {"object": "embedding", "index": i, "embedding": fake_vector(text)}
                for i, text in enumerate(inputs)
            ]
            data.reverse()  # the index, not the order, says which input a vector belongs to
            if action == "429":
                self.reply(429, b'{"error": "slow down"}', {"Retry-After": "0"})
            elif action == "503":
                self.reply(503, b"busy")
            elif action == "401":
                self.reply(401, b'{"error": {"message": "invalid api key"}}')
            elif action == "slow":
                time.sleep(1.0)
                self.reply(200, json.dumps({"data": data}).encode())
            elif action == "garbage":
                self.reply(200, b"<html>not json")
            elif action == "count":
                self.reply(200, json.dumps({"data": data[:-1]}).encode())
            elif action == "ragged":
                data[0]["embedding"] = data[0]["embedding"][:3]
                self.reply(200, json.dumps({"data": data}).encode())
            else:
                reply = {"object": "list", "data": data, "model": body["model"]}
                self.reply(200, json.dumps(reply).encode())

    return Handler


@pytest.fixture
def api() -> Iterator[Api]:
    state = Api()
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(state))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    yield state
    server.shutdown()
    server.server_close()


def settings(api: Api, **changes: Any) -> EmbedSettings:
    values: dict[str, Any] = {"model": "test-model", "endpoint": api.url, "batch": 2}
    values.update(changes)
    return EmbedSettings(**values)


def expected(texts: list[str]) -> np.ndarray:
    raw = np.array([fake_vector(t) for t in texts], dtype=np.float64)
    result: np.ndarray = (raw / np.linalg.norm(raw, axis=1, keepdims=True)).astype(np.float32)
    return result


def test_embeds_in_batches_in_input_order(api: Api) -> None:
    model = open_embedder(settings(api))
    assert model.info.dim == 6
    assert model.info.model_id == "api_test_model"
    assert model.info.provider == f"endpoint {api.url}"
    texts = ["alpha", "b", "banana", "cc", "aaaa"]
    vectors = model.embed(texts)
    assert vectors.dtype == np.float32
    assert np.allclose(vectors, expected(texts), atol=1e-6)
    assert model.embed([]).shape == (0, 6)
    # the probe, then batches of 2
    assert [len(r["body"]["input"]) for r in api.requests] == [1, 2, 2, 1]
    assert api.requests[0]["body"] == {"model": "test-model", "input": ["hive-ls"]}
    assert {r["path"] for r in api.requests} == {"/v1/embeddings"}
    assert api.requests[0]["auth"] is None


def test_retries_after_429_and_5xx(api: Api) -> None:
    model = EndpointEmbedder(settings(api), backoff=0.01)
    api.actions = ["429", "503", "503"]
    assert np.allclose(model.embed(["abc"]), expected(["abc"]), atol=1e-6)
    assert len(api.requests) == 1 + 4


def test_gives_up_after_three_retries(api: Api) -> None:
    model = EndpointEmbedder(settings(api), backoff=0.01)
    api.actions = ["503"] * 4
    with pytest.raises(EmbedError, match=r"failed after 4 attempts \(HTTP 503: busy\)"):
        model.embed(["abc"])


def test_timeouts_are_retried(api: Api) -> None:
    model = EndpointEmbedder(settings(api), backoff=0.01, timeout=0.3)
    api.actions = ["slow"]
    assert np.allclose(model.embed(["abc"]), expected(["abc"]), atol=1e-6)
    api.actions = ["slow"] * 4
    with pytest.raises(EmbedError, match="failed after 4 attempts"):
        model.embed(["abc"])


@pytest.mark.parametrize(
    ("action", "why"),
    [
        ("garbage", "the reply is not JSON"),
        ("count", "1 vectors for 2 inputs"),
        ("ragged", "the vectors are empty or of different lengths"),
    ],
)
def test_malformed_replies_are_errors(api: Api, action: str, why: str) -> None:
    model = open_embedder(settings(api))
    api.actions = [action]
    with pytest.raises(EmbedError, match=f"^endpoint returned malformed embeddings: {why}"):
        model.embed(["one", "two"])


def test_a_malformed_probe_fails_the_open(api: Api) -> None:
    api.actions = ["garbage"]
    with pytest.raises(EmbedError, match="malformed embeddings"):
        open_embedder(settings(api))


def test_api_key_comes_from_the_named_variable(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_ENV, raising=False)
    with pytest.raises(EmbedError, match=f"environment variable {KEY_ENV} .* is not set"):
        open_embedder(settings(api, api_key_env=KEY_ENV))
    assert api.requests == []
    monkeypatch.setenv(KEY_ENV, SECRET)
    model = open_embedder(settings(api, api_key_env=KEY_ENV))
    model.embed(["x"])
    assert {r["auth"] for r in api.requests} == {f"Bearer {SECRET}"}
    api.actions = ["401"]
    with pytest.raises(EmbedError, match="refused the request") as caught:
        model.embed(["x"])
    assert SECRET not in str(caught.value)
    assert len(api.requests) == 3  # a 401 is not retried


def test_unreachable_endpoint_is_an_error() -> None:
    unused = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    port = unused.server_address[1]
    unused.server_close()
    model_settings = EmbedSettings(model="m", endpoint=f"http://127.0.0.1:{port}/v1")
    with pytest.raises(EmbedError, match="failed after 4 attempts"):
        EndpointEmbedder(model_settings, backoff=0.01)


def test_retry_after_is_capped() -> None:
    assert _retry_after({"Retry-After": "3"}) == 3.0
    assert _retry_after({"Retry-After": "120"}) == 10.0
    assert _retry_after({"Retry-After": "soon"}) is None
    assert _retry_after({}) is None
