"""``LocalServer``: llama.cpp's OpenAI-compatible server, in-process through ``xllamacpp``."""

from __future__ import annotations

import importlib
import os
import secrets
import threading
from typing import Any

from hive_ls.llm.errors import LlmError

EXTRA_MISSING = "the local provider needs the optional extra: pip install 'hive-ls[local]'"


class LocalServer:
    """A llama.cpp server on 127.0.0.1 (random port) serving the GGUF at ``model_path``.

    ``base_url`` and ``token`` (a random key the server requires) make it an ordinary
    OpenAI-compatible endpoint. ``start()`` loads the model (idempotent, thread-safe);
    ``close()`` stops it. Raises ``LlmError`` when xllamacpp is not installed, the file is
    missing, or the server does not start.
    """

    def __init__(self, model_path: str, threads: int = 1, n_ctx: int = 4096) -> None:
        self.model_path = model_path
        self.threads = threads
        self.n_ctx = n_ctx
        self.token = secrets.token_urlsafe(24)
        self._server: Any = None
        self._base_url = ""
        self._lock = threading.Lock()

    @property
    def base_url(self) -> str:
        """The ``.../v1`` URL of the running server (starts it if needed)."""
        self.start()
        return self._base_url

    def start(self) -> None:
        """Load the model and start listening, once."""
        with self._lock:
            if self._server is not None:
                return
            if not self.model_path or not os.path.isfile(self.model_path):
                raise LlmError(f"the local model file does not exist: {self.model_path!r}")
            try:
                xllamacpp = importlib.import_module("xllamacpp")
            except ImportError as exc:
                raise LlmError(EXTRA_MISSING) from exc
            params = xllamacpp.CommonParams()
            params.model.path = self.model_path
            params.n_ctx = self.n_ctx
            params.cpuparams.n_threads = self.threads
            params.cpuparams_batch.n_threads = self.threads
            params.n_parallel = 1
            params.hostnames = ["127.0.0.1"]
            params.port = 0
            params.api_keys = [self.token]
            params.verbosity = 0  # stdout may be the LSP channel: keep llama.cpp quiet
            try:
                server = xllamacpp.Server(params)
            except Exception as exc:
                raise LlmError(f"the local model server did not start: {exc}") from exc
            address = str(server.listening_address).rstrip("/")
            if not address.startswith("http"):
                address = f"http://{address}"
            self._server = server
            self._base_url = f"{address}/v1"

    @property
    def running(self) -> bool:
        """Whether the server is up."""
        return self._server is not None

    def close(self) -> None:
        """Stop the server (dropping the last reference stops llama.cpp's loop)."""
        with self._lock:
            self._server = None
            self._base_url = ""
