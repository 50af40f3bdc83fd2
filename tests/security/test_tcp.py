"""TCP mode serves one client: a second connection, an HTTP request or a missing token is shut out.

Loopback is no boundary (any local process, any web page through the browser can connect), so
a connection must speak LSP from its first byte, only the first client that does is served,
and nothing another connection sends is ever applied.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.security.hostile import CLI, Listener, make_repo

TOKEN = "tcp-token-for-tests-1234"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _frame(message: dict[str, object]) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class Peer:
    """A raw LSP connection to the server."""

    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.buffer = b""
        self.next_id = 0

    def send(self, method: str, params: object = None, notify: bool = False) -> int:
        message: dict[str, object] = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        if not notify:
            self.next_id += 1
            message["id"] = self.next_id
        self.sock.sendall(_frame(message))
        return self.next_id

    def reply(self, request_id: int) -> dict[str, object]:
        """The response to ``request_id`` (notifications before it are skipped)."""
        while True:
            message = self._read()
            if message.get("id") == request_id and "method" not in message:
                return message

    def _read(self) -> dict[str, object]:
        while b"\r\n\r\n" not in self.buffer:
            self._more()
        head, _, self.buffer = self.buffer.partition(b"\r\n\r\n")
        length = int(head.split(b":")[1])
        while len(self.buffer) < length:
            self._more()
        body, self.buffer = self.buffer[:length], self.buffer[length:]
        return dict(json.loads(body))

    def _more(self) -> None:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("the server closed the connection")
        self.buffer += chunk

    def closed_by_server(self, wait: float = 10.0) -> bool:
        """Whether the server closes this connection (reads EOF) within ``wait`` seconds."""
        self.sock.settimeout(wait)
        try:
            while True:
                if not self.sock.recv(65536):
                    return True
        except TimeoutError:
            return False
        except ConnectionError:
            return True

    def close(self) -> None:
        self.sock.close()


def _initialize(peer: Peer, root: Path, options: object = None) -> dict[str, object]:
    params = {
        "processId": None,
        "rootUri": root.as_uri(),
        "capabilities": {},
        "initializationOptions": options,
    }
    answer = peer.reply(peer.send("initialize", params))
    peer.send("initialized", {}, notify=True)
    return answer


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[int, Path, subprocess.Popen[bytes]]]:
    port = _free_port()
    repo = make_repo(tmp_path / "repo")
    env = {**os.environ, "HIVE_LS_TOKEN": ""}
    process = subprocess.Popen(
        [*CLI, "serve", "--tcp", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _wait_listening(port)
    yield port, repo, process
    process.kill()
    process.wait(timeout=10)


def _wait_listening(port: int) -> None:
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError("the server never listened")


def test_a_second_connection_is_refused_and_cannot_take_over(
    served: tuple[int, Path, subprocess.Popen[bytes]],
) -> None:
    port, repo, process = served
    editor = Peer(port)
    assert "capabilities" in _initialize(editor, repo)["result"]  # type: ignore[operator]
    intruder = Peer(port)
    intruder.sock.sendall(
        _frame({"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration", "params": {}})
    )
    assert intruder.closed_by_server(), "a second client must be refused"
    intruder.close()
    time.sleep(0.3)
    assert process.poll() is None, "the intruder's disconnect shut the server down"
    status = editor.reply(editor.send("hive/status", {}))
    assert "result" in status, status
    editor.close()


def test_an_http_request_is_closed_and_applies_nothing(
    served: tuple[int, Path, subprocess.Popen[bytes]],
) -> None:
    port, repo, process = served
    with Listener() as attacker:
        settings = {"hive-ls": {"llm": {"endpoint": attacker.url, "model": "x"}}}
        body = json.dumps(
            {"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration",
             "params": {"settings": settings}}
        ).encode()  # fmt: skip
        page = Peer(port)  # what a web page's fetch() sends to http://127.0.0.1:PORT/
        page.sock.sendall(
            b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
            b"Content-Length: %d\r\n\r\n" % len(body) + body
        )
        assert page.closed_by_server()
        page.close()
        assert process.poll() is None
        editor = Peer(port)  # the real client still gets the server
        assert "result" in _initialize(editor, repo)
        status = editor.reply(editor.send("hive/status", {}))
        assert "result" in status
        assert attacker.connections == 0
        editor.close()


def test_a_token_is_required_when_the_server_has_one(tmp_path: Path) -> None:
    port = _free_port()
    repo = make_repo(tmp_path / "repo")
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN + "\n")
    log = tmp_path / "server.log"
    process = subprocess.Popen(
        [*CLI, "-vv", "serve", "--tcp", "--port", str(port), "--token-file", str(token_file),
         "--log-file", str(log)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        _wait_listening(port)
        stranger = Peer(port)
        stranger.send("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
        assert stranger.closed_by_server()
        stranger.close()
        wrong = Peer(port)
        _send_initialize(wrong, repo, {"token": "guess"})
        assert wrong.closed_by_server()
        wrong.close()
        editor = Peer(port)
        answer = _initialize(editor, repo, {"token": TOKEN})
        assert "capabilities" in answer["result"]  # type: ignore[operator]
        editor.reply(editor.send("shutdown"))
        editor.send("exit", notify=True)
        assert process.wait(timeout=30) == 0
    finally:
        process.kill()
    text = log.read_text()
    assert "no valid token" in text
    assert TOKEN not in text, "the token must never be logged"


def _send_initialize(peer: Peer, root: Path, options: object) -> None:
    peer.send(
        "initialize",
        {"processId": None, "rootUri": root.as_uri(), "capabilities": {},
         "initializationOptions": options},
    )  # fmt: skip
