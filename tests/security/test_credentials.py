"""Credentials are never logged or echoed, and a password in a URL never replaces the API key."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from hive_ls.llm.config import LlmConfig
from tests.openai_stub import OpenAIStub
from tests.security.hostile import CLI, cli, make_repo

PASSWORD = "hunter2-in-a-url"


def _with_password(url: str) -> str:
    return url.replace("http://", f"http://someone:{PASSWORD}@")


def test_redact_hides_every_user_and_password_in_urls() -> None:
    from hive_ls.base.redact import redact

    line = f"POST http://me:{PASSWORD}@host:8/v1/chat and https://tok@x.example/a b@c"
    assert redact(line) == "POST http://***@host:8/v1/chat and https://***@x.example/a b@c"


def test_a_configured_url_with_a_password_is_refused_without_echoing_it() -> None:
    url = _with_password("http://127.0.0.1:9/v1")
    config, problems = LlmConfig.from_layers([("settings", {"endpoint": url, "model": "m"})], {})
    assert config.endpoint("default").base_url != url
    assert problems and "without user:password" in problems[0]
    assert PASSWORD not in " ".join(problems)


def test_a_password_in_openai_base_url_is_left_out_and_never_logged(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    with OpenAIStub(default="It adds the items up.") as api:
        env = {
            "OPENAI_BASE_URL": _with_password(api.url),
            "OPENAI_API_KEY": "sk-user",
            "HIVE_LS_MODEL": "m",
        }
        done = cli(
            "-vv", "ask", "what is it?", "--at", "pkg/core.py:1", "--kind", "explain",
            "--root", str(repo), env=env,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert PASSWORD not in done.stderr + done.stdout
        assert "leaves out" in done.stderr
        assert api.chat(), "the endpoint is still used, without the password"
        assert all(r.headers["authorization"] == "Bearer sk-user" for r in api.chat())


def _frame(message: dict[str, object]) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def test_the_server_logs_warnings_only_unless_asked(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    log = tmp_path / "server.log"
    session = b"".join(
        _frame(m)
        for m in (
            {"jsonrpc": "2.0", "id": 1, "method": "initialize",
             "params": {"processId": None, "rootUri": repo.as_uri(), "capabilities": {}}},
            {"jsonrpc": "2.0", "method": "initialized", "params": {}},
            {"jsonrpc": "2.0", "id": 2, "method": "shutdown"},
            {"jsonrpc": "2.0", "method": "exit"},
        )
    )  # fmt: skip
    done = subprocess.run(
        [*CLI, "serve", "--log-file", str(log)],
        input=session,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert " INFO " not in log.read_text(), "INFO is not the default level"
