"""The AI configuration and model router the server uses, rebuilt when settings change."""

from __future__ import annotations

import os
import threading

from hive_ls.llm.client import ModelRouter
from hive_ls.llm.config import LlmConfig


class AiState:
    """``[llm]`` settings in force and the router (breakers, cache, history) serving them."""

    def __init__(self) -> None:
        self.config, _ = LlmConfig.from_layers([], os.environ)
        self._router: ModelRouter | None = None
        self._lock = threading.Lock()

    def set_config(self, config: LlmConfig) -> None:
        """Use ``config`` from now on (the router is made anew when it changed)."""
        with self._lock:
            if config != self.config and self._router is not None:
                self._router.close()
                self._router = None
            self.config = config

    def router(self) -> ModelRouter:
        """The router for the current settings (made on first use)."""
        with self._lock:
            if self._router is None:
                self._router = ModelRouter(self.config)
            return self._router

    def close(self) -> None:
        """Close the router (and a local model server, if one was started)."""
        with self._lock:
            if self._router is not None:
                self._router.close()
                self._router = None
