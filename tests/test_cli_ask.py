"""``hive-ls ask`` and ``hive-ls context`` from a shell: stub models, and one real local model."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import FIXTURES
from tests.llm.test_local import GGUF, needs_model
from tests.openai_stub import OpenAIStub, Status

CLI = [sys.executable, "-m", "hive_ls"]
DOC = (
    '```python\n    def checkout(self):\n        """Validate, save and total the cart."""\n'
    '        if not validate(self):\n            raise ValueError("invalid cart")\n'
    "        self.save()\n        return self.total()\n```\n"
)


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    root = tmp_path / "pyshop"
    shutil.copytree(FIXTURES / "pyshop", root)
    return root


def _ask(root: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, "ask", *args, "--root", str(root)],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, **env},
        check=False,
    )


def test_ask_applies_only_a_valid_change(shop: Path) -> None:
    cart = shop / "shop" / "cart.py"
    before = cart.read_text()
    with OpenAIStub(default=DOC) as api:
        env = {"OPENAI_BASE_URL": api.url, "OPENAI_API_KEY": "sk-test", "HIVE_LS_MODEL": "m"}
        done = _ask(shop, env, "add a docstring", "--at", "shop/cart.py:25", "--apply")
        assert done.returncode == 0, done.stderr
        assert '+        """Validate, save and total the cart."""' in done.stdout
        assert "[generator]" in done.stderr and "[validator]" in done.stderr
        assert '"""Validate, save and total the cart."""' in cart.read_text()
        assert all(r.headers["authorization"] == "Bearer sk-test" for r in api.chat())

        cart.write_text(before)
        api.script(
            "m", "```python\n    def checkout(self:\n```", "```python\n    def checkout(\n```"
        )
        api.default = "```python\n    def checkout(\n```"
        broken = _ask(shop, env, "add a docstring", "--at", "shop/cart.py:25", "--apply")
        assert broken.returncode == 1
        assert cart.read_text() == before, "a rejected change must never be written"
        assert "syntax" in broken.stderr.lower()


def test_ask_fails_clearly_without_a_model_or_endpoint(shop: Path, tmp_path: Path) -> None:
    none = _ask(shop, {"HIVE_LS_MODEL": ""}, "explain", "--at", "shop/cart.py:25")
    assert none.returncode == 2 and "no model configured" in none.stderr
    with OpenAIStub(default=Status(500)) as api:
        env = {"OPENAI_BASE_URL": api.url, "OPENAI_API_KEY": "k", "HIVE_LS_MODEL": "m"}
        (shop / ".hive").mkdir()
        (shop / ".hive" / "config.toml").write_text("[llm]\nretries = 1\nbackoff_s = 0.01\n")
        down = _ask(shop, env, "explain", "--at", "shop/cart.py:25", "--kind", "explain")
        assert down.returncode == 1
        assert "500" in down.stderr or "failed" in down.stderr.lower()


def test_context_command(shop: Path) -> None:
    done = subprocess.run(
        [*CLI, "context", "shop.cart.Cart.total", "--root", str(shop), "--budget", "300",
         "--format", "json"],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    found = json.loads(done.stdout)
    assert found["target"]["qname"] == "shop.cart.Cart.total"
    assert found["tokens"] <= 300 and found["items"]


@needs_model
def test_the_whole_pipeline_offline_with_a_real_local_model(shop: Path) -> None:
    (shop / ".hive").mkdir()
    (shop / ".hive" / "config.toml").write_text(
        "[llm]\nmax_tokens = 48\ntimeout_s = 90\n"
        f'[llm.endpoints.here]\nprovider = "local"\nmodel_path = "{GGUF}"\nn_ctx = 2048\n'
        '[llm.models]\ngenerator = "here:smollm2"\n'
    )
    done = _ask(
        shop, {"HIVE_LS_MODEL": ""}, "What does this do?", "--at", "shop/cart.py:25",
        "--kind", "explain", "--format", "json", "--trust",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["valid"] and answer["explanation"].strip()
    assert answer["stages"][0]["endpoint"] == "here"
