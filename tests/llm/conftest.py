"""Shared fixtures of the model-layer tests: a stub OpenAI server and configs pointing at it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from hive_ls.llm.client import ModelRouter
from hive_ls.llm.config import LlmConfig
from tests.openai_stub import OpenAIStub

KEY_ENV = "HIVE_LS_TEST_LLM_KEY"
SECRET = "sk-test-not-a-real-key-9876"


@pytest.fixture
def api() -> Iterator[OpenAIStub]:
    with OpenAIStub(default="```python\nreturn 1\n```") as stub:
        yield stub


def make_config(url: str, llm: dict[str, Any] | None = None, **top: Any) -> LlmConfig:
    """A config whose endpoint ``default`` is the stub (key from ``KEY_ENV``), fast retries."""
    layer: dict[str, Any] = {
        "timeout_s": 5,
        "backoff_s": 0.01,
        "endpoints": {"default": {"base_url": url, "api_key_env": KEY_ENV}},
        **top,
    }
    layers: list[tuple[str, Any]] = [("test", layer)]
    if llm:
        layers.append(("test-extra", llm))
    config, problems = LlmConfig.from_layers(layers, {})
    assert problems == []
    return config


def make_router(config: LlmConfig, **kwargs: Any) -> ModelRouter:
    return ModelRouter(config, environ={KEY_ENV: SECRET}, seed=1, **kwargs)
