"""``EndpointEmbedder``: any OpenAI-compatible ``POST {endpoint}/embeddings`` API (stdlib only)."""

from __future__ import annotations

import http.client
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from hive_ls.base.redact import without_userinfo
from hive_ls.base.retry import retry_after_seconds
from hive_ls.base.settings import EmbedSettings
from hive_ls.embed.api import EmbedError, ModelInfo, l2_normalise
from hive_ls.embed.ids import model_id_for

if TYPE_CHECKING:
    from hive_ls.embed.api import Vectors

TIMEOUT_S = 30.0
RETRIES = 3
MAX_RETRY_AFTER_S = 10.0


def _retry_after(headers: Any) -> float | None:
    """Seconds from a ``Retry-After`` header (delta or HTTP date), capped; ``None`` if absent."""
    value = headers.get("Retry-After") if headers is not None else None
    return retry_after_seconds(value, MAX_RETRY_AFTER_S)


def parse_embeddings(payload: bytes, count: int) -> np.ndarray[Any, np.dtype[np.float64]]:
    """The vectors of an embeddings response, in input order; ``EmbedError`` if malformed."""

    def bad(why: str) -> EmbedError:
        return EmbedError(f"endpoint returned malformed embeddings: {why}")

    try:
        body = json.loads(payload)
    except (ValueError, UnicodeDecodeError) as exc:
        raise bad("the reply is not JSON") from exc
    data = body.get("data") if isinstance(body, dict) else None
    if not isinstance(data, list):
        raise bad('the reply has no "data" list')
    if len(data) != count:
        raise bad(f"{len(data)} vectors for {count} inputs")
    items: list[tuple[int, list[Any]]] = []
    for item in data:
        index = item.get("index") if isinstance(item, dict) else None
        vector = item.get("embedding") if isinstance(item, dict) else None
        if isinstance(index, bool) or not isinstance(index, int) or not isinstance(vector, list):
            raise bad('an item lacks an integer "index" or an "embedding" list')
        items.append((index, vector))
    items.sort(key=lambda pair: pair[0])
    if [index for index, _ in items] != list(range(count)):
        raise bad(f"the indexes are not 0..{count - 1}")
    width = len(items[0][1]) if items else 0
    if width == 0 or any(len(vector) != width for _, vector in items):
        raise bad("the vectors are empty or of different lengths")
    if any(isinstance(x, bool) or not isinstance(x, (int, float)) for _, v in items for x in v):
        raise bad("a vector holds something other than numbers")
    vectors = np.array([vector for _, vector in items], dtype=np.float64)
    if not np.isfinite(vectors).all():
        raise bad("a vector holds NaN or infinity")
    return vectors


class EndpointEmbedder:
    """Vectors from an OpenAI-compatible embeddings API, ``embed.batch`` texts per request.

    429, 5xx answers and timeouts are retried up to 3 times with exponential backoff
    (honouring ``Retry-After`` up to 10 s). The dimension comes from a probe at open time.
    """

    info: ModelInfo

    def __init__(
        self, settings: EmbedSettings, *, timeout: float = TIMEOUT_S, backoff: float = 0.5
    ) -> None:
        if not settings.endpoint:
            raise EmbedError(
                f'embed.model = "{settings.model}" needs embed.endpoint (an OpenAI-compatible '
                'base URL) or embed.model = "minilm"'
            )
        self._url = settings.endpoint.rstrip("/") + "/embeddings"
        self._shown = without_userinfo(settings.endpoint.rstrip("/"))
        self._model = settings.model
        self._batch = max(1, settings.batch)
        self._timeout = timeout
        self._backoff = backoff
        self._headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if settings.api_key_env:
            key = os.environ.get(settings.api_key_env)
            if not key:
                raise EmbedError(
                    f"the environment variable {settings.api_key_env} (embed.api_key_env) "
                    "is not set, so the embedding endpoint has no API key"
                )
            self._headers["Authorization"] = f"Bearer {key}"
        probe = self._request(["hive-ls"])
        model_id = model_id_for(settings)
        assert model_id is not None
        self.info = ModelInfo(
            model_id=model_id, dim=int(probe.shape[1]), provider=f"endpoint {self._shown}"
        )

    def _post(self, texts: Sequence[str]) -> bytes:
        """One request, retried; the raw reply body."""
        # OpenAI-style APIs reject empty strings, so those are sent as one space.
        body = json.dumps({"model": self._model, "input": [t or " " for t in texts]}).encode()
        last = ""
        for attempt in range(RETRIES + 1):
            wait: float | None = None
            request = urllib.request.Request(self._url, data=body, headers=self._headers)
            try:
                with urllib.request.urlopen(request, timeout=self._timeout) as reply:
                    data: bytes = reply.read()
                    return data
            except urllib.error.HTTPError as exc:
                try:
                    detail = exc.read(300).decode("utf-8", "replace").strip().replace("\n", " ")
                except (OSError, http.client.HTTPException):
                    detail = ""
                last = f"HTTP {exc.code}" + (f": {detail}" if detail else "")
                if exc.code != 429 and exc.code < 500:
                    raise EmbedError(
                        f"endpoint {self._shown} refused the request ({last})"
                    ) from exc
                wait = _retry_after(exc.headers)
            except (OSError, http.client.HTTPException) as exc:  # URLError, timeouts, resets
                reason = getattr(exc, "reason", exc)
                last = type(reason).__name__ + (f": {reason}" if str(reason) else "")
            if attempt < RETRIES:
                time.sleep(wait if wait is not None else self._backoff * 2**attempt)
        raise EmbedError(f"endpoint {self._shown} failed after {RETRIES + 1} attempts ({last})")

    def _request(self, texts: Sequence[str]) -> Vectors:
        return l2_normalise(parse_embeddings(self._post(texts), len(texts)))

    def embed(self, texts: Sequence[str]) -> Vectors:
        """Shape ``(len(texts), dim)``, float32, rows L2-normalised."""
        if isinstance(texts, str):
            raise TypeError("embed takes a sequence of texts, not one string")
        parts = [np.zeros((0, self.info.dim), dtype=np.float32)]
        for start in range(0, len(texts), self._batch):
            part = self._request(texts[start : start + self._batch])
            if part.shape[1] != self.info.dim:
                raise EmbedError(
                    f"endpoint returned malformed embeddings: {part.shape[1]} dimensions, "
                    f"not {self.info.dim}"
                )
            parts.append(part)
        return np.concatenate(parts) if len(parts) > 1 else parts[0]

    def close(self) -> None:
        """Nothing to release (each request opens its own connection)."""
